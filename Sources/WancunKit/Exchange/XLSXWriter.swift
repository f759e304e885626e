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
    case empty

    var displayText: String {
        switch self {
        case .text(let s, _), .code(let s): s
        case .integer(let n, _): String(n)
        case .money(let fen, _): fen.yuanText
        case .empty: ""
        }
    }

    /// The cell as a CSV holds it: codes kept as text for Excel, free text never a formula,
    /// numbers as they are.
    var csvText: String {
        switch self {
        case .code(let s): CodeText.csvText(code: s)
        case .text(let s, _): FormulaText.neutralise(s)
        case .integer, .money, .empty: displayText
        }
    }
}

/// One sheet: an optional title line above the header, the header (bold, frozen), the rows,
/// and lines below the table (totals, signatures).
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
            if let title { try sheet.row([.text(title)], style: .title, strings: &strings) }
            try sheet.row(header.map { .text($0) }, style: .header, strings: &strings)
        }

        /// A row of the current sheet; `footer` rows (totals, signatures) do not widen columns.
        func append(_ cells: [SheetCell], footer: Bool = false) throws(RowProblem) {
            guard let current else { preconditionFailure("append before beginSheet") }
            if !footer { current.measure(cells) }
            current.width = max(current.width, cells.count)
            try current.row(cells, style: nil, strings: &strings)
        }

        private func endSheet() throws(RowProblem) {
            guard let sheet = current else { return }
            current = nil
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
                ("xl/workbook.xml", .bytes(Data(workbookXML(sheets.map(\.name)).utf8))),
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
        var widest: [Int]
        private var buffer: [UInt8] = []
        /// The columns' letters, as bytes, made once.
        private var columnNames: [[UInt8]] = []

        init(name: String, title: String?, header: [String], file: URL, handle: FileHandle, destination: String) {
            (self.name, self.title, self.header, self.file, self.handle, self.destination) = (name, title, header, file, handle, destination)
            width = max(header.count, 1)
            widest = header.map(DisplayWidth.of)
            buffer.reserveCapacity(1 << 20)
        }

        func measure(_ cells: [SheetCell]) {
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

        /// The row's XML; `style` for the title and header rows, else each cell's own.
        func row(_ cells: [SheetCell], style: Style?, strings: inout SharedStrings) throws(RowProblem) {
            rowNumber += 1
            let number = String(rowNumber)
            buffer.append(contentsOf: #"<row r=""#.utf8)
            buffer.append(contentsOf: number.utf8)
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
                case .empty: continue
                }
                let s = style ?? XLSXWriter.style(cell)
                buffer.append(contentsOf: #"<c r=""#.utf8)
                if column >= columnNames.count { columnNames += (columnNames.count...column).map { Array(XLSX.columnName($0).utf8) } }
                buffer.append(contentsOf: columnNames[column])
                buffer.append(contentsOf: number.utf8)
                buffer.append(contentsOf: #"" s=""#.utf8)
                buffer.append(contentsOf: String(s.rawValue).utf8)
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

        private func flush() throws(RowProblem) {
            do { try handle.write(contentsOf: buffer) } catch {
                throw RowProblem(file: destination, row: nil, rule: "FILE_UNWRITABLE", message: .cannotWrite(error.localizedDescription))
            }
            buffer.removeAll(keepingCapacity: true)
        }

        /// The last rows written and the file closed: the sheet is complete.
        func close() throws(RowProblem) {
            try flush()
            do { try handle.close() } catch {
                throw RowProblem(file: destination, row: nil, rule: "FILE_UNWRITABLE", message: .cannotWrite(error.localizedDescription))
            }
        }

        /// The whole part: its beginning, the rows from the temporary file, its end.
        func part(selected: Bool) throws -> PartSource {
            let headerRow = title == nil ? 1 : 2
            var xml = xmlHeader
            xml += #"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" "#
            xml += #"xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">"#
            xml += "<dimension ref=\"A1:\(XLSX.columnName(width - 1))\(rowNumber)\"/>"
            xml += "<sheetViews><sheetView\(selected ? " tabSelected=\"1\"" : "") workbookViewId=\"0\">"
            xml += "<pane ySplit=\"\(headerRow)\" topLeftCell=\"A\(headerRow + 1)\" activePane=\"bottomLeft\" state=\"frozen\"/>"
            xml += "<selection pane=\"bottomLeft\" activeCell=\"A\(headerRow + 1)\" sqref=\"A\(headerRow + 1)\"/>"
            xml += "</sheetView></sheetViews><sheetFormatPr defaultRowHeight=\"15\"/><cols>"
            for column in 0..<width {
                let chars = min(60, max(6, (column < widest.count ? widest[column] : 0) + 2))
                xml += "<col min=\"\(column + 1)\" max=\"\(column + 1)\" width=\"\(chars)\" customWidth=\"1\"/>"
            }
            xml += "</cols><sheetData>"
            var end = "</sheetData>"
            if title != nil && width > 1 {
                end += "<mergeCells count=\"1\"><mergeCell ref=\"A1:\(XLSX.columnName(width - 1))1\"/></mergeCells>"
            }
            end += "<pageMargins left=\"0.7\" right=\"0.7\" top=\"0.75\" bottom=\"0.75\" header=\"0.3\" footer=\"0.3\"/>"
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

    // Style indexes in `stylesXML`'s cellXfs.
    enum Style: Int {
        case general = 0, text, header, money, integer, title, boldText, boldMoney, boldInteger
    }

    static func style(_ cell: SheetCell) -> Style {
        switch cell {
        case .text(_, let bold): bold ? .boldText : .text
        case .code: .text
        case .integer(_, let bold): bold ? .boldInteger : .integer
        case .money(_, let bold): bold ? .boldMoney : .money
        case .empty: .general
        }
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
            xml.append(contentsOf: "<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" count=\"\(uses)\" uniqueCount=\"\(order.count)\">".utf8)
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
            xml += "<Override PartName=\"/xl/worksheets/sheet\(i).xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
        }
        xml += "<Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>"
        xml += "<Override PartName=\"/xl/sharedStrings.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml\"/>"
        xml += "<Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>"
        xml += "<Override PartName=\"/docProps/app.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.extended-properties+xml\"/>"
        return xml + "</Types>"
    }

    static let rootRelationships = xmlHeader
        + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
        + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/>"
        + "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/>"
        + "<Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties\" Target=\"docProps/app.xml\"/>"
        + "</Relationships>"

    static let appProperties = xmlHeader
        + "<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\"><Application>Wancun</Application></Properties>"

    static let coreProperties = xmlHeader
        + "<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" "
        + "xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" "
        + "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"><dc:creator>Wancun</dc:creator>"
        + "<dcterms:created xsi:type=\"dcterms:W3CDTF\">2000-01-01T00:00:00Z</dcterms:created>"
        + "<dcterms:modified xsi:type=\"dcterms:W3CDTF\">2000-01-01T00:00:00Z</dcterms:modified></cp:coreProperties>"

    static func workbookXML(_ names: [String]) -> String {
        var xml = xmlHeader
        xml += "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
        xml += "<bookViews><workbookView activeTab=\"0\"/></bookViews><sheets>"
        for (index, name) in names.enumerated() {
            xml += "<sheet name=\"\(escape(sheetName(name)))\" sheetId=\"\(index + 1)\" r:id=\"rId\(index + 1)\"/>"
        }
        return xml + "</sheets></workbook>"
    }

    /// Excel's rules: at most 31 characters, none of `[]:*?/\`.
    static func sheetName(_ name: String) -> String {
        let cleaned = name.filter { !"[]:*?/\\".contains($0) }
        return String((cleaned.isEmpty ? "Sheet" : cleaned).prefix(31))
    }

    static func workbookRelationships(_ sheetCount: Int) -> String {
        var xml = xmlHeader + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
        for i in 1...max(sheetCount, 1) {
            xml += "<Relationship Id=\"rId\(i)\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet\(i).xml\"/>"
        }
        xml += "<Relationship Id=\"rId\(sheetCount + 1)\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>"
        xml += "<Relationship Id=\"rId\(sheetCount + 2)\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings\" Target=\"sharedStrings.xml\"/>"
        return xml + "</Relationships>"
    }

    static let stylesXML = xmlHeader
        + "<styleSheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
        + "<fonts count=\"3\">"
        + "<font><sz val=\"11\"/><name val=\"宋体\"/><charset val=\"134\"/></font>"
        + "<font><b/><sz val=\"11\"/><name val=\"宋体\"/><charset val=\"134\"/></font>"
        + "<font><b/><sz val=\"14\"/><name val=\"宋体\"/><charset val=\"134\"/></font>"
        + "</fonts>"
        + "<fills count=\"2\"><fill><patternFill patternType=\"none\"/></fill><fill><patternFill patternType=\"gray125\"/></fill></fills>"
        + "<borders count=\"1\"><border><left/><right/><top/><bottom/><diagonal/></border></borders>"
        + "<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>"
        + "<cellXfs count=\"9\">"
        + "<xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/>"
        + "<xf numFmtId=\"49\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/>"
        + "<xf numFmtId=\"49\" fontId=\"1\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\" applyFont=\"1\" applyAlignment=\"1\"><alignment horizontal=\"center\"/></xf>"
        + "<xf numFmtId=\"2\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/>"
        + "<xf numFmtId=\"1\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/>"
        + "<xf numFmtId=\"49\" fontId=\"2\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\" applyFont=\"1\" applyAlignment=\"1\"><alignment horizontal=\"center\"/></xf>"
        + "<xf numFmtId=\"49\" fontId=\"1\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\" applyFont=\"1\"/>"
        + "<xf numFmtId=\"2\" fontId=\"1\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\" applyFont=\"1\"/>"
        + "<xf numFmtId=\"1\" fontId=\"1\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\" applyFont=\"1\"/>"
        + "</cellXfs>"
        + "<cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles>"
        + "</styleSheet>"
}
