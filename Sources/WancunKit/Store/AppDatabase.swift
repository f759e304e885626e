import Foundation
import GRDB

/// The registry's one database: a SQLite file in WAL mode, migrated when opened.
///
/// Callers use the methods named for what they do (in `Registry/` and the other subsystems);
/// they never open a connection themselves. Writes take the write lock up front
/// (`BEGIN IMMEDIATE`, GRDB's default for writes) and wait up to `busyTimeout` for another
/// process to finish.
public final class AppDatabase: Sendable {
    let writer: any DatabaseWriter
    /// No file wancun writes may replace this database while it is open.
    private let protection: FileOutput.Protection?

    /// The default time a write waits for another process before giving up.
    public static let defaultBusyTimeout: TimeInterval = 10

    /// Opens and migrates the wancun database at `path`; with `create`, makes a new one where
    /// no file exists. A file that is not a complete wancun database (`DatabaseFile`) is
    /// refused and left as it is: never set up as a new database.
    public init(path: String, create: Bool = false, busyTimeout: TimeInterval = defaultBusyTimeout) throws {
        let exists = FileManager.default.fileExists(atPath: path)
        if !exists && !create { throw StoreError.missing(path: path) }
        if exists { try DatabaseFile.requireComplete(path, readOnly: false) }
        protection = FileOutput.protect(databaseAt: path)
        do {
            if !exists { try AppDatabase.createMigrated(path) }
            writer = try AppDatabase.openPool(path, busyTimeout: busyTimeout)
            // Reads, and migrations each in a transaction of its own: safe to try again.
            try AppDatabase.retryingWhileBusy(for: busyTimeout) { try AppDatabase.checkAndMigrate(writer) }
        } catch let error as DatabaseError {
            throw StoreError(error, path: path)
        }
    }

    /// A new database at `path`, set up beside it under a temporary name and given its name
    /// only once migrated, so that a run killed meanwhile leaves no half-made database there
    /// (only a temporary file, which the next run removes). A new database holds full ID
    /// numbers: it is made readable by its owner only, whatever the umask; SQLite gives its
    /// -wal and -shm files the database file's permissions.
    private static func createMigrated(_ path: String) throws {
        FileOutput.sweepStale(beside: path)
        let partial = FileOutput.temporaryPath(for: path)
        BackupFile.remove(partial)
        defer { BackupFile.remove(partial) }
        try BackupFile.createOwnerOnly(partial)
        let pool = try openPool(partial, busyTimeout: defaultBusyTimeout)
        try AppDatabase.migrator.migrate(pool)
        try pool.close()
        try BackupFile.sync(partial)
        do {
            try BackupFile.place(partial, at: path)
        } catch StoreError.backupExists {
            // Another process made one meanwhile: that one is opened (and checked) instead.
        }
    }

    /// Wraps a pool `restore` has just written the database into, and migrates it.
    init(restored pool: DatabasePool) throws {
        protection = FileOutput.protect(databaseAt: pool.path)
        writer = pool
        do {
            try AppDatabase.checkAndMigrate(writer)
        } catch let error as DatabaseError {
            throw StoreError(error, path: pool.path)
        }
    }

    /// The file in WAL mode, foreign keys on, writes waiting up to `busyTimeout` for another process.
    static func openPool(_ path: String, busyTimeout: TimeInterval) throws -> DatabasePool {
        var config = Configuration()
        config.foreignKeysEnabled = true
        config.busyMode = .timeout(busyTimeout)
        config.journalMode = .wal
        config.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            // While the last connection of another process closes, it holds the file for a
            // moment to clean up the write-ahead log, and SQLite refuses a new connection's first
            // read at once rather than waiting (sqlite.org/wal.html, "Sometimes Queries Return
            // SQLITE_BUSY"); the read that checks the file is a database comes next, so it is
            // tried here for as long as a write would wait.
            try retryingWhileBusy(for: busyTimeout) { _ = try Row.fetchOne(db, sql: "SELECT 1 FROM sqlite_master LIMIT 1") }
        }
        // Setting up the write-ahead log can meet the same moment.
        return try retryingWhileBusy(for: busyTimeout) { try DatabasePool(path: path, configuration: config) }
    }

    /// `body`, tried again every 20 ms while SQLite says the database is busy, for `timeout` seconds.
    static func retryingWhileBusy<T>(for timeout: TimeInterval, _ body: () throws -> T) throws -> T {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            do {
                return try body()
            } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY && Date() < deadline {
                Thread.sleep(forTimeInterval: 0.02)
            }
        }
    }

    /// An empty, migrated database in memory, for tests and previews.
    public init(inMemory: Void = ()) throws {
        var config = Configuration()
        config.foreignKeysEnabled = true
        writer = try DatabaseQueue(configuration: config)
        protection = nil
        try AppDatabase.checkAndMigrate(writer)
    }

    /// The database at `path` as it is, read only and not migrated: for `check`, which must
    /// read a damaged file too.
    init(inspecting path: String) throws {
        guard FileManager.default.fileExists(atPath: path) else { throw StoreError.missing(path: path) }
        var config = Configuration()
        config.readonly = true
        do {
            writer = try DatabaseQueue(path: path, configuration: config)
        } catch let error as DatabaseError {
            throw StoreError(error, path: path)
        }
        protection = nil
    }

    /// Migrates a database that is empty (new) or wancun's; `init(path:)` has already refused
    /// any other file, and this refuses one that became so meanwhile.
    static func checkAndMigrate(_ writer: any DatabaseWriter) throws {
        let pending = try writer.read { db in
            let tables = try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_schema WHERE type = 'table'") ?? 0
            if tables > 0 { try DatabaseFile.requireMigrations(db, path: writer.path) }
            return try !migrator.hasCompletedMigrations(db)
        }
        try migrator.migrate(writer)
        // The connection that read above keeps the schema it read until it steps a statement: a
        // `SELECT p.*` it prepared would name the columns before the migration and read those
        // after it, one place off for a column the migration added. Reads take new connections.
        if pending { (writer as? DatabasePool)?.invalidateReadOnlyConnections() }
    }

    /// Runs `work` in one immediate write transaction, mapping SQLite's errors to `StoreError`.
    /// Refused when the audit trail is no longer append-only (`StoreError.auditUnprotected`).
    @discardableResult
    func write<T>(_ work: (Database) throws -> T) throws -> T {
        do {
            return try writer.write { db in
                try AuditChain.requireProtection(db)
                return try work(db)
            }
        } catch let error as DatabaseError {
            throw StoreError(error, path: writer.path)
        }
    }

    /// Runs `work` as `write` does, then rolls back everything it wrote: a dry run that goes
    /// through the same checks and the same statements as the change itself.
    func writeAndRollBack<T>(_ work: (Database) throws -> T) throws -> T {
        do {
            return try writer.writeWithoutTransaction { db in
                var result: T?
                try db.inTransaction {
                    try AuditChain.requireProtection(db)
                    result = try work(db)
                    return .rollback
                }
                return result!
            }
        } catch let error as DatabaseError {
            throw StoreError(error, path: writer.path)
        }
    }

    /// Runs `work` on a consistent snapshot.
    func read<T>(_ work: (Database) throws -> T) throws -> T {
        do {
            return try writer.read(work)
        } catch let error as DatabaseError {
            throw StoreError(error, path: writer.path)
        }
    }

    /// What a migrated database contains, in the canonical form of `schema.sql`: every
    /// table, index and trigger, ordered by kind and name, each statement ending in `;`.
    public func schemaSQL() throws -> String {
        try read { db in
            try String.fetchAll(db, sql: AppDatabase.schemaQuery).joined(separator: "\n\n") + "\n"
        }
    }

    /// The query `scripts/dump-schema.sh` runs with the `sqlite3` CLI too.
    public static let schemaQuery = """
        SELECT sql || ';' FROM sqlite_schema
        WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%'
        ORDER BY CASE type WHEN 'table' THEN 0 WHEN 'index' THEN 1 WHEN 'view' THEN 2 ELSE 3 END, name
        """

    /// `PRAGMA integrity_check` and `PRAGMA foreign_key_check`: the problems found, if any.
    public func integrityProblems() throws -> [String] {
        try read { db in
            var problems = try String.fetchAll(db, sql: "PRAGMA integrity_check").filter { $0 != "ok" }
            let rows = try Row.fetchAll(db, sql: "PRAGMA foreign_key_check")
            problems += rows.map { "foreign key: \($0[0] as String? ?? "?") row \($0[1] as Int64? ?? 0)" }
            return problems
        }
    }
}
