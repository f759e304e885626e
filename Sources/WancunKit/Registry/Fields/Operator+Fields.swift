import GRDB

/// A person who runs a point (站长 / 运营人), keyed by resident ID number: one property per
/// column of `operator`, each described once in `fields`.
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
}

extension Operator: FieldListed {
    public enum Columns {
        static let id = Column("id")
        static let idNumber = Column("id_number")
        static let phone = Column("phone")
    }

    /// The operator's fields in the table's order; the sheet's operator columns are the
    /// points sheet's (`PointSheet`), since a person is registered through their point's row.
    static let fields: [Field<Operator>] = [
        Field("id", .optional(\.id), shown: .no, audited: false, inserted: false),
        Field(
            "id_number", .required(\.idNumber, cell: Cell.residentID), header: Message.Header.idNumber, required: true,
            personal: .residentID, shown: .placed),
        Field(
            "name", .required(\.name), header: Message.Header.operatorName, required: true, checks: [.freeText(.personName)],
            shown: .placed),
        Field("phone", .required(\.phone, cell: Cell.phone), header: Message.Header.phone, required: true, personal: .phone, shown: .placed),
        Field("difficulty", .optional(\.difficulty), header: Message.Header.difficulty, shown: .list(.main)),
        Field("difficulty_note", .optional(\.difficultyNote), shown: .no),
        Field("certificate_no", .optional(\.certificateNo), header: Message.Header.certificate, shown: .list(.detail)),
        Field("certified_on", .optional(\.certifiedOn), header: Message.Header.certifiedOn, checks: [.notFuture], shown: .list(.detail)),
        Field("retirement_group", .required(\.retirementGroup), header: Message.Header.retirementGroup, shown: .list(.main)),
    ]

    static let blank = Operator(
        idNumber: "", name: "", phone: "", difficulty: nil, difficultyNote: nil, certificateNo: nil, certifiedOn: nil, retirementGroup: .male)

    /// The audited fields as the audit trail has always written them: the name first.
    static let auditedFields: [Field<Operator>] = [
        "name", "id_number", "phone", "difficulty", "difficulty_note", "certificate_no", "certified_on", "retirement_group",
    ].map(placed)

    /// The personal fields' masks by key, for text that holds them (the audit trail's JSON).
    static let personalKeys: [(String, @Sendable (String) -> String)] = fields.compactMap { field in
        field.personal.map { (field.column, $0.mask) }
    }
}
