import ArgumentParser
import Foundation
import WancunKit

/// What a command runs with: the resolved options, the environment, and where it prints.
/// Tests run commands in-process through one that keeps what they print (`Wancun.runInProcess`).
final class Context {
    let environment: [String: String]
    /// The command line, the program's path first.
    let arguments: [String]
    let language: Language
    let databasePath: String
    let clerk: String
    /// Whether the clerk was named (`--clerk`, `WANCUN_CLERK`) rather than taken from the OS user.
    let clerkGiven: Bool
    /// `WANCUN_TODAY`, when it is set: the day, or the text that is not one.
    let todayOverride: Result<LocalDate, BadToday>?
    private(set) var stdout = ""
    private(set) var stderr = ""
    let echo: Bool

    /// `databaseDefault`: the database of a command that keeps its own when no `--db` names
    /// one (the demo's), which `WANCUN_DB` does not change.
    init(
        globals: GlobalOptions, environment: [String: String] = ProcessInfo.processInfo.environment,
        arguments: [String] = CommandLine.arguments, echo: Bool = true, databaseDefault: String? = nil
    ) {
        self.environment = environment
        self.arguments = arguments
        self.echo = echo
        language = globals.lang ?? Language.fromEnvironment(environment)
        databasePath = globals.db ?? databaseDefault ?? environment["WANCUN_DB"] ?? "wancun.sqlite"
        let named = globals.clerk ?? environment["WANCUN_CLERK"]
        clerkGiven = named != nil
        clerk = named ?? environment["USER"] ?? environment["LOGNAME"] ?? "clerk"
        todayOverride = environment["WANCUN_TODAY"].map { text in
            Result { () throws(BadToday) -> LocalDate in
                do { return try LocalDate(parsing: text) } catch { throw BadToday(text: text) }
            }
        }
        busyTimeoutOverride = environment["WANCUN_BUSY_TIMEOUT"].map { text in
            Result { () throws(BadBusyTimeout) -> TimeInterval in
                guard let seconds = TimeInterval(text.trimmingCharacters(in: .whitespaces)), seconds.isFinite, seconds >= 0 else {
                    throw BadBusyTimeout(text: text)
                }
                return seconds
            }
        }
    }

    struct BadToday: Error { var text: String }

    /// `WANCUN_BUSY_TIMEOUT`, when it is set: seconds (finite, not negative), or the text that is not.
    let busyTimeoutOverride: Result<TimeInterval, BadBusyTimeout>?

    struct BadBusyTimeout: Error { var text: String }

    /// The change context for audited writes. `WANCUN_TODAY` (YYYY-MM-DD) fixes "today" for
    /// reproducible demos and tests; otherwise today is taken in Asia/Shanghai. A malformed
    /// `WANCUN_TODAY` is refused before any command runs (`refuseBadEnvironment`).
    func changeContext() -> ChangeContext {
        ChangeContext(clerk: clerk, clerkGiven: clerkGiven, today: try? todayOverride?.get())
    }

    /// Refuses a `WANCUN_TODAY` that is not a date, and a `WANCUN_BUSY_TIMEOUT` that is not
    /// seconds: usage errors (exit 64), never ignored.
    func refuseBadEnvironment() throws {
        if case .failure(let bad)? = todayOverride { throw usageError(.badToday(bad.text)) }
        if case .failure(let bad)? = busyTimeoutOverride { throw usageError(.badBusyTimeout(bad.text)) }
    }

    /// Prints a malformed argument's message; the returned exit (64) is for the caller to throw.
    func usageError(_ message: Message) -> ExitCode {
        err(Message.errorPrefix.text(language) + message.text(language) + "\n")
        return ExitCode.validationFailure
    }

    /// How long a write waits for another process's: `WANCUN_BUSY_TIMEOUT` seconds, else the
    /// default. A malformed value is refused before any command runs (`refuseBadEnvironment`).
    var busyTimeout: TimeInterval {
        (try? busyTimeoutOverride?.get()) ?? AppDatabase.defaultBusyTimeout
    }

    /// The program's path, as it was started.
    var executable: String { arguments.first ?? "wancun" }

    func openDatabase(create: Bool = false, path: String? = nil) throws -> AppDatabase {
        try AppDatabase(path: path ?? databasePath, create: create, busyTimeout: busyTimeout)
    }

    func say(_ message: Message) { out(message.text(language) + "\n") }

    func out(_ text: String) {
        stdout += text
        if echo { FileHandle.standardOutput.write(Data(text.utf8)) }
    }

    func err(_ text: String) {
        stderr += text
        if echo { FileHandle.standardError.write(Data(text.utf8)) }
    }

    func render(_ table: Table, _ options: OutputOptions) {
        out(renderer(options).render(table, as: options.format))
    }

    /// The renderer every listing prints through: its tables fit the terminal unless `wide`;
    /// one that reveals is recorded in the audit trail when the command ends (`recordReveal`).
    func renderer(reveal: Bool, wide: Bool) -> TableRenderer {
        if reveal { revealing = true }
        return TableRenderer(language: language, reveal: reveal, width: wide ? nil : TableRenderer.terminalWidth)
    }

    func renderer(_ options: OutputOptions) -> TableRenderer { renderer(reveal: options.reveal, wide: options.display.wide) }

    /// The audit trail as the table format prints it (`AuditEntry.readableLines`).
    func auditLines(_ entries: [AuditEntry], _ options: OutputOptions, subjects: Bool) -> [String] {
        AuditEntry.readableLines(
            entries, language: language, reveal: options.reveal, subjects: subjects, fullHashes: options.display.wide,
            width: options.display.wide ? nil : TableRenderer.terminalWidth)
    }

    /// Whether the command printed with `--reveal`.
    private(set) var revealing = false

    /// After a command that printed with `--reveal`: one audit line saying how many full ID
    /// numbers it printed and where standard output went. Nothing to record when it printed
    /// none, or has no database (a file someone sent, inspected).
    func recordReveal(command: String) throws {
        guard revealing, FileManager.default.fileExists(atPath: databasePath) else { return }
        let count = Mask.residentIDCount(in: stdout)
        guard count > 0 else { return }
        try openDatabase().recordReveal(
            command: Mask.personalValues(in: command), idNumbers: count, destination: standardOutputName(),
            context: changeContext())
    }

    /// Where standard output goes: the file it was redirected to, else what it is (a terminal, a
    /// pipe); what is kept and not printed is read by a caller, as from a pipe.
    func standardOutputName() -> String { echo ? Self.standardOutputName() : "pipe" }

    /// Whether standard error is a terminal (for a progress bar); what is kept is not.
    var errorIsTerminal: Bool { echo && isatty(2) == 1 }

    static func standardOutputName() -> String {
        if let target = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/fd/1") {
            // `pipe:[1331688]`: another program took it; the number says nothing to a reader.
            return target.hasPrefix("/") ? target : String(target.prefix { $0 != ":" })
        }
        return isatty(1) == 1 ? "terminal" : "standard output"
    }

    /// Prints an error as the user should read it: one line per problem, never a stack trace.
    func report(_ error: any Error) {
        switch error {
        case let problems as RowProblems:
            for problem in problems.problems { err(problem.line(language) + "\n") }
            err(problems.message.text(language) + "\n")
            switch problems.writeCopy(language: language) {
            case .written(let copy)?: err(Message.annotatedCopyWritten(copy).text(language) + "\n")
            case .failed(let error)?: err(error.line(language) + "\n")
            case nil: break
            }
        case let problem as RowProblem:
            err(problem.line(language) + "\n")
        case let refused as RegistryError:
            // One line per refusal of the change.
            for refusal in refused.refusals { err(Message.errorPrefix.text(language) + refusal.message.text(language) + "\n") }
        case let error as any UserFacingError:
            err(Message.errorPrefix.text(language) + error.message.text(language) + "\n")
        default:
            err(Message.errorPrefix.text(language) + String(describing: error) + "\n")
        }
    }
}

/// A command that runs against a `Context`; errors are printed once and exit 1, or 4 when a
/// write was refused because the audit trail is no longer protected (damage found).
protocol WancunCommand: ParsableCommand {
    var globals: GlobalOptions { get }
    /// The database the command uses when `--db` names none, whatever `WANCUN_DB` says (the
    /// demo's own); `nil` for every command that uses the clerk's.
    static var databaseDefault: String? { get }
    func run(_ ctx: Context) throws
}

extension WancunCommand {
    static var databaseDefault: String? { nil }

    func run() throws {
        try run(in: context())
    }

    /// The context the command runs with: the options, `environment` and `arguments` (the
    /// process's, or a test's), printing as it goes when `echo`.
    func context(
        environment: [String: String] = ProcessInfo.processInfo.environment, arguments: [String] = CommandLine.arguments,
        echo: Bool = true
    ) -> Context {
        Context(
            globals: globals, environment: environment, arguments: arguments, echo: echo,
            databaseDefault: Self.databaseDefault)
    }

    /// Runs the command with `ctx`: what `run()` does with the process's.
    func run(in ctx: Context) throws {
        try ctx.refuseBadEnvironment()
        // Whether or not the command opens it, no output may replace the database it names.
        let protection = FileOutput.protect(databaseAt: ctx.databasePath)
        defer { withExtendedLifetime(protection) {} }
        let command = ctx.arguments.dropFirst().prefix { !$0.hasPrefix("-") }.joined(separator: " ")
        do {
            do {
                try FileOutput.$overwrite.withValue(globals.overwrite) { try run(ctx) }
            } catch let exit as ExitCode {
                // What was printed is recorded whatever the exit (reconcile's 3).
                try ctx.recordReveal(command: command)
                throw exit
            }
            try ctx.recordReveal(command: command)
        } catch let exit as ExitCode {
            throw exit
        } catch {
            ctx.report(error)
            if case StoreError.auditUnprotected? = error as? StoreError { throw ExitCode(4) }
            throw ExitCode.failure
        }
    }
}
