import Foundation

/// What the exchange layer sees in a file: its format, encoding, sheets and size.
public struct FileInspection: Sendable {
    public var file: String
    public var format: String
    public var encoding: String?
    public var sheet: String?
    public var sheets: [String]
    public var rows: Int
    public var columns: Int
    /// Rows with bytes that are not valid text in the detected encoding.
    public var badByteRows: [Int]

    /// Reads the whole file once, in bounded memory for CSV.
    public static func inspect(path: String, sheet: String? = nil) throws(RowProblem) -> FileInspection {
        let source = try TableReader.openSource(path: path, sheet: sheet)
        var rows = 0
        var columns = 0
        var bad: [Int] = []
        while let row = try source.next() {
            rows = row.number
            columns = max(columns, row.cells.count)
            if row.hasBadBytes { bad.append(row.number) }
        }
        let csv = source as? CSVReader
        let xlsx = source as? XLSXReader
        return FileInspection(
            file: path, format: xlsx == nil ? "csv" : "xlsx", encoding: csv?.encoding.rawValue, sheet: xlsx?.sheetName,
            sheets: xlsx?.sheetNames ?? [], rows: rows, columns: columns, badByteRows: bad)
    }

    /// Copies a file's rows, as text, into CSV (UTF-8 with BOM) or XLSX, chosen by the
    /// output's extension.
    public static func convert(input: String, sheet: String? = nil, output: String) throws(RowProblem) -> Int {
        let source = try TableReader.openSource(path: input, sheet: sheet)
        var rows: [[String]] = []
        while let row = try source.next() { rows.append(row.cells) }
        let name = (source as? XLSXReader)?.sheetName ?? URL(fileURLWithPath: input).deletingPathExtension().lastPathComponent
        try TableFile.write(
            Worksheet(name: name, header: rows.first ?? [], rows: rows.dropFirst().map { $0.map { SheetCell.text($0) } }), to: output)
        return rows.count
    }
}
