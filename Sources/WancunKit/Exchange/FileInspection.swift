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
    /// The `RowDigest` of every cell, when asked for.
    public var digest: String?

    /// Reads the whole file once, a row at a time; with `digest`, hashes every cell's text too.
    public static func inspect(path: String, sheet: String? = nil, digest: Bool = false) throws(RowProblem) -> FileInspection {
        let source = try TableReader.openSource(path: path, sheet: sheet)
        var rows = 0
        var columns = 0
        var bad: [Int] = []
        var hash = digest ? RowDigest() : nil
        while let row = try source.next() {
            rows = row.number
            columns = max(columns, row.cells.count)
            if row.hasBadBytes { bad.append(row.number) }
            hash?.add(row.cells)
        }
        let csv = source as? CSVReader
        let xlsx = source as? XLSXReader
        return FileInspection(
            file: path, format: xlsx == nil ? "csv" : "xlsx", encoding: csv?.encoding.rawValue, sheet: xlsx?.sheetName,
            sheets: xlsx?.sheetNames ?? [], rows: rows, columns: columns, badByteRows: bad,
            digest: hash?.finish())
    }

    /// Copies a file's rows, as text, into CSV (UTF-8 with BOM) or XLSX, chosen by the
    /// output's extension, a row at a time.
    public static func convert(input: String, sheet: String? = nil, output path: String) throws(RowProblem) -> Int {
        let source = try TableReader.openSource(path: input, sheet: sheet)
        let name = (source as? XLSXReader)?.sheetName ?? URL(fileURLWithPath: input).deletingPathExtension().lastPathComponent
        // The first row is the copy's header, whatever it holds.
        let first = try source.next()
        let output = try TableFile.Output(path: path, name: name, header: first?.cells ?? [])
        var count = first == nil ? 0 : 1
        do {
            while let row = try source.next() {
                try output.append(row.cells.map { SheetCell.text($0) })
                count += 1
            }
            try output.finish()
        } catch {
            output.discard()
            throw error
        }
        return count
    }
}
