import Foundation

/// Who makes a change and when: every write that the audit trail records takes one.
public struct ChangeContext: Sendable {
    public var clerk: String
    public var now: Date
    /// Today in Asia/Shanghai (overridable so that tests and the demo are reproducible).
    public var today: LocalDate

    public init(clerk: String, now: Date = Date(), today: LocalDate? = nil) {
        self.clerk = clerk
        self.now = now
        self.today = today ?? LocalDate.today(now: now)
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "Asia/Shanghai")
        self.timestamp = formatter.string(from: now)
    }

    /// The time as stored in the audit trail: ISO 8601 in Asia/Shanghai (made once: a
    /// formatter is costly, and an import writes thousands of audit lines).
    public let timestamp: String
}
