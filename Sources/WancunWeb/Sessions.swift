import Crypto
import Foundation
import WancunKit

/// A signed-in user's session: its id (the cookie's value), the token every form carries,
/// and when it ends.
public struct WebSession: Sendable {
    public var id: String
    public var csrfToken: String
    public var user: WebUser
    /// What the account was when it signed in (`WebSignIn.stamp`); a session made without
    /// signing in (tests) has none and is not checked again.
    var stamp: String?
    var created: Date
    var lastUsed: Date
}

/// Sessions kept in memory: a restart signs everyone out. A session ends after
/// `idle` unused or `lifetime` in all, whichever comes first.
public actor SessionStore {
    private var sessions: [String: WebSession] = [:]
    let idle: TimeInterval
    let lifetime: TimeInterval
    let now: @Sendable () -> Date

    public init(idle: TimeInterval, lifetime: TimeInterval, now: @escaping @Sendable () -> Date = { Date() }) {
        self.idle = idle
        self.lifetime = lifetime
        self.now = now
    }

    public func create(for user: WebUser, stamp: String? = nil) -> WebSession {
        let t = now()
        let session = WebSession(
            id: Self.randomToken(), csrfToken: Self.randomToken(), user: user, stamp: stamp, created: t, lastUsed: t)
        sessions[session.id] = session
        return session
    }

    /// The live session with this id, marked as used; `nil` (and forgotten) once it has expired.
    public func session(_ id: String) -> WebSession? {
        guard var session = sessions[id] else { return nil }
        let t = now()
        guard t.timeIntervalSince(session.lastUsed) < idle, t.timeIntervalSince(session.created) < lifetime else {
            sessions[id] = nil
            return nil
        }
        session.lastUsed = t
        sessions[id] = session
        return session
    }

    public func end(_ id: String) { sessions[id] = nil }

    /// 32 random bytes in hex.
    static func randomToken() -> String {
        SymmetricKey(size: .bits256).withUnsafeBytes { bytes in bytes.map { String(format: "%02x", $0) }.joined() }
    }

    /// Whether `text` has the shape `randomToken` gives: 64 lowercase hexadecimal digits.
    static func isToken(_ text: String) -> Bool {
        text.utf8.count == 64 && text.utf8.allSatisfy { (48...57).contains($0) || (97...102).contains($0) }
    }
}

/// Failed sign-ins counted per account and per address: past `limit` within `window`
/// either one refuses further attempts until the window has passed.
public actor SignInLimiter {
    private var failures: [String: [Date]] = [:]
    let limit: Int
    let window: TimeInterval
    let now: @Sendable () -> Date

    public init(limit: Int, window: TimeInterval, now: @escaping @Sendable () -> Date = { Date() }) {
        self.limit = limit
        self.window = window
        self.now = now
    }

    /// Whether an attempt may be made; one that may is counted at once as a failure, and
    /// forgiven by `succeeded`.
    public func attempt(account: String, address: String) -> Bool {
        let t = now()
        let keys = [Self.key(account: account), Self.key(address: address)]
        for key in keys { failures[key] = (failures[key] ?? []).filter { t.timeIntervalSince($0) < window } }
        guard keys.allSatisfy({ (failures[$0] ?? []).count < limit }) else { return false }
        for key in keys { failures[key, default: []].append(t) }
        return true
    }

    /// A right password: the account's failures are forgotten, and the address's count for
    /// this attempt.
    public func succeeded(account: String, address: String) {
        failures[Self.key(account: account)] = nil
        let key = Self.key(address: address)
        if var times = failures[key], !times.isEmpty {
            times.removeLast()
            failures[key] = times
        }
    }

    /// The account as the sign-in looks it up (spaces at either end do not count), whatever
    /// the case, so that " clerk" and "Clerk" are counted with "clerk".
    static func key(account: String) -> String { "account:" + account.trimmingSpaces().lowercased() }
    static func key(address: String) -> String { "address:" + address }
}
