import Foundation
import Testing

@testable import WancunKit

/// Refusals of services, couriers, routes, ledgers and duplicate checks through the binary:
/// exit 1, one line, the database as it was.
@Suite(.serialized) struct ActivityEndToEndTests {
    @Test func refusalsLeaveTheDatabaseUnchanged() throws {
        let path = try sharedDemoCopy()
        let db = try AppDatabase(path: path)
        let operating = try db.points(PointFilter(status: .operating))
        let point = operating[0]
        let purchase = try db.purchases().first!
        let person = try db.operators().first!.0
        let detail = try db.pointDetail(point.code)
        let postLinks = Set(try db.courierDetail("1").1.map(\.1))
        let unlinked = try db.points().first { $0.status == .operating && !postLinks.contains($0.code) }!
        let cases: [([String], String)] = [
            (["service", "add", point.code, "agent-purchase", "--category", "药品", "--partner", "某药房", "--from", "2026-11-01"], "药品经营许可证"),
            (["service", "add", point.code, "finance", "--from", "2026-11-01"], "合作银行"),
            (["courier", "link", point.code, "1", "--from", "2026-11-01"], "重叠"),
            (
                [
                    "route", "add", "新线", "--vehicle", "浙F99999", "--couriers", "1,3", "--stops", "\(point.code),\(unlinked.code)", "--from",
                    "2026-11-01",
                ], unlinked.code
            ),
            (["parcel", "pickup", point.code, "NEVER-ARRIVED", "--at", "2026-11-20 10:00"], "没有运单号 NEVER-ARRIVED 的到站记录"),
            (
                [
                    "purchase", "add", purchase.pointCode, "--category", "日用品", "--amount", "1", "--order", purchase.purchase.orderNo,
                    "--platform", purchase.purchase.platform, "--on", "2026-11-01",
                ], "订单号不能重复"
            ),
            (["operator", "add", "--name", "某", "--id-number", ResidentID.withCheckCharacter("33042419800101001"), "--phone", person.phone], "冒名"),
            (
                [
                    "point", "add", "--village", detail.point.villageCode.rawValue, "--name",
                    detail.point.name.replacingOccurrences(of: "电商服务站", with: "服务点"),
                ], point.code
            ),
            (["point", "add", "--village", detail.point.villageCode.rawValue, "--name", "x", "--force"], "--reason"),
        ]
        for (arguments, expected) in cases {
            let before = try databaseContent(path)
            let result = try wancun(arguments + ["--db", path])
            #expect(result.status == 1, "\(arguments)")
            #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
            #expect(result.stderr.contains(expected), "\(arguments): \(result.stderr)")
            #expect(!result.stderr.contains(person.phone))
            #expect(try databaseContent(path) == before, "\(arguments)")
        }
    }

    @Test func aBadLedgerFileGetsAnAnnotatedCopy() throws {
        let path = try sharedDemoCopy()
        let point = try AppDatabase(path: path).points(PointFilter(status: .operating))[0]
        let dir = temporaryDirectory()
        let file = dir.appendingPathComponent("10月包裹.csv").path
        var csv = CSVWriter()
        csv.append(["服务点编码", "运单号", "快递公司", "到站时间", "取件时间"])
        csv.append([point.code, "N1", "顺丰", "2026-11-02 08:00", ""])
        csv.append([point.code, "N2", "顺丰", "2026-11-02 08:00", "2026-11-01 08:00"])
        try csv.write(to: file)
        let before = try databaseContent(path)
        let result = try wancun(["parcel", "import", file, "--db", path])
        #expect(result.status == 1)
        #expect(result.stderr.contains("10月包裹.csv 第3行 列“取件时间”"))
        #expect(try databaseContent(path) == before)
        let copy = try readAll(dir.appendingPathComponent("10月包裹.errors.csv").path)
        #expect(copy[0].last == "问题说明" && copy[1].last == "" && copy[2].last!.contains("PICKUP_BEFORE_ARRIVAL"))
        let dry = try wancun(["parcel", "import", file, "--db", path, "--dry-run", "--lang", "en"])
        #expect(dry.status == 1)
        #expect(dry.stderr.contains("row 3"))
    }
}
