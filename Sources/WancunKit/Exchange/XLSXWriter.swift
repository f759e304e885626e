import Foundation
import ZIPFoundation

/// A cell of a sheet to write.
public enum SheetCell: Sendable, Hashable {
    /// Text, stored as text with the Text number format, so ID numbers and codes stay text
    /// when a user edits them.
    case text(String, bold: Bool = false)
    /// An identifier or code made of digits (a resident ID number, a division, point or credit
    /// code): a text cell in a workbook, `CodeText` in a CSV so that Excel keeps its digits.
    case code(String)
    case integer(Int64, bold: Bool = false)
    /// An amount, written as a number of yuan with two decimals.
    case money(Fen, bold: Bool = false)
    /// A percentage as written (`62.5` for 62.5%): a number (0.625) shown with a percent format.
    case percent(String, bold: Bool = false)
    case empty

    /// Whether the cell is bold: a footer line with one is a totals line, part of the table.
    var isBold: Bool {
        switch self {
        case .text(_, let bold), .integer(_, let bold), .money(_, let bold), .percent(_, let bold): bold
        case .code, .empty: false
        }
    }

    var displayText: String {
        switch self {
        case .text(let s, _), .code(let s): s
        case .integer(let n, _): String(n)
        case .money(let fen, _): fen.yuanText
        case .percent(let p, _): p + "%"
        case .empty: ""
        }
    }

    /// The cell as a CSV holds it: codes kept as text for Excel, free text never a formula,
    /// numbers as they are.
    var csvText: String {
        switch self {
        case .code(let s): CodeText.csvText(code: s)
        case .text(let s, _): FormulaText.neutralise(s)
        case .percent(let p, _): p
        case .integer, .money, .empty: displayText
        }
    }
}

/// One sheet: an optional title line above the header, the header (bold, frozen), the rows,
/// and lines below the table (totals, signatures). A footer line with a bold cell is a totals
/// line, ruled as part of the table; the others (notes, signatures) are written without lines.
public struct Worksheet: Sendable {
    public var name: String
    public var title: String?
    public var header: [String]
    public var rows: [[SheetCell]]
    public var footer: [[SheetCell]]

    public init(name: String, title: String? = nil, header: [String], rows: [[SheetCell]], footer: [[SheetCell]] = []) {
        self.name = name
        self.title = title
        self.header = header
        self.rows = rows
        self.footer = footer
    }
}

/// Writes `.xlsx` workbooks that Excel, WPS Office, LibreOffice and openpyxl open.
/// The same sheets always give the same bytes: fixed timestamps, fixed part order.
public enum XLSXWriter {
    public static func data(_ sheets: [Worksheet]) throws -> Data {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("wancun-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("book.xlsx").path
        try write(sheets, to: path)
        return try Data(contentsOf: URL(fileURLWithPath: path))
    }

    /// Writes the workbook, replacing any file at `path` only once the new one is complete.
    public static func write(_ sheets: [Worksheet], to path: String, ownerOnly: Bool = false) throws(RowProblem) {
        let book = try Workbook(path: path, ownerOnly: ownerOnly)
        do {
            for sheet in sheets {
                try book.beginSheet(name: sheet.name, title: sheet.title, header: sheet.header)
                for row in sheet.rows { try book.append(row) }
                for row in sheet.footer { try book.append(row, footer: true) }
            }
            try book.finish()
        } catch {
            book.discard()
            throw error
        }
    }

    /// A workbook written as its rows come, one sheet after another: each sheet's rows go to a
    /// temporary file, so that a large table is never held whole (only its distinct texts, for
    /// the shared strings). Nothing is at `path` until `finish()`, which replaces any file
    /// there in one step.
    /// How many distinct texts a workbook's shared table holds before the rest go inline.
    @TaskLocal static var sharedStringLimit = 65_536

    final class Workbook {
        private let path: String
        private let directory: URL
        private var strings = SharedStrings(limit: XLSXWriter.sharedStringLimit)
        private var sheets: [SheetPart] = []
        private var current: SheetPart?
        private let ownerOnly: Bool

        /// `ownerOnly`: the workbook, and the rows waiting beside it, readable by the owner only.
        init(path: String, ownerOnly: Bool = false) throws(RowProblem) {
            try FileOutput.admit(path)
            self.path = path
            self.ownerOnly = ownerOnly
            // Beside the workbook, as a CSV file's rows are: on the disk the user chose, never in
            // a temporary directory that may be held in memory.
            directory = URL(fileURLWithPath: FileOutput.temporaryPath(for: path, "partial-sheets"))
            do {
                try? FileManager.default.removeItem(at: directory)
                try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: false)
                if ownerOnly { try FileOutput.restrict(directory.path, mode: 0o700) }
            } catch {
                throw RowProblem(file: path, row: nil, rule: "FILE_UNWRITABLE", message: .cannotWrite(error.localizedDescription))
            }
        }

        /// Starts the next sheet with its title line (if any) and header.
        func beginSheet(name: String, title: String?, header: [String]) throws(RowProblem) {
            try endSheet()
            let file = directory.appendingPathComponent("sheet\(sheets.count + 1).rows")
            guard FileManager.default.createFile(atPath: file.path, contents: nil), let handle = FileHandle(forWritingAtPath: file.path) else {
                throw RowProblem(file: path, row: nil, rule: "FILE_UNWRITABLE", message: .cannotWrite(file.path))
            }
            let sheet = SheetPart(name: name, title: title, header: header, file: file, handle: handle, destination: path)
            current = sheet
            if let title { try sheet.row([.text(title)], style: CellStyle.title, strings: &strings) }
            try sheet.row(header.map { .text($0) }, style: CellStyle.header, strings: &strings)
        }

        /// A row of the current sheet; `footer` rows (totals, signatures) do not widen columns.
        func append(_ cells: [SheetCell], footer: Bool = false) throws(RowProblem) {
            guard let current else { preconditionFailure("append before beginSheet") }
            if footer {
                if current.footerStart == nil { current.footerStart = current.rowNumber + 1 }
                current.footerRows += 1
            } else {
                current.measure(cells)
            }
            current.width = max(current.width, cells.count)
            try current.row(cells, style: nil, inTable: !footer || cells.contains(where: \.isBold), strings: &strings)
            if current.measuredEnough { try current.settle(strings: &strings) }
        }

        private func endSheet() throws(RowProblem) {
            guard let sheet = current else { return }
            current = nil
            try sheet.settle(strings: &strings)
            try sheet.close()
            sheets.append(sheet)
        }

        /// Writes the workbook and puts it at `path`.
        func finish() throws(RowProblem) {
            try endSheet()
            let partial = FileOutput.temporaryPath(for: path)
            do {
                try? FileManager.default.removeItem(atPath: partial)
                try writeArchive(at: partial)
                try FileOutput.commit(partial, to: path)
            } catch {
                try? FileManager.default.removeItem(atPath: partial)
                discard()
                throw failure(error)
            }
            discard()
        }

        /// The workbook's parts, zipped into the file at `partial`, closed when this returns.
        private func writeArchive(at partial: String) throws {
            let archive = try Archive(url: URL(fileURLWithPath: partial), accessMode: .create)
            if ownerOnly { try FileOutput.restrict(partial) }
            var parts: [(String, PartSource)] = [
                ("[Content_Types].xml", .bytes(Data(contentTypes(sheets.count).utf8))),
                ("_rels/.rels", .bytes(Data(rootRelationships.utf8))),
                ("docProps/app.xml", .bytes(Data(appProperties.utf8))),
                ("docProps/core.xml", .bytes(Data(coreProperties.utf8))),
                ("xl/workbook.xml", .bytes(Data(workbookXML(sheets.map { ($0.name, $0.headerRow) }).utf8))),
                ("xl/_rels/workbook.xml.rels", .bytes(Data(workbookRelationships(sheets.count).utf8))),
                ("xl/styles.xml", .bytes(Data(stylesXML.utf8))),
                ("xl/sharedStrings.xml", .bytes(strings.xml)),
            ]
            for (index, sheet) in sheets.enumerated() {
                parts.append(("xl/worksheets/sheet\(index + 1).xml", try sheet.part(selected: index == 0)))
            }
            // 1980-01-01 00:00, the earliest time a ZIP entry can carry, in the zone ZIPFoundation
            // converts with, so the stored fields are the same on every machine.
            let fixedDate = Calendar.current.date(from: DateComponents(year: 1980, month: 1, day: 1, hour: 0, minute: 0))!
            for (name, source) in parts {
                try archive.addEntry(
                    with: name, type: .file, uncompressedSize: Int64(source.count), modificationDate: fixedDate,
                    permissions: 0o644, compressionMethod: .deflate
                ) { position, size in try source.read(at: Int(position), count: size) }
            }
            for case .rows(_, let handle, _, _) in parts.map(\.1) { try? handle.close() }
        }

        /// Gives up the workbook: its temporary files are removed.
        func discard() {
            try? current?.handle.close()
            current = nil
            try? FileManager.default.removeItem(at: directory)
        }

        private func failure(_ error: any Error) -> RowProblem {
            if let problem = error as? RowProblem { return problem }
            return RowProblem(file: path, row: nil, rule: "FILE_UNWRITABLE", message: .cannotWrite(error.localizedDescription))
        }
    }

    /// One sheet being written: its rows as XML in a temporary file, and what the part's
    /// beginning needs to know of them (how wide each column is, how many rows).
    private final class SheetPart {
        let name: String
        let title: String?
        let header: [String]
        let file: URL
        let handle: FileHandle
        /// The workbook's path, for the problem when the rows cannot be written.
        let destination: String
        var width: Int
        var rowNumber = 0
        /// The widest cell of each column, in display columns, of the first `measuredRows` rows.
        var widest: [Int]
        private var measured = 0
        /// Columns headed 序号, whose numbers are centred.
        private let sequence: [Bool]
        /// Where the lines below the table begin, and how many there are.
        var footerStart: Int?
        var footerRows = 0
        private var buffer: [UInt8] = []
        /// The columns' letters, as bytes, made once.
        private var columnNames: [[UInt8]] = []
        /// The first rows, held until the columns' widths are settled (a row's height follows
        /// from them), then the widths.
        private var waiting: [(cells: [SheetCell], style: Int?, inTable: Bool)] = []
        private var widths: [Int]?
        /// Where the rows fall on the printed pages, and where the lines below the table began.
        private var pages: PrintLayout.Pages?
        private var pagesAtFooter: PrintLayout.Pages?

        /// Column widths come from the header and the first rows only, so that a sheet of any
        /// length is written as its rows come (holding only those first rows) and each row is
        /// measured at most once.
        static let measuredRows = 1_000

        init(name: String, title: String?, header: [String], file: URL, handle: FileHandle, destination: String) {
            (self.name, self.title, self.header, self.file, self.handle, self.destination) = (name, title, header, file, handle, destination)
            width = max(header.count, 1)
            widest = Array(repeating: 0, count: header.count)
            sequence = header.map { $0 == "序号" }
            buffer.reserveCapacity(1 << 20)
        }

        var headerRow: Int { title == nil ? 1 : 2 }

        /// Each column's width in characters: its widest cell or header (a CJK character counts
        /// two) and a margin, between 6 and 40; a longer text wraps within its cell.
        var columnWidths: [Int] {
            (0..<width).map { column in
                let content = column < widest.count ? widest[column] : 0
                let heading = column < header.count ? DisplayWidth.of(header[column]) : 0
                return min(40, max(6, content + 2, heading + 2))
            }
        }

        /// Whether the rows measured so far settle the columns' widths.
        var measuredEnough: Bool { widths == nil && measured >= Self.measuredRows }

        func measure(_ cells: [SheetCell]) {
            guard measured < Self.measuredRows else { return }
            measured += 1
            if widest.count < cells.count { widest += Array(repeating: 0, count: cells.count - widest.count) }
            for (column, cell) in cells.enumerated() {
                let text: String
                switch cell {
                case .text(let s, _), .code(let s): text = s
                case .empty: continue
                default: text = cell.displayText
                }
                widest[column] = max(widest[column], DisplayWidth.of(text))
            }
        }

        /// The row's XML; `style` for the title and header rows, else each cell's own, ruled
        /// when the row is `inTable` (where an empty cell is written too, for its lines).
        func row(_ cells: [SheetCell], style: Int?, inTable: Bool = true, strings: inout SharedStrings) throws(RowProblem) {
            rowNumber += 1
            guard let widths else {
                waiting.append((cells, style, inTable))
                return
            }
            try write(cells, number: rowNumber, style: style, inTable: inTable, widths: widths, strings: &strings)
        }

        /// The columns' widths are settled: the rows waiting for them are written.
        func settle(strings: inout SharedStrings) throws(RowProblem) {
            guard widths == nil else { return }
            let settled = columnWidths
            widths = settled
            pages = PrintLayout.Pages(widths: settled)
            let first = rowNumber - waiting.count
            let rows = waiting
            waiting = []
            for (offset, row) in rows.enumerated() {
                try write(row.cells, number: first + offset + 1, style: row.style, inTable: row.inTable, widths: settled, strings: &strings)
            }
        }

        /// How many lines the row takes: a text wider than its column wraps.
        private func lines(_ cells: [SheetCell], widths: [Int]) -> Int {
            var lines = 1
            for (column, cell) in cells.enumerated() {
                guard case .text(let text, _) = cell else { continue }
                // A line holds about its width less a margin; no text is wider than its bytes.
                let room = max((column < widths.count ? widths[column] : 6) - 2, 1)
                guard text.utf8.count > room else { continue }
                lines = max(lines, (DisplayWidth.of(text) + room - 1) / room)
            }
            return min(lines, PrintLayout.mostLines)
        }

        private func write(
            _ cells: [SheetCell], number row: Int, style: Int?, inTable: Bool, widths: [Int], strings: inout SharedStrings
        ) throws(RowProblem) {
            if footerStart == row { pagesAtFooter = pages }
            let number = String(row)
            buffer.append(contentsOf: #"<row r=""#.utf8)
            buffer.append(contentsOf: number.utf8)
            let height =
                style == CellStyle.title
                ? PrintLayout.titleHeight
                : inTable ? PrintLayout.height(lines: lines(cells, widths: widths)) : PrintLayout.lineHeight
            if height != PrintLayout.lineHeight {
                buffer.append(contentsOf: #"" ht=""#.utf8)
                buffer.append(contentsOf: PrintLayout.points(height).utf8)
                buffer.append(contentsOf: #"" customHeight="1"#.utf8)
            }
            pages?.add(height, header: style == CellStyle.header)
            buffer.append(contentsOf: #"">"#.utf8)
            for (column, cell) in cells.enumerated() {
                let value: String
                var shared = false
                var inline: String?
                switch cell {
                case .text(let text, _), .code(let text):
                    if let index = strings.index(text) {
                        value = String(index)
                        shared = true
                    } else {
                        value = ""
                        inline = text
                    }
                case .integer(let n, _): value = String(n)
                case .money(let fen, _): value = fen.yuanText
                case .percent(let p, _): value = XLSXWriter.hundredth(p)
                case .empty:
                    guard inTable else { continue }
                    value = ""
                }
                let s = style ?? cellStyle(cell, column: column, inTable: inTable)
                buffer.append(contentsOf: #"<c r=""#.utf8)
                if column >= columnNames.count { columnNames += (columnNames.count...column).map { Array(XLSX.columnName($0).utf8) } }
                buffer.append(contentsOf: columnNames[column])
                buffer.append(contentsOf: number.utf8)
                buffer.append(contentsOf: #"" s=""#.utf8)
                buffer.append(contentsOf: CellStyle.digits[s])
                if case .empty = cell {
                    buffer.append(contentsOf: #""/>"#.utf8)
                    continue
                }
                if let inline {
                    buffer.append(contentsOf: #"" t="inlineStr"><is>"#.utf8)
                    buffer.append(contentsOf: (SharedStrings.preserves(inline) ? #"<t xml:space="preserve">"# : "<t>").utf8)
                    XLSXWriter.escape(inline, into: &buffer)
                    buffer.append(contentsOf: "</t></is></c>".utf8)
                    continue
                }
                buffer.append(contentsOf: shared ? #"" t="s"><v>"#.utf8 : #""><v>"#.utf8)
                buffer.append(contentsOf: value.utf8)
                buffer.append(contentsOf: "</v></c>".utf8)
            }
            buffer.append(contentsOf: "</row>".utf8)
            if buffer.count >= 1 << 20 { try flush() }
        }

        /// The cell's format: its kind of value, centred in a 序号 column, ruled in the table.
        private func cellStyle(_ cell: SheetCell, column: Int, inTable: Bool) -> Int {
            switch cell {
            case .text(_, let bold): CellStyle.index(.text, bold: bold, inTable: inTable)
            case .code, .empty: CellStyle.index(.text, bold: false, inTable: inTable)
            case .integer(_, let bold):
                CellStyle.index(column < sequence.count && sequence[column] ? .sequence : .integer, bold: bold, inTable: inTable)
            case .money(_, let bold): CellStyle.index(.money, bold: bold, inTable: inTable)
            case .percent(_, let bold): CellStyle.index(.percent, bold: bold, inTable: inTable)
            }
        }

        private func flush() throws(RowProblem) {
            do { try handle.write(contentsOf: buffer) } catch {
                throw RowProblem(file: destination, row: nil, rule: "FILE_UNWRITABLE", message: .cannotWrite(error.localizedDescription))
            }
            buffer.removeAll(keepingCapacity: true)
        }

        /// The last rows written and the file closed: the sheet is complete.
        func close() throws(RowProblem) {
            precondition(widths != nil, "close before settle")
            try flush()
            do { try handle.close() } catch {
                throw RowProblem(file: destination, row: nil, rule: "FILE_UNWRITABLE", message: .cannotWrite(error.localizedDescription))
            }
        }

        /// The whole part: its beginning, the rows from the temporary file, its end.
        func part(selected: Bool) throws -> PartSource {
            var xml = xmlHeader
            xml += #"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" "#
            xml += #"xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">"#
            xml += #"<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>"#
            xml += "<dimension ref=\"A1:\(XLSX.columnName(width - 1))\(rowNumber)\"/>"
            xml += "<sheetViews><sheetView\(selected ? " tabSelected=\"1\"" : "") workbookViewId=\"0\">"
            xml += "<pane ySplit=\"\(headerRow)\" topLeftCell=\"A\(headerRow + 1)\" activePane=\"bottomLeft\" state=\"frozen\"/>"
            xml += "<selection pane=\"bottomLeft\" activeCell=\"A\(headerRow + 1)\" sqref=\"A\(headerRow + 1)\"/>"
            xml +=
                "</sheetView></sheetViews><sheetFormatPr " + "defaultRowHeight=\"\(PrintLayout.points(PrintLayout.lineHeight))\" "
                + "customHeight=\"1\"/><cols>"
            var widths = self.widths ?? columnWidths
            widths += columnWidths.dropFirst(widths.count)
            for (column, chars) in widths.enumerated() {
                xml += "<col min=\"\(column + 1)\" max=\"\(column + 1)\" width=\"\(chars)\" customWidth=\"1\"/>"
            }
            xml += "</cols><sheetData>"
            var end = "</sheetData>"
            if title != nil && width > 1 {
                end += "<mergeCells count=\"1\"><mergeCell ref=\"A1:\(XLSX.columnName(width - 1))1\"/></mergeCells>"
            }
            end += PrintLayout.pageSetup(title: title)
            if let footerStart, footerRows > 1, footerStart > headerRow + 1, let at = pagesAtFooter,
                !at.fits(Double(footerRows) * PrintLayout.lineHeight)
            {
                // The lines below the table would not all fit on the page where they begin.
                end += "<rowBreaks count=\"1\" manualBreakCount=\"1\"><brk id=\"\(footerStart - 1)\" max=\"16383\" man=\"1\"/></rowBreaks>"
            }
            end += "</worksheet>"
            let rows = try FileHandle(forReadingFrom: file)
            let size = Int(try rows.seekToEnd())
            return .rows(Data(xml.utf8), rows, size, Data(end.utf8))
        }
    }

    /// A part's bytes for the archive: held, or a sheet's rows in a file between its
    /// beginning and end.
    private enum PartSource {
        case bytes(Data)
        case rows(Data, FileHandle, Int, Data)

        var count: Int {
            switch self {
            case .bytes(let data): data.count
            case .rows(let start, _, let size, let end): start.count + size + end.count
            }
        }

        /// `count` bytes from `position`; the archive asks for them in order.
        func read(at position: Int, count: Int) throws -> Data {
            switch self {
            case .bytes(let data):
                return data.subdata(in: position..<position + count)
            case .rows(let start, let handle, let size, let end):
                var out = Data()
                out.reserveCapacity(count)
                var at = position
                let stop = position + count
                if at < start.count {
                    let n = min(stop, start.count)
                    out.append(start.subdata(in: at..<n))
                    at = n
                }
                if at < stop && at < start.count + size {
                    let n = min(stop, start.count + size) - at
                    try handle.seek(toOffset: UInt64(at - start.count))
                    let chunk = try handle.read(upToCount: n) ?? Data()
                    guard chunk.count == n else { throw CocoaError(.fileReadCorruptFile) }
                    out.append(chunk)
                    at += n
                }
                if at < stop {
                    let from = at - start.count - size
                    out.append(end.subdata(in: from..<from + (stop - at)))
                }
                return out
            }
        }
    }

    /// The cell formats of `stylesXML`'s cellXfs: the default, the header (bold, shaded,
    /// centred, wrapped), the title, then each kind of value plain and bold, first ruled (the
    /// table) then without lines (the notes and signatures below it).
    enum CellStyle {
        enum Kind: Int, CaseIterable {
            case text, sequence, integer, money, percent
        }

        static let general = 0, header = 1, title = 2

        static func index(_ kind: Kind, bold: Bool, inTable: Bool) -> Int {
            3 + (inTable ? 0 : 2 * Kind.allCases.count) + 2 * kind.rawValue + (bold ? 1 : 0)
        }

        static let count = 3 + 4 * Kind.allCases.count
        /// Each index as the bytes of its decimal digits, for the `s` attribute.
        static let digits: [[UInt8]] = (0..<count).map { Array(String($0).utf8) }

        /// `<xf>` for a kind of value: Text for text and codes, 0 for counts, 0.00 for amounts,
        /// 0.0% for percentages; text to the left, 序号 centred, numbers to the right.
        static func xf(_ kind: Kind, bold: Bool, inTable: Bool) -> String {
            let format =
                switch kind {
                case .text: 49
                case .sequence, .integer: 1
                case .money: 2
                case .percent: 164
                }
            let horizontal =
                switch kind {
                case .text: "left"
                case .sequence: "center"
                case .integer, .money, .percent: "right"
                }
            let wrap = inTable && kind == .text ? " wrapText=\"1\"" : ""
            return "<xf numFmtId=\"\(format)\" fontId=\"\(bold ? 1 : 0)\" fillId=\"0\" borderId=\"\(inTable ? 1 : 0)\" xfId=\"0\" "
                + "applyNumberFormat=\"1\"\(bold ? " applyFont=\"1\"" : "")\(inTable ? " applyBorder=\"1\"" : "") applyAlignment=\"1\">"
                + "<alignment horizontal=\"\(horizontal)\" vertical=\"center\"\(wrap)/></xf>"
        }
    }

    /// A percentage as written (`62.5`) divided by a hundred without going through binary
    /// floating point (`0.625`).
    static func hundredth(_ percent: String) -> String {
        var digits = Substring(percent)
        let negative = digits.first == "-"
        if negative { digits = digits.dropFirst() }
        let parts = digits.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        var whole = String(parts.first ?? "")
        let fraction = parts.count > 1 ? String(parts[1]) : ""
        guard !whole.isEmpty || !fraction.isEmpty, (whole + fraction).allSatisfy(\.isASCII), (whole + fraction).allSatisfy(\.isNumber) else {
            return percent
        }
        whole = String(repeating: "0", count: max(0, 3 - whole.count)) + whole
        var integer = String(whole.dropLast(2).drop { $0 == "0" })
        if integer.isEmpty { integer = "0" }
        return (negative ? "-" : "") + integer + "." + whole.suffix(2) + fraction
    }

    /// The workbook's table of texts, as Excel keeps one. It holds at most `limit` distinct
    /// texts: past that a new text is written in its cell (an inline string), so that a sheet
    /// of a million distinct names and ID numbers does not hold them all in memory.
    struct SharedStrings {
        var order: [String] = []
        var indexes: [String: Int] = [:]
        var uses = 0
        var limit: Int

        /// The text's index in the table, or nil when it is to be written inline.
        mutating func index(_ text: String) -> Int? {
            if let i = indexes[text] {
                uses += 1
                return i
            }
            guard order.count < limit else { return nil }
            uses += 1
            indexes[text] = order.count
            order.append(text)
            return order.count - 1
        }

        /// Whether the text needs `xml:space="preserve"`: it starts or ends with white space, or
        /// has a line break. Read from its bytes where they are ASCII, which is most texts.
        static func preserves(_ text: String) -> Bool {
            let utf8 = text.utf8
            guard let first = utf8.first, let last = utf8.last else { return false }
            func space(_ byte: UInt8) -> Bool { byte == 0x20 || (0x09...0x0D).contains(byte) }
            if first < 0x80 ? space(first) : text.first?.isWhitespace == true { return true }
            if last < 0x80 ? space(last) : text.last?.isWhitespace == true { return true }
            return utf8.contains(0x0A)
        }

        var xml: Data {
            var xml = Data(xmlHeader.utf8)
            xml.append(
                contentsOf:
                    "<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" count=\"\(uses)\" uniqueCount=\"\(order.count)\">".utf8)
            var escaped: [UInt8] = []
            for text in order {
                xml.append(contentsOf: (Self.preserves(text) ? "<si><t xml:space=\"preserve\">" : "<si><t>").utf8)
                escaped.removeAll(keepingCapacity: true)
                escape(text, into: &escaped)
                xml.append(contentsOf: escaped)
                xml.append(contentsOf: "</t></si>".utf8)
            }
            xml.append(contentsOf: "</sst>".utf8)
            return xml
        }
    }

    /// Escapes text for XML, dropping the control characters XML 1.0 cannot hold.
    static func escape(_ text: String) -> String {
        var out: [UInt8] = []
        escape(text, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// The same, onto the end of `out`, byte by byte: a text with nothing to escape, as most
    /// are, is copied whole.
    static func escape(_ text: String, into out: inout [UInt8]) {
        var text = text
        text.withUTF8 { bytes in
            // U+FFFE and U+FFFF are EF BF BE and EF BF BF.
            func special(_ i: Int) -> Bool {
                let b = bytes[i]
                if b < 0x20 { return b != 0x09 && b != 0x0A && b != 0x0D }
                if b == 0x26 || b == 0x3C || b == 0x3E || b == 0x22 { return true }
                return b == 0xEF && i + 2 < bytes.count && bytes[i + 1] == 0xBF && bytes[i + 2] >= 0xBE
            }
            guard bytes.indices.contains(where: special) else {
                out.append(contentsOf: bytes)
                return
            }
            var i = 0
            while i < bytes.count {
                let b = bytes[i]
                switch b {
                case 0x26: out.append(contentsOf: "&amp;".utf8)
                case 0x3C: out.append(contentsOf: "&lt;".utf8)
                case 0x3E: out.append(contentsOf: "&gt;".utf8)
                case 0x22: out.append(contentsOf: "&quot;".utf8)
                case 0x09, 0x0A, 0x0D: out.append(b)
                case _ where b < 0x20: break
                case 0xEF where special(i):
                    i += 3
                    continue
                default: out.append(b)
                }
                i += 1
            }
        }
    }

    static let xmlHeader = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"

    static func contentTypes(_ sheetCount: Int) -> String {
        var xml = xmlHeader + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
        xml += "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
        xml += "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
        xml += "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
        for i in 1...max(sheetCount, 1) {
            xml +=
                "<Override PartName=\"/xl/worksheets/sheet\(i).xml\" "
                + "ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
        }
        xml += "<Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>"
        xml +=
            "<Override PartName=\"/xl/sharedStrings.xml\" "
            + "ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml\"/>"
        xml += "<Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>"
        xml += "<Override PartName=\"/docProps/app.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.extended-properties+xml\"/>"
        return xml + "</Types>"
    }

    static let rootRelationships =
        xmlHeader
        + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
        + "<Relationship Id=\"rId1\" " + "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" "
        + "Target=\"xl/workbook.xml\"/>"
        + "<Relationship Id=\"rId2\" " + "Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" "
        + "Target=\"docProps/core.xml\"/>"
        + "<Relationship Id=\"rId3\" " + "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties\" "
        + "Target=\"docProps/app.xml\"/>"
        + "</Relationships>"

    static let appProperties =
        xmlHeader
        + "<Properties "
        + "xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\"><Application>Wancun</Application></Properties>"

    static let coreProperties =
        xmlHeader
        + "<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" "
        + "xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" "
        + "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"><dc:creator>Wancun</dc:creator>"
        + "<dcterms:created xsi:type=\"dcterms:W3CDTF\">2000-01-01T00:00:00Z</dcterms:created>"
        + "<dcterms:modified xsi:type=\"dcterms:W3CDTF\">2000-01-01T00:00:00Z</dcterms:modified></cp:coreProperties>"

    /// The sheets, and each one's header row printed at the top of every page (print titles).
    static func workbookXML(_ sheets: [(name: String, headerRow: Int)]) -> String {
        var xml = xmlHeader
        xml +=
            "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
            + "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
        xml += "<bookViews><workbookView activeTab=\"0\"/></bookViews><sheets>"
        for (index, sheet) in sheets.enumerated() {
            xml += "<sheet name=\"\(escape(sheetName(sheet.name)))\" sheetId=\"\(index + 1)\" r:id=\"rId\(index + 1)\"/>"
        }
        xml += "</sheets><definedNames>"
        for (index, sheet) in sheets.enumerated() {
            let quoted = "'" + sheetName(sheet.name).replacingOccurrences(of: "'", with: "''") + "'"
            xml += "<definedName name=\"_xlnm.Print_Titles\" localSheetId=\"\(index)\">"
            xml += escape("\(quoted)!$\(sheet.headerRow):$\(sheet.headerRow)") + "</definedName>"
        }
        return xml + "</definedNames></workbook>"
    }

    /// Excel's rules: at most 31 characters, none of `[]:*?/\`.
    static func sheetName(_ name: String) -> String {
        let cleaned = name.filter { !"[]:*?/\\".contains($0) }
        return String((cleaned.isEmpty ? "Sheet" : cleaned).prefix(31))
    }

    static func workbookRelationships(_ sheetCount: Int) -> String {
        var xml = xmlHeader + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
        for i in 1...max(sheetCount, 1) {
            xml +=
                "<Relationship Id=\"rId\(i)\" " + "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" "
                + "Target=\"worksheets/sheet\(i).xml\"/>"
        }
        xml +=
            "<Relationship Id=\"rId\(sheetCount + 1)\" " + "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" "
            + "Target=\"styles.xml\"/>"
        xml +=
            "<Relationship Id=\"rId\(sheetCount + 2)\" "
            + "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings\" " + "Target=\"sharedStrings.xml\"/>"
        return xml + "</Relationships>"
    }

    static let stylesXML: String = {
        let thin = "style=\"thin\"><color indexed=\"64\"/>"
        var xml = xmlHeader
        xml += "<styleSheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
        xml += "<numFmts count=\"1\"><numFmt numFmtId=\"164\" formatCode=\"0.0%\"/></numFmts>"
        xml += "<fonts count=\"3\">"
        xml += "<font><sz val=\"11\"/><name val=\"宋体\"/><charset val=\"134\"/></font>"
        xml += "<font><b/><sz val=\"11\"/><name val=\"宋体\"/><charset val=\"134\"/></font>"
        xml += "<font><b/><sz val=\"14\"/><name val=\"宋体\"/><charset val=\"134\"/></font>"
        xml += "</fonts>"
        xml += "<fills count=\"3\"><fill><patternFill patternType=\"none\"/></fill><fill><patternFill patternType=\"gray125\"/></fill>"
        xml += "<fill><patternFill patternType=\"solid\"><fgColor rgb=\"FFD9D9D9\"/><bgColor indexed=\"64\"/></patternFill></fill></fills>"
        xml += "<borders count=\"2\"><border><left/><right/><top/><bottom/><diagonal/></border>"
        xml += "<border><left \(thin)</left><right \(thin)</right><top \(thin)</top><bottom \(thin)</bottom><diagonal/></border></borders>"
        xml += "<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>"
        xml += "<cellXfs count=\"\(CellStyle.count)\">"
        xml += "<xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/>"
        xml +=
            "<xf numFmtId=\"49\" fontId=\"1\" fillId=\"2\" borderId=\"1\" xfId=\"0\" applyNumberFormat=\"1\" applyFont=\"1\" applyFill=\"1\" "
            + "applyBorder=\"1\" applyAlignment=\"1\"><alignment horizontal=\"center\" vertical=\"center\" wrapText=\"1\"/></xf>"
        xml +=
            "<xf numFmtId=\"49\" fontId=\"2\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\" applyFont=\"1\" "
            + "applyAlignment=\"1\"><alignment horizontal=\"center\" vertical=\"center\"/></xf>"
        for inTable in [true, false] {
            for kind in CellStyle.Kind.allCases {
                for bold in [false, true] { xml += CellStyle.xf(kind, bold: bold, inTable: inTable) }
            }
        }
        xml += "</cellXfs>"
        xml += "<cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles>"
        return xml + "</styleSheet>"
    }()
}
