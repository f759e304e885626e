/// Masking of personal values for display: every output but the HR export and `--reveal`.
public enum Mask {
    /// `330424********123X`. Any text of another length keeps at most its first six and last
    /// four characters, and never more than a third of it.
    public static func residentID(_ text: String) -> String {
        let chars = Array(text)
        if chars.count == 18 { return String(chars[0..<6]) + "********" + String(chars[14...]) }
        return generic(chars)
    }

    /// `138****5678`.
    public static func phone(_ text: String) -> String {
        let chars = Array(text)
        if chars.count == 11 { return String(chars[0..<3]) + "****" + String(chars[7...]) }
        return generic(chars)
    }

    /// A long number as Excel left it (`3.3042419850315E+17`, `330424198503150000`), for a
    /// message that explains the damage: its first six digits (a region, as a masked ID number
    /// shows them) and its exponent kept, every other digit hidden (`3.30424*********E+17`).
    public static func excelNumber(_ text: String) -> String {
        var digits = 0
        var exponent = false
        return String(
            text.map { c -> Character in
                if c == "E" || c == "e" { exponent = true }
                guard c.isASCIIDigit, !exponent else { return c }
                digits += 1
                return digits <= 6 ? c : "*"
            })
    }

    /// A value worked out from a masked ID number's hidden digits (a birth date, an age, a
    /// retirement month): every digit hidden, its shape kept (`****-**-**`, `****-**`, `**`).
    public static func derived(_ text: String) -> String {
        String(text.map { $0.isNumber ? "*" : $0 })
    }

    /// Keys of stored JSON (audit lines, rule evidence) whose values are worked out from the
    /// birth date inside an ID number: shown only where the ID number is shown in full.
    public static let birthDerivedKeys: Set<String> = [
        "birth_date", "retirement_month", "statutory_retirement_month", "months_first_to_retirement", "age_on_certification",
    ]

    /// The 18-character ID numbers (17 digits and a digit or X, not inside a longer number) in `text`.
    public static func residentIDCount(in text: String) -> Int {
        func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
        let bytes = Array(text.utf8)
        var count = 0
        var index = 0
        while index < bytes.count {
            guard isDigit(bytes[index]) else {
                index += 1
                continue
            }
            let start = index
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
            if index - start == 18 {
                count += 1
            } else if index - start == 17, index < bytes.count, bytes[index] | 0x20 == UInt8(ascii: "x") {
                count += 1
                index += 1
            }
        }
        return count
    }

    /// `text` with every run that looks like an ID number (17 digits and a digit or `X`) or a
    /// mobile phone number (11 digits from `1`) masked, digits on either side being part of the
    /// run: for messages, which may quote what a person typed anywhere in them.
    public static func personalValues(in text: String) -> String {
        // Every value masked is a run of 11 or more ASCII digits: without one, nothing to do
        // (and nothing to split into characters, which costs a point import a tenth of its time).
        var digits = 0
        guard
            text.utf8.contains(where: { byte in
                digits = byte &- UInt8(ascii: "0") < 10 ? digits + 1 : 0
                return digits == 11
            })
        else { return text }
        let chars = Array(text)
        guard chars.count >= 11, chars.contains(where: \.isASCIIDigit) else { return text }
        var out = ""
        var i = 0
        while i < chars.count {
            guard chars[i].isASCIIDigit else {
                out.append(chars[i])
                i += 1
                continue
            }
            var end = i
            while end < chars.count, chars[end].isASCIIDigit { end += 1 }
            if end - i == 17, end < chars.count, chars[end] == "X" || chars[end] == "x",
                end + 1 == chars.count || !(chars[end + 1].isASCIIDigit || chars[end + 1].isLetter)
            {
                end += 1
            }
            let run = String(chars[i..<end])
            // Digits run into Latin letters are part of a token, not a number: a SHA-256 in hex
            // (the audit chain's head) may hold eleven digits starting with 1.
            let inToken = (i > 0 && chars[i - 1].isASCIILetter) || (end < chars.count && chars[end].isASCIILetter)
            if inToken {
                out += run
            } else if run.count == 18 {
                out += residentID(run)
            } else if run.count == 11, run.first == "1" {
                out += phone(run)
            } else if run.count == 13, run.hasPrefix("861") {
                out += "86" + phone(String(run.dropFirst(2)))
            } else {
                out += run
            }
            i = end
        }
        return out
    }

    private static func generic(_ chars: [Character]) -> String {
        let keep = min(4, chars.count / 3)
        guard keep > 0 else { return String(repeating: "*", count: chars.count) }
        return String(chars.prefix(keep)) + String(repeating: "*", count: chars.count - 2 * keep)
            + String(chars.suffix(keep))
    }
}

extension Character {
    fileprivate var isASCIILetter: Bool { isASCII && isLetter }
}
