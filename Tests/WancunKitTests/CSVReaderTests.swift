import Foundation
import GRDB
import Testing

@testable import WancunKit

/// What Excel writes, and what a reader must not take in: lone CRs, cells past Excel's limit,
/// records that never end, files with no rows under the header.
@Suite struct ExcelCSVTests {
    func rows(_ text: String, chunkSize: Int = 1 << 20) throws -> [[String]] {
        let reader = try CSVReader(path: writeTemporaryFile("t.csv", text), chunkSize: chunkSize)
        var rows: [[String]] = []
        while let row = try reader.next() {
            #expect(row.number == rows.count + 1)
            rows.append(row.cells)
        }
        return rows
    }

    @Test func aLoneCREndsARecordAsLFAndCRLFDo() throws {
        // Old Mac Excel writes CR only; a file may mix all three.
        #expect(try rows("代码,名称\r1,a\r2,b\r") == [["代码", "名称"], ["1", "a"], ["2", "b"]])
        #expect(try rows("代码,名称\r1,a\r2,b") == [["代码", "名称"], ["1", "a"], ["2", "b"]])
        #expect(try rows("a,b\n1,2\r3,4\r\n5,6\n") == [["a", "b"], ["1", "2"], ["3", "4"], ["5", "6"]])
        #expect(try rows("a,\"q\"\r1,\"\"\r") == [["a", "q"], ["1", ""]])
    }

    @Test func aGB18030FileWithLoneCRsReadsAsWithLF() throws {
        // No byte of a GB18030 character is a CR, LF, quote or comma.
        let text = "代码,名称\r330424101000,沈荡镇\r330424102000,\"百步\r镇\"\r"
        let data = try #require(text.data(using: TextEncoding.foundationGB18030))
        let reader = try CSVReader(path: writeTemporaryFile("gb.csv", data))
        #expect(reader.encoding == .gb18030)
        var rows: [[String]] = []
        while let row = try reader.next() { rows.append(row.cells) }
        #expect(rows == [["代码", "名称"], ["330424101000", "沈荡镇"], ["330424102000", "百步\r镇"]])
    }

    @Test func aCRInsideQuotesStaysInTheCell() throws {
        #expect(try rows("a,b\r\"x\ry\",z\r\"p\r\nq\",\"\r\"\r") == [["a", "b"], ["x\ry", "z"], ["p\r\nq", "\r"]])
    }

    @Test(arguments: [1, 2, 3, 5, 64])
    func aCRLFSplitAcrossReadChunksIsOneLineBreak(chunkSize: Int) throws {
        // Past the first read (64 KiB), so the line breaks arrive in chunks of `chunkSize`.
        let padding = String(repeating: "pad,ding\r\n", count: 70_000 / 10 + 1)
        let all = try rows(padding + "a,b\r\n1,2\r3,\"x\ry\"\r\n\r\n4,5\r", chunkSize: chunkSize)
        #expect(all.count == 70_000 / 10 + 1 + 5)
        #expect(Array(all.suffix(5)) == [["a", "b"], ["1", "2"], ["3", "x\ry"], [""], ["4", "5"]])
    }

    @Test func aTableWithLoneCRsLosesNoRow() throws {
        let path = writeTemporaryFile("mac.csv", "代码,名称\n330424000000,海盐县\r330424101000,沈荡镇\n")
        let table = try TableReader(path: path, columns: [ColumnSpec("code", "代码"), ColumnSpec("name", "名称")])
        var names: [String] = []
        while let row = try table.next() { names.append(row["name"]) }
        #expect(names == ["海盐县", "沈荡镇"])
    }

    @Test func aCellPastExcelsLimitIsRefusedNamingRowAndColumn() throws {
        let limit = CSVReader.maxCellLength
        #expect(limit == 32_767)
        let full = String(repeating: "村", count: limit)
        #expect(try rows("a,b\n1,\"\(full)\"\n")[1][1].count == limit)
        let path = writeTemporaryFile("long.csv", "a,b,c\n1,2,3\n4,5,\(full)x\n")
        let reader = try CSVReader(path: path)
        _ = try reader.next()
        _ = try reader.next()
        let error = try #require(throws: RowProblem.self) { try reader.next() }
        #expect(error.rule == "CELL_TOO_LONG" && error.row == 3 && error.column == "C" && error.file == path)
        #expect(error.line(.zh).contains("32767") && error.line(.en).contains("32767"))
    }

    @Test func anEndlessInputIsRefusedNotReadForever() throws {
        let reader = try CSVReader(path: "/dev/zero")
        let error = try #require(throws: RowProblem.self) { try reader.next() }
        #expect(error.rule == "RECORD_TOO_LONG" && error.row == 1 && error.file == "/dev/zero")
        #expect(try reader.next() == nil)
    }

    @Test(arguments: [16, 1 << 20])
    func aRecordOrFileBeyondItsBoundIsRefused(chunkSize: Int) throws {
        // Past the first read (64 KiB), then a record of 300 bytes: ended, then left open. A quote
        // left open is named as such when the rest of the file is already read.
        let padding = String(repeating: "pad,ding\n", count: 70_000 / 9 + 1)
        let long = String(repeating: "x", count: 300)
        let openQuote = chunkSize < 100 ? "RECORD_TOO_LONG" : "CSV_UNCLOSED_QUOTE"
        for (text, rule) in [("\(long),1\n2,3\n", "RECORD_TOO_LONG"), ("1,\"\(long)\n" + padding, openQuote)] {
            let reader = try CSVReader(path: writeTemporaryFile("r.csv", padding + text), chunkSize: chunkSize, maxRecordBytes: 100)
            for _ in 0..<(70_000 / 9 + 1) { _ = try reader.next() }
            let error = try #require(throws: RowProblem.self) { try reader.next() }
            #expect(error.rule == rule && error.row == 70_000 / 9 + 2)
            #expect(try reader.next() == nil)
        }
        let big = writeTemporaryFile("f.csv", padding)
        let tooLarge = try #require(throws: RowProblem.self) {
            let file = try CSVReader(path: big, chunkSize: chunkSize, maxFileBytes: 69_000)
            while try file.next() != nil {}
        }
        #expect(tooLarge.rule == "FILE_TOO_LARGE" && tooLarge.file == big)
        #expect(tooLarge.line(.zh).contains("69000 B"))
    }

    @Test(arguments: ["policy.csv", "policy.xlsx"])
    func aHeaderWithoutRowsIsRefusedByEveryImport(name: String) throws {
        let db = try AppDatabase()
        let path = temporaryDirectory().appendingPathComponent(name).path
        try TableFile.write(Worksheet(name: "参数", header: ["key", "value", "unit", "from", "source"], rows: []), to: path)
        let policy = try #require(throws: RowProblems.self) { try db.importPolicy(from: path, context: testContext) }
        #expect(policy.problems.map(\.rule) == ["NO_DATA_ROWS"])
        #expect(policy.problems[0].file == name && policy.problems[0].line(.zh).contains("没有数据行"))
        #expect(policy.problems[0].line(.en).contains("no data rows"))
        let posts = writeTemporaryFile("posts.csv", "公民身份号码,姓名,单位\n\n")
        let month = try Month(parsing: "2026-10")
        let none = try #require(throws: RowProblems.self) { try db.importOtherPosts(from: posts, month: month, context: testContext) }
        #expect(none.problems.map(\.rule) == ["NO_DATA_ROWS"] && none.problems[0].line(.zh).contains("other-posts none"))
        let parcels = writeTemporaryFile("parcels.csv", "运单号,服务点编码,快递公司,到站时间\n")
        #expect(throws: RowProblems.self) { try db.importParcels(from: parcels, dryRun: true, context: testContext) }
        let divisions = writeTemporaryFile("divisions.csv", "代码,名称,级别,上级代码\n")
        let division = try #require(throws: RowProblems.self) { try db.importDivisions(from: divisions, context: testContext) }
        #expect(division.problems.map(\.rule) == ["NO_DATA_ROWS"])
        #expect(try db.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM other_post_list") } == 0)
    }

    @Test func theCommandLineRefusesWithOneLineEachExitOneNothingWritten() throws {
        let dir = temporaryDirectory()
        let db = dir.appendingPathComponent("w.sqlite").path
        #expect(try wancun(["init", "--db", db]).status == 0)
        let before = try databaseContent(db)
        // Below the rows searched for the header, so the import itself meets the long cell.
        let rows = (1...25).map { "max_months,36,months,2030-01-\(String(format: "%02d", $0)),依据" }
        let long = dir.appendingPathComponent("long.csv").path
        try (["key,value,unit,from,source"] + rows + ["max_months,36,months,2030-02-01," + String(repeating: "长", count: 32_768)])
            .joined(separator: "\r").write(toFile: long, atomically: true, encoding: .utf8)
        let refused = try wancun(["policy", "import", long, "--db", db])
        #expect(refused.status == 1)
        #expect(refused.stderr.components(separatedBy: "[CELL_TOO_LONG]").count == 2)
        #expect(refused.stderr.contains("long.csv 第27行 列“E”"))
        let empty = dir.appendingPathComponent("空.csv").path
        try "运单号,服务点编码,快递公司,到站时间\r\n".write(toFile: empty, atomically: true, encoding: .utf8)
        let none = try wancun(["parcel", "import", empty, "--db", db, "--lang", "en"])
        #expect(none.status == 1 && none.stderr.contains("空.csv: there are no data rows below the header (row 1)"))
        #expect(try databaseContent(db) == before)
        let mac = dir.appendingPathComponent("mac.csv").path
        try (["key,value,unit,from,source"] + rows).joined(separator: "\r").write(toFile: mac, atomically: true, encoding: .utf8)
        #expect(try wancun(["policy", "import", mac, "--db", db]).status == 0)
        let imported = try DatabaseQueue(path: db).read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM policy_value WHERE from_date >= '2030-01-01'")
        }
        #expect(imported == 25)
    }
}
