import Foundation
import GRDB
import Testing

@testable import WancunKit

@Suite struct StoreTests {
    @Test func schemaFileMatchesAFreshlyMigratedDatabase() throws {
        let expected = try String(contentsOf: repositoryRoot.appendingPathComponent("schema.sql"), encoding: .utf8)
        let actual = try AppDatabase().schemaSQL()
        #expect(actual == expected, "schema.sql drifted: run scripts/dump-schema.sh and commit the result")
    }

    @Test func everyTableIsStrict() throws {
        let schema = try AppDatabase().schemaSQL()
        let tables = schema.components(separatedBy: "CREATE TABLE ").dropFirst()
        for table in tables where !table.hasPrefix("grdb_migrations") {
            #expect(table.contains(") STRICT;"), "not STRICT: \(table.prefix(30))")
        }
    }

    @Test func aDatabaseFromANewerVersionIsRefused() throws {
        let path = temporaryDirectory().appendingPathComponent("new.sqlite").path
        _ = try AppDatabase(path: path, create: true)
        let queue = try DatabaseQueue(path: path)
        try queue.write { try $0.execute(sql: "INSERT INTO grdb_migrations VALUES ('v999')") }
        try queue.close()
        #expect(throws: StoreError.newerVersion) { try AppDatabase(path: path) }
    }

    @Test func anotherSQLiteFileIsRefused() throws {
        let path = temporaryDirectory().appendingPathComponent("other.sqlite").path
        let queue = try DatabaseQueue(path: path)
        try queue.write { try $0.execute(sql: "CREATE TABLE t (x)") }
        try queue.close()
        #expect(throws: StoreError.notWancun) { try AppDatabase(path: path) }
    }

    @Test func aMissingFileIsNotCreatedUnlessAsked() throws {
        let path = temporaryDirectory().appendingPathComponent("none.sqlite").path
        #expect(throws: StoreError.missing(path: path)) { try AppDatabase(path: path) }
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test func theAuditTrailIsAppendOnly() throws {
        let db = try AppDatabase()
        _ = try db.importDivisions(from: haiyanCSV, context: testContext)
        #expect(throws: (any Error).self) { try db.write { try $0.execute(sql: "UPDATE audit SET clerk = 'x'") } }
        #expect(throws: (any Error).self) { try db.write { try $0.execute(sql: "DELETE FROM audit") } }
    }

    @Test func constraintsLiveInTheSchema() throws {
        let db = try AppDatabase()
        #expect(throws: (any Error).self) {
            try db.write { try $0.execute(sql: "INSERT INTO division (code, name, level) VALUES ('330000000000', '浙江省', 'city')") }
        }
        #expect(throws: (any Error).self) {
            try db.write { try $0.execute(sql: "INSERT INTO division (code, name, level) VALUES ('33000000000X', 'x', 'province')") }
        }
    }

    @Test func backupIsAConsistentCopy() throws {
        let dir = temporaryDirectory()
        let db = try AppDatabase(path: dir.appendingPathComponent("a.sqlite").path, create: true)
        _ = try db.importDivisions(from: haiyanCSV, context: testContext)
        let copy = dir.appendingPathComponent("copy.sqlite").path
        try db.backup(to: copy)
        let restored = try AppDatabase(path: copy)
        #expect(try restored.divisions().count == 134)
        #expect(try restored.integrityProblems().isEmpty)
        #expect(throws: StoreError.backupExists(path: copy)) { try db.backup(to: copy) }
    }
}
