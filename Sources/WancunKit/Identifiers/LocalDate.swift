import Foundation

/// A calendar date with no time zone, written `YYYY-MM-DD`.
public struct LocalDate: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    /// Makes a date when the parts name a real day.
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
            (1...LocalDate.daysIn(year: year, month: month)).contains(day)
        else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses `YYYY-MM-DD`.
    public init(parsing text: String) throws(ValueError) {
        // `YYYY-MM-DD` in ASCII, read byte by byte (dates are read by the thousand).
        var utf8 = text.utf8.makeIterator()
        var digits: [Int] = []
        digits.reserveCapacity(8)
        var count = 0
        while let byte = utf8.next() {
            count += 1
            if count == 5 || count == 8 {
                guard byte == 0x2D else { throw .date(text) }
            } else if byte >= 0x30 && byte <= 0x39 && count <= 10 {
                digits.append(Int(byte - 0x30))
            } else {
                throw .date(text)
            }
        }
        guard count == 10,
            let date = LocalDate(
                year: digits[0] * 1000 + digits[1] * 100 + digits[2] * 10 + digits[3], month: digits[4] * 10 + digits[5],
                day: digits[6] * 10 + digits[7])
        else { throw .date(text) }
        self = date
    }

    public static func daysIn(year: Int, month: Int) -> Int {
        switch month {
        case 2: isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    public static func isLeap(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    /// Today in Asia/Shanghai, the time zone of every date in this project.
    public static func today(now: Date = Date()) -> LocalDate {
        let components = Calendar.shanghai.dateComponents([.year, .month, .day], from: now)
        return LocalDate(year: components.year!, month: components.month!, day: components.day!)!
    }

    public var monthValue: Month { Month(year: year, month: month)! }

    /// Days since 1970-01-01 (proleptic Gregorian), for day arithmetic.
    public var dayNumber: Int {
        // Howard Hinnant's days_from_civil.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    public init(dayNumber: Int) {
        let z = dayNumber + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        self.year = yoe + era * 400 + (m <= 2 ? 1 : 0)
        self.month = m
        self.day = d
    }

    public func adding(days: Int) -> LocalDate { LocalDate(dayNumber: dayNumber + days) }

    public static func < (a: LocalDate, b: LocalDate) -> Bool {
        (a.year, a.month, a.day) < (b.year, b.month, b.day)
    }

    public var description: String {
        guard (0...9999).contains(year) else { return zeroPadded(year, 4) + "-" + zeroPadded(month, 2) + "-" + zeroPadded(day, 2) }
        // Ten ASCII bytes: every stored date and audit line goes through here.
        // Written straight into the string's storage: ten bytes stay inline, with no array between.
        let (year, month, day) = (year, month, day)
        return String(unsafeUninitializedCapacity: 10) { out in
            let zero = UInt8(ascii: "0")
            (out[0], out[1], out[2], out[3]) = (
                zero + UInt8(year / 1000), zero + UInt8(year / 100 % 10), zero + UInt8(year / 10 % 10), zero + UInt8(year % 10)
            )
            (out[4], out[5], out[6]) = (UInt8(ascii: "-"), zero + UInt8(month / 10), zero + UInt8(month % 10))
            (out[7], out[8], out[9]) = (UInt8(ascii: "-"), zero + UInt8(day / 10), zero + UInt8(day % 10))
            return 10
        }
    }
}

extension Calendar {
    /// The Gregorian calendar in Asia/Shanghai.
    public static let shanghai: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Asia/Shanghai")!
        return calendar
    }()
}

/// `n` in decimal with leading zeros to `width` digits (String(format:) is slow on Linux).
func zeroPadded(_ n: Int, _ width: Int) -> String {
    let digits = String(n)
    return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
