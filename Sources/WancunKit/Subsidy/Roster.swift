import Foundation

/// A column the HR roster can carry.
public enum RosterField: String, Sendable, CaseIterable {
    case seq, town, village
    case pointCode = "point_code"
    case pointName = "point_name"
    case name, sex
    case idNumber = "id_number"
    case phone,
        difficulty
    case contractType = "contract_type"
    case contractPeriod = "contract_period"
    case monthsUsed = "months_used"
    case
        amount, remark

    /// The header the bureau's form uses.
    public var header: String {
        switch self {
        case .seq: "序号"
        case .town: "乡镇"
        case .village: "行政村"
        case .pointCode: "服务点编码"
        case .pointName: "服务点名称"
        case .name: "姓名"
        case .sex: "性别"
        case .idNumber: "公民身份号码"
        case .phone: "联系电话"
        case .difficulty: "就业困难人员类别"
        case .contractType: "合同类型"
        case .contractPeriod: "合同期限"
        case .monthsUsed: "已享受月数"
        case .amount: "本月补贴金额(元)"
        case .remark: "备注"
        }
    }
}

/// Which fields a roster carries, in which order, under which headers. The default is the
/// form most bureaus use; a county may supply its own file (`field,header`, one per row).
public struct RosterProfile: Sendable {
    public var fields: [(RosterField, String)]

    public static let standard = RosterProfile(fields: RosterField.allCases.map { ($0, $0.header) })

    public static func load(path: String) throws -> RosterProfile {
        let table = try TableReader(path: path, columns: [ColumnSpec("field", "字段"), ColumnSpec("header", "表头", required: false)])
        var fields: [(RosterField, String)] = []
        while let row = try table.next() {
            // A field by its code or by the header the bureau's form gives it.
            let named = Normalize.spreadsheetText(row["field"])
            guard let field = RosterField(rawValue: named) ?? RosterField.allCases.first(where: { $0.header == named }) else {
                throw SubsidyError.profileFieldUnknown(row["field"])
            }
            fields.append((field, row["header"].isEmpty ? field.header : row["header"]))
        }
        return RosterProfile(fields: fields)
    }
}

/// What `subsidy export` wrote.
public struct RosterExport: Sendable {
    public var path: String
    public var manifestPath: String
    public var rows: Int
    public var total: Fen
    public var sha256: String
    /// The export's own audit line: the chain's head, also in the manifest.
    public var auditHead: AuditHead
}

extension AppDatabase {
    /// Writes the HR bureau's roster of a final run: eligible points only, a title line, the
    /// profile's columns, a totals row and the signature lines; ID numbers and codes as text,
    /// amounts as numbers with two decimals. Beside it, `NAME.manifest.json` gives the run,
    /// the rows, the total in fen and the file's sha256. The same run and profile always give
    /// the same bytes: the signature lines carry the run's finalization date and `preparedBy`,
    /// the clerk who prepares the table when they gave their name (blank, for a pen, otherwise).
    /// A run a reviewer approved names its clerk as the preparer (unless `preparedBy` names
    /// another) and the reviewer as 审核人.
    /// The export is audited (run, file, sha256, rows); the manifest records that line as the
    /// audit chain's head.
    public func exportRoster(
        run id: Int64, to path: String, profile: RosterProfile = .standard, preparedBy: String? = nil, context: ChangeContext
    ) throws -> RosterExport {
        let info = try subsidyRun(id)
        switch info.run.status {
        case .final: break
        case .draft: throw SubsidyError.runNotFinal(id)
        case .replaced:
            let replacement = try subsidyRuns(month: info.run.month).first { $0.run.status == .final }?.run.id
            throw SubsidyError.runReplaced(id, by: replacement)
        }
        let results = try subsidyResults(id, only: .eligible)
        let county =
            try read { db in
                try String.fetchOne(
                    db, sql: "SELECT name FROM division WHERE code = ?",
                    arguments: [String((results.first?.pointCode ?? "").prefix(6)) + "000000"])
            } ?? ""
        let month = info.run.month
        let title = "\(county)\(month.year)年\(month.month)月村级电商服务点公益性岗位补贴花名册"
        func value(_ field: RosterField, _ r: SubsidyResult, _ index: Int) -> SheetCell {
            switch field {
            case .seq: .integer(Int64(index + 1))
            case .town: .text(r.town)
            case .village: .text(Normalize.villageName(r.village))
            case .pointCode: .code(r.pointCode)
            case .pointName: .text(r.pointName)
            case .name: .text(r.operatorName ?? "")
            case .sex: .text(r.sex.flatMap(Sex.init(rawValue:)).map { $0.label.zh } ?? "")
            case .idNumber: .code(r.idNumber ?? "")
            case .phone: .text(r.phone ?? "")
            case .difficulty: .text(r.difficulty.flatMap(DifficultyCategory.init(rawValue:)).map { $0.label.zh } ?? "")
            case .contractType: .text(r.contractType.flatMap(ContractType.init(rawValue:)).map { $0.label.zh } ?? "")
            case .contractPeriod: .text((r.contractFrom ?? "") + (r.contractTo.map { "至" + $0 } ?? "起"))
            case .monthsUsed: .integer(Int64(r.monthsIncluding))
            case .amount: .money(r.amount)
            case .remark: .empty
            }
        }
        let rows = results.enumerated().map { index, r in profile.fields.map { value($0.0, r, index) } }
        let total = Fen(results.reduce(0) { $0 + $1.amount.value })
        var totals = profile.fields.map { _ in SheetCell.empty }
        totals[0] = .text("合计", bold: true)
        if let i = profile.fields.firstIndex(where: { $0.0 == .amount }) { totals[i] = .money(total, bold: true) }
        if let i = profile.fields.firstIndex(where: { $0.0 == .name }), i > 0 { totals[i] = .text("\(results.count)人", bold: true) }
        let finalized = String((info.run.finalizedAt ?? info.run.createdAt).prefix(10))
        let preparer = preparedBy ?? (info.run.reviewer == nil ? nil : info.run.clerk)
        let signatures: [SheetCell] = [
            .text("制表单位："), .empty, .empty, .text("制表人：\(preparer ?? "")"), .empty, .empty,
            .text("审核人：\(info.run.reviewer ?? "")"), .empty, .empty, .text("制表日期：\(finalized)"),
        ]
        // A run made before the month ended, or without the other departments' list, says so.
        var notes: [String] = []
        if let asOf = info.run.asOf { notes.append("截至 \(asOf) 核查") }
        if let reason = info.run.withoutOtherPostsReason { notes.append("未取得其他部门公益性岗位名单（\(reason)）") }
        let noteRows: [[SheetCell]] = notes.isEmpty ? [] : [[.text("备注：" + notes.joined(separator: "；"))]]
        let footer = [totals] + noteRows + [[], Array(signatures.prefix(max(profile.fields.count, 4)))]
        let headers = profile.fields.map(\.1)
        try TableFile.write(Worksheet(name: "花名册", title: title, header: headers, rows: rows, footer: footer), to: path, ownerOnly: true)
        let digest = try Digest.sha256(fileAt: path)
        let file = (path as NSString).lastPathComponent
        let head: AuditHead
        do {
            head = try write { db in
                try db.audit(
                    "subsidy.export", AuditSubject(),
                    after: .object([
                        ("run_id", .number(String(id))), ("file", .string(file)), ("sha256", .string(digest)),
                        ("rows", .number(String(results.count))), ("total_fen", .number(String(total.value))),
                    ]), context: context)
            }
        } catch {
            // No roster leaves without its audit line.
            try? FileManager.default.removeItem(atPath: path)
            throw error
        }
        let manifestPath = path + ".manifest.json"
        let manifest = JSONValue.object([
            ("run_id", .number(String(id))), ("month", .string(month.description)), ("rows", .number(String(results.count))),
            ("total_fen", .number(String(total.value))), ("file", .string((path as NSString).lastPathComponent)), ("sha256", .string(digest)),
            ("fields", .array(profile.fields.map { .string($0.0.rawValue) })), ("audit_head", head.json),
        ])
        try FileOutput.write(Data((manifest.serialized() + "\n").utf8), to: manifestPath, ownerOnly: true)
        return RosterExport(path: path, manifestPath: manifestPath, rows: results.count, total: total, sha256: digest, auditHead: head)
    }
}
