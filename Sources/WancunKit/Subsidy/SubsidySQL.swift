/// The subsidy's queries that other subsystems read and record it through (the HR bureau's
/// answer), so that the subsidy's tables are read and written in one place.
enum SubsidySQL {
    /// A final run as the bureau should answer it: each eligible operator's ID number, name,
    /// 通过, the amount approved and paid in fen, no payment day, no remark. Argument: the run.
    static let bureauAnswerExpected = """
        SELECT json_extract(snapshot, '$.id_number'), json_extract(snapshot, '$.operator_name'), '通过',
          CAST(amount_fen AS TEXT), CAST(amount_fen AS TEXT), NULL, NULL
        FROM subsidy_result WHERE run_id = ? AND eligible = 1
        """

    /// The operators whose month the bureau approved (1) or rejected (0) in a run. Arguments: the
    /// run, 1 or 0.
    static let operatorsDecided = "SELECT operator_id FROM hr_decision WHERE run_id = ? AND approved = ?"

    /// Records the bureau's decisions on a run (the argument), replacing earlier ones: `answers`
    /// is a SELECT of `id_number`, `result` (通过 or 不通过), `approved_fen`, `paid_fen`,
    /// `paid_on` and `remark` (either '' when not given), one row per person.
    static func recordDecisions(from answers: String) -> String {
        """
        INSERT INTO hr_decision (run_id, operator_id, approved, approved_fen, paid_fen, paid_on, remark)
        SELECT ?, o.id, a.result = '通过', CAST(a.approved_fen AS INTEGER), CAST(a.paid_fen AS INTEGER), NULLIF(a.paid_on, ''), NULLIF(a.remark, '')
        FROM (\(answers)) a JOIN operator o ON o.id_number = a.id_number
        WHERE true
        ON CONFLICT (run_id, operator_id) DO UPDATE SET approved = excluded.approved, approved_fen = excluded.approved_fen,
          paid_fen = excluded.paid_fen, paid_on = excluded.paid_on, remark = excluded.remark
        """
    }
}
