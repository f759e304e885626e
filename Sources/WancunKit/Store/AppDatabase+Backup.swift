import Foundation
import GRDB

/// A finished copy of the database: where it is and the sha256 of its bytes.
public struct BackupCopy: Sendable, Equatable {
    public let path: String
    public let sha256: String
    /// The copy's last audit line: written on the paper record of the backup, so that a later
    /// edit of the trail in the copy (or of the lines before it in the database) shows.
    public var auditHead: AuditHead? = nil
}

/// What a restore did: the backup it brought back, and where the content it replaced is kept.
public struct Restore: Sendable {
    public let backup: BackupCopy
    /// `nil` when there was no database to replace.
    public let keptAside: String?
}

extension AppDatabase {
    /// Writes a consistent copy of the database to `path` with SQLite's online backup, while
    /// other processes keep reading and writing, and records it in the audit trail (`database.backup`,
    /// with the copy's path and sha256). The copy is written beside `path` under a temporary
    /// name and takes its name only once every check (`DatabaseCheck.all`) passes on it; an
    /// existing file is never overwritten.
    @discardableResult
    public func backup(to path: String, context: ChangeContext) throws -> BackupCopy {
        var copy = try AppDatabase.copy(from: writer, to: path, checkedAs: writer.path)
        copy.auditHead = try AppDatabase(inspecting: copy.path).auditChainHead()
        let head: JSONValue = copy.auditHead.map { .object([("id", .number(String($0.id))), ("hash", .string($0.hash))]) } ?? .null
        try write { db in
            try db.audit(
                "database.backup", AuditSubject(),
                after: .object([("path", .string(copy.path)), ("sha256", .string(copy.sha256)), ("audit_head", head)]), context: context)
        }
        return copy
    }

    /// Replaces the content of the database at `live` with the backup at `backup`.
    ///
    /// The backup must be a complete wancun database that every check passes, from this
    /// version of wancun or an older one (it is migrated after). The live content is first
    /// copied to `<live>.before-restore-<time>.sqlite`; then SQLite's online backup writes the
    /// backup into the live database in one transaction, which is safe with its `-wal` beside
    /// it and other connections open: they see the old content or the new. A `database.restore` line
    /// in the audit trail names the backup and its sha256. Where no file is at `live`, the
    /// backup is copied there.
    public static func restore(
        from backup: String, into live: String, busyTimeout: TimeInterval = defaultBusyTimeout, context: ChangeContext
    ) throws -> Restore {
        guard FileManager.default.fileExists(atPath: backup) else { throw StoreError.backupMissing(path: backup) }
        if FileIdentity.sameFile(backup, asAnyOf: FileIdentity.databaseFiles(live)) { throw StoreError.restoreFromItself(path: backup) }
        try requireSound(backup)
        let sha256 = try Digest.sha256(fileAt: backup)
        var config = Configuration()
        config.readonly = true
        let source: DatabaseQueue
        do {
            source = try DatabaseQueue(path: backup, configuration: config)
        } catch let error as DatabaseError {
            throw StoreError(error, path: backup)
        }
        defer { try? source.close() }

        let keptAside: String?
        let db: AppDatabase
        do {
            (db, keptAside) = try replace(live, with: source, busyTimeout: busyTimeout, context: context)
        } catch let error as DatabaseError {
            throw StoreError(error, path: live)
        }
        let after: JSONValue = .object([
            ("from", .string(absolute(backup))), ("sha256", .string(sha256)),
            ("kept_aside", keptAside.map { .string(absolute($0)) } ?? .null),
        ])
        try db.write { try $0.audit("database.restore", AuditSubject(), after: after, context: context) }
        return Restore(backup: BackupCopy(path: absolute(backup), sha256: sha256), keptAside: keptAside)
    }

    private static func replace(
        _ live: String, with source: DatabaseQueue, busyTimeout: TimeInterval, context: ChangeContext
    ) throws -> (AppDatabase, keptAside: String?) {
        guard FileManager.default.fileExists(atPath: live) else {
            _ = try copy(from: source, to: live, checkedAs: nil)
            return (try AppDatabase(path: live, busyTimeout: busyTimeout), nil)
        }
        let aside = asideName(for: live, context: context)
        do {
            let current = try AppDatabase(path: live, busyTimeout: busyTimeout)
            _ = try copy(from: current.writer, to: aside, checkedAs: nil)
            try source.backup(to: current.writer)
            try checkAndMigrate(current.writer)
            return (current, aside)
        } catch StoreError.damaged, StoreError.cutShort, StoreError.notWancun(_, .empty), StoreError.notWancun(_, .unfinishedWrite) {
            // SQLite cannot open the file, so nobody is using it: its bytes (and its -wal's)
            // are kept, and a copy of the backup takes its place, without the old -wal that
            // SQLite would otherwise lay over it.
            for suffix in ["", "-wal"] where FileManager.default.fileExists(atPath: live + suffix) {
                try copyBytes(live + suffix, to: aside + suffix)
            }
            let partial = try writeCopy(from: source, beside: live, checkedAs: nil)
            for suffix in ["-journal", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: live + suffix) }
            guard rename(partial, live) == 0 else {
                BackupFile.remove(partial)
                throw StoreError.sqlite(path: live, code: errno, detail: String(cString: strerror(errno)))
            }
            BackupFile.syncDirectory(of: live)
            return (try AppDatabase(path: live, busyTimeout: busyTimeout), aside)
        } catch StoreError.notWancun(let path, _) {
            throw StoreError.restoreOverForeignFile(path: path)
        }
    }

    /// The online backup of `source` into a new file at `path`, written under a temporary
    /// name beside it. With `checkedAs`, it takes its name only if every check passes on it,
    /// and a problem is told of the file it copies, named so.
    private static func copy(from source: any DatabaseReader, to path: String, checkedAs original: String?) throws -> BackupCopy {
        if FileManager.default.fileExists(atPath: path) { throw StoreError.backupExists(path: path) }
        let partial = try writeCopy(from: source, beside: path, checkedAs: original)
        do {
            try BackupFile.place(partial, at: path)
            BackupFile.remove(partial)
        } catch {
            BackupFile.remove(partial)
            throw error
        }
        return BackupCopy(path: absolute(path), sha256: try Digest.sha256(fileAt: path))
    }

    /// The online backup of `source` into `<path>.partial-<pid>`, flushed to disk, and its
    /// name; removed again when anything fails.
    private static func writeCopy(from source: any DatabaseReader, beside path: String, checkedAs original: String?) throws -> String {
        FileOutput.sweepStale(beside: path)
        let partial = FileOutput.temporaryPath(for: path)
        BackupFile.remove(partial)
        try BackupFile.createOwnerOnly(partial)
        do {
            let destination = try DatabaseQueue(path: partial)
            try source.backup(to: destination, pagesPerStep: 256)
            // One self-contained file, readable from a read-only stick: no -wal needed.
            try destination.writeWithoutTransaction { try $0.execute(sql: "PRAGMA journal_mode = DELETE") }
            try destination.close()
            if let original { try requireSound(partial, reportedAs: original) }
            try BackupFile.sync(partial)
            return partial
        } catch {
            BackupFile.remove(partial)
            if let error = error as? DatabaseError { throw StoreError(error, path: path) }
            throw error
        }
    }

    /// Refuses a file that is not a complete wancun database or that a check finds damaged,
    /// leaving it as it is.
    static func requireSound(_ path: String, reportedAs name: String? = nil) throws {
        do {
            try DatabaseFile.requireComplete(path, readOnly: true)
            for result in try AppDatabase(inspecting: path).runChecks() {
                if let problem = result.problems.first { throw StoreError.failsCheck(path: path, check: result.name, problem) }
            }
        } catch let error as StoreError {
            throw error.naming(name ?? path)
        }
    }

    /// `<live>.before-restore-<YYYYMMDDTHHMMSS>.sqlite`, numbered when that is taken.
    private static func asideName(for live: String, context: ChangeContext) -> String {
        let stamp = context.timestamp.prefix(19).filter { $0 != "-" && $0 != ":" }
        let base = "\(live).before-restore-\(stamp)"
        var name = base + ".sqlite"
        var n = 2
        while FileManager.default.fileExists(atPath: name) {
            name = "\(base)-\(n).sqlite"
            n += 1
        }
        return name
    }

    private static func copyBytes(_ path: String, to copy: String) throws {
        try BackupFile.createOwnerOnly(copy)
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        try data.write(to: URL(fileURLWithPath: copy))
    }

    private static func absolute(_ path: String) -> String { URL(fileURLWithPath: path).standardizedFileURL.path }
}

extension AppDatabase {
    /// Refuses a backup `restore` would refuse, changing nothing.
    public static func requireBackup(_ path: String) throws {
        guard FileManager.default.fileExists(atPath: path) else { throw StoreError.backupMissing(path: path) }
        try requireSound(path)
    }
}
