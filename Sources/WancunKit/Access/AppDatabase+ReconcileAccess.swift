import Foundation

/// What a file to reconcile is, and against what: the kinds the CLI's `reconcile` commands take.
public enum ReconRequest: Sendable, Hashable {
    case hr(run: Int64)
    case parcels(courier: String, month: Month)
    case fees(courier: String, month: Month)
    case purchases(platform: String, month: Month)

    /// What the file is reconciled against: the run, the courier or the platform, and the month.
    var subject: String {
        switch self {
        case .hr(let run): String(run)
        case .parcels(let courier, let month), .fees(let courier, let month): "\(courier) \(month)"
        case .purchases(let platform, let month): "\(platform) \(month)"
        }
    }

    public var kind: ReconKind {
        switch self {
        case .hr: .hr
        case .parcels: .parcels
        case .fees: .fees
        case .purchases: .purchases
        }
    }
}

extension AppDatabase {
    /// Reconciles a file as `actor`, the county clerk who keeps the money path: an HR answer
    /// that changes decisions already recorded is refused (`REVIEWER_REQUIRED`) until a reviewer
    /// approves it (`approveReconciliation`). `context`'s clerk is the actor's name.
    public func reconcile(_ request: ReconRequest, file path: String, options: ReconOptions, as actor: Actor, context: ChangeContext) throws
        -> ReconReport
    {
        try AccessPolicy.require(actor, .runSubsidy)
        var options = options
        options.review = nil
        return try reconcile(request, file: path, options: options, context: context)
    }

    /// The same reconciliation approved by `reviewer` (an enabled reviewer account other than
    /// `maker`, the clerk who sent the file), both names recorded with `via=web`.
    public func approveReconciliation(
        _ request: ReconRequest, file path: String, options: ReconOptions, maker: String, as reviewer: Actor, context: ChangeContext
    ) throws -> ReconReport {
        try AccessPolicy.require(reviewer, .approve)
        var options = options
        options.review = Review(reviewer: reviewer.name, via: .web)
        var context = context
        context.clerk = maker
        return try reconcile(request, file: path, options: options, context: context)
    }

    /// Refuses the reconciliation `maker` sent, for `reviewer` (an enabled reviewer account other
    /// than the maker): nothing is recorded but the refusal (`reconcile.reject`: the kind, what it
    /// is against, the file and its SHA-256, the clerk, the reviewer, via the web).
    public func rejectReconciliation(_ request: ReconRequest, file path: String, maker: String, as reviewer: Actor, context: ChangeContext) throws {
        try AccessPolicy.require(reviewer, .approve)
        if reviewer.name.trimmingSpaces() == maker.trimmingSpaces() { throw AccountError.reviewerIsMaker(reviewer.name) }
        let after: JSONValue = .object(
            [
                ("kind", .string(request.kind.rawValue)), ("subject", .string(request.subject)),
                ("file", .string((path as NSString).lastPathComponent)), ("sha256", .string(try Digest.sha256(fileAt: path))),
                ("clerk", .string(maker)),
            ] + Review(reviewer: reviewer.name, via: .web).auditPairs)
        try write { db in try db.audit("reconcile.reject", AuditSubject(), after: after, context: context.made(by: reviewer)) }
    }

    func reconcile(_ request: ReconRequest, file path: String, options: ReconOptions, context: ChangeContext) throws -> ReconReport {
        switch request {
        case .hr(let run): try reconcileHR(run: run, file: path, options: options, context: context)
        case .parcels(let courier, let month): try reconcileParcels(courier: courier, month: month, file: path, options: options, context: context)
        case .fees(let courier, let month): try reconcileFees(courier: courier, month: month, file: path, options: options, context: context)
        case .purchases(let platform, let month):
            try reconcilePurchases(platform: platform, month: month, file: path, options: options, context: context)
        }
    }
}
