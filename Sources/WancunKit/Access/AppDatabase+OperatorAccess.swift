/// The operators as an account sees them (`AccessPolicy`): a town clerk's search keeps to the
/// operators who run a point of their town now and those they registered and no point has ever had.
extension AppDatabase {
    /// How many of an ID number's last characters an actor who may not reveal it searches by:
    /// those a masked number shows, so that searching cannot uncover the hidden ones.
    static let maskedSuffix = 4

    /// One page of the operators the actor may see that match.
    public func searchOperators(_ search: OperatorSearch, as actor: Actor) throws -> OperatorPage {
        try AccessPolicy.require(actor, .readRegistry)
        var scoped = search
        if let id = search.idNumber, id.count != 18, id.count > Self.maskedSuffix, !AccessPolicy.allows(actor, .reveal) {
            scoped.idNumber = String(id.suffix(Self.maskedSuffix))
        }
        if actor.role == .townClerk {
            guard let own = actor.town else { return OperatorPage(total: 0, operators: []) }
            scoped.reach = (own.significantPrefix, actor.name)
        }
        return try searchOperators(scoped)
    }

    /// The ID number of the operator with this row id, when the actor may see them; else
    /// unknown, as if there were nobody.
    public func operatorIDNumber(id: Int64, as actor: Actor) throws -> String {
        guard let idNumber = try operatorIDNumber(id: id) else { throw RegistryError.operatorUnknown(maskedID: String(id)) }
        try requireOperator(idNumber, as: actor)
        return idNumber
    }

    /// Refuses an operator outside the actor's reach as unknown, and one the actor may not change.
    public func requireChange(operatorIDNumber idNumber: String, as actor: Actor) throws {
        try requireOperator(idNumber, as: actor, change: true)
    }

    /// Registers a person, for an actor who changes the registry (a person registered already,
    /// or another operator with the phone, is named only to an actor who may see them): a town clerk then sees them
    /// until a point is given them, and after only while it is one of their town's.
    public func addOperator(_ new: NewOperator, alsoRefused: [RegistryError] = [], as actor: Actor, context: ChangeContext) throws
        -> Operator
    {
        try AccessPolicy.require(actor, .changeRegistry)
        return try addOperator(new, alsoRefused: alsoRefused, shownTo: actor, context: context)
    }
}
