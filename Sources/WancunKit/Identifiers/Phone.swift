/// A mainland mobile phone number: 11 digits starting `13`…`19`.
public struct Phone: Hashable, Sendable, CustomStringConvertible {
    public let rawValue: String

    public init(parsing input: String) throws(ValueError) {
        var text = Normalize.spreadsheetText(input)
        text.removeAll { $0 == " " || $0 == "-" }
        if text.hasPrefix("+86") { text.removeFirst(3) }
        if text.isEmpty { throw .empty }
        let chars = Array(text)
        guard chars.count == 11, chars.allSatisfy(\.isASCIIDigit), chars[0] == "1",
            ("3"..."9").contains(chars[1])
        else { throw .phone }
        self.rawValue = text
    }

    /// `138****5678`.
    public var masked: String { Mask.phone(rawValue) }

    public var description: String { masked }
}
