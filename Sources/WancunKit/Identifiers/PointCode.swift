/// A service point's code (服务点编码): its village's 12-digit code and a 3-digit number, given
/// at registration in order and never reused.
public struct PointCode: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let rawValue: String

    public init(parsing input: String) throws(ValueError) {
        let text = Normalize.spreadsheetText(input)
        if text.isEmpty { throw .empty }
        guard text.count == 15, text.allSatisfy(\.isASCIIDigit), (try? DivisionCode(parsing: String(text.prefix(12)))) != nil,
            !text.hasSuffix("000")
        else { throw .pointCodeFormat(text) }
        rawValue = text
    }

    /// The village's point with this number (1–999).
    public init(village: DivisionCode, number: Int) {
        precondition((1...999).contains(number))
        let digits = String(number)
        rawValue = village.rawValue + String(repeating: "0", count: 3 - digits.count) + digits
    }

    public var village: DivisionCode { DivisionCode(trusted: String(rawValue.prefix(12))) }
    public var number: Int { Int(rawValue.suffix(3))! }
    public var description: String { rawValue }

    public static func < (a: PointCode, b: PointCode) -> Bool { a.rawValue < b.rawValue }
}
