import Foundation
import GRDB
import Testing

@testable import WancunKit

/// Backups that are whole and checked, and `check`.
@Suite struct BackupRestoreTests {
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

    @Test func checkFindsADroppedTriggerAChangedTableAndACorruptPage() throws {
        let good = try sharedDemoCopy()
        #expect(try AppDatabase.check(path: good).map(\.name) == ["file", "integrity", "foreign_keys", "schema", "triggers"])
        #expect(try AppDatabase.check(path: good).allSatisfy(\.problems.isEmpty))

        let trigger = try sharedDemoCopy()
        try Self.dropATrigger(trigger)
        #expect(try AppDatabase.check(path: trigger).flatMap(\.problems) == [.missing(kind: "trigger", name: "audit_no_delete")])

        let table = try sharedDemoCopy()
        let queue = try DatabaseQueue(path: table)
        try queue.write { try $0.execute(sql: "CREATE INDEX extra ON point (name); ALTER TABLE courier ADD COLUMN note TEXT") }
        try queue.close()
        #expect(try AppDatabase.check(path: table).flatMap(\.problems) == [.differs(kind: "table", name: "courier"), .unexpected(kind: "index", name: "extra")])

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
            (try Int.fetchOne(db, sql: "SELECT rootpage FROM sqlite_schema WHERE name = ?", arguments: [table])!,
             try Int.fetchOne(db, sql: "PRAGMA page_size")!)
        }
        try queue.close()
        let handle = try #require(FileHandle(forWritingAtPath: path))
        try handle.seek(toOffset: UInt64((root - 1) * pageSize))
        try handle.write(contentsOf: Data((0..<pageSize).map { UInt8(truncatingIfNeeded: $0 * 7 + 13) }))
        try handle.close()
    }
}
