import ArgumentParser
import WancunKit

struct AuditCommand: WancunCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit", abstract: "审计记录 / Who changed what, when and why.",
        discussion: "Example: wancun audit --point 330424101201001 --since 2026-01-01",
        subcommands: [AuditVerify.self])

    @OptionGroup var globals: GlobalOptions
    @OptionGroup var output: OutputOptions
    @Option(help: "Only changes to this point.") var point: String?
    @Option(name: .customLong("operator"), help: "Only changes to this operator (ID number).") var idNumber: String?
    @Option(help: "Only changes on or after this date.") var since: LocalDate?

    func run(_ ctx: Context) throws {
        var normalizedID: String?
        if let idNumber {
            normalizedID = try ResidentIDArgument.parse(idNumber, today: ctx.changeContext().today)
        }
        let entries = try ctx.openDatabase().auditEntries(AuditFilter(pointCode: point, operatorIdNumber: normalizedID, since: since))
        guard output.format == .table else {
            return ctx.render(Table(columns: AuditEntry.columns, rows: entries.map { $0.cells(reveal: output.reveal) }), output)
        }
        ctx.out(entries.isEmpty ? "—\n" : ctx.renderer(output).fitted(ctx.auditLines(entries, output, subjects: true)))
    }
}

struct AuditVerify: WancunCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify", abstract: "核对审计链 / Check that no audit line was edited, deleted or slipped in.",
        discussion: """
            Recomputes every line's hash from the one before and prints the chain's head, to
            compare with the head on the latest roster manifest, reconciliation report or backup.
            Exits 4 naming the first broken line, or a dropped append-only trigger.
            Example: wancun audit verify
            """)

    @OptionGroup var globals: GlobalOptions

    func run(_ ctx: Context) throws {
        let db = try ctx.openDatabase()
        let damage = try db.auditChainProblems()
        for problem in damage { ctx.err(Message.errorPrefix.text(ctx.language) + Message.auditDamage(problem).text(ctx.language) + "\n") }
        if !damage.isEmpty {
            ctx.err(Message.auditDamageFound.text(ctx.language) + "\n")
            throw ExitCode(4)
        }
        let head = try db.auditChainHead()
        ctx.say(.auditChainIntact(lines: head?.id ?? 0))
        ctx.say(.auditHead(head))
    }
}
