/// The overview pages as an account sees them: the coverage report, what needs attention,
/// the month's check, the audit trail and the accounts, each kept to what `AccessPolicy` lets
/// the actor see.
extension AppDatabase {
    /// The coverage report: a town clerk's town only.
    public func coverage(asOf: LocalDate, as actor: Actor) throws -> CoverageReport {
        try AccessPolicy.require(actor, .readRegistry)
        guard actor.role == .townClerk else { return try coverage(asOf: asOf) }
        guard let town = actor.town else { return CoverageReport(asOf: asOf, under: nil, rows: [], total: CoverageRow(townName: "")) }
        return try coverage(under: town, asOf: asOf)
    }

    /// What needs attention among the points and operators the actor may see.
    public func attention(today: LocalDate, as actor: Actor) throws -> Attention {
        try AccessPolicy.require(actor, .readRegistry)
        return try attention(today: today).filtered(
            points: { AccessPolicy.canRead(actor, pointCode: $0) },
            operators: {
                AccessPolicy.canRead(actor, operator: OperatorScope(currentPointCodes: [$0.pointCode], pointCodes: [], registeredBy: nil))
            })
    }

    /// The month's check as it stands: the final run if there is one, else the latest draft.
    public func monthCheck(_ month: Month, as actor: Actor) throws -> SubsidyRun? {
        try AccessPolicy.require(actor, .readRegistry)
        let runs = try subsidyRuns(month: month).map(\.run)
        return runs.last { $0.status == .final } ?? runs.last { $0.status == .draft }
    }

    /// The audit lines the actor may read: a county clerk and a reviewer every line; a town
    /// clerk those about the points of their town and the operators they may see; an
    /// administrator those about the accounts only.
    public func searchAudit(_ search: AuditSearch, as actor: Actor) throws -> AuditPage {
        switch actor.role {
        case .countyClerk, .reviewer:
            return try searchAudit(search)
        case .admin:
            return try searchAudit(search) { $0.action.hasPrefix("user.") }
        case .townClerk:
            let operators = Set(try operators(as: actor).map(\.0.idNumber))
            return try searchAudit(search) { line in
                if let code = line.pointCode, AccessPolicy.canRead(actor, pointCode: code) { return true }
                if let id = line.operatorIdNumber, operators.contains(id) { return true }
                return false
            }
        }
    }

    // MARK: Accounts, for an administrator

    public func users(as actor: Actor) throws -> [UserAccount] {
        try AccessPolicy.require(actor, .manageUsers)
        return try users()
    }

    /// Adds the account unless a refusal stands (`userRefusals`, every one at once).
    public func addUser(_ new: NewUser, repeated: String, as actor: Actor, hasher: PasswordHasher = .standard, context: ChangeContext) throws
        -> Result<UserAccount, UserRefusals>
    {
        try AccessPolicy.require(actor, .manageUsers)
        let refusals = try userRefusals(new, repeated: repeated)
        guard refusals.isEmpty else { return .failure(UserRefusals(refusals: refusals)) }
        return .success(try addUser(new, hasher: hasher, context: context))
    }

    public func disableUser(_ name: String, as actor: Actor, context: ChangeContext) throws {
        try AccessPolicy.require(actor, .manageUsers)
        try disableUser(name, context: context)
    }

    /// Sets the account's password unless a refusal stands.
    public func setPassword(
        _ name: String, to password: String, repeated: String, as actor: Actor, hasher: PasswordHasher = .standard, context: ChangeContext
    ) throws -> [UserRefusal] {
        try AccessPolicy.require(actor, .manageUsers)
        _ = try user(name)
        let refusals = Self.passwordRefusals(password, repeated: repeated)
        if refusals.isEmpty { try setPassword(name, to: password, hasher: hasher, context: context) }
        return refusals
    }
}

/// The refusals of an account form.
public struct UserRefusals: Error, Sendable, Equatable {
    public var refusals: [UserRefusal]
}
