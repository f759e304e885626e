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
    /// Appends to the audit trail inside the current write, chained to the line before
    /// (`AuditChain`); returns the new line as the chain's head. `chain` keeps the head from
    /// one line to the next.
    @discardableResult
    func audit(
        _ action: String, _ subject: AuditSubject, before: JSONValue? = nil, after: JSONValue? = nil,
        reason: String? = nil, context: ChangeContext, chain: AuditChain.Memo? = nil
    ) throws -> AuditHead {
        var before = before
        var after = after
        // An edit keeps only the fields it changed.
        if case .object(let old)? = before, case .object(let new)? = after {
            let changed = Set(new.indices.filter { i in old.first { $0.0 == new[i].0 }?.1 != new[i].1 }.map { new[$0].0 })
            before = .object(old.filter { changed.contains($0.0) })
            after = .object(new.filter { changed.contains($0.0) })
        }
        let beforeBytes = before?.compactUTF8()
        let afterBytes = after?.compactUTF8()
        let last = try chain.map { try $0.last(self) } ?? AuditChain.last(self)
        let id = (last?.id ?? 0) + 1
        let fields: [[UInt8]?] = [
            Array(context.timestamp.utf8), Array(context.clerk.utf8), Array(action.utf8), subject.divisionCode.map { Array($0.utf8) },
            subject.pointCode.map { Array($0.utf8) }, subject.operatorIdNumber.map { Array($0.utf8) }, beforeBytes, afterBytes,
            reason.map { Array($0.utf8) },
        ]
        let hash = AuditChain.hash(previous: last?.hash ?? AuditChain.genesis, canonical: AuditChain.canonical(id: id, fields))
        // A statement compiled once: an import writes one line per row.
        try cachedStatement(
            sql: """
                INSERT INTO audit (id, at, clerk, action, division_code, point_code, operator_id_number, before, after, reason, hash)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """
        ).run {
            $0(id); $0(context.timestamp); $0(context.clerk); $0(action); $0(subject.divisionCode); $0(subject.pointCode)
            $0(subject.operatorIdNumber); $0(utf8: beforeBytes); $0(utf8: afterBytes); $0(reason); $0(utf8: hash)
        }
        AuditChain.wrote(id: id, hash: hash, memo: chain)
        return AuditHead(id: id, hash: String(decoding: hash, as: UTF8.self))
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
    /// Records that full ID numbers left wancun outside an export that records it itself: a
    /// listing printed with `--reveal` (`output.reveal`: the command, how many ID numbers, and
    /// where they went: standard output, or the file or pipe it was sent to).
    public func recordReveal(command: String, idNumbers: Int, destination: String, context: ChangeContext) throws {
        let after: JSONValue = .object([
            ("command", .string(command)), ("id_numbers", .number(String(idNumbers))), ("to", .string(destination)),
        ])
        try write { try $0.audit("output.reveal", AuditSubject(), after: after, context: context) }
    }

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
