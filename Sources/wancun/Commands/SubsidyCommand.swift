import ArgumentParser
import Foundation
import WancunKit

struct SubsidyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "subsidy", abstract: "公益性岗位补贴月度核查 / The monthly subsidy check.",
        discussion: """
            The month's job: wancun subsidy check --month 2026-10, look at it (show, summary),
            wancun subsidy finalize RUN, then wancun subsidy export RUN --out 花名册.xlsx for the bureau.
            """,
        subcommands: [
            SubsidyCheckCommand.self, SubsidyRuns.self, SubsidyShow.self, SubsidySummary.self, SubsidyDiff.self,
            SubsidyFinalize.self, SubsidyExport.self, OtherPostsCommand.self,
        ])
}

struct SubsidyCheckCommand: WancunCommand {
    static let configuration = CommandConfiguration(
        commandName: "check", abstract: "核查一个月 / Check a month and record the run.")

    @OptionGroup var globals: GlobalOptions
    @Option(help: "The month, YYYY-MM; it must have ended (or the policy's check_from_day reached).") var month: Month
    @Flag(help: "Check without the month's list of other departments' posts (needs --reason; printed on the roster).")
    var withoutOtherPosts = false
    @Option(help: "Why the check runs without the other departments' list.") var reason: String?

    func run(_ ctx: Context) throws {
        if withoutOtherPosts && reason == nil { throw SubsidyError.withoutOtherPostsNeedsReason }
        let info = try ctx.openDatabase().runSubsidyCheck(
            month: month, withoutOtherPosts: withoutOtherPosts ? reason : nil, context: ctx.changeContext())
        ctx.say(.runRecorded(info.run.id!, month, points: info.points, eligible: info.eligible, total: info.total))
        if !info.outOfScope.isEmpty { ctx.say(.outOfScopeCounted(info.outOfScope)) }
    }
}

struct SubsidyRuns: WancunCommand {
    static let configuration = CommandConfiguration(commandName: "runs", abstract: "历次核查 / Recorded runs.")

    @OptionGroup var globals: GlobalOptions
    @OptionGroup var output: OutputOptions
    @Option(help: "Only runs of this month (YYYY-MM).") var month: Month?

    func run(_ ctx: Context) throws {
        ctx.render(Table(columns: SubsidyRunInfo.columns, rows: try ctx.openDatabase().subsidyRuns(month: month).map(\.cells)), output)
    }
}

extension ResultFilter: ExpressibleByArgument {}

struct SubsidyShow: WancunCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "核查结果（逐点）/ A run's decisions, point by point.",
        discussion: "With --format json each point carries every rule's outcome and evidence.")

    @OptionGroup var globals: GlobalOptions
    @OptionGroup var output: OutputOptions
    @Argument(help: "The run's number.") var run: Int64
    @Option(help: "eligible, ineligible, out-of-scope or all.") var only: ResultFilter?

    func run(_ ctx: Context) throws {
        let results = try ctx.openDatabase().subsidyResults(run, only: only)
        if output.format == .json {
            let renderer = ctx.renderer(output)
            let items = results.map { r -> JSONValue in
                var pairs = zip(SubsidyResult.columns, r.cells(ctx.language)).map { ($0.key, renderer.jsonValue($1)) }
                pairs.removeLast()
                pairs.append(("failing_rules", .array(r.failing.map { .string($0.rawValue) })))
                pairs.append(("out_of_scope", r.outOfScope.map { .string($0.rawValue) } ?? .null))
                pairs.append(
                    (
                        "rules",
                        .array(
                            r.outcomes.map { o in
                                .object([
                                    ("rule", .string(o.rule.rawValue)), ("passed", .bool(o.passed)),
                                    ("evidence", .object(o.evidence(reveal: output.reveal).map { ($0.0, .string($0.1)) })),
                                ])
                            })
                    ))
                return .object(pairs)
            }
            ctx.out(JSONValue.array(items).serialized() + "\n")
        } else {
            ctx.render(Table(columns: SubsidyResult.columns, rows: results.map { $0.cells(ctx.language) }), output)
        }
    }
}

struct SubsidySummary: WancunCommand {
    static let configuration = CommandConfiguration(commandName: "summary", abstract: "按乡镇汇总 / Per town: points, eligible, amount.")

    @OptionGroup var globals: GlobalOptions
    @OptionGroup var output: OutputOptions
    @Argument(help: "The run's number.") var run: Int64

    func run(_ ctx: Context) throws {
        let rows = try ctx.openDatabase().subsidySummary(run)
        let total = (rows.reduce(0) { $0 + $1.points }, rows.reduce(0) { $0 + $1.eligible }, Fen(rows.reduce(0) { $0 + $1.amount.value }))
        typealias H = Message.Header
        ctx.render(
            Table(
                columns: [.init("town", H.town), .init("points", H.points), .init("eligible", H.eligible), .init("amount_fen", H.amountYuan)],
                rows: rows.map { [.text($0.town), .integer(Int64($0.points)), .integer(Int64($0.eligible)), .money($0.amount)] }
                    + [[.label(code: "total", Message.Coverage.total), .integer(Int64(total.0)), .integer(Int64(total.1)), .money(total.2)]]),
            output)
    }
}

struct SubsidyDiff: WancunCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff", abstract: "比较两次核查 / Who changed between two runs, and why.")

    @OptionGroup var globals: GlobalOptions
    @OptionGroup var output: OutputOptions
    @Argument(help: "The earlier run's number.") var runA: Int64
    @Argument(help: "The later run's number.") var runB: Int64

    func run(_ ctx: Context) throws {
        let changes = try ctx.openDatabase().subsidyDiff(runA, runB)
        typealias H = Message.Header
        if changes.isEmpty && output.format == .table { ctx.say(.noDifferences) }
        ctx.render(
            Table(
                columns: [
                    .init("point_code", H.pointCode), .init("point_name", H.pointName), .init("operator_name", H.operatorName),
                    .init("run_a", H.runA), .init("run_b", H.runB),
                ],
                rows: changes.map { c in
                    [
                        .text(c.code), .text(c.name), .optional((c.after ?? c.before)?.operatorName), c.before?.outcomeCell ?? .text("—"),
                        c.after?.outcomeCell ?? .text("—"),
                    ]
                }),
            output)
    }
}

struct SubsidyFinalize: WancunCommand {
    static let configuration = CommandConfiguration(
        commandName: "finalize", abstract: "定稿 / Make a run the month's final one.",
        discussion: "A month has one final run; --replace --reason replaces it, unless the bureau's answer has been reconciled against it.")

    @OptionGroup var globals: GlobalOptions
    @Argument(help: "The run's number.") var run: Int64
    @Flag(help: "Replace the month's final run.") var replace = false
    @Option(help: "Why the final run is replaced (with --replace).") var reason: String?
    @Option(help: "The reviewer's account approving the run, needed once accounts exist; not the run's own clerk.")
    var reviewer: String?

    func run(_ ctx: Context) throws {
        let db = try ctx.openDatabase()
        try db.finalizeRun(
            run, replacing: replace, reason: reason, review: reviewer.map { Review(reviewer: $0, via: .cli) }, context: ctx.changeContext())
        ctx.say(.runFinalized(run))
        let final = try db.subsidyRun(run).run
        if let reviewer = final.reviewer { ctx.say(.runReviewed(run, clerk: final.clerk, reviewer: reviewer)) }
    }
}

struct SubsidyExport: WancunCommand {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: "导出人社局花名册 / Write the HR bureau's roster of a final run.",
        discussion: """
            Eligible points only; ID numbers and phones in full (this file is for the bureau).
            A county may choose and order the columns with --profile FILE (columns: field,header).
            Example: wancun subsidy export N --out 海盐县2026年10月花名册.xlsx   # N: the run subsidy check recorded
            """)

    @OptionGroup var globals: GlobalOptions
    @Argument(help: "The run's number.") var run: Int64
    @Option(help: "FILE.xlsx or FILE.csv.") var out: String
    @Option(help: "A profile file: which fields, in which order, under which headers.") var profile: String?

    func run(_ ctx: Context) throws {
        let chosen = try profile.map { try RosterProfile.load(path: $0) } ?? .standard
        let context = ctx.changeContext()
        let export = try ctx.openDatabase().exportRoster(
            run: run, to: out, profile: chosen, preparedBy: context.clerkGiven ? context.clerk : nil, context: context)
        ctx.say(.rosterWritten(export.path, rows: export.rows, total: export.total, manifest: export.manifestPath))
        ctx.say(.auditHead(export.auditHead))
    }
}
