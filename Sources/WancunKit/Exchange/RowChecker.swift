/// An error that names the rule a value broke, for row problems.
public protocol RuleError: Error {
    var rule: String { get }
    var message: Message { get }
}

extension ValueError: RuleError {}

/// Collects the problems of a file while its rows are turned into typed values.
///
/// ```swift
/// var check = RowChecker(file: "points.csv")
/// let id = check.value(row, "id_number", personal: Mask.residentID) { try ResidentID(parsing: $0, today: today) }
/// if check.problems.isEmpty { … }
/// ```
public struct RowChecker: Sendable {
    public let file: String
    public private(set) var problems: [RowProblem] = []
    /// What the clerk should know of rows that are written all the same.
    public private(set) var warnings: [RowProblem] = []

    public init(file: String) { self.file = file }

    /// Parses the cell under `key`; on failure records a problem naming the row, the column,
    /// the value (masked by `personal`, when given; left out when `hidingValue`: a person's
    /// name, or text that may hold terminal escapes) and the rule, and returns nil.
    public mutating func value<T, E: RuleError>(
        _ row: TableRow, _ key: String, personal: ((String) -> String)? = nil, hidingValue: Bool = false, _ parse: (String) throws(E) -> T
    ) -> T? {
        let text = row[key]
        do {
            return try parse(text)
        } catch {
            let shown = hidingValue ? nil : personal.map { $0(text) } ?? text
            problems.append(
                RowProblem(
                    file: file, row: row.number, column: row.header(key), value: shown, rule: error.rule, message: error.message,
                    onTheWeb: Self.inTheSheet(error)))
            return nil
        }
    }

    /// Records a problem with a row's cell.
    public mutating func add(_ row: TableRow, _ key: String?, value: String? = nil, rule: String, message: Message, onTheWeb: Message? = nil) {
        problems.append(
            RowProblem(
                file: file, row: row.number, column: key.map(row.header), value: value ?? key.map { row[$0] }, rule: rule, message: message,
                onTheWeb: onTheWeb))
    }

    /// A refusal's words as a sheet's reader needs them (`UserFacingError.message(on:)`).
    public static func inTheSheet(_ error: any Error) -> Message? { (error as? any UserFacingError)?.message(on: .sheet) }

    /// Records a row's cell refused by a library rule, under the rule's code and words.
    public mutating func add(_ row: TableRow, _ key: String, value: String? = nil, refusal: some RuleError) {
        add(row, key, value: value, rule: refusal.rule, message: refusal.message, onTheWeb: Self.inTheSheet(refusal))
    }

    /// Records a warning about a row's cell: the row is still written.
    public mutating func warn(_ row: TableRow, _ key: String, rule: String, message: Message) {
        warnings.append(
            RowProblem(file: file, row: row.number, column: row.header(key), value: row[key], rule: rule, message: message, severity: .warning))
    }

    /// Records a problem found outside any row's cells.
    public mutating func add(_ problem: RowProblem) { problems.append(problem) }

    /// Bad bytes make a row unreadable: records that and says whether to go on with it.
    public mutating func readable(_ row: TableRow) -> Bool {
        if row.hasBadBytes { problems.append(RowProblem(file: file, row: row.number, rule: "BAD_BYTES", message: .badBytes)) }
        return !row.hasBadBytes
    }
}
