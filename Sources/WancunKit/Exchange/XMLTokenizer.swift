import Foundation

// Why the workbook's XML is read here byte by byte rather than by Foundation's XMLParser: that
// parser traps on an invalid UTF-8 byte inside a name (a process killed, not a file refused) and
// cannot be fed the chunks ZIPFoundation unpacks. This reads those chunks as they come, expands
// only the five predefined entities and character references (a DOCTYPE, which could define
// others, is refused), checks every text it hands out is UTF-8, and bounds every tag and text.

/// The SpreadsheetML elements the reader looks at, by local name; every other is `other`.
enum XMLElementName: Equatable {
    case row, c, v, t, inlineString, si, rPh, sheetData, dimension
    case sheet, workbookPr, relationship, numFmt, cellXfs, xf
    case other

    init(_ name: UnsafeBufferPointer<UInt8>) {
        let local = name.lastIndex(of: UInt8(ascii: ":")).map { UnsafeBufferPointer(rebasing: name[($0 + 1)...]) } ?? name
        switch local.count {
        case 1: self = local[0] == 0x63 ? .c : local[0] == 0x76 ? .v : local[0] == 0x74 ? .t : .other
        default:
            self = XMLElementName.byName[String(decoding: local, as: UTF8.self)] ?? .other
        }
    }

    private static let byName: [String: XMLElementName] = [
        "row": .row, "is": .inlineString, "si": .si, "rPh": .rPh, "sheetData": .sheetData, "dimension": .dimension,
        "sheet": .sheet, "workbookPr": .workbookPr, "Relationship": .relationship, "numFmt": .numFmt, "cellXfs": .cellXfs,
        "xf": .xf,
    ]
}

/// A start tag: its element and, on asking, its attributes' values.
struct XMLTag {
    let name: XMLElementName
    /// The bytes after the name, up to `>` or `/>`.
    let attributes: UnsafeBufferPointer<UInt8>

    /// The raw value of the attribute `wanted` (matched on its local name when `anyPrefix`).
    func raw(_ wanted: String, anyPrefix: Bool = false) throws(XLSXDamage) -> UnsafeBufferPointer<UInt8>? {
        let b = attributes
        var i = 0
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }
        while true {
            while i < b.count && isSpace(b[i]) { i += 1 }
            if i == b.count || b[i] == UInt8(ascii: "/") { return nil }
            let nameStart = i
            while i < b.count && b[i] != UInt8(ascii: "=") && !isSpace(b[i]) { i += 1 }
            let name = UnsafeBufferPointer(rebasing: b[nameStart..<i])
            while i < b.count && isSpace(b[i]) { i += 1 }
            guard i < b.count, b[i] == UInt8(ascii: "=") else { throw XLSXDamage(.notXML("attribute")) }
            i += 1
            while i < b.count && isSpace(b[i]) { i += 1 }
            guard i < b.count, b[i] == 0x22 || b[i] == 0x27 else { throw XLSXDamage(.notXML("attribute")) }
            let quote = b[i]
            let valueStart = i + 1
            guard let end = b[valueStart...].firstIndex(of: quote) else { throw XLSXDamage(.notXML("attribute")) }
            i = end + 1
            let local = anyPrefix ? name.lastIndex(of: UInt8(ascii: ":")).map { UnsafeBufferPointer(rebasing: name[($0 + 1)...]) } ?? name : name
            if local.elementsEqual(wanted.utf8) { return UnsafeBufferPointer(rebasing: b[valueStart..<end]) }
        }
    }

    /// The attribute's value as text, entities expanded.
    func value(_ wanted: String, anyPrefix: Bool = false) throws(XLSXDamage) -> String? {
        try raw(wanted, anyPrefix: anyPrefix).map { bytes throws(XLSXDamage) in try XMLText.decode(bytes) }
    }

    /// The attribute's value as a whole number of at most 15 digits, or nil.
    func integer(_ wanted: String) throws(XLSXDamage) -> Int? {
        try raw(wanted).flatMap(XMLText.integer)
    }
}

/// What the tokenizer hands on: start tags, end tags and the text between.
protocol XMLHandler: AnyObject {
    func start(_ tag: XMLTag) throws(XLSXDamage)
    func end(_ name: XMLElementName) throws(XLSXDamage)
    /// Text as it stands in the file (`verbatim` inside CDATA): decode it with `XMLText.decode`.
    func text(_ bytes: UnsafeBufferPointer<UInt8>, verbatim: Bool) throws(XLSXDamage)
}

/// Splits XML fed in chunks into tags and texts; a tag or text cut by a chunk's end waits for
/// the next chunk.
struct XMLTokenizer {
    private var pending: [UInt8] = []
    private var started = false
    /// Elements open; the document is whole when it is back to 0 after its root.
    private var depth = 0
    private var rootSeen = false

    mutating func feed(_ chunk: Data, to handler: some XMLHandler) throws(XLSXDamage) {
        pending.append(contentsOf: chunk)
        if !started {
            guard pending.count >= 64 else { return }
            try checkDeclaration()
        }
        let used = try scan(final: false, handler)
        pending.removeFirst(used)
        if pending.count > XLSXLimits.tokenBytes { throw XLSXDamage(.tokenTooLong(XLSXLimits.tokenBytes)) }
    }

    /// After the last chunk: what is left must be whole.
    mutating func finish(_ handler: some XMLHandler) throws(XLSXDamage) {
        if !started { try checkDeclaration() }
        _ = try scan(final: true, handler)
        pending = []
        if depth != 0 || !rootSeen { throw XLSXDamage(.notXML("the XML ends before its elements close")) }
    }

    /// A byte-order mark is skipped; an XML declaration may only name UTF-8.
    private mutating func checkDeclaration() throws(XLSXDamage) {
        started = true
        if pending.starts(with: [0xEF, 0xBB, 0xBF]) { pending.removeFirst(3) }
        guard pending.starts(with: Array("<?xml".utf8)), let end = pending.firstIndex(of: UInt8(ascii: ">")) else { return }
        let declaration = String(decoding: pending[..<end], as: UTF8.self)
        guard let range = declaration.range(of: "encoding") else { return }
        let name = declaration[range.upperBound...].drop { "= \t\"'".contains($0) }.prefix { $0 != "\"" && $0 != "'" }
        if !["utf-8", "utf8"].contains(name.lowercased()) { throw XLSXDamage(.encoding(String(name.prefix(40)))) }
    }

    private mutating func scan(final: Bool, _ handler: some XMLHandler) throws(XLSXDamage) -> Int {
        var (depth, rootSeen) = (self.depth, self.rootSeen)
        let result: Result<Int, XLSXDamage> = pending.withUnsafeBufferPointer { b in
            do throws(XLSXDamage) {
                return .success(try XMLTokenizer.scan(b, final: final, handler, depth: &depth, rootSeen: &rootSeen))
            } catch {
                return .failure(error)
            }
        }
        (self.depth, self.rootSeen) = (depth, rootSeen)
        return try result.get()
    }

    /// Hands on every whole token in `b`; returns how many bytes they took.
    private static func scan(
        _ b: UnsafeBufferPointer<UInt8>, final: Bool, _ handler: some XMLHandler, depth: inout Int, rootSeen: inout Bool
    ) throws(XLSXDamage) -> Int {
        let lt = UInt8(ascii: "<")
        let gt = UInt8(ascii: ">")
        let n = b.count
        var i = 0
        func find(_ marker: [UInt8], from start: Int) -> Int? {
            var j = start
            while j + marker.count <= n {
                if b[j] == marker[0] && b[j..<(j + marker.count)].elementsEqual(marker) { return j }
                j += 1
            }
            return nil
        }
        func cutShort(_ at: Int) throws(XLSXDamage) -> Int {
            if final { throw XLSXDamage(.notXML("the XML ends inside a tag")) }
            return at
        }
        while i < n {
            if b[i] != lt {
                let next = XMLText.index(of: lt, in: b, from: i)
                if next == nil && !final { return i }
                let end = next ?? n
                try handler.text(UnsafeBufferPointer(rebasing: b[i..<end]), verbatim: false)
                i = end
                continue
            }
            guard i + 1 < n else { return try cutShort(i) }
            switch b[i + 1] {
            case UInt8(ascii: "?"):
                guard let end = find([0x3F, gt], from: i + 2) else { return try cutShort(i) }
                i = end + 2
            case UInt8(ascii: "!"):
                let comment = Array("<!--".utf8)
                let cdata = Array("<![CDATA[".utf8)
                let rest = b[i..<min(n, i + cdata.count)]
                if rest.starts(with: comment) {
                    guard let end = find(Array("-->".utf8), from: i + 4) else { return try cutShort(i) }
                    i = end + 3
                } else if rest.starts(with: cdata) {
                    guard let end = find(Array("]]>".utf8), from: i + 9) else { return try cutShort(i) }
                    try handler.text(UnsafeBufferPointer(rebasing: b[(i + 9)..<end]), verbatim: true)
                    i = end + 3
                } else if (comment.starts(with: rest) || cdata.starts(with: rest)) && !final {
                    return i
                } else {
                    throw XLSXDamage(.doctype)
                }
            case UInt8(ascii: "/"):
                guard let end = b[(i + 2)...].firstIndex(of: gt) else { return try cutShort(i) }
                var nameEnd = end
                while nameEnd > i + 2 && b[nameEnd - 1] <= 0x20 { nameEnd -= 1 }
                guard depth > 0 else { throw XLSXDamage(.notXML("an end tag with no start")) }
                depth -= 1
                try handler.end(XMLElementName(UnsafeBufferPointer(rebasing: b[(i + 2)..<nameEnd])))
                i = end + 1
            default:
                // The tag ends at the first `>` outside quotes.
                var j = i + 1
                var quote: UInt8 = 0
                while j < n {
                    let byte = b[j]
                    if quote != 0 {
                        if byte == quote { quote = 0 }
                    } else if byte == 0x22 || byte == 0x27 {
                        quote = byte
                    } else if byte == gt {
                        break
                    } else if byte == lt {
                        throw XLSXDamage(.notXML("< inside a tag"))
                    }
                    j += 1
                }
                guard j < n else { return try cutShort(i) }
                let selfClosing = b[j - 1] == UInt8(ascii: "/")
                var nameEnd = i + 1
                while nameEnd < j && b[nameEnd] > 0x20 && b[nameEnd] != UInt8(ascii: "/") { nameEnd += 1 }
                guard nameEnd > i + 1 else { throw XLSXDamage(.notXML("a tag without a name")) }
                let nameBytes = UnsafeBufferPointer(rebasing: b[(i + 1)..<nameEnd])
                if nameBytes.contains(where: { $0 >= 0x80 }) && TextEncoding.utf8(nameBytes) == nil {
                    throw XLSXDamage(.notUTF8)
                }
                let name = XMLElementName(nameBytes)
                try handler.start(XMLTag(name: name, attributes: UnsafeBufferPointer(rebasing: b[nameEnd..<(selfClosing ? j - 1 : j)])))
                rootSeen = true
                if selfClosing { try handler.end(name) } else { depth += 1 }
                if depth > 1_000 { throw XLSXDamage(.notXML("elements nested more than 1000 deep")) }
                i = j + 1
            }
        }
        return n
    }
}

/// Text and numbers as they stand in XML.
enum XMLText {
    /// The text with the predefined entities and character references expanded and line
    /// breaks made `\n`, as XML reads them; refused unless it is UTF-8.
    static func decode(_ b: UnsafeBufferPointer<UInt8>, verbatim: Bool = false) throws(XLSXDamage) -> String {
        if (verbatim || index(of: 0x26, in: b) == nil) && index(of: 0x0D, in: b) == nil {
            guard let text = TextEncoding.utf8(b) else { throw XLSXDamage(.notUTF8) }
            return text
        }
        var out: [UInt8] = []
        out.reserveCapacity(b.count)
        var i = 0
        while i < b.count {
            let byte = b[i]
            if byte == 0x0D {
                out.append(0x0A)
                i += i + 1 < b.count && b[i + 1] == 0x0A ? 2 : 1
            } else if byte == 0x26 && !verbatim {
                guard let semicolon = b[i..<min(b.count, i + 12)].firstIndex(of: UInt8(ascii: ";")) else {
                    throw XLSXDamage(.unknownEntity(String(decoding: b[(i + 1)..<min(b.count, i + 12)], as: UTF8.self)))
                }
                let name = String(decoding: b[(i + 1)..<semicolon], as: UTF8.self)
                guard let scalar = entity(name) else { throw XLSXDamage(.unknownEntity(name)) }
                out.append(contentsOf: String(Character(scalar)).utf8)
                i = semicolon + 1
            } else {
                out.append(byte)
                i += 1
            }
        }
        guard let text = out.withUnsafeBufferPointer({ TextEncoding.utf8($0) }) else { throw XLSXDamage(.notUTF8) }
        return text
    }

    /// Where `byte` first is in `b` from `start`, found by `memchr`.
    static func index(of byte: UInt8, in b: UnsafeBufferPointer<UInt8>, from start: Int = 0) -> Int? {
        guard let base = b.baseAddress, start < b.count else { return nil }
        return memchr(base + start, Int32(byte), b.count - start).map { UnsafeRawPointer($0) - UnsafeRawPointer(base) }
    }

    private static func entity(_ name: String) -> Unicode.Scalar? {
        switch name {
        case "lt": return "<"
        case "gt": return ">"
        case "amp": return "&"
        case "quot": return "\""
        case "apos": return "'"
        default:
            guard name.hasPrefix("#") else { return nil }
            let digits = name.dropFirst()
            let code = digits.first == "x" ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits, radix: 10)
            return code.flatMap(Unicode.Scalar.init).flatMap { $0.value == 0 ? nil : $0 }
        }
    }

    /// ASCII digits, at most 15 of them, as a number; nil for anything else.
    static func integer(_ b: UnsafeBufferPointer<UInt8>) -> Int? {
        guard !b.isEmpty, b.count <= 15 else { return nil }
        var value = 0
        for byte in b {
            guard byte >= 0x30 && byte <= 0x39 else { return nil }
            value = value * 10 + Int(byte - 0x30)
        }
        return value
    }
}
