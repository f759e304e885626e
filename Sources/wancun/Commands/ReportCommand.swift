import ArgumentParser
import WancunKit

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report", abstract: "报表 / Reports.", subcommands: [CoverageCommand.self])
}

/// The formats of reports: those of lists, and a workbook.
enum ReportFormat: String, ExpressibleByArgument, CaseIterable {
    case table, csv, json, xlsx

    /// The list format it prints as; nil for a workbook.
    var listFormat: OutputFormat? { OutputFormat(rawValue: rawValue) }
}

struct CoverageCommand: WancunCommand {
    static let configuration = CommandConfiguration(
        commandName: "coverage", abstract: "万村覆盖情况 / Coverage of rural villages, per town.",
        discussion: """
            Per town: rural villages, those with an operating point, the coverage percentage,
            points by status, points offering each service, points with no courier; a totals row.
            --as-of answers from the histories as they stood on that date.
            Example: wancun report coverage --under 330424000000 --as-of 2026-06-30 --format xlsx --out 覆盖情况.xlsx
            """)

    @OptionGroup var globals: GlobalOptions
    @Option(help: "Only towns below this division.") var under: DivisionCode?
    @Option(help: "The day to report on (default today).") var asOf: LocalDate?
    @Option(help: "table, csv, json or xlsx.") var format: ReportFormat = .table
    @Option(help: "Write to this file (required for xlsx).") var out: String?
    @OptionGroup var display: TableOptions

    func run(_ ctx: Context) throws {
        if format == .xlsx && out == nil { throw ctx.usageError(.Usage.xlsxNeedsOut) }
        let report = try ctx.openDatabase().coverage(under: under, asOf: asOf ?? ctx.changeContext().today)
        // Without --under, a database of one county is titled with that county.
        let scope = try ctx.openDatabase().coverageScope(report)
        let title = Message.Coverage.title(scope, report.asOf).text(ctx.language)
        // A table written to a file keeps every column.
        let renderer = ctx.renderer(reveal: false, wide: display.wide || out != nil)
        if let out {
            if let list = format.listFormat {
                try renderer.write(report.table, as: list, to: out, sheet: scope, title: title)
            } else {
                try XLSXWriter.write([report.worksheet(scope: scope, language: ctx.language)], to: out)
            }
            ctx.say(.fileConverted(out, report.rows.count + 1))
        } else if let list = format.listFormat {
            if format == .table { ctx.out(title + "\n") }
            ctx.out(renderer.render(report.table, as: list))
        }
    }
}
