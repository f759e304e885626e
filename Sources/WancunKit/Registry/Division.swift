import GRDB

/// A statistical division as stored: a province down to a village-level unit.
public struct Division: Codable, Sendable, Hashable, FetchableRecord, MutablePersistableRecord {
    public var id: Int64?
    public var code: DivisionCode
    public var name: String
    public var level: String
    public var parentId: Int64?
    /// Set when a newer release no longer lists the code; the row is kept for history.
    public var retiredOn: LocalDate?

    public static let databaseTableName = "division"

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

    public var divisionLevel: DivisionLevel { code.level }
}

// Column by column: faster than Codable, which shows in imports.
extension Division {
    public init(row: Row) throws { self.init(columns: row) }

    /// Columns by name from a `Row`, by position (the table's order) from a statement.
    init(columns c: some ColumnSource) {
        id = c[0, "id"]
        code = c[1, "code"]!
        name = c[2, "name"]!
        level = c[3, "level"]!
        parentId = c[4, "parent_id"]
        retiredOn = c[5, "retired_on"]
    }

    public func encode(to container: inout PersistenceContainer) throws {
        container["id"] = id
        container["code"] = code
        container["name"] = name
        container["level"] = level
        container["parent_id"] = parentId
        container["retired_on"] = retiredOn
    }

    /// The division with this code, if any.
    static func fetch(_ db: Database, code: DivisionCode) throws -> Division? {
        try db.cachedStatement(sql: "SELECT * FROM division WHERE code = ?").firstRow({ $0(code) }, read: Division.init(columns:))
    }
}

/// A division as lists show it: its parent by code.
public struct DivisionListing: Sendable, Hashable, FetchableRecord {
    public var code: DivisionCode
    public var name: String
    public var level: DivisionLevel
    public var parentCode: DivisionCode?
    public var retiredOn: LocalDate?

    public init(row: Row) throws {
        code = row["code"]
        name = row["name"]
        level = DivisionLevel(rawValue: row["level"])!
        parentCode = row["parent_code"]
        retiredOn = row["retired_on"]
    }

    public static let columns: [Table.Column] = [
        .init("code", Message.Header.code), .init("name", Message.Header.name), .init("level", Message.Header.level),
        .init("parent_code", Message.Header.parentCode), .init("retired_on", Message.Header.retiredOn),
    ]

    public func cells(_ language: Language) -> [Cell] {
        [
            .code(code.rawValue), .text(name), .label(code: level.rawValue, .divisionLevel(level)), parentCode.map { .code($0.rawValue) } ?? .null,
            .optional(retiredOn?.description),
        ]
    }
}

/// Filters for `division list`.
public struct DivisionFilter: Sendable {
    public var under: DivisionCode?
    public var level: DivisionLevel?
    public var ruralOnly = false
    public var includeRetired = false

    public init(under: DivisionCode? = nil, level: DivisionLevel? = nil, ruralOnly: Bool = false, includeRetired: Bool = false) {
        self.under = under
        self.level = level
        self.ruralOnly = ruralOnly
        self.includeRetired = includeRetired
    }
}

extension Division {
    /// SQL that is true for a rural village code (`d` names the division table).
    static let ruralSQL = """
        (d.level = 'village' AND (substr(d.code, 10, 3) BETWEEN '200' AND '399' \
        OR substr(d.code, 10, 3) BETWEEN '500' AND '599'))
        """
}

extension AppDatabase {
    /// Divisions in code order, with their parents' codes.
    public func divisions(_ filter: DivisionFilter = DivisionFilter()) throws -> [DivisionListing] {
        var conditions: [String] = []
        var arguments: StatementArguments = []
        if let under = filter.under {
            conditions.append("d.code GLOB ? AND d.code <> ?")
            arguments += [under.significantPrefix + "*", under.rawValue]
        }
        if let level = filter.level {
            conditions.append("d.level = ?")
            arguments += [level.rawValue]
        }
        if filter.ruralOnly { conditions.append(Division.ruralSQL) }
        if !filter.includeRetired { conditions.append(RegistrySQL.standing("d")) }
        let whereClause = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        return try read { db in
            try DivisionListing.fetchAll(
                db,
                sql: """
                    SELECT d.code, d.name, d.level, p.code AS parent_code, d.retired_on
                    FROM division d LEFT JOIN division p ON p.id = d.parent_id
                    \(whereClause) ORDER BY d.code
                    """, arguments: arguments)
        }
    }

    /// One division by code, retired or not.
    public func division(_ code: DivisionCode) throws -> DivisionListing? {
        try read { db in
            try DivisionListing.fetchOne(
                db,
                sql: """
                    SELECT d.code, d.name, d.level, p.code AS parent_code, d.retired_on
                    FROM division d LEFT JOIN division p ON p.id = d.parent_id WHERE d.code = ?
                    """, arguments: [code])
        }
    }
}
