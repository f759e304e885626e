import Foundation
import GRDB
import Testing

@testable import WancunKit

extension SubsidyFixture {
    /// Suspends the point on `from` and has it operating again on `to` (days `from..<to` off).
    func suspend(from: String, to: String) throws {
        try db.changeStatus(point.code, to: .suspended, reason: "停电检修", on: day(from), context: testContext)
        try db.changeStatus(point.code, to: .operating, reason: "恢复营业", on: day(to), context: testContext)
    }

    /// The SQL rules (scripts/subsidy-check.sql) find the same as the run on every point.
    func expectTheSQLAgrees(_ run: Int64, month: String = "2026-10") throws {
        let sql = try String(contentsOf: SubsidySQLDifferentialTests.script, encoding: .utf8)
        let compare = try String(contentsOf: SubsidySQLDifferentialTests.compare, encoding: .utf8)
        let differences = try db.writer.write { db in
            try db.execute(sql: sql, arguments: ["month": month, "today": testContext.today.description, "without_other_posts": 0])
            return try Row.fetchAll(db, sql: compare, arguments: ["run": run])
        }
        #expect(differences.isEmpty, "\(differences.map(\.description))")
    }
}

/// Parcels and purchases dated on a day the point was not operating (a sign of invented
/// business) are left out of the activity the subsidy check counts, in the check, in finalize
/// and in a run replacing a final one; which days those are is part of the run's inputs.
@Suite struct NotOperatingActivityTests {
    /// The fixture's twelve October parcels arrive on the 1st to the 12th.
    @Test func aParcelOrPurchaseOnADayThePointWasNotOperatingDoesNotCount() throws {
        let f = try SubsidyFixture()
        try f.suspend(from: "2026-10-03", to: "2026-10-06")
        _ = try f.db.addPurchase(
            NewPurchase(pointCode: f.point.code, category: "日用品", amount: "12.50", orderNo: "P-1004", platform: "拼多多", on: day("2026-10-04")),
            context: testContext)
        let (run, result) = try f.check()
        #expect(result.failing == [.lowActivity])
        #expect(evidence(result, .lowActivity, "parcels") == "9" && evidence(result, .lowActivity, "purchases") == "0")
        #expect(evidence(result, .lowActivity, "not_operating_days_left_out") == "4")
        #expect(evidence(result, .pointNotOperating, "operating_days") == "28")
        try f.expectTheSQLAgrees(run)
        // A month operating every day leaves nothing out and says nothing of it.
        let (_, september) = try f.check(month("2026-09"))
        #expect(september.eligible && evidence(september, .lowActivity, "not_operating_days_left_out") == nil)
    }

    @Test func aDraftMadeBeforeTheSuspensionWasRecordedIsNotFinalized() throws {
        let f = try SubsidyFixture()
        let (draft, before) = try f.check()
        #expect(before.eligible)
        try f.suspend(from: "2026-10-03", to: "2026-10-06")
        do {
            try f.db.finalizeRun(draft, context: testContext)
            Issue.record("a draft counting parcels of days the point was suspended was finalized")
        } catch let SubsidyError.draftStale(id, changes) {
            #expect(id == draft && changes.contains { $0.hasPrefix(f.point.code) && $0.contains("parcels") }, "\(changes)")
        }
        let (again, after) = try f.check()
        #expect(after.failing == [.lowActivity])
        try f.db.finalizeRun(again, context: testContext)
        #expect(try f.monthsPaid() == 0)
        try f.expectTheSQLAgrees(again)
    }

    /// The same number of days off, and the same parcels left out, but other days: the
    /// inputs hold which days, so the draft is stale all the same.
    @Test func theDaysOffAreInTheInputsNotOnlyHowMany() throws {
        let f = try SubsidyFixture(parcelsPerMonth: 20)
        try f.suspend(from: "2026-10-03", to: "2026-10-06")
        let (draft, result) = try f.check()
        #expect(result.eligible && evidence(result, .lowActivity, "parcels") == "17")
        // Corrected behind the draft: the 3rd to the 5th were open after all, the 6th to the 8th were not.
        try f.db.write { db in
            for (status, on) in [("operating", "2026-10-03"), ("suspended", "2026-10-06"), ("operating", "2026-10-09")] {
                try db.execute(
                    sql: "INSERT INTO point_status (point_id, from_status, status, on_date, reason, clerk) VALUES (?, NULL, ?, ?, '更正', '测试员')",
                    arguments: [f.point.id, status, on])
            }
        }
        let (_, moved) = try f.check()
        #expect(evidence(moved, .lowActivity, "parcels") == "17" && evidence(moved, .pointNotOperating, "operating_days") == "28")
        #expect(throws: SubsidyError.self) { try f.db.finalizeRun(draft, context: testContext) }
    }

    @Test func aPaidMonthCheckedAgainAfterTheSuspensionIsReplacedUnpaid() throws {
        let f = try SubsidyFixture()
        let (paid, first) = try f.check()
        #expect(first.eligible)
        try f.db.finalizeRun(paid, context: testContext)
        #expect(try f.monthsPaid() == 1)
        try f.suspend(from: "2026-10-03", to: "2026-10-06")
        let (redo, again) = try f.check()
        #expect(again.failing == [.lowActivity])
        try f.db.finalizeRun(redo, replacing: true, reason: "补录暂停营业", context: testContext)
        #expect(try f.monthsPaid() == 0)
        try f.expectTheSQLAgrees(redo)
    }
}

/// A courier month with one row on a day its point was not operating is imported whole, that
/// row with a warning, counted in the summary.
@Suite struct NotOperatingLedgerImportTests {
    @Test func aParcelOnAClosedDayIsImportedWithAWarning() throws {
        let f = try SubsidyFixture(parcelsPerMonth: 0)
        try f.suspend(from: "2026-11-03", to: "2026-11-05")
        let file = writeTemporaryFile(
            "11月包裹.csv",
            """
            服务点编码,运单号,快递公司,到站时间
            \(f.point.code),N1,邮政,2026-11-02 08:00
            \(f.point.code),N2,邮政,2026-11-03 09:00
            \(f.point.code),N3,邮政,2026-11-04 10:00
            \(f.point.code),N4,邮政,2026-11-05 10:00

            """)
        let summary = try f.db.importParcels(from: file, context: testContext)
        #expect(summary.written == 4 && summary.notOperatingRows == 2)
        #expect(
            summary.warnings.map { "\($0.row!) \($0.rule) \($0.severity)" } == [
                "3 POINT_NOT_OPERATING_ON_DATE warning", "4 POINT_NOT_OPERATING_ON_DATE warning",
            ])
        #expect(summary.warnings[0].line(.zh).contains("2026-11-03") && summary.warnings[0].line(.zh).contains("暂停"))
        #expect(summary.warnings[0].line(.en).contains("not operating on 2026-11-03"))
    }

    @Test func aPurchaseBeforeThePointOpenedIsImportedWithAWarning() throws {
        let (db, point, _) = try registryFixture()
        let file = writeTemporaryFile(
            "purchases.csv", "服务点编码,平台,订单号,品类,金额(元),日期\n\(point.code),淘宝,T1,农资,10.00,2025-02-28\n\(point.code),淘宝,T2,农资,10.00,2025-03-01\n")
        let summary = try db.importPurchases(from: file, context: testContext)
        #expect(summary.written == 2 && summary.notOperatingRows == 1 && summary.warnings.first?.row == 2)
        // Before the point opened its status history says nothing: not operating.
        #expect(summary.warnings[0].message.zh.contains("2025-02-28"))
    }

    @Test func theCommandListsTheWarningsAndCountsThemInItsSummary() throws {
        let f = try SubsidyFixture(parcelsPerMonth: 0)
        try f.db.changeStatus(f.point.code, to: .suspended, reason: "装修", on: day("2026-11-10"), context: testContext)
        let directory = temporaryDirectory()
        let database = directory.appendingPathComponent("db.sqlite").path
        _ = try f.db.backup(to: database, context: testContext)
        let file = directory.appendingPathComponent("包裹.csv").path
        try "服务点编码,运单号,快递公司,到站时间\n\(f.point.code),M1,邮政,2026-11-09 08:00\n\(f.point.code),M2,邮政,2026-11-12 08:00\n"
            .write(toFile: file, atomically: true, encoding: .utf8)
        let result = try wancun(["parcel", "import", file, "--db", database])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("第3行") && result.stderr.contains("[POINT_NOT_OPERATING_ON_DATE]"))
        #expect(result.stdout.contains("读取 2 行，写入 2 行") && result.stdout.contains("其中 1 行的日期服务点未在营业"))
    }
}
