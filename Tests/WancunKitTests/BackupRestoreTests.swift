import Foundation
import GRDB
import Testing

@testable import WancunKit

/// Backups that are whole and checked, a restore into the open database, and `check`.
@Suite struct BackupRestoreTests {
    /// Every table but the audit trail, as text; and the audit trail's lines.
    static func content(_ path: String) throws -> (registry: String, audit: [AuditEntry]) {
        let queue = try DatabaseQueue(path: path)
        defer { try? queue.close() }
        return try queue.read { db in
            let tables = try String.fetchAll(db, sql: "SELECT name FROM sqlite_schema WHERE type = 'table' AND name <> 'audit' ORDER BY name")
            let registry = try tables.map { table in
                table + "\n" + (try Row.fetchAll(db, sql: "SELECT * FROM \"\(table)\" ORDER BY rowid")).map(\.description).joined(separator: "\n")
            }.joined(separator: "\n")
            return (registry, try AuditEntry.order(Column("id")).fetchAll(db))
        }
    }

    static func mode(_ path: String) throws -> Int? { try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int }

    @Test func aBackupIsCheckedRecordedAndNeverTakesTheNameOfADamagedCopy() throws {
        let dir = temporaryDirectory()
        let live = try sharedDemoCopy()
        let backup = dir.appendingPathComponent("backup.sqlite").path
        let copy = try AppDatabase(path: live).backup(to: backup, context: testContext)
        #expect(try Self.mode(backup) == 0o600)
        #expect(copy.sha256 == (try Digest.sha256(fileAt: backup)))
        let line = try #require(try AppDatabase(path: live).auditEntries(AuditFilter()).last)
        #expect(line.action == "database.backup" && line.after?.contains(copy.sha256) == true)
        #expect(try AppDatabase.check(path: backup).allSatisfy(\.problems.isEmpty))

        try Self.corruptAPage(live, table: "division")
        let refused = dir.appendingPathComponent("refused.sqlite").path
        #expect {
            try AppDatabase(path: live).backup(to: refused, context: testContext)
        } throws: { error in
            guard case StoreError.failsCheck(live, "integrity", _) = error else { return false }
            return true
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["backup.sqlite"])
    }

    @Test func restoreDrill() throws {
        let dir = temporaryDirectory()
        let live = dir.appendingPathComponent("county.sqlite").path
        try FileManager.default.copyItem(atPath: try sharedDemoCopy(), toPath: live)
        let db = try AppDatabase(path: live)
        let backup = dir.appendingPathComponent("backup.sqlite").path
        let copy = try db.backup(to: backup, context: testContext)
        #expect(try Self.mode(backup) == 0o600)
        #expect(copy.sha256 == (try Digest.sha256(fileAt: backup)))
        let saved = try Self.content(backup)
        #expect(try db.auditEntries(AuditFilter()).last?.action == "database.backup")

        // The day's work that must be undone, with another connection open and a -wal beside the file.
        try db.write { db in
            try db.execute(sql: "UPDATE point SET name = name || '（改）'")
            try db.execute(sql: "DELETE FROM service")
        }
        let changed = try Self.content(live)
        #expect(changed.registry != saved.registry)
        let other = try DatabasePool(path: live)
        #expect(try other.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM service") } == 0)
        #expect(FileManager.default.fileExists(atPath: live + "-wal"))

        let restore = try AppDatabase.restore(from: backup, into: live, context: testContext)

        let restored = try Self.content(live)
        #expect(restored.registry == saved.registry)
        #expect(restored.audit.dropLast().map(\.id) == saved.audit.map(\.id))
        let line = try #require(restored.audit.last)
        #expect(line.action == "database.restore")
        #expect(line.after?.contains(copy.sha256) == true)
        #expect(line.after?.contains(backup) == true)
        // The other connection sees the restored registry.
        #expect(try other.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM service") } ?? 0 > 0)
        try other.close()
        // What was replaced is kept, readable by its owner only, and can be restored in turn.
        let aside = try #require(restore.keptAside)
        #expect(aside.hasPrefix(live + ".before-restore-") && aside.hasSuffix(".sqlite"))
        #expect(try Self.mode(aside) == 0o600)
        #expect(try Self.content(aside).registry == changed.registry)
        #expect(try AppDatabase.check(path: live).allSatisfy(\.problems.isEmpty))
        #expect(try Self.mode(live) == 0o600)
    }

    @Test func aBackupThatFailsACheckIsNotRestoredAndTheDatabaseStaysAsItWas() throws {
        let dir = temporaryDirectory()
        let live = try sharedDemoCopy()
        let backup = dir.appendingPathComponent("backup.sqlite").path
        _ = try AppDatabase(path: live).backup(to: backup, context: testContext)
        try Self.dropATrigger(backup)
        let before = try Self.content(live)
        #expect(throws: StoreError.failsCheck(path: backup, check: "triggers", .missing(kind: "trigger", name: "audit_no_delete"))) {
            try AppDatabase.restore(from: backup, into: live, context: testContext)
        }
        #expect(try Self.content(live).registry == before.registry)
        #expect(try Self.content(live).audit.count == before.audit.count)
        let files = try FileManager.default.contentsOfDirectory(atPath: (live as NSString).deletingLastPathComponent)
        #expect(!files.contains { $0.contains("before-restore") }, "\(files)")
    }

    @Test func aDamagedDatabaseIsRestoredAndItsDamageKeptAside() throws {
        let dir = temporaryDirectory()
        let live = try sharedDemoCopy()
        let backup = dir.appendingPathComponent("backup.sqlite").path
        _ = try AppDatabase(path: live).backup(to: backup, context: testContext)
        try Self.corruptAPage(live, table: "point")
        let damage = try AppDatabase.check(path: live).first { $0.name == "integrity" }?.problems ?? []
        #expect(!damage.isEmpty)

        let restore = try AppDatabase.restore(from: backup, into: live, context: testContext)
        #expect(try AppDatabase.check(path: live).allSatisfy(\.problems.isEmpty))
        #expect(try Self.content(live).registry == Self.content(backup).registry)
        // The page copy keeps the damaged page as it was, for whoever looks into it.
        #expect(try AppDatabase.check(path: try #require(restore.keptAside)).first { $0.name == "integrity" }?.problems == damage)
    }

    @Test func aDatabaseSQLiteCannotOpenIsRestoredAndItsBytesKept() throws {
        let dir = temporaryDirectory()
        let live = try sharedDemoCopy()
        let backup = dir.appendingPathComponent("backup.sqlite").path
        _ = try AppDatabase(path: live).backup(to: backup, context: testContext)
        let whole = try #require(FileManager.default.contents(atPath: live))
        try whole.prefix(whole.count / 2 / 4096 * 4096).write(to: URL(fileURLWithPath: live))
        let cut = try #require(FileManager.default.contents(atPath: live))
        #expect(throws: StoreError.self) { try AppDatabase(path: live) }

        let restore = try AppDatabase.restore(from: backup, into: live, context: testContext)
        #expect(try AppDatabase.check(path: live).allSatisfy(\.problems.isEmpty))
        #expect(try Self.content(live).registry == Self.content(backup).registry)
        #expect(FileManager.default.contents(atPath: try #require(restore.keptAside)) == cut)
    }

    @Test func aRestoreWhereNoDatabaseIsCopiesTheBackupThere() throws {
        let dir = temporaryDirectory()
        let backup = dir.appendingPathComponent("backup.sqlite").path
        _ = try AppDatabase(path: try sharedDemoCopy()).backup(to: backup, context: testContext)
        let live = dir.appendingPathComponent("new.sqlite").path
        let restore = try AppDatabase.restore(from: backup, into: live, context: testContext)
        #expect(restore.keptAside == nil)
        #expect(try Self.mode(live) == 0o600)
        #expect(try Self.content(live).registry == Self.content(backup).registry)
        #expect(try Self.content(live).audit.last?.action == "database.restore")
    }

    @Test func checkFindsADroppedTriggerAChangedTableAndACorruptPage() throws {
        let good = try sharedDemoCopy()
        #expect(try AppDatabase.check(path: good).map(\.name) == ["file", "integrity", "foreign_keys", "schema", "triggers", "audit_chain"])
        #expect(try AppDatabase.check(path: good).allSatisfy(\.problems.isEmpty))

        let trigger = try sharedDemoCopy()
        try Self.dropATrigger(trigger)
        #expect(try AppDatabase.check(path: trigger).flatMap(\.problems) == [.missing(kind: "trigger", name: "audit_no_delete")])

        let table = try sharedDemoCopy()
        let queue = try DatabaseQueue(path: table)
        try queue.write { try $0.execute(sql: "CREATE INDEX extra ON point (name); ALTER TABLE courier ADD COLUMN note TEXT") }
        try queue.close()
        #expect(
            try AppDatabase.check(path: table).flatMap(\.problems) == [
                .differs(kind: "table", name: "courier"), .unexpected(kind: "index", name: "extra"),
            ])

        // A line edited behind the trigger's back, the trigger then put back as it was: only the chain shows it.
        let edited = try sharedDemoCopy()
        let editor = try DatabaseQueue(path: edited)
        try editor.write { db in
            let sql = try String.fetchOne(db, sql: "SELECT sql FROM sqlite_schema WHERE name = 'audit_no_update'")!
            try db.execute(sql: "DROP TRIGGER audit_no_update; UPDATE audit SET clerk = '别人' WHERE id = 3")
            try db.execute(sql: sql)
        }
        try editor.close()
        #expect(try AppDatabase.check(path: edited).flatMap(\.problems) == [.audit(.lineBroken(id: 3))])

        let page = try sharedDemoCopy()
        try Self.corruptAPage(page, table: "division")
        let problems = try AppDatabase.check(path: page).first { $0.name == "integrity" }?.problems ?? []
        #expect(!problems.isEmpty)
    }

    static func dropATrigger(_ path: String) throws {
        let queue = try DatabaseQueue(path: path)
        try queue.write { try $0.execute(sql: "DROP TRIGGER audit_no_delete") }
        try queue.close()
    }

    /// Overwrites the root page of `table` with noise, as a failing disk would.
    static func corruptAPage(_ path: String, table: String) throws {
        let queue = try DatabaseQueue(path: path)
        let (root, pageSize) = try queue.read { db in
            (
                try Int.fetchOne(db, sql: "SELECT rootpage FROM sqlite_schema WHERE name = ?", arguments: [table])!,
                try Int.fetchOne(db, sql: "PRAGMA page_size")!
            )
        }
        try queue.close()
        let handle = try #require(FileHandle(forWritingAtPath: path))
        try handle.seek(toOffset: UInt64((root - 1) * pageSize))
        try handle.write(contentsOf: Data((0..<pageSize).map { UInt8(truncatingIfNeeded: $0 * 7 + 13) }))
        try handle.close()
    }
}
