import GRDB

/// A record inserted through one statement compiled once per connection. GRDB's `insert`
/// builds its SQL and container anew for every row, which dominates a bulk import; the
/// registry's busiest tables use this instead. `insertArguments` follow the columns that
/// `insertSQL` names.
protocol CachedInsert: MutablePersistableRecord {
    var id: Int64? { get set }
    static var insertSQL: String { get }
    var insertArguments: StatementArguments { get }
}

extension CachedInsert {
    static func makeInsertSQL(_ columns: [String]) -> String {
        "INSERT INTO \(databaseTableName) (\(columns.joined(separator: ", "))) VALUES (\(columns.map { _ in "?" }.joined(separator: ", ")))"
    }

    mutating func insertCached(_ db: Database) throws {
        try db.cachedStatement(sql: Self.insertSQL).execute(arguments: insertArguments)
        id = db.lastInsertedRowID
    }
}
