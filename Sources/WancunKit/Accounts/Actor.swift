/// Who is asking, for the library's queries and changes to decide what they may see and do:
/// the signed-in account, or the person at the server through the CLI (`AccessPolicy`).
public struct Actor: Sendable, Hashable {
    public var name: String
    public var role: Role
    /// A town clerk's town.
    public var town: DivisionCode?

    public init(name: String, role: Role, town: DivisionCode? = nil) {
        self.name = name
        self.role = role
        self.town = town
    }
}

/// What an actor may be refused.
public enum AccessAction: String, Sendable, CaseIterable {
    case readRegistry = "read-registry"
    case changeRegistry = "change-registry"
    case reveal
    case approve
    case manageUsers = "manage-users"
    case runSubsidy = "run-subsidy"
}

/// An operator as the access rules see them: the points they run now, whether they ever ran
/// one, and who registered them.
public struct OperatorScope: Sendable, Hashable {
    public var currentPointCodes: [String]
    /// Every point that has had them, now or before (the points they run now among them).
    public var pointCodes: [String]
    public var registeredBy: String?

    public init(currentPointCodes: [String], pointCodes: [String], registeredBy: String?) {
        self.currentPointCodes = currentPointCodes
        self.pointCodes = pointCodes + currentPointCodes.filter { !pointCodes.contains($0) }
        self.registeredBy = registeredBy
    }

    /// Whether any point, now or before, has had them.
    public var everAssigned: Bool { !pointCodes.isEmpty }
}

/// The one set of rules the CLI and the web obey:
/// - a town clerk sees and changes only the points of their town, and the operators who run
///   one of them now, who have run only points of their town (so that a person between two of
///   its points stays theirs to assign again), or whom that clerk registered and no point has
///   ever had: a person who once ran another town's point is that town's history, not theirs;
/// - a county clerk sees and changes the whole county, and runs the monthly check;
/// - a reviewer reads everything and approves, and changes nothing;
/// - an administrator manages the accounts and sees nothing of the registry;
/// - full ID numbers are shown only to county clerks and reviewers, each time audited.
public enum AccessPolicy {
    public static func allows(_ actor: Actor, _ action: AccessAction) -> Bool {
        switch action {
        case .readRegistry: actor.role != .admin
        case .changeRegistry: actor.role == .countyClerk || actor.role == .townClerk
        case .reveal: actor.role == .countyClerk || actor.role == .reviewer
        case .approve: actor.role == .reviewer
        case .manageUsers: actor.role == .admin
        case .runSubsidy: actor.role == .countyClerk
        }
    }

    /// Whether the point (by its 15-digit code, which begins with its village's) lies where
    /// the actor works.
    static func covers(_ actor: Actor, pointCode: String) -> Bool {
        switch actor.role {
        case .admin: false
        case .countyClerk, .reviewer: true
        case .townClerk: actor.town.map { pointCode.hasPrefix($0.significantPrefix) } ?? false
        }
    }

    public static func canRead(_ actor: Actor, pointCode: String) -> Bool {
        allows(actor, .readRegistry) && covers(actor, pointCode: pointCode)
    }

    public static func canChange(_ actor: Actor, pointCode: String) -> Bool {
        allows(actor, .changeRegistry) && covers(actor, pointCode: pointCode)
    }

    static func covers(_ actor: Actor, operator scope: OperatorScope) -> Bool {
        switch actor.role {
        case .admin: false
        case .countyClerk, .reviewer: true
        case .townClerk:
            if scope.currentPointCodes.contains(where: { covers(actor, pointCode: $0) }) {
                true
            } else if scope.everAssigned {
                scope.pointCodes.allSatisfy { covers(actor, pointCode: $0) }
            } else {
                scope.registeredBy == actor.name
            }
        }
    }

    public static func canRead(_ actor: Actor, operator scope: OperatorScope) -> Bool {
        allows(actor, .readRegistry) && covers(actor, operator: scope)
    }

    public static func canChange(_ actor: Actor, operator scope: OperatorScope) -> Bool {
        allows(actor, .changeRegistry) && covers(actor, operator: scope)
    }

    /// Throws `notAllowed` unless the actor may.
    public static func require(_ actor: Actor, _ action: AccessAction) throws(AccountError) {
        guard allows(actor, action) else { throw .notAllowed(actor.name, action) }
    }
}
