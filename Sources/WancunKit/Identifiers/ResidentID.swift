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
    static let checkCharacters = Array("10X98765432")

    /// Parses and checks an ID number. Spaces around it and full-width characters are
    /// normalised; a lower-case `x` is accepted and stored upper-case.
    public init(parsing input: String, today: LocalDate) throws(ValueError) {
        let text = Normalize.spreadsheetText(input).uppercased()
        if text.isEmpty { throw .empty }
        if Normalize.looksLikeScientificNotation(text) { throw .scientificNotation(text) }
        if text.contains("*") { throw .residentIDMasked }
        guard text.count == 18 else { throw .residentIDLength(text.count) }
        let chars = Array(text)
        guard chars[0..<17].allSatisfy(\.isASCIIDigit), chars[17].isASCIIDigit || chars[17] == "X"
        else { throw .residentIDCharacters }
        guard ResidentID.checkCharacter(for: chars[0..<17]) == chars[17] else {
            throw .residentIDCheck
        }
        let digits = chars.map { $0.wholeNumberValue ?? 10 }
        func number(_ range: Range<Int>) -> Int { range.reduce(0) { $0 * 10 + digits[$1] } }
        guard let birth = LocalDate(year: number(6..<10), month: number(10..<12), day: number(12..<14)),
            birth.year >= 1880
        else { throw .residentIDBirthDate }
        guard birth <= today else { throw .residentIDFutureBirth }
        self.rawValue = text
    }

    /// A value the database already checked.
    init(trusted: String) { self.rawValue = trusted }

    /// The check character for the first 17 digits.
    static func checkCharacter(for first17: ArraySlice<Character>) -> Character {
        var sum = 0
        for (weight, char) in zip(weights, first17) { sum += weight * char.wholeNumberValue! }
        return checkCharacters[sum % 11]
    }

    /// Completes 17 digits with their check character (for generated and demo data).
    public static func withCheckCharacter(_ first17: String) -> String {
        first17 + String(checkCharacter(for: Array(first17)[...]))
    }

    public var birthDate: LocalDate {
        let d = Array(rawValue.utf8)
        func number(_ range: Range<Int>) -> Int { range.reduce(0) { $0 * 10 + Int(d[$1] - 48) } }
        return LocalDate(year: number(6..<10), month: number(10..<12), day: number(12..<14))!
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
