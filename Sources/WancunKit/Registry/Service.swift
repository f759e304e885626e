import GRDB

/// What a point offers villagers (policy section 九).
public enum ServiceKind: String, Sendable, CaseIterable, Codable, DatabaseValueConvertible {
    case agentPurchase = "agent-purchase"
    case agentSale = "agent-sale"
    case billPayment = "bill-payment"
    case ticketing
    case parcel
    case finance
}

/// What agent purchasing buys, also the category of a purchase in the ledger.
public enum PurchaseCategory: String, Sendable, CaseIterable, Codable, DatabaseValueConvertible {
    case buildingMaterials = "building-materials"
    case farmInputs = "farm-inputs"
    case medicines
    case dailyGoods = "daily-goods"

    /// Accepts the code or the Chinese name people write (建材, 农资, 药品, 日用品).
    public init?(text: String) { self.init(label: text) }
}

/// A service a point offers from one date to another.
public struct Service: Codable, Sendable, Hashable, FetchableRecord, MutablePersistableRecord {
    public var id: Int64?
    public var pointId: Int64
    public var kind: ServiceKind
    public var category: PurchaseCategory?
    /// The partner pharmacy (medicines) or bank (finance).
    public var partner: String?
    /// The pharmacy's 药品经营许可证 number.
    public var licence: String?
    public var startedOn: LocalDate
    public var endedOn: LocalDate?

    public static let databaseTableName = "service"
    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

    var auditJSON: JSONValue { AuditObject.make(auditFields) }

    func auditFields(_ f: inout some AuditFields) { auditFieldValues(&f) }
}

// Column by column: faster than Codable, which shows in imports.
extension Service: CachedInsert {
    static let insertSQL = makeInsertSQL(insertedColumns)
    func bindInsert(_ b: inout Bindings) { bindFields(&b) }

    public init(row: Row) throws { self.init(columns: row) }

    /// Columns by name from a `Row`, by position (the table's order) from a statement.
    init(columns c: some ColumnSource) { self.init(fieldsFrom: c) }

    public func encode(to container: inout PersistenceContainer) throws { encodeFields(to: &container) }

    /// The point's open services, oldest first.
    static func fetchOpen(_ db: Database, pointId: Int64) throws -> [Service] {
        try db.cachedStatement(sql: openSQL).rows({ $0(pointId) }, read: Service.init(columns:))
    }

    /// Made once: an import reads a point's open services on every row of a point it has.
    private static let openSQL = "SELECT * FROM service WHERE point_id = ? AND \(RegistrySQL.open()) ORDER BY id"
}

/// A service to add.
public struct NewService: Sendable {
    public var pointCode: String
    public var kind: ServiceKind
    public var category: PurchaseCategory?
    public var partner: String?
    public var licence: String?
    public var from: LocalDate

    public init(
        pointCode: String, kind: ServiceKind, category: PurchaseCategory? = nil, partner: String? = nil, licence: String? = nil, from: LocalDate
    ) {
        self.pointCode = pointCode
        self.kind = kind
        self.category = category
        self.partner = partner
        self.licence = licence
        self.from = from
    }
}

/// A service as `service list` shows it.
public struct ServiceListing: Sendable, FetchableRecord {
    public var pointCode: String
    public var pointName: String
    public var service: Service

    public init(row: Row) throws {
        pointCode = row["point_code"]
        pointName = row["point_name"]
        service = try Service(row: row)
    }

    /// The point, then the service's listed fields.
    public static let columns: [Table.Column] =
        [.init("point_code", Message.Header.pointCode), .init("point_name", Message.Header.pointName)]
        + Service.listedFields.map(\.tableColumn)

    public var cells: [Cell] { [.text(pointCode), .text(pointName)] + Service.listedFields.map { $0.value.cell(service) } }
}

extension AppDatabase {
    /// Starts a service at a point. Agent purchasing names its category; medicines need the
    /// partner pharmacy and its licence number; finance needs the partner bank.
    public func addService(_ new: NewService, context: ChangeContext) throws -> Service {
        try write { db in try Self.addService(db, new, context: context) }
    }

    static func addService(_ db: Database, _ new: NewService, context: ChangeContext) throws -> Service {
        let point = try Self.point(db, new.pointCode)
        return try addService(db, point: point, open: Service.fetchOpen(db, pointId: point.id!), new, context: context)
    }

    /// `open`: the point's open services, as the caller has just read them.
    static func addService(_ db: Database, point: Point, open: [Service], _ new: NewService, context: ChangeContext, audited: Bool = true) throws
        -> Service
    {
        // Every refusal at once.
        var refusals: [RegistryError] = []
        if point.status == .closed { refusals.append(.pointClosed(point.code)) }
        if new.from > context.today { refusals.append(.dateInFuture(field: "date", new.from)) }
        if let opened = point.openedOn, new.from < opened { refusals.append(.serviceBeforeOpening(new.from, opened: opened)) }
        let partner = new.partner.map(Normalize.spreadsheetText).flatMap { $0.isEmpty ? nil : $0 }
        let licence = new.licence.map(Normalize.spreadsheetText).flatMap { $0.isEmpty ? nil : $0 }
        switch new.kind {
        case .agentPurchase:
            if new.category == nil { refusals.append(.serviceCategoryRequired) }
            if new.category == .medicines && (partner == nil || licence == nil) { refusals.append(.medicinesNeedPharmacy) }
        case .finance:
            if partner == nil { refusals.append(.financeNeedsBank) }
            if new.category != nil { refusals.append(.serviceCategoryOnlyForPurchase) }
        default:
            if new.category != nil { refusals.append(.serviceCategoryOnlyForPurchase) }
        }
        // A service the point offers already is told only of one that could be added otherwise.
        if refusals.isEmpty && open.contains(where: { $0.kind == new.kind && $0.category == new.category }) {
            refusals.append(.serviceExists(new.kind.rawValue, new.category?.rawValue))
        }
        try RegistryError.refuse(refusals)
        var service = Service(
            pointId: point.id!, kind: new.kind, category: new.category, partner: partner, licence: licence, startedOn: new.from)
        try service.insertCached(db)
        if audited { try db.audit("service.add", AuditSubject(pointCode: point.code), after: service.auditJSON, context: context) }
        return service
    }

    /// Ends a point's open service of a kind (and category, for agent purchasing).
    public func endService(pointCode: String, kind: ServiceKind, category: PurchaseCategory?, on date: LocalDate, context: ChangeContext) throws {
        try write { db in
            let point = try Self.point(db, pointCode)
            guard
                var service = try Service.filter(
                    Service.Columns.pointId == point.id! && Service.Columns.kind == kind.rawValue && Service.Columns.endedOn == nil
                ).fetchAll(db).first(where: { category == nil || $0.category == category })
            else {
                throw RegistryError.serviceNotOpen(kind.rawValue)
            }
            // Every refusal at once.
            var refusals: [RegistryError] = []
            if date < service.startedOn { refusals.append(.unassignBeforeStart(date, started: service.startedOn)) }
            if date > context.today { refusals.append(.dateInFuture(field: "date", date)) }
            try RegistryError.refuse(refusals)
            let before = service.auditJSON
            service.endedOn = date
            try service.update(db)
            try db.audit("service.end", AuditSubject(pointCode: pointCode), before: before, after: service.auditJSON, context: context)
        }
    }

    public func services(pointCode: String? = nil, kind: ServiceKind? = nil) throws -> [ServiceListing] {
        var conditions: [String] = []
        var arguments: StatementArguments = []
        if let pointCode {
            conditions.append("p.code = ?")
            arguments += [pointCode]
        }
        if let kind {
            conditions.append("s.kind = ?")
            arguments += [kind.rawValue]
        }
        let whereClause = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        return try read { db in
            try ServiceListing.fetchAll(
                db,
                sql: """
                    SELECT s.*, p.code AS point_code, p.name AS point_name FROM service s JOIN point p ON p.id = s.point_id
                    \(whereClause) ORDER BY p.code, s.kind, s.category, s.started_on
                    """, arguments: arguments)
        }
    }
}
