import Foundation
import Testing

@testable import WancunKit

/// The registry fixture plus two couriers serving its point.
func activityFixture() throws -> (AppDatabase, Point, [Courier]) {
    let (db, point, _) = try registryFixture()
    let sf = try db.addCourier(NewCourier(name: "顺丰速运海盐营业部", brand: "顺丰", creditCode: "91350100M000100Y43"), context: testContext)
    let zt = try db.addCourier(NewCourier(name: "中通快递海盐网点", brand: "中通", creditCode: nil), context: testContext)
    for c in [sf, zt] {
        _ = try db.linkCourier(
            pointCode: point.code, courier: c.name, from: LocalDate(year: 2026, month: 1, day: 1)!, to: nil, daysPerWeek: 5, fee: Fen(50),
            context: testContext)
    }
    return (db, point, [sf, zt])
}

let oct = LocalDate(year: 2026, month: 10, day: 1)!

@Suite struct ServiceTests {
    @Test func rulesForEachKind() throws {
        let (db, point, _) = try registryFixture()
        let code = point.code
        #expect(throws: RegistryError.serviceCategoryRequired) {
            try db.addService(NewService(pointCode: code, kind: .agentPurchase, from: oct), context: testContext)
        }
        #expect(throws: RegistryError.medicinesNeedPharmacy) {
            try db.addService(
                NewService(pointCode: code, kind: .agentPurchase, category: .medicines, partner: "某药房", from: oct), context: testContext)
        }
        #expect(throws: RegistryError.financeNeedsBank) {
            try db.addService(NewService(pointCode: code, kind: .finance, from: oct), context: testContext)
        }
        #expect(throws: RegistryError.serviceCategoryOnlyForPurchase) {
            try db.addService(NewService(pointCode: code, kind: .parcel, category: .farmInputs, from: oct), context: testContext)
        }
        _ = try db.addService(
            NewService(pointCode: code, kind: .agentPurchase, category: .medicines, partner: "某药房", licence: "浙AA5730001", from: oct),
            context: testContext)
        _ = try db.addService(NewService(pointCode: code, kind: .agentPurchase, category: .farmInputs, from: oct), context: testContext)
        #expect(throws: RegistryError.serviceExists("agent-purchase", "farm-inputs")) {
            try db.addService(NewService(pointCode: code, kind: .agentPurchase, category: .farmInputs, from: oct), context: testContext)
        }
        try db.endService(
            pointCode: code, kind: .agentPurchase, category: .farmInputs, on: LocalDate(year: 2026, month: 11, day: 1)!, context: testContext)
        let listed = try db.services(pointCode: code)
        #expect(listed.count == 2)
        #expect(listed.first { $0.service.category == .farmInputs }?.service.endedOn == LocalDate(year: 2026, month: 11, day: 1))
        #expect(throws: RegistryError.serviceNotOpen("parcel")) {
            try db.endService(pointCode: code, kind: .parcel, category: nil, on: oct, context: testContext)
        }
        #expect(PurchaseCategory(text: "药品") == .medicines && PurchaseCategory(text: "建材") == .buildingMaterials)
    }
}

@Suite struct CourierTests {
    @Test func creditCodesLinksAndStations() throws {
        let (db, point, couriers) = try activityFixture()
        #expect(throws: RegistryError.invalid(field: "credit_code", .creditCodeCheck(expected: "3"))) {
            try db.addCourier(NewCourier(name: "x", brand: "x", creditCode: "91350100M000100Y44"), context: testContext)
        }
        let kept = try db.addCourier(
            NewCourier(name: "x", brand: "x", creditCode: "91350100M000100Y44", force: true, reason: "执照如此"), context: testContext)
        #expect(kept.creditCodeOverride == "执照如此")
        #expect(throws: RegistryError.courierExists("x")) {
            try db.addCourier(NewCourier(name: "x", brand: "y", creditCode: nil), context: testContext)
        }
        #expect(throws: RegistryError.linkOverlaps("顺丰速运海盐营业部", LocalDate(year: 2026, month: 1, day: 1)!, nil)) {
            try db.linkCourier(pointCode: point.code, courier: "1", from: oct, to: nil, daysPerWeek: nil, fee: nil, context: testContext)
        }
        #expect(throws: RegistryError.daysPerWeekRange(8)) {
            try db.linkCourier(pointCode: point.code, courier: "x", from: oct, to: nil, daysPerWeek: 8, fee: nil, context: testContext)
        }
        #expect(try db.courierDetail("顺丰速运海盐营业部").1.map(\.1) == [point.code])
        #expect(try db.courierDetail(String(couriers[1].id!)).0.name == "中通快递海盐网点")
        #expect(throws: RegistryError.notATown(try DivisionCode(parsing: "330424101201"), .village)) {
            try db.addStation(name: "站", town: try DivisionCode(parsing: "330424101201"), couriers: [], context: testContext)
        }
        _ = try db.addStation(name: "沈荡站", town: try DivisionCode(parsing: "330424101000"), couriers: ["1", "中通快递海盐网点"], context: testContext)
        #expect(try db.stations().first?.2 == ["顺丰速运海盐营业部", "中通快递海盐网点"])
    }

    @Test func everyRouteStopMustBeServedByOneOfItsCouriers() throws {
        let (db, point, _) = try activityFixture()
        let other = try db.addPoint(NewPoint(village: try DivisionCode(parsing: "330424101202"), name: "董司村服务站"), context: testContext)
        let route = NewRoute(name: "西线", vehicle: "浙F12345", couriers: ["1", "2"], stops: [point.code, other.code], from: oct)
        #expect(throws: RegistryError.stopsNotServed([other.code], ["顺丰速运海盐营业部", "中通快递海盐网点"], oct)) {
            try db.addRoute(route, context: testContext)
        }
        // A link that starts after the route's first day does not serve it either.
        _ = try db.linkCourier(
            pointCode: other.code, courier: "2", from: LocalDate(year: 2026, month: 10, day: 2)!, to: nil, daysPerWeek: nil, fee: nil,
            context: testContext)
        #expect(throws: RegistryError.self) { try db.addRoute(route, context: testContext) }
        var later = route
        later.from = LocalDate(year: 2026, month: 10, day: 2)!
        _ = try db.addRoute(later, context: testContext)
        let detail = try db.routeDetail("西线")
        #expect(detail.stops.map(\.code) == [point.code, other.code])
        #expect(detail.couriers.count == 2)
        var bad = later
        bad.name = "东线"
        bad.vehicle = "F12345"
        #expect(throws: RegistryError.plateInvalid("F12345")) { try db.addRoute(bad, context: testContext) }
        bad.vehicle = "浙F54321"
        bad.couriers = ["1"]
        #expect(throws: RegistryError.routeNeedsCouriers) { try db.addRoute(bad, context: testContext) }
    }
}

@Suite struct ParcelTests {
    @Test func arrivalsAndPickups() throws {
        let (db, point, _) = try activityFixture()
        let t = try LocalDateTime(parsing: "2026-11-20 09:30")
        try db.parcelArrived(pointCode: point.code, waybill: "SF001", courier: "顺丰速运海盐营业部", at: t, context: testContext)
        #expect(throws: LedgerError.parcelDuplicate(waybill: "SF001", courier: "顺丰速运海盐营业部", pointCode: point.code)) {
            try db.parcelArrived(pointCode: point.code, waybill: "SF001", courier: "1", at: t, context: testContext)
        }
        // The same number from another courier is another parcel.
        try db.parcelArrived(pointCode: point.code, waybill: "SF001", courier: "中通快递海盐网点", at: t, context: testContext)
        #expect(throws: LedgerError.parcelAmbiguous(waybill: "SF001")) {
            try db.parcelPickedUp(pointCode: point.code, waybill: "SF001", courier: nil, at: t, context: testContext)
        }
        #expect(throws: LedgerError.pickupBeforeArrival(try LocalDateTime(parsing: "2026-11-20 09:00"), arrived: t)) {
            try db.parcelPickedUp(
                pointCode: point.code, waybill: "SF001", courier: "1", at: try LocalDateTime(parsing: "2026-11-20 09:00"), context: testContext)
        }
        #expect(throws: LedgerError.parcelUnknown(waybill: "NEVER", pointCode: point.code)) {
            try db.parcelPickedUp(pointCode: point.code, waybill: "NEVER", courier: nil, at: t, context: testContext)
        }
        try db.parcelPickedUp(
            pointCode: point.code, waybill: "SF001", courier: "1", at: try LocalDateTime(parsing: "2026-11-21T10:00:00+08:00"), context: testContext)
        #expect(throws: LedgerError.alreadyPickedUp(try LocalDateTime(parsing: "2026-11-21 10:00"))) {
            try db.parcelPickedUp(pointCode: point.code, waybill: "SF001", courier: "1", at: t, context: testContext)
        }
        let overdue = try db.overdueParcels(days: 3, context: testContext)
        #expect(overdue.map(\.courier) == ["中通快递海盐网点"])
        #expect(try db.overdueParcels(days: 10, context: testContext).isEmpty)
    }

    @Test func isoTimesAreTakenToShanghai() throws {
        #expect(try LocalDateTime(parsing: "2026-11-20T01:30:00Z").description == "2026-11-20 09:30")
        #expect(try LocalDateTime(parsing: "2026-11-19T20:30:00-05:00").description == "2026-11-20 09:30")
        #expect(try LocalDateTime(parsing: "2026-11-20 09:30:59").description == "2026-11-20 09:30")
        #expect(throws: ValueError.time("2026-11-20 25:00")) { try LocalDateTime(parsing: "2026-11-20 25:00") }
    }

    @Test func importChecksEveryRowAndWritesAllOrNothing() throws {
        let (db, point, _) = try activityFixture()
        try db.parcelArrived(
            pointCode: point.code, waybill: "OLD1", courier: "1", at: try LocalDateTime(parsing: "2026-11-01 08:00"), context: testContext)
        let before = try db.overdueParcels(days: 0, context: testContext).count
        let file = writeTemporaryFile(
            "parcels.csv",
            """
            服务点编码,运单号,快递公司,到站时间,取件时间
            \(point.code),A1,顺丰,2026-11-02 08:00,2026-11-02 18:00
            \(point.code),A1,顺丰,2026-11-02 09:00,
            \(point.code),OLD1,顺丰速运海盐营业部,2026-11-02 09:00,
            330424999999001,A2,中通,2026-11-02 09:00,
            \(point.code),A3,无此快递,2026-11-02 09:00,
            \(point.code),A4,中通,2026-11-02 09:00,2026-11-01 09:00
            \(point.code),A5,中通,2026/11/02,
            \(point.code),A6,中通,2026-12-30 09:00,

            """)
        let error = try #require(throws: RowProblems.self) { try db.importParcels(from: file, context: testContext) }
        #expect(
            error.errors.map { "\($0.row!) \($0.rule)" } == [
                "3 DUPLICATE_WAYBILL", "4 DUPLICATE_WAYBILL", "5 POINT_UNKNOWN", "6 COURIER_UNKNOWN", "7 PICKUP_BEFORE_ARRIVAL",
                "8 TIME_FORMAT", "9 TIME_IN_FUTURE",
            ])
        #expect(error.errors[0].message.zh.contains("第2行"))
        #expect(error.errors[1].message.zh.contains("已登记（服务点 \(point.code)）"))
        #expect(try db.overdueParcels(days: 0, context: testContext).count == before)

        let good = writeTemporaryFile("good.csv", "服务点编码,运单号,快递公司,到站时间\n\(point.code),B1,顺丰,2026-11-02 08:00\n\(point.code),B2,中通,2026-11-03 08:00\n")
        let dry = try db.importParcels(from: good, dryRun: true, context: testContext)
        #expect(dry.rows == 2 && dry.written == 0)
        #expect(try db.overdueParcels(days: 0, context: testContext).count == before)
        let done = try db.importParcels(from: good, context: testContext)
        #expect(done.written == 2)
        #expect(try db.overdueParcels(days: 0, context: testContext).count == before + 2)
    }
}

@Suite struct PurchaseTests {
    @Test func exactFenAndUniqueOrdersPerPlatform() throws {
        let (db, point, _) = try activityFixture()
        let p = try db.addPurchase(
            NewPurchase(pointCode: point.code, category: "农资", amount: "1,234.50", orderNo: "O1", platform: "拼多多", on: oct), context: testContext)
        #expect(p.amountFen == Fen(123450) && p.category == .farmInputs)
        #expect(throws: LedgerError.orderDuplicate(platform: "拼多多", order: "O1", pointCode: point.code)) {
            try db.addPurchase(
                NewPurchase(pointCode: point.code, category: "农资", amount: "1", orderNo: "O1", platform: "拼多多", on: oct), context: testContext)
        }
        _ = try db.addPurchase(
            NewPurchase(pointCode: point.code, category: "日用品", amount: "0.01", orderNo: "O1", platform: "淘宝", on: oct), context: testContext)
        #expect(throws: RegistryError.invalid(field: "amount", .moneyPrecision("1.234"))) {
            try db.addPurchase(
                NewPurchase(pointCode: point.code, category: "农资", amount: "1.234", orderNo: "O2", platform: "淘宝", on: oct), context: testContext)
        }
        #expect(throws: LedgerError.categoryUnknown("衣服")) {
            try db.addPurchase(
                NewPurchase(pointCode: point.code, category: "衣服", amount: "1", orderNo: "O2", platform: "淘宝", on: oct), context: testContext)
        }
        let file = writeTemporaryFile(
            "p.csv",
            "服务点编码,平台,订单号,品类,金额(元),日期\n\(point.code),淘宝,O1,建材,5,2026-10-02\n"
                + "\(point.code),京东,J1,药品,0,2026-10-02\n\(point.code),京东,J2,药品,12.3,2026-10-02\n")
        let error = try #require(throws: RowProblems.self) { try db.importPurchases(from: file, context: testContext) }
        #expect(error.errors.map { "\($0.row!) \($0.rule)" } == ["2 DUPLICATE_ORDER", "3 AMOUNT_NOT_POSITIVE"])
        #expect(try db.purchases().count == 2)
        #expect(try db.purchases(month: Month(parsing: "2026-10")).map(\.purchase.amountFen.value).reduce(0, +) == 123451)
    }
}

@Suite struct DuplicateCheckTests {
    @Test func aPhoneAnotherOperatorHasIsRefusedUnlessForced() throws {
        let (db, _, _) = try registryFixture()
        let twin = NewOperator(name: "赵示例", idNumber: ResidentID.withCheckCharacter("33042419700101003"), phone: "13800001111")
        #expect(throws: RegistryError.phoneDuplicate(maskedPhone: "138****1111", otherName: "王示例", otherMaskedID: "110105********002X")) {
            try db.addOperator(twin, context: testContext)
        }
        var forced = twin
        forced.override = Override(force: true)
        #expect(throws: RegistryError.forceNeedsReason) { try db.addOperator(forced, context: testContext) }
        forced.override.reason = "夫妻共用一部手机"
        _ = try db.addOperator(forced, context: testContext)
        let entry = try #require(try db.auditEntries(AuditFilter()).last { $0.action == "duplicate.force" })
        #expect(entry.reason == "夫妻共用一部手机")
        #expect(entry.after?.contains("DUPLICATE_PHONE") == true)
        // Assigning the twin while the other runs a point is refused too.
        let other = try db.addPoint(NewPoint(village: try DivisionCode(parsing: "330424101202"), name: "董司村"), context: testContext)
        #expect(throws: RegistryError.self) {
            try db.assign(NewAssignment(pointCode: other.code, idNumber: twin.idNumber, from: oct), context: testContext)
        }
        _ = try db.assign(
            NewAssignment(pointCode: other.code, idNumber: twin.idNumber, from: oct, override: Override(force: true, reason: "已核实为两人")),
            context: testContext)
    }

    @Test(arguments: [
        ("新丰村电商服务站", true), ("新丰村 服务点", true), ("新丰村", true), ("新丰村东电商服务站", true), ("董家埭服务站", false),
    ])
    func similarNamesInTheSameVillage(name: String, refused: Bool) throws {
        let (db, point, _) = try registryFixture()
        let new = NewPoint(village: try DivisionCode(parsing: "330424101201"), name: name)
        if refused {
            #expect(throws: RegistryError.pointNameDuplicate(code: point.code, name: point.name)) { try db.addPoint(new, context: testContext) }
        } else {
            _ = try db.addPoint(new, context: testContext)
        }
        // Another village may use the same name.
        _ = try db.addPoint(NewPoint(village: try DivisionCode(parsing: "330424101202"), name: name), context: testContext)
    }

    @Test func pointsWithin50MetresAreRefusedUnlessForced() throws {
        let (db, _, _) = try registryFixture()
        let first = try db.addPoint(
            NewPoint(village: try DivisionCode(parsing: "330424101202"), name: "甲", latitude: 30.5, longitude: 120.9), context: testContext)
        // 0.0004° of latitude is about 44 m; 0.0006° about 67 m.
        let near = NewPoint(village: try DivisionCode(parsing: "330424101203"), name: "乙", latitude: 30.5004, longitude: 120.9)
        #expect(throws: RegistryError.pointTooClose(code: first.code, name: "甲", meters: 44)) { try db.addPoint(near, context: testContext) }
        _ = try db.addPoint(
            NewPoint(village: try DivisionCode(parsing: "330424101203"), name: "丙", latitude: 30.5006, longitude: 120.9), context: testContext)
        var forced = near
        forced.override = Override(force: true, reason: "同一栋楼的两个服务点")
        #expect(try db.addPoint(forced, context: testContext).name == "乙")
    }
}

@Suite(.serialized) struct CoverageTests {
    @Test func demoCoverageMatchesCountsComputedHere() throws {
        let path = try sharedDemoCopy()
        let db = try AppDatabase(path: path)
        let today = testContext.today
        let report = try db.coverage(under: Demo.county, asOf: today)
        let rural = try db.divisions(DivisionFilter(under: Demo.county, level: .village, ruralOnly: true))
        let points = try db.points()
        let services = try db.services()
        let links = try db.couriers().flatMap { try db.courierDetail($0.name).1 }
        #expect(report.rows.count == 9)
        for row in report.rows {
            let town = row.townCode!
            let villages = rural.filter { $0.parentCode == town }
            let here = points.filter { $0.code.hasPrefix(town.significantPrefix) }
            let covered = villages.filter { v in here.contains { $0.villageCode == v.code && $0.status == .operating } }
            #expect(row.ruralVillages == villages.count)
            #expect(row.coveredVillages == covered.count)
            for status in PointStatus.allCases { #expect(row.byStatus[status, default: 0] == here.filter { $0.status == status }.count) }
            let open = here.filter { $0.status != .closed }
            for kind in ServiceKind.allCases {
                let offering = Set(services.filter { $0.service.kind == kind && $0.service.endedOn == nil }.map(\.pointCode))
                #expect(row.byService[kind, default: 0] == open.filter { offering.contains($0.code) }.count)
            }
            let linked = Set(links.filter { $0.0.endedOn == nil }.map(\.1))
            #expect(row.withoutCourier == open.filter { !linked.contains($0.code) }.count)
        }
        #expect(report.total.ruralVillages == 77)
        #expect(report.total.coveredVillages == report.rows.map(\.coveredVillages).reduce(0, +))
        #expect(report.total.coveragePermille == (report.total.coveredVillages * 2000 + 77) / 154)
        // Before any point opened there was nothing; in mid-2026 the closed ones still ran.
        let early = try db.coverage(under: Demo.county, asOf: LocalDate(year: 2023, month: 12, day: 31)!)
        #expect(early.total.coveredVillages == 0 && early.total.byStatus.isEmpty)
        let mid = try db.coverage(under: Demo.county, asOf: LocalDate(year: 2026, month: 6, day: 29)!)
        #expect(mid.total.byStatus[.closed, default: 0] == 0)
        #expect(mid.total.byStatus[.suspended, default: 0] == 0)
    }

    @Test func coverageAsAWorkbook() throws {
        let path = try sharedDemoCopy()
        let out = temporaryDirectory().appendingPathComponent("coverage.xlsx").path
        let result = try wancun(["report", "coverage", "--db", path, "--format", "xlsx", "--out", out])
        #expect(result.status == 0, "\(result.stderr)")
        let rows = try readAll(out)
        #expect(rows[0][0].hasPrefix("海盐县村级电商服务点覆盖情况"))
        #expect(rows[1][0] == "代码" && rows.last?[1] == "合计")
        #expect(rows.last?[2] == "77")
        #expect(try wancun(["report", "coverage", "--db", path, "--format", "xlsx"]).status == 64)
    }
}

@Suite struct SimilarNameTests {
    /// The byte search the import uses for plain names answers as Foundation's search by
    /// characters does, for names of every kind of character (the same pairs every run).
    @Test func theByteSearchAgreesWithTheSearchByCharacters() {
        let pieces = [
            "新", "丰", "村", "东", "A", "a", "1", " ", "-", "\u{F900}", "\u{8C48}", "é", "e\u{301}", "ｅ", "服务", "店", "\u{3400}", "\u{4DC0}", "\r\n",
            "\r",
        ]
        var generator = SeededGenerator(seed: 20_261_202)
        var fastAnswered = 0
        for _ in 0..<20_000 {
            let x = (0..<Int.random(in: 0...4, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
            let y = (0..<Int.random(in: 0...3, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
            let byCharacters = x.isEmpty || y.isEmpty ? x == y : x == y || x.contains(y) || y.contains(x)
            #expect(DuplicateCheck.similarNormalized(x, y) == byCharacters, "\(x.unicodeScalars.map(\.value)) / \(y.unicodeScalars.map(\.value))")
            if DuplicateCheck.comparableByBytes(x) && DuplicateCheck.comparableByBytes(y) { fastAnswered += 1 }
        }
        // Both paths were taken often.
        #expect(fastAnswered > 2_000 && fastAnswered < 18_000)
        #expect(
            !DuplicateCheck.comparableByBytes("\u{F900}") && !DuplicateCheck.comparableByBytes("e\u{301}")
                && DuplicateCheck.comparableByBytes("新丰村A 1"))
        #expect(DuplicateCheck.similarNormalized("新丰村东", "新丰村") && !DuplicateCheck.similarNormalized("董家埭", "新丰村"))
    }
}
