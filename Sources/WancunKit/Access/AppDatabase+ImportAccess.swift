/// What a file to import holds: the same kinds the CLI's `import` commands load.
public enum ImportKind: Sendable, Hashable {
    case points, parcels, purchases
    /// Other departments' subsidised posts for a month.
    case otherPosts(Month)

    /// The code a form or a script names the kind by.
    public var code: String {
        switch self {
        case .points: "points"
        case .parcels: "parcels"
        case .purchases: "purchases"
        case .otherPosts: "other-posts"
        }
    }

    public static let codes = ["points", "parcels", "purchases", "other-posts"]
}

/// What an import as an actor did: the summary every import gives, and a points file's rows.
public struct ActorImport: Sendable {
    public var summary: ImportSummary
    /// A points import's rows, and its result copy.
    public var points: PointImportSummary?
}

extension AppDatabase {
    /// Imports a file as `actor`, through the same import the CLI's command runs, all or
    /// nothing: points, parcels and purchases need an account that changes the registry, and a
    /// town clerk's file may hold only the points of their town (a row of another town's point
    /// is refused as that row's problem, as if the point did not exist) and the operators they
    /// may see (a row naming another person by ID number is refused as registered already,
    /// without naming them); other departments'
    /// posts, a county-wide list for the monthly check, need the clerk who runs it.
    /// `context`'s clerk is the actor's name, so that the audit trail names them.
    public func importFile(
        _ kind: ImportKind, from path: String, sheet: String? = nil, dryRun: Bool, as actor: Actor, context: ChangeContext,
        resultCopy: String? = nil, language: Language = .zh, progress: ((_ row: Int, _ fraction: Double) -> Void)? = nil
    ) throws -> ActorImport {
        try AccessPolicy.requireImport(actor, kind)
        let scope: ((String) -> Bool)? = actor.role == .countyClerk ? nil : { AccessPolicy.canChange(actor, pointCode: $0) }
        switch kind {
        case .points:
            let result = try importPoints(
                from: path, sheet: sheet, dryRun: dryRun, context: context, resultCopy: resultCopy, language: language, scope: scope,
                shownTo: actor.role == .countyClerk ? nil : actor, progress: progress)
            return ActorImport(summary: result.summary, points: result)
        case .parcels:
            return ActorImport(
                summary: try importParcels(from: path, sheet: sheet, dryRun: dryRun, context: context, scope: scope, progress: progress))
        case .purchases:
            return ActorImport(
                summary: try importPurchases(from: path, sheet: sheet, dryRun: dryRun, context: context, scope: scope, progress: progress))
        case .otherPosts(let month):
            return ActorImport(
                summary: try importOtherPosts(from: path, sheet: sheet, month: month, dryRun: dryRun, context: context, progress: progress))
        }
    }
}

extension AccessPolicy {
    /// Refuses an actor who may not import this kind of file at all.
    public static func requireImport(_ actor: Actor, _ kind: ImportKind) throws(AccountError) {
        switch kind {
        case .points, .parcels, .purchases: try require(actor, .changeRegistry)
        case .otherPosts: try require(actor, .runSubsidy)
        }
    }
}
