import Foundation
import GRDB
import Testing

@testable import WancunKit

/// Runs the built `wancun` binary and checks what a clerk sees and the exit status.
@Suite(.serialized) struct EndToEndTests {
    @Test func demoBuildsAndTours() throws {
        let dir = temporaryDirectory()
        let result = try wancunProcess(["demo"], in: dir)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("海盐县：9 个乡镇（街道），122 个村级单位，其中行政村 77 个"))
        #expect(result.stdout.contains("澉浦镇"))
        // A second demo replaces the first; the database is clean.
        #expect(try wancunProcess(["demo"], in: dir).status == 0)
        let db = try AppDatabase(path: dir.appendingPathComponent("wancun-demo.sqlite").path)
        #expect(try db.integrityProblems().isEmpty)
        let english = try wancunProcess(["demo", "--lang", "en"], in: dir)
        #expect(english.stdout.contains("77 of them rural villages"))
        // The tour fits a 120-column terminal, its sentences as its tables (but for the paths
        // of the files it writes, which are as long as the folder's).
        for line in (result.stdout + english.stdout).split(separator: "\n") {
            let text = line.replacingOccurrences(of: dir.path, with: "")
            #expect(DisplayWidth.of(text) <= 120, "\(line)")
        }
    }

    @Test func demoWillNotReplaceARealDatabase() throws {
        let dir = temporaryDirectory()
        let path = dir.appendingPathComponent("real.sqlite").path
        #expect(try wancun(["init", "--db", path]).status == 0)
        let result = try wancun(["demo", "--db", path])
        #expect(result.status == 1)
        #expect(result.stderr.contains("不是演示数据库"))
    }

    @Test func divisionImportAndListFormats() throws {
        let db = temporaryDirectory().appendingPathComponent("w.sqlite").path
        #expect(try wancun(["init", "--db", db]).status == 0)
        let first = try wancun(["division", "import", haiyanCSV, "--db", db])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("新增 134 个"))
        let again = try wancun(["division", "import", haiyanCSV, "--db", db])
        #expect(again.stdout.contains("没有变化"))
        let json = try wancun(["division", "list", "--db", db, "--rural", "--format", "json"])
        let rows = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as! [[String: Any]]
        #expect(rows.count == 77)
        #expect(Set(rows[0].keys) == ["code", "name", "level", "parent_code", "retired_on"])
        let csv = try wancun(["division", "list", "--db", db, "--level", "town", "--format", "csv", "--lang", "en"])
        #expect(csv.stdout.hasPrefix("\u{FEFF}Code,Name,Level,Parent code,Retired on\r\n"))
        #expect(csv.stdout.components(separatedBy: "\r\n").count == 11)
        let under = try wancun(["division", "list", "--db", db, "--under", "330424105000", "--format", "json"])
        #expect((try JSONSerialization.jsonObject(with: Data(under.stdout.utf8)) as! [Any]).count == 14)
    }

    @Test func badFileExitsOneWithALinePerProblemAndWritesNothing() throws {
        let db = temporaryDirectory().appendingPathComponent("w.sqlite").path
        #expect(try wancun(["init", "--db", db]).status == 0)
        let before = try databaseContent(db)
        let file = writeTemporaryFile("bad.csv", "code,name,level,parent_code\n3304241012,村,village,330424101000\n330000000000,浙江省,city,\n")
        let result = try wancun(["division", "import", file, "--db", db, "--lang", "en"])
        #expect(result.status == 1)
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.count == 4)
        #expect(lines[3].contains("bad.errors.csv"))
        let copyPath = AnnotatedCopy.path(for: file)
        #expect(Array(FileManager.default.contents(atPath: copyPath)!.prefix(3)) == [0xEF, 0xBB, 0xBF])
        let reader = try CSVReader(path: copyPath)
        var copyRows: [[String]] = []
        while let row = try reader.next() { copyRows.append(row.cells) }
        #expect(copyRows.count == 3)
        #expect(copyRows[0] == ["code", "name", "level", "parent_code", "Problems"])
        #expect(copyRows[1].prefix(4) == ["3304241012", "村", "village", "330424101000"])
        #expect(copyRows[1][4] == "column \"code\" division code \"3304241012\" must be 12 digits [DIVISION_CODE_FORMAT]")
        #expect(copyRows[2][4].hasSuffix("[LEVEL_MISMATCH]"))
        #expect(lines[0].hasPrefix("bad.csv row 2 column \"code\" value \"3304241012\""))
        #expect(lines[1].contains("row 3") && lines[1].contains("LEVEL_MISMATCH"))
        #expect(!result.stderr.contains("Fatal") && !result.stderr.contains("Stack"))
        #expect(try databaseContent(db) == before)
    }

    @Test func usageErrorsExit64AndMissingDatabaseExits1() throws {
        let dir = temporaryDirectory()
        #expect(try wancunProcess(["division", "list", "--level", "hamlet"], in: dir).status == 64)
        #expect(try wancunProcess(["division", "list", "--format", "xml"], in: dir).status == 64)
        let missing = try wancunProcess(["division", "list"], in: dir)
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("wancun init"))
        #expect(try wancunProcess(["division", "list"], in: dir, environment: ["WANCUN_LANG": "en"]).stderr.contains("no database"))
    }

    @Test func twoProcessesWritingAtOnceBothSucceed() throws {
        let dir = temporaryDirectory()
        let db = dir.appendingPathComponent("w.sqlite").path
        #expect(try wancun(["init", "--db", db]).status == 0)
        // Two towns' files: each speaks only for its own town, so neither retires the other's.
        let lines = try String(contentsOfFile: haiyanCSV, encoding: .utf8).split(separator: "\n")
        func town(_ prefix: String) -> String {
            (lines.prefix(4) + lines.filter { $0.hasPrefix(prefix) }).joined(separator: "\n") + "\n"
        }
        let a = writeTemporaryFile("a.csv", town("330424001"))
        let b = writeTemporaryFile("b.csv", town("330424002"))
        let results = try [a, b].concurrentMap { try wancunProcess(["division", "import", $0, "--db", db]) }
        #expect(results.allSatisfy { $0.status == 0 }, "\(results.map(\.stderr))")
        #expect(try AppDatabase(path: db).divisions().count == 3 + 2 + 25 + 13)
    }

    @Test func aWriterThatWaitsTooLongSaysDatabaseBusy() throws {
        let db = temporaryDirectory().appendingPathComponent("w.sqlite").path
        #expect(try wancun(["init", "--db", db]).status == 0)
        let holder = try DatabaseQueue(path: db)
        try holder.inDatabase { conn in
            try conn.execute(sql: "BEGIN IMMEDIATE")
            let result = try wancun(["division", "import", haiyanCSV, "--db", db], environment: ["WANCUN_BUSY_TIMEOUT": "0.3"])
            try conn.execute(sql: "ROLLBACK")
            #expect(result.status == 1)
            #expect(result.stderr.contains("数据库忙"), "\(result.stderr)")
        }
        try holder.close()
    }

    @Test func backupWhileAnotherProcessWrites() throws {
        let dir = temporaryDirectory()
        let db = dir.appendingPathComponent("w.sqlite").path
        #expect(try wancun(["demo", "--db", db]).status == 0)
        let writer = try DatabaseQueue(path: db)
        let copy = dir.appendingPathComponent("copy.sqlite").path
        let results = try [0, 1].concurrentMap { index -> RunResult? in
            if index == 0 { return try wancunProcess(["backup", copy, "--db", db]) }
            for n in 0..<50 {
                // Any write will do (not an audit line: one outside the chain fails the copy's check).
                try writer.write { try $0.execute(sql: "INSERT INTO courier (name, brand) VALUES ('测试快递\(n)', '测试')") }
            }
            return nil
        }
        #expect(results[0]?.status == 0, "\(results[0]?.stderr ?? "")")
        let restored = try AppDatabase(path: copy)
        #expect(try restored.integrityProblems().isEmpty)
        #expect(try restored.divisions().count == 134)
        #expect(try wancun(["backup", copy, "--db", db]).status == 1)
    }
}

extension Array {
    /// Runs `transform` on every element at once, on separate threads.
    func concurrentMap<T: Sendable>(_ transform: @escaping @Sendable (Element) throws -> T) throws -> [T] where Element: Sendable {
        let results = Results<T>(count: count)
        DispatchQueue.concurrentPerform(iterations: count) { index in
            results.set(index, Result { try transform(self[index]) })
        }
        return try results.values.map { try $0!.get() }
    }
}

private final class Results<T>: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var values: [Result<T, any Error>?]
    init(count: Int) { values = Array(repeating: nil, count: count) }
    func set(_ index: Int, _ value: Result<T, any Error>) {
        lock.lock()
        values[index] = value
        lock.unlock()
    }
}

@Suite struct FileCommandTests {
    @Test func inspectAndConvert() throws {
        let dir = temporaryDirectory()
        let out = dir.appendingPathComponent("roster.xlsx").path
        let converted = try wancun(["file", "convert", fixture("roster-gb18030.csv"), out])
        #expect(converted.status == 0, "\(converted.stderr)")
        let inspect = try wancun(["file", "inspect", out, "--format", "json"])
        let info = try JSONSerialization.jsonObject(with: Data(inspect.stdout.utf8)) as! [String: Any]
        #expect(info["format"] as? String == "xlsx")
        #expect(info["rows"] as? Int == 6)
        #expect(info["columns"] as? Int == 4)
        #expect(try readAll(out)[2] == ["1", "王示例", "11010519491231002X", "1500.50"])
        let csv = try wancun(["file", "inspect", fixture("roster-gb18030.csv"), "--lang", "en"])
        #expect(csv.stdout.contains("GB18030"))
        let missing = try wancun(["file", "inspect", dir.appendingPathComponent("none.csv").path])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("无法读取文件"))
    }
}
