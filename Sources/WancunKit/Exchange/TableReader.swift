import Foundation

/// A source of rows: a CSV file, or a sheet of an XLSX workbook.
public protocol RowSource: AnyObject {
    var path: String { get }
    func next() throws(RowProblem) -> SourceRow?
    /// How much of the file the rows read so far cover, from 0 to 1: for a progress bar.
    var fractionRead: Double { get }
}

extension CSVReader: RowSource {}

/// A column a command wants from a file: its key (the English snake_case name, also accepted
/// as a header) and the names people write above it.
public struct ColumnSpec: Sendable {
    public var key: String
    public var names: [String]
    public var required: Bool

    public init(_ key: String, _ names: String..., required: Bool = true) {
        self.key = key
        self.names = names
        self.required = required
    }

    /// The key and names as headers are compared.
    var normalizedNames: Set<String> { Set(([key] + names).map(ColumnSpec.normalize)) }

    static func normalize(_ name: String) -> String {
        Normalize.withoutSpaces(Normalize.spreadsheetText(name).lowercased())
    }
}

/// One data row with its cells found by column key.
public struct TableRow: Sendable {
    public let number: Int
    public let cells: [String]
    public let hasBadBytes: Bool
    /// How much of the file was read up to this row, from 0 to 1.
    public let fraction: Double
    let indexByKey: [String: Int]
    let headerByKey: [String: String]

    /// The cell under `key`, trimmed; empty when the column is absent.
    public subscript(key: String) -> String {
        guard let index = indexByKey[key], index < cells.count else { return "" }
        return cells[index].trimmingSpaces()
    }

    /// The row with the `'` that `FormulaText` puts before formula-like text taken off again:
    /// for an import that takes back what wancun exported.
    public func restoringFormulaText() -> TableRow {
        guard cells.contains(where: { $0.utf8.first == UInt8(ascii: "'") }) else { return self }
        return TableRow(
            number: number, cells: cells.map(FormulaText.restore), hasBadBytes: hasBadBytes, fraction: fraction, indexByKey: indexByKey,
            headerByKey: headerByKey)
    }

    /// The header text the file used for `key`, for messages.
    public func header(_ key: String) -> String { headerByKey[key] ?? key }
}

/// Reads a table that has a header row somewhere near the top (bureau rosters put a title
/// above it), maps columns by Chinese or English names in any order, and yields its rows.
public final class TableReader {
    public let path: String
    public let headerRowNumber: Int
    public let headers: [String]
    /// Unknown columns: reported, not fatal.
    public private(set) var warnings: [RowProblem] = []
    private let source: any RowSource
    private var pending: [SourceRow]
    private let indexByKey: [String: Int]
    private let headerByKey: [String: String]

    /// How many rows from the top are searched for the header.
    static let headerSearchDepth = 20

    public init(source: any RowSource, columns: [ColumnSpec]) throws(RowProblems) {
        self.source = source
        path = source.path
        var top: [SourceRow] = []
        do {
            while top.count < TableReader.headerSearchDepth, let row = try source.next() { top.append(row) }
        } catch {
            throw RowProblems([error])
        }
        // The row naming the most columns; each name normalised once.
        let wanted = columns.map(\.normalizedNames)
        let scores = top.map { row in
            let cells = Set(row.cells.map(ColumnSpec.normalize))
            return wanted.filter { !$0.isDisjoint(with: cells) }.count
        }
        guard let bestIndex = scores.indices.max(by: { scores[$0] < scores[$1] || (scores[$0] == scores[$1] && $0 > $1) }),
            scores[bestIndex] > 0
        else {
            let name = { (spec: ColumnSpec) in spec.names.first ?? spec.key }
            let message = Message.headerNotFound(
                required: columns.filter(\.required).map(name), optional: columns.filter { !$0.required }.map(name),
                empty: top.allSatisfy { $0.cells.allSatisfy { $0.trimmingSpaces().isEmpty } })
            throw RowProblems([RowProblem(file: source.path, row: nil, rule: "HEADER_NOT_FOUND", message: message)])
        }
        let best = top[bestIndex]
        headerRowNumber = best.number
        headers = best.cells.map { $0.trimmingSpaces() }
        var problems: [RowProblem] = []
        var indexByKey: [String: Int] = [:]
        var headerByKey: [String: String] = [:]
        for (index, header) in headers.enumerated() where !header.isEmpty {
            let name = ColumnSpec.normalize(header)
            if let spec = wanted.firstIndex(where: { $0.contains(name) }).map({ columns[$0] }) {
                if indexByKey[spec.key] != nil {
                    problems.append(
                        RowProblem(file: path, row: best.number, column: header, rule: "DUPLICATE_COLUMN", message: .duplicateColumn))
                }
                indexByKey[spec.key] = index
                headerByKey[spec.key] = header
            } else {
                warnings.append(
                    RowProblem(
                        file: path, row: best.number, column: header, rule: "UNKNOWN_COLUMN", message: .unknownColumn,
                        severity: .warning))
            }
        }
        // A column the file leaves out is named, in what is said of its rows, as the sheet names it.
        for spec in columns where headerByKey[spec.key] == nil { headerByKey[spec.key] = spec.names.first ?? spec.key }
        for spec in columns where spec.required && indexByKey[spec.key] == nil {
            problems.append(
                RowProblem(
                    file: path, row: best.number, column: spec.names.first ?? spec.key, rule: "MISSING_COLUMN",
                    message: .missingColumn))
        }
        if !problems.isEmpty { throw RowProblems(problems) }
        self.indexByKey = indexByKey
        self.headerByKey = headerByKey
        pending = Array(top.drop(while: { $0.number <= best.number }).reversed())
    }

    /// Opens a file by its extension: `.xlsx` (the sheet named, or the first), anything else
    /// as CSV in UTF-8, UTF-8 with BOM or GB18030. The rows read are kept (`RowSpool`) for a
    /// copy of the file written afterwards (`AnnotatedCopy`).
    public convenience init(path: String, columns: [ColumnSpec], sheet: String? = nil) throws(RowProblems) {
        let source: any RowSource
        do {
            source = SpoolingSource.wrap(try TableReader.openSource(path: path, sheet: sheet), path: path, sheet: sheet)
        } catch {
            throw RowProblems([error])
        }
        try self.init(source: source, columns: columns)
    }

    /// The row source for a file, chosen by its extension.
    public static func openSource(path: String, sheet: String? = nil) throws(RowProblem) -> any RowSource {
        let ext = (path as NSString).pathExtension.lowercased()
        if ext == "xls" || ext == "et" {
            throw RowProblem(file: (path as NSString).lastPathComponent, row: nil, rule: "XLS_NOT_SUPPORTED", message: .oldExcelFormat)
        }
        // A file that is not there says so, not that it is no workbook.
        var isDirectory: ObjCBool = false
        if !FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) || isDirectory.boolValue {
            throw RowProblem(file: (path as NSString).lastPathComponent, row: nil, rule: "FILE_NOT_FOUND", message: .fileNotFound(path))
        }
        return TableFile.readsWorkbook(path) ? try XLSXReader(path: path, sheet: sheet) : try CSVReader(path: path)
    }

    /// The next row that has any text in it, or nil at the end.
    public func next() throws(RowProblem) -> TableRow? {
        while true {
            let row: SourceRow?
            if let last = pending.popLast() {
                row = last
            } else {
                row = try source.next()
            }
            guard let row else { return nil }
            if row.cells.allSatisfy({ $0.trimmingSpaces().isEmpty }) { continue }
            return TableRow(
                number: row.number, cells: row.cells, hasBadBytes: row.hasBadBytes, fraction: source.fractionRead,
                indexByKey: indexByKey, headerByKey: headerByKey)
        }
    }
}
