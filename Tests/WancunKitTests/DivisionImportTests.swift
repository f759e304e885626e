import Foundation
import Testing

@testable import WancunKit

@Suite struct DivisionImportTests {
    @Test func haiyanGivesTheRealCounts() throws {
        let db = try AppDatabase()
        let report = try db.importDivisions(from: haiyanCSV, context: testContext)
        #expect(report.count(.added) == 134)
        #expect(report.scope?.rawValue == "330424000000")
        func count(_ level: DivisionLevel) throws -> Int { try db.divisions(DivisionFilter(level: level)).count }
        #expect(try count(.province) == 1)
        #expect(try count(.city) == 1)
        #expect(try count(.county) == 1)
        #expect(try count(.town) == 9)
        #expect(try count(.village) == 122)
        #expect(try db.divisions(DivisionFilter(ruralOnly: true)).count == 77)
        let town = try #require(try db.division(DivisionCode(parsing: "330424101000")))
        #expect(town.name == "沈荡镇")
        #expect(town.parentCode?.rawValue == "330424000000")
    }

    @Test func importingTwiceChangesNothing() throws {
        let path = temporaryDirectory().appendingPathComponent("w.sqlite").path
        let db = try AppDatabase(path: path, create: true)
        _ = try db.importDivisions(from: haiyanCSV, context: testContext)
        let before = try db.schemaSQL() + (try db.divisions(DivisionFilter(includeRetired: true)).map { "\($0)" }.joined())
        let auditCount = try db.auditEntries(AuditFilter()).count
        let again = try db.importDivisions(from: haiyanCSV, context: testContext)
        #expect(again.isUnchanged)
        #expect(again.summary.zh.contains("没有变化"))
        let after = try db.schemaSQL() + (try db.divisions(DivisionFilter(includeRetired: true)).map { "\($0)" }.joined())
        #expect(before == after)
        #expect(try db.auditEntries(AuditFilter()).count == auditCount)
    }

    @Test func newerReleaseRenamesRetiresAndAdds() throws {
        let db = try AppDatabase()
        _ = try db.importDivisions(from: haiyanCSV, context: testContext)
        var lines = try String(contentsOfFile: haiyanCSV, encoding: .utf8).split(separator: "\n").map(String.init)
        // Rename 沈荡镇's first village, drop another, add a new one.
        let renameIndex = lines.firstIndex { $0.hasPrefix("330424101") && !$0.hasPrefix("330424101000") }!
        var parts = lines[renameIndex].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        let renamedCode = parts[0]
        let oldName = parts[1]
        parts[1] = "新合村"
        lines[renameIndex] = parts.joined(separator: ",")
        let dropped = lines.remove(at: renameIndex + 1).split(separator: ",")[0]
        lines.append("330424101299,新设村,village,330424101000")
        let path = writeTemporaryFile("haiyan-2023.csv", lines.joined(separator: "\n") + "\n")

        let report = try db.importDivisions(from: path, context: testContext)
        #expect(report.changes.contains(DivisionChange(kind: .renamed, code: try DivisionCode(parsing: renamedCode), name: "新合村", oldName: oldName)))
        #expect(report.changes.filter { $0.kind == .retired }.map(\.code.rawValue) == [String(dropped)])
        #expect(report.changes.filter { $0.kind == .added }.map(\.code.rawValue) == ["330424101299"])
        let retired = try #require(try db.division(DivisionCode(parsing: String(dropped))))
        #expect(retired.retiredOn == testContext.today)
        #expect(try db.divisions(DivisionFilter(level: .village)).count == 122)
        #expect(try db.divisions(DivisionFilter(level: .village, includeRetired: true)).count == 123)
        let actions = try db.auditEntries(AuditFilter()).map(\.action)
        #expect(actions.contains("division.rename") && actions.contains("division.retire"))

        // The old release again restores the retired code and the old name.
        let back = try db.importDivisions(from: haiyanCSV, context: testContext)
        #expect(back.count(.restored) == 1)
        #expect(back.count(.renamed) == 1)
        #expect(back.count(.retired) == 1)  // 新设村 is not in the old file
    }

    @Test func everyBadRowIsListedAndNothingIsWritten() throws {
        let path = temporaryDirectory().appendingPathComponent("w.sqlite").path
        let db = try AppDatabase(path: path, create: true)
        _ = try db.importDivisions(from: haiyanCSV, context: testContext)
        let before = try databaseContent(path)
        let file = writeTemporaryFile(
            "bad.csv",
            """
            code,name,level,parent_code
            33042410120,短码村,village,330424101000
            330424101201,错上级村,village,330424102000
            330424101202,级别不符村,town,330424101000
            330424101203,新村,village,330424101000
            330424101203,重复村,village,330424101000
            330424999201,无上级村,village,330424999000
            330424101204,,village,330424101000
            330424101205,未知级别,hamlet,330424101000

            """)
        let error = try #require(throws: RowProblems.self) { try db.importDivisions(from: file, context: testContext) }
        let found = error.errors.map { "\($0.row!) \($0.rule)" }
        #expect(
            found.sorted()
                == [
                    "2 DIVISION_CODE_FORMAT", "3 PARENT_NOT_PREFIX", "4 LEVEL_MISMATCH", "6 DUPLICATE_CODE",
                    "7 PARENT_MISSING", "8 REQUIRED", "9 LEVEL_UNKNOWN",
                ].sorted())
        #expect(error.errors.allSatisfy { $0.file == "bad.csv" })
        #expect(error.errors.first { $0.rule == "DUPLICATE_CODE" }!.message.zh.contains("第5行"))
        #expect(try databaseContent(path) == before)
    }

    @Test(arguments: [TextEncoding.utf8BOM, .gb18030, .utf8])
    func readsEveryEncoding(encoding: TextEncoding) throws {
        let text = try String(contentsOfFile: haiyanCSV, encoding: .utf8).replacingOccurrences(of: "\n", with: "\r\n")
        var data: Data
        switch encoding {
        case .utf8: data = Data(text.utf8)
        case .utf8BOM: data = Data(TextEncoding.bom) + Data(text.utf8)
        case .gb18030: data = text.data(using: TextEncoding.foundationGB18030)!
        }
        let path = writeTemporaryFile("haiyan.csv", data)
        let db = try AppDatabase()
        let report = try db.importDivisions(from: path, context: testContext)
        #expect(report.encoding == encoding)
        #expect(report.count(.added) == 134)
        #expect(try db.division(DivisionCode(parsing: "330424105000"))?.name == "澉浦镇")
    }

    @Test func readsAWorkbookToo() throws {
        let path = temporaryDirectory().appendingPathComponent("haiyan.xlsx").path
        #expect(try FileInspection.convert(input: haiyanCSV, output: path) == 135)
        let db = try AppDatabase()
        let report = try db.importDivisions(from: path, context: testContext)
        #expect(report.encoding == nil)
        #expect(report.count(.added) == 134)
        #expect(try db.divisions(DivisionFilter(ruralOnly: true)).count == 77)
    }

    @Test func badBytesAreReportedWithTheirRow() throws {
        var data = "代码,名称,级别,上级代码\r\n".data(using: TextEncoding.foundationGB18030)!
        data += "330000000000,浙江省,province,\r\n".data(using: TextEncoding.foundationGB18030)!
        data += Data("330400000000,".utf8) + Data([0x81, 0x20]) + Data(",city,330000000000\r\n".utf8)
        let path = writeTemporaryFile("damaged.csv", data)
        let error = try #require(throws: RowProblems.self) { try AppDatabase().importDivisions(from: path, context: testContext) }
        #expect(error.errors.map(\.rule) == ["BAD_BYTES"])
        #expect(error.errors.first?.row == 3)
    }

    @Test func missingColumnsAreNamed() throws {
        let path = writeTemporaryFile("cols.csv", "code,name\n330000000000,浙江省\n")
        let error = try #require(throws: RowProblems.self) { try AppDatabase().importDivisions(from: path, context: testContext) }
        #expect(error.errors.map(\.rule) == ["MISSING_COLUMN", "MISSING_COLUMN"])
    }
}
