import ArgumentParser
import WancunKit

struct DivisionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "division", abstract: "行政区划 / Statistical divisions.",
        subcommands: [DivisionImportCommand.self, DivisionListCommand.self])
}

struct DivisionImportCommand: WancunCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "导入区划代码文件 / Load a division release (code,name,level,parent_code; CSV or XLSX).",
        discussion: """
            The file is .xlsx, or CSV in UTF-8, UTF-8 with BOM or GB18030. Every row is checked before anything
            is written; rows are numbered as the spreadsheet shows them (the header is row 1, or row 2 under a title).
            A newer release adds, renames and retires codes below the part of the tree it
            covers; retired codes are kept.

            Example: wancun division import seed/divisions-330424-haiyan.csv
            """)

    @OptionGroup var globals: GlobalOptions
    @OptionGroup var output: OutputOptions

    @Argument(help: "The .csv or .xlsx file.")
    var file: String

    @Option(help: "The sheet to read from an .xlsx (default: the first).")
    var sheet: String?

    @Flag(help: "Check and report without writing.")
    var dryRun = false

    func run(_ ctx: Context) throws {
        let db = try ctx.openDatabase()
        let report = try db.importDivisions(from: file, sheet: sheet, context: ctx.changeContext(), dryRun: dryRun)
        for warning in report.warnings { ctx.err(warning.line(ctx.language) + "\n") }
        if output.format == .table {
            if let encoding = report.encoding { ctx.say(.fileEncoding(encoding.rawValue)) }
            ctx.say(report.scopeMessage)
            ctx.say(report.summary)
            if dryRun { ctx.say(.dryRunNothingWritten) }
            for copy in report.removedCopies { ctx.say(.staleCopyRemoved(copy)) }
            // A first load adds every code: list additions only when they are few.
            let listAdded = report.count(.added) <= 20
            let shown = report.changes.filter { $0.kind != .added || listAdded }
            if !shown.isEmpty { ctx.render(changeTable(shown, ctx.language), output) }
        } else {
            ctx.render(changeTable(report.changes, ctx.language), output)
        }
    }

    func changeTable(_ changes: [DivisionChange], _ language: Language) -> Table {
        Table(
            columns: [
                .init("change", Message.Header.change), .init("code", Message.Header.code),
                .init("name", Message.Header.name), .init("old_name", Message.Header.oldName),
            ],
            rows: changes.map {
                [$0.kind.cell, .text($0.code.rawValue), .text($0.name), .optional($0.oldName)]
            })
    }
}

struct DivisionListCommand: WancunCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "列出区划 / List divisions.",
        discussion: "Example: wancun division list --under 330424101000 --rural --format csv > villages.csv")

    @OptionGroup var globals: GlobalOptions
    @OptionGroup var output: OutputOptions

    @Option(help: "Only divisions below this code.")
    var under: DivisionCode?

    @Option(help: "province, city, county, town or village.")
    var level: DivisionLevel?

    @Flag(help: "Only rural villages (village segment 200–399 or 500–599).")
    var rural = false

    @Flag(help: "Include codes a newer release retired.")
    var includeRetired = false

    func run(_ ctx: Context) throws {
        let rows = try ctx.openDatabase().divisions(
            DivisionFilter(under: under, level: level, ruralOnly: rural, includeRetired: includeRetired))
        ctx.render(Table(columns: DivisionListing.columns, rows: rows.map { $0.cells(ctx.language) }), output)
    }
}
