import Foundation

/// A time of day on a date in Asia/Shanghai, to the minute, written `YYYY-MM-DD HH:MM`.
public struct LocalDateTime: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let date: LocalDate
    public let minuteOfDay: Int

    public init(date: LocalDate, hour: Int, minute: Int) {
        self.date = date
        self.minuteOfDay = hour * 60 + minute
    }

    /// Parses `YYYY-MM-DD HH:MM`, `YYYY-MM-DDTHH:MM[:SS]`, or ISO 8601 with an offset or `Z`
    /// (converted to Asia/Shanghai). Seconds are dropped.
    public init(parsing input: String) throws(ValueError) {
        // The common case, `YYYY-MM-DD HH:MM` in ASCII, without building Characters.
        let utf8 = Array(input.utf8)
        if utf8.count == 16, utf8[4] == 0x2D, utf8[7] == 0x2D, utf8[10] == 0x20 || utf8[10] == 0x54, utf8[13] == 0x3A {
            func number(_ range: Range<Int>) -> Int? {
                var n = 0
                for i in range {
                    let d = Int(utf8[i]) - 48
                    guard (0...9).contains(d) else { return nil }
                    n = n * 10 + d
                }
                return n
            }
            if let y = number(0..<4), let mo = number(5..<7), let d = number(8..<10), let h = number(11..<13),
                let mi = number(14..<16), let date = LocalDate(year: y, month: mo, day: d), h < 24, mi < 60
            {
                self.init(date: date, hour: h, minute: mi)
                return
            }
            throw .time(input)
        }
        let text = Normalize.spreadsheetText(input)
        let chars = Array(text)
        guard chars.count >= 16, chars[10] == " " || chars[10] == "T", chars[13] == ":" else { throw .time(input) }
        guard let date = try? LocalDate(parsing: String(chars[0..<10])),
            let hour = Int(String(chars[11..<13])), let minute = Int(String(chars[14..<16])),
            (0...23).contains(hour), (0...59).contains(minute)
        else { throw .time(input) }
        var rest = chars[16...]
        if rest.first == ":" {
            guard rest.count >= 3, let second = Int(String(rest.dropFirst().prefix(2))), (0...59).contains(second) else {
                throw .time(input)
            }
            rest = rest.dropFirst(3)
            if rest.first == "." { rest = rest.drop(while: { $0 == "." || $0.isASCIIDigit }) }
        }
        var offsetMinutes = 8 * 60
        if rest.first == "Z" {
            offsetMinutes = 0
            rest = rest.dropFirst()
        } else if let sign = rest.first, sign == "+" || sign == "-" {
            let digits = rest.dropFirst().filter { $0 != ":" }
            guard digits.count == 4, let value = Int(String(digits)) else { throw .time(input) }
            offsetMinutes = (value / 100 * 60 + value % 100) * (sign == "-" ? -1 : 1)
            rest = []
        }
        guard rest.isEmpty else { throw .time(input) }
        // Shift to Shanghai (UTC+8, no daylight saving since 1991).
        let total = date.dayNumber * 1440 + hour * 60 + minute + (8 * 60 - offsetMinutes)
        let day = Int((Double(total) / 1440).rounded(.down))
        self.init(date: LocalDate(dayNumber: day), hour: 0, minute: total - day * 1440)
    }

    public static func < (a: LocalDateTime, b: LocalDateTime) -> Bool {
        a.date < b.date || (a.date == b.date && a.minuteOfDay < b.minuteOfDay)
    }

    /// Minutes since 1970-01-01 00:00 Shanghai, for differences.
    public var minuteNumber: Int { date.dayNumber * 1440 + minuteOfDay }

    public var description: String {
        date.description + " " + zeroPadded(minuteOfDay / 60, 2) + ":" + zeroPadded(minuteOfDay % 60, 2)
    }
}
