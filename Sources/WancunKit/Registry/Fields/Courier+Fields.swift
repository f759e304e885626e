import GRDB

extension Bool: FieldValue {
    static func parse(_ text: String) throws(ValueError) -> Bool {
        switch text.lowercased() {
        case "1", "true", "yes", "是": return true
        case "0", "false", "no", "否": return false
        default: throw .choice(text, ["true", "false"])
        }
    }
    var sheetText: String { self ? "是" : "否" }
    var cell: Cell { .bool(self) }
    static var auditedAsNumber: Bool { false }
}

extension Fen: FieldValue {
    static func parse(_ text: String) throws(ValueError) -> Fen { try Fen(parsingYuan: text) }
    var sheetText: String { yuanText }
    var cell: Cell { .money(self) }
    static var auditedAsNumber: Bool { true }
}

extension Courier: FieldListed {
    /// The courier's fields in the table's order.
    static let fields: [Field<Courier>] = [
        Field("id", .optional(\.id, cell: { .integer($0) }), header: Message.Header.id, shown: .list(.main), inserted: false),
        Field("name", .required(\.name), header: Message.Header.name, required: true, checks: [.freeText(.businessName)], shown: .list(.main)),
        Field("brand", .required(\.brand), header: Message.Header.brand, required: true, shown: .list(.main)),
        Field("credit_code", .optional(\.creditCode, cell: Cell.code), header: Message.Header.creditCode, shown: .list(.main)),
        Field("credit_code_override", .optional(\.creditCodeOverride), shown: .no),
        Field("is_demo", .required(\.isDemo), header: Message.Header.demoData, shown: .list(.main)),
    ]

    static let blank = Courier(name: "", brand: "", isDemo: false)

    public init(row: Row) throws { self.init(fieldsFrom: row) }
    public func encode(to container: inout PersistenceContainer) throws { encodeFields(to: &container) }
}

extension CourierLink: FieldListed {
    /// The link's fields in the table's order.
    static let fields: [Field<CourierLink>] = [
        Field("id", .optional(\.id), shown: .no, inserted: false),
        Field("point_id", .required(\.pointId), shown: .no),
        Field("courier_id", .required(\.courierId), shown: .no),
        Field("started_on", .required(\.startedOn), header: Message.Header.fromDate, required: true),
        Field("ended_on", .optional(\.endedOn), header: Message.Header.toDate),
        Field(
            "days_per_week", .optional(\.daysPerWeek), header: Message.Header.daysPerWeek,
            checks: [.range(1...7, refusal: { .daysPerWeekRange($0) })]),
        Field("fee_fen", .optional(\.feeFen), header: Message.Audit.field("fee_fen", action: "courier.link")),
    ]

    static let blank = CourierLink(pointId: 0, courierId: 0, startedOn: LocalDate(year: 2000, month: 1, day: 1)!)

    public init(row: Row) throws { self.init(fieldsFrom: row) }
    public func encode(to container: inout PersistenceContainer) throws { encodeFields(to: &container) }
}

extension Station: FieldListed {
    /// The station's fields in the table's order.
    static let fields: [Field<Station>] = [
        Field("id", .optional(\.id), shown: .no, inserted: false),
        Field("name", .required(\.name), header: Message.Header.station, required: true, checks: [.freeText(.businessName)]),
        Field("town_id", .required(\.townId), shown: .no),
    ]

    static let blank = Station(name: "", townId: 0)

    public init(row: Row) throws { self.init(fieldsFrom: row) }
    public func encode(to container: inout PersistenceContainer) throws { encodeFields(to: &container) }
}

extension Route: FieldListed {
    /// The route's fields in the table's order.
    static let fields: [Field<Route>] = [
        Field("id", .optional(\.id), shown: .no, inserted: false),
        Field("name", .required(\.name), header: Message.Header.name, required: true, checks: [.freeText(.businessName)]),
        Field("vehicle", .required(\.vehicle), header: Message.Header.vehicle, required: true),
        Field("station_id", .optional(\.stationId), shown: .no),
        Field("started_on", .required(\.startedOn), header: Message.Header.fromDate, required: true),
        Field("ended_on", .optional(\.endedOn), header: Message.Header.toDate),
    ]

    static let blank = Route(name: "", vehicle: "", startedOn: LocalDate(year: 2000, month: 1, day: 1)!)

    public init(row: Row) throws { self.init(fieldsFrom: row) }
    public func encode(to container: inout PersistenceContainer) throws { encodeFields(to: &container) }
}
