import Foundation
import GRDB
import Testing

@testable import WancunKit

/// Only `init` (and `demo`) make a database, and only where no file is; every command refuses
/// a file that is not a complete wancun database and leaves it as it was.
@Suite struct DatabaseFileEndToEndTests {
    /// Files that are not a complete wancun database, and how each is made.
    enum NotADatabase: String, CaseIterable {
        case empty, notSQLite, otherSQLite, cutShort, cutAtAPage, killedCopy

        func make(at path: String) throws {
            switch self {
            case .empty:
                _ = FileManager.default.createFile(atPath: path, contents: Data())
            case .notSQLite:
                _ = FileManager.default.createFile(atPath: path, contents: Data("乡镇,服务点\n沈荡镇,聚金村\n".utf8))
            case .otherSQLite:
                let queue = try DatabaseQueue(path: path)
                try queue.write { try $0.execute(sql: "CREATE TABLE note (text TEXT)") }
                try queue.close()
            case .cutShort, .cutAtAPage:
                let whole = path + ".whole"
                #expect(try wancun(["init", "--db", whole]).status == 0)
                let bytes = try Data(contentsOf: URL(fileURLWithPath: whole))
                let half = bytes.count / 2 / 4096 * 4096
                try bytes.prefix(self == .cutShort ? half + 100 : half).write(to: URL(fileURLWithPath: path))
            case .killedCopy:
                try DatabaseFileEndToEndTests.killedCopy(at: path)
            }
        }
    }

    /// What a copy killed before it finished leaves: its first pages, and a `-journal` that
    /// SQLite rolls back to an empty file when it opens it.
    static func killedCopy(at path: String) throws {
        let work = path + ".work"
        let queue = try DatabaseQueue(path: work)
        try queue.inDatabase { db in
            try db.execute(sql: "PRAGMA cache_size = 1")
            try db.execute(sql: "BEGIN")
            try db.execute(sql: "CREATE TABLE grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY)")
            try db.execute(sql: "INSERT INTO grdb_migrations VALUES ('v1')")
            try db.execute(sql: "CREATE TABLE division (x)")
            for _ in 0..<100 { try db.execute(sql: "INSERT INTO division VALUES (randomblob(3000))") }
            try FileManager.default.copyItem(atPath: work, toPath: path)
            try FileManager.default.copyItem(atPath: work + "-journal", toPath: path + "-journal")
            try db.execute(sql: "ROLLBACK")
        }
        try queue.close()
        try FileManager.default.removeItem(atPath: work)
        #expect(try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int ?? 0 > 0)
    }

    static func bytes(_ path: String) -> Data? { FileManager.default.contents(atPath: path) }

    /// The tables in the file, read without a journal rolled back: none of wancun's.
    static func tables(_ path: String) throws -> [String] {
        let queue = try DatabaseQueue(path: path)
        defer { try? queue.close() }
        return try queue.read { try String.fetchAll($0, sql: "SELECT name FROM sqlite_schema WHERE type = 'table'") }
    }

    static let commands: [[String]] = [
        ["division", "list"], ["point", "list"], ["operator", "list"], ["audit"], ["policy", "show"],
        ["reconcile", "list"], ["subsidy", "runs"], ["backup", "copy.sqlite"],
    ]

    @Test(arguments: NotADatabase.allCases)
    func everyCommandRefusesAFileThatIsNotACompleteDatabase(_ kind: NotADatabase) throws {
        for command in Self.commands + [["init"]] {
            let dir = temporaryDirectory()
            let path = dir.appendingPathComponent("county.sqlite").path
            try kind.make(at: path)
            let before = Self.bytes(path)
            let result = try wancunProcess(command + ["--db", path], in: dir)
            #expect(result.status == 1, "\(command) on \(kind): exit \(result.status)\n\(result.stdout)")
            #expect(result.stderr.contains("county.sqlite"), "\(command) on \(kind): \(result.stderr)")
            #expect(result.stderr.split(separator: "\n").count == 1, "\(command) on \(kind): \(result.stderr)")
            if kind == .empty || kind == .killedCopy {
                #expect(result.stderr.contains("是空文件"), "\(command) on \(kind): \(result.stderr)")
            }
            if kind == .killedCopy {
                // SQLite rolled the unfinished copy back; nothing of wancun's was set up in its place.
                #expect(!(try Self.tables(path)).contains("grdb_migrations"), "\(command) on \(kind)")
            } else {
                #expect(Self.bytes(path) == before, "\(command) changed the \(kind) file")
            }
            #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("copy.sqlite").path))
        }
    }

    @Test func everyCommandRefusesAMissingFileWithoutMakingIt() throws {
        for command in Self.commands + [["check"]] {
            let dir = temporaryDirectory()
            let path = dir.appendingPathComponent("county.sqlite").path
            let result = try wancunProcess(command + ["--db", path], in: dir)
            #expect(result.status == 1, "\(command): exit \(result.status)")
            #expect(result.stderr.contains("county.sqlite"), "\(command): \(result.stderr)")
            #expect(!FileManager.default.fileExists(atPath: path), "\(command) made \(path)")
        }
    }

    @Test func initCreatesOnlyWhereNoFileIsAndUpgradesAnOlderDatabase() throws {
        let dir = temporaryDirectory()
        // An empty file (what `touch` or a killed copy leaves) is not taken for a new database.
        let touched = dir.appendingPathComponent("touched.sqlite").path
        _ = FileManager.default.createFile(atPath: touched, contents: Data())
        let refused = try wancun(["init", "--db", touched])
        #expect(refused.status == 1 && refused.stderr.contains("wancun init"), "\(refused.stderr)")
        #expect(Self.bytes(touched)?.count == 0)

        let path = dir.appendingPathComponent("new.sqlite").path
        #expect(try wancun(["init", "--db", path]).status == 0)
        #expect(try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int == 0o600)
        #expect(try Self.tables(path).contains("grdb_migrations"))
        // Run again, it upgrades (here: nothing to do) and keeps what is there.
        #expect(try wancun(["division", "import", haiyanCSV, "--db", path]).status == 0)
        #expect(try wancun(["init", "--db", path]).status == 0)
        #expect(try wancun(["division", "list", "--db", path, "--format", "csv"]).stdout.unicodeScalars.filter { $0 == "\n" }.count == 135)

        // A database an older wancun wrote, with a row in it.
        let old = dir.appendingPathComponent("v5.sqlite").path
        let queue = try DatabaseQueue(path: old)
        try AppDatabase.migrator.migrate(queue, upTo: "v5")
        try queue.write { try $0.execute(sql: "INSERT INTO division (code, name, level) VALUES ('330000000000', '浙江省', 'province')") }
        try queue.close()
        let upgraded = try wancun(["init", "--db", old])
        #expect(upgraded.status == 0, "\(upgraded.stderr)")
        #expect(try AppDatabase(path: old).schemaSQL() == AppDatabase().schemaSQL())
        #expect(try wancun(["division", "list", "--db", old, "--format", "csv"]).stdout.contains("浙江省"))
    }

    @Test func aStaleTemporaryCopyIsRemovedAndNeverTakesTheName() throws {
        let dir = temporaryDirectory()
        let db = dir.appendingPathComponent("county.sqlite").path
        #expect(try wancun(["init", "--db", db]).status == 0)
        #expect(try wancun(["division", "import", haiyanCSV, "--db", db]).status == 0)
        let target = dir.appendingPathComponent("copy.sqlite").path
        // A backup killed part way: its temporary copy and journal, left by a process that is gone.
        let gone = Process()
        gone.executableURL = URL(fileURLWithPath: "/bin/true")
        try gone.run()
        gone.waitUntilExit()
        let stale = target + ".partial-\(gone.processIdentifier)"
        try Self.killedCopy(at: stale)
        #expect(try wancun(["division", "list", "--db", target]).status == 1)
        #expect(!FileManager.default.fileExists(atPath: target))

        let result = try wancun(["backup", target, "--db", db])
        #expect(result.status == 0, "\(result.stderr)")
        let left = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.contains(".partial-") }
        #expect(left.isEmpty, "\(left)")
        #expect(try wancun(["check", "--db", target]).status == 0)
        #expect(try wancun(["division", "list", "--db", target, "--format", "csv"]).stdout.unicodeScalars.filter { $0 == "\n" }.count == 135)
    }

    @Test func checkExitsFourOnDamageAndZeroOnASoundDatabase() throws {
        let good = try sharedDemoCopy()
        let sound = try wancun(["check", "--db", good])
        #expect(sound.status == 0, "\(sound.stdout)\(sound.stderr)")
        #expect(sound.stdout.contains("触发器：正常"), "\(sound.stdout)")

        let trigger = try sharedDemoCopy()
        let queue = try DatabaseQueue(path: trigger)
        try queue.write { try $0.execute(sql: "DROP TRIGGER audit_no_update") }
        try queue.close()
        let dropped = try wancun(["check", "--db", trigger, "--lang", "en"])
        #expect(dropped.status == 4)
        #expect(dropped.stdout.contains("triggers: trigger audit_no_update is missing"), "\(dropped.stdout)")

        let page = try sharedDemoCopy()
        let handle = try #require(FileHandle(forWritingAtPath: page))
        try handle.seek(toOffset: 4096 * 3)
        try handle.write(contentsOf: Data(repeating: 0x5A, count: 4096))
        try handle.close()
        let corrupt = try wancun(["check", "--db", page])
        #expect(corrupt.status == 4, "\(corrupt.stdout)\(corrupt.stderr)")

        let cut = temporaryDirectory().appendingPathComponent("cut.sqlite").path
        try NotADatabase.cutShort.make(at: cut)
        #expect(try wancun(["check", "--db", cut]).status == 4)
        let empty = temporaryDirectory().appendingPathComponent("empty.sqlite").path
        try NotADatabase.empty.make(at: empty)
        #expect(try wancun(["check", "--db", empty]).status == 1)
    }

    @Test func restoreChecksTheBackupAndNeedsYes() throws {
        let dir = temporaryDirectory()
        let live = try sharedDemoCopy()
        let backup = dir.appendingPathComponent("backup.sqlite").path
        #expect(try wancun(["backup", backup, "--db", live]).status == 0)
        #expect(try wancun(["point", "status", "330424001200001", "closed", "--on", "2026-11-26", "--reason", "撤点", "--db", live]).status == 0)
        let changed = try databaseContent(live)

        let unconfirmed = try wancun(["restore", backup, "--db", live])
        #expect(unconfirmed.status == 1)
        #expect(unconfirmed.stderr.contains("--yes"), "\(unconfirmed.stderr)")
        #expect(try databaseContent(live) == changed)

        // Another process reading the database the whole time.
        let reader = try DatabasePool(path: live)
        let restored = try wancun(["restore", backup, "--db", live, "--yes"])
        #expect(restored.status == 0, "\(restored.stderr)")
        #expect(try reader.read { try String.fetchOne($0, sql: "SELECT status FROM point WHERE code = '330424001200001'") } != "closed")
        #expect(try reader.read { try String.fetchOne($0, sql: "SELECT action FROM audit ORDER BY id DESC LIMIT 1") } == "database.restore")
        try reader.close()
        #expect(try wancun(["check", "--db", live]).status == 0)
    }

    @Test(arguments: ["missing", "empty", "otherSQLite", "cutShort", "newer", "droppedTrigger", "theDatabaseItself"])
    func restoreRefusesABackupItCannotTrust(_ kind: String) throws {
        let dir = temporaryDirectory()
        let live = try sharedDemoCopy()
        let backup = kind == "theDatabaseItself" ? live : dir.appendingPathComponent("backup.sqlite").path
        switch kind {
        case "missing", "theDatabaseItself": break
        case "empty": try NotADatabase.empty.make(at: backup)
        case "otherSQLite": try NotADatabase.otherSQLite.make(at: backup)
        case "cutShort": try NotADatabase.cutShort.make(at: backup)
        default:
            #expect(try wancun(["backup", backup, "--db", live]).status == 0)
            let queue = try DatabaseQueue(path: backup)
            try queue.write { db in
                if kind == "newer" { try db.execute(sql: "INSERT INTO grdb_migrations VALUES ('v999')") }
                if kind == "droppedTrigger" { try db.execute(sql: "DROP TRIGGER point_no_delete") }
            }
            try queue.close()
        }
        let before = try databaseContent(live)
        let result = try wancun(["restore", backup, "--db", live, "--yes"])
        #expect(result.status == 1, "\(kind): \(result.stderr)")
        #expect(result.stderr.contains((backup as NSString).lastPathComponent), "\(kind): \(result.stderr)")
        #expect(result.stderr.split(separator: "\n").count == 1, "\(kind): \(result.stderr)")
        #expect(try databaseContent(live) == before)
        #expect(
            try !FileManager.default.contentsOfDirectory(atPath: (live as NSString).deletingLastPathComponent).contains {
                $0.contains("before-restore")
            })
    }
}
