import GRDB

/// What can go wrong with the database file itself.
public enum StoreError: Error, Equatable {
    case missing(path: String)
    case busy
    case newerVersion(path: String)
    /// The file is there but is not a complete wancun database, and is left as it is.
    case notWancun(path: String, NotWancun)
    /// SQLite finds the file damaged: cut short, or a page it cannot read.
    case damaged(path: String, detail: String)
    /// The file ends inside a page: a copy cut short.
    case cutShort(path: String, size: Int, pageSize: Int)
    /// A check (`DatabaseCheck`) finds the file damaged: its first problem.
    case failsCheck(path: String, check: String, CheckProblem)
    case backupExists(path: String)
    case backupMissing(path: String)
    /// `restore` replaces only a wancun database (or an empty file): never another program's file.
    case restoreOverForeignFile(path: String)
    case restoreFromItself(path: String)
    /// An append-only trigger of the audit trail was dropped or replaced: nothing is written.
    case auditUnprotected(trigger: String)
    case sqlite(path: String, code: Int32, detail: String)

    /// Why a file that exists is not a complete wancun database.
    public enum NotWancun: Sendable, Equatable {
        /// Zero bytes, or a SQLite file without a single table: what a killed copy leaves.
        case empty
        case notSQLite
        /// A SQLite file with tables, but not wancun's.
        case otherDatabase
        /// A `-journal` beside it holds a write that never finished, and the file may not be changed.
        case unfinishedWrite
    }

    init(_ error: DatabaseError, path: String) {
        switch error.resultCode {
        case .SQLITE_BUSY, .SQLITE_LOCKED: self = .busy
        case .SQLITE_NOTADB: self = .notWancun(path: path, .notSQLite)
        case .SQLITE_CORRUPT: self = .damaged(path: path, detail: error.message ?? "")
        case .SQLITE_READONLY where error.extendedResultCode == .SQLITE_READONLY_ROLLBACK:
            self = .notWancun(path: path, .unfinishedWrite)
        default: self = .sqlite(path: path, code: error.extendedResultCode.rawValue, detail: error.message ?? "")
        }
    }
}

extension StoreError {
    /// The same error about the file at `path`: a copy's problem told of the file it copies.
    func naming(_ path: String) -> StoreError {
        switch self {
        case .newerVersion: .newerVersion(path: path)
        case .notWancun(_, let why): .notWancun(path: path, why)
        case .damaged(_, let detail): .damaged(path: path, detail: detail)
        case .cutShort(_, let size, let pageSize): .cutShort(path: path, size: size, pageSize: pageSize)
        case .failsCheck(_, let check, let problem): .failsCheck(path: path, check: check, problem)
        case .sqlite(_, let code, let detail): .sqlite(path: path, code: code, detail: detail)
        case .missing, .busy, .backupExists, .backupMissing, .restoreOverForeignFile, .restoreFromItself, .auditUnprotected: self
        }
    }
}
