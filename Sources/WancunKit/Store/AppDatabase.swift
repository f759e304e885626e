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

    /// Opens (creating when `create` is true) and migrates the database file at `path`.
    public init(path: String, create: Bool = false, busyTimeout: TimeInterval = defaultBusyTimeout) throws {
        let exists = FileManager.default.fileExists(atPath: path)
        if !exists && !create { throw StoreError.missing(path: path) }
        var config = Configuration()
        config.foreignKeysEnabled = true
        config.busyMode = .timeout(busyTimeout)
        config.journalMode = .wal
        config.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
        }
        protection = FileOutput.protect(databaseAt: path)
        // A new database holds full ID numbers: made readable by its owner only, whatever the
        // umask; SQLite gives its -wal and -shm files the database file's permissions.
        if !exists { try AppDatabase.createOwnerOnly(path) }
        do {
            writer = try DatabasePool(path: path, configuration: config)
            try AppDatabase.checkAndMigrate(writer)
        } catch let error as DatabaseError {
            throw StoreError(error, path: path)
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

    private static func checkAndMigrate(_ writer: any DatabaseWriter) throws {
        let migrator = AppDatabase.migrator
        let superseded = try writer.read { db -> Bool in
            let tables = try String.fetchAll(
                db, sql: "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
            if !tables.isEmpty && !tables.contains("grdb_migrations") { throw StoreError.notWancun }
            return try migrator.hasBeenSuperseded(db)
        }
        if superseded { throw StoreError.newerVersion }
        try migrator.migrate(writer)
    }

    /// Runs `work` in one immediate write transaction, mapping SQLite's errors to `StoreError`.
    /// Refused when the audit trail is no longer append-only (`StoreError.auditUnprotected`).
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

    /// Runs `work` on a consistent snapshot.
    func read<T>(_ work: (Database) throws -> T) throws -> T {
        do {
            return try writer.read(work)
        } catch let error as DatabaseError {
            throw StoreError(error, path: writer.path)
        }
    }

    /// Writes a consistent copy of the database to `path` with SQLite's online backup, while
    /// other processes keep reading and writing. Refuses to overwrite an existing file.
    /// Returns the copy's audit chain head.
    @discardableResult
    public func backup(to path: String) throws -> AuditHead? {
        if FileManager.default.fileExists(atPath: path) { throw StoreError.backupExists(path: path) }
        try AppDatabase.createOwnerOnly(path)
        do {
            let destination = try DatabaseQueue(path: path)
            try writer.backup(to: destination, pagesPerStep: 256)
            let head = try destination.read { db in try AuditChain.last(db).map { AuditHead(id: $0.id, hash: String(decoding: $0.hash, as: UTF8.self)) } }
            try destination.close()
            return head
        } catch let error as DatabaseError {
            try? FileManager.default.removeItem(atPath: path)
            throw StoreError(error, path: path)
        }
    }

    /// An empty file at `path` (SQLite takes it as a new database), readable by its owner only.
    static func createOwnerOnly(_ path: String) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL, FileOutput.ownerOnlyMode)
        // A file made meanwhile, or a directory that cannot be written to: SQLite opens the one
        // or says so in its own words.
        guard descriptor >= 0 else { return }
        close(descriptor)
        try FileOutput.restrict(path)
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
