/// An 18-character resident ID number (居民身份证号码, GB 11643) with a valid check character
/// and a real birth date.
///
/// ```swift
/// let id = try ResidentID(parsing: "11010519491231002x", today: .today())
/// id.rawValue   // "11010519491231002X"
/// id.masked     // "110105********002X"
/// ```
public struct ResidentID: Hashable, Sendable, CustomStringConvertible {
    public let rawValue: String

    static let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    static let checkCharacters = Array("10X98765432".utf8)

    /// Parses and checks an ID number. Spaces around it and full-width characters are
    /// normalised; a lower-case `x` is accepted and stored upper-case.
    public init(parsing input: String, today: LocalDate) throws(ValueError) {
        let text = Normalize.spreadsheetText(input).uppercased()
        if text.isEmpty { throw .empty }
        if Normalize.looksLikeScientificNotation(text) { throw .scientificNotation(Mask.excelNumber(text)) }
        // On UTF-8 bytes: an import checks one ID number per row, and Characters cost more
        // than the rest of the check.
        let bytes = Array(text.utf8)
        if bytes.contains(UInt8(ascii: "*")) { throw .residentIDMasked }
        guard bytes.count == 18 else { throw text.count == 18 ? .residentIDCharacters : .residentIDLength(text.count) }
        guard bytes[0..<17].allSatisfy(Self.isDigit), Self.isDigit(bytes[17]) || bytes[17] == UInt8(ascii: "X")
        else { throw .residentIDCharacters }
        guard ResidentID.checkCharacter(for: bytes[0..<17]) == bytes[17] else {
            // Excel keeps 15 significant digits of a number: the last three become zeros.
            if bytes[15...].allSatisfy({ $0 == UInt8(ascii: "0") }) { throw .excelDigitsLost(Mask.excelNumber(text)) }
            throw .residentIDCheck
        }
        func number(_ range: Range<Int>) -> Int { range.reduce(0) { $0 * 10 + Int(bytes[$1] - 0x30) } }
        guard let birth = LocalDate(year: number(6..<10), month: number(10..<12), day: number(12..<14)),
            birth.year >= 1880
        else { throw .residentIDBirthDate }
        guard birth <= today else { throw .residentIDFutureBirth }
        self.rawValue = text
    }

    /// A value the database already checked.
    init(trusted: String) { self.rawValue = trusted }

    private static func isDigit(_ byte: UInt8) -> Bool { (0x30...0x39).contains(byte) }

    /// The check character (as an ASCII byte) for the first 17 digits.
    static func checkCharacter(for first17: ArraySlice<UInt8>) -> UInt8 {
        var sum = 0
        for (weight, digit) in zip(weights, first17) { sum += weight * Int(digit - 0x30) }
        return checkCharacters[sum % 11]
    }

    /// Completes 17 digits with their check character (for generated and demo data).
    public static func withCheckCharacter(_ first17: String) -> String {
        first17 + String(UnicodeScalar(checkCharacter(for: Array(first17.utf8)[...])))
    }

    public var birthDate: LocalDate {
        let d = Array(rawValue.utf8)
        func number(_ range: Range<Int>) -> Int { range.reduce(0) { $0 * 10 + Int(d[$1] - 48) } }
        return LocalDate(year: number(6..<10), month: number(10..<12), day: number(12..<14))!
    }

    /// Age in full years on `date`: the birthday itself counts (born 1986-03-15, 40 on
    /// 2026-03-15). Someone born on 29 February turns a year older on 1 March in other years.
    public func age(on date: LocalDate) -> Int {
        let born = birthDate
        let years = date.year - born.year
        return (date.month, date.day) < (born.month, born.day) ? years - 1 : years
    }

    /// Whether the 4050 difficulty category (女40周岁、男50周岁以上) can hold for this person
    /// on `date`: a woman aged 40 or more, a man aged 50 or more, in full years.
    public func meets4050(on date: LocalDate) -> Bool {
        age(on: date) >= (sex == .female ? 40 : 50)
    }

    /// Digit 17 odd means male.
    public var sex: Sex {
        let digit = rawValue.utf8[rawValue.utf8.index(rawValue.utf8.startIndex, offsetBy: 16)] - 48
        return digit % 2 == 1 ? .male : .female
    }

    /// `330424********123X`: the region and the last four, never the birth date.
    public var masked: String { Mask.residentID(rawValue) }

    public var description: String { masked }
}

public enum Sex: String, Sendable, CaseIterable {
    case male
    case female
}
