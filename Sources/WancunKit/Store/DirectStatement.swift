import GRDB
import GRDBSQLite

// The registry's busiest statements (those a point import runs for every row) are bound,
// stepped and read here through SQLite's C API, on GRDB's own connection, inside its
// transaction and with statements from its cache. GRDB's `execute(arguments:)` boxes and
// validates every argument, and its `Row` builds a dictionary of column names for every fetch:
// at 500,000 rows that cost more than SQLite's own work. A C program running the same
// statements row by row took 7.8 s for 100,000 points; through GRDB's API, about 13 s more.

/// Values for a statement's `?` placeholders, bound in order.
struct Bindings {
    fileprivate let statement: SQLiteStatement
    fileprivate var index: CInt = 1
    fileprivate var code = SQLITE_OK

    mutating func callAsFunction<T: DatabaseValueConvertible>(_ value: T?) {
        record((value?.databaseValue ?? .null).bind(to: statement, at: index))
    }

    // The commonest types straight to SQLite, without a `DatabaseValue` in between.
    mutating func callAsFunction(_ value: String?) {
        record(value.map { sqlite3_bind_text(statement, index, $0, -1, transient) } ?? sqlite3_bind_null(statement, index))
    }

    mutating func callAsFunction(_ value: Int64?) {
        record(value.map { sqlite3_bind_int64(statement, index, $0) } ?? sqlite3_bind_null(statement, index))
    }

    mutating func callAsFunction(_ value: Int?) { self(value.map(Int64.init)) }

    /// Enums and codes stored as their text.
    mutating func callAsFunction<T: RawRepresentable & DatabaseValueConvertible>(_ value: T?) where T.RawValue == String {
        self(value?.rawValue)
    }

    mutating func callAsFunction(_ value: LocalDate?) { self(value?.description) }

    mutating func callAsFunction(_ value: Double?) {
        record(value.map { sqlite3_bind_double(statement, index, $0) } ?? sqlite3_bind_null(statement, index))
    }

    /// NULL, for a value that has none.
    mutating func null() { record(sqlite3_bind_null(statement, index)) }

    /// Text given as UTF-8 bytes (JSON as `JSONWriter` writes it), without making a `String`.
    mutating func callAsFunction(utf8 bytes: [UInt8]?) {
        guard let bytes else { return record(sqlite3_bind_null(statement, index)) }
        record(
            bytes.withUnsafeBufferPointer { buffer in
                buffer.withMemoryRebound(to: CChar.self) { sqlite3_bind_text(statement, index, $0.baseAddress, CInt($0.count), transient) }
            })
    }

    private mutating func record(_ result: CInt) {
        if code == SQLITE_OK { code = result }
        index += 1
    }
}

/// SQLite copies the value before the bind returns.
private let transient = unsafeBitCast(OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self)

/// Where a record's columns come from: a GRDB `Row`, by name, or the current row of a
/// statement run here, by position. A record decodes through this once for both.
protocol ColumnSource {
    subscript<T: DatabaseValueConvertible>(_ index: CInt, _ name: String) -> T? { get }
}

extension Row: ColumnSource {
    subscript<T: DatabaseValueConvertible>(_ index: CInt, _ name: String) -> T? { self[name] }
}

/// The current row of a statement, read by position: `SELECT *` gives the table's order.
struct StatementColumns: ColumnSource {
    fileprivate let statement: SQLiteStatement

    subscript<T: DatabaseValueConvertible>(_ index: CInt, _ name: String) -> T? {
        T.fromDatabaseValue(DatabaseValue(sqliteStatement: statement, index: index))
    }

    // The commonest types straight from SQLite when the column holds the storage class they are
    // stored as, without a `DatabaseValue` in between; any other column as the subscript reads it.

    func text(_ index: CInt) -> String? {
        guard sqlite3_column_type(statement, index) == SQLITE_TEXT else { return self[index, ""] }
        return String(cString: sqlite3_column_text(statement, index))
    }

    func int64(_ index: CInt) -> Int64? {
        guard sqlite3_column_type(statement, index) == SQLITE_INTEGER else { return self[index, ""] }
        return sqlite3_column_int64(statement, index)
    }

    func double(_ index: CInt) -> Double? {
        guard sqlite3_column_type(statement, index) == SQLITE_FLOAT else { return self[index, ""] }
        return sqlite3_column_double(statement, index)
    }
}

extension Statement {
    /// Runs the statement with the values `bind` gives and reads each row it returns.
    func rows<T>(_ bind: (inout Bindings) -> Void = { _ in }, read: (StatementColumns) throws -> T) throws -> [T] {
        let statement = sqliteStatement
        sqlite3_reset(statement)
        defer { sqlite3_reset(statement) }
        var bindings = Bindings(statement: statement)
        bind(&bindings)
        guard bindings.code == SQLITE_OK, bindings.index == sqlite3_bind_parameter_count(statement) + 1 else {
            throw failure(bindings.code == SQLITE_OK ? SQLITE_RANGE : bindings.code)
        }
        var found: [T] = []
        while true {
            switch sqlite3_step(statement) {
            case SQLITE_ROW: found.append(try read(StatementColumns(statement: statement)))
            case SQLITE_DONE: return found
            case let code: throw failure(code)
            }
        }
    }

    /// The first row the statement returns, if any.
    func firstRow<T>(_ bind: (inout Bindings) -> Void, read: (StatementColumns) throws -> T) throws -> T? {
        try rows(bind, read: read).first
    }

    /// Runs the statement with the values `bind` gives, for its effect.
    func run(_ bind: (inout Bindings) -> Void) throws {
        _ = try rows(bind) { _ in () }
    }

    private func failure(_ code: CInt) -> DatabaseError {
        DatabaseError(
            resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(sqlite3_db_handle(sqliteStatement))),
            sql: sql)
    }
}
