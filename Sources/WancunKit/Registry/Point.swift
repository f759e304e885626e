import GRDB

/// The states of a service point.
public enum PointStatus: String, Sendable, CaseIterable, Codable, DatabaseValueConvertible {
    case planned, operating, suspended, closed

    /// The changes the lifecycle allows from this state.
    public var allowedNext: [PointStatus] {
        switch self {
        case .planned: [.operating, .closed]
        case .operating: [.suspended, .closed]
        case .suspended: [.operating, .closed]
        case .closed: []
        }
    }
}

extension Point {
    /// The fields an edit may change, as audited.
    var auditJSON: JSONValue { AuditObject.make(auditFields) }

    func auditFields(_ f: inout some AuditFields) { auditFieldValues(&f) }
}

// Column by column, for reading and writing, as the field list gives them: Codable and its
// snake-case conversion cost more than the SQL itself when an import writes hundreds of
// thousands of points.
extension Point: CachedInsert {
    public init(row: Row) throws { self.init(columns: row) }

    /// Columns by name from a `Row`, by position (the table's order) from a statement.
    init(columns c: some ColumnSource) { self.init(fieldsFrom: c) }

    public func encode(to container: inout PersistenceContainer) throws { encodeFields(to: &container) }

    static let insertSQL = makeInsertSQL(insertedColumns)
    func bindInsert(_ b: inout Bindings) { bindFields(&b) }

    /// The point with this code, if any.
    static func fetch(_ db: Database, code: String) throws -> Point? {
        try db.cachedStatement(sql: "SELECT * FROM point WHERE code = ?").firstRow({ $0(code) }, read: Point.init(columns:))
    }

    /// A village's points, in code order.
    static func fetchAll(_ db: Database, villageId: Int64) throws -> [Point] {
        try db.cachedStatement(sql: "SELECT * FROM point WHERE village_id = ? ORDER BY code").rows({ $0(villageId) }, read: Point.init(columns:))
    }
}

/// One row of a point's status history.
public struct PointStatusChange: Codable, Sendable, Hashable, FetchableRecord, MutablePersistableRecord {
    public var id: Int64?
    public var pointId: Int64
    public var fromStatus: PointStatus?
    public var status: PointStatus
    public var onDate: LocalDate
    public var reason: String
    public var clerk: String

    public static let databaseTableName = "point_status"
    public static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase
    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

extension PointStatusChange: CachedInsert {
    static let insertSQL = makeInsertSQL(["point_id", "from_status", "status", "on_date", "reason", "clerk"])
    func bindInsert(_ b: inout Bindings) {
        b(pointId); b(fromStatus); b(status); b(onDate); b(reason); b(clerk)
    }

    public init(row: Row) throws {
        id = row["id"]
        pointId = row["point_id"]
        fromStatus = row["from_status"]
        status = row["status"]
        onDate = row["on_date"]
        reason = row["reason"]
        clerk = row["clerk"]
    }
}

/// A point as lists show it: its village and town by code and name, its current operator.
public struct PointListing: Sendable, Hashable, FetchableRecord {
    public var point: Point
    public var villageCode: DivisionCode
    public var villageName: String
    public var townName: String
    public var operatorName: String?
    public var operatorIdNumber: String?

    public var code: String { point.code }
    public var name: String { point.name }
    public var status: PointStatus { point.status }
    public var planYear: Int? { point.planYear }
    public var openedOn: LocalDate? { point.openedOn }
    public var address: String? { point.address }
    public var latitude: Double? { point.latitude }
    public var longitude: Double? { point.longitude }
    public var businessName: String? { point.businessName }
    public var creditCode: String? { point.creditCode }

    public init(row: Row) throws {
        point = Point(columns: row)
        villageCode = row["village_code"]
        villageName = row["village_name"]
        townName = row["town_name"]
        operatorName = row["operator_name"]
        operatorIdNumber = row["operator_id_number"]
    }

    static let selectSQL = """
        SELECT p.*, v.code AS village_code, v.name AS village_name, t.name AS town_name,
               o.name AS operator_name, o.id_number AS operator_id_number
        FROM point p
        JOIN division v ON v.id = p.village_id
        JOIN division t ON t.id = v.parent_id
        LEFT JOIN assignment a ON a.point_id = p.id AND \(RegistrySQL.open("a"))
        LEFT JOIN operator o ON o.id = a.operator_id
        """

    private static let listed = Point.listedFields
    private static let showOnly = Point.showOnlyFields

    /// What a row is (its code and name), where it is, its status, the point's listed fields,
    /// its operator.
    public static let columns: [Table.Column] =
        [Point.placed("code").tableColumn, Point.placed("name").tableColumn]
        + [
            .init("town_name", Message.Header.town), .init("village_code", Message.Header.villageCode, use: .detail),
            .init("village_name", Message.Header.village), Point.placed("status").tableColumn,
        ]
        + listed.map(\.tableColumn)
        + [.init("operator_name", Message.Header.operatorName), .init("operator_id_number", Message.Header.idNumber)]

    public func cells(_ language: Language) -> [Cell] {
        let own = { (field: Field<Point>) in field.value.cell(point) }
        return [
            own(Point.placed("code")), own(Point.placed("name")), .text(townName), .code(villageCode.rawValue), .text(villageName),
            own(Point.placed("status")),
        ]
            + Self.listed.map(own) + [.optional(operatorName), operatorIdNumber.map(Cell.residentID) ?? .null]
    }

    /// `show`'s fields after the list's: those only `show` shows.
    public static let detailColumns: [Table.Column] = showOnly.map(\.tableColumn)

    public func detailCells() -> [Cell] { Self.showOnly.map { $0.value.cell(point) } }
}

/// Filters for `point list`.
public struct PointFilter: Sendable {
    public var under: DivisionCode?
    public var status: PointStatus?

    public init(under: DivisionCode? = nil, status: PointStatus? = nil) {
        self.under = under
        self.status = status
    }
}
