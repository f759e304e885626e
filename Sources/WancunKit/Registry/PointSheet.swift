import Foundation
import GRDB

/// The points spreadsheet: the one list of its columns, from which the template, the import
/// and the export are all made, so they cannot drift apart.
public enum PointSheet {
    public struct Column: Sendable {
        public var key: String
        public var header: String
        public var required: Bool
        public var note: String
        public var example: String
    }

    public static let columns: [Column] = [
        Column(key: "point_code", header: "服务点编码", required: false, note: "更新已有服务点时填写；新建留空，导入后生成（村代码＋3位序号）", example: ""),
        Column(key: "village_code", header: "村代码", required: false, note: "12位统计用区划代码；不填时按“乡镇”和“行政村”名称查找", example: "330424101201"),
        Column(key: "town_name", header: "乡镇", required: false, note: "乡镇（街道）名称，与行政村名称一起代替村代码", example: "沈荡镇"),
        Column(key: "village_name", header: "行政村", required: false, note: "行政村名称，可省略“村民委员会”“村委会”等后缀", example: "聚金村"),
        Column(key: "name", header: "服务点名称", required: true, note: "必填", example: "聚金村电商服务站"),
        Column(key: "address", header: "地址", required: false, note: "", example: "海盐县沈荡镇聚金村村委会旁"),
        Column(key: "latitude", header: "纬度", required: false, note: "WGS 84 十进制度，与经度一起填写", example: "30.5234"),
        Column(key: "longitude", header: "经度", required: false, note: "WGS 84 十进制度", example: "120.8921"),
        Column(key: "plan_year", header: "纳入规划年份", required: false, note: "纳入全省建设规划的年份，如 2025", example: "2025"),
        Column(key: "opened_on", header: "开业日期", required: false, note: "YYYY-MM-DD；填写则服务点为运营中，否则为规划中", example: "2025-03-01"),
        Column(key: "operator_name", header: "站长姓名", required: false, note: "有站长时填写站长各列", example: "王演示"),
        Column(key: "id_number", header: "公民身份号码", required: false, note: "18位，请把本列设为“文本”格式；不可填遮蔽号码", example: "330424198503150023"),
        Column(key: "phone", header: "手机号", required: false, note: "11位", example: "13800000001"),
        Column(key: "retirement_group", header: "退休年龄类别", required: false, note: "male、female-55 或 female-50；女性必填", example: "female-50"),
        Column(key: "difficulty", header: "就业困难人员类别", required: false,
               note: "4050、disabled、zero-employment、minimum-income、land-lost、long-term-unemployed、other", example: "4050"),
        Column(key: "certificate_no", header: "证明编号", required: false, note: "与类别、认定日期一起填写", example: "海人社困认字2024第001号"),
        Column(key: "certified_on", header: "认定日期", required: false, note: "YYYY-MM-DD", example: "2024-01-15"),
        Column(key: "contract_type", header: "合同类型", required: false, note: "labour（劳动合同）或 civil（民事协议）", example: "civil"),
        Column(key: "contract_from", header: "合同开始", required: false, note: "YYYY-MM-DD；也是站长任职日期", example: "2025-03-01"),
        Column(key: "contract_to", header: "合同结束", required: false, note: "YYYY-MM-DD", example: "2027-02-28"),
        Column(key: "services", header: "服务", required: false,
               note: "用逗号分隔：agent-purchase:建材|农资|日用品、agent-sale、bill-payment、ticketing、parcel（药品和金融服务请用 service add 登记合作方）",
               example: "parcel,bill-payment,agent-purchase:农资"),
        Column(key: "force_reason", header: "强制原因", required: false, note: "疑似重复（名称相近、50米内、手机号相同）但确属不同时，写明原因", example: ""),
    ]

    static var columnSpecs: [ColumnSpec] {
        columns.map { ColumnSpec($0.key, $0.header, required: $0.key == "name") }
    }

    /// The import template: headers, one example row, and a sheet explaining each column.
    public static func template(to path: String) throws {
        let example = columns.map(\.example)
        if path.lowercased().hasSuffix(".xlsx") {
            try XLSXWriter.write(
                [
                    Worksheet(name: "服务点", header: columns.map(\.header), rows: [example.map { SheetCell.text($0) }]),
                    Worksheet(
                        name: "填写说明", header: ["列", "英文列名", "必填", "说明与可填的值"],
                        rows: columns.map { [.text($0.header), .text($0.key), .text($0.required ? "是" : "否"), .text($0.note)] }),
                ], to: path)
        } else {
            var csv = CSVWriter()
            csv.append(columns.map(\.header))
            csv.append(example)
            try csv.write(to: path)
        }
    }
}

extension AppDatabase {
    /// The registry as a points file: the template's columns, one row per point with its
    /// current operator and open services. ID numbers and phones masked unless `reveal`.
    public func exportPoints(to path: String, under: DivisionCode? = nil, reveal: Bool) throws -> Int {
        let rows: [[String]] = try read { db in
            let points = try PointListing.fetchAll(
                db, sql: PointListing.selectSQL + " WHERE p.code GLOB ? ORDER BY p.code", arguments: [(under?.significantPrefix ?? "") + "*"])
            return try points.map { p in
                let point = try Self.point(db, p.code)
                let assignment = try Assignment.fetchOpen(db, pointId: point.id!)
                let person = try assignment.flatMap { try Operator.fetchOne(db, key: $0.operatorId) }
                let services = try Service.fetchOpen(db, pointId: point.id!)
                    .filter { $0.kind != .finance && $0.category != .medicines }
                    .map { $0.kind.rawValue + ($0.category.map { ":" + Message.purchaseCategory($0).zh } ?? "") }
                func number(_ d: Double?) -> String { d.map { String($0) } ?? "" }
                let values: [String: String] = [
                    "point_code": p.code, "village_code": p.villageCode.rawValue, "town_name": p.townName,
                    "village_name": Normalize.villageName(p.villageName), "name": p.name, "address": p.address ?? "",
                    "latitude": number(p.latitude), "longitude": number(p.longitude), "plan_year": p.planYear.map(String.init) ?? "",
                    "opened_on": p.openedOn?.description ?? "", "operator_name": person?.name ?? "",
                    "id_number": person.map { reveal ? $0.idNumber : Mask.residentID($0.idNumber) } ?? "",
                    "phone": person.map { reveal ? $0.phone : Mask.phone($0.phone) } ?? "",
                    "retirement_group": person?.retirementGroup.rawValue ?? "", "difficulty": person?.difficulty?.rawValue ?? "",
                    "certificate_no": person?.certificateNo ?? "", "certified_on": person?.certifiedOn?.description ?? "",
                    "contract_type": assignment?.contractType?.rawValue ?? "", "contract_from": assignment?.contractFrom?.description ?? "",
                    "contract_to": assignment?.contractTo?.description ?? "", "services": services.joined(separator: ","), "force_reason": "",
                ]
                return PointSheet.columns.map { values[$0.key] ?? "" }
            }
        }
        try TableFile.write(
            Worksheet(name: "服务点", header: PointSheet.columns.map(\.header), rows: rows.map { $0.map { SheetCell.text($0) } }), to: path)
        return rows.count
    }
}
