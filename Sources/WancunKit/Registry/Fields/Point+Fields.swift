import GRDB

/// A village e-commerce service point (村级电商服务点) as stored: one property per column of
/// `point`, each described once in `fields`.
public struct Point: Codable, Sendable, Hashable, FetchableRecord, MutablePersistableRecord {
    public var id: Int64?
    /// The village's 12 digits and a 3-digit number: unique, never reused (`PointCode`).
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
}

extension Point: FieldListed {
    /// The query interface's columns.
    public enum Columns {
        static let id = Column("id")
        static let code = Column("code")
        static let villageId = Column("village_id")
        static let name = Column("name")
        static let status = Column("status")
    }

    /// The point's fields in the table's order. A new column of `point` is one more entry here
    /// (with its label in the catalogue), and add, edit, import, export, `list`, `show` and
    /// the audit trail have it.
    static let fields: [Field<Point>] = [
        Field("id", .optional(\.id), shown: .no, audited: false, inserted: false),
        Field("code", .required(\.code, cell: Cell.code), header: Message.Header.pointCode, shown: .placed, audited: false),
        Field("village_id", .required(\.villageId), shown: .no, audited: false),
        Field(
            "name", .required(\.name), header: Message.Header.pointName,
            sheet: SheetLabel(header: "服务点名称", note: "必填", example: "聚金村电商服务站"), required: true,
            checks: [.freeText(.pointName)], shown: .placed),
        Field(
            "address", .optional(\.address), header: Message.Header.address,
            sheet: SheetLabel(header: "地址", note: "", example: "海盐县沈荡镇聚金村村委会旁"), checks: [.freeText(.address)]),
        Field(
            "latitude", .optional(\.latitude), header: Message.Header.latitude,
            sheet: SheetLabel(header: "纬度", note: "WGS 84 十进制度，与经度一起填写", example: "30.5234")),
        Field(
            "longitude", .optional(\.longitude), header: Message.Header.longitude,
            sheet: SheetLabel(header: "经度", note: "WGS 84 十进制度", example: "120.8921")),
        Field(
            "plan_year", .optional(\.planYear), header: Message.Header.planYear,
            sheet: SheetLabel(header: "纳入规划年份", note: "纳入全省建设规划的年份，如 2025", example: "2025"),
            checks: [.range(2000...2100, refusal: { .planYearOutOfRange($0) })], shown: .list(.detail), plain: true),
        Field(
            "opened_on", .optional(\.openedOn), header: Message.Header.openedOn,
            sheet: SheetLabel(header: "开业日期", note: "YYYY-MM-DD；填写则服务点为运营中，否则为规划中", example: "2025-03-01"),
            checks: [.notFuture], shown: .list(.main)),
        Field("status", .required(\.status), header: Message.Header.status, shown: .placed, audited: false),
        Field("business_name", .optional(\.businessName), header: Message.Header.business, checks: [.freeText(.businessName)], inserted: false),
        Field("credit_code", .optional(\.creditCode), header: Message.Header.creditCode, inserted: false),
        Field("credit_code_override", .optional(\.creditCodeOverride), shown: .no, audited: false, inserted: false),
    ]

    /// Kept once: every audited change of an import writes them.
    static let auditedFields = Point.fields.filter(\.audited)
    /// Kept once: the import reads them on every row.
    static let plainFields = Point.fields.filter(\.plain)

    static let blank = Point(code: "", villageId: 0, name: "", status: .planned)
}
