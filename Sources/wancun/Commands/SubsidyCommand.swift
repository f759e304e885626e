import ArgumentParser
import Foundation
import WancunKit

struct PolicyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "policy", abstract: "补贴政策参数 / Dated subsidy parameters.",
        subcommands: [PolicyShow.self, PolicySet.self, PolicyImport.self])
}

struct PolicyShow: WancunCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "某日生效的参数 / The values in force on a day.")

    @OptionGroup var globals: GlobalOptions
    @OptionGroup var output: OutputOptions
    @Option(help: "The day (default today).") var on: LocalDate?

    func run(_ ctx: Context) throws {
        let policy = try ctx.openDatabase().policy(on: on ?? ctx.changeContext().today)
        ctx.render(Table(columns: PolicyValue.columns, rows: PolicyKey.allCases.compactMap { policy.values[$0]?.cells }), output)
    }
}

struct PolicySet: WancunCommand {
    static let configuration = CommandConfiguration(
        commandName: "set", abstract: "设置参数（自某日起）/ Set a value from a date, with its source.",
        discussion: "Example: wancun policy set monthly_amount_fen 180000 --from 2027-01-01 --source '海人社〔2026〕12号 第三条'")

    @OptionGroup var globals: GlobalOptions
    @Argument(help: "The parameter's key (wancun policy list shows them).") var key: String
    @Argument(help: "Its value.") var value: String
    @Option(help: "The first day it holds, YYYY-MM-DD.") var from: LocalDate
    @Option(help: "The document and article.") var source: String

    func run(_ ctx: Context) throws {
        guard let policyKey = PolicyKey(rawValue: key) else { throw SubsidyError.policyKeyUnknown(key) }
        try ctx.openDatabase().setPolicy(policyKey, value: value, from: from, source: source, context: ctx.changeContext())
        ctx.say(.policySet)
    }
}

struct PolicyImport: WancunCommand {
    static let configuration = CommandConfiguration(
        commandName: "import", abstract: "从文件导入参数 / Load dated values (key,value,unit,from,source).")

    @OptionGroup var globals: GlobalOptions
    @Argument(help: "The .csv or .xlsx file.") var file: String

    func run(_ ctx: Context) throws {
        ctx.reportImport(try ctx.openDatabase().importPolicy(from: file, context: ctx.changeContext()))
    }
}

struct RetirementCommand: WancunCommand {
    static let configuration = CommandConfiguration(
        commandName: "retirement", abstract: "法定退休年龄 / Statutory retirement age under the 2025 reform.",
        discussion: "Example: wancun retirement --born 1976-05 --group male --format json")

    @OptionGroup var globals: GlobalOptions
    @Option(help: "Birth month YYYY-MM.") var born: Month
    @Option(help: "male, female-55 or female-50.") var group: RetirementGroup
    @Option(help: "text (default) or json.") var format: OutputFormat = .table

    func run(_ ctx: Context) throws {
        let latest = ctx.changeContext().today.monthValue
        guard born >= Month(year: 1900, month: 1)! && born <= latest else { throw ctx.usageError(.birthMonthOutOfRange(born, latest: latest)) }
        let months = Retirement.ageMonths(born: born, group: group)
        let month = Retirement.month(born: born, group: group)
        if format == .json {
            ctx.out(JSONValue.object([
                ("age_years", .number(String(months / 12))), ("age_months", .number(String(months % 12))),
                ("retirement_month", .string(month.description)),
            ]).serialized() + "\n")
        } else {
            ctx.say(.retirementAnswer(years: months / 12, months: months % 12, month: month))
        }
    }
}

struct PointVerify: WancunCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify", abstract: "记录人社部门核定 / Record the HR bureau's verification of a point.")

    @OptionGroup var globals: GlobalOptions
    @Argument(help: "The point's code.") var code: String
    @Option(help: "The bureau's reference.") var hrRef: String
    @Option(help: "The day of the verification, YYYY-MM-DD.") var on: LocalDate
    @Option(help: "Last day it holds.") var until: LocalDate?

    func run(_ ctx: Context) throws {
        try ctx.openDatabase().verifyPoint(code, hrRef: hrRef, on: on, until: until, context: ctx.changeContext())
        ctx.say(.verified)
    }
}

struct OperatorMonths: WancunCommand {
    static let configuration = CommandConfiguration(
        commandName: "months", abstract: "期初已享受补贴月数 / Months subsidised before the registry existed.",
        discussion: "Example: wancun operator months 330424198503150023 14 --as-of 2025-12 --source '2024—2025年发放台账'")

    @OptionGroup var globals: GlobalOptions
    @Argument(help: "The operator's ID number.") var idNumber: String
    @Argument(help: "Months subsidised before the registry.") var months: Int
    @Option(help: "The last month they cover.") var asOf: Month
    @Option(help: "The first subsidised month (default: as-of less the months).") var first: Month?
    @Option(help: "Where the figure comes from.") var source: String

    func run(_ ctx: Context) throws {
        try ctx.openDatabase().setOpeningBalance(idNumber: idNumber, months: months, asOf: asOf, first: first, source: source, context: ctx.changeContext())
        ctx.say(.openingBalanceSet)
    }
}

struct OperatorRetirement: WancunCommand {
    static let configuration = CommandConfiguration(
        commandName: "retirement", abstract: "调整退休月份（提前或延迟）/ Override the retirement month (early or deferred).")

    @OptionGroup var globals: GlobalOptions
    @Argument(help: "The operator's ID number.") var idNumber: String
    @Option(help: "The agreed retirement month.") var month: Month
    @Option(help: "Why, for the audit trail.") var reason: String

    func run(_ ctx: Context) throws {
        try ctx.openDatabase().overrideRetirement(idNumber: idNumber, month: month, reason: reason, context: ctx.changeContext())
        ctx.say(.retirementOverridden)
    }
}

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
                pairs.append(("rules", .array(r.outcomes.map { o in
                    .object([("rule", .string(o.rule.rawValue)), ("passed", .bool(o.passed)),
                             ("evidence", .object(o.evidence(reveal: output.reveal).map { ($0.0, .string($0.1)) }))])
                })))
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
                columns: [.init("point_code", H.pointCode), .init("point_name", H.pointName), .init("operator_name", H.operatorName),
                          .init("run_a", H.runA), .init("run_b", H.runB)],
                rows: changes.map { c in
                    [.text(c.code), .text(c.name), .optional((c.after ?? c.before)?.operatorName), c.before?.outcomeCell ?? .text("—"), c.after?.outcomeCell ?? .text("—")]
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

struct OtherPostsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "other-posts", abstract: "其他部门公益性岗位 / Other departments' subsidised posts.",
        subcommands: [OtherPostsImport.self, OtherPostsNone.self])
}

struct OtherPostsImport: WancunCommand {
    static let configuration = CommandConfiguration(
        commandName: "import", abstract: "导入其他部门公益性岗位名单 / Load a month's list (公民身份号码, 姓名, 单位).")

    @OptionGroup var globals: GlobalOptions
    @Argument(help: "The .csv or .xlsx file.") var file: String
    @Option(help: "The month the list is for, YYYY-MM.") var month: Month
    @Option(help: "The sheet to read from an .xlsx (default: the first).") var sheet: String?

    func run(_ ctx: Context) throws {
        ctx.reportImport(try ctx.openDatabase().importOtherPosts(from: file, sheet: sheet, month: month, context: ctx.changeContext()))
    }
}

struct OtherPostsNone: WancunCommand {
    static let configuration = CommandConfiguration(
        commandName: "none", abstract: "登记某月没有其他部门公益性岗位 / Record that a month's list is empty.",
        discussion: "Example: wancun subsidy other-posts none --month 2026-10 --source '县人社局2026年11月3日函复：10月无'")

    @OptionGroup var globals: GlobalOptions
    @Option(help: "The month, YYYY-MM.") var month: Month
    @Option(help: "Where the answer \"none\" came from.") var source: String

    func run(_ ctx: Context) throws {
        try ctx.openDatabase().recordNoOtherPosts(month: month, source: source, context: ctx.changeContext())
        ctx.say(.noOtherPostsRecorded(month))
    }
}
