import ArgumentParser
import Foundation
import WancunKit

#if canImport(Glibc)
    import Glibc
#endif

struct PointCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "point", abstract: "服务点 / Service points.",
        subcommands: [
            PointAdd.self, PointList.self, PointShow.self, PointEditCommand.self, PointStatusCommand.self,
            PointAssign.self, PointUnassign.self, PointVerify.self, PointImport.self, PointExport.self,
        ])
}

struct PointAdd: WancunCommand {
    static let configuration = CommandConfiguration(
        commandName: "add", abstract: "登记服务点 / Register a service point.",
        discussion: """
            A point in a residents' committee (居委会, village segment 001–199 or 400–499), or one
            that may be registered already, needs --force --reason TEXT, which the audit trail records.
            Example: wancun point add --village 330424101201 --name 聚金村电商服务站 --plan-year 2025
            """)

    @OptionGroup var globals: GlobalOptions
    @OptionGroup var output: OutputOptions
    @Option(help: "The village's 12-digit code.") var village: DivisionCode
    @Option(help: "The point's name.") var name: String
    @Option(help: "Street address.") var address: String?
    @Option(help: "Latitude in degrees (WGS 84).") var lat: Double?
    @Option(help: "Longitude in degrees (WGS 84).") var lon: Double?
    @Option(help: "Year it entered the provincial plan (纳入全省建设规划).") var planYear: Int?
    @Option(help: "Opening date YYYY-MM-DD; the point then starts operating.") var opened: LocalDate?
    @Option(name: .customLong("field"), help: "Another of the point's fields, as COLUMN=VALUE (its column in the points sheet); may be repeated.")
    var fields: [String] = []
    @OptionGroup var force: ForceOptions

    func run(_ ctx: Context) throws {
        var new = NewPoint(
            village: village, name: name, address: address, latitude: lat, longitude: lon, planYear: planYear, openedOn: opened,
            override: force.override)
        for field in fields { new.values.set(assignment: field) }
        let point = try ctx.openDatabase().addPoint(new, context: ctx.changeContext())
        if output.format == .json {
            ctx.out(
                JSONValue.object([("code", .string(point.code)), ("name", .string(point.name)), ("status", .string(point.status.rawValue))])
                    .serialized() + "\n")
        } else {
            ctx.say(.pointAdded(point.code, point.name))
        }
    }
}

struct PointList: WancunCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "列出服务点 / List service points.",
        discussion: "Example: wancun point list --under 330424101000 --status operating --format csv > 沈荡镇.csv")

    @OptionGroup var globals: GlobalOptions
    @OptionGroup var output: OutputOptions
    @Option(help: "Only points below this division.") var under: DivisionCode?
    @Option(help: "planned, operating, suspended or closed.") var status: PointStatus?

    func run(_ ctx: Context) throws {
        let rows = try ctx.openDatabase().points(PointFilter(under: under, status: status))
        ctx.render(Table(columns: PointListing.columns, rows: rows.map { $0.cells(ctx.language) }), output)
    }
}

struct PointShow: WancunCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "服务点详情：状态记录、站长、审计 / A point with its history, operators and audit trail.")

    @OptionGroup var globals: GlobalOptions
    @OptionGroup var output: OutputOptions
    @Argument(help: "The point's code.") var code: String

    func run(_ ctx: Context) throws {
        let detail = try ctx.openDatabase().pointDetail(code)
        let p = detail.point
        let lang = ctx.language
        typealias H = Message.Header
        let fields = Array(zip(PointListing.columns + PointListing.detailColumns, p.cells(lang) + p.detailCells()))
        let history = Table(
            columns: [
                .init("on_date", H.date), .init("from_status", H.fromStatus), .init("status", H.status),
                .init("reason", H.reason), .init("clerk", H.clerk),
            ],
            rows: detail.history.map {
                [
                    .text($0.onDate.description), $0.fromStatus.map { .label(code: $0.rawValue, .pointStatus($0)) } ?? .null,
                    .label(code: $0.status.rawValue, .pointStatus($0.status)), .text($0.reason), .text($0.clerk),
                ]
            })
        let operators = Table(
            columns: [
                .init("name", H.operatorName), .init("id_number", H.idNumber), .init("phone", H.phone),
                .init("started_on", H.startedOn), .init("ended_on", H.endedOn), .init("contract_type", H.contractType),
                .init("contract_from", H.contractFrom), .init("contract_to", H.contractTo),
            ],
            rows: detail.operators.map { a, o in
                [
                    .text(o.name), .residentID(o.idNumber), .phone(o.phone), .text(a.startedOn.description),
                    .optional(a.endedOn?.description), a.contractType.map { .label(code: $0.rawValue, .contractType($0)) } ?? .null,
                    .optional(a.contractFrom?.description), .optional(a.contractTo?.description),
                ]
            })
        let audit = Table(columns: AuditEntry.columns, rows: detail.audit.map { $0.cells(reveal: output.reveal) })
        let record = Record(
            fields: fields,
            sections: [
                .init(key: "status_history", title: Message.Section.statusHistory, table: history),
                .init(key: "operators", title: Message.Section.operators, table: operators),
                .init(key: "audit", title: Message.Section.audit, table: audit, lines: ctx.auditLines(detail.audit, output, subjects: false)),
            ])
        ctx.out(ctx.renderer(output).render(record, as: output.format))
    }
}

struct PointEditCommand: WancunCommand {
    static let configuration = CommandConfiguration(
        commandName: "edit", abstract: "修改服务点 / Edit a point's details or its operating business.",
        discussion: """
            A credit code that fails the GB 32100 check is refused; if it is real, keep it with
            --force --reason TEXT, which the audit trail records. --opened DATE rewrites the
            opening day in the status history and needs --reason; a planned point then opens.
            Example: wancun point edit 330424101201001 --opened 2025-10-08 --reason 补录实际开业日期
            Example: wancun point edit 330424101201001 --business 海盐县某某电子商务有限公司 --credit-code 91330424MA2B3C4D5Y
            --clear COLUMN removes a value: latitude (the longitude with it), business_name,
            credit_code. Example: wancun point edit 330424101201001 --clear business_name --clear credit_code
            """)

    @OptionGroup var globals: GlobalOptions
    @Argument(help: "The point's code.") var code: String
    @Option(help: "The new name.") var name: String?
    @Option(help: "The new address.") var address: String?
    @Option(help: "Latitude, WGS 84 decimal degrees (with --lon).") var lat: Double?
    @Option(help: "Longitude, WGS 84 decimal degrees (with --lat).") var lon: Double?
    @Option(help: "The year it entered the provincial plan.") var planYear: Int?
    @Option(help: "The opening day YYYY-MM-DD, as the status history keeps it; needs --reason.") var opened: LocalDate?
    @Option(help: "The business that runs the point (经营主体).") var business: String?
    @Option(help: "Its unified social credit code.") var creditCode: String?
    @Option(name: .customLong("field"), help: "Another of the point's fields, as COLUMN=VALUE (its column in the points sheet); may be repeated.")
    var fields: [String] = []
    @Option(name: .customLong("clear"), help: "A field to empty, by its column; may be repeated.") var cleared: [String] = []
    @OptionGroup var force: ForceOptions

    func run(_ ctx: Context) throws {
        var edit = PointEdit()
        edit.cleared = Set(cleared)
        edit.name = name
        edit.address = address
        edit.latitude = lat
        edit.longitude = lon
        edit.planYear = planYear
        edit.openedOn = opened
        edit.businessName = business
        edit.creditCode = creditCode
        edit.force = force.force
        edit.reason = force.reason
        for field in fields { edit.values.set(assignment: field) }
        let point = try ctx.openDatabase().editPoint(code, edit, context: ctx.changeContext())
        ctx.say(.pointEdited(point.code))
    }
}

struct PointStatusCommand: WancunCommand {
    static let configuration = CommandConfiguration(
        commandName: "status", abstract: "变更服务点状态 / Change a point's status.",
        discussion: """
            Allowed: planned → operating or closed; operating → suspended or closed;
            suspended → operating or closed. Closing ends the operator's assignment that day.
            Example: wancun point status 330424101201001 suspended --reason 站长生病
            """)

    @OptionGroup var globals: GlobalOptions
    @Argument(help: "The point's code.") var code: String
    @Argument(help: "planned, operating, suspended or closed.") var status: PointStatus
    @Option(help: "Why (kept in the history).") var reason: String
    @Option(
        help:
            "The date of the change (default today); not before the last change (a first opening may be before the registration), not in the future.")
    var on: LocalDate?

    func run(_ ctx: Context) throws {
        try ctx.openDatabase().changeStatus(code, to: status, reason: reason, on: on, context: ctx.changeContext())
        ctx.say(.pointStatusChanged(code, status))
    }
}

struct PointAssign: WancunCommand {
    static let configuration = CommandConfiguration(
        commandName: "assign", abstract: "任命站长 / Put an operator in charge of a point.",
        discussion: "Example: wancun point assign 330424101201001 --operator 330424198503150023 "
            + "--from 2026-01-01 --contract civil --contract-from 2026-01-01 --contract-to " + "2026-12-31")

    @OptionGroup var globals: GlobalOptions
    @Argument(help: "The point's code.") var code: String
    @Option(name: .customLong("operator"), help: "The operator's ID number.") var idNumber: String
    @Option(help: "First day in charge.") var from: LocalDate
    @Option(help: "labour (劳动合同) or civil (民事协议).") var contract: ContractType?
    @Option(help: "The first day of the contract, YYYY-MM-DD (with --contract).") var contractFrom: LocalDate?
    @Option(help: "The contract's last day.") var contractTo: LocalDate?
    @OptionGroup var force: ForceOptions

    func run(_ ctx: Context) throws {
        let (_, ended) = try ctx.openDatabase().assignEnding(
            NewAssignment(
                pointCode: code, idNumber: idNumber, from: from, contractType: contract, contractFrom: contractFrom,
                contractTo: contractTo, override: force.override),
            context: ctx.changeContext())
        if let ended { ctx.say(.assignmentEnded(ended)) }
        ctx.say(.operatorAssigned(code))
    }
}

struct PointUnassign: WancunCommand {
    static let configuration = CommandConfiguration(
        commandName: "unassign", abstract: "站长离任 / End the current operator's assignment.")

    @OptionGroup var globals: GlobalOptions
    @Argument(help: "The point's code.") var code: String
    @Option(help: "The day it ends.") var on: LocalDate
    @Option(help: "Why.") var reason: String

    func run(_ ctx: Context) throws {
        try ctx.openDatabase().unassign(code, on: on, reason: reason, context: ctx.changeContext())
        ctx.say(.operatorUnassigned(code))
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
        let terminal = ctx.errorIsTerminal
        let copy = AnnotatedCopy.resultPath(for: input.file)
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
