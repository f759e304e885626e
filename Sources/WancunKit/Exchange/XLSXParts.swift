/// The sheets listed in `xl/workbook.xml`, and whether it counts dates from 1904.
final class WorkbookPart: XMLHandler {
    struct SheetEntry {
        var name: String
        var relationID: String
    }
    var sheets: [SheetEntry] = []
    var date1904 = false

    func start(_ tag: XMLTag) throws(XLSXDamage) {
        switch tag.name {
        case .sheet:
            sheets.append(SheetEntry(name: try tag.value("name") ?? "", relationID: try tag.value("id", anyPrefix: true) ?? ""))
        case .workbookPr:
            date1904 = ["1", "true"].contains(try tag.value("date1904") ?? "")
        default: break
        }
    }

    func end(_ name: XMLElementName) {}
    func text(_ bytes: UnsafeBufferPointer<UInt8>, verbatim: Bool) {}
}

/// `Id` → `Target` from a relationships part.
final class RelationshipsPart: XMLHandler {
    var targets: [String: String] = [:]

    func start(_ tag: XMLTag) throws(XLSXDamage) {
        if tag.name == .relationship, let id = try tag.value("Id"), let target = try tag.value("Target") { targets[id] = target }
    }

    func end(_ name: XMLElementName) {}
    func text(_ bytes: UnsafeBufferPointer<UInt8>, verbatim: Bool) {}
}

/// Shared strings held as one run of UTF-8 bytes and where each ends: a workbook's table is
/// held whole while its sheet is read, and a `String` each (most are too long to be stored
/// inline) took more than half as much memory again as the text. Each is made a `String`
/// again when a cell uses it.
struct SharedStringTable {
    private var bytes: [UInt8] = []
    /// Where each string's bytes end (the table's text is at most `XLSXLimits.sharedStringsBytes`).
    private var ends: [UInt32] = []

    var count: Int { ends.count }
    var indices: Range<Int> { ends.indices }

    mutating func append(_ text: String) {
        var text = text
        text.withUTF8 { bytes.append(contentsOf: $0) }
        ends.append(UInt32(bytes.count))
    }

    subscript(index: Int) -> String {
        let start = index == 0 ? 0 : Int(ends[index - 1])
        return bytes.withUnsafeBufferPointer { String(decoding: $0[start..<Int(ends[index])], as: UTF8.self) }
    }
}

/// The shared string table; rich-text runs are joined, phonetic runs left out.
final class SharedStringsPart: XMLHandler {
    var strings = SharedStringTable()
    private var current = ""
    private var inText = false
    private var phonetic = 0

    func start(_ tag: XMLTag) {
        switch tag.name {
        case .si: current = ""
        case .t: inText = phonetic == 0
        case .rPh: phonetic += 1
        default: break
        }
    }

    func end(_ name: XMLElementName) {
        switch name {
        case .si: strings.append(current)
        case .t: inText = false
        case .rPh: phonetic -= 1
        default: break
        }
    }

    func text(_ bytes: UnsafeBufferPointer<UInt8>, verbatim: Bool) throws(XLSXDamage) {
        guard inText else { return }
        current += try XMLText.decode(bytes, verbatim: verbatim)
        if current.utf16.count > XLSXLimits.cellLength { throw XLSXDamage(.cellTooLong(XLSXLimits.cellLength), value: String(current.prefix(20))) }
    }
}

/// Which cell styles (`s` indexes into `cellXfs`) show a date.
final class StylesPart: XMLHandler {
    var dateStyles: Set<Int> = []
    private var customDateFormats: Set<Int> = []
    private var inCellXfs = false
    private var xfIndex = 0

    /// Excel's built-in date and time formats.
    static let builtInDateFormats: Set<Int> = Set(14...22).union(45...47).union(27...36).union(50...58)

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

    func start(_ tag: XMLTag) throws(XLSXDamage) {
        switch tag.name {
        case .numFmt:
            if let id = try tag.integer("numFmtId"), let code = try tag.value("formatCode"), Self.isDateFormat(code) {
                customDateFormats.insert(id)
            }
        case .cellXfs: inCellXfs = true
        case .xf where inCellXfs:
            let id = try tag.integer("numFmtId") ?? 0
            if Self.builtInDateFormats.contains(id) || customDateFormats.contains(id) { dateStyles.insert(xfIndex) }
            xfIndex += 1
        default: break
        }
    }

    func end(_ name: XMLElementName) {
        if name == .cellXfs { inCellXfs = false }
    }

    func text(_ bytes: UnsafeBufferPointer<UInt8>, verbatim: Bool) {}
}
