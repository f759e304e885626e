import GRDB

/// The registry as an account sees it (`AccessPolicy`): what the web serves, through the same
/// queries and changes the CLI uses. A point or operator outside the actor's reach is told as
/// unknown, as if it did not exist; one the actor may see but not change is refused.
///
/// The changes take a context whose clerk is the actor's name, so that the audit trail
/// names the signed-in account.
extension AppDatabase {
    public func points(_ filter: PointFilter = PointFilter(), as actor: Actor) throws -> [PointListing] {
        try AccessPolicy.require(actor, .readRegistry)
        return try points(filter).filter { AccessPolicy.canRead(actor, pointCode: $0.code) }
    }

    /// One page of the points the actor may see that match: a town clerk's search is kept
    /// within their town (another town's finds nothing).
    public func searchPoints(_ search: PointSearch, as actor: Actor) throws -> PointPage {
        try AccessPolicy.require(actor, .readRegistry)
        guard actor.role == .townClerk else { return try searchPoints(search) }
        guard let own = actor.town else { return PointPage(total: 0, points: []) }
        var scoped = search
        if let asked = search.town, asked.significantPrefix.hasPrefix(own.significantPrefix) {
            scoped.town = asked
        } else if search.town == nil || own.significantPrefix.hasPrefix(search.town!.significantPrefix) {
            scoped.town = own
        } else {
            return PointPage(total: 0, points: [])
        }
        return try searchPoints(scoped)
    }

    /// The points the actor may see, counted by town and status.
    public func pointCounts(as actor: Actor) throws -> [PointCount] {
        try AccessPolicy.require(actor, .readRegistry)
        return try pointCounts().filter { AccessPolicy.canRead(actor, pointCode: $0.townCode.rawValue) }
    }

    public func pointDetail(_ code: String, as actor: Actor) throws -> PointDetail {
        guard AccessPolicy.canRead(actor, pointCode: code) else { throw RegistryError.pointUnknown(code) }
        return try pointDetail(code)
    }

    /// Refuses a change to the point unless the actor may make it.
    public func requireChange(pointCode code: String, as actor: Actor) throws {
        guard AccessPolicy.canRead(actor, pointCode: code) else { throw RegistryError.pointUnknown(code) }
        guard AccessPolicy.canChange(actor, pointCode: code) else { throw AccountError.notAllowed(actor.name, .changeRegistry) }
    }

    public func addPoint(_ new: NewPoint, as actor: Actor, context: ChangeContext) throws -> Point {
        // A new point's code begins with its village's.
        guard AccessPolicy.canChange(actor, pointCode: new.village.rawValue) else { throw AccountError.notAllowed(actor.name, .changeRegistry) }
        return try addPoint(new, context: context)
    }

    public func editPoint(_ code: String, _ edit: PointEdit, as actor: Actor, context: ChangeContext) throws -> Point {
        try requireChange(pointCode: code, as: actor)
        return try editPoint(code, edit, context: context)
    }

    public func changeStatus(
        _ code: String, to status: PointStatus, reason: String, on date: LocalDate?, as actor: Actor, context: ChangeContext
    ) throws {
        try requireChange(pointCode: code, as: actor)
        try changeStatus(code, to: status, reason: reason, on: date, context: context)
    }

    /// An operator as the access rules see them: the points they run now, whether they ever
    /// ran one, and who registered them.
    public func operatorScope(_ idNumber: String) throws -> OperatorScope {
        try read { db in try Self.operatorScope(db, idNumber: idNumber) }
    }

    /// The operators the actor may see, as `operators()` lists them.
    public func operators(as actor: Actor) throws -> [(Operator, String?)] {
        try AccessPolicy.require(actor, .readRegistry)
        let all = try operators()
        let (registrars, histories) = try read { db in (try Self.registrars(db), try Self.pointHistories(db)) }
        return all.filter { person, code in
            AccessPolicy.canRead(
                actor,
                operator: OperatorScope(
                    currentPointCodes: code.map { [$0] } ?? [], pointCodes: person.id.flatMap { histories[$0] } ?? [],
                    registeredBy: registrars[person.idNumber]))
        }
    }

    /// Refuses an operator outside the actor's reach as unknown, and a change the actor may not make.
    func requireOperator(_ idNumber: String, as actor: Actor, change: Bool = false) throws {
        let scope = try operatorScope(idNumber)
        guard AccessPolicy.canRead(actor, operator: scope) else { throw RegistryError.operatorUnknown(maskedID: Mask.residentID(idNumber)) }
        if change, !AccessPolicy.canChange(actor, operator: scope) { throw AccountError.notAllowed(actor.name, .changeRegistry) }
    }

    public func operatorDetail(_ idNumber: String, today: LocalDate, as actor: Actor) throws -> (Operator, [(Assignment, String)]) {
        try requireOperator(idNumber, as: actor)
        return try operatorDetail(idNumber, today: today)
    }

    public func editOperator(
        _ idNumber: String, _ edit: OperatorEdit, alsoRefused: [RegistryError] = [], as actor: Actor, context: ChangeContext
    ) throws -> Operator {
        try requireOperator(idNumber, as: actor, change: true)
        return try editOperator(idNumber, edit, alsoRefused: alsoRefused, context: context)
    }

    /// An operator's full ID number, for an actor allowed to see it; each reveal is audited
    /// (`operator.reveal`: who saw whose number, when).
    public func revealIDNumber(_ idNumber: String, as actor: Actor, context: ChangeContext) throws -> String {
        try requireOperator(idNumber, as: actor)
        try AccessPolicy.require(actor, .reveal)
        try recordIDNumberSeen(
            idNumber, by: [("name", .string(actor.name)), ("role", .string(actor.role.rawValue)), ("via", .string("web"))], context: context)
        return idNumber
    }

    /// Records that the operator's full ID number was seen, by whom (`who`; the line names the
    /// operator as every line about them does, and never holds the number in what it says).
    func recordIDNumberSeen(_ idNumber: String, by who: [(String, JSONValue)], context: ChangeContext) throws {
        try write { db in try db.audit("operator.reveal", AuditSubject(operatorIdNumber: idNumber), after: .object(who), context: context) }
    }

    /// Records that the person at the server printed the operator's full ID number with
    /// `--reveal`, once accounts exist (who opens the file administers it: no role to check).
    public func recordIDNumberSeenAtServer(_ idNumber: String, context: ChangeContext) throws {
        guard try hasUsers() else { return }
        try recordIDNumberSeen(idNumber, by: [("name", .string(context.clerk)), ("via", .string("cli"))], context: context)
    }

    /// Checks the month as the actor, a county clerk. With `unlessFinal` a month that has a final
    /// run is refused (`finalExists`): checking it again is then asked for on purpose.
    public func runSubsidyCheck(
        month: Month, withoutOtherPosts reason: String? = nil, unlessFinal: Bool = false, as actor: Actor, context: ChangeContext
    ) throws -> SubsidyRunInfo {
        try AccessPolicy.require(actor, .runSubsidy)
        if unlessFinal, let final = try subsidyRuns(month: month).first(where: { $0.run.status == .final }) {
            throw SubsidyError.finalExists(month, final.run.id!)
        }
        return try runSubsidyCheck(month: month, withoutOtherPosts: reason, context: context)
    }

    /// A reviewer finalizes a run another clerk made; recorded as approved through the web.
    public func finalizeRun(_ id: Int64, replacing: Bool = false, reason: String? = nil, as actor: Actor, context: ChangeContext) throws {
        try AccessPolicy.require(actor, .approve)
        try finalizeRun(id, replacing: replacing, reason: reason, review: Review(reviewer: actor.name, via: .web), context: context)
    }
}
