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

/// A person who runs a point (站长 / 运营人), keyed by resident ID number.
public struct Operator: Codable, Sendable, Hashable, FetchableRecord, MutablePersistableRecord {
    public var id: Int64?
    public var idNumber: String
    public var name: String
    public var phone: String
    public var difficulty: DifficultyCategory?
    public var difficultyNote: String?
    public var certificateNo: String?
    public var certifiedOn: LocalDate?
    public var retirementGroup: RetirementGroup

    public static let databaseTableName = "operator"
    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

    /// Read column by column: faster than Codable decoding where thousands are read at once.
    public init(row: Row) throws { self.init(columns: row) }

    /// Columns by name from a `Row`, by position (the table's order) from a statement.
    init(columns c: some ColumnSource) {
        id = c[0, "id"]
        idNumber = c[1, "id_number"]!
        name = c[2, "name"]!
        phone = c[3, "phone"]!
        difficulty = c[4, "difficulty"]
        difficultyNote = c[5, "difficulty_note"]
        certificateNo = c[6, "certificate_no"]
        certifiedOn = c[7, "certified_on"]
        retirementGroup = c[8, "retirement_group"]!
    }

    init(
        id: Int64? = nil, idNumber: String, name: String, phone: String, difficulty: DifficultyCategory?, difficultyNote: String?,
        certificateNo: String?, certifiedOn: LocalDate?, retirementGroup: RetirementGroup
    ) {
        self.id = id
        self.idNumber = idNumber
        self.name = name
        self.phone = phone
        self.difficulty = difficulty
        self.difficultyNote = difficultyNote
        self.certificateNo = certificateNo
        self.certifiedOn = certifiedOn
        self.retirementGroup = retirementGroup
    }

    public func encode(to container: inout PersistenceContainer) throws {
        container["id"] = id
        container["id_number"] = idNumber
        container["name"] = name
        container["phone"] = phone
        container["difficulty"] = difficulty
        container["difficulty_note"] = difficultyNote
        container["certificate_no"] = certificateNo
        container["certified_on"] = certifiedOn
        container["retirement_group"] = retirementGroup
    }

    static let insertSQL = makeInsertSQL([
        "id_number", "name", "phone", "difficulty", "difficulty_note", "certificate_no", "certified_on", "retirement_group",
    ])
    func bindInsert(_ b: inout Bindings) {
        b(idNumber); b(name); b(phone); b(difficulty); b(difficultyNote); b(certificateNo); b(certifiedOn); b(retirementGroup)
    }

    /// The operator with this ID number, if any.
    static func fetch(_ db: Database, idNumber: String) throws -> Operator? {
        try db.cachedStatement(sql: "SELECT * FROM operator WHERE id_number = ?").firstRow({ $0(idNumber) }, read: Operator.init(columns:))
    }

    /// The ID number as a checked value (the schema guarantees its shape).
    public var residentID: ResidentID { ResidentID(trusted: idNumber) }

    var auditJSON: JSONValue { AuditObject.make(auditFields) }

    func auditFields(_ f: inout some AuditFields) {
        f.text("name", name); f.text("id_number", idNumber); f.text("phone", phone); f.text("difficulty", difficulty)
        f.text("difficulty_note", difficultyNote); f.text("certificate_no", certificateNo); f.text("certified_on", certifiedOn)
        f.text("retirement_group", retirementGroup)
    }

    public static let columns: [Table.Column] = [
        .init("name", Message.Header.operatorName), .init("id_number", Message.Header.idNumber),
        .init("phone", Message.Header.phone), .init("sex", Message.Header.sex),
        .init("birth_date", Message.Header.birthDate, use: .detail), .init("difficulty", Message.Header.difficulty),
        .init("certificate_no", Message.Header.certificate, use: .detail), .init("certified_on", Message.Header.certifiedOn, use: .detail),
        .init("retirement_group", Message.Header.retirementGroup), .init("point_code", Message.Header.pointCode),
    ]

    public func cells(_ language: Language, pointCode: String?) -> [Cell] {
        [
            .text(name), .residentID(idNumber), .phone(phone), .label(code: residentID.sex.rawValue, .sex(residentID.sex)),
            .birthDerived(residentID.birthDate.description),
            difficulty.map { .label(code: $0.rawValue, .difficulty($0)) } ?? .null,
            .optional(certificateNo), .optional(certifiedOn?.description), .label(code: retirementGroup.rawValue, .retirementGroup(retirementGroup)),
            .optional(pointCode),
        ]
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
    init(columns c: some ColumnSource) {
        id = c[0, "id"]
        pointId = c[1, "point_id"]!
        operatorId = c[2, "operator_id"]!
        startedOn = c[3, "started_on"]!
        endedOn = c[4, "ended_on"]
        endReason = c[5, "end_reason"]
        contractType = c[6, "contract_type"]
        contractFrom = c[7, "contract_from"]
        contractTo = c[8, "contract_to"]
    }

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

    public func encode(to container: inout PersistenceContainer) throws {
        container["id"] = id
        container["point_id"] = pointId
        container["operator_id"] = operatorId
        container["started_on"] = startedOn
        container["ended_on"] = endedOn
        container["end_reason"] = endReason
        container["contract_type"] = contractType
        container["contract_from"] = contractFrom
        container["contract_to"] = contractTo
    }

    static let insertSQL = makeInsertSQL(["point_id", "operator_id", "started_on", "ended_on", "end_reason", "contract_type", "contract_from", "contract_to"])
    func bindInsert(_ b: inout Bindings) {
        b(pointId); b(operatorId); b(startedOn); b(endedOn); b(endReason); b(contractType); b(contractFrom); b(contractTo)
    }

    /// The point's open assignment, if it has one.
    static func fetchOpen(_ db: Database, pointId: Int64) throws -> Assignment? {
        try db.cachedStatement(sql: "SELECT * FROM assignment WHERE point_id = ? AND ended_on IS NULL").firstRow(
            { $0(pointId) }, read: Assignment.init(columns:))
    }

    var auditJSON: JSONValue { AuditObject.make(auditFields) }

    func auditFields(_ f: inout some AuditFields) {
        f.text("started_on", startedOn); f.text("ended_on", endedOn); f.text("contract_type", contractType)
        f.text("contract_from", contractFrom); f.text("contract_to", contractTo)
    }
}

extension Operator: CachedInsert {}
extension Assignment: CachedInsert {}
