import GRDB

extension Assignment: FieldListed {
    /// The assignment's fields in the table's order.
    static let fields: [Field<Assignment>] = [
        Field("id", .optional(\.id), shown: .no, audited: false, inserted: false),
        Field("point_id", .required(\.pointId), shown: .no, audited: false),
        Field("operator_id", .required(\.operatorId), shown: .no, audited: false),
        Field("started_on", .required(\.startedOn), header: Message.Header.startedOn, required: true, checks: [.notFuture]),
        Field("ended_on", .optional(\.endedOn), header: Message.Header.endedOn),
        Field("end_reason", .optional(\.endReason), header: Message.Header.reason, audited: false),
        Field("contract_type", .optional(\.contractType), header: Message.Header.contractType),
        Field("contract_from", .optional(\.contractFrom), header: Message.Header.contractFrom),
        Field("contract_to", .optional(\.contractTo), header: Message.Header.contractTo),
    ]

    /// Kept once: every assignment an import makes is audited.
    static let auditedFields = Assignment.fields.filter(\.audited)

    static let blank = Assignment(
        pointId: 0, operatorId: 0, startedOn: LocalDate(year: 2000, month: 1, day: 1)!, contractType: nil, contractFrom: nil, contractTo: nil)
}

extension Service: FieldListed {
    /// The service's fields in the table's order.
    static let fields: [Field<Service>] = [
        Field("id", .optional(\.id), shown: .no, audited: false, inserted: false),
        Field("point_id", .required(\.pointId), shown: .no, audited: false),
        Field("kind", .required(\.kind), header: Message.Header.serviceKind, required: true, shown: .list(.main)),
        Field("category", .optional(\.category), header: Message.Header.category, shown: .list(.main)),
        Field("partner", .optional(\.partner), header: Message.Header.partner, shown: .list(.main)),
        Field("licence", .optional(\.licence), header: Message.Header.licence, shown: .list(.main)),
        Field("started_on", .required(\.startedOn), header: Message.Header.fromDate, required: true, shown: .list(.main)),
        Field("ended_on", .optional(\.endedOn), header: Message.Header.toDate, shown: .list(.main)),
    ]

    /// Kept once: every service an import adds is audited.
    static let auditedFields = Service.fields.filter(\.audited)

    static let blank = Service(pointId: 0, kind: .parcel, startedOn: LocalDate(year: 2000, month: 1, day: 1)!)
}

extension ServiceKind: FieldValue {}
extension PurchaseCategory: FieldValue {}
