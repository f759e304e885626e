import GRDB

extension AppDatabase {
    /// An HR answer that changes decisions already recorded for the run (result, amounts,
    /// payment, remark) needs, once accounts exist, a reviewer other than the clerk
    /// reconciling; the approval is audited (`reconcile.review`: run, decisions changed,
    /// clerk, reviewer, via). Reads the answer from `recon_file` before it is recorded.
    static func approveChangedDecisions(_ db: Database, run id: Int64, review: Review?, context: ChangeContext) throws {
        let changed =
            try Int.fetchOne(
                db,
                sql: """
                    SELECT count(*) FROM hr_decision d JOIN operator o ON o.id = d.operator_id
                    JOIN recon_file f ON f.key = o.id_number JOIN recon_registry r ON r.key = f.key
                    WHERE d.run_id = ? AND f.row NOT IN (SELECT row FROM recon_dup)
                      AND (d.approved IS NOT (f.v2 = '通过') OR d.approved_fen IS NOT CAST(f.v3 AS INTEGER)
                        OR d.paid_fen IS NOT CAST(f.v4 AS INTEGER) OR d.paid_on IS NOT NULLIF(f.v5, '') OR d.remark IS NOT NULLIF(f.v6, ''))
                    """, arguments: [id]) ?? 0
        guard changed > 0, let review = try db.approve(review, maker: context.clerk) else { return }
        try db.audit(
            "reconcile.review", AuditSubject(),
            after: .object(
                [("run", .number(String(id))), ("decisions_changed", .number(String(changed))), ("clerk", .string(context.clerk))]
                    + review.auditPairs),
            context: context)
    }
}
