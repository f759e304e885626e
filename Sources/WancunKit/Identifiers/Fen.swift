/// An amount of money in fen (分), the only unit money is kept in.
///
/// ```swift
/// try Fen(parsingYuan: "1,234.5").value   // 123450
/// Fen(123450).yuanText                     // "1234.50"
/// ```
public struct Fen: Hashable, Comparable, Sendable, CustomStringConvertible,
    AdditiveArithmetic
{
    public var value: Int64

    public init(_ value: Int64) { self.value = value }

    public static let zero = Fen(0)

    /// Parses yuan with at most two decimals, exactly: never through floating point.
    /// Thousands separators are accepted where they group by three.
    public init(parsingYuan input: String) throws(ValueError) {
        var text = Normalize.spreadsheetText(input)
        if text.hasPrefix("¥") || text.hasPrefix("￥") { text.removeFirst() }
        if text.isEmpty { throw .empty }
        var negative = false
        if text.first == "-" {
            negative = true
            text.removeFirst()
        }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, let whole = parts.first, !whole.isEmpty else { throw .money(input) }
        let groups = whole.split(separator: ",", omittingEmptySubsequences: false)
        if groups.count > 1 {
            guard (1...3).contains(groups[0].count), groups.dropFirst().allSatisfy({ $0.count == 3 })
            else { throw .money(input) }
        }
        let digits = groups.joined()
        guard digits.allSatisfy(\.isASCIIDigit), digits.count <= 15 else { throw .money(input) }
        var fraction = parts.count == 2 ? String(parts[1]) : ""
        guard fraction.allSatisfy(\.isASCIIDigit) else { throw .money(input) }
        if parts.count == 2 && fraction.isEmpty { throw .money(input) }
        while fraction.count > 2 && fraction.last == "0" { fraction.removeLast() }
        guard fraction.count <= 2 else { throw .moneyPrecision(input) }
        fraction += String(repeating: "0", count: 2 - fraction.count)
        let fen = Int64(digits)! * 100 + Int64(fraction)!
        self.value = negative ? -fen : fen
    }

    /// `1234.50`, for files and tables.
    public var yuanText: String {
        let sign = value < 0 ? "-" : ""
        let magnitude = value.magnitude
        let cents = magnitude % 100
        return "\(sign)\(magnitude / 100).\(cents < 10 ? "0" : "")\(cents)"
    }

    public var description: String { yuanText }

    public static func < (a: Fen, b: Fen) -> Bool { a.value < b.value }
    public static func + (a: Fen, b: Fen) -> Fen { Fen(a.value + b.value) }
    public static func - (a: Fen, b: Fen) -> Fen { Fen(a.value - b.value) }
}
