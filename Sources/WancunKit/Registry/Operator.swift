import GRDB

/// Employment-difficulty categories (就业困难人员类别).
public enum DifficultyCategory: String, Sendable, CaseIterable, Codable, DatabaseValueConvertible {
    case age4050 = "4050"
    case disabled
    case zeroEmployment = "zero-employment"
    case minimumIncome = "minimum-income"
    case landLost = "land-lost"
    case longTermUnemployed = "long-term-unemployed"
    case other
}

/// Which statutory retirement age applies: men, women at 55 (cadre posts) or 50 (worker posts).
public enum RetirementGroup: String, Sendable, CaseIterable, Codable, DatabaseValueConvertible {
    case male
    case female55 = "female-55"
    case female50 = "female-50"
}

public enum ContractType: String, Sendable, CaseIterable, Codable, DatabaseValueConvertible {
    /// 劳动合同, for a registered business.
    case labour
    /// 民事协议, otherwise.
    case civil
}

extension Operator {
    /// Read column by column, as the field list gives them: faster than Codable decoding where
    /// thousands are read at once.
    public init(row: Row) throws { self.init(columns: row) }

    /// Columns by name from a `Row`, by position (the table's order) from a statement.
    init(columns c: some ColumnSource) { self.init(fieldsFrom: c) }

    public func encode(to container: inout PersistenceContainer) throws { encodeFields(to: &container) }
}

extension Operator: CachedInsert {
    static let insertSQL = makeInsertSQL(insertedColumns)
    func bindInsert(_ b: inout Bindings) { bindFields(&b) }

    /// The operator with this ID number, if any.
    static func fetch(_ db: Database, idNumber: String) throws -> Operator? {
        try db.cachedStatement(sql: "SELECT * FROM operator WHERE id_number = ?").firstRow({ $0(idNumber) }, read: Operator.init(columns:))
    }

    /// The ID number as a checked value (the schema guarantees its shape).
    public var residentID: ResidentID { ResidentID(trusted: idNumber) }

    var auditJSON: JSONValue { AuditObject.make(auditFields) }

    func auditFields(_ f: inout some AuditFields) { auditFieldValues(&f) }

    private static let listed = listedFields

    /// Who (name, ID number and what it tells, phone), the listed fields, the point run now.
    public static let columns: [Table.Column] =
        [placed("name"), placed("id_number"), placed("phone")].map(\.tableColumn)
        + [.init("sex", Message.Header.sex), .init("birth_date", Message.Header.birthDate, use: .detail)]
        + listed.map(\.tableColumn) + [.init("point_code", Message.Header.pointCode)]

    public func cells(_ language: Language, pointCode: String?) -> [Cell] {
        [Self.placed("name"), Self.placed("id_number"), Self.placed("phone")].map { $0.value.cell(self) }
            + [.label(code: residentID.sex.rawValue, .sex(residentID.sex)), .birthDerived(residentID.birthDate.description)]
            + Self.listed.map { $0.value.cell(self) } + [.optional(pointCode)]
    }
}

/// An assignment that a new one ended: whose it was (the ID number masked), from when, and the
/// day it ended (the new operator's first day, the old one's first day off).
public struct EndedAssignment: Sendable, Hashable {
    public var name: String
    public var maskedID: String
    public var startedOn: LocalDate
    public var endedOn: LocalDate
}

/// An operator's time at a point, with the contract that covers it.
public struct Assignment: Codable, Sendable, Hashable, FetchableRecord, MutablePersistableRecord {
    public var id: Int64?
    public var pointId: Int64
    public var operatorId: Int64
    public var startedOn: LocalDate
    /// The day it ended: the operator worked from `startedOn` up to, not including, this day.
    public var endedOn: LocalDate?
    public var endReason: String?
    public var contractType: ContractType?
    public var contractFrom: LocalDate?
    public var contractTo: LocalDate?

    public static let databaseTableName = "assignment"
    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

    /// Read column by column: faster than Codable decoding where thousands are read at once.
    public init(row: Row) throws { self.init(columns: row) }

    /// Columns by name from a `Row`, by position (the table's order) from a statement.
    init(columns c: some ColumnSource) { self.init(fieldsFrom: c) }

    init(
        id: Int64? = nil, pointId: Int64, operatorId: Int64, startedOn: LocalDate, endedOn: LocalDate? = nil, endReason: String? = nil,
        contractType: ContractType?, contractFrom: LocalDate?, contractTo: LocalDate?
    ) {
        self.id = id
        self.pointId = pointId
        self.operatorId = operatorId
        self.startedOn = startedOn
        self.endedOn = endedOn
        self.endReason = endReason
        self.contractType = contractType
        self.contractFrom = contractFrom
        self.contractTo = contractTo
    }

    public func encode(to container: inout PersistenceContainer) throws { encodeFields(to: &container) }

    static let insertSQL = makeInsertSQL(insertedColumns)
    func bindInsert(_ b: inout Bindings) { bindFields(&b) }

    /// The point's open assignment, if it has one.
    static func fetchOpen(_ db: Database, pointId: Int64) throws -> Assignment? {
        try db.cachedStatement(sql: openSQL).firstRow({ $0(pointId) }, read: Assignment.init(columns:))
    }

    /// Made once: an import reads a point's open assignment on every row of a point it has.
    private static let openSQL = "SELECT * FROM assignment WHERE point_id = ? AND \(RegistrySQL.open())"

    var auditJSON: JSONValue { AuditObject.make(auditFields) }

    func auditFields(_ f: inout some AuditFields) { auditFieldValues(&f) }
}

extension Assignment: CachedInsert {}
