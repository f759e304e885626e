import Foundation
import NIOPosix
import WancunKit

/// How `wancun serve` runs: where it listens, with what certificate, and its limits.
public struct WebConfiguration: Sendable {
    public var host = "127.0.0.1"
    public var port = 8080
    /// PEM files; with both, the server speaks only HTTPS and its cookies are Secure.
    public var tlsCertificate: String?
    public var tlsKey: String?
    /// The largest request body taken, in bytes; past it the request is refused with 413.
    public var maxBodyBytes = 32 * 1_048_576
    /// How long a session lasts without being used.
    public var sessionIdle: TimeInterval = 30 * 60
    /// How long a session lasts at most, used or not.
    public var sessionLifetime: TimeInterval = 10 * 60 * 60
    /// Failed sign-ins allowed per account within `attemptWindow`.
    public var maxAttempts = 5
    /// Sign-ins allowed per address within `attemptWindow` (the right ones not counted): more
    /// than an account's, since the clerks of an office may share one address.
    public var maxAddressAttempts = 30
    public var attemptWindow: TimeInterval = 15 * 60
    /// Today for the changes made through the pages, as `WANCUN_TODAY` fixes it; nil for the day in Asia/Shanghai.
    public var today: LocalDate?
    /// How the account page hashes the passwords it sets.
    public var passwordHasher = PasswordHasher.standard

    public init() {}

    public var usesTLS: Bool { tlsCertificate != nil && tlsKey != nil }
}

/// Who a session belongs to, as the sign-in check names them: the account as the library's
/// access policy knows it (name, role and, for a town clerk, town).
public struct WebUser: Sendable, Hashable {
    public var actor: Actor
    public var name: String { actor.name }

    public init(name: String, role: Role, town: DivisionCode? = nil) { actor = Actor(name: name, role: role, town: town) }
    public init(_ account: UserAccount) { actor = account.actor }
}

/// Checks a user name and password. The answer is the user, `nil` for a wrong name or
/// password, or `.noAccounts` when there is no account to sign in with.
public protocol WebSignIn: Sendable {
    func check(name: String, password: String) async throws -> WebSignInResult
    /// What a signed-in session must still match, checked on every request: nil when the
    /// account is gone or disabled.
    func stamp(of user: WebUser) async throws -> String?
}

extension WebSignIn {
    public func stamp(of user: WebUser) async throws -> String? { nil }
}

public enum WebSignInResult: Sendable, Equatable {
    case user(WebUser)
    case refused
    case noAccounts

    var isUser: Bool { if case .user = self { true } else { false } }
}

/// No account can sign in: the registry has no users yet.
public struct NoAccounts: WebSignIn {
    public init() {}
    public func check(name: String, password: String) async throws -> WebSignInResult { .noAccounts }
}

/// Signs in the registry's own accounts (`wancun user add`): an enabled account whose password
/// matches. Which of name, password or being disabled was wrong is not told.
public struct AccountSignIn: WebSignIn {
    public let database: AppDatabase
    public init(database: AppDatabase) { self.database = database }

    public func check(name: String, password: String) async throws -> WebSignInResult {
        // The slow hash runs on NIO's blocking-work threads, never on the threads that answer
        // the other pages.
        try await NIOThreadPool.singleton.runIfActive { [database] in
            guard try database.hasUsers() else { return .noAccounts }
            guard let account = try database.authenticate(name, password: password) else { return .refused }
            return .user(WebUser(account))
        }
    }

    public func stamp(of user: WebUser) async throws -> String? { try database.signInStamp(user.name) }
}

extension WebConfiguration {
    /// `HOST:PORT`, `[IPv6]:PORT`; `nil` for anything else.
    public static func listenAddress(_ text: String) -> (host: String, port: Int)? {
        guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]), (1...65535).contains(port) else {
            return nil
        }
        var host = String(text[..<colon])
        if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        guard !host.isEmpty, !host.contains(" ") else { return nil }
        return (host, port)
    }
}
