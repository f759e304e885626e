import GRDB

/// A value a registry field holds: as stored, typed in (an option, a sheet's cell), written to
/// a sheet, shown in a table and audited.
protocol FieldValue: DatabaseValueConvertible, Equatable, Sendable {
    /// From text typed in an option or a sheet's cell.
    static func parse(_ text: String) throws(ValueError) -> Self
    /// As a sheet writes it, and reads it back.
    var sheetText: String { get }
    /// As tables show it.
    var cell: Cell { get }
    /// As the audit trail writes it: its code, for a code with labels.
    var auditText: String { get }
    /// Whether the audit JSON writes it as a number.
    static var auditedAsNumber: Bool { get }
    /// Binds the value to a statement's next `?`, as `databaseValue` would (the same storage
    /// class), through the C API without a `DatabaseValue` in between where its type allows.
    func bind(to b: inout Bindings)
    /// The value in a column of a statement's current row, as `fromDatabaseValue` reads it,
    /// straight from the C API where its type allows.
    static func read(_ c: StatementColumns, _ index: CInt) -> Self?
}

extension FieldValue {
    var auditText: String { sheetText }
    func bind(to b: inout Bindings) { b(self) }
    static func read(_ c: StatementColumns, _ index: CInt) -> Self? { c[index, ""] }
}

extension String: FieldValue {
    static func parse(_ text: String) throws(ValueError) -> String { text }
    var sheetText: String { self }
    var cell: Cell { .text(self) }
    static var auditedAsNumber: Bool { false }
    func bind(to b: inout Bindings) { b(self) }
    static func read(_ c: StatementColumns, _ index: CInt) -> String? { c.text(index) }
}

extension Int: FieldValue {
    static func parse(_ text: String) throws(ValueError) -> Int {
        guard let value = Int(text) else { throw .number(text) }
        return value
    }
    var sheetText: String { String(self) }
    var cell: Cell { .integer(Int64(self)) }
    static var auditedAsNumber: Bool { true }
    func bind(to b: inout Bindings) { b(self) }
    static func read(_ c: StatementColumns, _ index: CInt) -> Int? { c.int64(index).flatMap { Int(exactly: $0) } }
}

extension Int64: FieldValue {
    static func parse(_ text: String) throws(ValueError) -> Int64 {
        guard let value = Int64(text) else { throw .number(text) }
        return value
    }
    var sheetText: String { String(self) }
    var cell: Cell { .integer(self) }
    static var auditedAsNumber: Bool { true }
    func bind(to b: inout Bindings) { b(self) }
    static func read(_ c: StatementColumns, _ index: CInt) -> Int64? { c.int64(index) }
}

extension Double: FieldValue {
    /// Decimal degrees and the like, as a sheet may hold them (full-width digits, spaces).
    static func parse(_ text: String) throws(ValueError) -> Double {
        guard let value = Double(Normalize.spreadsheetText(text)), value.isFinite else { throw .decimal(text) }
        return value
    }
    var sheetText: String { String(self) }
    var cell: Cell { .text(String(self)) }
    static var auditedAsNumber: Bool { true }
    func bind(to b: inout Bindings) { b(self) }
    static func read(_ c: StatementColumns, _ index: CInt) -> Double? { c.double(index) }
}

extension LocalDate: FieldValue {
    static func parse(_ text: String) throws(ValueError) -> LocalDate { try LocalDate(parsing: text) }
    var sheetText: String { description }
    var cell: Cell { .text(description) }
    static var auditedAsNumber: Bool { false }
    func bind(to b: inout Bindings) { b(self) }
    static func read(_ c: StatementColumns, _ index: CInt) -> LocalDate? { c.text(index).flatMap { try? LocalDate(parsing: $0) } }
}

/// Codes with labels: shown by label, written to a sheet in Chinese, read back in either language.
extension FieldValue where Self: Labelled {
    static func parse(_ text: String) throws(ValueError) -> Self { try Self(parsing: text) }
    var sheetText: String { chineseLabel }
    var auditText: String { rawValue }
    static var auditedAsNumber: Bool { false }
    func bind(to b: inout Bindings) { b(rawValue) }
    static func read(_ c: StatementColumns, _ index: CInt) -> Self? { c.text(index).flatMap(Self.init(rawValue:)) }
}

extension PointStatus: FieldValue {}
extension DifficultyCategory: FieldValue {}
extension RetirementGroup: FieldValue {}
extension ContractType: FieldValue {}

/// What a field's value must be, besides its type: each failure is a refusal naming the field.
enum FieldCheck: Sendable {
    /// A name or address as the registry keeps it (`FreeText`).
    case freeText(FreeText.Kind)
    /// A whole number within the range, else the refusal made from the value (by default
    /// `valueOutOfRange`, naming the field).
    case range(ClosedRange<Int>, refusal: (@Sendable (Int) -> RegistryError)? = nil)
    /// A day not after today.
    case notFuture
}

/// Personal data, masked wherever it is shown unless revealed.
enum Personal: Sendable {
    case residentID, phone

    var mask: @Sendable (String) -> String {
        switch self {
        case .residentID: Mask.residentID
        case .phone: Mask.phone
        }
    }
}

/// A field's column of the spreadsheet a registry is exchanged through: the sheet is Chinese
/// whatever the language, as the template is.
struct SheetLabel: Sendable {
    var header: String
    var note: String
    var example: String
}

/// Where tables show a field.
enum Shown: Sendable, Equatable {
    /// Nowhere (an id, a reference, a note kept for the audit trail).
    case no
    /// Where the entity's list puts it by hand (what a row is: its code, its name, its status).
    case placed
    /// In `list` (at this use) and in `show`.
    case list(Table.Use)
    /// In `show` only.
    case show
}

/// One column of a registry table, as its entity's field list tells it: from the list come the
/// record's reading, writing and insert binding, its audit JSON, the columns of lists, `show`
/// and the sheet, and the import's reading and comparing of a row. A class, so that walking a
/// list row by row passes one reference, not a copy of every closure it holds.
final class Field<Record>: Sendable {
    /// The column's name in `schema.sql`: also the key of JSON, CSV and the audit trail.
    let column: String
    /// The label of lists, `show` and the audit trail (the catalogue's).
    let header: Message?
    /// The sheet's column, when the sheet has one.
    let sheet: SheetLabel?
    let required: Bool
    let personal: Personal?
    let checks: [FieldCheck]
    /// Where tables show the field.
    let shown: Shown
    /// Whether the audit JSON of the record holds the field.
    let audited: Bool
    /// Whether an insert names the column (a column the database fills, or the record sets
    /// later, is left out).
    let inserted: Bool
    /// Whether add, edit and import set the field as a value like any other: a field with rules
    /// of its own (a name the duplicate check reads, an opening day the history keeps) is set by
    /// its own code.
    let plain: Bool
    /// The Swift type's behaviour, erased.
    let value: FieldAccess<Record>

    init(
        _ column: String, _ value: FieldAccess<Record>, header: Message? = nil, sheet: SheetLabel? = nil, required: Bool = false,
        personal: Personal? = nil, checks: [FieldCheck] = [], shown: Shown = .show, audited: Bool = true, inserted: Bool = true,
        plain: Bool = false
    ) {
        self.column = column
        self.header = header
        self.sheet = sheet
        self.required = required
        self.personal = personal
        self.checks = checks
        self.shown = shown
        self.audited = audited
        self.inserted = inserted
        self.plain = plain
        self.value = value
    }
}

/// A stored property of a record, read and written at its offset in the record's memory when
/// it has one: a key path applied at run time looks up generic metadata, under a lock, on every
/// access, and the field lists' accessors run for every column of every imported row. A
/// property without an offset (a computed one) goes through its key path.
struct StoredProperty<Record, Value>: Sendable {
    let path: WritableKeyPath<Record, Value> & Sendable
    let offset: Int?

    init(_ path: WritableKeyPath<Record, Value> & Sendable) {
        self.path = path
        offset = MemoryLayout<Record>.offset(of: path)
    }

    @inline(__always) func get(_ record: Record) -> Value {
        guard let offset else { return record[keyPath: path] }
        return withUnsafeBytes(of: record) { $0.load(fromByteOffset: offset, as: Value.self) }
    }

    @inline(__always) func set(_ record: inout Record, _ value: Value) {
        guard let offset else {
            record[keyPath: path] = value
            return
        }
        withUnsafeMutableBytes(of: &record) { bytes in
            (bytes.baseAddress! + offset).assumingMemoryBound(to: Value.self).pointee = value
        }
    }
}

/// A field's value in a record, its type erased so that one list holds every field (a class for
/// the reason `Field` is one).
final class FieldAccess<Record>: Sendable {
    let read: @Sendable (inout Record, any ColumnSource, CInt, String) -> Void
    /// The same from a statement's current row, by position, through the value's own reading
    /// (`FieldValue.read`): what the registry's own queries use.
    let readColumn: @Sendable (inout Record, StatementColumns, CInt) -> Void
    let encode: @Sendable (Record, inout PersistenceContainer, String) -> Void
    let bind: @Sendable (Record, inout Bindings) -> Void
    let get: @Sendable (Record) -> DatabaseValue
    let set: @Sendable (inout Record, DatabaseValue) -> Void
    let parse: @Sendable (String) throws(ValueError) -> DatabaseValue
    let cell: @Sendable (Record) -> Cell
    let sheetText: @Sendable (Record) -> String
    /// The value as the audit trail writes it, nil when there is none.
    let auditText: @Sendable (Record) -> String?
    let auditedAsNumber: Bool
    /// A stored value as text, for the checks (`nil` when there is none).
    let text: @Sendable (DatabaseValue) -> String?

    /// An optional field.
    static func optional<T: FieldValue>(
        _ path: WritableKeyPath<Record, T?> & Sendable, cell shown: (@Sendable (T) -> Cell)? = nil
    ) -> FieldAccess {
        let path = StoredProperty(path)
        return FieldAccess(
            read: { record, c, i, name in path.set(&record, c[i, name]) },
            readColumn: { record, c, i in path.set(&record, T.read(c, i)) },
            encode: { record, container, name in container[name] = path.get(record) },
            bind: { record, b in
                if let value = path.get(record) { value.bind(to: &b) } else { b.null() }
            },
            get: { path.get($0)?.databaseValue ?? .null },
            set: { record, value in path.set(&record, T.fromDatabaseValue(value)) },
            parse: { text throws(ValueError) in try T.parse(text).databaseValue },
            cell: { record in path.get(record).map { shown?($0) ?? $0.cell } ?? .null },
            sheetText: { path.get($0)?.sheetText ?? "" },
            auditText: { path.get($0)?.auditText },
            auditedAsNumber: T.auditedAsNumber,
            text: { T.fromDatabaseValue($0)?.sheetText })
    }

    /// A field every record has.
    static func required<T: FieldValue>(
        _ path: WritableKeyPath<Record, T> & Sendable, cell shown: (@Sendable (T) -> Cell)? = nil
    ) -> FieldAccess {
        let path = StoredProperty(path)
        return FieldAccess(
            read: { record, c, i, name in if let value: T = c[i, name] { path.set(&record, value) } },
            readColumn: { record, c, i in if let value = T.read(c, i) { path.set(&record, value) } },
            encode: { record, container, name in container[name] = path.get(record) },
            bind: { record, b in path.get(record).bind(to: &b) },
            get: { path.get($0).databaseValue },
            set: { record, value in if let value = T.fromDatabaseValue(value) { path.set(&record, value) } },
            parse: { text throws(ValueError) in try T.parse(text).databaseValue },
            cell: { record in shown?(path.get(record)) ?? path.get(record).cell },
            sheetText: { path.get($0).sheetText },
            auditText: { path.get($0).auditText },
            auditedAsNumber: T.auditedAsNumber,
            text: { T.fromDatabaseValue($0)?.sheetText })
    }

    init(
        read: @escaping @Sendable (inout Record, any ColumnSource, CInt, String) -> Void,
        readColumn: @escaping @Sendable (inout Record, StatementColumns, CInt) -> Void,
        encode: @escaping @Sendable (Record, inout PersistenceContainer, String) -> Void, bind: @escaping @Sendable (Record, inout Bindings) -> Void,
        get: @escaping @Sendable (Record) -> DatabaseValue, set: @escaping @Sendable (inout Record, DatabaseValue) -> Void,
        parse: @escaping @Sendable (String) throws(ValueError) -> DatabaseValue, cell: @escaping @Sendable (Record) -> Cell,
        sheetText: @escaping @Sendable (Record) -> String, auditText: @escaping @Sendable (Record) -> String?, auditedAsNumber: Bool,
        text: @escaping @Sendable (DatabaseValue) -> String?
    ) {
        self.read = read
        self.readColumn = readColumn
        self.encode = encode
        self.bind = bind
        self.get = get
        self.set = set
        self.parse = parse
        self.cell = cell
        self.sheetText = sheetText
        self.auditText = auditText
        self.auditedAsNumber = auditedAsNumber
        self.text = text
    }
}

extension Field {

    /// The field as a table's column.
    var tableColumn: Table.Column {
        let header = header ?? Message(zh: column, en: column)
        if case .list(let use) = shown { return .init(column, header, use: use) }
        return .init(column, header)
    }

    /// The refusals a value breaks, each naming this field; `today` for `notFuture`.
    func refusals(_ stored: DatabaseValue, today: LocalDate) -> [RegistryError] {
        if stored.isNull { return required ? [.invalid(field: column, .empty)] : [] }
        var found: [RegistryError] = []
        for check in checks {
            switch check {
            case .freeText(let kind):
                do {
                    let kept = try FreeText.check(value.text(stored) ?? "", as: kind)
                    if required && kept.isEmpty { found.append(.invalid(field: column, .empty)) }
                } catch {
                    found.append(.invalid(field: column, error))
                }
            case .range(let range, let refusal):
                if let number = Int.fromDatabaseValue(stored), !range.contains(number) {
                    found.append(refusal?(number) ?? .valueOutOfRange(field: column, number, range))
                }
            case .notFuture:
                if let day = LocalDate.fromDatabaseValue(stored), day > today { found.append(.dateInFuture(field: column, day)) }
            }
        }
        return found
    }
}

/// The list of a record's fields, in the table's order (`SELECT *` is read by position).
protocol FieldListed {
    static var fields: [Field<Self>] { get }
    /// A record with every field at its zero, for reading into.
    static var blank: Self { get }
    /// The audited fields, in the audit trail's order (by default the table's).
    static var auditedFields: [Field<Self>] { get }
}

extension FieldListed {
    /// Columns by name from a `Row`, by position (the table's order) from a statement.
    init(fieldsFrom c: some ColumnSource) {
        var record = Self.blank
        if let statement = c as? StatementColumns {
            // A registry query's row: by position, each value read as its type reads it.
            var i: CInt = 0
            for field in Self.fields {
                field.value.readColumn(&record, statement, i)
                i += 1
            }
        } else {
            for (i, field) in Self.fields.enumerated() { field.value.read(&record, c, CInt(i), field.column) }
        }
        self = record
    }

    func encodeFields(to container: inout PersistenceContainer) {
        for field in Self.fields { field.value.encode(self, &container, field.column) }
    }

    static var insertedColumns: [String] { fields.filter(\.inserted).map(\.column) }

    func bindFields(_ b: inout Bindings) {
        for field in Self.fields where field.inserted { field.value.bind(self, &b) }
    }

    static var auditedFields: [Field<Self>] { fields.filter(\.audited) }

    func auditFieldValues(_ f: inout some AuditFields) {
        for field in Self.auditedFields {
            let text = field.value.auditText(self)
            if field.value.auditedAsNumber { f.number(field.column, text) } else { f.text(field.column, text) }
        }
    }

    static func field(_ column: String) -> Field<Self>? { fields.first { $0.column == column } }

    /// A field the entity's list places by hand.
    static func placed(_ column: String) -> Field<Self> { field(column)! }

    /// The fields `list` and `show` show, in the table's order.
    static var listedFields: [Field<Self>] { fields.filter { if case .list = $0.shown { true } else { false } } }

    /// The fields only `show` shows, in the table's order.
    static var showOnlyFields: [Field<Self>] { fields.filter { $0.shown == .show } }

    /// The fields add, edit and import set like any other, in the table's order.
    static var plainFields: [Field<Self>] { fields.filter(\.plain) }
}

/// Values for a record's plain fields, by column, as given: typed (`DatabaseValue`) or as text
/// still to be parsed (an option, a cell), so that a value that does not parse is a refusal
/// naming its field like any other.
public struct FieldValues: Sendable, Equatable {
    enum Given: Sendable, Equatable {
        case value(DatabaseValue)
        case text(String)
    }

    private(set) var given: [(column: String, value: Given)] = []

    public init() {}

    public static func == (a: FieldValues, b: FieldValues) -> Bool {
        a.given.map(\.column) == b.given.map(\.column) && a.given.map(\.value) == b.given.map(\.value)
    }

    /// The field's value as text, parsed when it is checked; nil takes a value given back.
    public mutating func set(_ column: String, text: String?) { put(column, text.map(Given.text)) }

    /// A field given as `COLUMN=VALUE` (an option of a command); an empty value clears it.
    public mutating func set(assignment: String) {
        let parts = assignment.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
        set(String(parts[0]).trimmingSpaces(), text: parts.count > 1 ? String(parts[1]) : "")
    }

    mutating func set(_ column: String, _ value: (some DatabaseValueConvertible)?) { put(column, value.map { .value($0.databaseValue) }) }

    private mutating func put(_ column: String, _ value: Given?) {
        given.removeAll { $0.column == column }
        if let value { given.append((column, value)) }
    }

    subscript<T: DatabaseValueConvertible>(_ column: String) -> T? {
        guard case .value(let value)? = given.first(where: { $0.column == column })?.value else { return nil }
        return T.fromDatabaseValue(value)
    }

    public var isEmpty: Bool { given.isEmpty }
    var columns: [String] { given.map(\.column) }
}

extension FieldListed {
    /// Sets each given plain field on `record`, collecting every refusal: a value that does not
    /// parse, an unknown field, a check the value breaks.
    func applying(_ values: FieldValues, today: LocalDate, _ refusals: inout [RegistryError]) -> Self {
        var record = self
        for (column, given) in values.given {
            guard let field = Self.field(column), field.plain else {
                refusals.append(.fieldUnknown(column))
                continue
            }
            let stored: DatabaseValue
            switch given {
            case .value(let value): stored = value
            case .text(let text) where text.trimmingSpaces().isEmpty: stored = .null
            case .text(let text):
                do {
                    stored = try field.value.parse(text)
                } catch {
                    refusals.append(.invalid(field: column, error))
                    continue
                }
            }
            let found = field.refusals(stored, today: today)
            refusals += found
            if found.isEmpty { field.value.set(&record, stored) }
        }
        return record
    }
}
