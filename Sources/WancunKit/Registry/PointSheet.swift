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

    /// Where the point is, its own fields with a sheet column (`Point.fields`), its operator and
    /// services.
    public static let columns: [Column] =
        whereColumns
        + pointFields.map { field in
            Column(key: field.column, header: field.sheet!.header, required: field.required, note: field.sheet!.note, example: field.sheet!.example)
        } + operatorColumns

    /// The point's fields the sheet has, in the table's order.
    static let pointFields = Point.fields.filter { $0.sheet != nil }

    private static let whereColumns: [Column] = [
        Column(key: "point_code", header: "服务点编码", required: false, note: "更新已有服务点时填写；新建留空，导入后生成（村代码＋3位序号）", example: ""),
        Column(key: "village_code", header: "村代码", required: false, note: "12位统计用区划代码；不填时按“乡镇”和“行政村”名称查找", example: "330424101201"),
        Column(key: "town_name", header: "乡镇", required: false, note: "乡镇（街道）名称，与行政村名称一起代替村代码", example: "沈荡镇"),
        Column(key: "village_name", header: "行政村", required: false, note: "行政村名称，可省略“村民委员会”“村委会”等后缀", example: "聚金村"),
    ]

    private static let operatorColumns: [Column] = [
        Column(key: "operator_name", header: "站长姓名", required: false, note: "有站长时填写站长各列", example: "王演示"),
        Column(key: "id_number", header: "公民身份号码", required: false, note: "18位，请把本列设为“文本”格式；不可填遮蔽号码", example: "330424198503150023"),
        Column(key: "phone", header: "手机号", required: false, note: "11位", example: "13800000001"),
        Column(key: "retirement_group", header: "退休年龄类别", required: false, note: "男、女干部 或 女工人（也可填英文代码）；女性必填", example: "女工人（50岁起）"),
        Column(
            key: "difficulty", header: "就业困难人员类别", required: false,
            note: "4050人员、残疾人、零就业家庭、最低生活保障家庭、被征地农民、连续失业一年以上、其他（也可填英文代码）；4050人员须认定日女满40周岁、男满50周岁", example: "被征地农民"),
        Column(key: "certificate_no", header: "证明编号", required: false, note: "与类别、认定日期一起填写", example: "海人社困认字2024第001号"),
        Column(key: "certified_on", header: "认定日期", required: false, note: "YYYY-MM-DD", example: "2024-01-15"),
        Column(key: "contract_type", header: "合同类型", required: false, note: "劳动合同 或 民事协议（也可填英文代码）", example: "民事协议"),
        Column(key: "contract_from", header: "合同开始", required: false, note: "YYYY-MM-DD；也是站长任职日期", example: "2025-03-01"),
        Column(key: "contract_to", header: "合同结束", required: false, note: "YYYY-MM-DD", example: "2027-02-28"),
        Column(
            key: "services", header: "服务", required: false,
            note: "用逗号分隔：代购:建材|农资|日用品、农产品代销、缴费、购票、包裹存取（也可填英文代码；药品和金融服务请用 wancun service add 登记合作方）",
            example: "包裹存取,缴费,代购:农资"),
        Column(
            key: "force_reason", header: "强制原因", required: false, note: "疑似重复（名称相近、50米内、手机号相同）但确属不同，或确属例外（居委会类社区的服务点、认定日不满年龄的4050人员）时，写明原因",
            example: ""),
    ]

    /// Columns of identifiers made of digits: text cells, kept as text in a CSV for Excel.
    static let codeKeys: Set<String> = ["point_code", "village_code", "id_number"]

    static var columnSpecs: [ColumnSpec] {
        columns.map { ColumnSpec($0.key, $0.header, required: $0.required) }
    }

    /// The import template: headers, one example row, and a sheet explaining each column.
    public static func template(to path: String) throws {
        let example = columns.map(\.example)
        if TableFile.writesWorkbook(path) {
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
    /// The rows are read in one pass and written as they come, so that a national registry
    /// is never held whole. A `reveal` export is audited: who took how many full ID numbers,
    /// to which file.
    public func exportPoints(to path: String, under: DivisionCode? = nil, reveal: Bool, context: ChangeContext) throws -> Int {
        let output = try TableFile.Output(path: path, name: "服务点", header: PointSheet.columns.map(\.header), ownerOnly: reveal)
        var idNumbers = 0
        do {
            let count = try read { db in
                let prefix = under?.significantPrefix ?? ""
                // Codes are digits: every code that starts with `prefix` sorts before prefix + "A".
                let rows = try Row.fetchCursor(db, sql: Self.exportSQL, arguments: [prefix, prefix + "A"])
                var count = 0
                while let row = try rows.next() {
                    if (row[Self.operatorIndex + 1] as String?) != nil { idNumbers += 1 }
                    try output.append(
                        zip(PointSheet.columns, Self.exportCells(row, reveal: reveal)).map { column, value in
                            PointSheet.codeKeys.contains(column.key) ? .code(value) : .text(value)
                        })
                    count += 1
                }
                return count
            }
            try output.finish()
            if reveal {
                do {
                    let full = URL(fileURLWithPath: path).standardizedFileURL.path
                    var after: [(String, JSONValue)] = [
                        ("file", .string(full)), ("rows", .number(String(count))), ("id_numbers", .number(String(idNumbers))),
                    ]
                    if let under { after.append(("under", .string(under.rawValue))) }
                    try write { db in try db.audit("point.reveal", AuditSubject(), after: .object(after), context: context) }
                } catch {
                    // No file of full ID numbers leaves without its audit line.
                    try? FileManager.default.removeItem(atPath: path)
                    throw error
                }
            }
            return count
        } catch {
            output.discard()
            throw error
        }
    }

    /// A point with its village, town, current operator and contract, and open services in
    /// the order they were added (the subquery reads them by the index on point_id, in id order).
    private static let exportSQL = """
        SELECT p.code, v.code, t.name, v.name, \(PointSheet.pointFields.map { "p." + $0.column }.joined(separator: ", ")),
               o.name, o.id_number, o.phone, o.retirement_group, o.difficulty, o.certificate_no, o.certified_on,
               a.contract_type, a.contract_from, a.contract_to,
               (SELECT group_concat(item, ',') FROM (
                  SELECT s.kind || ifnull(':' || s.category, '') AS item FROM service s
                  WHERE s.point_id = p.id AND \(RegistrySQL.open("s")) ORDER BY s.id))
        FROM point p
        JOIN division v ON v.id = p.village_id
        JOIN division t ON t.id = v.parent_id
        LEFT JOIN assignment a ON a.point_id = p.id AND \(RegistrySQL.open("a"))
        LEFT JOIN operator o ON o.id = a.operator_id
        WHERE p.code >= ? AND p.code < ?
        ORDER BY p.code
        """

    /// Where the operator's columns start in a row of `exportSQL`.
    private static let operatorIndex = 4 + PointSheet.pointFields.count

    /// One row of `exportSQL` in the template's columns.
    private static func exportCells(_ row: Row, reveal: Bool) -> [String] {
        func text(_ index: Int) -> String { row[index] ?? "" }
        // The sheet is Chinese whatever the language, as the template is; the import reads labels back.
        func label<Code: Labelled>(_ type: Code.Type, _ index: Int) -> String { Code(rawValue: text(index))?.chineseLabel ?? text(index) }
        let o = operatorIndex
        let idNumber: String? = row[o + 1]
        let phone: String? = row[o + 2]
        // Finance and medicines need a partner and licence the sheet has no columns for.
        let services = (text(o + 10)).split(separator: ",").compactMap { item -> String? in
            let parts = item.split(separator: ":", maxSplits: 1)
            guard let kind = ServiceKind(rawValue: String(parts[0])), kind != .finance else { return nil }
            guard parts.count > 1 else { return kind.chineseLabel }
            guard let category = PurchaseCategory(rawValue: String(parts[1])), category != .medicines else { return nil }
            return kind.chineseLabel + ":" + category.chineseLabel
        }
        let own = PointSheet.pointFields.enumerated().map { i, field in field.value.text(row[4 + i] as DatabaseValue) ?? "" }
        return [text(0), text(1), text(2), Normalize.villageName(text(3))] + own + [
            text(o), idNumber.map { reveal ? $0 : Mask.residentID($0) } ?? "", phone.map { reveal ? $0 : Mask.phone($0) } ?? "",
            label(RetirementGroup.self, o + 3), label(DifficultyCategory.self, o + 4), text(o + 5), text(o + 6),
            label(ContractType.self, o + 7), text(o + 8), text(o + 9), services.joined(separator: ","), "",
        ]
    }
}
