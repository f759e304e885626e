import ArgumentParser
import WancunKit

@main
struct Wancun: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "wancun",
        abstract: "村级电商服务点登记与公益性岗位补贴 / Village e-commerce service points and their subsidy.",
        discussion: """
            A county clerk's registry of village e-commerce service points (电子商务进万村),
            kept in one SQLite file.

            Examples:
              wancun demo                         build a demo database and show a tour
              wancun init --db county.sqlite      create or upgrade a database
              wancun division import haiyan.csv   load a division release
              wancun division list --rural --format json

            Exit codes: 0 success, 1 data or user error, 3 reconcile found differences, 4 damage found
            (check, audit verify; a write refused because the audit trail lost its protection), 64 usage error.
            Options read the environment too: WANCUN_DB, WANCUN_CLERK, WANCUN_LANG (zh|en).
            """,
        version: "0.1.0",
        subcommands: [
            InitCommand.self, DemoCommand.self, BackupCommand.self, RestoreCommand.self, CheckCommand.self, DivisionCommand.self, PointCommand.self,
            OperatorCommand.self, AuditCommand.self, ServiceCommand.self, CourierCommand.self, StationCommand.self,
            RouteCommand.self, ParcelCommand.self, PurchaseCommand.self, PolicyCommand.self, RetirementCommand.self,
            SubsidyCommand.self, ReconcileCommand.self, ReportCommand.self, TemplateCommand.self, FileCommand.self, UserCommand.self,
            ServeCommand.self,
        ]
    )

    /// As swift-argument-parser's own, but a command line it cannot parse is told through the
    /// catalogue in the chosen language (`UsageErrors`).
    static func main() {
        let arguments = Array(CommandLine.arguments.dropFirst())
        var command: any ParsableCommand
        do { command = try parseAsRoot(arguments) } catch { UsageErrors.exit(for: error, arguments: arguments) }
        do { try command.run() } catch { exit(withError: error) }
    }

    /// Runs a command line (the words after the program's name) in this process as `main` runs
    /// it in one of its own, with `environment` for the process's: what it would print on
    /// standard output and standard error, and the status it would exit with.
    static func runInProcess(
        _ arguments: [String], environment: [String: String]
    ) -> (status: Int32, stdout: String, stderr: String) {
        var command: any ParsableCommand
        do {
            command = try parseAsRoot(arguments)
        } catch {
            if let text = UsageErrors.text(for: error, arguments: arguments, environment: environment) {
                return (ExitCode.validationFailure.rawValue, "", text)
            }
            return parserExit(error, stdout: "", stderr: "")
        }
        guard let wancunCommand = command as? any WancunCommand else {
            do { try command.run() } catch { return parserExit(error, stdout: "", stderr: "") }
            return (0, "", "")
        }
        let ctx = wancunCommand.context(environment: environment, arguments: ["wancun"] + arguments, echo: false)
        do { try wancunCommand.run(in: ctx) } catch { return parserExit(error, stdout: ctx.stdout, stderr: ctx.stderr) }
        return (0, ctx.stdout, ctx.stderr)
    }

    /// As `exit(withError:)` ends a process: help and the like on standard output, anything
    /// else's words on standard error, and the status.
    private static func parserExit(
        _ error: any Error, stdout: String, stderr: String
    ) -> (status: Int32, stdout: String, stderr: String) {
        let code = exitCode(for: error)
        let text = fullMessage(for: error)
        guard !text.isEmpty else { return (code.rawValue, stdout, stderr) }
        return code == .success ? (code.rawValue, stdout + text + "\n", stderr) : (code.rawValue, stdout, stderr + text + "\n")
    }
}
