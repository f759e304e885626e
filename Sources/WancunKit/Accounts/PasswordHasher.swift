import HummingbirdBcrypt

/// Passwords are kept as bcrypt hashes (salted, slow by its cost: 2^cost rounds).
public struct PasswordHasher: Sendable {
    /// log2 of bcrypt's rounds; 12 takes a quarter of a second or so, which a sign-in can
    /// afford and a guesser cannot. Tests use the minimum, 4.
    public var cost: UInt8

    public init(cost: UInt8 = 12) { self.cost = max(4, min(cost, 31)) }

    public static let standard = PasswordHasher()

    /// The fewest characters a password may have.
    public static let minimumLength = 10
    /// bcrypt reads 72 bytes at most and would ignore the rest without a word: refused instead.
    public static let maximumBytes = 72

    /// Refuses a password that is too short or longer than bcrypt reads.
    public static func check(_ password: String) throws(AccountError) {
        if password.isEmpty { throw .passwordEmpty }
        if password.count < minimumLength { throw .passwordTooShort(minimum: minimumLength) }
        if password.utf8.count > maximumBytes { throw .passwordTooLong(maximumBytes: maximumBytes) }
    }

    func hash(_ password: String) -> String { Bcrypt.hash(password, cost: cost) }

    static func verify(_ password: String, hash: String) -> Bool { Bcrypt.verify(password, hash: hash) }
}
