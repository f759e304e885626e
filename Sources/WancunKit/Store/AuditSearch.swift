import GRDB

/// What an audit line is about, for finding a thing's lines.
public enum AuditEntity: String, Sendable, CaseIterable {
    /// Lines naming a point (`key`: its code).
    case point
    /// Lines naming an operator (`key`: their ID number).
    case `operator`
    /// Lines about a division and not a point (`key`: its code).
    case division
    /// Lines about an account (`key`: its name).
    case user
}

/// A search of the audit trail: what the lines are about, who wrote them, which action, on
/// which days (`from` and `to` included), one page of them.
public struct AuditSearch: Sendable, Equatable {
    public var entity: AuditEntity?
    public var key: String?
    public var clerk: String?
    public var action: String?
    public var from: LocalDate?
    public var to: LocalDate?
    public var offset: Int
    public var limit: Int

    public init(
        entity: AuditEntity? = nil, key: String? = nil, clerk: String? = nil, action: String? = nil, from: LocalDate? = nil,
        to: LocalDate? = nil, offset: Int = 0, limit: Int = 50
    ) {
        self.entity = entity
        self.key = key
        self.clerk = clerk
        self.action = action
        self.from = from
        self.to = to
        self.offset = offset
        self.limit = limit
    }
}

/// One page of a search, newest first, and how many lines matched in all.
public struct AuditPage: Sendable {
    public var total: Int
    public var entries: [AuditEntry]
}

/// What an audit line is about and what was done, for deciding who may read it.
public struct AuditLineSubject: Sendable {
    public var action: String
    public var divisionCode: String?
    public var pointCode: String?
    public var operatorIdNumber: String?
}

extension AppDatabase {
    /// The lines matching `search` that `visible` lets through (every line when it is nil).
    public func searchAudit(_ search: AuditSearch, visible: ((AuditLineSubject) -> Bool)? = nil) throws -> AuditPage {
        var conditions: [String] = []
        var arguments: [any DatabaseValueConvertible] = []
        let key = search.key.flatMap { $0.isEmpty ? nil : $0 }
        switch search.entity {
        case .point?:
            conditions.append(key == nil ? "point_code IS NOT NULL" : "point_code = ?")
        case .operator?:
            conditions.append(key == nil ? "operator_id_number IS NOT NULL" : "operator_id_number = ?")
        case .division?:
            conditions.append(
                "point_code IS NULL AND action NOT LIKE 'user.%' AND " + (key == nil ? "division_code IS NOT NULL" : "division_code = ?"))
        case .user?:
            conditions.append(
                "action LIKE 'user.%'" + (key == nil ? "" : " AND ? IN (json_extract(after, '$.name'), json_extract(before, '$.name'))"))
        case nil:
            break
        }
        if let key, search.entity != nil { arguments.append(key) }
        func add(_ condition: String, _ value: (any DatabaseValueConvertible)?) {
            guard let value else { return }
            conditions.append(condition)
            arguments.append(value)
        }
        add("clerk = ?", search.clerk.flatMap { $0.isEmpty ? nil : $0 })
        add("action = ?", search.action.flatMap { $0.isEmpty ? nil : $0 })
        add("substr(at, 1, 10) >= ?", search.from?.description)
        add("substr(at, 1, 10) <= ?", search.to?.description)
        let filter = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        return try read { db in
            let args = StatementArguments(arguments.map(\.databaseValue))
            guard let visible else {
                let total = try Int.fetchOne(db, sql: "SELECT count(*) FROM audit \(filter)", arguments: args)!
                let entries = try AuditEntry.fetchAll(
                    db, sql: "SELECT * FROM audit \(filter) ORDER BY id DESC LIMIT \(max(search.limit, 0)) OFFSET \(max(search.offset, 0))",
                    arguments: args)
                return AuditPage(total: total, entries: entries)
            }
            var total = 0
            var ids: [Int64] = []
            let rows = try Row.fetchCursor(
                db, sql: "SELECT id, action, division_code, point_code, operator_id_number FROM audit \(filter) ORDER BY id DESC", arguments: args)
            while let row = try rows.next() {
                let line = AuditLineSubject(action: row[1], divisionCode: row[2], pointCode: row[3], operatorIdNumber: row[4])
                guard visible(line) else { continue }
                if total >= search.offset && ids.count < search.limit { ids.append(row[0]) }
                total += 1
            }
            let entries = try AuditEntry.fetchAll(
                db, sql: "SELECT * FROM audit WHERE id IN (\(ids.map(String.init).joined(separator: ","))) ORDER BY id DESC")
            return AuditPage(total: total, entries: entries)
        }
    }

    /// Every action the trail holds, in code order.
    public func auditActions() throws -> [String] {
        try read { db in try String.fetchAll(db, sql: "SELECT DISTINCT action FROM audit ORDER BY action") }
    }
}
