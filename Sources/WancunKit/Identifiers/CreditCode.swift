/// An 18-character unified social credit code (统一社会信用代码, GB 32100).
///
/// A few real codes fail the check character; `init(parsing:allowingBadCheck:)` lets a clerk
/// keep such a code after saying why.
public struct CreditCode: Hashable, Sendable, CustomStringConvertible {
    public let rawValue: String
    /// False when the check character is wrong and the code was kept by override.
    public let checkCharacterValid: Bool

    static let alphabet = Array("0123456789ABCDEFGHJKLMNPQRTUWXY")
    static let weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]

    public init(parsing input: String, allowingBadCheck: Bool = false) throws(ValueError) {
        let text = Normalize.spreadsheetText(input).uppercased()
        if text.isEmpty { throw .empty }
        guard text.count == 18 else { throw .creditCodeLength(text.count) }
        let values = text.map { CreditCode.alphabet.firstIndex(of: $0) }
        guard values.allSatisfy({ $0 != nil }) else { throw .creditCodeCharacters }
        let expected = CreditCode.checkCharacter(for: values.prefix(17).map { $0! })
        let valid = Array(text)[17] == expected
        if !valid && !allowingBadCheck { throw .creditCodeCheck(expected: expected) }
        self.rawValue = text
        self.checkCharacterValid = valid
    }

    static func checkCharacter(for first17: [Int]) -> Character {
        var sum = 0
        for (weight, value) in zip(weights, first17) { sum += weight * value }
        let check = 31 - sum % 31
        return alphabet[check == 31 ? 0 : check]
    }

    /// Completes 17 characters with their check character (for generated and demo data).
    public static func withCheckCharacter(_ first17: String) -> String {
        first17 + String(checkCharacter(for: first17.map { alphabet.firstIndex(of: $0)! }))
    }

    public var description: String { rawValue }
}
