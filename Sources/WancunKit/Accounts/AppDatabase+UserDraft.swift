import GRDB

/// A refusal of an account form, with the field it concerns.
public struct UserRefusal: Sendable, Equatable {
    /// `name`, `role`, `town_code`, `password` or `password_repeat`.
    public var field: String
    public var error: AccountError

    public init(field: String, error: AccountError) {
        self.field = field
        self.error = error
    }
}

extension AppDatabase {
    /// Every refusal `addUser` would meet for `new`, at once, and the password typed a second
    /// time (`repeated`) not matching; none when the account may be added.
    public func userRefusals(_ new: NewUser, repeated: String) throws -> [UserRefusal] {
        var refusals: [UserRefusal] = []
        do {
            let name = try Self.userName(new.name)
            if try read({ db in try UserRecord.filter(Column("name") == name).fetchCount(db) }) > 0 {
                refusals.append(UserRefusal(field: "name", error: .userExists(name)))
            }
        } catch let error as AccountError {
            refusals.append(UserRefusal(field: "name", error: error))
        }
        switch (new.role, new.town) {
        case (.townClerk, nil): refusals.append(UserRefusal(field: "town_code", error: .townRequired))
        case (.townClerk, let town?):
            let known = try read { db in
                try Int.fetchOne(db, sql: "SELECT count(*) FROM division WHERE code = ? AND level = 'town'", arguments: [town.rawValue])!
            }
            if town.level != .town || known == 0 { refusals.append(UserRefusal(field: "town_code", error: .townUnknown(town.rawValue))) }
        case (let role, _?): refusals.append(UserRefusal(field: "town_code", error: .townNotForRole(role)))
        case (_, nil): break
        }
        refusals += Self.passwordRefusals(new.password, repeated: repeated)
        return refusals
    }

    /// A password's refusals, and its second typing not matching.
    public static func passwordRefusals(_ password: String, repeated: String) -> [UserRefusal] {
        var refusals: [UserRefusal] = []
        do { try PasswordHasher.check(password) } catch { refusals.append(UserRefusal(field: "password", error: error)) }
        if password != repeated { refusals.append(UserRefusal(field: "password_repeat", error: .passwordsDiffer)) }
        return refusals
    }
}
