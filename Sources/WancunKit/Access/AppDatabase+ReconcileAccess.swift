/// What a file to reconcile is, and against what: the kinds the CLI's `reconcile` commands take.
public enum ReconRequest: Sendable, Hashable {
    case hr(run: Int64)
    case parcels(courier: String, month: Month)
    case fees(courier: String, month: Month)
    case purchases(platform: String, month: Month)

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
