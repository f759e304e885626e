import Foundation
import GRDB

/// What a file must be before wancun uses it as a registry, found without writing to it.
///
/// Complete means: not empty, a SQLite file of whole pages (SQLite itself refuses one whose
/// header counts more pages than the file holds), with wancun's `grdb_migrations` holding
/// `v1` and no migration this binary does not know. Whole-file checks (`integrity_check` and
/// the rest) are left to the commands that ask for them: every command paying for them would
/// read the whole file each time.
enum DatabaseFile {
    /// Throws why the file at `path` is not a complete wancun database. `readOnly` leaves the
    /// file exactly as it is, so a `-journal` that SQLite would roll back is refused instead.
    static func requireComplete(_ path: String, readOnly: Bool) throws {
        var header = try readHeader(path)
        if !isSQLite(header), hasJournal(path) {
            // A write cut short before it wrote the header (a killed copy): SQLite rolls it
            // back when it opens the file, which only a command that may change it lets it do.
            if readOnly { throw StoreError.notWancun(path: path, .unfinishedWrite) }
            rollBack(path)
            header = try readHeader(path)
        }
        guard !header.isEmpty else { throw StoreError.notWancun(path: path, .empty) }
        guard isSQLite(header) else { throw StoreError.notWancun(path: path, .notSQLite) }
        let pageSize = header[16] == 0 && header[17] == 1 ? 65536 : Int(header[16]) << 8 | Int(header[17])
        let size = try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int ?? 0
        guard pageSize > 0, size % pageSize == 0 else { throw StoreError.cutShort(path: path, size: size, pageSize: pageSize) }
        var config = Configuration()
        config.readonly = readOnly
        config.busyMode = .timeout(AppDatabase.defaultBusyTimeout)
        do {
            // A read only, so it can be tried again while another process's connection closes
            // (see `AppDatabase.openPool`).
            try AppDatabase.retryingWhileBusy(for: AppDatabase.defaultBusyTimeout) {
                let queue = try DatabaseQueue(path: path, configuration: config)
                defer { try? queue.close() }
                try queue.read { db in try requireMigrations(db, path: path) }
            }
        } catch let error as DatabaseError {
            throw StoreError(error, path: path)
        }
    }

    /// Refuses a database without wancun's migrations, or with one from a newer wancun.
    static func requireMigrations(_ db: Database, path: String) throws {
        guard try db.tableExists("grdb_migrations") else {
            let tables = try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_schema WHERE type = 'table'") ?? 0
            throw StoreError.notWancun(path: path, tables == 0 ? .empty : .otherDatabase)
        }
        let applied = try AppDatabase.migrator.appliedIdentifiers(db)
        guard applied.contains("v1") else { throw StoreError.notWancun(path: path, .otherDatabase) }
        if try AppDatabase.migrator.hasBeenSuperseded(db) { throw StoreError.newerVersion(path: path) }
    }

    private static func isSQLite(_ header: [UInt8]) -> Bool {
        header.count >= 100 && header.starts(with: Array("SQLite format 3\0".utf8))
    }

    private static func hasJournal(_ path: String) -> Bool {
        (try? FileManager.default.attributesOfItem(atPath: path + "-journal")[.size] as? Int ?? 0) ?? 0 > 0
    }

    /// Lets SQLite roll back the journal beside the file, as it does on its first read.
    private static func rollBack(_ path: String) {
        guard let queue = try? DatabaseQueue(path: path) else { return }
        _ = try? queue.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM sqlite_schema") }
        try? queue.close()
    }

    /// The first 100 bytes of the file (SQLite's header), fewer when it is shorter.
    private static func readHeader(_ path: String) throws -> [UInt8] {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else {
            if errno == ENOENT { throw StoreError.missing(path: path) }
            throw StoreError.notWancun(path: path, .notSQLite)
        }
        defer { close(descriptor) }
        var bytes = [UInt8](repeating: 0, count: 100)
        let count = read(descriptor, &bytes, 100)
        // A directory, or a file that cannot be read, is not a database.
        guard count >= 0 else { throw StoreError.notWancun(path: path, .notSQLite) }
        return Array(bytes.prefix(count))
    }
}
