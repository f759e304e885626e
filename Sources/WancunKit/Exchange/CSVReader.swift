import Foundation

/// One row read from a file: its number as a spreadsheet shows it and its cells as text.
public struct SourceRow: Sendable {
    public var number: Int
    public var cells: [String]
    /// True when some bytes of the row were not valid text (shown as U+FFFD).
    public var hasBadBytes: Bool
    /// Which cells a spreadsheet stored as numbers (empty for CSV).
    public var numeric: [Bool] = []

    public init(number: Int, cells: [String], hasBadBytes: Bool, numeric: [Bool] = []) {
        self.number = number
        self.cells = cells
        self.hasBadBytes = hasBadBytes
        self.numeric = numeric
    }

    public func cell(_ index: Int) -> String { index < cells.count ? cells[index] : "" }
}

/// Reads a CSV file row by row in bounded memory: UTF-8, UTF-8 with BOM or GB18030 (detected),
/// quoted fields, quotes doubled inside them, embedded line breaks, `\n` or `\r\n`.
///
/// Rows are numbered from 1 as a spreadsheet shows them, so a record spanning several lines
/// is still one row.
public final class CSVReader {
    public let path: String
    public let encoding: TextEncoding
    private let handle: FileHandle
    private var buffer: [UInt8] = []
    private var position = 0
    private var atEnd = false
    private var rowNumber = 0
    private static let chunkSize = 1 << 20

    public init(path: String) throws(RowProblem) {
        self.path = path
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw RowProblem(file: path, row: nil, rule: "FILE_UNREADABLE", message: .cannotRead(path))
        }
        self.handle = handle
        do {
            buffer = Array(try handle.read(upToCount: CSVReader.chunkSize) ?? Data())
        } catch {
            throw RowProblem(file: path, row: nil, rule: "FILE_UNREADABLE", message: .cannotRead(path))
        }
        atEnd = buffer.count < CSVReader.chunkSize
        encoding = TextEncoding.detect(buffer[...])
        if encoding == .utf8BOM { position = 3 }
    }

    deinit { try? handle.close() }

    private func refill() {
        guard !atEnd else { return }
        if position > 0 {
            buffer.removeFirst(position)
            position = 0
        }
        let more = (try? handle.read(upToCount: CSVReader.chunkSize)) ?? Data()
        if more.count < CSVReader.chunkSize { atEnd = true }
        buffer.append(contentsOf: more)
    }

    /// The next row, or nil at the end of the file. A quote left open at the end of the file
    /// is a problem for that row.
    public func next() throws(RowProblem) -> SourceRow? {
        if position >= buffer.count { refill() }
        if position >= buffer.count { return nil }
        rowNumber += 1
        var cells: [String] = []
        var bad = false
        var field: [UInt8] = []
        field.reserveCapacity(64)
        var inQuotes = false
        var wasQuoted = false

        func finishField() {
            let end = field.count
            let text = field.withUnsafeBufferPointer { encoding.decode(UnsafeBufferPointer(rebasing: $0[0..<end])) }
            if let text {
                cells.append(text)
            } else {
                bad = true
                cells.append(String(decoding: field[0..<end], as: UTF8.self))
            }
            field.removeAll(keepingCapacity: true)
            wasQuoted = false
        }

        while true {
            if position >= buffer.count {
                refill()
                if position >= buffer.count {
                    if inQuotes {
                        throw RowProblem(file: path, row: rowNumber, rule: "CSV_UNCLOSED_QUOTE", message: .unclosedQuote)
                    }
                    finishField()
                    return SourceRow(number: rowNumber, cells: cells, hasBadBytes: bad)
                }
            }
            let byte = buffer[position]
            position += 1
            if inQuotes {
                if byte == 0x22 {
                    if position >= buffer.count { refill() }
                    if position < buffer.count && buffer[position] == 0x22 {
                        field.append(0x22)
                        position += 1
                    } else {
                        inQuotes = false
                    }
                } else {
                    field.append(byte)
                }
                continue
            }
            switch byte {
            case 0x2C:
                finishField()
            case 0x0A:
                finishField()
                return SourceRow(number: rowNumber, cells: cells, hasBadBytes: bad)
            case 0x0D:
                // `\r\n` ends the row; a lone `\r` is kept as text.
                if position >= buffer.count { refill() }
                if position < buffer.count && buffer[position] == 0x0A { continue }
                field.append(byte)
            case 0x22 where field.isEmpty && !wasQuoted:
                inQuotes = true
                wasQuoted = true
            default:
                field.append(byte)
            }
        }
    }
}
