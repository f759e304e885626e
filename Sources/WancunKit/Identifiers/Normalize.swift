/// Clean-up of text typed in spreadsheets: full-width characters, stray spaces.
public enum Normalize {
    /// Full-width ASCII variants (Ｕ+FF01…FF5E) become ASCII, the ideographic space becomes a
    /// space, and spaces around the text are trimmed.
    public static func spreadsheetText(_ text: String) -> String {
        // Most cells are plain: nothing to change, no Characters to build.
        if !text.utf8.contains(where: { $0 == 0xEF || $0 == 0xE3 || $0 == 0xC2 }) { return text.trimmingSpaces() }
        var scalars = String.UnicodeScalarView()
        var changed = false
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0xFF01...0xFF5E:
                scalars.append(Unicode.Scalar(scalar.value - 0xFEE0)!)
                changed = true
            case 0x3000, 0x00A0:
                scalars.append(" ")
                changed = true
            default:
                scalars.append(scalar)
            }
        }
        let result = changed ? String(scalars) : text
        return result.trimmingSpaces()
    }

    /// A village's everyday name: official suffixes dropped as spreadsheets drop them.
    /// `X村村民委员会`, `X村委会` → `X村`; `X社区居委会`, `X社区居民委员会` → `X社区`; `X居委会` → `X社区`.
    public static func villageName(_ official: String) -> String {
        let name = withoutSpaces(spreadsheetText(official))
        for (suffix, replacement) in [
            ("村村民委员会", "村"), ("村民委员会", "村"), ("村委会", "村"), ("社区居民委员会", "社区"), ("社区居委会", "社区"),
            ("居民委员会", "社区"), ("居委会", "社区"),
        ] where name.hasSuffix(suffix) && name.count > suffix.count {
            return String(name.dropLast(suffix.count)) + replacement
        }
        return name
    }

    /// `3.30424E+17`, `3.30424e17`: what Excel shows for a long number stored as a number.
    public static func looksLikeScientificNotation(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard let e = bytes.firstIndex(where: { $0 == UInt8(ascii: "E") || $0 == UInt8(ascii: "e") }) else { return false }
        let mantissa = bytes[..<e]
        var exponent = bytes[(e + 1)...]
        if exponent.first == UInt8(ascii: "+") { exponent = exponent.dropFirst() }
        let digit = { (b: UInt8) in (0x30...0x39).contains(b) }
        return !mantissa.isEmpty && !exponent.isEmpty
            && mantissa.allSatisfy { digit($0) || $0 == UInt8(ascii: ".") }
            && digit(mantissa.first!)
            && exponent.allSatisfy(digit)
    }

    /// Unicode's White_Space, which `Character.isWhitespace` tests: compared as numbers, since
    /// the property lookup showed up in imports, where every cell is trimmed.
    static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09...0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: true
        default: false
        }
    }

    /// The text without any spaces inside it.
    static func withoutSpaces(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isSpace) else { return text }
        var scalars = String.UnicodeScalarView()
        scalars.append(contentsOf: text.unicodeScalars.lazy.filter { !isSpace($0) })
        return String(scalars)
    }
}

extension String {
    /// Trims spaces, tabs and line breaks at both ends.
    public func trimmingSpaces() -> String {
        let utf8 = self.utf8
        guard let first = utf8.first, let last = utf8.last else { return self }
        // Printable ASCII or a Chinese character (U+4000…U+9FFF, lead bytes E4…E9) at both
        // ends: nothing to trim.
        let firstKept = (first > 0x20 && first < 0x7F) || (0xE4...0xE9).contains(first)
        if firstKept && last > 0x20 && last < 0x7F { return self }
        if firstKept && utf8.count >= 3 && (0xE4...0xE9).contains(utf8[utf8.index(utf8.endIndex, offsetBy: -3)]) { return self }
        let scalars = unicodeScalars
        var start = scalars.startIndex
        var end = scalars.endIndex
        while start < end, Normalize.isSpace(scalars[start]) { scalars.formIndex(after: &start) }
        while start < end, Normalize.isSpace(scalars[scalars.index(before: end)]) { scalars.formIndex(before: &end) }
        return start == scalars.startIndex && end == scalars.endIndex ? self : String(scalars[start..<end])
    }
}
