import Foundation
import GRDB

/// The monthly check as an account sees it (`AccessPolicy`): a county clerk runs it; a town
/// clerk reads only their town's results and totals, a point of another town told as unknown;
/// a reviewer reads everything and finalizes a run another clerk made; an administrator sees
/// none of it. The HR roster carries full ID numbers: only the roles that may show them
/// (county clerks and reviewers) take it, each time audited.
extension AppDatabase {
    /// The runs, each with its totals over the points the actor may see.
    public func subsidyRuns(month: Month? = nil, as actor: Actor) throws -> [SubsidyRunInfo] {
        try AccessPolicy.require(actor, .readRegistry)
        return try runInfos(within: Self.pointPrefix(actor)) { request in month.map { request.filter(Column("month") == $0) } ?? request }
    }

    /// Records that the other departments have no public-welfare post for `month`, on the
    /// word of `source`: the clerk who runs the check does. A list imported from the
    /// departments' file is never dropped this way (its posts keep people from being paid twice).
    public func recordNoOtherPosts(month: Month, source: String, as actor: Actor, context: ChangeContext) throws {
        try AccessPolicy.require(actor, .runSubsidy)
        try recordNoOtherPosts(month: month, source: source, context: context)
    }

    public func subsidyRun(_ id: Int64, as actor: Actor) throws -> SubsidyRunInfo {
        try AccessPolicy.require(actor, .readRegistry)
        guard let info = try runInfos(within: Self.pointPrefix(actor), { $0.filter(Column("id") == id) }).first else {
            throw SubsidyError.runUnknown(id)
        }
        return info
    }

    /// A run's results that the actor may see, as `subsidyResults` gives them.
    public func subsidyResults(_ id: Int64, only: ResultFilter? = nil, as actor: Actor) throws -> [SubsidyResult] {
        try AccessPolicy.require(actor, .readRegistry)
        return try subsidyResults(id, only: only).filter { AccessPolicy.canRead(actor, pointCode: $0.pointCode) }
    }

    /// One page of a run's results that match the search, among those the actor may see.
    public func searchSubsidyResults(_ id: Int64, _ search: SubsidyResultSearch, as actor: Actor) throws -> (total: Int, results: [SubsidyResult]) {
        let found = try subsidyResults(id, only: search.only, as: actor).filter { search.matches($0) }
        return (found.count, Array(found.dropFirst(search.offset).prefix(search.limit)))
    }

    /// One point's result with every rule's outcome and the facts it read (`subsidy show
    /// --format json`); a point the run did not record, or outside the actor's reach, is unknown.
    public func subsidyResult(_ id: Int64, pointCode code: String, as actor: Actor) throws -> SubsidyResult {
        guard AccessPolicy.canRead(actor, pointCode: code) else { throw RegistryError.pointUnknown(code) }
        guard let result = try subsidyResults(id, only: .all).first(where: { $0.pointCode == code }) else {
            throw RegistryError.pointUnknown(code)
        }
        return result
    }

    /// What changed between two runs (`subsidyDiff`), among the points the actor may see.
    public func subsidyDiff(_ a: Int64, _ b: Int64, as actor: Actor) throws
        -> [(code: String, name: String, before: SubsidyResult?, after: SubsidyResult?)]
    {
        try AccessPolicy.require(actor, .readRegistry)
        return try subsidyDiff(a, b).filter { AccessPolicy.canRead(actor, pointCode: $0.code) }
    }

    /// Writes the HR roster of a final run for an actor allowed to see full ID numbers, as
    /// `exportRoster` writes it (audited under the actor's name); the preparer is the run's clerk.
    public func exportRoster(run id: Int64, to path: String, as actor: Actor, context: ChangeContext) throws -> RosterExport {
        try AccessPolicy.require(actor, .readRegistry)
        try AccessPolicy.require(actor, .reveal)
        return try exportRoster(run: id, to: path, context: context)
    }

    /// The points a town clerk's totals are kept to, as a code prefix; nil for the whole county.
    static func pointPrefix(_ actor: Actor) -> String? {
        guard actor.role == .townClerk else { return nil }
        // A town clerk with no town sees nothing: no code begins with a dash.
        return actor.town?.significantPrefix ?? "-"
    }
}

/// What the web's result list filters by: the outcome, a town, a text in the point's or the
/// operator's name, and the beginning of the point's code.
public struct SubsidyResultSearch: Sendable {
    public var only: ResultFilter?
    public var town: DivisionCode?
    public var name: String?
    public var code: String?
    public var offset: Int
    public var limit: Int

    public init(only: ResultFilter? = nil, town: DivisionCode? = nil, name: String? = nil, code: String? = nil, offset: Int = 0, limit: Int = 50) {
        self.only = only
        self.town = town
        self.name = name
        self.code = code
        self.offset = offset
        self.limit = limit
    }

    func matches(_ r: SubsidyResult) -> Bool {
        if let town, !r.pointCode.hasPrefix(town.significantPrefix) { return false }
        if let code = code?.trimmingSpaces(), !code.isEmpty, !r.pointCode.hasPrefix(code) { return false }
        guard let name = name?.trimmingSpaces(), !name.isEmpty else { return true }
        return r.pointName.contains(name) || (r.operatorName?.contains(name) ?? false)
    }
}

extension AccessPolicy {
    /// Why the actor may not finalize (or replace with) the run, nil when they may: only a
    /// reviewer, and never the clerk who made it (`Database.approve` checks the same on write).
    public static func finalizeRefusal(_ actor: Actor, run: SubsidyRun) -> AccountError? {
        guard allows(actor, .approve) else { return .notAllowed(actor.name, .approve) }
        if actor.name.trimmingSpaces() == run.clerk.trimmingSpaces() { return .reviewerIsMaker(actor.name) }
        return nil
    }
}
