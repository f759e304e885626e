import Foundation
import GRDB

/// A finished copy of the database: where it is and the sha256 of its bytes.
public struct BackupCopy: Sendable, Equatable {
    public let path: String
    public let sha256: String
}

extension AppDatabase {
    /// Writes a consistent copy of the database to `path` with SQLite's online backup, while
    /// other processes keep reading and writing, and records it in the audit trail (`database.backup`,
    /// with the copy's path and sha256). The copy is written beside `path` under a temporary
    /// name and takes its name only once every check (`DatabaseCheck.all`) passes on it; an
    /// existing file is never overwritten.
    @discardableResult
    public func backup(to path: String, context: ChangeContext) throws -> BackupCopy {
        let copy = try AppDatabase.copy(from: writer, to: path, checkedAs: writer.path)
        try write { db in
            try db.audit("database.backup", AuditSubject(), after: .object([("path", .string(copy.path)), ("sha256", .string(copy.sha256))]), context: context)
        }
        return copy
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
        BackupFile.removeStalePartials(of: path)
        let partial = BackupFile.partialName(for: path)
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

    private static func absolute(_ path: String) -> String { URL(fileURLWithPath: path).standardizedFileURL.path }
}
