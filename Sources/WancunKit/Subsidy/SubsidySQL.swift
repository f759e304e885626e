/// The subsidy's queries that other subsystems read and record it through (the HR bureau's
/// answer), so that the subsidy's tables are read in one place.
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

}
