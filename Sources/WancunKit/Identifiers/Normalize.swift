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
        let name = spreadsheetText(official).filter { !$0.isWhitespace }
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
        let upper = text.uppercased()
        guard let e = upper.firstIndex(of: "E") else { return false }
        let mantissa = upper[..<e]
        var exponent = upper[upper.index(after: e)...]
        if exponent.first == "+" { exponent = exponent.dropFirst() }
        return !mantissa.isEmpty && !exponent.isEmpty
            && mantissa.allSatisfy { $0.isASCIIDigit || $0 == "." }
            && mantissa.first!.isASCIIDigit
            && exponent.allSatisfy(\.isASCIIDigit)
    }
}

extension String {
    /// Trims spaces, tabs and line breaks at both ends.
    func trimmingSpaces() -> String {
        let utf8 = self.utf8
        guard let first = utf8.first, let last = utf8.last else { return self }
        // Printable ASCII at both ends: nothing to trim.
        if first > 0x20 && first < 0x7F && last > 0x20 && last < 0x7F { return self }
        var s = Substring(self)
        while let f = s.first, f.isWhitespace { s = s.dropFirst() }
        while let l = s.last, l.isWhitespace { s = s.dropLast() }
        return s.count == count ? self : String(s)
    }
}
