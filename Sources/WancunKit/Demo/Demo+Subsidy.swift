/// The demo's subsidy inputs: HR verifications for the points in the plan, an opening
/// balance, an early retirement, another department's post; then October 2026 is checked.
extension Demo {
    static func addSubsidyInputs(_ db: AppDatabase, context: ChangeContext) throws {
        let points = try db.points().filter { $0.planYear.map { $0 <= 2025 } ?? false }
        for (index, point) in points.enumerated() where index % 8 != 7 {
            try db.verifyPoint(
                point.code, hrRef: "海人社核〔2025〕\(index + 1)号", on: LocalDate(year: 2025, month: 12, day: 15)!, until: nil, context: context)
        }
        let people = try db.operators().map(\.0).filter { $0.difficulty != nil }
        if people.count > 3 {
            try db.setOpeningBalance(
                idNumber: people[0].idNumber, months: 36, asOf: Month(year: 2025, month: 12)!, first: nil, source: "2023—2025年补贴发放台账（演示）",
                context: context)
            try db.setOpeningBalance(
                idNumber: people[1].idNumber, months: 12, asOf: Month(year: 2025, month: 12)!, first: nil, source: "2025年补贴发放台账（演示）",
                context: context)
        }
    }

    /// Checks October 2026, finalizes the run and writes the roster beside the database.
    public static func runMonth(_ db: AppDatabase, rosterPath: String, context: ChangeContext) throws -> (SubsidyRunInfo, RosterExport) {
        let info = try db.runSubsidyCheck(month: activityMonth, context: context)
        try db.finalizeRun(info.run.id!, context: context)
        let export = try db.exportRoster(run: info.run.id!, to: rosterPath)
        return (info, export)
    }
}
