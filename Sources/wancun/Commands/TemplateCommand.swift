import ArgumentParser
import Foundation
import WancunKit

#if canImport(Glibc)
    import Glibc
#endif

struct TemplateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "template", abstract: "导入模板 / Import templates.", subcommands: [TemplatePoints.self])
}

struct TemplatePoints: WancunCommand {
    static let configuration = CommandConfiguration(
        commandName: "points", abstract: "服务点导入模板 / The points template: headers, an example row, notes on each column.",
        discussion: "Example: wancun template points --out 服务点导入模板.xlsx")

    @OptionGroup var globals: GlobalOptions
    @Option(help: "FILE.xlsx or FILE.csv.") var out: String

    func run(_ ctx: Context) throws {
        try PointSheet.template(to: out)
        ctx.say(.fileConverted(out, 2))
    }
}

struct PointImport: WancunCommand {
    static let configuration = CommandConfiguration(
        commandName: "import", abstract: "批量导入服务点 / Load points from a spreadsheet, all or nothing.",
        discussion: """
            XLSX or CSV (UTF-8, UTF-8 with BOM, GB18030), with the template's columns (Chinese
            or English headers). Every row is checked first, the duplicate checks included; on
            any problem nothing is written and a copy marking each row's problems is written
            beside the file. On success the copy gives every row's point code and whether it was
            created, updated or unchanged.
            Example: wancun point import 沈荡镇服务点.xlsx --dry-run
            """)

    @OptionGroup var globals: GlobalOptions
    @OptionGroup var input: ImportOptions

    func run(_ ctx: Context) throws {
        let terminal = isatty(2) == 1
        let copy = AnnotatedCopy.path(for: input.file).replacingOccurrences(of: ".errors.", with: ".result.")
        let result = try ctx.openDatabase().importPoints(
            from: input.file, sheet: input.sheet, dryRun: input.dryRun, context: ctx.changeContext(), resultCopy: copy,
            language: ctx.language, progress: terminal ? { row, fraction in if row % 1000 == 0 { ctx.progress(row, fraction) } } : nil)
        if terminal { ctx.err("\r\u{1B}[K") }
        for warning in result.summary.warnings { ctx.err(warning.line(ctx.language) + "\n") }
        ctx.say(.pointsImported(created: result.count(.created), updated: result.count(.updated), unchanged: result.count(.unchanged)))
        if input.dryRun { ctx.say(.dryRunNothingWritten) } else { ctx.say(.resultCopyWritten(copy)) }
        for copy in result.summary.removedCopies { ctx.say(.staleCopyRemoved(copy)) }
    }
}

struct PointExport: WancunCommand {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: "导出服务点 / The registry as a points spreadsheet.",
        discussion: "ID numbers and phones are masked unless --reveal. Example: wancun point export --out 服务点.xlsx --under 330424101000")

    @OptionGroup var globals: GlobalOptions
    @Option(help: "FILE.xlsx or FILE.csv.") var out: String
    @Option(help: "Only points below this division.") var under: DivisionCode?
    @Flag(help: "ID numbers and phones in full.") var reveal = false

    func run(_ ctx: Context) throws {
        let rows = try ctx.openDatabase().exportPoints(to: out, under: under, reveal: reveal, context: ctx.changeContext())
        ctx.say(.fileConverted(out, rows))
    }
}

extension Context {
    /// A one-line progress bar on a terminal.
    func progress(_ rows: Int, _ fraction: Double) {
        err("\r" + ProgressBar.line(rows: rows, fraction: fraction, language: language))
    }
}
