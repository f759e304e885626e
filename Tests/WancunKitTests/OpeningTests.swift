import Foundation
import GRDB
import Testing

@testable import WancunKit

/// The opening day and the status history: one source of truth, read as the subsidy check
/// and the coverage report read it (each day takes the latest entry on or before it, in
/// (on_date, id) order).
@Suite struct OpeningTests {
    static let village = try! DivisionCode(parsing: "330424101201")

    static func day(_ text: String) -> LocalDate { try! LocalDate(parsing: text) }

    /// The point's status on a day, as the history's readers see it.
    static func status(_ db: AppDatabase, _ code: String, on day: String) throws -> PointStatus? {
        try db.read { db in
            try PointStatus.fetchOne(
                db,
                sql: """
                    SELECT s.status FROM point_status s JOIN point p ON p.id = s.point_id
                    WHERE p.code = ? AND s.on_date <= ? ORDER BY s.on_date DESC, s.id DESC LIMIT 1
                    """, arguments: [code, day])
        }
    }

    /// Days of a month the point was operating, as the history's readers count them.
    static func operatingDays(_ db: AppDatabase, _ code: String, _ month: String) throws -> Int {
        let month = try Month(parsing: month)
        return try (0..<month.dayCount).filter { try status(db, code, on: month.firstDay.adding(days: $0).description) == .operating }.count
    }

    /// Points whose `opened_on` is not the history's first operating day (the first day whose
    /// last entry is `operating`), or whose status is not the history's latest.
    static func disagreeing(_ db: AppDatabase) throws -> [String] {
        try db.read { db in
            try String.fetchAll(
                db,
                sql: """
                    SELECT p.code FROM point p
                    WHERE p.opened_on IS NOT (
                        SELECT min(s.on_date) FROM point_status s WHERE s.point_id = p.id AND s.status = 'operating'
                          AND NOT EXISTS (SELECT 1 FROM point_status t WHERE t.point_id = s.point_id AND t.on_date = s.on_date AND t.id > s.id))
                      OR p.status IS NOT (SELECT status FROM point_status s WHERE s.point_id = p.id ORDER BY on_date DESC, id DESC LIMIT 1)
                    ORDER BY p.code
                    """)
        }
    }

    static func importFile(_ rows: [[String: String]]) -> String {
        let lines = [PointSheetTests.header] + rows.map(PointSheetTests.row)
        return writeTemporaryFile("points.csv", lines.map { $0.map { CSVWriter.quoted($0) }.joined(separator: ",") }.joined(separator: "\n") + "\n")
    }

    /// After a first opening dated before the registration, a later change may fall between
    /// the two, and the registration day's restating rows do not undo it.
    @Test func aChangeAfterAnEarlierOpeningButBeforeTheRegistrationHolds() throws {
        let db = try PointSheetTests.database()
        let code = try db.addPoint(NewPoint(village: Self.village, name: "聚金村电商服务站"), context: testContext).code
        try db.changeStatus(code, to: .operating, reason: "开业", on: Self.day("2026-01-01"), context: testContext)
        try db.changeStatus(code, to: .suspended, reason: "装修", on: Self.day("2026-11-01"), context: testContext)
        #expect(try Self.status(db, code, on: "2026-10-31") == .operating)
        #expect(try Self.status(db, code, on: "2026-11-01") == .suspended)
        #expect(try Self.status(db, code, on: "2026-11-26") == .suspended)
        #expect(try db.read { try AppDatabase.point($0, code) }.status == .suspended)
        #expect(try Self.disagreeing(db).isEmpty)
        // Before the opening it is still refused.
        #expect(throws: RegistryError.statusDateBeforeLast(Self.day("2026-10-01"), last: Self.day("2026-11-01"))) {
            try db.changeStatus(code, to: .operating, reason: "复业", on: Self.day("2026-10-01"), context: testContext)
        }
    }

    @Test func noCommandOrImportLetsTheOpeningDayAndTheHistoryDisagree() throws {
        let db = try PointSheetTests.database()
        func add(_ name: String, opened: String?) throws -> String {
            try db.addPoint(NewPoint(village: Self.village, name: name, openedOn: opened.map(Self.day)), context: testContext).code
        }
        func edit(_ code: String, opened: String) throws {
            var edit = PointEdit()
            edit.openedOn = Self.day(opened)
            edit.reason = "补录开业日期"
            _ = try db.editPoint(code, edit, context: testContext)
        }
        let planned = try add("甲服务站", opened: nil)
        let opened = try add("乙服务站", opened: "2025-03-01")
        #expect(try Self.disagreeing(db).isEmpty)
        // Opened before it was registered; opened earlier still; then later.
        try db.changeStatus(planned, to: .operating, reason: "开业", on: Self.day("2026-10-10"), context: testContext)
        #expect(try Self.disagreeing(db).isEmpty)
        try edit(planned, opened: "2026-09-20")
        #expect(try Self.disagreeing(db).isEmpty)
        try edit(planned, opened: "2026-10-05")
        #expect(try Self.disagreeing(db).isEmpty)
        // A suspended point's opening moved earlier stays suspended.
        try db.changeStatus(opened, to: .suspended, reason: "病假", on: Self.day("2026-06-01"), context: testContext)
        try edit(opened, opened: "2025-01-15")
        try edit(opened, opened: "2025-02-01")
        #expect(try Self.disagreeing(db).isEmpty)
        // A planned point given an opening day opens.
        let third = try add("丙服务站", opened: nil)
        try edit(third, opened: "2026-11-01")
        #expect(try Self.disagreeing(db).isEmpty)
        // The point sheet: creating with an opening day, and moving it both ways.
        let path = Self.importFile([
            ["village_code": "330424101202", "name": "丁服务站", "opened_on": "2025-05-01"],
            ["village_code": "330424101203", "name": "戊服务站"],
        ])
        _ = try db.importPoints(from: path, context: testContext)
        #expect(try Self.disagreeing(db).isEmpty)
        for (first, second) in [("2025-04-01", "2026-01-01"), ("2025-06-01", "2025-04-15")] {
            let path = Self.importFile([
                ["village_code": "330424101202", "name": "丁服务站", "opened_on": first],
                ["village_code": "330424101203", "name": "戊服务站", "opened_on": second],
            ])
            #expect(try db.importPoints(from: path, context: testContext).count(.updated) == 2)
            #expect(try Self.disagreeing(db).isEmpty)
        }
        let points = try db.points()
        #expect(points.map(\.openedOn?.description) == ["2026-10-05", "2025-02-01", "2026-11-01", "2025-06-01", "2025-04-15"])
        #expect(points.map(\.status) == [.operating, .suspended, .operating, .operating, .operating])
    }

    @Test func aPointRegisteredAsPlannedCanHaveOpenedBeforeTheRegistration() throws {
        let db = try PointSheetTests.database()
        // Registered today (2026-11-26), as planned; it opened on 10 October.
        let code = try db.addPoint(NewPoint(village: Self.village, name: "甲服务站"), context: testContext).code
        try db.changeStatus(code, to: .operating, reason: "开业", on: Self.day("2026-10-10"), context: testContext)
        #expect(try Self.operatingDays(db, code, "2026-09") == 0)
        #expect(try Self.operatingDays(db, code, "2026-10") == 22)
        #expect(try Self.operatingDays(db, code, "2026-11") == 30)
        let detail = try db.pointDetail(code)
        #expect(detail.point.status == .operating && detail.point.openedOn == Self.day("2026-10-10"))
        #expect(detail.history.first.map { "\($0.onDate) \($0.status)" } == "2026-10-10 operating")
        let audit = try db.auditEntries(AuditFilter(pointCode: code)).last!
        #expect(audit.action == "point.status" && audit.reason == "开业" && audit.after!.contains("2026-10-10"))
        // Every other change still may not go before the last one.
        try db.changeStatus(code, to: .suspended, reason: "病假", on: nil, context: testContext)
        #expect(throws: RegistryError.statusDateBeforeLast(Self.day("2026-11-01"), last: Self.day("2026-11-26"))) {
            try db.changeStatus(code, to: .operating, reason: "复业", on: Self.day("2026-11-01"), context: testContext)
        }
        let other = try db.addPoint(NewPoint(village: Self.village, name: "乙服务站"), context: testContext).code
        #expect(throws: RegistryError.statusDateBeforeLast(Self.day("2026-10-01"), last: Self.day("2026-11-26"))) {
            try db.changeStatus(other, to: .closed, reason: "撤并", on: Self.day("2026-10-01"), context: testContext)
        }
    }

    @Test func editingTheOpeningDayRewritesTheHistoryForAReason() throws {
        let (db, point, _) = try registryFixture()  // opened 2025-03-01
        var edit = PointEdit()
        edit.openedOn = Self.day("2025-02-10")
        #expect(throws: RegistryError.reasonRequired) { try db.editPoint(point.code, edit, context: testContext) }
        edit.reason = "按营业执照更正"
        _ = try db.editPoint(point.code, edit, context: testContext)
        #expect(try Self.operatingDays(db, point.code, "2025-02") == 19)
        let audit = try db.auditEntries(AuditFilter(pointCode: point.code)).last!
        #expect(audit.action == "point.edit" && audit.reason == "按营业执照更正" && audit.after!.contains("2025-02-10"))
        // Later: the days before it are no longer operating, the old opening day included.
        edit.openedOn = Self.day("2025-03-05")
        _ = try db.editPoint(point.code, edit, context: testContext)
        #expect(try Self.operatingDays(db, point.code, "2025-02") == 0)
        #expect(try Self.operatingDays(db, point.code, "2025-03") == 27)
        #expect(try Self.status(db, point.code, on: "2025-03-01") == .planned)
        // Not past the next change of status.
        try db.changeStatus(point.code, to: .suspended, reason: "病假", on: Self.day("2025-06-01"), context: testContext)
        edit.openedOn = Self.day("2025-06-01")
        #expect(throws: RegistryError.openingAfterNextChange(Self.day("2025-06-01"), next: Self.day("2025-06-01"))) {
            try db.editPoint(point.code, edit, context: testContext)
        }
        #expect(try db.pointDetail(point.code).point.openedOn == Self.day("2025-03-05"))
        #expect(try Self.disagreeing(db).isEmpty)
    }
}
