import GRDB

/// A cell's text, cleaned, that may not be empty: keys and text fields.
func requiredText(_ text: String) throws(ValueError) -> String {
    let t = Normalize.spreadsheetText(text)
    if t.isEmpty { throw .empty }
    return t
}

extension ReconField {
    static func text(_ key: String, _ header: String) -> ReconField {
        ReconField(key: key, header: header, isAmount: false, parse: requiredText)
    }

    static func amount(_ key: String, _ header: String, emptyIsZero: Bool = false) -> ReconField {
        ReconField(key: key, header: header, isAmount: true) { text throws(ValueError) in
            if emptyIsZero && Normalize.spreadsheetText(text).isEmpty { return "0" }
            return String(try Fen(parsingYuan: text).value)
        }
    }
}

extension AppDatabase {
    /// The HR bureau's answer for a final run, keyed on the ID number: 公民身份号码, 姓名,
    /// 核定结果 (通过 / 不通过), 核定金额(元), 发放金额(元), 发放日期, 备注. The bureau's result and
    /// payments are recorded against the run; a rejected month stops counting as used.
    public func reconcileHR(run id: Int64, file path: String, options: ReconOptions = ReconOptions(), context: ChangeContext) throws -> ReconReport {
        let run = try subsidyRun(id).run
        guard run.status == .final else { throw ReconError.runNotFinal(id) }
        let today = context.today
        let result = ReconField(key: "result", header: "核定结果", isAmount: false) { text throws(ValueError) in
            switch Normalize.spreadsheetText(text) {
            case "通过", "合格", "是": return "通过"
            case "不通过", "不合格", "否": return "不通过"
            default: throw .choice(text, ["通过", "不通过"])
            }
        }
        var paidOn = ReconField(key: "paid_on", header: "发放日期", isAmount: false) { text throws(ValueError) in
            let t = Normalize.spreadsheetText(text)
            return t.isEmpty ? "" : try LocalDate(parsing: t).description
        }
        paidOn.compared = false
        paidOn.required = false
        var remark = ReconField(key: "remark", header: "备注", isAmount: false) { text throws(ValueError) in Normalize.spreadsheetText(text) }
        remark.compared = false
        remark.required = false
        let spec = ReconSpec(
            kind: .hr, subject: String(id), month: run.month, runId: id,
            keyColumn: ColumnSpec("id_number", "公民身份号码", "身份证号", "身份证号码"),
            parseKey: { text throws(ValueError) in try ResidentID(parsing: text, today: today).rawValue }, maskKey: Mask.residentID,
            fields: [
                .text("name", "姓名"), result, .amount("approved", "核定金额(元)", emptyIsZero: true),
                .amount("paid", "发放金额(元)", emptyIsZero: true), paidOn, remark,
            ],
            totalField: 3, unit: "fen",
            registrySQL: SubsidySQL.bureauAnswerExpected,
            registryArguments: [id],
            knownSQL: RegistrySQL.operatorExists(idNumber: "f.key"), knownArguments: [])
        var changes: [DecisionChange] = []
        var report = try reconcile(spec, file: path, options: options, context: context) { db, _ in
            let rejected = try Int64.fetchAll(db, sql: SubsidySQL.operatorsDecided, arguments: [id, 0])
            changes = try Self.changedDecisions(db, run: id)
            // A dry run shows the changes to the reviewer who is to approve them.
            if !options.dryRun { try Self.approveChangedDecisions(db, run: id, changed: changes.count, review: options.review, context: context) }
            // The file's rows of people the run paid, each once.
            let answers = """
                SELECT f.key AS id_number, f.v2 AS result, f.v3 AS approved_fen, f.v4 AS paid_fen, f.v5 AS paid_on, f.v6 AS remark
                FROM recon_file f JOIN recon_registry r ON r.key = f.key WHERE f.row NOT IN (SELECT row FROM recon_dup)
                """
            try db.execute(sql: SubsidySQL.recordDecisions(from: answers), arguments: [id])
            // A rejection the bureau takes back counts the month again: refused where that month
            // is now covered by an opening balance or at or after an agreed retirement, or where
            // months finalized since, counted without it, would pass the maximum.
            let takenBack =
                try rejected.isEmpty
                ? []
                : Int64.fetchAll(
                    db, sql: "\(SubsidySQL.operatorsDecided) AND operator_id IN (\(rejected.map(String.init).joined(separator: ",")))",
                    arguments: [id, 1])
            if let breach = try Self.paidBreaches(db, operators: takenBack).first {
                let masked = try String.fetchOne(db, sql: RegistrySQL.operatorIDNumber, arguments: [breach.operatorId]).map(Mask.residentID) ?? ""
                if breach.afterRetirement != nil || breach.inBalance != nil {
                    throw SubsidyError.approvalNotPayable(maskedID: masked, month: run.month)
                }
                throw SubsidyError.approvalOverCap(maskedID: masked, months: breach.months, maximum: breach.maximum)
            }
        }
        report.decisionChanges = changes
        return report
    }

    /// A courier's manifest (运单号, 服务点编码, 到站时间) against the parcel ledger of that courier
    /// and month.
    public func reconcileParcels(courier key: String, month: Month, file path: String, options: ReconOptions = ReconOptions(), context: ChangeContext)
        throws -> ReconReport
    {
        let courier = try read { db in try Self.courier(db, key) }
        let spec = ReconSpec(
            kind: .parcels, subject: courier.name, month: month, runId: nil, keyColumn: ColumnSpec("waybill", "运单号"),
            parseKey: requiredText, maskKey: nil,
            fields: [
                .text("point_code", "服务点编码"),
                ReconField(key: "arrived_at", header: "到站时间", isAmount: false) { text throws(ValueError) in
                    try LocalDateTime(parsing: text).description
                },
            ],
            totalField: nil, unit: "parcels",
            registrySQL: LedgerSQL.courierMonthParcels,
            registryArguments: [courier.id, month.firstDay.description, month.adding(months: 1).firstDay.description],
            knownSQL: LedgerSQL.parcelExists(waybill: "f.key"), knownArguments: [courier.id])
        return try reconcile(spec, file: path, options: options, context: context)
    }

    /// A courier's fee statement (服务点编码, 件数, 金额(元)) against the month's parcels, each at
    /// the fee of the link in force the day it arrived (a point's fee may change mid-month).
    public func reconcileFees(courier key: String, month: Month, file path: String, options: ReconOptions = ReconOptions(), context: ChangeContext)
        throws -> ReconReport
    {
        let courier = try read { db in try Self.courier(db, key) }
        let count = ReconField(key: "count", header: "件数", isAmount: false) { text throws(ValueError) in
            let t = Normalize.spreadsheetText(text)
            guard let n = Int(t), n >= 0 else { throw .number(text) }
            return String(n)
        }
        let spec = ReconSpec(
            kind: .fees, subject: courier.name, month: month, runId: nil, keyColumn: ColumnSpec("point_code", "服务点编码"),
            parseKey: requiredText, maskKey: nil,
            fields: [count, .amount("amount", "金额(元)")],
            totalField: 1, unit: "fen",
            registrySQL: LedgerSQL.courierMonthFees,
            registryArguments: [courier.id, month.firstDay.description, month.lastDay.description, month.adding(months: 1).firstDay.description],
            knownSQL: RegistrySQL.pointExists(code: "f.key"), knownArguments: [])
        return try reconcile(spec, file: path, options: options, context: context)
    }

    /// A platform's statement (订单号, 服务点编码, 金额(元), 日期) against the agent-purchase ledger.
    public func reconcilePurchases(platform: String, month: Month, file path: String, options: ReconOptions = ReconOptions(), context: ChangeContext)
        throws -> ReconReport
    {
        let platform = Normalize.spreadsheetText(platform)
        let spec = ReconSpec(
            kind: .purchases, subject: platform, month: month, runId: nil, keyColumn: ColumnSpec("order_no", "订单号"),
            parseKey: requiredText, maskKey: nil,
            fields: [
                .text("point_code", "服务点编码"), .amount("amount", "金额(元)"),
                ReconField(key: "on_date", header: "日期", isAmount: false) { text throws(ValueError) in
                    try LocalDate(parsing: Normalize.spreadsheetText(text)).description
                },
            ],
            totalField: 1, unit: "fen",
            registrySQL: LedgerSQL.platformMonthPurchases,
            registryArguments: [platform, month.firstDay.description, month.lastDay.description],
            knownSQL: LedgerSQL.purchaseExists(orderNo: "f.key"), knownArguments: [platform])
        return try reconcile(spec, file: path, options: options, context: context)
    }
}
