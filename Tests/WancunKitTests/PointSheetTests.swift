import Foundation
import Testing

@testable import WancunKit

@Suite struct PointSheetTests {
    static let header = PointSheet.columns.map(\.header)

    /// A row of the points sheet from the given values, by column key.
    static func row(_ values: [String: String]) -> [String] { PointSheet.columns.map { values[$0.key] ?? "" } }

    static func database() throws -> AppDatabase {
        let db = try AppDatabase()
        _ = try db.importDivisions(from: haiyanCSV, context: testContext)
        return db
    }

    static let good: [[String: String]] = [
        [
            "town_name": "沈荡镇", "village_name": "聚金村村民委员会", "name": "聚金村电商服务站", "plan_year": "2025", "opened_on": "2025-03-01",
            "operator_name": "王演示", "id_number": ResidentID.withCheckCharacter("33042419800315002"), "phone": "13800000001",
            "retirement_group": "female-50", "difficulty": "4050", "certificate_no": "C1", "certified_on": "2024-01-15",
            "contract_type": "civil", "contract_from": "2025-03-01", "contract_to": "2027-02-28", "services": "parcel,agent-purchase:农资",
        ],
        ["village_code": "330424101202", "name": "董司村服务点", "latitude": "30.5", "longitude": "120.9", "services": "bill-payment"],
    ]

    @Test(arguments: ["csv-utf8", "csv-bom", "csv-gb18030", "xlsx"])
    func everyFormatLoadsTheSameWayAndAgainChangesNothing(format: String) throws {
        let db = try Self.database()
        let rows = [Self.header] + Self.good.map(Self.row)
        let dir = temporaryDirectory()
        let path: String
        switch format {
        case "xlsx":
            path = dir.appendingPathComponent("points.xlsx").path
            try XLSXWriter.write([Worksheet(name: "服务点", header: rows[0], rows: rows.dropFirst().map { $0.map { SheetCell.text($0) } })], to: path)
        default:
            path = dir.appendingPathComponent("points.csv").path
            let text = rows.map { $0.map { CSVWriter.quoted($0) }.joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
            let data =
                format == "csv-gb18030"
                ? text.data(using: TextEncoding.foundationGB18030)! : (format == "csv-bom" ? Data(TextEncoding.bom) : Data()) + Data(text.utf8)
            try data.write(to: URL(fileURLWithPath: path))
        }
        let first = try db.importPoints(from: path, context: testContext)
        #expect(first.rows.map(\.action) == [.created, .created])
        #expect(first.rows.map(\.pointCode) == ["330424101201001", "330424101202001"])
        let point = try db.pointDetail("330424101201001")
        #expect(point.point.status == .operating && point.point.operatorName == "王演示")
        #expect(try db.services(pointCode: "330424101201001").count == 2)
        // One audit line per row, naming the file and row, with the operator and services it made.
        let lines = try db.auditEntries(AuditFilter(pointCode: "330424101201001"))
        #expect(lines.map(\.action) == ["point.import"])
        #expect(lines.first?.reason == "导入 \((path as NSString).lastPathComponent) 第 2 行")
        let after = try #require(lines.first?.after)
        #expect(after.contains(#""action":"created""#) && after.contains(#""operator":{"#) && after.contains(#""services":[{"#))
        let audit = try db.auditEntries(AuditFilter()).count
        let again = try db.importPoints(from: path, context: testContext)
        #expect(again.rows.map(\.action) == [.unchanged, .unchanged])
        #expect(try db.auditEntries(AuditFilter()).count == audit)
    }

    @Test func aDryRunWritesNothing() throws {
        let db = try Self.database()
        let path = writeTemporaryFile("p.csv", ([Self.header] + Self.good.map(Self.row)).map { $0.joined(separator: ",") }.joined(separator: "\n"))
        let result = try db.importPoints(from: path, dryRun: true, context: testContext)
        #expect(result.rows.count == 2 && result.summary.written == 0)
        #expect(try db.points().isEmpty)
    }

    @Test func problemsAreListedCellByCellAndNothingIsWritten() throws {
        let db = try Self.database()
        // Make 沈荡镇 have two villages named 聚金村, so the name alone is ambiguous.
        let extra = writeTemporaryFile(
            "extra.csv",
            "code,name,level,parent_code\n330000000000,浙江省,province,\n330400000000,嘉兴市,city,330000000000\n"
                + "330424000000,海盐县,county,330400000000\n330424101000,沈荡镇,town,330424000000\n330424101299,聚金村委会,village,330424101000\n")
        _ = try db.importDivisions(from: extra, context: testContext)
        let twin = ResidentID.withCheckCharacter("33042419800101001")
        let rows =
            [Self.header]
            + [
                ["town_name": "沈荡镇", "village_name": "聚金村", "name": "甲"],
                ["village_code": "330424101000", "name": "乙"],
                ["village_code": "330424101203", "name": "丙", "id_number": Mask.residentID(twin), "phone": "13800000009", "operator_name": "某"],
                ["village_code": "330424101204", "name": "丁服务站", "latitude": "30.6", "longitude": "120.8"],
                ["village_code": "330424101204", "name": "丁", "latitude": "30.7", "longitude": "120.8"],
                ["village_code": "330424101205", "name": "戊", "latitude": "30.6001", "longitude": "120.8"],
                ["village_code": "330424101206", "name": "己", "id_number": twin, "phone": "13800000009", "operator_name": "赵演示"],
                [
                    "village_code": "330424101207", "name": "庚", "id_number": ResidentID.withCheckCharacter("33042419800101002"),
                    "phone": "13800000009",
                    "operator_name": "钱演示", "retirement_group": "female-55",
                ],
                ["village_code": "330424101208", "name": "辛", "latitude": "30.6002", "longitude": "120.8", "force_reason": "两个点在同一栋楼"],
                ["village_code": "330424101209", "name": "壬", "services": "快递"],
            ].map(Self.row)
        let path = writeTemporaryFile("bad.csv", rows.map { $0.joined(separator: ",") }.joined(separator: "\n") + "\n")
        let error = try #require(throws: RowProblems.self) { try db.importPoints(from: path, context: testContext) }
        let found = error.errors.map { "\($0.row!) \($0.column ?? "-") \($0.rule)" }
        #expect(
            found == [
                "2 行政村 VILLAGE_AMBIGUOUS", "3 村代码 NOT_A_VILLAGE", "4 公民身份号码 ID_MASKED", "6 服务点名称 DUPLICATE_IN_FILE",
                "7 纬度 DUPLICATE_POINT_LOCATION", "9 手机号 DUPLICATE_PHONE", "11 服务 SERVICE_UNKNOWN",
            ])
        #expect(error.errors[0].message.zh.contains("330424101201、330424101299"))
        #expect(!error.errors.map { $0.line(.zh) }.joined().contains(twin))
        #expect(try db.points().isEmpty)
        #expect(try db.operators().isEmpty)
        // The copy beside the file marks each bad row, cell by cell.
        let copyPath = try AnnotatedCopy.write(input: path, headerRow: 1, problems: error.problems, language: .zh)
        let copy = try readAll(copyPath)
        #expect(copy[0].last == "问题说明")
        #expect(copy[1].last!.hasPrefix("列“行政村” 该乡镇有多个村名为“聚金村”"))
        #expect(copy[4].last == "")  // row 5 (丁服务站) is fine
        #expect(copy[5].last!.contains("与第5行是同一个服务点"))
        #expect(copy[8].last!.contains("[DUPLICATE_PHONE]"))
        #expect(copy[9].last == "")  // forced, with a reason
    }

    @Test func aRowsBadCellsDoNotHideTheRegistrysChecksNorAddProblemsOfTheirOwn() throws {
        let db = try Self.database()
        let woman = ResidentID.withCheckCharacter("33042419850315002")
        let rows =
            [Self.header]
            + [
                ["village_code": "330424101203", "name": "甲", "latitude": "30.6", "longitude": "120.8"],
                // A bad year, and 11 m from 甲: both are listed.
                ["village_code": "330424101204", "name": "乙", "latitude": "30.6001", "longitude": "120.8", "plan_year": "二〇二五"],
                // A bad latitude: the point is checked without a position, not as half of one.
                ["village_code": "330424101205", "name": "丙", "latitude": "北纬30度", "longitude": "120.9"],
                // A retirement group that is not a choice: not also "a woman needs one".
                [
                    "village_code": "330424101206", "name": "丁", "id_number": woman, "phone": "13800000001", "operator_name": "王演示",
                    "retirement_group": "女50",
                ],
                // A bad phone, and the same point as row 2.
                [
                    "village_code": "330424101203", "name": "甲", "id_number": ResidentID.withCheckCharacter("33042419800101001"),
                    "phone": "1380000", "operator_name": "赵演示",
                ],
                ["village_code": "330424101207", "name": "戊"],
            ].map(Self.row)
        let path = writeTemporaryFile("mixed.csv", rows.map { $0.joined(separator: ",") }.joined(separator: "\n") + "\n")
        let error = try #require(throws: RowProblems.self) { try db.importPoints(from: path, context: testContext) }
        #expect(
            error.errors.map { "\($0.row!) \($0.column ?? "-") \($0.rule)" } == [
                "3 纳入规划年份 NUMBER_FORMAT", "3 纬度 DUPLICATE_POINT_LOCATION", "4 纬度 NUMBER_FORMAT", "5 退休年龄类别 NOT_A_CHOICE",
                "6 手机号 PHONE_FORMAT", "6 服务点名称 DUPLICATE_IN_FILE",
            ])
        #expect(try db.points().isEmpty && db.operators().isEmpty)
    }

    @Test func aRowsPointAndOperatorAreCheckedEvenWhenTheOtherIsRefused() throws {
        let db = try Self.database()
        let man = ResidentID.withCheckCharacter("33042419800101001")
        let rows =
            [Self.header]
            + [
                [
                    "village_code": "330424101203", "name": "甲", "latitude": "30.6", "longitude": "120.8", "id_number": man,
                    "phone": "13800000009", "operator_name": "赵演示",
                ],
                // A plan year out of range, 11 m from 甲, and its operator has 甲's operator's phone.
                [
                    "village_code": "330424101204", "name": "乙", "latitude": "30.6001", "longitude": "120.8", "plan_year": "1999",
                    "id_number": ResidentID.withCheckCharacter("33042419800101011"), "phone": "13800000009", "operator_name": "钱演示",
                    "services": "parcel",
                ],
                // A plan year out of range, and a woman without a retirement group and with half a certificate.
                [
                    "village_code": "330424101205", "name": "丙", "plan_year": "1999",
                    "id_number": ResidentID.withCheckCharacter("33042419850315002"), "phone": "13800000002", "operator_name": "王演示",
                    "difficulty": "4050",
                ],
                // A good point, for an operator who runs 甲.
                [
                    "village_code": "330424101206", "name": "丁", "id_number": man, "phone": "13800000009", "operator_name": "赵演示",
                    "services": "parcel",
                ],
            ].map(Self.row)
        let path = writeTemporaryFile("both.csv", rows.map { $0.joined(separator: ",") }.joined(separator: "\n") + "\n")
        let error = try #require(throws: RowProblems.self) { try db.importPoints(from: path, context: testContext) }
        #expect(
            error.errors.map { "\($0.row!) \($0.column ?? "-") \($0.rule)" } == [
                "3 纳入规划年份 PLAN_YEAR_RANGE", "3 纬度 DUPLICATE_POINT_LOCATION", "3 手机号 DUPLICATE_PHONE", "4 纳入规划年份 PLAN_YEAR_RANGE",
                "4 公民身份号码 RETIREMENT_GROUP_REQUIRED", "4 就业困难人员类别 DIFFICULTY_INCOMPLETE", "5 公民身份号码 OPERATOR_HAS_OTHER_POST",
            ])
        #expect(try db.points().isEmpty && db.operators().isEmpty)
    }

    @Test func aVillageCodeNotInTheDivisionsIsTheRowsProblem() throws {
        let db = try Self.database()
        let rows = [Self.header] + [["village_code": "330424101299", "name": "甲"], ["village_code": "330424101203", "name": "乙"]].map(Self.row)
        let path = writeTemporaryFile("unknown.csv", rows.map { $0.joined(separator: ",") }.joined(separator: "\n") + "\n")
        let error = try #require(throws: RowProblems.self) { try db.importPoints(from: path, context: testContext) }
        #expect(error.errors.map { "\($0.row!) \($0.column ?? "-") \($0.rule)" } == ["2 村代码 VILLAGE_UNKNOWN"])
        #expect(try db.points().isEmpty)
    }

    @Test func aRowThatFailsAfterWritingLeavesNothingForLaterRowsToTripOn() throws {
        let db = try Self.database()
        let rows =
            [Self.header]
            + [
                [
                    "village_code": "330424101203", "name": "甲", "id_number": ResidentID.withCheckCharacter("33042419800101001"),
                    "phone": "13800000009", "operator_name": "赵演示",
                ],
                // Its point is written before its operator's phone is found taken by row 2's.
                [
                    "village_code": "330424101204", "name": "乙", "latitude": "30.6", "longitude": "120.8",
                    "id_number": ResidentID.withCheckCharacter("33042419800101011"), "phone": "13800000009", "operator_name": "钱演示",
                ],
                // Within 50 m of row 3's point, which must not count: row 3 was refused.
                ["village_code": "330424101205", "name": "丙", "latitude": "30.6001", "longitude": "120.8"],
                ["village_code": "330424101206", "name": "丁", "services": "快递"],
            ].map(Self.row)
        let path = writeTemporaryFile("later.csv", rows.map { $0.joined(separator: ",") }.joined(separator: "\n") + "\n")
        let error = try #require(throws: RowProblems.self) { try db.importPoints(from: path, context: testContext) }
        #expect(error.errors.map { "\($0.row!) \($0.column ?? "-") \($0.rule)" } == ["3 手机号 DUPLICATE_PHONE", "5 服务 SERVICE_UNKNOWN"])
        #expect(try db.points().isEmpty)
        // Without the refused rows, the rest loads.
        let fixed = writeTemporaryFile("fixed.csv", [rows[0], rows[1], rows[3]].map { $0.joined(separator: ",") }.joined(separator: "\n") + "\n")
        #expect(try db.importPoints(from: fixed, context: testContext).rows.map(\.action) == [.created, .created])
    }

    @Test func operatorDetailsWithoutAnIDNumberAreRefusedNotDropped() throws {
        let db = try Self.database()
        let rows =
            [Self.header]
            + [
                ["village_code": "330424101203", "name": "甲", "phone": "13800000009", "operator_name": "赵演示"],
                ["village_code": "330424101204", "name": "乙", "contract_to": "2027-01-01"],
            ].map(Self.row)
        let path = writeTemporaryFile("noid.csv", rows.map { $0.joined(separator: ",") }.joined(separator: "\n") + "\n")
        let error = try #require(throws: RowProblems.self) { try db.importPoints(from: path, context: testContext) }
        #expect(error.errors.map { "\($0.row!) \($0.column ?? "-") \($0.rule)" } == ["2 公民身份号码 REQUIRED", "3 公民身份号码 REQUIRED"])
        #expect(error.errors[0].message.zh.contains("站长姓名") && error.errors[1].message.zh.contains("合同结束"))
    }

    /// Rows of many batches of the reading thread, in two villages.
    static func manyRows(_ count: Int) -> [[String]] {
        (0..<count).map { i in Self.row(["village_code": i % 2 == 0 ? "330424101203" : "330424101204", "name": "点\(1000 + i)"]) }
    }

    @Test func aLargeFileIsTakenInOrderAndWhole() throws {
        let db = try Self.database()
        let path = writeTemporaryFile(
            "many.csv", ([Self.header] + Self.manyRows(1500)).map { $0.joined(separator: ",") }.joined(separator: "\n") + "\n")
        let result = try db.importPoints(from: path, context: testContext)
        #expect(result.rows.map(\.row) == Array(2...1501))
        #expect(result.rows.prefix(4).map(\.pointCode) == ["330424101203001", "330424101204001", "330424101203002", "330424101204002"])
        #expect(try db.points().count == 1500)
    }

    @Test(arguments: ["csv", "xlsx"])
    func theResultCopyGivesEveryRowItsPointCodeAndWhatWasDone(format: String) throws {
        let db = try Self.database()
        // A title above the header, a blank row, a row with one cell too many; enough rows
        // for the notes to cross to the copy's thread in several batches.
        var rows = [["2026年沈荡镇服务点"], Self.header] + Self.manyRows(600)
        rows.insert(Self.header.map { _ in "" }, at: 300)
        rows[400].append("多出的一格")
        let dir = temporaryDirectory()
        let path = dir.appendingPathComponent("points.\(format)").path
        let copyPath = dir.appendingPathComponent("points.result.\(format)").path
        func write() throws {
            if format == "xlsx" {
                try XLSXWriter.write(
                    [Worksheet(name: "服务点", header: rows[0], rows: rows.dropFirst().map { $0.map { SheetCell.text($0) } })], to: path)
            } else {
                try Data(rows.map { $0.joined(separator: ",") }.joined(separator: "\n").utf8).write(to: URL(fileURLWithPath: path))
            }
        }
        try write()
        _ = try db.importPoints(from: path, context: testContext)
        // The second time: one row renamed is updated, the rest unchanged.
        rows[2][PointSheet.columns.firstIndex { $0.key == "address" }!] = "新地址"
        try write()
        let result = try db.importPoints(from: path, context: testContext, resultCopy: copyPath, language: .zh)
        #expect(result.resultCopy == copyPath)
        let copy = try readAll(copyPath)
        let input = try readAll(path)
        #expect(copy.count == input.count)
        let width = Self.header.count + 1
        for (index, row) in copy.enumerated() {
            // Every row as it was, padded to the widest, with its note last.
            #expect(row.count == width + 1 && Array(row.prefix(input[index].count)) == input[index])
        }
        #expect(copy[0].last == "" && copy[1].last == "导入结果" && copy[300].last == "")
        let notes = copy.dropFirst(2).map { $0.last! }.filter { !$0.isEmpty }
        #expect(notes.count == 600 && notes.count == result.rows.count)
        #expect(notes[0] == "330424101203001 更新 [updated]" && notes[1] == "330424101204001 未变 [unchanged]")
        #expect(zip(notes, result.rows).allSatisfy { $0.hasPrefix($1.pointCode + " ") && $0.hasSuffix("[\($1.action.rawValue)]") })
    }

    @Test func aFailedImportLeavesNoResultCopy() throws {
        let db = try Self.database()
        var rows = Self.manyRows(800)
        rows[700][PointSheet.columns.firstIndex { $0.key == "plan_year" }!] = "二〇二五"
        let path = writeTemporaryFile("bad.csv", ([Self.header] + rows).map { $0.joined(separator: ",") }.joined(separator: "\n") + "\n")
        let copyPath = (path as NSString).deletingPathExtension + ".result.csv"
        #expect(throws: RowProblems.self) { try db.importPoints(from: path, context: testContext, resultCopy: copyPath) }
        #expect(!FileManager.default.fileExists(atPath: copyPath))
        #expect(leftovers(beside: copyPath).isEmpty)
    }

    @Test(arguments: ["csv", "xlsx"])
    func progressFollowsTheFileToItsEnd(format: String) throws {
        let db = try Self.database()
        let rows = [Self.header] + Self.manyRows(600)
        let path = temporaryDirectory().appendingPathComponent("progress.\(format)").path
        if format == "xlsx" {
            try XLSXWriter.write([Worksheet(name: "服务点", header: rows[0], rows: rows.dropFirst().map { $0.map { SheetCell.text($0) } })], to: path)
        } else {
            try Data((rows.map { $0.joined(separator: ",") }.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: path))
        }
        nonisolated(unsafe) var seen: [(Int, Double)] = []
        _ = try db.importPoints(from: path, context: testContext) { row, fraction in seen.append((row, fraction)) }
        #expect(seen.map(\.0) == Array(2...601))
        #expect(zip(seen, seen.dropFirst()).allSatisfy { $0.1 <= $1.1 })
        #expect(seen.first!.1 > 0 && seen.first!.1 < 0.05)  // the header search reads 20 rows ahead
        #expect(seen.last!.1 == 1)
    }

    @Test func aFileThatCannotBeReadOnListsTheRowsBeforeAndWritesNothing() throws {
        let db = try Self.database()
        var rows = Self.manyRows(900)
        rows[100][PointSheet.columns.firstIndex { $0.key == "latitude" }!] = "北纬30度"
        let text = ([Self.header] + rows).map { $0.joined(separator: ",") }.joined(separator: "\n") + "\n330424101203,\"未闭合\n"
        let error = try #require(throws: RowProblems.self) { try db.importPoints(from: writeTemporaryFile("cut.csv", text), context: testContext) }
        #expect(error.errors.map(\.rule) == ["NUMBER_FORMAT", "CSV_UNCLOSED_QUOTE"])
        // A coordinate may have decimals: the message asks for a number, not a whole one.
        #expect(error.errors[0].message.zh == "“北纬30度”不是数字（如 30.5125）")
        #expect(try db.points().isEmpty)
    }

    @Test func aRowFailingAfterWritingDeepInAFileStartsTheImportOverRowByRow() throws {
        let db = try Self.database()
        var rows = Self.manyRows(800)
        let key = { (k: String) in PointSheet.columns.firstIndex { $0.key == k }! }
        for (i, id) in [(10, "33042419800101001"), (700, "33042419800101011")] {
            rows[i][key("id_number")] = ResidentID.withCheckCharacter(id)
            rows[i][key("phone")] = "13800000009"
            rows[i][key("operator_name")] = "某"
        }
        // Row 702's point is written before its phone is refused; row 752 is 11 m from it.
        (rows[700][key("latitude")], rows[700][key("longitude")]) = ("30.6", "120.8")
        (rows[750][key("latitude")], rows[750][key("longitude")]) = ("30.6001", "120.8")
        let path = writeTemporaryFile("deep.csv", ([Self.header] + rows).map { $0.joined(separator: ",") }.joined(separator: "\n") + "\n")
        let copyPath = (path as NSString).deletingPathExtension + ".result.csv"
        let error = try #require(throws: RowProblems.self) { try db.importPoints(from: path, context: testContext, resultCopy: copyPath) }
        #expect(error.errors.map { "\($0.row!) \($0.rule)" } == ["702 DUPLICATE_PHONE"])
        #expect(try db.points().isEmpty)
        #expect(!FileManager.default.fileExists(atPath: copyPath) && leftovers(beside: copyPath).isEmpty)
    }

    @Test func newPointsOfOneVillageTakeTheNextNumbers() throws {
        let db = try Self.database()
        let first = try db.addPoint(NewPoint(village: DivisionCode(parsing: "330424101203"), name: "甲"), context: testContext)
        try db.changeStatus(first.code, to: .closed, reason: "撤并", on: testContext.today, context: testContext)
        let rows = [Self.header] + [["village_code": "330424101203", "name": "乙"], ["village_code": "330424101203", "name": "丙"]].map(Self.row)
        let path = writeTemporaryFile("same.csv", rows.map { $0.joined(separator: ",") }.joined(separator: "\n") + "\n")
        // A closed point keeps its number: the new ones come after it.
        #expect(try db.importPoints(from: path, context: testContext).rows.map(\.pointCode) == ["330424101203002", "330424101203003"])
    }

    @Test func exportMasksUnlessRevealAndTheRoundTripChangesNothing() throws {
        let db = try AppDatabase(path: try sharedDemoCopy())
        let dir = temporaryDirectory()
        let masked = dir.appendingPathComponent("masked.xlsx").path
        let revealed = dir.appendingPathComponent("revealed.csv").path
        #expect(try db.exportPoints(to: masked, reveal: false, context: testContext) == 30)
        _ = try db.exportPoints(to: revealed, reveal: true, context: testContext)
        let people = try db.operators().map(\.0)
        let maskedText = try readAll(masked).flatMap { $0 }.joined()
        #expect(people.allSatisfy { !maskedText.contains($0.idNumber) && !maskedText.contains($0.phone) })
        let error = try #require(throws: RowProblems.self) { try db.importPoints(from: masked, context: testContext) }
        #expect(error.errors.contains { $0.rule == "ID_MASKED" })
        let audit = try db.auditEntries(AuditFilter()).count
        let result = try db.importPoints(from: revealed, context: testContext)
        #expect(result.rows.count == 30 && result.rows.allSatisfy { $0.action == .unchanged })
        #expect(try db.auditEntries(AuditFilter()).count == audit)
    }

    @Test func exportUnderATownGivesItsPointsCellByCell() throws {
        let db = try Self.database()
        let rows = [Self.header] + (Self.good + [["village_code": "330424102200", "name": "百联村服务点", "services": "parcel"]]).map(Self.row)
        let path = writeTemporaryFile("three.csv", rows.map { $0.map(CSVWriter.quoted).joined(separator: ",") }.joined(separator: "\n") + "\n")
        _ = try db.importPoints(from: path, context: testContext)
        let first = "330424101201001"
        // Services the sheet has no columns for are left out; an ended one is not open.
        _ = try db.addService(
            NewService(pointCode: first, kind: .finance, partner: "农商银行", from: LocalDate(parsing: "2025-03-02")), context: testContext)
        _ = try db.addService(NewService(pointCode: first, kind: .billPayment, from: LocalDate(parsing: "2025-03-02")), context: testContext)
        _ = try db.addService(NewService(pointCode: first, kind: .ticketing, from: LocalDate(parsing: "2025-03-02")), context: testContext)
        try db.endService(pointCode: first, kind: .billPayment, category: nil, on: LocalDate(parsing: "2025-06-01"), context: testContext)
        let out = temporaryDirectory().appendingPathComponent("town.csv").path
        #expect(try db.exportPoints(to: out, under: DivisionCode(parsing: "330424101000"), reveal: false, context: testContext) == 2)
        let woman = ResidentID.withCheckCharacter("33042419800315002")
        #expect(
            try readAll(out) == [
                Self.header,
                [
                    first, "330424101201", "沈荡镇", "聚金村", "聚金村电商服务站", "", "", "", "2025", "2025-03-01", "王演示",
                    Mask.residentID(woman), Mask.phone("13800000001"), "女工人（50岁起）", "4050人员（女40周岁、男50周岁以上）", "C1", "2024-01-15", "民事协议",
                    "2025-03-01", "2027-02-28", "包裹存取,代购:农资,购票", "",
                ],
                [
                    "330424101202001", "330424101202", "沈荡镇", "董司村", "董司村服务点", "", "30.5", "120.9", "", "", "", "", "", "", "", "",
                    "", "", "", "", "缴费", "",
                ],
            ])
        // The whole county, in XLSX, with ID numbers shown.
        let all = temporaryDirectory().appendingPathComponent("all.xlsx").path
        #expect(try db.exportPoints(to: all, reveal: true, context: testContext) == 3)
        let sheet = try readAll(all)
        #expect(sheet.map { $0[0] } == ["服务点编码", first, "330424101202001", "330424102200001"])
        #expect(sheet[1][11] == woman && sheet[1][12] == "13800000001")
    }

    @Test func aGivenUpOutputLeavesTheFileThatWasThere() throws {
        for name in ["t.csv", "t.xlsx"] {
            let path = temporaryDirectory().appendingPathComponent(name).path
            try TableFile.write(Worksheet(name: "s", header: ["a"], rows: [[.text("old")]]), to: path)
            let before = try Data(contentsOf: URL(fileURLWithPath: path))
            let output = try TableFile.Output(path: path, name: "s", header: ["a"])
            for i in 0..<50_000 { try output.append([.text("new \(i)")]) }
            output.discard()
            #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
            #expect(leftovers(beside: path).isEmpty)
            // Written through to the end, the rows are all there, in order.
            let again = try TableFile.Output(path: path, name: "s", header: ["a"])
            for i in 0..<50_000 { try again.append([.text("new \(i)")]) }
            try again.finish(footer: [[.text("end")]])
            let read = try readAll(path)
            #expect(read.count == 50_002 && read[1] == ["new 0"] && read[50_000] == ["new 49999"] && read[50_001] == ["end"])
            #expect(try FileManager.default.contentsOfDirectory(atPath: (path as NSString).deletingLastPathComponent) == [name])
        }
    }

    @Test func theTemplateIsTheSchemasColumns() throws {
        let dir = temporaryDirectory()
        let xlsx = dir.appendingPathComponent("t.xlsx").path
        try PointSheet.template(to: xlsx)
        let rows = try readAll(xlsx)
        #expect(rows[0] == Self.header)
        #expect(try readAll(xlsx, sheet: "填写说明").dropFirst().map { $0[1] } == PointSheet.columns.map(\.key))
        // Its example row loads as it is.
        let db = try Self.database()
        #expect(try db.importPoints(from: xlsx, context: testContext).rows.map(\.action) == [.created])
        // English keys are accepted as headers too.
        let english = writeTemporaryFile("en.csv", "village_code,name\n330424101203,英文表头服务点\n")
        #expect(try db.importPoints(from: english, context: testContext).rows.count == 1)
    }

    /// A services cell is split into its items, and each item into kind and category, the same
    /// way whether it is ASCII (split by its bytes) or not (by its characters): empty pieces
    /// left out, `，` `、` `：` as good as `,` `:`, the category holding any `:` after the first.
    @Test(arguments: [
        "parcel,bill-payment", ",,parcel,,bill-payment,", "agent-purchase:farm-inputs:x", "a,\r\nb", " parcel , bill-payment ", "",
        "包裹存取，代购：日用品", "parcel、bill-payment,代购:农资", "parcel，bill-payment", "代购：农资:x",
    ])
    func aServicesCellIsSplitByItsBytesAsByItsCharacters(cell: String) {
        func reference(_ text: some StringProtocol, _ separators: [Character], maxSplits: Int = .max) -> [String] {
            Array(text).split(maxSplits: maxSplits, whereSeparator: { separators.contains($0) }).map { String($0) }
        }
        let items = AppDatabase.split(cell, by: UInt8(ascii: ","), or: ["，", "、"])
        #expect(items.map(String.init) == reference(cell, [",", "，", "、"]))
        for item in items {
            #expect(
                AppDatabase.split(item, by: UInt8(ascii: ":"), or: ["："], maxSplits: 1).map(String.init) == reference(item, [":", "："], maxSplits: 1))
        }
    }
}
