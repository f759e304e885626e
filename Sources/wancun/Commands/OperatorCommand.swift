import ArgumentParser
import WancunKit

struct OperatorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "operator", abstract: "站长 / Operators.",
        subcommands: [
            OperatorAdd.self, OperatorList.self, OperatorShow.self, OperatorEditCommand.self, OperatorMonths.self, OperatorRetirement.self,
        ])
}

struct OperatorAdd: WancunCommand {
    static let configuration = CommandConfiguration(
        commandName: "add", abstract: "登记站长 / Register an operator.",
        discussion: """
            Men's retirement group is male; for a woman it must be given (female-55 or
            female-50), since it depends on the post. Difficulty categories: 4050, disabled,
            zero-employment, minimum-income, land-lost, long-term-unemployed, other. 4050 needs a
            woman of 40 or a man of 50 on the certification day, by the ID number; an exception
            needs --force --reason TEXT.
            Example: wancun operator add --name 王演示 --id-number 330424198503150023 --phone 13800000001 \
            --retirement-group female-50 --difficulty land-lost --certificate JY2025-001 --certified-on 2025-03-01
            """)

    @OptionGroup var globals: GlobalOptions
    @Option(help: "The operator's name.") var name: String
    @Option(help: "18-character resident ID number.") var idNumber: String
    @Option(help: "11-digit mobile number.") var phone: String
    @Option(help: "Employment-difficulty category.") var difficulty: DifficultyCategory?
    @Option(help: "What 'other' means here.") var difficultyNote: String?
    @Option(help: "Difficulty certificate number.") var certificate: String?
    @Option(help: "Date the difficulty was certified.") var certifiedOn: LocalDate?
    @Option(help: "male, female-55 or female-50.") var retirementGroup: RetirementGroup?
    @OptionGroup var force: ForceOptions

    func run(_ ctx: Context) throws {
        let person = try ctx.openDatabase().addOperator(
            NewOperator(
                name: name, idNumber: idNumber, phone: phone, difficulty: difficulty, difficultyNote: difficultyNote,
                certificateNo: certificate, certifiedOn: certifiedOn, retirementGroup: retirementGroup, override: force.override),
            context: ctx.changeContext())
        ctx.say(.operatorAdded(person.name, person.residentID.masked))
    }
}

struct OperatorList: WancunCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "列出站长 / List operators.")

    @OptionGroup var globals: GlobalOptions
    @OptionGroup var output: OutputOptions

    func run(_ ctx: Context) throws {
        let rows = try ctx.openDatabase().operators()
        ctx.render(Table(columns: Operator.columns, rows: rows.map { $0.0.cells(ctx.language, pointCode: $0.1) }), output)
    }
}

struct OperatorShow: WancunCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "站长详情 / One operator and their assignments.")

    @OptionGroup var globals: GlobalOptions
    @OptionGroup var output: OutputOptions
    @Argument(help: "The operator's ID number.") var idNumber: String

    func run(_ ctx: Context) throws {
        let db = try ctx.openDatabase()
        let today = ctx.changeContext().today
        let (person, assignments) = try db.operatorDetail(idNumber, today: today)
        if output.reveal { try db.recordIDNumberSeenAtServer(person.idNumber, context: ctx.changeContext()) }
        let standing = try db.operatorStanding(idNumber, today: today)
        let lang = ctx.language
        typealias H = Message.Header
        let current = assignments.first { $0.0.endedOn == nil }?.1
        let table = Table(
            columns: [
                .init("point_code", H.pointCode), .init("started_on", H.startedOn), .init("ended_on", H.endedOn),
                .init("end_reason", H.reason), .init("contract_type", H.contractType),
            ],
            rows: assignments.map { a, code in
                [
                    .text(code), .text(a.startedOn.description), .optional(a.endedOn?.description), .optional(a.endReason),
                    a.contractType.map { .label(code: $0.rawValue, .contractType($0)) } ?? .null,
                ]
            })
        let audit = try db.auditEntries(AuditFilter(operatorIdNumber: person.idNumber))
        let record = Record(
            fields: zip(Operator.columns + OperatorStanding.columns, person.cells(lang, pointCode: current) + standing.cells).map { ($0, $1) },
            sections: [
                .init(key: "assignments", title: Message.Section.assignments, table: table),
                .init(
                    key: "audit", title: Message.Section.audit,
                    table: Table(columns: AuditEntry.columns, rows: audit.map { $0.cells(reveal: output.reveal) }),
                    lines: ctx.auditLines(audit, output, subjects: false)),
            ])
        ctx.out(ctx.renderer(output).render(record, as: output.format))
    }
}

struct OperatorEditCommand: WancunCommand {
    static let configuration = CommandConfiguration(
        commandName: "edit", abstract: "修改站长信息 / Edit an operator.",
        discussion: """
            A 4050 certificate the ID number cannot hold (a woman under 40, a man under 50 on the
            certification day) is refused; keep an exception with --force --reason TEXT, which the
            audit trail records. --clear COLUMN removes a value entered by mistake (difficulty,
            which takes its note with it, difficulty_note, certificate_no, certified_on).
            Example: wancun operator edit 330424198503150023 --clear difficulty --clear certificate_no --clear certified_on
            """)

    @OptionGroup var globals: GlobalOptions
    @Argument(help: "The operator's ID number.") var idNumber: String
    @Option(help: "The new name.") var name: String?
    @Option(help: "The new mobile number.") var phone: String?
    @Option(help: "The new employment-difficulty category.") var difficulty: DifficultyCategory?
    @Option(help: "What the category other means for this person.") var difficultyNote: String?
    @Option(help: "The difficulty certificate's number.") var certificate: String?
    @Option(help: "The day the difficulty was certified, YYYY-MM-DD.") var certifiedOn: LocalDate?
    @Option(help: "male, female-55 or female-50.") var retirementGroup: RetirementGroup?
    @Option(name: .customLong("clear"), help: "A field to empty, by its column; may be repeated.") var cleared: [String] = []
    @OptionGroup var force: ForceOptions

    func run(_ ctx: Context) throws {
        var edit = OperatorEdit()
        edit.cleared = Set(cleared)
        edit.name = name
        edit.phone = phone
        edit.difficulty = difficulty
        edit.difficultyNote = difficultyNote
        edit.certificateNo = certificate
        edit.certifiedOn = certifiedOn
        edit.retirementGroup = retirementGroup
        edit.force = force.force
        edit.reason = force.reason
        let person = try ctx.openDatabase().editOperator(idNumber, edit, context: ctx.changeContext())
        ctx.say(.operatorEdited(person.name, person.residentID.masked))
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
        try ctx.openDatabase().setOpeningBalance(
            idNumber: idNumber, months: months, asOf: asOf, first: first, source: source, context: ctx.changeContext())
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
