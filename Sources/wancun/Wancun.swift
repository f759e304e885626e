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
            SubsidyCommand.self, ReconcileCommand.self, ReportCommand.self, TemplateCommand.self, FileCommand.self,
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
}
