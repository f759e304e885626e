import GRDB

/// Whether an operator runs a point now, ran one and no longer does, or never ran one.
public enum AssignmentState: String, Sendable, CaseIterable {
    case current
    case ended
    case never
}

/// What a list of operators is searched by: a town they run (or, for `ended`, ran) a point of,
/// text found in the name, the ID number in full or its last characters, and whether they run
/// a point now; one page of it at a time.
public struct OperatorSearch: Sendable {
    public var town: DivisionCode?
    public var name: String?
    /// The whole ID number, or its last characters.
    public var idNumber: String?
    public var assignment: AssignmentState?
    public var offset = 0
    public var limit = 50
    /// A town clerk's reach (`AccessPolicy`): operators who run a point under `prefix` now, who
    /// have run only points under it, and those `registrar` registered and no point has ever
    /// had. Set by the access layer.
    var reach: (prefix: String, registrar: String)?

    public init(
        town: DivisionCode? = nil, name: String? = nil, idNumber: String? = nil, assignment: AssignmentState? = nil, offset: Int = 0,
        limit: Int = 50
    ) {
        self.town = town
        self.name = name
        self.idNumber = idNumber
        self.assignment = assignment
        self.offset = offset
        self.limit = limit
    }
}

/// An operator as a list shows them, with the point they run now.
public struct OperatorListing: Sendable {
    public var person: Operator
    public var pointCode: String?

    public func cells(_ language: Language) -> [Cell] { person.cells(language, pointCode: pointCode) }
}

/// One page of a search and how many operators match in all.
public struct OperatorPage: Sendable {
    public var total: Int
    public var operators: [OperatorListing]
}

extension AppDatabase {
    /// The operators that match, in name order, one page of them.
    public func searchOperators(_ search: OperatorSearch) throws -> OperatorPage {
        let (whereClause, arguments) = Self.operatorsWhere(search)
        return try read { db in
            let total = try Int.fetchOne(db, sql: "SELECT count(*) FROM operator o \(whereClause)", arguments: arguments) ?? 0
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT o.*, (SELECT p.code FROM assignment a JOIN point p ON p.id = a.point_id
                                 WHERE a.operator_id = o.id AND \(RegistrySQL.open("a")) LIMIT 1) AS point_code
                    FROM operator o \(whereClause) ORDER BY o.name, o.id LIMIT ? OFFSET ?
                    """, arguments: arguments + [max(search.limit, 0), max(search.offset, 0)])
            return OperatorPage(total: total, operators: try rows.map { OperatorListing(person: try Operator(row: $0), pointCode: $0["point_code"]) })
        }
    }

    /// The ID number of the operator with this row id (the web's address of an operator).
    public func operatorIDNumber(id: Int64) throws -> String? {
        try read { db in try String.fetchOne(db, sql: RegistrySQL.operatorIDNumber, arguments: [id]) }
    }

    static func operatorsWhere(_ search: OperatorSearch) -> (sql: String, arguments: StatementArguments) {
        var conditions: [String] = []
        var arguments: StatementArguments = []
        let open = "EXISTS (SELECT 1 FROM assignment a WHERE a.operator_id = o.id AND \(RegistrySQL.open("a")))"
        let any = "EXISTS (SELECT 1 FROM assignment a WHERE a.operator_id = o.id)"
        func runs(under prefix: String, now: Bool) -> String {
            "EXISTS (SELECT 1 FROM assignment a JOIN point p ON p.id = a.point_id WHERE a.operator_id = o.id"
                + (now ? " AND " + RegistrySQL.open("a") : "") + " AND p.code GLOB ?)"
        }
        if let reach = search.reach {
            let elsewhere =
                "EXISTS (SELECT 1 FROM assignment a JOIN point p ON p.id = a.point_id WHERE a.operator_id = o.id AND p.code NOT GLOB ?)"
            conditions.append(
                "(\(runs(under: reach.prefix, now: true)) OR (\(any) AND NOT \(elsewhere)) OR (NOT \(any) AND "
                    + "(SELECT clerk FROM audit WHERE operator_id_number = o.id_number ORDER BY id LIMIT 1) = ?))")
            arguments += [reach.prefix + "*", reach.prefix + "*", reach.registrar]
        }
        if let town = search.town {
            conditions.append(runs(under: town.significantPrefix, now: search.assignment != .ended))
            arguments += [town.significantPrefix + "*"]
        }
        if let name = search.name, !name.isEmpty {
            conditions.append("instr(o.name, ?) > 0")
            arguments += [name]
        }
        if let id = search.idNumber?.uppercased(), !id.isEmpty {
            conditions.append("substr(o.id_number, -length(?)) = ?")
            arguments += [id, id]
        }
        switch search.assignment {
        case .current?: conditions.append(open)
        case .ended?: conditions.append("NOT \(open) AND \(any)")
        case .never?: conditions.append("NOT \(any)")
        case nil: break
        }
        return (conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND "), arguments)
    }
}
