import GRDB

/// A new account.
public struct NewUser: Sendable {
    public var name: String
    public var role: Role
    public var town: DivisionCode?
    public var password: String

    public init(name: String, role: Role, town: DivisionCode? = nil, password: String) {
        self.name = name
        self.role = role
        self.town = town
        self.password = password
    }
}

extension AppDatabase {
    /// Adds an account, audited (`user.add`: name, role, town; never the password or its hash).
    /// A town clerk names a town of the registry; no other role names one.
    @discardableResult
    public func addUser(_ new: NewUser, hasher: PasswordHasher = .standard, context: ChangeContext) throws -> UserAccount {
        let name = try Self.userName(new.name)
        switch (new.role, new.town) {
        case (.townClerk, nil): throw AccountError.townRequired
        case (.townClerk, let town?) where town.level != .town: throw AccountError.townUnknown(town.rawValue)
        case (.townClerk, _): break
        case (let role, _?): throw AccountError.townNotForRole(role)
        case (_, nil): break
        }
        try PasswordHasher.check(new.password)
        let hash = hasher.hash(new.password)
        return try write { db in
            if try UserRecord.filter(Column("name") == name).fetchCount(db) > 0 { throw AccountError.userExists(name) }
            if let town = new.town, try Int.fetchOne(db, sql: "SELECT count(*) FROM division WHERE code = ?", arguments: [town.rawValue])! == 0 {
                throw AccountError.townUnknown(town.rawValue)
            }
            var record = UserRecord(
                name: name, role: new.role, townCode: new.town?.rawValue, passwordHash: hash, disabled: false,
                createdAt: context.timestamp, changedAt: context.timestamp)
            try record.insert(db)
            try db.audit("user.add", AuditSubject(divisionCode: record.townCode), after: record.auditJSON, context: context)
            return record.account
        }
    }

    /// Every account, in name order.
    public func users() throws -> [UserAccount] {
        try read { db in try UserRecord.order(Column("name")).fetchAll(db).map(\.account) }
    }

    /// Whether any account exists: from then on a run is finalized only with a reviewer's approval.
    public func hasUsers() throws -> Bool {
        try read { db in try Self.hasUsers(db) }
    }

    static func hasUsers(_ db: Database) throws -> Bool {
        try UserRecord.fetchCount(db) > 0
    }

    public func user(_ name: String) throws -> UserAccount {
        try read { db in try Self.userRecord(db, name).account }
    }

    /// Disables an account, audited (`user.disable`); it can no longer sign in or approve. The
    /// last enabled administrator is not disabled.
    public func disableUser(_ name: String, context: ChangeContext) throws {
        try write { db in
            var record = try Self.userRecord(db, name)
            if record.disabled { return }
            if record.role == .admin,
                try UserRecord.filter(Column("role") == Role.admin.rawValue && Column("disabled") == false).fetchCount(db) == 1
            {
                throw AccountError.lastAdmin(record.name)
            }
            let before = record.auditJSON
            record.disabled = true
            record.changedAt = context.timestamp
            try record.update(db)
            try db.audit(
                "user.disable", AuditSubject(divisionCode: record.townCode), before: before, after: record.auditJSON, context: context,
                keeping: ["name"])
        }
    }

    /// Sets an account's password, audited (`user.password`: only that it changed).
    public func setPassword(_ name: String, to password: String, hasher: PasswordHasher = .standard, context: ChangeContext) throws {
        try PasswordHasher.check(password)
        let hash = hasher.hash(password)
        try write { db in
            var record = try Self.userRecord(db, name)
            record.passwordHash = hash
            record.changedAt = context.timestamp
            try record.update(db)
            try db.audit(
                "user.password", AuditSubject(divisionCode: record.townCode), after: .object([("name", .string(record.name))]),
                context: context)
        }
    }

    /// The account, when the name and password are right and it is enabled; nil otherwise
    /// (which of the three was wrong is not told). A missing account costs a hash all the same,
    /// so that the time taken does not tell whether a name exists.
    public func authenticate(_ name: String, password: String) throws -> UserAccount? {
        let record = try read { db in try UserRecord.filter(Column("name") == name.trimmingSpaces()).fetchOne(db) }
        guard let record else {
            _ = PasswordHasher.verify(password, hash: Self.absentHash)
            return nil
        }
        guard PasswordHasher.verify(password, hash: record.passwordHash), !record.disabled else { return nil }
        return record.account
    }

    /// What a signed-in session must still match: nil when the account is gone or disabled,
    /// else its role, town and password hash, so that a new password or role ends the sessions
    /// signed in before it. Kept in memory only, never shown or logged.
    public func signInStamp(_ name: String) throws -> String? {
        let record = try read { db in try UserRecord.filter(Column("name") == name.trimmingSpaces()).fetchOne(db) }
        guard let record, !record.disabled else { return nil }
        return [record.role.rawValue, record.townCode ?? "", record.passwordHash].joined(separator: "|")
    }

    /// A hash no password matches, checked against when the name is unknown.
    private static let absentHash = "$2b$12$" + String(repeating: "A", count: 53)

    static func userRecord(_ db: Database, _ name: String) throws -> UserRecord {
        let name = name.trimmingSpaces()
        guard let record = try UserRecord.filter(Column("name") == name).fetchOne(db) else { throw AccountError.userUnknown(name) }
        return record
    }

    /// An account's name: 1 to 32 characters, no spaces at either end, no control characters,
    /// no colon (kept free for `name:password` forms).
    static func userName(_ text: String) throws -> String {
        let name = text.trimmingSpaces()
        guard !name.isEmpty, name.count <= 32,
            !name.unicodeScalars.contains(where: { $0.properties.generalCategory == .control || $0 == ":" })
        else { throw AccountError.nameInvalid(text) }
        return name
    }
}
