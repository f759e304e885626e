import GRDB

/// What an account may do (`Actor`, `AccessPolicy`).
public enum Role: String, Sendable, Codable, CaseIterable, DatabaseValueConvertible {
    /// Manages the accounts; sees nothing of the registry.
    case admin
    /// Sees and changes the whole county, and may show ID numbers in full.
    case countyClerk = "county-clerk"
    /// Sees and changes only the points of one town and their operators.
    case townClerk = "town-clerk"
    /// Reads everything, may show ID numbers in full, and approves: finalizes a run another
    /// clerk made, and a reconciliation that changes the bureau's recorded decisions.
    case reviewer
}

/// An account as it is shown: never its password hash.
public struct UserAccount: Sendable, Hashable {
    public var name: String
    public var role: Role
    /// The town of a town clerk.
    public var town: DivisionCode?
    public var disabled: Bool
    public var createdAt: String
    public var changedAt: String

    public static let columns: [Table.Column] = [
        .init("name", Message.Header.name), .init("role", Message.Header.role), .init("town_code", Message.Header.town),
        .init("disabled", Message.Header.disabled), .init("created_at", Message.Header.createdAt, use: .detail),
        .init("changed_at", Message.Header.changedAt),
    ]

    public var cells: [Cell] {
        [
            .text(name), .label(code: role.rawValue, .role(role)), town.map { .code($0.rawValue) } ?? .null, .bool(disabled),
            .text(createdAt), .text(changedAt),
        ]
    }

    /// The account acting: what it may see and change.
    public var actor: Actor { Actor(name: name, role: role, town: town) }
}

/// The stored row, with its hash; only this folder reads it.
struct UserRecord: Codable, Sendable, FetchableRecord, MutablePersistableRecord {
    var id: Int64?
    var name: String
    var role: Role
    var townCode: String?
    var passwordHash: String
    var disabled: Bool
    var createdAt: String
    var changedAt: String

    static let databaseTableName = "user"
    static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase
    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

    var account: UserAccount {
        UserAccount(
            name: name, role: role, town: townCode.flatMap { try? DivisionCode(parsing: $0) }, disabled: disabled, createdAt: createdAt,
            changedAt: changedAt)
    }

    /// What the audit trail keeps of an account: never the hash.
    var auditJSON: JSONValue {
        AuditObject.make { o in
            o.text("name", name)
            o.text("role", role)
            o.text("town_code", townCode)
            o.number("disabled", disabled ? 1 : 0)
        }
    }
}
