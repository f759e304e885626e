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

    @Test(arguments: [
        ("kind TEXT CHECK (kind IN ('a', 'b', 'c'))", "kind TEXT CHECK ((kind = 'a' OR kind = 'b' OR kind = 'c'))"),
        ("x CHECK (x IN\n    ('a', 'b-c', 'd'))", "x CHECK ((x = 'a' OR x = 'b-c' OR x = 'd'))"),
        ("x CHECK (x IN ('a', 'b'))", "x CHECK (x IN ('a', 'b'))"),
        ("x CHECK (x IN (0, 1, 2))", "x CHECK (x IN (0, 1, 2))"),
    ])
    func inListsBecomeOrChains(sql: String, expected: String) {
        #expect(AppDatabase.orChains(sql) == expected)
    }

    @Test func rewrittenChecksStillRefuseWhatTheyRefused() throws {
        let db = try AppDatabase()
        _ = try db.importDivisions(from: haiyanCSV, context: testContext)
        _ = try db.addPoint(
            NewPoint(village: DivisionCode(parsing: "330424101201"), name: "点", openedOn: LocalDate(parsing: "2025-01-01")), context: testContext)
        for sql in [
            "INSERT INTO point (code, village_id, name, status) VALUES ('330424101201002', 1, '点', 'open')",
            "INSERT INTO service (point_id, kind, started_on) VALUES (1, 'delivery', '2026-01-01')",
            "INSERT INTO service (point_id, kind, category, started_on) VALUES (1, 'agent-purchase', 'toys', '2026-01-01')",
            "INSERT INTO point_status (point_id, from_status, status, on_date, reason, "
                + "clerk) VALUES (1, 'closed', 'operating', '2026-01-01', 'r', 'c')",
        ] {
            #expect(throws: StoreError.self, "\(sql)") { try db.write { try $0.execute(sql: sql) } }
        }
        try db.write {
            try $0.execute(
                sql: "INSERT INTO service (point_id, kind, category, started_on) VALUES (1, 'agent-purchase', 'farm-inputs', '2026-01-01')")
        }
    }

    @Test func aVersion5DatabaseWithDataMigrates() throws {
        let path = temporaryDirectory().appendingPathComponent("v5.sqlite").path
        let queue = try DatabaseQueue(path: path)
        try AppDatabase.migrator.migrate(queue, upTo: "v5")
        try queue.write { db in
            try db.execute(sql: "INSERT INTO division (code, name, level) VALUES ('330000000000', '浙江省', 'province')")
            try db.execute(
                sql: "INSERT INTO operator (id_number, name, phone, retirement_group) VALUES (?, '甲', '13800000001', 'male')",
                arguments: [ResidentID.withCheckCharacter("33042419850315001")])
        }
        try queue.close()
        let db = try AppDatabase(path: path)
        #expect(try db.schemaSQL() == AppDatabase().schemaSQL())
        #expect(try db.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM operator") } == 1)
        #expect(try db.read { try String.fetchOne($0, sql: "PRAGMA integrity_check") } == "ok")
    }

    /// v9 only adds: the `user` table, and two columns of `subsidy_run` with the trigger that
    /// guards them. A demo database taken back to before it, opened as the CLI opens one, reads
    /// through connections that know the columns v9 added; the connection that checked the file
    /// before migrating it named a `SELECT r.*` followed by other columns (the shape of `point
    /// show`'s query) as before the migration and read it as after, one place off.
    @Test func readsAfterAMigrationKnowTheColumnsItAdded() throws {
        let path = try sharedDemoCopy()
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in
            try db.execute(
                sql: """
                    DROP TRIGGER subsidy_run_review;
                    DROP TABLE user;
                    ALTER TABLE subsidy_run DROP COLUMN reviewed_via;
                    ALTER TABLE subsidy_run DROP COLUMN reviewer;
                    DELETE FROM grdb_migrations WHERE identifier = 'v9';
                    """)
        }
        #expect(try queue.read { try Row.fetchOne($0, sql: "SELECT * FROM subsidy_run") }?.hasColumn("reviewer") == false)
        try queue.close()
        let app = try AppDatabase(path: path)
        // Read as a record is (`PointListing.fetchOne`): through a cursor's row, whose columns are
        // named as the statement was prepared and read as it was stepped.
        let read = try app.read { db -> (columns: [String], month: String?, runMonth: String?)? in
            let rows = try Row.fetchCursor(db, sql: "SELECT r.*, r.month AS run_month FROM subsidy_run r ORDER BY r.id")
            return try rows.next().map { (Array($0.columnNames), $0["month"], $0["run_month"]) }
        }
        let row = try #require(read)
        #expect(row.columns.contains("reviewer") && row.columns.contains("reviewed_via"))
        #expect(row.month != nil && row.runMonth == row.month)
        #expect(try app.schemaSQL() == AppDatabase().schemaSQL())
    }

    @Test func recordsReadByPositionMatchRecordsReadByName() throws {
        let app = try AppDatabase(path: try sharedDemoCopy())
        try app.read { db in
            func same<R: FetchableRecord & TableRecord & Equatable>(_ read: (StatementColumns) -> R) throws {
                let sql = "SELECT * FROM \(R.databaseTableName) ORDER BY id"
                let byName = try R.fetchAll(db, sql: sql)
                #expect(!byName.isEmpty, "no \(R.databaseTableName) rows in the demo")
                #expect(try db.makeStatement(sql: sql).rows(read: read) == byName, "\(R.databaseTableName)")
            }
            try same(Point.init(columns:))
            try same(Operator.init(columns:))
            try same(Division.init(columns:))
            try same(Assignment.init(columns:))
            try same(Service.init(columns:))
        }
    }

    @Test func aDirectStatementRefusesTheWrongNumberOfValues() throws {
        let app = try AppDatabase()
        try app.read { db in
            let statement = try db.makeStatement(sql: "SELECT * FROM division WHERE code = ? AND name = ?")
            #expect(throws: DatabaseError.self) { try statement.rows({ $0("330424101201") }) { _ in () } }
            #expect(
                try statement.rows({
                    $0("330424101201"); $0("x")
                }) { _ in () }.isEmpty)
        }
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
        #expect(throws: StoreError.newerVersion(path: path)) { try AppDatabase(path: path) }
    }

    @Test func anotherSQLiteFileIsRefused() throws {
        let path = temporaryDirectory().appendingPathComponent("other.sqlite").path
        let queue = try DatabaseQueue(path: path)
        try queue.write { try $0.execute(sql: "CREATE TABLE t (x)") }
        try queue.close()
        #expect(throws: StoreError.notWancun(path: path, .otherDatabase)) { try AppDatabase(path: path) }
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
        try db.backup(to: copy, context: testContext)
        let restored = try AppDatabase(path: copy)
        #expect(try restored.divisions().count == 134)
        #expect(try restored.integrityProblems().isEmpty)
        #expect(throws: StoreError.backupExists(path: copy)) { try db.backup(to: copy, context: testContext) }
    }
}
