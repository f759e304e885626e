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
/// quoted fields, quotes doubled inside them, embedded line breaks. A record ends at `\n`,
/// `\r\n` or a lone `\r` (old Mac Excel) outside quotes; inside quotes each stays in the cell.
///
/// Rows are numbered from 1 as a spreadsheet shows them, so a record spanning several lines
/// is still one row. A cell longer than Excel's limit, a record that does not end within
/// `maxRecordBytes` (a device such as `/dev/zero`, a quote left open) and a file past
/// `maxFileBytes` are problems, never a row cut short or memory without end.
public final class CSVReader {
    /// Excel's own limit on a cell, in UTF-16 units as Excel counts them.
    public static let maxCellLength = 32_767

    public let path: String
    public let encoding: TextEncoding
    /// Up to so many more bytes of the file; fewer at its end.
    private let read: (Int) throws -> Data
    private let close: () -> Void
    private var buffer: [UInt8] = []
    private var position = 0
    private var atEnd = false
    private var rowNumber = 0
    private let chunkSize: Int
    private let maxRecordBytes: Int
    private let maxFileBytes: Int
    /// The last record ended at a CR: an LF right after it belongs to that line break.
    private var afterCR = false
    /// Bytes dropped from the front of the buffer so far, and the file's size: how far it is read.
    private var dropped = 0
    private let size: Int

    /// Opens `path`; it is read `chunkSize` bytes at a time (1 MiB unless a test says less).
    /// A record may take up to `maxRecordBytes` (4 MiB: some forty full cells of Chinese
    /// text), the file up to `maxFileBytes` (4 GiB).
    public convenience init(path: String, chunkSize: Int = 1 << 20, maxRecordBytes: Int = 4 << 20, maxFileBytes: Int = 4 << 30) throws(RowProblem) {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw RowProblem(file: path, row: nil, rule: "FILE_UNREADABLE", message: .cannotRead(path))
        }
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.intValue ?? 0
        try self.init(
            path: path, size: size, chunkSize: chunkSize, maxRecordBytes: maxRecordBytes, maxFileBytes: maxFileBytes,
            read: { try handle.read(upToCount: $0) ?? Data() }, close: { try? handle.close() })
    }

    /// Reads the CSV text in `data`, named `name` in problems, without a file: bytes in, rows out.
    public convenience init(data: Data, name: String = "data.csv", chunkSize: Int = 1 << 20, maxRecordBytes: Int = 4 << 20) throws(RowProblem) {
        var offset = data.startIndex
        try self.init(
            path: name, size: data.count, chunkSize: chunkSize, maxRecordBytes: maxRecordBytes, maxFileBytes: 4 << 30,
            read: { count in
                let end = min(data.endIndex, offset + count)
                defer { offset = end }
                return data[offset..<end]
            }, close: {})
    }

    private init(
        path: String, size: Int, chunkSize: Int, maxRecordBytes: Int, maxFileBytes: Int, read: @escaping (Int) throws -> Data,
        close: @escaping () -> Void
    ) throws(RowProblem) {
        self.path = path
        self.size = size
        self.chunkSize = chunkSize
        self.maxRecordBytes = maxRecordBytes
        self.maxFileBytes = maxFileBytes
        self.read = read
        self.close = close
        do {
            // The first read is large enough to tell the encoding, whatever the chunk size.
            let first = max(chunkSize, 1 << 16)
            buffer = Array(try read(first))
            atEnd = buffer.count < first
        } catch {
            throw RowProblem(file: path, row: nil, rule: "FILE_UNREADABLE", message: .cannotRead(path))
        }
        encoding = TextEncoding.detect(buffer[...])
        if encoding == .utf8BOM { position = 3 }
        try checkFileSize()
    }

    deinit { close() }

    public var fractionRead: Double { size > 0 ? min(1, Double(dropped + position) / Double(size)) : 1 }

    private func refill() throws(RowProblem) {
        guard !atEnd else { return }
        if position > 0 {
            buffer.removeFirst(position)
            dropped += position
            position = 0
        }
        let more = (try? read(chunkSize)) ?? Data()
        if more.count < chunkSize { atEnd = true }
        buffer.append(contentsOf: more)
        try checkFileSize()
    }

    /// Refuses to read on past `maxFileBytes`.
    private func checkFileSize() throws(RowProblem) {
        guard dropped + buffer.count > maxFileBytes else { return }
        stop()
        throw RowProblem(file: path, row: nil, rule: "FILE_TOO_LARGE", message: .fileTooLarge(maxFileBytes))
    }

    /// After a problem that leaves no row boundary to go on from: the file reads as ended.
    private func stop() {
        atEnd = true
        buffer = []
        position = 0
    }

    /// The next row, or nil at the end of the file. A quote left open at the end of the file
    /// is a problem for that row.
    public func next() throws(RowProblem) -> SourceRow? {
        if position >= buffer.count { try refill() }
        if afterCR {
            afterCR = false
            if position < buffer.count && buffer[position] == 0x0A {
                position += 1
                if position >= buffer.count { try refill() }
            }
        }
        if position >= buffer.count { return nil }
        rowNumber += 1
        // Find where the record ends (a line break outside quotes), reading more as needed.
        // States: 0 at a field's start, 1 in an unquoted field, 2 in quotes, 3 just after a
        // quote inside quotes (a second quote escapes it; anything else closes the quotes).
        // Every byte that matters is at most 0x2C (`,`); most bytes are past it.
        var scan = position
        var state: UInt8 = 0
        var end = -1
        while end < 0 {
            let found: Int? = buffer.withUnsafeBufferPointer { bytes in
                var i = scan
                while i < bytes.count {
                    let byte = bytes[i]
                    switch state {
                    case 2:
                        if byte == 0x22 { state = 3 }
                    case 3:
                        if byte == 0x22 {
                            state = 2
                        } else if byte == 0x2C {
                            state = 0
                        } else if byte == 0x0A || byte == 0x0D {
                            return i
                        } else {
                            state = 1
                        }
                    default:
                        if byte > 0x2C {
                            state = 1
                        } else if byte == 0x2C {
                            state = 0
                        } else if byte == 0x0A || byte == 0x0D {
                            return i
                        } else if byte == 0x22 && state == 0 {
                            state = 2
                        } else {
                            state = 1
                        }
                    }
                    i += 1
                }
                return nil
            }
            if let found {
                end = found
            } else if atEnd {
                if state == 2 {
                    position = buffer.count
                    throw RowProblem(file: path, row: rowNumber, rule: "CSV_UNCLOSED_QUOTE", message: .unclosedQuote)
                }
                end = buffer.count
            } else if buffer.count - position > maxRecordBytes {
                stop()
                throw RowProblem(file: path, row: rowNumber, rule: "RECORD_TOO_LONG", message: .recordTooLong(maxRecordBytes))
            } else {
                scan = buffer.count - position  // where scanning resumes once refill drops the rows already read
                try refill()
            }
        }
        if end - position > maxRecordBytes {
            stop()
            throw RowProblem(file: path, row: rowNumber, rule: "RECORD_TOO_LONG", message: .recordTooLong(maxRecordBytes))
        }
        let start = position
        position = end + 1
        if end < buffer.count && buffer[end] == 0x0D { afterCR = true }
        let (row, longCell) = buffer.withUnsafeBufferPointer { bytes in
            parseRecord(bytes, from: start, to: end)
        }
        if let longCell {
            throw RowProblem(
                file: path, row: rowNumber, column: XLSX.columnName(longCell.column), rule: "CELL_TOO_LONG",
                message: .cellTooLong(longCell.length, limit: Self.maxCellLength))
        }
        return row
    }

    /// Splits one complete record into decoded fields; also gives the first cell longer than
    /// Excel allows (its index and length), if any.
    private func parseRecord(
        _ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int
    ) -> (SourceRow, longCell: (column: Int, length: Int)?) {
        var cells: [String] = []
        cells.reserveCapacity(8)
        var bad = false
        var i = start
        func decode(_ from: Int, _ to: Int) {
            let slice = UnsafeBufferPointer(rebasing: bytes[from..<to])
            if let text = encoding.decode(slice) {
                cells.append(text)
            } else {
                bad = true
                cells.append(String(decoding: slice, as: UTF8.self))
            }
        }
        while true {
            if i < end && bytes[i] == 0x22 {
                // A quoted field: up to the closing quote; doubled quotes stand for one.
                var j = i + 1
                var copy: [UInt8]? = nil
                var closed = false
                while j < end {
                    if bytes[j] == 0x22 {
                        if j + 1 < end && bytes[j + 1] == 0x22 {
                            if copy == nil { copy = Array(bytes[(i + 1)..<j]) }
                            copy!.append(0x22)
                            j += 2
                            continue
                        }
                        closed = true
                        break
                    }
                    copy?.append(bytes[j])
                    j += 1
                }
                var k = closed ? j + 1 : j
                // Text after the closing quote, up to the comma, is kept as Excel keeps it.
                let tailStart = k
                while k < end && bytes[k] != 0x2C { k += 1 }
                if copy == nil && tailStart == k {
                    decode(i + 1, j)
                } else {
                    var all = copy ?? Array(bytes[(i + 1)..<j])
                    all.append(contentsOf: bytes[tailStart..<k])
                    all.withUnsafeBufferPointer { buffer in
                        if let text = encoding.decode(buffer) {
                            cells.append(text)
                        } else {
                            bad = true
                            cells.append(String(decoding: buffer, as: UTF8.self))
                        }
                    }
                }
                i = k
            } else {
                var k = i
                while k < end && bytes[k] != 0x2C { k += 1 }
                decode(i, k)
                i = k
            }
            if i >= end { break }
            i += 1  // the comma
            if i == end {
                cells.append("")
                break
            }
        }
        // A code written as text for Excel (`="330424…"`, `CodeText`) reads back as its digits.
        for index in cells.indices where cells[index].utf8.first == UInt8(ascii: "=") { cells[index] = CodeText.unwrap(cells[index]) }
        // No character takes less than a byte (`utf8.count` costs nothing): only a cell of many
        // bytes can be too long.
        var longCell: (column: Int, length: Int)?
        for index in cells.indices where cells[index].utf8.count > Self.maxCellLength {
            let length = cells[index].utf16.count
            if length > Self.maxCellLength {
                longCell = (index, length)
                break
            }
        }
        return (SourceRow(number: rowNumber, cells: cells, hasBadBytes: bad), longCell)
    }
}
