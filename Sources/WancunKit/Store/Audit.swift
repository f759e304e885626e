import GRDB

/// One line of the append-only audit trail: who, when, what (before and after) and why.
public struct AuditEntry: Codable, Sendable, FetchableRecord, MutablePersistableRecord {
    public var id: Int64?
    public var at: String
    public var clerk: String
    public var action: String
    public var divisionCode: String?
    public var pointCode: String?
    public var operatorIdNumber: String?
    public var before: String?
    public var after: String?
    public var reason: String?

    public static let databaseTableName = "audit"
    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    public static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

/// The subject of an audited change, for filtering the trail.
public struct AuditSubject: Sendable {
    public var divisionCode: String?
    public var pointCode: String?
    public var operatorIdNumber: String?

    public init(divisionCode: String? = nil, pointCode: String? = nil, operatorIdNumber: String? = nil) {
        self.divisionCode = divisionCode
        self.pointCode = pointCode
        self.operatorIdNumber = operatorIdNumber
    }
}

extension Database {
    /// Appends to the audit trail inside the current write.
    func audit(
        _ action: String, _ subject: AuditSubject, before: JSONValue? = nil, after: JSONValue? = nil,
        reason: String? = nil, context: ChangeContext
    ) throws {
        var before = before
        var after = after
        // An edit keeps only the fields it changed.
        if case .object(let old)? = before, case .object(let new)? = after {
            let changed = Set(new.indices.filter { i in old.first { $0.0 == new[i].0 }?.1 != new[i].1 }.map { new[$0].0 })
            before = .object(old.filter { changed.contains($0.0) })
            after = .object(new.filter { changed.contains($0.0) })
        }
        // A statement compiled once: an import writes one line per row.
        try cachedStatement(
            sql: """
                INSERT INTO audit (at, clerk, action, division_code, point_code, operator_id_number, before, after, reason)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """
        ).run {
            $0(context.timestamp); $0(context.clerk); $0(action); $0(subject.divisionCode); $0(subject.pointCode)
            $0(subject.operatorIdNumber); $0(utf8: before?.compactUTF8()); $0(utf8: after?.compactUTF8()); $0(reason)
        }
    }
}

extension JSONValue {
    /// One-line JSON, as stored.
    public func compact() -> String { String(decoding: compactUTF8(), as: UTF8.self) }

    func compactUTF8() -> [UInt8] {
        var writer = JSONWriter()
        write(to: &writer)
        return writer.bytes
    }
}

/// Filters for reading the audit trail.
public struct AuditFilter: Sendable {
    public var pointCode: String?
    public var operatorIdNumber: String?
    public var divisionCode: String?
    public var since: LocalDate?

    public init(pointCode: String? = nil, operatorIdNumber: String? = nil, divisionCode: String? = nil, since: LocalDate? = nil) {
        self.pointCode = pointCode
        self.operatorIdNumber = operatorIdNumber
        self.divisionCode = divisionCode
        self.since = since
    }
}

extension AppDatabase {
    /// The audit trail, oldest first.
    public func auditEntries(_ filter: AuditFilter) throws -> [AuditEntry] {
        try read { db in
            var request = AuditEntry.all()
            if let code = filter.pointCode { request = request.filter(Column("point_code") == code) }
            if let id = filter.operatorIdNumber { request = request.filter(Column("operator_id_number") == id) }
            if let code = filter.divisionCode { request = request.filter(Column("division_code") == code) }
            if let since = filter.since { request = request.filter(Column("at") >= since.description) }
            return try request.order(Column("id")).fetchAll(db)
        }
    }
}
