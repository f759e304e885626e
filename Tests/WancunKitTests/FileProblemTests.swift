import Foundation
import GRDB
import Testing

@testable import WancunKit

/// Files that are not what they should be get the message that helps.
@Suite struct FileProblemTests {
    /// Every import, with the columns of its file, on one registry.
    static let imports: [(name: String, header: String, run: @Sendable (AppDatabase, String) throws -> Void)] = [
        ("division", "code,name,level,parent_code", { db, path in _ = try db.importDivisions(from: path, context: testContext) }),
        (
            "point", PointSheet.columns.map(\.header).joined(separator: ","),
            { db, path in
                _ = try db.importPoints(from: path, dryRun: false, context: testContext)
            }
        ),
        ("parcel", "服务点编码,运单号,快递公司,到站时间,取件时间", { db, path in _ = try db.importParcels(from: path, context: testContext) }),
        ("purchase", "服务点编码,平台,订单号,品类,金额(元),日期", { db, path in _ = try db.importPurchases(from: path, context: testContext) }),
        ("policy", "key,value,unit,from,source", { db, path in _ = try db.importPolicy(from: path, context: testContext) }),
        (
            "other posts", "公民身份号码,姓名,单位",
            { db, path in
                _ = try db.importOtherPosts(from: path, month: SubsidyFixture.month, context: testContext)
            }
        ),
    ]

    static func problems(_ work: () throws -> Void) throws -> [RowProblem] {
        do {
            try work()
        } catch let problems as RowProblems {
            return problems.problems
        } catch let problem as RowProblem {
            return [problem]
        }
        Issue.record("no problem reported")
        return []
    }

    @Test func aMissingFileSaysItDoesNotExist() throws {
        let (db, _, _) = try registryFixture()
        for (name, _, run) in Self.imports {
            for file in ["没有这个文件.xlsx", "没有这个文件.csv"] {
                let path = temporaryDirectory().appendingPathComponent(file).path
                let found = try Self.problems { try run(db, path) }
                #expect(found.map(\.rule) == ["FILE_NOT_FOUND"], "\(name) \(file)")
                #expect(found.first?.message.zh.contains("不存在") == true && found.first?.message.en.contains("no such file") == true)
            }
        }
    }

    @Test func aColumnTheFileLeavesOutIsNamedAsTheSheetNamesIt() throws {
        let (db, _, _) = try registryFixture()
        let file = writeTemporaryFile("缺列.csv", "村代码,服务点名称,公民身份号码,手机号\n330424001208,新点,11010519491231002X,13812345678\n")
        let found = try Self.problems { _ = try db.importPoints(from: file, context: testContext) }
        let missing = try #require(found.first { $0.rule == "REQUIRED" })
        #expect(missing.column == "站长姓名")
    }

    @Test func anEmptyFileNamesTheColumnsExpected() throws {
        let (db, _, _) = try registryFixture()
        let found = try Self.problems { _ = try db.importParcels(from: writeTemporaryFile("空.csv", ""), context: testContext) }
        #expect(found.map(\.rule) == ["HEADER_NOT_FOUND"])
        #expect(found[0].message.zh == "文件是空的：应有一行表头，列为 服务点编码、运单号、快递公司、到站时间（可选：取件时间），下面每行一条数据")
        #expect(found[0].message.en.hasPrefix("the file is empty: it needs a header row naming the columns 服务点编码, 运单号"))
        // A file with text but no header names them too.
        let other = try Self.problems { _ = try db.importParcels(from: writeTemporaryFile("别的.csv", "甲,乙\n1,2\n"), context: testContext) }
        #expect(other.map(\.rule) == ["HEADER_NOT_FOUND"] && other[0].message.zh.contains("服务点编码、运单号、快递公司、到站时间"))
    }

    /// Every import refuses a header with nothing below it, CSV or workbook, and numbers the
    /// header as the spreadsheet does: row 2 under a title.
    @Test(arguments: [false, true], [false, true])
    func aHeaderWithNoRowsIsRefusedByEveryImport(workbook: Bool, titled: Bool) throws {
        let (db, _, _) = try registryFixture()
        for (name, header, run) in Self.imports {
            let rows = (titled ? ["海盐县报送"] : []) + [header]
            let path: String
            if workbook {
                path = temporaryDirectory().appendingPathComponent("header.xlsx").path
                try TableFile.write(
                    Worksheet(name: "表", title: titled ? "海盐县报送" : nil, header: header.components(separatedBy: ","), rows: []), to: path)
            } else {
                path = writeTemporaryFile("header.csv", rows.joined(separator: "\n") + "\n")
            }
            let found = try Self.problems { try run(db, path) }
            #expect(found.map(\.rule) == ["NO_DATA_ROWS"], "\(name)")
            #expect(found.first?.message.zh.contains("没有数据行") == true, "\(name)")
            #expect(found.first?.message.zh.contains("第\(titled ? 2 : 1)行") == true, "\(name): \(found.first?.message.zh ?? "")")
        }
    }

    @Test func theCommandExitsOneOnAHeaderWithNoRows() throws {
        let directory = temporaryDirectory()
        let database = directory.appendingPathComponent("db.sqlite").path
        #expect(try wancun(["init", "--db", database]).status == 0)
        let file = directory.appendingPathComponent("10月包裹.csv").path
        try "服务点编码,运单号,快递公司,到站时间\n".write(toFile: file, atomically: true, encoding: .utf8)
        let result = try wancun(["parcel", "import", file, "--db", database])
        #expect(result.status == 1 && result.stderr.contains("没有数据行") && result.stderr.contains("[NO_DATA_ROWS]"))
    }
}

/// An ID number Excel kept as a number gets the Excel-damage hint, which shows no more of it
/// than a masked ID number does.
@Suite struct ExcelNumberDamageTests {
    static let id = ResidentID.withCheckCharacter("33042419850315002")

    @Test func eighteenDigitsEndingInThreeZerosAreExcelDamage() throws {
        let damaged = String(Self.id.prefix(15)) + "000"
        #expect(throws: ValueError.excelDigitsLost("330424************")) { try ResidentID(parsing: damaged, today: testContext.today) }
        #expect(ValueError.excelDigitsLost("x").rule == "EXCEL_NUMBER_DAMAGE")
        // Whose check character happens to be right is a real number.
        let real = ResidentID.withCheckCharacter("33042419850315000")
        if real.hasSuffix("0") { #expect(throws: Never.self) { try ResidentID(parsing: real, today: testContext.today) } }
        // Another wrong check character is just that.
        #expect(throws: ValueError.residentIDCheck) { try ResidentID(parsing: String(Self.id.prefix(15)) + "001", today: testContext.today) }
    }

    @Test func theExplanationMasksTheDigitsItRepeats() throws {
        for text in ["3.3042419850315E+17", String(Self.id.prefix(15)) + "000"] {
            let error = try #require(throws: ValueError.self) { try ResidentID(parsing: text, today: testContext.today) }
            #expect(error.rule == "EXCEL_NUMBER_DAMAGE")
            for message in [error.message.zh, error.message.en] {
                let digits = message.filter(\.isASCIIDigit)
                // The region's six digits (and an exponent's two, and 15 and 000 in the words).
                #expect(!message.contains("3.3042419") && !message.contains("3304241"), "\(message)")
                #expect(digits.count <= 6 + 2 + 2 + 3, "\(message)")
            }
        }
        #expect(Mask.excelNumber("3.3042419850315E+17") == "3.30424********E+17")
        #expect(Mask.excelNumber("3.30424E+17") == "3.30424E+17")
    }

    @Test func aNumberColumnInACSVGetsTheHint() throws {
        let (db, _, _) = try registryFixture()
        let file = writeTemporaryFile("其他岗位.csv", "公民身份号码,姓名,单位\n\(Self.id.prefix(15))000,张三,县民政局\n")
        let found = try FileProblemTests.problems { _ = try db.importOtherPosts(from: file, month: SubsidyFixture.month, context: testContext) }
        #expect(found.map(\.rule) == ["EXCEL_NUMBER_DAMAGE"] && found[0].row == 2)
        #expect(found[0].line(.zh).contains("Excel") && !found[0].line(.zh).contains(String(Self.id.prefix(15))))
    }
}

/// After a file passes, the copy marking its problems from an earlier try is gone.
@Suite struct StaleErrorsCopyTests {
    @Test func aSuccessfulImportRemovesTheCopyItsFileGotLastTime() throws {
        let (db, point, _) = try registryFixture()
        _ = try db.addCourier(NewCourier(name: "邮政", brand: "中国邮政", creditCode: nil), context: testContext)
        let directory = temporaryDirectory()
        let file = directory.appendingPathComponent("包裹.csv").path
        try "服务点编码,运单号,快递公司,到站时间\n\(point.code),W1,无此快递,2026-11-02 08:00\n".write(toFile: file, atomically: true, encoding: .utf8)
        let error = try #require(throws: RowProblems.self) { try db.importParcels(from: file, context: testContext) }
        let copy = try AnnotatedCopy.write(input: file, headerRow: error.headerRow, problems: error.problems, language: .zh)
        #expect(copy.hasSuffix("包裹.errors.csv") && FileManager.default.fileExists(atPath: copy))
        // The copy of another file of the same name, and one the sender edited, stay.
        let workbookCopy = directory.appendingPathComponent("包裹.errors.xlsx").path
        try Data("someone's".utf8).write(to: URL(fileURLWithPath: workbookCopy))
        // A dry run writes nothing, and removes nothing.
        try "服务点编码,运单号,快递公司,到站时间\n\(point.code),W1,邮政,2026-11-02 08:00\n".write(toFile: file, atomically: true, encoding: .utf8)
        #expect(try db.importParcels(from: file, dryRun: true, context: testContext).removedCopies.isEmpty)
        #expect(FileManager.default.fileExists(atPath: copy))
        let summary = try db.importParcels(from: file, context: testContext)
        #expect(summary.removedCopies == [copy])
        #expect(!FileManager.default.fileExists(atPath: copy) && FileManager.default.fileExists(atPath: workbookCopy))
    }

    @Test func anEditedCopyIsLeftAlone() throws {
        let (db, point, _) = try registryFixture()
        _ = try db.addCourier(NewCourier(name: "邮政", brand: "中国邮政", creditCode: nil), context: testContext)
        let file = writeTemporaryFile("包裹.csv", "服务点编码,运单号,快递公司,到站时间\n\(point.code),W1,邮政,2026-11-02 08:00\n")
        let copy = AnnotatedCopy.path(for: file)
        try Data("改过的".utf8).write(to: URL(fileURLWithPath: copy))
        #expect(try db.importParcels(from: file, context: testContext).removedCopies.isEmpty)
        #expect(FileManager.default.fileExists(atPath: copy))
    }

    @Test func theCommandSaysItRemovedIt() throws {
        let directory = temporaryDirectory()
        let database = directory.appendingPathComponent("db.sqlite").path
        let state = ["WANCUN_STATE_DIR": directory.appendingPathComponent("state").path]
        #expect(try wancunProcess(["init", "--db", database], environment: state).status == 0)
        let file = directory.appendingPathComponent("haiyan.csv").path
        try (try String(contentsOfFile: haiyanCSV, encoding: .utf8) + "330424101999,无名村,village,330424999000\n")
            .write(toFile: file, atomically: true, encoding: .utf8)
        let failed = try wancunProcess(["division", "import", file, "--db", database], environment: state)
        #expect(failed.status == 1 && FileManager.default.fileExists(atPath: AnnotatedCopy.path(for: file)))
        try FileManager.default.removeItem(atPath: file)
        try FileManager.default.copyItem(atPath: haiyanCSV, toPath: file)
        let passed = try wancunProcess(["division", "import", file, "--db", database], environment: state)
        #expect(passed.status == 0 && passed.stdout.contains("已删除上次导入留下的问题副本"), "\(passed.stdout)\(passed.stderr)")
        #expect(!FileManager.default.fileExists(atPath: AnnotatedCopy.path(for: file)))
    }
}

/// Coordinates come out as typed: the shortest text that reads back as the same number.
@Suite struct CoordinateTextTests {
    @Test func anExportWritesTheCoordinatesAsTyped() throws {
        let db = try AppDatabase()
        _ = try db.importDivisions(from: haiyanCSV, context: testContext)
        _ = try db.addPoint(
            NewPoint(village: try DivisionCode(parsing: "330424101201"), name: "聚金村电商服务站", latitude: 30.5123, longitude: 120.8007),
            context: testContext)
        let out = temporaryDirectory().appendingPathComponent("服务点.csv").path
        _ = try db.exportPoints(to: out, reveal: false, context: testContext)
        let text = try String(contentsOfFile: out, encoding: .utf8)
        #expect(text.contains(",30.5123,120.8007,"), "\(text)")
        let stored = try db.read { db in try Double.fetchOne(db, sql: "SELECT longitude FROM point") }
        #expect(stored.map { String($0) } == "120.8007")
    }

    @Test func theDemosCoordinatesHaveFourDecimalsAtMost() throws {
        let queue = try DatabaseQueue(path: try sharedDemoCopy())
        defer { try? queue.close() }
        let values = try queue.read { db in try Row.fetchAll(db, sql: "SELECT latitude, longitude FROM point") }
            .flatMap { [$0[0] as Double, $0[1] as Double] }
        #expect(values.count >= 40)
        for value in values {
            let text = String(value)
            #expect((text.split(separator: ".").last?.count ?? 0) <= 4, "\(text)")
        }
    }
}
