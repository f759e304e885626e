import Foundation

/// A calendar month, written `YYYY-MM`.
public struct Month: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let year: Int
    public let month: Int

    public init?(year: Int, month: Int) {
        guard (1...9999).contains(year), (1...12).contains(month) else { return nil }
        self.year = year
        self.month = month
    }

    /// Parses `YYYY-MM`.
    public init(parsing text: String) throws(ValueError) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 4, parts[1].count == 2,
            parts.allSatisfy({ $0.allSatisfy(\.isASCIIDigit) }),
            let value = Month(year: Int(parts[0])!, month: Int(parts[1])!)
        else { throw .month(text) }
        self = value
    }

    /// Months since year 0, for arithmetic.
    public var index: Int { year * 12 + (month - 1) }

    public init(index: Int) {
        self.year = index / 12
        self.month = index % 12 + 1
    }

    public func adding(months: Int) -> Month { Month(index: index + months) }

    /// Whole months from `self` to `other` (positive when `other` is later).
    public func months(to other: Month) -> Int { other.index - index }

    public var firstDay: LocalDate { LocalDate(year: year, month: month, day: 1)! }
    public var lastDay: LocalDate {
        LocalDate(year: year, month: month, day: LocalDate.daysIn(year: year, month: month))!
    }
    public var dayCount: Int { LocalDate.daysIn(year: year, month: month) }

    public static func < (a: Month, b: Month) -> Bool { a.index < b.index }

    public var description: String { zeroPadded(year, 4) + "-" + zeroPadded(month, 2) }
}
