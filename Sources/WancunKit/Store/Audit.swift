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
    /// one line to the next. `keeping` names the fields an edit keeps though unchanged (what
    /// says which thing changed, when the subject does not).
    @discardableResult
    func audit(
        _ action: String, _ subject: AuditSubject, before: JSONValue? = nil, after: JSONValue? = nil,
        reason: String? = nil, context: ChangeContext, chain: AuditChain.Memo? = nil, keeping: Set<String> = []
    ) throws -> AuditHead {
        var before = before
        var after = after
        // An edit keeps only the fields it changed.
        if case .object(let old)? = before, case .object(let new)? = after {
            let changed = Set(new.indices.filter { i in old.first { $0.0 == new[i].0 }?.1 != new[i].1 }.map { new[$0].0 }).union(keeping)
            before = .object(old.filter { changed.contains($0.0) })
            after = .object(new.filter { changed.contains($0.0) })
        }
        let line = try auditLine(
            action, subject, before: before?.compactUTF8(), after: after?.compactUTF8(), reason: reason, context: context, chain: chain)
        return AuditHead(id: line.id, hash: String(decoding: line.hash, as: UTF8.self))
    }

    /// The same with the line's before and after already written as compact JSON (as
    /// `JSONValue.compactUTF8` writes it); returns the line's id and hash. The canonical content is
    /// written into `chain`'s buffer when there is one: an import writes a line per row.
    @discardableResult
    func auditLine(
        _ action: String, _ subject: AuditSubject, before: [UInt8]?, after: [UInt8]?, reason: String?, context: ChangeContext,
        chain: AuditChain.Memo?
    ) throws -> (id: Int64, hash: [UInt8]) {
        let last = try chain.map { try $0.last(self) } ?? AuditChain.last(self)
        let id = (last?.id ?? 0) + 1
        var canonical = chain?.takeCanonical() ?? AuditChain.Canonical()
        canonical.start(id: id)
        canonical.field(context.timestamp); canonical.field(context.clerk); canonical.field(action)
        canonical.field(subject.divisionCode); canonical.field(subject.pointCode); canonical.field(subject.operatorIdNumber)
        canonical.field(bytes: before); canonical.field(bytes: after); canonical.field(reason)
        let hash = AuditChain.hash(previous: last?.hash ?? AuditChain.genesis, canonical: canonical.bytes)
        chain?.keepCanonical(canonical)
        // A statement compiled once: an import writes one line per row.
        try cachedStatement(
            sql: """
                INSERT INTO audit (id, at, clerk, action, division_code, point_code, operator_id_number, before, after, reason, hash)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """
        ).run {
            $0(id); $0(context.timestamp); $0(context.clerk); $0(action); $0(subject.divisionCode); $0(subject.pointCode)
            $0(subject.operatorIdNumber); $0(utf8: before); $0(utf8: after); $0(reason); $0(utf8: hash)
        }
        AuditChain.wrote(id: id, hash: hash, memo: chain)
        return (id, hash)
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
            if let code = filter.pointCode { request = request.filter(AuditEntry.Columns.pointCode == code) }
            if let id = filter.operatorIdNumber { request = request.filter(AuditEntry.Columns.operatorIdNumber == id) }
            if let code = filter.divisionCode { request = request.filter(AuditEntry.Columns.divisionCode == code) }
            if let since = filter.since { request = request.filter(AuditEntry.Columns.at >= since.description) }
            return try request.order(AuditEntry.Columns.id).fetchAll(db)
        }
    }
}

/// Where a record's audited fields go, one by one: a `JSONValue` object (`AuditObject`), or
/// straight into a `JSONWriter`'s bytes, as a point import writes its lines. A record lists its
/// fields once, for both, so both give the same JSON.
protocol AuditFields {
    mutating func text(_ key: String, _ value: String?)
    mutating func number(_ key: String, _ value: String?)
}

extension AuditFields {
    mutating func number(_ key: String, _ value: Int?) { number(key, value.map { String($0) }) }
    mutating func number(_ key: String, _ value: Double?) { number(key, value.map { String($0) }) }
    mutating func text(_ key: String, _ value: LocalDate?) { text(key, value?.description) }
    mutating func text<T: RawRepresentable>(_ key: String, _ value: T?) where T.RawValue == String { text(key, value?.rawValue) }
}

/// The fields as a `JSONValue` object.
struct AuditObject: AuditFields {
    private(set) var pairs: [(String, JSONValue)] = []

    static func make(_ fill: (inout AuditObject) -> Void) -> JSONValue {
        var object = AuditObject()
        fill(&object)
        return .object(object.pairs)
    }

    mutating func text(_ key: String, _ value: String?) { pairs.append((key, value.map(JSONValue.string) ?? .null)) }
    mutating func number(_ key: String, _ value: String?) { pairs.append((key, value.map(JSONValue.number) ?? .null)) }
}

extension JSONWriter: AuditFields {
    mutating func text(_ key: String, _ value: String?) {
        self.key(key)
        if let value { string(value) } else { null() }
    }

    mutating func number(_ key: String, _ value: String?) {
        self.key(key)
        if let value { number(value) } else { null() }
    }

    /// An object of a record's audited fields.
    mutating func object(_ fill: (inout JSONWriter) -> Void) {
        beginObject()
        fill(&self)
        endObject()
    }
}
