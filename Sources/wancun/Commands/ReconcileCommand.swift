import ArgumentParser
import Foundation
import WancunKit

struct ReconcileCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reconcile", abstract: "对账 / Reconcile what others send back against the registry.",
        discussion: """
            Outcomes: matched, amount_mismatch, field_mismatch, only_in_registry, only_in_file,
            duplicate_in_file, unknown_key, invalid_row. Every reconcile checks the whole file
            first (row problems listed, nothing recorded) and refuses a file it has already
            reconciled unless --again.
            Exit codes: 0 everything matches, 3 differences found, 1 invalid input.
            """,
        subcommands: [ReconcileHR.self, ReconcileParcels.self, ReconcileFees.self, ReconcilePurchases.self, ReconcileList.self, ReconcileShow.self])
}

/// Options every reconcile takes.
struct ReconcileOptions: ParsableArguments {
    @Flag(help: "Reconcile a file already reconciled, again.") var again = false
    @Flag(help: "Record unreadable rows as invalid_row instead of refusing the file.") var skipInvalid = false
    @Option(help: "Write a copy of the file with an outcome column (FILE.xlsx or FILE.csv).") var out: String?
    @Option(help: "The sheet to read from an .xlsx (default: the first).") var sheet: String?
    @Flag(help: "Show ID numbers in full.") var reveal = false
    @OptionGroup var display: TableOptions

    var options: ReconOptions { ReconOptions(again: again, skipInvalid: skipInvalid, sheet: sheet) }
}

extension Context {
    /// Prints a report; writes the annotated copy when asked (readable by its owner only when
    /// `ownerOnly`: a copy of the bureau's file holds full ID numbers); exits 3 on differences.
    func finish(_ report: ReconReport, input: String?, _ options: ReconcileOptions, ownerOnly: Bool = false) throws {
        show(report, reveal: options.reveal, wide: options.display.wide)
        if let out = options.out, let input {
            try report.writeCopy(of: input, sheet: options.sheet, to: out, ownerOnly: ownerOnly, language: language)
            say(.fileConverted(out, report.counts.values.reduce(0, +)))
        }
        if !report.allMatched { throw ExitCode(3) }
    }

    func show(_ report: ReconReport, reveal: Bool, wide: Bool, format: OutputFormat = .table) {
        let renderer = renderer(reveal: reveal, wide: wide)
        let itemTable = Table(
            columns: [
                .init("outcome", Message.Header.outcome), .init("key", Message.Header.key), .init("file_row", Message.Header.fileRow),
                .init("field", Message.Header.field), .init("expected", Message.Header.expected), .init("actual", Message.Header.actual),
            ],
            rows: report.items.map { item in
                [
                    .label(code: item.outcome.rawValue, .reconOutcome(item.outcome)),
                    report.kind == .hr && item.key.count == 18 ? .residentID(item.key) : .text(item.key),
                    item.row.map { .integer(Int64($0)) } ?? .null, .optional(item.field), .optional(item.expected), .optional(item.actual),
                ]
            })
        if format == .table {
            say(.reconHeadline(report.id, report.kind, report.subject))
            out(
                ReconOutcome.allCases.compactMap { outcome in
                    let n = report.counts[outcome, default: 0]
                    return n == 0 && outcome != .matched ? nil : "\(Message.reconOutcome(outcome).text(language)) \(n)"
                }.joined(separator: language == .zh ? "，" : ", ") + "\n")
            say(.reconTotals(expected: report.expectedText, actual: report.actualText, difference: report.differenceText, unit: report.unit))
            if let head = report.auditHead { say(.auditHead(head)) }
            if report.allMatched { say(.reconAllMatched) } else { out(renderer.aligned(itemTable)) }
            return
        }
        let record = Record(
            fields: [
                (.init("id", Message.Header.id), .integer(report.id)),
                (.init("kind", Message.Header.kind), .label(code: report.kind.rawValue, .reconKind(report.kind))),
                (.init("subject", Message.Header.subject), .text(report.subject)),
                (.init("month", Message.Header.month), .optional(report.month?.description)),
                (.init("file_name", Message.Header.file), .text(report.fileName)), (.init("created_at", Message.Header.at), .text(report.createdAt)),
                (.init("unit", Message.Header.unit), .text(report.unit)),
                (.init("expected_total", Message.Header.expected), .integer(report.expectedTotal)),
                (.init("actual_total", Message.Header.actual), .integer(report.actualTotal)),
                (.init("difference", Message.Header.difference), .integer(report.difference)),
                (.init("audit_head", Message.Header.auditHead), .optional(report.auditHead?.text)),
            ] + ReconOutcome.allCases.map { (.init($0.rawValue, .reconOutcome($0)), .integer(Int64(report.counts[$0, default: 0]))) },
            sections: [.init(key: "items", title: Message.Section.differences, table: itemTable)])
        out(renderer.render(record, as: format))
    }
}

struct ReconcileHR: WancunCommand {
    static let configuration = CommandConfiguration(
        commandName: "hr", abstract: "人社局反馈对账 / The HR bureau's answer against a final run.",
        discussion: """
            Columns (header row found below any title): 公民身份号码, 姓名, 核定结果 (通过/不通过),
            核定金额(元), 发放金额(元), 发放日期, 备注. The bureau's decisions and payments are
            recorded against the run; a month it rejected no longer counts as used.
            Example: wancun reconcile hr N 人社局反馈2026年10月.xlsx --out 对账结果.xlsx   # N: the final run
            """)

    @OptionGroup var globals: GlobalOptions
    @Argument(help: "The final run the answer is for.") var run: Int64
    @Argument(help: "The bureau's .csv or .xlsx file.") var file: String
    @OptionGroup var reconcile: ReconcileOptions
    @Option(help: "The reviewer's account approving an answer that changes decisions already recorded, needed once accounts exist.")
    var reviewer: String?

    func run(_ ctx: Context) throws {
        var options = reconcile.options
        options.review = reviewer.map { Review(reviewer: $0, via: .cli) }
        let report = try ctx.openDatabase().reconcileHR(run: run, file: file, options: options, context: ctx.changeContext())
        try ctx.finish(report, input: file, reconcile, ownerOnly: true)
    }
}

struct ReconcileParcels: WancunCommand {
    static let configuration = CommandConfiguration(
        commandName: "parcels", abstract: "快递到件清单对账 / A courier's manifest against the parcel ledger.",
        discussion: "Columns: 运单号, 服务点编码, 到站时间.")

    @OptionGroup var globals: GlobalOptions
    @Option(help: "The courier's id or name.") var courier: String
    @Option(help: "The courier's .csv or .xlsx manifest.") var manifest: String
    @Option(help: "The month, YYYY-MM.") var month: Month
    @OptionGroup var reconcile: ReconcileOptions

    func run(_ ctx: Context) throws {
        let report = try ctx.openDatabase().reconcileParcels(
            courier: courier, month: month, file: manifest, options: reconcile.options, context: ctx.changeContext())
        try ctx.finish(report, input: manifest, reconcile)
    }
}

struct ReconcileFees: WancunCommand {
    static let configuration = CommandConfiguration(
        commandName: "fees", abstract: "快递费用结算单对账 / A courier's fee statement against parcels × the linked fee.",
        discussion: "Columns: 服务点编码, 件数, 金额(元).")

    @OptionGroup var globals: GlobalOptions
    @Option(help: "The courier's id or name.") var courier: String
    @Option(help: "The courier's .csv or .xlsx fee statement.") var statement: String
    @Option(help: "The month, YYYY-MM.") var month: Month
    @OptionGroup var reconcile: ReconcileOptions

    func run(_ ctx: Context) throws {
        let report = try ctx.openDatabase().reconcileFees(
            courier: courier, month: month, file: statement, options: reconcile.options, context: ctx.changeContext())
        try ctx.finish(report, input: statement, reconcile)
    }
}

struct ReconcilePurchases: WancunCommand {
    static let configuration = CommandConfiguration(
        commandName: "purchases", abstract: "平台订单对账 / A platform's statement against the agent-purchase ledger.",
        discussion: "Columns: 订单号, 服务点编码, 金额(元), 日期.")

    @OptionGroup var globals: GlobalOptions
    @Option(help: "The platform, as the ledger names it.") var platform: String
    @Option(help: "The platform's .csv or .xlsx statement.") var statement: String
    @Option(help: "The month, YYYY-MM.") var month: Month
    @OptionGroup var reconcile: ReconcileOptions

    func run(_ ctx: Context) throws {
        let report = try ctx.openDatabase().reconcilePurchases(
            platform: platform, month: month, file: statement, options: reconcile.options, context: ctx.changeContext())
        try ctx.finish(report, input: statement, reconcile)
    }
}

struct ReconcileList: WancunCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "历次对账 / Past reconciliations.")

    @OptionGroup var globals: GlobalOptions
    @OptionGroup var output: OutputOptions

    func run(_ ctx: Context) throws {
        let reports = try ctx.openDatabase().reconciliations()
        typealias H = Message.Header
        ctx.render(
            Table(
                columns: [
                    .init("id", H.id), .init("kind", H.kind), .init("subject", H.subject), .init("month", H.month),
                    .init("file_name", H.file), .init("created_at", H.at), .init("matched", Message.reconOutcome(.matched)),
                    .init("differences", H.differences),
                ],
                rows: reports.map { r in
                    [
                        .integer(r.id), .label(code: r.kind.rawValue, .reconKind(r.kind)), .text(r.subject), .optional(r.month?.description),
                        .text(r.fileName), .text(r.createdAt), .integer(Int64(r.counts[.matched, default: 0])),
                        .integer(Int64(ReconOutcome.allCases.filter { $0 != .matched }.reduce(0) { $0 + r.counts[$1, default: 0] })),
                    ]
                }),
            output)
    }
}

struct ReconcileShow: WancunCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "对账详情 / A past reconciliation and its differences.")

    @OptionGroup var globals: GlobalOptions
    @OptionGroup var output: OutputOptions
    @Argument(help: "The reconciliation's number.") var id: Int64

    func run(_ ctx: Context) throws {
        ctx.show(try ctx.openDatabase().reconciliation(id), reveal: output.reveal, wide: output.display.wide, format: output.format)
    }
}
