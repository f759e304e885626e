import Foundation

/// Who makes a change and when: every write that the audit trail records takes one.
public struct ChangeContext: Sendable {
    public var clerk: String
    /// Whether the clerk's name was given (`--clerk`, `WANCUN_CLERK`) rather than guessed from
    /// the OS user: only a given name is printed on the roster for signing.
    public var clerkGiven: Bool
    public var now: Date
    /// Today in Asia/Shanghai (overridable so that tests and the demo are reproducible).
    public var today: LocalDate

    public init(clerk: String, clerkGiven: Bool = true, now: Date = Date(), today: LocalDate? = nil) {
        self.clerk = clerk
        self.clerkGiven = clerkGiven
        self.now = now
        self.today = today ?? LocalDate.today(now: now)
        self.timestamp = Self.timestamp(now: now, today: today)
    }

    /// The time as stored in the audit trail: ISO 8601 in Asia/Shanghai (made once: a
    /// formatter is costly, and an import writes thousands of audit lines). When today is
    /// overridden, the date is today's and the time of day the clock's, so that audit lines,
    /// a run's finalization and the roster's date agree with the day everything else uses.
    public let timestamp: String

    static func timestamp(now: Date, today: LocalDate?) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "Asia/Shanghai")
        let clock = formatter.string(from: now)
        guard let today else { return clock }
        // The formatter writes the local date first: `2026-11-26T14:03:12+08:00`.
        return today.description + clock.dropFirst(10)
    }
}
