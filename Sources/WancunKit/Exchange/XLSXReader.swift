import Foundation
import ZIPFoundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

// No Swift package on this machine reads .xlsx, so this reads the Office Open XML parts
// itself: ZIPFoundation unpacks the workbook and Foundation's XMLParser reads each part.

/// Reads one sheet of an `.xlsx` workbook as Excel, WPS Office and LibreOffice write it:
/// shared and inline strings, numbers (as Excel shows them, to 15 significant digits),
/// booleans, dates in the 1900 or 1904 system (by the cell's number format), empty cells.
///
/// The sheet is read a row at a time: its XML is unpacked to a temporary file and parsed on a
/// thread of its own, a few batches of rows ahead, so that a large sheet is never held whole.
public final class XLSXReader: RowSource {
    public let path: String
    public let sheetNames: [String]
    public let sheetName: String
    private let rows: SheetRows
    private var current: [SourceRow] = []
    private var index = 0

    /// Opens `path` and reads the sheet named `sheet`, or the first.
    public init(path: String, sheet: String? = nil) throws(RowProblem) {
        self.path = path
        let file = (path as NSString).lastPathComponent
        func unreadable(_ detail: String) -> RowProblem {
            RowProblem(file: file, row: nil, rule: "XLSX_UNREADABLE", message: .cannotReadXLSX(detail))
        }
        let archive: Archive
        do {
            archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .read)
        } catch {
            throw unreadable("zip")
        }
        func part(_ name: String) -> Data? {
            guard let entry = archive[name] else { return nil }
            var data = Data()
            do { _ = try archive.extract(entry, skipCRC32: false) { data.append($0) } } catch { return nil }
            return data
        }
        guard let workbookData = part("xl/workbook.xml") else { throw unreadable("xl/workbook.xml") }
        let workbook = WorkbookParser(workbookData)
        sheetNames = workbook.sheets.map(\.name)
        guard let chosen = sheet.map({ name in workbook.sheets.first { $0.name == name } }) ?? workbook.sheets.first else {
            throw RowProblem(
                file: file, row: nil, value: sheet, rule: "SHEET_NOT_FOUND",
                message: .sheetNotFound(workbook.sheets.map(\.name).joined(separator: ", ")))
        }
        sheetName = chosen.name
        let relations = part("xl/_rels/workbook.xml.rels").map(RelationshipParser.init)?.targets ?? [:]
        var target = relations[chosen.relationID] ?? "worksheets/sheet1.xml"
        if target.hasPrefix("/") { target.removeFirst() } else { target = "xl/" + target }
        guard let entry = archive[target] else { throw unreadable(target) }
        let strings = part("xl/sharedStrings.xml").map { SharedStringsParser($0).strings } ?? []
        let dateStyles = part("xl/styles.xml").map { StylesParser($0).dateStyles } ?? []
        let xml = FileManager.default.temporaryDirectory.appendingPathComponent("wancun-sheet-\(UUID().uuidString).xml")
        do {
            _ = try archive.extract(entry, to: xml, skipCRC32: false)
        } catch {
            try? FileManager.default.removeItem(at: xml)
            throw unreadable(target)
        }
        rows = SheetRows(
            xml: xml, parser: SheetParser(strings: strings, dateStyles: dateStyles, date1904: workbook.date1904), unreadable: unreadable(target))
    }

    deinit { rows.stop() }

    /// The last row handed out, against the last row the sheet says it has.
    public var fractionRead: Double {
        if finished { return 1 }
        let last = rows.lastRow
        return last > 0 ? min(1, Double(taken) / Double(last)) : 0
    }

    private var taken = 0
    private var finished = false

    public func next() throws(RowProblem) -> SourceRow? {
        if index == current.count {
            guard let batch = try rows.next() else {
                finished = true
                return nil
            }
            (current, index) = (batch, 0)
        }
        defer { index += 1 }
        taken = current[index].number
        return current[index]
    }
}

/// A sheet's rows, parsed from its XML on a thread of their own and handed over in batches; the
/// thread waits while enough are ready, and removes the XML file when it ends.
private final class SheetRows: @unchecked Sendable {
    enum Item {
        case rows([SourceRow])
        case failure(RowProblem)
    }

    /// Batches parsed ahead, at most.
    private let handover = Handover<Item>(capacity: 4)
    private let lock = NSLock()
    /// The last row the sheet says it has (0 when it does not say).
    private var last = 0

    init(xml: URL, parser delegate: SheetParser, unreadable: RowProblem) {
        delegate.rows = self
        // Only the parsing thread touches the parser's delegate from here on.
        nonisolated(unsafe) let delegate = delegate
        let handover = handover
        let thread = Thread {
            defer { handover.end() }
            let parser = XMLParser(stream: InputStream(url: xml) ?? InputStream(data: Data()))
            parser.delegate = delegate
            let parsed = parser.parse()
            try? FileManager.default.removeItem(at: xml)
            guard delegate.flush() else { return }
            // The parser recovers from what it can; a sheet that ends before its last row is
            // refused all the same, not taken as shorter than it is.
            if !parsed || !delegate.complete { _ = handover.put(.failure(unreadable)) }
        }
        thread.start()
    }

    /// From the parsing thread: rows parsed. False when the reader has stopped, so that the
    /// parse is given up.
    func deliver(_ batch: [SourceRow]) -> Bool { handover.put(.rows(batch)) }

    var lastRow: Int {
        get { lock.withLock { last } }
        set { lock.withLock { last = newValue } }
    }

    /// The next batch, waiting for it; nil after the last.
    func next() throws(RowProblem) -> [SourceRow]? {
        switch handover.take() {
        case .rows(let batch): return batch
        case .failure(let problem): throw problem
        case nil: return nil
        }
    }

    /// The reader is done with the rows, whether or not it took them all.
    func stop() { handover.stop() }
}

/// The sheets listed in `xl/workbook.xml`.
private final class WorkbookParser: NSObject, XMLParserDelegate {
    struct SheetEntry {
        var name: String
        var relationID: String
    }
    var sheets: [SheetEntry] = []
    var date1904 = false

    init(_ data: Data) {
        super.init()
        let parser = XMLParser(data: data)
        parser.delegate = self
        _ = parser.parse()
    }

    func parser(_ parser: XMLParser, didStartElement element: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String]) {
        switch localName(element) {
        case "sheet":
            let rid = attributes.first { localName($0.key) == "id" && $0.key != "sheetId" }?.value ?? ""
            sheets.append(SheetEntry(name: attributes["name"] ?? "", relationID: rid))
        case "workbookPr":
            date1904 = ["1", "true"].contains(attributes["date1904"] ?? "")
        default: break
        }
    }
}

/// `Id` → `Target` from a relationships part.
private final class RelationshipParser: NSObject, XMLParserDelegate {
    var targets: [String: String] = [:]

    init(_ data: Data) {
        super.init()
        let parser = XMLParser(data: data)
        parser.delegate = self
        _ = parser.parse()
    }

    func parser(_ parser: XMLParser, didStartElement element: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String]) {
        if localName(element) == "Relationship", let id = attributes["Id"], let target = attributes["Target"] {
            targets[id] = target
        }
    }
}

/// The shared string table; rich-text runs are joined, phonetic runs left out.
private final class SharedStringsParser: NSObject, XMLParserDelegate {
    var strings: [String] = []
    private var current = ""
    private var inText = false
    private var phonetic = 0

    init(_ data: Data) {
        super.init()
        let parser = XMLParser(data: data)
        parser.delegate = self
        _ = parser.parse()
    }

    func parser(_ parser: XMLParser, didStartElement element: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String]) {
        switch localName(element) {
        case "si": current = ""
        case "t": inText = phonetic == 0
        case "rPh": phonetic += 1
        default: break
        }
    }

    func parser(_ parser: XMLParser, didEndElement element: String, namespaceURI: String?, qualifiedName: String?) {
        switch localName(element) {
        case "si": strings.append(current)
        case "t": inText = false
        case "rPh": phonetic -= 1
        default: break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if inText { current += string }
    }
}

/// Which cell styles (`s` indexes into `cellXfs`) show a date.
private final class StylesParser: NSObject, XMLParserDelegate {
    var dateStyles: Set<Int> = []
    private var customDateFormats: Set<Int> = []
    private var inCellXfs = false
    private var xfIndex = 0

    /// Excel's built-in date and time formats.
    static let builtInDateFormats: Set<Int> = Set(14...22).union(45...47).union(27...36).union(50...58)

    init(_ data: Data) {
        super.init()
        let parser = XMLParser(data: data)
        parser.delegate = self
        _ = parser.parse()
    }

    static func isDateFormat(_ code: String) -> Bool {
        // Drop quoted text, escaped characters and [colour] sections, then look for date parts.
        var cleaned = ""
        var inQuote = false
        var inBracket = false
        var skipNext = false
        for char in code {
            if skipNext { skipNext = false; continue }
            switch char {
            case "\"": inQuote.toggle()
            case "\\": skipNext = true
            case "[": inBracket = true
            case "]": inBracket = false
            default: if !inQuote && !inBracket { cleaned.append(char) }
            }
        }
        let lower = cleaned.lowercased()
        return lower.contains { "ymdhs".contains($0) } && !lower.contains("0.0")
    }

    func parser(_ parser: XMLParser, didStartElement element: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String]) {
        switch localName(element) {
        case "numFmt":
            if let id = attributes["numFmtId"].flatMap(Int.init), let code = attributes["formatCode"], Self.isDateFormat(code) {
                customDateFormats.insert(id)
            }
        case "cellXfs": inCellXfs = true
        case "xf" where inCellXfs:
            let id = attributes["numFmtId"].flatMap(Int.init) ?? 0
            if Self.builtInDateFormats.contains(id) || customDateFormats.contains(id) { dateStyles.insert(xfIndex) }
            xfIndex += 1
        default: break
        }
    }

    func parser(_ parser: XMLParser, didEndElement element: String, namespaceURI: String?, qualifiedName: String?) {
        if localName(element) == "cellXfs" { inCellXfs = false }
    }
}

/// A worksheet's cells, row by row, with gaps filled by empty cells, handed to `rows` in batches.
private final class SheetParser: NSObject, XMLParserDelegate {
    weak var rows: SheetRows?
    /// Whether the sheet's data ended as it should.
    private(set) var complete = false
    private var batch: [SourceRow] = []
    private var lastNumber = 0
    private let strings: [String]
    private let dateStyles: Set<Int>
    private let date1904: Bool
    private var rowNumber = 0
    private var cells: [String] = []
    private var numeric: [Bool] = []
    private var column = 0
    private var type = ""
    private var style = 0
    private var value = ""
    private var collecting = false

    init(strings: [String], dateStyles: Set<Int>, date1904: Bool) {
        self.strings = strings
        self.dateStyles = dateStyles
        self.date1904 = date1904
    }

    /// Hands over the rows parsed so far; false when they are no longer wanted.
    @discardableResult
    func flush() -> Bool {
        guard !batch.isEmpty else { return true }
        defer { batch = [] }
        return rows?.deliver(batch) ?? false
    }

    private func append(_ row: SourceRow, _ parser: XMLParser) {
        batch.append(row)
        lastNumber = row.number
        if batch.count >= 256 && !flush() { parser.abortParsing() }
    }

    func parser(_ parser: XMLParser, didStartElement element: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String]) {
        switch localName(element) {
        case "dimension":
            // "A1:V500001": the last row, for how far the reading has come.
            if let last = attributes["ref"]?.split(separator: ":").last, let number = Int(last.drop { $0.isLetter }) {
                rows?.lastRow = number
            }
        case "row":
            rowNumber = attributes["r"].flatMap(Int.init) ?? rowNumber + 1
            cells = []
            numeric = []
            column = 0
        case "c":
            if let ref = attributes["r"] { column = XLSX.columnIndex(ref) ?? column }
            type = attributes["t"] ?? "n"
            style = attributes["s"].flatMap(Int.init) ?? 0
            value = ""
        case "v", "t":
            collecting = true
        default: break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if collecting { value += string }
    }

    func parser(_ parser: XMLParser, didEndElement element: String, namespaceURI: String?, qualifiedName: String?) {
        switch localName(element) {
        case "sheetData": complete = true
        case "v", "t": collecting = false
        case "c":
            var text = value
            var isNumber = false
            switch type {
            case "s": text = Int(value).flatMap { $0 < strings.count ? strings[$0] : nil } ?? ""
            case "b": text = value == "1" ? "TRUE" : "FALSE"
            case "n":
                if let number = Double(value) {
                    isNumber = true
                    text = dateStyles.contains(style) ? XLSX.dateText(serial: number, date1904: date1904) : XLSX.numberText(number)
                }
            default: break
            }
            while cells.count < column {
                cells.append("")
                numeric.append(false)
            }
            cells.append(text)
            numeric.append(isNumber)
            column += 1
        case "row":
            // Blank rows in the XML still count: fill any rows skipped before this one.
            for missing in stride(from: lastNumber + 1, to: rowNumber, by: 1) {
                append(SourceRow(number: missing, cells: [], hasBadBytes: false), parser)
            }
            append(SourceRow(number: rowNumber, cells: cells, hasBadBytes: false, numeric: numeric), parser)
        default: break
        }
    }
}

private func localName(_ name: String) -> Substring {
    name.split(separator: ":").last ?? Substring(name)
}

/// Cell references, numbers and dates as Excel shows them.
enum XLSX {
    /// `C5` → 2.
    static func columnIndex(_ reference: String) -> Int? {
        var index = 0
        var seen = false
        for scalar in reference.unicodeScalars {
            guard ("A"..."Z").contains(scalar) else { break }
            index = index * 26 + Int(scalar.value - 64)
            seen = true
        }
        return seen ? index - 1 : nil
    }

    /// 2 → `C`.
    static func columnName(_ index: Int) -> String {
        var n = index + 1
        var name = ""
        while n > 0 {
            let r = (n - 1) % 26
            name = String(UnicodeScalar(UInt8(65 + r))) + name
            n = (n - 1) / 26
        }
        return name
    }

    /// A number as Excel shows it in General format: 15 significant digits, no trailing zeros.
    static func numberText(_ number: Double) -> String {
        if number == number.rounded(), abs(number) < 1e15 { return String(Int64(number)) }
        var text = String(format: "%.15G", number)
        if text.contains("E") {
            // 3.30424198503150E+17: keep the mantissa's digits as Excel's 3.30424E+17 does.
            let parts = text.split(separator: "E")
            var mantissa = String(parts[0])
            if mantissa.contains(".") {
                while mantissa.hasSuffix("0") { mantissa.removeLast() }
                if mantissa.hasSuffix(".") { mantissa.removeLast() }
            }
            let exponent = Int(parts[1])!
            return mantissa + "E" + (exponent >= 0 ? "+" : "-") + String(format: "%02d", abs(exponent))
        }
        if text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return text
    }

    /// A date serial as `YYYY-MM-DD`, with ` HH:MM` when it has a time.
    static func dateText(serial: Double, date1904: Bool) -> String {
        var days = Int(serial.rounded(.down))
        let minutes = Int(((serial - Double(days)) * 1440).rounded())
        if !date1904 && days < 61 { days += 1 }  // Excel counts a 29 February 1900 that never was
        let base = date1904 ? LocalDate(year: 1904, month: 1, day: 1)! : LocalDate(year: 1899, month: 12, day: 30)!
        let date = base.adding(days: days + minutes / 1440)
        let rest = minutes % 1440
        return rest == 0 ? date.description : date.description + String(format: " %02d:%02d", rest / 60, rest % 60)
    }
}
