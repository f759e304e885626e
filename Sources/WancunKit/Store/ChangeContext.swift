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
    }

    /// The time as stored in the audit trail: ISO 8601 in Asia/Shanghai.
    public var timestamp: String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "Asia/Shanghai")
        return formatter.string(from: now)
    }
}
