import Foundation
import GRDB
import Testing

@testable import WancunKit

func writeCSV(_ name: String, _ rows: [[String]]) throws -> String {
    var csv = CSVWriter()
    for row in rows { csv.append(row) }
    let path = temporaryDirectory().appendingPathComponent(name).path
    try csv.write(to: path)
    return path
}

func outcomes(_ report: ReconReport) -> [String: Int] {
    var result: [String: Int] = [:]
    for (k, v) in report.counts where v > 0 { result[k.rawValue] = v }
    return result
}

@Suite(.serialized) struct HRReconciliationTests {
    @Test func everyOutcomeAndTheBureausDecisionsAreRecorded() throws {
        let db = try AppDatabase(path: try sharedDemoCopy())
        let eligible = try db.subsidyResults(1, only: .eligible)
        let ineligible = try db.subsidyResults(1, only: .ineligible).first { $0.idNumber != nil }!
        let header = ["公民身份号码", "姓名", "核定结果", "核定金额(元)", "发放金额(元)", "发放日期", "备注"]
        var rows: [[String]] = [["海盐县人社局审核结果"], header]
        for (i, r) in eligible.enumerated() where i != 2 {
            var row = [r.idNumber!, r.operatorName!, "通过", r.amount.yuanText, r.amount.yuanText, "2026-11-20", ""]
            if i == 0 { row[4] = "1400.00" }
            if i == 1 { row[2] = "不通过"; row[3] = ""; row[4] = "" }
            if i == 3 { row[1] = "别人" }
            rows.append(row)
        }
        rows.append([eligible[4].idNumber!, eligible[4].operatorName!, "通过", "1500", "1500", "", "重复"])
        rows.append([ineligible.idNumber!, ineligible.operatorName!, "通过", "1500", "1500", "", ""])
        rows.append([ResidentID.withCheckCharacter("33042419900101999"), "外县人员", "通过", "1500", "1500", "", ""])
        let file = try writeCSV("answer.csv", rows)
        let report = try db.reconcileHR(run: 1, file: file, options: ReconOptions(again: true), context: testContext)
        #expect(
            outcomes(report) == [
                "matched": eligible.count - 4, "amount_mismatch": 1, "field_mismatch": 2, "only_in_registry": 1,
                "duplicate_in_file": 1, "only_in_file": 1, "unknown_key": 1,
            ])
        #expect(report.items.first { $0.outcome == .amountMismatch }.map { ($0.field, $0.expected, $0.actual) }! == ("发放金额(元)", "1500.00", "1400.00"))
        #expect(Set(report.items.filter { $0.outcome == .fieldMismatch }.map { $0.field ?? "" }) == ["核定结果", "姓名"])
        #expect(report.items.first { $0.outcome == .onlyInRegistry }?.key == eligible[2].idNumber)
        #expect(report.items.first { $0.outcome == .duplicateInFile }?.row == rows.count - 2)
        #expect(report.headerRow == 2)
        // The bureau's decisions are kept against the run; the rejected month stops counting.
        let decisions = try db.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM hr_decision WHERE run_id = 1 AND approved = 0") }
        #expect(decisions == 1)
        let rejected = eligible[1]
        // November is checked once it has ended.
        let next = try db.runSubsidyCheck(
            month: Month(year: 2026, month: 11)!, context: ChangeContext(clerk: "测试员", today: LocalDate(year: 2026, month: 12, day: 1)))
        let later = try db.subsidyResults(next.run.id!).first { $0.idNumber == rejected.idNumber }
        #expect(later.map { $0.monthsBefore == rejected.monthsBefore } ?? true)
        // The same file again is refused; with --again it is done again.
        #expect(throws: ReconError.self) { try db.reconcileHR(run: 1, file: file, context: testContext) }
        let shown = try db.reconciliation(report.id)
        #expect(shown.items.count == report.items.count && shown.counts == report.counts)
        // A final run that the bureau answered can no longer be replaced.
        let draft = try db.runSubsidyCheck(month: Month(year: 2026, month: 10)!, context: testContext)
        #expect(throws: SubsidyError.reconciled(1)) { try db.finalizeRun(draft.run.id!, replacing: true, reason: "x", context: testContext) }
    }

    @Test func anInvalidFileRecordsNothingUnlessAskedToSkip() throws {
        let db = try AppDatabase(path: try sharedDemoCopy())
        let first = try db.subsidyResults(1, only: .eligible)[0]
        let rows = [
            ["公民身份号码", "姓名", "核定结果", "核定金额(元)", "发放金额(元)"],
            [first.idNumber!, first.operatorName!, "通过", "1500", "1500"],
            ["110105194912310021", "某", "通过", "1500", "1500"],
            [first.idNumber!, first.operatorName!, "待定", "1,500.5.0", "1500"],
        ]
        let file = try writeCSV("bad.csv", rows)
        let before = try db.reconciliations().count
        let error = try #require(throws: RowProblems.self) { try db.reconcileHR(run: 1, file: file, context: testContext) }
        #expect(error.errors.map { "\($0.row!) \($0.rule)" } == ["3 ID_CHECK_CHARACTER", "4 NOT_A_CHOICE", "4 MONEY_FORMAT"])
        #expect(error.errors.allSatisfy { !$0.line(.zh).contains("110105194912310021") })
        #expect(try db.reconciliations().count == before)
        let skipped = try db.reconcileHR(run: 1, file: file, options: ReconOptions(skipInvalid: true), context: testContext)
        #expect(skipped.counts[.invalidRow] == 2)
        #expect(skipped.items.filter { $0.outcome == .invalidRow }.allSatisfy { !$0.key.contains("194912310021") })
    }
}

@Suite(.serialized) struct LedgerReconciliationTests {
    static let oct = Month(year: 2026, month: 10)!

    @Test func courierManifest() throws {
        let db = try AppDatabase(path: try sharedDemoCopy())
        let courier = "中国邮政海盐县分公司"
        try db.parcelArrived(
            pointCode: try db.points(PointFilter(status: .operating))[0].code, waybill: "SEPT-1", courier: courier,
            at: try LocalDateTime(parsing: "2026-09-30 10:00"), context: testContext)
        let ledger = try db.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT x.waybill, p.code, x.arrived_at FROM parcel x JOIN point p ON p.id = x.point_id JOIN courier c ON c.id = x.courier_id
                    WHERE c.name = ? AND x.arrived_at LIKE '2026-10%' ORDER BY x.waybill
                    """, arguments: [courier]
            ).map { [$0["waybill"] as String, $0["code"] as String, $0["arrived_at"] as String] }
        }
        var rows = [["运单号", "服务点编码", "到站时间"]] + ledger.dropFirst()
        rows[1][1] = "330424999999001"
        rows[2][2] = "2026-10-31 23:59"
        rows.append(rows[3])
        rows.append(["SEPT-1", ledger[0][1], "2026-09-30 10:00"])
        rows.append(["NOT-OURS-1", ledger[0][1], "2026-10-05 10:00"])
        let report = try db.reconcileParcels(courier: courier, month: Self.oct, file: try writeCSV("manifest.csv", rows), context: testContext)
        #expect(
            outcomes(report) == [
                "matched": ledger.count - 3, "field_mismatch": 2, "only_in_registry": 1, "duplicate_in_file": 1, "only_in_file": 1, "unknown_key": 1,
            ])
        #expect(report.unit == "parcels" && report.expectedTotal == Int64(ledger.count) && report.actualTotal == Int64(ledger.count + 1))
    }

    /// An import refuses a header with no rows (`NO_DATA_ROWS`); a reconciliation takes it as
    /// the other side's answer: it has none of the registry's rows.
    @Test func aManifestWithNoRowsIsAnAnswer() throws {
        let db = try AppDatabase(path: try sharedDemoCopy())
        let courier = "中国邮政海盐县分公司"
        let empty = try writeCSV("manifest.csv", [["运单号", "服务点编码", "到站时间"]])
        let report = try db.reconcileParcels(courier: courier, month: Self.oct, file: empty, context: testContext)
        #expect(report.actualTotal == 0 && report.expectedTotal > 0)
        #expect(outcomes(report) == ["only_in_registry": Int(report.expectedTotal)])
    }

    @Test func courierFees() throws {
        let db = try AppDatabase(path: try sharedDemoCopy())
        let courier = "中国邮政海盐县分公司"
        let expected = try db.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT p.code, count(x.id) AS n, count(x.id) * l.fee_fen AS fen FROM courier_link l JOIN point p ON p.id = l.point_id
                    JOIN courier c ON c.id = l.courier_id
                    LEFT JOIN parcel x ON x.point_id = p.id AND x.courier_id = c.id AND x.arrived_at LIKE '2026-10%'
                    WHERE c.name = ? GROUP BY p.id ORDER BY p.code
                    """, arguments: [courier]
            ).map { [$0["code"] as String, String($0["n"] as Int), Fen($0["fen"] as Int64).yuanText] }
        }
        var rows = [["服务点编码", "件数", "金额(元)"]] + expected.dropFirst()
        rows[1][2] = "999.00"
        rows[2][1] = "99"
        rows.append(rows[3])
        let unlinked = try db.points().first { p in !expected.contains { $0[0] == p.code } }!
        rows.append([unlinked.code, "1", "0.50"])
        rows.append(["330424999999001", "1", "0.50"])
        let report = try db.reconcileFees(courier: courier, month: Self.oct, file: try writeCSV("fees.csv", rows), context: testContext)
        #expect(
            outcomes(report) == [
                "matched": expected.count - 3, "amount_mismatch": 1, "field_mismatch": 1, "only_in_registry": 1, "duplicate_in_file": 1,
                "only_in_file": 1, "unknown_key": 1,
            ])
        #expect(report.unit == "fen")
    }

    @Test func aFeeThatChangesMidMonthPricesEachParcelOnce() throws {
        let db = try AppDatabase()
        _ = try db.importDivisions(from: haiyanCSV, context: testContext)
        let point = try db.addPoint(NewPoint(village: DivisionCode(parsing: "330424101201"), name: "甲"), context: testContext)
        let courier = try db.addCourier(NewCourier(name: "某快递海盐网点", brand: "某快递", creditCode: nil), context: testContext)
        _ = try db.linkCourier(
            pointCode: point.code, courier: courier.name, from: LocalDate(year: 2026, month: 9, day: 1)!,
            to: LocalDate(year: 2026, month: 10, day: 16)!,
            daysPerWeek: nil, fee: Fen(50), context: testContext)
        _ = try db.linkCourier(
            pointCode: point.code, courier: courier.name, from: LocalDate(year: 2026, month: 10, day: 16)!, to: nil, daysPerWeek: nil, fee: Fen(80),
            context: testContext)
        let arrivals = ["2026-10-01 09:00", "2026-10-15 23:59", "2026-10-16 00:00", "2026-10-20 10:00", "2026-10-31 18:00", "2026-11-01 08:00"]
        let parcels = [["服务点编码", "运单号", "快递公司", "到站时间"]] + arrivals.enumerated().map { [point.code, "W\($0.offset)", courier.name, $0.element] }
        _ = try db.importParcels(from: try writeCSV("parcels.csv", parcels), context: testContext)
        // Two parcels at 0.50, three at 0.80; November's is not October's.
        let statement = try writeCSV("fees.csv", [["服务点编码", "件数", "金额(元)"], [point.code, "5", "3.40"]])
        let report = try db.reconcileFees(courier: courier.name, month: Self.oct, file: statement, context: testContext)
        #expect(outcomes(report) == ["matched": 1])
        #expect(report.expectedTotal == 340 && report.actualTotal == 340)
    }

    @Test func platformStatementAndExitCodes() throws {
        let path = try sharedDemoCopy()
        let db = try AppDatabase(path: path)
        let orders = try db.purchases(month: Self.oct).filter { $0.purchase.platform == "淘宝" }
        let point = orders[0].pointCode
        _ = try db.addPurchase(
            NewPurchase(
                pointCode: point, category: "农资", amount: "10", orderNo: "SEPT-ORDER", platform: "淘宝",
                on: LocalDate(year: 2026, month: 9, day: 30)!), context: testContext)
        func row(_ p: PurchaseListing) -> [String] {
            [p.purchase.orderNo, p.pointCode, p.purchase.amountFen.yuanText, p.purchase.onDate.description]
        }
        let exact = try writeCSV("exact.csv", [["订单号", "服务点编码", "金额(元)", "日期"]] + orders.map(row))
        let matched = try wancun(["reconcile", "purchases", "--platform", "淘宝", "--statement", exact, "--month", "2026-10", "--db", path])
        #expect(matched.status == 0, "\(matched.stderr)")
        #expect(matched.stdout.contains("全部一致"))
        var rows = [["订单号", "服务点编码", "金额(元)", "日期"]] + orders.dropFirst().map(row)
        rows[1][2] = "0.01"
        rows[2][1] = "330424999999001"
        rows.append(rows[3])
        rows.append(["SEPT-ORDER", point, "10.00", "2026-09-30"])
        rows.append(["NO-SUCH", point, "1.00", "2026-10-01"])
        let file = try writeCSV("taobao.csv", rows)
        let out = temporaryDirectory().appendingPathComponent("annotated.xlsx").path
        let differs = try wancun([
            "reconcile", "purchases", "--platform", "淘宝", "--statement", file, "--month", "2026-10", "--db", path, "--out", out,
        ])
        #expect(differs.status == 3, "\(differs.stderr)")
        let report = try db.reconciliations().first!
        #expect(
            outcomes(report) == [
                "matched": orders.count - 3, "amount_mismatch": 1, "field_mismatch": 1, "only_in_registry": 1, "duplicate_in_file": 1,
                "only_in_file": 1, "unknown_key": 1,
            ])
        let copy = try readAll(out)
        #expect(copy[0].last == "结果")
        #expect(copy[1].last!.hasPrefix("金额不符 [amount_mismatch] 金额(元)："))
        #expect(copy[2].last!.contains("field_mismatch"))
        #expect(copy[4].last == "一致 [matched]")
        let again = try wancun(["reconcile", "purchases", "--platform", "淘宝", "--statement", file, "--month", "2026-10", "--db", path])
        #expect(again.status == 1 && again.stderr.contains("--again"))
        let broken = try writeCSV("broken.csv", [["订单号", "服务点编码", "金额(元)", "日期"], ["X", point, "abc", "2026-10-01"]])
        #expect(try wancun(["reconcile", "purchases", "--platform", "淘宝", "--statement", broken, "--month", "2026-10", "--db", path]).status == 1)
        let listed = try wancun(["reconcile", "list", "--db", path, "--format", "json"])
        #expect((try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as! [Any]).count == 3)
        let shown = try wancun(["reconcile", "show", String(report.id), "--db", path, "--format", "json"])
        let object = try JSONSerialization.jsonObject(with: Data(shown.stdout.utf8)) as! [String: Any]
        #expect(object["amount_mismatch"] as? Int == 1 && (object["items"] as! [Any]).count >= 6)
    }
}
