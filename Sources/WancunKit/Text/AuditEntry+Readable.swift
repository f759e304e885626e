/// An audit line as a page shows it: its parts apart, each change as "field: before → after".
extension AuditEntry {
    public struct Readable: Sendable, Equatable {
        /// `2026-11-26 10:23:45`, Beijing time.
        public var at: String
        public var clerk: String
        /// The action as people read it (its code when the catalogue does not know it).
        public var action: String
        /// What it was done to: a division, point or (masked unless revealed) ID number.
        public var subject: String
        /// Each change, then the reason.
        public var changes: [String]
    }

    public func readable(language: Language, reveal: Bool) -> Readable {
        Readable(
            at: atText, clerk: clerk, action: Message.Audit.action(action)?.text(language) ?? action, subject: subjectText(reveal: reveal),
            changes: items(language: language, reveal: reveal, fullHashes: false))
    }

    /// Each change as "field: before → after", then the reason; personal values masked unless `reveal`.
    func items(language: Language, reveal: Bool, fullHashes: Bool) -> [String] {
        var items = changes(language: language, reveal: reveal, fullHashes: fullHashes).map { $0.text(language) }
        if let reason, !reason.isEmpty {
            items.append(Message.Header.reason.text(language) + (language == .zh ? "：" : ": ") + (reveal ? reason : Mask.personalValues(in: reason)))
        }
        return items
    }
}
