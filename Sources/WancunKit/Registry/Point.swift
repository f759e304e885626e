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

/// A village e-commerce service point (村级电商服务点) as stored.
public struct Point: Codable, Sendable, Hashable, FetchableRecord, MutablePersistableRecord {
    public var id: Int64?
    /// The village's 12 digits and a 3-digit number: unique, never reused.
    public var code: String
    public var villageId: Int64
    public var name: String
    public var address: String?
    public var latitude: Double?
    public var longitude: Double?
    public var planYear: Int?
    public var openedOn: LocalDate?
    /// The status of the latest `point_status` row, kept by a trigger.
    public var status: PointStatus
    public var businessName: String?
    public var creditCode: String?
    /// Why a credit code that fails its check character was kept.
    public var creditCodeOverride: String?

    public static let databaseTableName = "point"
    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

    /// The fields an edit may change, as audited.
    var auditJSON: JSONValue { AuditObject.make(auditFields) }

    func auditFields(_ f: inout some AuditFields) {
        f.text("name", name); f.text("address", address); f.number("latitude", latitude); f.number("longitude", longitude)
        f.number("plan_year", planYear); f.text("opened_on", openedOn); f.text("business_name", businessName)
        f.text("credit_code", creditCode)
    }
}

// Column by column, for reading and writing: Codable and its snake-case conversion cost more
// than the SQL itself when an import writes hundreds of thousands of points.
extension Point: CachedInsert {
    public init(row: Row) throws { self.init(columns: row) }

    /// Columns by name from a `Row`, by position (the table's order) from a statement.
    init(columns c: some ColumnSource) {
        id = c[0, "id"]
        code = c[1, "code"]!
        villageId = c[2, "village_id"]!
        name = c[3, "name"]!
        address = c[4, "address"]
        latitude = c[5, "latitude"]
        longitude = c[6, "longitude"]
        planYear = c[7, "plan_year"]
        openedOn = c[8, "opened_on"]
        status = c[9, "status"]!
        businessName = c[10, "business_name"]
        creditCode = c[11, "credit_code"]
        creditCodeOverride = c[12, "credit_code_override"]
    }

    public func encode(to container: inout PersistenceContainer) throws {
        container["id"] = id
        container["code"] = code
        container["village_id"] = villageId
        container["name"] = name
        container["address"] = address
        container["latitude"] = latitude
        container["longitude"] = longitude
        container["plan_year"] = planYear
        container["opened_on"] = openedOn
        container["status"] = status
        container["business_name"] = businessName
        container["credit_code"] = creditCode
        container["credit_code_override"] = creditCodeOverride
    }

    static let insertSQL = makeInsertSQL(["code", "village_id", "name", "address", "latitude", "longitude", "plan_year", "opened_on", "status"])
    func bindInsert(_ b: inout Bindings) {
        b(code); b(villageId); b(name); b(address); b(latitude); b(longitude); b(planYear); b(openedOn); b(status)
    }

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
    public var code: String
    public var name: String
    public var villageCode: DivisionCode
    public var villageName: String
    public var townName: String
    public var status: PointStatus
    public var planYear: Int?
    public var openedOn: LocalDate?
    public var address: String?
    public var latitude: Double?
    public var longitude: Double?
    public var businessName: String?
    public var creditCode: String?
    public var operatorName: String?
    public var operatorIdNumber: String?

    public init(row: Row) throws {
        code = row["code"]
        name = row["name"]
        villageCode = row["village_code"]
        villageName = row["village_name"]
        townName = row["town_name"]
        status = row["status"]
        planYear = row["plan_year"]
        openedOn = row["opened_on"]
        address = row["address"]
        latitude = row["latitude"]
        longitude = row["longitude"]
        businessName = row["business_name"]
        creditCode = row["credit_code"]
        operatorName = row["operator_name"]
        operatorIdNumber = row["operator_id_number"]
    }

    static let selectSQL = """
        SELECT p.code, p.name, v.code AS village_code, v.name AS village_name, t.name AS town_name, p.status,
               p.plan_year, p.opened_on, p.address, p.latitude, p.longitude, p.business_name, p.credit_code,
               o.name AS operator_name, o.id_number AS operator_id_number
        FROM point p
        JOIN division v ON v.id = p.village_id
        JOIN division t ON t.id = v.parent_id
        LEFT JOIN assignment a ON a.point_id = p.id AND a.ended_on IS NULL
        LEFT JOIN operator o ON o.id = a.operator_id
        """

    public static let columns: [Table.Column] = [
        .init("code", Message.Header.pointCode), .init("name", Message.Header.pointName),
        .init("town_name", Message.Header.town), .init("village_code", Message.Header.villageCode, use: .detail),
        .init("village_name", Message.Header.village), .init("status", Message.Header.status),
        .init("plan_year", Message.Header.planYear, use: .detail), .init("opened_on", Message.Header.openedOn),
        .init("operator_name", Message.Header.operatorName), .init("operator_id_number", Message.Header.idNumber),
    ]

    public func cells(_ language: Language) -> [Cell] {
        [
            .code(code), .text(name), .text(townName), .code(villageCode.rawValue), .text(villageName),
            .label(code: status.rawValue, .pointStatus(status)), planYear.map { .integer(Int64($0)) } ?? .null,
            .optional(openedOn?.description), .optional(operatorName), operatorIdNumber.map(Cell.residentID) ?? .null,
        ]
    }
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
