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

    private static func generic(_ chars: [Character]) -> String {
        let keep = min(4, chars.count / 3)
        guard keep > 0 else { return String(repeating: "*", count: chars.count) }
        return String(chars.prefix(keep)) + String(repeating: "*", count: chars.count - 2 * keep)
            + String(chars.suffix(keep))
    }
}
