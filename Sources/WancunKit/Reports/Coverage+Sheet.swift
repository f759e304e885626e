/// The coverage report as a workbook's sheet, one for the CLI and the web alike.
extension CoverageReport {
    /// The sheet: titled with `scope` and the day, the totals row bold below the towns.
    public func worksheet(scope: String, language: Language) -> Worksheet {
        TableRenderer(language: language, reveal: false).worksheet(
            table, name: scope.isEmpty ? "coverage" : scope, title: Message.Coverage.title(scope, asOf).text(language), boldLastRow: true)
    }
}

extension AppDatabase {
    /// What a coverage report is titled with: the division it is under, else the county when
    /// the registry holds one county, else nothing.
    public func coverageScope(_ report: CoverageReport) throws -> String {
        if let under = report.under { return under.name }
        let counties = try divisions(DivisionFilter(level: .county))
        return counties.count == 1 ? counties[0].name : ""
    }
}
