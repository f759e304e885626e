import GRDB

/// What can go wrong with the database file itself.
public enum StoreError: Error, Equatable {
    case missing(path: String)
    case busy
    case newerVersion
    case notWancun
    case backupExists(path: String)
    /// An append-only trigger of the audit trail was dropped or replaced: nothing is written.
    case auditUnprotected(trigger: String)
    case sqlite(path: String, code: Int32, detail: String)

    init(_ error: DatabaseError, path: String) {
        switch error.resultCode {
        case .SQLITE_BUSY, .SQLITE_LOCKED: self = .busy
        case .SQLITE_NOTADB: self = .notWancun
        default: self = .sqlite(path: path, code: error.extendedResultCode.rawValue, detail: error.message ?? "")
        }
    }
}

extension StoreError: UserFacingError {
    public var message: Message { .storeError(self) }
}
