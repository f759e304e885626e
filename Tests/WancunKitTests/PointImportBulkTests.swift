import Foundation
import Testing

@testable import WancunKit

/// A large points file's import (`BulkImport`: ID numbers and phones read once, write-only
/// indexes built at the end) writes what a small one's would, refuses what it would, and leaves
/// the schema as it was.
@Suite struct PointImportBulkTests {
    /// Every file of these tests is large from its second row on.
    static let large = BulkImport(probeRow: 2, rows: 2)
    static let small = BulkImport(probeRow: 2, rows: 1_000_000)
    static let villages = ["330424001200", "330424001201", "330424001208", "330424001209", "330424001210"]

    static func database() throws -> AppDatabase {
        let db = try AppDatabase()
        _ = try db.importDivisions(from: haiyanCSV, context: testContext)
        return db
    }

    /// Row `i` of a points file: a point in one of five villages, 1 km from every other, and its
    /// operator, a man with ID number and phone of his own.
    static func row(_ i: Int, idNumber: Int? = nil, phone: Int? = nil, force: String = "") -> [String: String] {
        [
            "village_code": villages[i % villages.count], "name": "第\(i)号站", "latitude": String(30 + Double(i) * 0.01), "longitude": "120.5",
            "plan_year": "2025", "opened_on": "2025-03-01", "operator_name": "王某", "phone": String(13_800_000_000 + (phone ?? i)),
            "id_number": ResidentID.withCheckCharacter("33042419800315" + String(format: "%03d", 2 * (idNumber ?? i) + 1)),
            "contract_type": "civil", "contract_from": "2025-03-01", "services": "parcel,bill-payment", "force_reason": force,
        ]
    }

    static func file(_ rows: [[String: String]]) -> String {
        let lines = [PointSheetTests.header] + rows.map(PointSheetTests.row)
        return writeTemporaryFile("points.csv", lines.map { $0.map { CSVWriter.quoted($0) }.joined(separator: ",") }.joined(separator: "\n"))
    }

    /// What an import left: every audit line, the chain's head, the schema.
    static func written(_ db: AppDatabase) throws -> [String] {
        try db.auditEntries(AuditFilter()).map { "\($0.id!) \($0.action) \($0.pointCode ?? "") \($0.after ?? "") \($0.reason ?? "")" }
            + [try db.auditChainHead()?.text ?? "", try db.schemaSQL()]
    }

    static func problems(_ db: AppDatabase, _ path: String, _ bulk: BulkImport) throws -> [RowProblem] {
        do {
            _ = try db.importPoints(from: path, context: testContext, bulk: bulk)
            return []
        } catch let error as RowProblems {
            return error.problems
        }
    }

    @Test func aLargeImportWritesWhatASmallOneWouldAndLeavesTheSchema() throws {
        // One row goes past a phone shared with an operator registered before, with a reason.
        let rows = (0..<30).map { Self.row($0) } + [Self.row(30, phone: 100, force: "同一家庭共用手机")]
        let path = Self.file(rows)
        let (large, small) = (try Self.database(), try Self.database())
        let fresh = try large.schemaSQL()
        for db in [large, small] {
            _ = try db.addOperator(
                NewOperator(name: "李某", idNumber: ResidentID.withCheckCharacter("33042419800316001"), phone: "13800000100"), context: testContext)
        }
        let bulk = try large.importPoints(from: path, context: testContext, bulk: Self.large)
        let plain = try small.importPoints(from: path, context: testContext, bulk: Self.small)
        #expect(bulk.large && !plain.large)
        #expect(bulk.rows.map(\.pointCode) == plain.rows.map(\.pointCode))
        #expect(try Self.written(large) == Self.written(small))
        #expect(try large.auditEntries(AuditFilter()).contains { $0.action != "point.import" && $0.reason == "同一家庭共用手机" })
        #expect(try large.schemaSQL() == fresh)
        #expect(try large.auditChainProblems().isEmpty)
        // Again: every row is there already, and nothing changes.
        let again = try large.importPoints(from: path, context: testContext, bulk: Self.large)
        #expect(again.large && again.rows.allSatisfy { $0.action == .unchanged })
        #expect(try Self.written(large) == Self.written(small))
    }

    /// A large import reads once which villages have points: a village's point registered before
    /// it, and those it added itself before and after reading them, are found as a small import
    /// finds them.
    @Test func aLargeImportFindsTheVillagesPointsASmallOneFinds() throws {
        let (large, small) = (try Self.database(), try Self.database())
        for db in [large, small] {
            _ = try db.addPoint(NewPoint(village: try DivisionCode(parsing: Self.villages[1]), name: "第6号站"), context: testContext)
        }
        // Row 6 comes to the point registered before.
        let rows = (0..<10).map { Self.row($0) }
        let bulk = try large.importPoints(from: Self.file(rows), context: testContext, bulk: Self.large)
        let plain = try small.importPoints(from: Self.file(rows), context: testContext, bulk: Self.small)
        #expect(bulk.large && !plain.large)
        #expect(bulk.rows.map(\.pointCode) == plain.rows.map(\.pointCode))
        #expect(bulk.rows.map(\.action) == plain.rows.map(\.action))
        #expect(bulk.rows[6].action == .updated && bulk.rows[6].pointCode == Self.villages[1] + "001")
        #expect(try Self.written(large) == Self.written(small))
        // Rows 0 (before the probe row) and 7 (after it) again, with operators of their own: each
        // comes to the point the file made before it.
        let again = Self.file(rows + [Self.row(0, idNumber: 50, phone: 50), Self.row(7, idNumber: 51, phone: 51)])
        let found = try Self.problems(Self.database(), again, Self.large).map(\.rule)
        #expect(found == (try Self.problems(Self.database(), again, Self.small).map(\.rule)))
        #expect(found.filter { $0 == "DUPLICATE_IN_FILE" }.count == 2)
    }

    @Test func onlyALargeFileIsImportedAsOne() throws {
        let path = Self.file((0..<10).map { Self.row($0) })
        #expect(try !Self.database().importPoints(from: path, context: testContext).large)
        // Judged at row 5, from how far into the file it is (a small file is read at once).
        #expect(try Self.database().importPoints(from: path, context: testContext, bulk: BulkImport(probeRow: 5, rows: 5)).large)
        #expect(try !Self.database().importPoints(from: path, context: testContext, bulk: BulkImport(probeRow: 5, rows: 20)).large)
        #expect(try !Self.database().importPoints(from: path, context: testContext, bulk: BulkImport(probeRow: 11, rows: 2)).large)
    }

    @Test(arguments: [
        "an ID number twice in the file", "a phone twice in the file", "an ID number registered before", "a phone registered before",
    ])
    func aLargeImportRefusesWhatASmallOneWould(duplicate: String) throws {
        var rows = (0..<20).map { Self.row($0) }
        switch duplicate {
        case "an ID number twice in the file": rows[15] = Self.row(15, idNumber: 3)
        case "a phone twice in the file": rows[15] = Self.row(15, phone: 3)
        case "an ID number registered before": rows[15] = Self.row(15, idNumber: 100)
        default: rows[15] = Self.row(15, phone: 100)
        }
        let path = Self.file(rows)
        var found: [[RowProblem]] = []
        for bulk in [Self.large, Self.small] {
            // Row 100's operator runs a point already.
            let db = try Self.database()
            _ = try db.importPoints(from: Self.file([Self.row(100)]), context: testContext)
            let schema = try db.schemaSQL()
            let lines = try db.auditEntries(AuditFilter()).count
            found.append(try Self.problems(db, path, bulk))
            // Nothing written, and the indexes dropped are back.
            #expect(try db.schemaSQL() == schema)
            #expect(try db.auditEntries(AuditFilter()).count == lines && db.points().count == 1)
        }
        #expect(!found[0].isEmpty && found[0].allSatisfy { $0.row == 17 })
        #expect(found[0] == found[1])
    }

    @Test func aLargeDryRunLeavesTheSchema() throws {
        let db = try Self.database()
        let schema = try db.schemaSQL()
        let result = try db.importPoints(from: Self.file((0..<10).map { Self.row($0) }), dryRun: true, context: testContext, bulk: Self.large)
        #expect(result.large && result.summary.written == 0)
        #expect(try db.schemaSQL() == schema && db.points().isEmpty)
    }

    /// A village's points, kept from row to row, follow the import's own changes: a point it
    /// renamed is found by its new name, and a point it added takes its number.
    @Test func aVillagesPointsKeptFromRowToRowFollowTheImportsOwnChanges() throws {
        let db = try Self.database()
        _ = try db.importPoints(from: Self.file([Self.row(0), Self.row(5)]), context: testContext, bulk: Self.small)
        let codes = try db.read { try String.fetchAll($0, sql: "SELECT code FROM point ORDER BY code") }
        var renamed = Self.row(0)
        renamed["point_code"] = codes[0]
        renamed["name"] = "改名站"
        // The same row again without the code: found by the new name, it is the same point.
        var sameName = renamed
        sameName["point_code"] = ""
        let problems = try Self.problems(db, Self.file([renamed, Self.row(10), sameName]), Self.small)
        #expect(problems.map(\.rule) == ["DUPLICATE_IN_FILE"])
        let result = try db.importPoints(from: Self.file([renamed, Self.row(10)]), context: testContext, bulk: Self.small)
        #expect(result.rows.map(\.pointCode) == [codes[0], String(codes[0].prefix(12)) + "003"])
        #expect(result.rows.map(\.action) == [.updated, .created])
    }
    /// The village's point names, normalized once and kept beside its points, are checked as a
    /// point added alone is: a closed point's name is free again, an open one's is not, nor is
    /// the name of a point the file itself added a row before.
    @Test(arguments: [Self.large, Self.small])
    func aVillagesNamesKeptFromRowToRowAreCheckedAsAPointAddedAloneIs(bulk: BulkImport) throws {
        let db = try Self.database()
        let village = try DivisionCode(parsing: Self.villages[2])
        let closed = try db.addPoint(NewPoint(village: village, name: "东港便民店"), context: testContext)
        _ = try db.addPoint(NewPoint(village: village, name: "西港超市"), context: testContext)
        try db.changeStatus(closed.code, to: .closed, reason: "撤并", on: nil, context: testContext)
        let rows = ["东港便民", "西港", "新村", "新村大"].enumerated().map { i, name in
            var row = Self.row(i)
            (row["village_code"], row["name"]) = (Self.villages[2], name)
            return row
        }
        let problems = try Self.problems(db, Self.file(rows), bulk)
        #expect(problems.map(\.rule) == ["DUPLICATE_POINT_NAME", "DUPLICATE_POINT_NAME"])
        #expect(problems.map(\.row) == [3, 5])
        #expect(try db.points().count == 2)
        let result = try db.importPoints(from: Self.file([rows[0], rows[2]]), context: testContext, bulk: bulk)
        #expect(result.rows.map(\.action) == [.created, .created])
        #expect(try db.points().filter { $0.status != .closed }.map(\.name).sorted() == ["东港便民", "新村", "西港超市"].sorted())
    }

    /// A large import reads the current villages once and finds each row's village among them;
    /// a code it does not find there, and a community's, are refused or let through with a reason
    /// as a small import does: an unknown code, a town's, a village retired by a newer release,
    /// a community's point without an exception and with one.
    @Test func aLargeImportFindsAndRefusesVillagesAsASmallOneDoes() throws {
        func database() throws -> AppDatabase {
            let db = try Self.database()
            // A newer release without 富亭村.
            let lines = try String(contentsOfFile: haiyanCSV, encoding: .utf8).split(separator: "\n").filter { !$0.hasPrefix("330424001217") }
            _ = try db.importDivisions(from: writeTemporaryFile("haiyan-newer.csv", lines.joined(separator: "\n") + "\n"), context: testContext)
            return db
        }
        let codes = ["330424001213", "330424001299", "330424001000", "330424001217", "330424001001", "330424001001", "330424001214"]
        let rows = codes.enumerated().map { i, code in
            var row = Self.row(i)
            row["village_code"] = code
            if i == 5 { row["force_reason"] = "社区内的行政村服务点" }
            return row
        }
        let refused = try Self.problems(database(), Self.file(rows), Self.large)
        #expect(refused == (try Self.problems(database(), Self.file(rows), Self.small)))
        #expect(refused.map(\.row) == [3, 4, 5, 6])
        #expect(refused.map(\.rule) == ["VILLAGE_UNKNOWN", "NOT_A_VILLAGE", "VILLAGE_RETIRED", "POINT_NOT_RURAL_VILLAGE"])
        #expect(refused.allSatisfy { $0.column == "村代码" })
        // Without the rows refused, both write the same, the community's point with its reason.
        let kept = [rows[0], rows[5], rows[6]]
        let (large, small) = (try database(), try database())
        let bulk = try large.importPoints(from: Self.file(kept), context: testContext, bulk: Self.large)
        let plain = try small.importPoints(from: Self.file(kept), context: testContext, bulk: Self.small)
        #expect(bulk.large && !plain.large)
        #expect(bulk.rows.map(\.pointCode) == ["330424001213001", "330424001001001", "330424001214001"])
        #expect(bulk.rows.map(\.pointCode) == plain.rows.map(\.pointCode))
        #expect(try Self.written(large) == Self.written(small))
        #expect(try large.auditEntries(AuditFilter()).contains { $0.reason == "社区内的行政村服务点" })
    }
}
