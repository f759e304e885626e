import GRDB

/// A record inserted through one statement compiled once per connection and bound directly
/// (`DirectStatement.swift`). GRDB's `insert` builds its SQL and container anew for every row,
/// which dominates a bulk import; the registry's busiest tables use this instead.
/// `bindInsert` binds the columns that `insertSQL` names, in order.
///
/// A record is inserted one of two ways, each for a reason:
/// - `insertCached`: the tables a bulk import fills row by row (points, their statuses,
///   operators, assignments, services), where building GRDB's statement per row is most of the cost;
/// - GRDB's `insert`: every other record, written a few at a time, where its mapping costs nothing.
/// Rows that are not records (links between records, a run's results, the audit line) are
/// inserted by their owner's one prepared statement.
protocol CachedInsert: MutablePersistableRecord {
    var id: Int64? { get set }
    static var insertSQL: String { get }
    func bindInsert(_ values: inout Bindings)
}

extension CachedInsert {
    static func makeInsertSQL(_ columns: [String]) -> String {
        "INSERT INTO \(databaseTableName) (\(columns.joined(separator: ", "))) VALUES (\(columns.map { _ in "?" }.joined(separator: ", ")))"
    }

    mutating func insertCached(_ db: Database) throws {
        try db.cachedStatement(sql: Self.insertSQL).run(bindInsert)
        id = db.lastInsertedRowID
    }
}
