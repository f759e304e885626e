import GRDB

/// Everything `point show` tells about a point.
public struct PointDetail: Sendable {
    public var point: PointListing
    public var history: [PointStatusChange]
    public var operators: [(assignment: Assignment, person: Operator)]
    public var audit: [AuditEntry]
    public var creditCodeOverride: String?
}

extension AppDatabase {
    public func pointDetail(_ code: String) throws -> PointDetail {
        try read { db in
            guard let listing = try PointListing.fetchOne(db, sql: PointListing.selectSQL + " WHERE p.code = ?", arguments: [code]) else {
                throw RegistryError.pointUnknown(code)
            }
            let point = try Self.point(db, code)
            let history = try PointStatusChange.filter(PointStatusChange.Columns.pointId == point.id!).order(
                PointStatusChange.Columns.onDate, PointStatusChange.Columns.id
            ).fetchAll(db)
            let assignments = try Assignment.filter(Assignment.Columns.pointId == point.id!).order(Assignment.Columns.startedOn).fetchAll(db)
            let people = try Operator.fetchAll(db, keys: Set(assignments.map(\.operatorId)))
            let byId = Dictionary(uniqueKeysWithValues: people.map { ($0.id!, $0) })
            let operators = assignments.map { (assignment: $0, person: byId[$0.operatorId]!) }
            let audit = try AuditEntry.filter(AuditEntry.Columns.pointCode == code).order(AuditEntry.Columns.id).fetchAll(db)
            return PointDetail(
                point: listing, history: history, operators: operators, audit: audit,
                creditCodeOverride: point.creditCodeOverride)
        }
    }
}

extension AuditEntry {
    /// Columns of `wancun audit`.
    public static let columns: [Table.Column] = [
        .init("at", Message.Header.at), .init("clerk", Message.Header.clerk), .init("action", Message.Header.action),
        .init("subject", Message.Header.subject), .init("before", Message.Header.before),
        .init("after", Message.Header.after), .init("reason", Message.Header.reason),
    ]

    public func cells(reveal: Bool) -> [Cell] {
        let subject = [divisionCode, pointCode, operatorIdNumber.map { reveal ? $0 : Mask.residentID($0) }]
            .compactMap { $0 }.joined(separator: " ")
        return [
            .text(at), .text(clerk), .text(action), .text(subject),
            .optional(before.map { reveal ? $0 : AuditEntry.maskPersonal($0) }),
            .optional(after.map { reveal ? $0 : AuditEntry.maskPersonal($0) }), .optional(reason),
        ]
    }

    /// Masks the values of `id_number` and `phone` keys in stored JSON, and of the keys
    /// whose values are worked out from an ID number's birth date.
    static func maskPersonal(_ json: String) -> String {
        var result = json
        let keys = Operator.personalKeys + Mask.birthDerivedKeys.sorted().map { ($0, Mask.derived) }
        for (key, mask) in keys.map({ ("\"\($0.0)\":\"", $0.1) }) {
            var searchStart = result.startIndex
            while let keyRange = result.range(of: key, range: searchStart..<result.endIndex),
                let end = result[keyRange.upperBound...].firstIndex(of: "\"")
            {
                let value = String(result[keyRange.upperBound..<end])
                let masked = mask(value)
                result.replaceSubrange(keyRange.upperBound..<end, with: masked)
                searchStart = result.index(keyRange.upperBound, offsetBy: masked.count)
            }
        }
        return result
    }
}
