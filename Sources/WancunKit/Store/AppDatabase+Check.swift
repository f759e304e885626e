import Foundation
import GRDB

/// One named check of a database; `wancun check` runs every one in `DatabaseCheck.all`.
public struct DatabaseCheck: Sendable {
    /// A stable name (`integrity`, `foreign_keys`, …); the catalogue gives its label.
    public let name: String
    let problems: @Sendable (AppDatabase) throws -> [CheckProblem]

    /// Every check, in the order `wancun check` prints them.
    public static let all: [DatabaseCheck] = [
        DatabaseCheck(name: "integrity") { try $0.read(integrityCheck) },
        DatabaseCheck(name: "foreign_keys") { try $0.read(foreignKeyCheck) },
        DatabaseCheck(name: "schema") { try $0.read { try schemaCheck($0, kinds: ["table", "index", "view"]) } },
        DatabaseCheck(name: "triggers") { try $0.read { try schemaCheck($0, kinds: ["trigger"]) } },
        // Its triggers are the check above's: here, the lines deleted or edited.
        DatabaseCheck(name: "audit_chain") {
            try $0.auditChainProblems().filter { if case .triggerMissing = $0 { false } else { true } }.map(CheckProblem.audit)
        },
    ]

    /// What is wrong, one entry each; a check that SQLite cannot finish reports why.
    func run(_ db: AppDatabase) -> [CheckProblem] {
        do {
            return try problems(db)
        } catch let error as StoreError {
            if case .damaged(_, let detail) = error { return [.sqlite(detail)] }
            return [.sqlite(String(describing: error))]
        } catch {
            return [.sqlite(String(describing: error))]
        }
    }
}

/// Something a check found wrong.
public enum CheckProblem: Sendable, Equatable {
    /// A line of SQLite's own report (`integrity_check`), as it gives it.
    case sqlite(String)
    case cutShort(size: Int, pageSize: Int)
    case foreignKey(table: String, rowid: Int64, parent: String)
    /// A table, index, view or trigger this version of wancun makes, absent from the file.
    case missing(kind: String, name: String)
    case unexpected(kind: String, name: String)
    /// Present under its name, but not as this version of wancun makes it.
    case differs(kind: String, name: String)
    /// The audit trail's chain breaks: lines deleted, or a line edited.
    case audit(AuditDamage)
}

/// The outcome of one check.
public struct CheckResult: Sendable {
    public let name: String
    public let problems: [CheckProblem]
}

extension AppDatabase {
    /// Runs every check on the database at `path` without changing it: SQLite's integrity and
    /// foreign key checks, and its tables, indexes, views and triggers against those a fresh
    /// migration to the same version makes. Throws when the file is not a wancun database at all.
    public static func check(path: String) throws -> [CheckResult] {
        // Damage is what the checks are for: the file's own is the first finding, and the
        // others say where.
        var file: [CheckProblem] = []
        do {
            try DatabaseFile.requireComplete(path, readOnly: true)
        } catch StoreError.damaged(_, let detail) {
            file = [.sqlite(detail)]
        } catch StoreError.cutShort(_, let size, let pageSize) {
            file = [.cutShort(size: size, pageSize: pageSize)]
        }
        let opened: AppDatabase
        do {
            opened = try AppDatabase(inspecting: path)
        } catch StoreError.damaged(_, let detail) {
            // So damaged that SQLite cannot read its schema: nothing more to check.
            return [CheckResult(name: "file", problems: file.isEmpty ? [.sqlite(detail)] : file)]
        }
        return [CheckResult(name: "file", problems: file)] + opened.runChecks()
    }

    func runChecks() -> [CheckResult] {
        DatabaseCheck.all.map { CheckResult(name: $0.name, problems: $0.run(self)) }
    }
}

private func integrityCheck(_ db: Database) throws -> [CheckProblem] {
    try String.fetchAll(db, sql: "PRAGMA integrity_check").filter { $0 != "ok" }.map(CheckProblem.sqlite)
}

private func foreignKeyCheck(_ db: Database) throws -> [CheckProblem] {
    try Row.fetchAll(db, sql: "PRAGMA foreign_key_check").map {
        .foreignKey(table: $0[0] ?? "?", rowid: $0[1] ?? 0, parent: $0[2] ?? "?")
    }
}

/// The file's statements of `kinds` against those of an empty database migrated as far as it is.
private func schemaCheck(_ db: Database, kinds: Set<String>) throws -> [CheckProblem] {
    let applied = try AppDatabase.migrator.appliedMigrations(db)
    let fresh = try DatabaseQueue()
    if let last = applied.last { try AppDatabase.migrator.migrate(fresh, upTo: last) }
    let expected = try fresh.read { try schemaStatements($0, kinds: kinds) }
    let actual = try schemaStatements(db, kinds: kinds)
    var problems: [CheckProblem] = []
    for (key, sql) in expected.sorted(by: { $0.key < $1.key }) {
        if let found = actual[key] {
            if found != sql { problems.append(.differs(kind: key.kind, name: key.name)) }
        } else {
            problems.append(.missing(kind: key.kind, name: key.name))
        }
    }
    for key in actual.keys.sorted() where expected[key] == nil {
        problems.append(.unexpected(kind: key.kind, name: key.name))
    }
    return problems
}

private struct SchemaKey: Hashable, Comparable {
    var kind: String
    var name: String
    static func < (a: SchemaKey, b: SchemaKey) -> Bool { (a.kind, a.name) < (b.kind, b.name) }
}

private func schemaStatements(_ db: Database, kinds: Set<String>) throws -> [SchemaKey: String] {
    var statements: [SchemaKey: String] = [:]
    for row in try Row.fetchAll(db, sql: "SELECT type, name, sql FROM sqlite_schema WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%'") {
        let key = SchemaKey(kind: row[0], name: row[1])
        if kinds.contains(key.kind) { statements[key] = row[2] }
    }
    return statements
}
