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

/// Failed sign-ins counted per account and per address: past `limit` failures of an account,
/// or `addressLimit` attempts from one address, within `window`, further attempts are refused
/// until the window has passed. The address's limit is the larger, since a county office's
/// clerks may all reach the server from one address. So that attempts sent at once cannot all
/// pass while the slow hash runs, an account's attempts are taken one at a time (the next waits
/// for the one before to be judged), and an address's are counted when they start.
public actor SignInLimiter {
    private var failures: [String: [Date]] = [:]
    private var busy: Set<String> = []
    private var waiting: [String: [CheckedContinuation<Void, Never>]] = [:]
    let limit: Int
    let addressLimit: Int
    let window: TimeInterval
    let now: @Sendable () -> Date

    public init(limit: Int, addressLimit: Int? = nil, window: TimeInterval, now: @escaping @Sendable () -> Date = { Date() }) {
        self.limit = limit
        self.addressLimit = addressLimit ?? limit
        self.window = window
        self.now = now
    }

    /// Whether an attempt may be made now; one that may must be ended by `finished`.
    public func attempt(account: String, address: String) async -> Bool {
        let accountKey = Self.key(account: account)
        while busy.contains(accountKey) { await withCheckedContinuation { waiting[accountKey, default: []].append($0) } }
        let addressKey = Self.key(address: address)
        let t = now()
        for key in [accountKey, addressKey] { failures[key] = (failures[key] ?? []).filter { t.timeIntervalSince($0) < window } }
        guard (failures[accountKey] ?? []).count < limit, (failures[addressKey] ?? []).count < addressLimit else { return false }
        busy.insert(accountKey)
        failures[addressKey, default: []].append(t)
        return true
    }

    /// The end of an attempt `attempt` allowed: a wrong password counts against the account (the
    /// address counted it already); a right one forgives the account and this attempt.
    public func finished(account: String, address: String, succeeded: Bool) {
        let accountKey = Self.key(account: account)
        if succeeded {
            failures[accountKey] = nil
            let addressKey = Self.key(address: address)
            if var times = failures[addressKey], !times.isEmpty {
                times.removeLast()
                failures[addressKey] = times
            }
        } else {
            failures[accountKey, default: []].append(now())
        }
        busy.remove(accountKey)
        if var queue = waiting[accountKey], !queue.isEmpty {
            let next = queue.removeFirst()
            waiting[accountKey] = queue.isEmpty ? nil : queue
            next.resume()
        }
    }

    /// The account as the sign-in looks it up (spaces at either end do not count), whatever
    /// the case, so that " clerk" and "Clerk" are counted with "clerk".
    static func key(account: String) -> String { "account:" + account.trimmingSpaces().lowercased() }
    static func key(address: String) -> String { "address:" + address }
}
