import GRDB

/// A decision recorded for a run that an HR answer changes: whose, and each value that
/// changes, as recorded and as the answer gives it.
public struct DecisionChange: Sendable, Hashable {
    public struct Value: Sendable, Hashable {
        /// The answer's column header (核定结果, 核定金额(元), 发放金额(元), 发放日期, 备注).
        public var field: String
        public var before: String?
        public var after: String?
    }

    public var idNumber: String
    public var name: String
    public var values: [Value]
}

extension AppDatabase {
    /// The decisions recorded for the run that the answer in `recon_file` changes (result,
    /// amounts, payment, remark), in the file's order. Reads the answer before it is recorded.
    static func changedDecisions(_ db: Database, run id: Int64) throws -> [DecisionChange] {
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT o.id_number, o.name, d.approved, d.approved_fen, d.paid_fen, d.paid_on, d.remark,
                  f.v2 = '通过' AS new_approved, CAST(f.v3 AS INTEGER) AS new_approved_fen, CAST(f.v4 AS INTEGER) AS new_paid_fen,
                  NULLIF(f.v5, '') AS new_paid_on, NULLIF(f.v6, '') AS new_remark
                FROM hr_decision d JOIN operator o ON o.id = d.operator_id
                JOIN recon_file f ON f.key = o.id_number JOIN recon_registry r ON r.key = f.key
                WHERE d.run_id = ? AND f.row NOT IN (SELECT row FROM recon_dup)
                  AND (d.approved IS NOT (f.v2 = '通过') OR d.approved_fen IS NOT CAST(f.v3 AS INTEGER)
                    OR d.paid_fen IS NOT CAST(f.v4 AS INTEGER) OR d.paid_on IS NOT NULLIF(f.v5, '') OR d.remark IS NOT NULLIF(f.v6, ''))
                ORDER BY f.row
                """, arguments: [id])
        func result(_ approved: Bool?) -> String? { approved.map { $0 ? "通过" : "不通过" } }
        func yuan(_ fen: Int64?) -> String? { fen.map { Fen($0).yuanText } }
        return rows.map { row in
            let pairs: [(String, String?, String?)] = [
                ("核定结果", result(row["approved"]), result(row["new_approved"])),
                ("核定金额(元)", yuan(row["approved_fen"]), yuan(row["new_approved_fen"])),
                ("发放金额(元)", yuan(row["paid_fen"]), yuan(row["new_paid_fen"])), ("发放日期", row["paid_on"], row["new_paid_on"]),
                ("备注", row["remark"], row["new_remark"]),
            ]
            return DecisionChange(
                idNumber: row["id_number"], name: row["name"],
                values: pairs.filter { $0.1 != $0.2 }.map { DecisionChange.Value(field: $0.0, before: $0.1, after: $0.2) })
        }
    }

    /// An HR answer that changes `changed` decisions already recorded for the run needs, once
    /// accounts exist, a reviewer other than the clerk reconciling; the approval is audited
    /// (`reconcile.review`: run, decisions changed, clerk, reviewer, via).
    static func approveChangedDecisions(_ db: Database, run id: Int64, changed: Int, review: Review?, context: ChangeContext) throws {
        guard changed > 0, let review = try db.approve(review, maker: context.clerk) else { return }
        try db.audit(
            "reconcile.review", AuditSubject(),
            after: .object(
                [("run", .number(String(id))), ("decisions_changed", .number(String(changed))), ("clerk", .string(context.clerk))]
                    + review.auditPairs),
            context: context)
    }
}
