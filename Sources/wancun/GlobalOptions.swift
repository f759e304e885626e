import ArgumentParser
import Foundation
import WancunKit

/// Options every command takes.
struct GlobalOptions: ParsableArguments {
    @Option(help: "The database file (default: $WANCUN_DB, else ./wancun.sqlite).")
    var db: String?

    @Option(help: "Who is making changes, for the audit trail (default: $WANCUN_CLERK, else the OS user).")
    var clerk: String?

    @Option(help: "Language people read: zh (default) or en; also $WANCUN_LANG.")
    var lang: Language?

    @Flag(help: "Replace an output file that exists even when wancun did not write it or it has changed since.")
    var overwrite = false
}

/// Options of commands that print lists or records.
struct OutputOptions: ParsableArguments {
    @Option(help: "table (default), csv or json.")
    var format: OutputFormat = .table

    @Flag(help: "Show ID numbers and phone numbers in full.")
    var reveal = false

    @OptionGroup var display: TableOptions
}

/// Options of every command that prints a table for the terminal.
struct TableOptions: ParsableArguments {
    @Flag(help: "Show every column in full, however wide (by default a table fits 120 columns; csv and json always hold everything).")
    var wide = false
}

extension Language: ExpressibleByArgument {}
extension OutputFormat: ExpressibleByArgument {}
extension DivisionLevel: ExpressibleByArgument {}

extension DivisionCode: ExpressibleByArgument {
    public init?(argument: String) { try? self.init(padding: argument) }
}

extension LocalDate: ExpressibleByArgument {
    public init?(argument: String) { try? self.init(parsing: argument) }
}

extension Month: ExpressibleByArgument {
    public init?(argument: String) { try? self.init(parsing: argument) }
}

/// A code on the command line may be written as its label too (`--retirement-group 女工人`).
extension ExpressibleByArgument where Self: Labelled {
    public init?(argument: String) { self.init(label: argument) }
}

extension PointStatus: ExpressibleByArgument {}
extension ContractType: ExpressibleByArgument {}
extension DifficultyCategory: ExpressibleByArgument {}
extension RetirementGroup: ExpressibleByArgument {}

/// `--force --reason TEXT`, for overriding a check on purpose; audited.
struct ForceOptions: ParsableArguments {
    @Flag(help: "Proceed past a check that would refuse; needs --reason.")
    var force = false

    @Option(help: "Why, for the audit trail.")
    var reason: String?

    var override: Override { Override(force: force, reason: reason) }
}

extension ServiceKind: ExpressibleByArgument {}

extension PurchaseCategory: ExpressibleByArgument {}

extension LocalDateTime: ExpressibleByArgument {
    public init?(argument: String) { try? self.init(parsing: argument) }
}

/// Options of commands that read a file someone sent.
struct ImportOptions: ParsableArguments {
    @Argument(help: "The .csv or .xlsx file.") var file: String
    @Option(help: "The sheet to read from an .xlsx (default: the first).") var sheet: String?
    @Flag(help: "Check every row and report, writing nothing.") var dryRun = false
}

/// An ID number typed on the command line, checked before use.
enum ResidentIDArgument {
    static func parse(_ text: String, today: LocalDate) throws -> String {
        do { return try ResidentID(parsing: text, today: today).rawValue } catch { throw RegistryError.invalid(field: "id_number", error) }
    }
}

/// `A,B，C` → ["A", "B", "C"] (full-width commas too).
func splitList(_ text: String?) -> [String] {
    (text ?? "").split(whereSeparator: { $0 == "," || $0 == "，" || $0 == "、" }).map { String($0).trimmingCharacters(in: .whitespaces) }
        .filter { !$0.isEmpty }
}
