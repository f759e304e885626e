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

/// What happened to one row of a points file.
public struct PointImportRow: Sendable {
    public enum Action: String, Sendable { case created, updated, unchanged }
    public var row: Int
    public var pointCode: String
    public var action: Action
}

public struct PointImportSummary: Sendable {
    public var summary: ImportSummary
    public var rows: [PointImportRow]
    public var headerRow: Int

    public func count(_ action: PointImportRow.Action) -> Int { rows.filter { $0.action == action }.count }
}

extension AppDatabase {
    /// Loads points from a township's spreadsheet. Every row is checked, the duplicate checks
    /// included (also between rows of the file), before anything is written; a row with a
    /// point code updates that point, a row without one updates the village's point of the
    /// same name or creates one. Importing the same file again changes nothing.
    public func importPoints(
        from path: String, sheet: String? = nil, dryRun: Bool = false, context: ChangeContext, progress: ((Int) -> Void)? = nil
    ) throws -> PointImportSummary {
        var towns: [String: [Division]] = [:]
        var villagesByTown: [Int64: [Division]] = [:]
        var outcomes: [PointImportRow] = []
        var firstRowOfPoint: [String: Int] = [:]
        let summary = try importTable(
            path: path, sheet: sheet, columns: PointSheet.columnSpecs, dryRun: dryRun,
            prepare: { db in
                for d in try Division.filter(Column("level") == "town" && Column("retired_on") == nil).fetchAll(db) {
                    towns[Normalize.spreadsheetText(d.name), default: []].append(d)
                }
                for d in try Division.filter(Column("level") == "village" && Column("retired_on") == nil).fetchAll(db) {
                    villagesByTown[d.parentId!, default: []].append(d)
                }
            },
            row: { row, check, db in
                progress?(row.number)
                let before = check.problems.count
                var result: PointImportRow?
                do {
                    try db.inSavepoint {
                        result = try Self.importPointRow(row, &check, db, towns: towns, villagesByTown: villagesByTown, context: context)
                        // Two rows of one file that come to the same point are a duplicate.
                        if let code = result?.pointCode, let first = firstRowOfPoint[code] {
                            check.add(row, "name", rule: "DUPLICATE_IN_FILE", message: .samePointAsRow(first, code))
                        }
                        return check.problems.count == before ? .commit : .rollback
                    }
                } catch let error as RegistryError {
                    check.add(row, Self.column(for: error), rule: error.rule, message: error.message)
                } catch let error as StoreError {
                    throw error
                }
                if check.problems.count == before, let result {
                    firstRowOfPoint[result.pointCode] = row.number
                    outcomes.append(result)
                    return result.action != .unchanged
                }
                return false
            })
        return PointImportSummary(summary: summary, rows: outcomes, headerRow: summary.headerRow)
    }

    /// The column a refusal is about, for the row problem.
    static func column(for error: RegistryError) -> String? {
        switch error {
        case .invalid(let field, _): field == "id_number" ? "id_number" : field == "phone" ? "phone" : nil
        case .villageUnknown, .notAVillage, .villageRetired: "village_code"
        case .phoneDuplicate: "phone"
        case .pointNameDuplicate: "name"
        case .pointTooClose: "latitude"
        case .operatorBusy, .retirementGroupRequired, .retirementGroupNotForMen, .retirementGroupNotForWomen: "id_number"
        case .difficultyIncomplete, .difficultyNoteRequired: "difficulty"
        case .contractIncomplete, .contractEndsBeforeStart: "contract_type"
        case .pointUnknown: "point_code"
        default: nil
        }
    }

    static func importPointRow(
        _ row: TableRow, _ check: inout RowChecker, _ db: Database, towns: [String: [Division]], villagesByTown: [Int64: [Division]],
        context: ChangeContext
    ) throws -> PointImportRow? {
        // The village: by code, or by town and village names when they are unambiguous.
        var village: DivisionCode?
        if !row["village_code"].isEmpty {
            village = check.value(row, "village_code") { text throws(ValueError) in try DivisionCode(parsing: text) }
        } else if !row["village_name"].isEmpty {
            let townMatches = towns[Normalize.spreadsheetText(row["town_name"])] ?? []
            if townMatches.count != 1 {
                check.add(row, "town_name", rule: townMatches.isEmpty ? "TOWN_UNKNOWN" : "TOWN_AMBIGUOUS",
                          message: .townByName(row["town_name"], found: townMatches.count))
            } else {
                let wanted = Normalize.villageName(row["village_name"])
                let matches = (villagesByTown[townMatches[0].id!] ?? []).filter { Normalize.villageName($0.name) == wanted }
                if matches.count == 1 {
                    village = matches[0].code
                } else {
                    check.add(row, "village_name", rule: matches.isEmpty ? "VILLAGE_UNKNOWN" : "VILLAGE_AMBIGUOUS",
                              message: .villageByName(row["village_name"], codes: matches.map(\.code.rawValue)))
                }
            }
        } else {
            check.add(row, "village_code", rule: "REQUIRED", message: .villageRequired)
        }
        let name = Normalize.spreadsheetText(row["name"])
        if name.isEmpty { check.add(row, "name", rule: "REQUIRED", message: ValueError.empty.message) }
        func optional<T>(_ key: String, _ parse: (String) throws(ValueError) -> T) -> T? {
            row[key].isEmpty ? nil : check.value(row, key, parse)
        }
        let latitude = optional("latitude") { text throws(ValueError) in try Self.degrees(text) }
        let longitude = optional("longitude") { text throws(ValueError) in try Self.degrees(text) }
        let planYear = optional("plan_year") { text throws(ValueError) in
            guard let y = Int(text) else { throw .number(text) }
            return y
        }
        let openedOn = optional("opened_on") { text throws(ValueError) in try LocalDate(parsing: text) }
        let override = Override(force: !row["force_reason"].isEmpty, reason: row["force_reason"].isEmpty ? nil : row["force_reason"])
        // The operator, when the row names one.
        let hasOperator = !row["id_number"].isEmpty
        let idNumber = hasOperator
            ? check.value(row, "id_number", personal: Mask.residentID) { text throws(ValueError) in try ResidentID(parsing: text, today: context.today) }
            : nil
        var phone: Phone?
        if hasOperator {
            if row["phone"].contains("*") {
                check.add(row, "phone", value: Mask.phone(row["phone"]), rule: "PHONE_MASKED", message: .phoneMasked)
            } else {
                phone = check.value(row, "phone", personal: Mask.phone) { text throws(ValueError) in try Phone(parsing: text) }
            }
            if Normalize.spreadsheetText(row["operator_name"]).isEmpty {
                check.add(row, "operator_name", rule: "REQUIRED", message: ValueError.empty.message)
            }
        }
        let group = optional("retirement_group") { text throws(ValueError) in
            guard let g = RetirementGroup(rawValue: text) else { throw .choice(text, RetirementGroup.allCases.map(\.rawValue)) }
            return g
        }
        let difficulty = optional("difficulty") { text throws(ValueError) in
            guard let d = DifficultyCategory(rawValue: text) else { throw .choice(text, DifficultyCategory.allCases.map(\.rawValue)) }
            return d
        }
        let certifiedOn = optional("certified_on") { text throws(ValueError) in try LocalDate(parsing: text) }
        let contractType = optional("contract_type") { text throws(ValueError) in
            guard let c = ContractType(rawValue: text) else { throw .choice(text, ContractType.allCases.map(\.rawValue)) }
            return c
        }
        let contractFrom = optional("contract_from") { text throws(ValueError) in try LocalDate(parsing: text) }
        let contractTo = optional("contract_to") { text throws(ValueError) in try LocalDate(parsing: text) }
        var services: [(ServiceKind, PurchaseCategory?)] = []
        for item in row["services"].split(whereSeparator: { $0 == "," || $0 == "，" || $0 == "、" }) {
            let parts = item.split(separator: ":", maxSplits: 1).map { Normalize.spreadsheetText(String($0)) }
            let category = parts.count > 1 ? PurchaseCategory(text: parts[1]) : nil
            guard let kind = ServiceKind(rawValue: parts[0]), kind != .finance, parts.count == 1 || category != nil,
                (kind == .agentPurchase) == (category != nil), category != .medicines
            else {
                check.add(row, "services", value: String(item), rule: "SERVICE_UNKNOWN", message: .serviceItemUnknown(String(item)))
                continue
            }
            services.append((kind, category))
        }
        guard let village, !name.isEmpty, check.problems.last?.row != row.number else { return nil }

        // The point: by code, else the village's point of the same name, else a new one.
        var existing: Point?
        if !row["point_code"].isEmpty {
            existing = try Self.point(db, Normalize.spreadsheetText(row["point_code"]))
            let villageId = try Division.filter(Column("code") == village).fetchOne(db)?.id
            if existing?.villageId != villageId {
                check.add(row, "point_code", rule: "POINT_VILLAGE_MISMATCH", message: .pointVillageMismatch(existing!.code, village))
                return nil
            }
        } else if let v = try Division.filter(Column("code") == village).fetchOne(db) {
            existing = try Point.filter(Column("village_id") == v.id!).fetchAll(db)
                .first { DuplicateCheck.normalizedPointName($0.name) == DuplicateCheck.normalizedPointName(name) }
        }
        var action = PointImportRow.Action.unchanged
        let point: Point
        if let existing {
            var edit = PointEdit()
            if existing.name != name { edit.name = name }
            let address = Normalize.spreadsheetText(row["address"])
            if !address.isEmpty && existing.address != address { edit.address = address }
            if let latitude, let longitude, existing.latitude != latitude || existing.longitude != longitude {
                edit.latitude = latitude
                edit.longitude = longitude
            }
            if let planYear, existing.planYear != planYear { edit.planYear = planYear }
            if let openedOn, existing.openedOn != openedOn { edit.openedOn = openedOn }
            let changed = edit.name != nil || edit.address != nil || edit.latitude != nil || edit.planYear != nil || edit.openedOn != nil
            point = changed ? try Self.editPoint(db, existing.code, edit, context: context) : existing
            if changed { action = .updated }
        } else {
            let address = Normalize.spreadsheetText(row["address"])
            point = try Self.addPoint(
                db,
                NewPoint(village: village, name: name, address: address.isEmpty ? nil : address, latitude: latitude, longitude: longitude,
                         planYear: planYear, openedOn: openedOn, override: override),
                context: context)
            action = .created
        }
        if let idNumber, let phone {
            var person = try Operator.filter(Column("id_number") == idNumber.rawValue).fetchOne(db)
            if person == nil {
                person = try Self.addOperator(
                    db,
                    NewOperator(
                        name: row["operator_name"], idNumber: idNumber.rawValue, phone: phone.rawValue, difficulty: difficulty,
                        certificateNo: row["certificate_no"].isEmpty ? nil : row["certificate_no"], certifiedOn: certifiedOn,
                        retirementGroup: group, override: override),
                    context: context)
                if action == .unchanged { action = .updated }
            }
            let current = try Assignment.filter(Column("point_id") == point.id! && Column("ended_on") == nil).fetchOne(db)
            if current?.operatorId != person!.id {
                _ = try Self.assign(
                    db,
                    NewAssignment(
                        pointCode: point.code, idNumber: idNumber.rawValue, from: contractFrom ?? openedOn ?? context.today,
                        contractType: contractType, contractFrom: contractType == nil ? nil : contractFrom ?? openedOn ?? context.today,
                        contractTo: contractTo, override: override),
                    context: context)
                if action == .unchanged { action = .updated }
            }
        }
        let open = try Service.filter(Column("point_id") == point.id! && Column("ended_on") == nil).fetchAll(db)
        for (kind, category) in services where !open.contains(where: { $0.kind == kind && $0.category == category }) {
            _ = try Self.addService(db, NewService(pointCode: point.code, kind: kind, category: category, from: point.openedOn ?? context.today), context: context)
            if action == .unchanged { action = .updated }
        }
        return PointImportRow(row: row.number, pointCode: point.code, action: action)
    }

    static func degrees(_ text: String) throws(ValueError) -> Double {
        guard let value = Double(Normalize.spreadsheetText(text)), value.isFinite else { throw .number(text) }
        return value
    }

    /// The registry as a points file: the template's columns, one row per point with its
    /// current operator and open services. ID numbers and phones masked unless `reveal`.
    public func exportPoints(to path: String, under: DivisionCode? = nil, reveal: Bool) throws -> Int {
        let rows: [[String]] = try read { db in
            let points = try PointListing.fetchAll(
                db, sql: PointListing.selectSQL + " WHERE p.code GLOB ? ORDER BY p.code", arguments: [(under?.significantPrefix ?? "") + "*"])
            return try points.map { p in
                let point = try Self.point(db, p.code)
                let assignment = try Assignment.filter(Column("point_id") == point.id! && Column("ended_on") == nil).fetchOne(db)
                let person = try assignment.flatMap { try Operator.fetchOne(db, key: $0.operatorId) }
                let services = try Service.filter(Column("point_id") == point.id! && Column("ended_on") == nil).order(Column("id")).fetchAll(db)
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
