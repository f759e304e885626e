import GRDB

/// A reviewer's approval of a change another clerk made: a run's finalization, or a
/// reconciliation that changes the bureau's recorded decisions (maker-checker).
public struct Review: Sendable, Hashable {
    /// The reviewer's account name.
    public var reviewer: String
    /// Where the approval was given.
    public var via: Via

    public enum Via: String, Sendable, Codable, DatabaseValueConvertible {
        case cli, web
    }

    public init(reviewer: String, via: Via) {
        self.reviewer = reviewer
        self.via = via
    }

    var auditPairs: [(String, JSONValue)] { [("reviewer", .string(reviewer)), ("via", .string(via.rawValue))] }
}

extension Database {
    /// The approval a change made by `maker` needs, checked: none while no account exists (the
    /// registry is kept by one person); once one does, an enabled reviewer account other than
    /// the maker. Returns the review to record, nil when none was needed or given.
    func approve(_ review: Review?, maker: String) throws -> Review? {
        guard try AppDatabase.hasUsers(self) else {
            if let review { throw AccountError.userUnknown(review.reviewer) }
            return nil
        }
        guard var review else { throw AccountError.reviewerRequired }
        let record = try AppDatabase.userRecord(self, review.reviewer)
        review.reviewer = record.name
        if record.disabled { throw AccountError.userDisabled(record.name) }
        guard record.role == .reviewer else { throw AccountError.notReviewer(record.name, record.role) }
        if record.name == maker.trimmingSpaces() { throw AccountError.reviewerIsMaker(record.name) }
        return review
    }
}
