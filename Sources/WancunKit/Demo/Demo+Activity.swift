import Foundation

/// The demo's services, couriers, a transfer station, a joint-delivery route and a month
/// (October 2026) of parcels and agent purchases. Courier names are the real brands; their
/// credit codes are made up and the couriers are marked as demo data.
extension Demo {
    static let demoCouriers: [(name: String, brand: String)] = [
        ("中国邮政海盐县分公司", "中国邮政"), ("顺丰速运海盐营业部", "顺丰"), ("中通快递海盐网点", "中通"),
        ("圆通速递海盐网点", "圆通"), ("韵达快递海盐网点", "韵达"), ("极兔速递海盐网点", "极兔"),
    ]
    public static let activityMonth = Month(year: 2026, month: 10)!

    static func addActivity(_ db: AppDatabase, context: ChangeContext) throws {
        var couriers: [Courier] = []
        for (index, c) in demoCouriers.enumerated() {
            let code = CreditCode.withCheckCharacter(String(format: "91330424DEMO%05d", index + 1).replacingOccurrences(of: "O", with: "0"))
            couriers.append(try db.addCourier(NewCourier(name: c.name, brand: c.brand, creditCode: code, isDemo: true), context: context))
        }
        let points = try db.points()
        let start = LocalDate(year: 2026, month: 1, day: 1)!
        for (index, point) in points.enumerated() where point.status == .operating || point.status == .suspended {
            let from = max(point.openedOn ?? start, start)
            _ = try db.addService(NewService(pointCode: point.code, kind: .parcel, from: from), context: context)
            _ = try db.addService(NewService(pointCode: point.code, kind: .agentPurchase, category: .dailyGoods, from: from), context: context)
            if index % 2 == 0 {
                _ = try db.addService(NewService(pointCode: point.code, kind: .agentPurchase, category: .farmInputs, from: from), context: context)
            }
            if index % 3 == 0 { _ = try db.addService(NewService(pointCode: point.code, kind: .billPayment, from: from), context: context) }
            if index % 5 == 0 {
                _ = try db.addService(
                    NewService(
                        pointCode: point.code, kind: .agentPurchase, category: .medicines, partner: "海盐县示例大药房",
                        licence: "浙CA57300\(index)", from: from), context: context)
            }
            if index % 7 == 0 {
                _ = try db.addService(NewService(pointCode: point.code, kind: .finance, partner: "示例农商银行海盐支行", from: from), context: context)
            }
            if index % 4 == 1 { _ = try db.addService(NewService(pointCode: point.code, kind: .ticketing, from: from), context: context) }
            if index % 6 == 2 { _ = try db.addService(NewService(pointCode: point.code, kind: .agentSale, from: from), context: context) }
            // Two couriers serve most points; every ninth has none yet.
            guard index % 9 != 8 else { continue }
            for courier in [couriers[0], couriers[1 + index % 5]] {
                _ = try db.linkCourier(
                    pointCode: point.code, courier: courier.name, from: from, to: nil, daysPerWeek: courier.brand == "中国邮政" ? 3 : 5,
                    fee: Fen(courier.brand == "顺丰" ? 80 : 50), context: context)
            }
        }
        // A station in 沈荡镇 and a route through its linked points.
        let town = try DivisionCode(parsing: "330424101000")
        _ = try db.addStation(name: "沈荡镇快递中转站", town: town, couriers: [couriers[0].name, couriers[2].name], context: context)
        let served = try db.services(kind: .parcel).map(\.pointCode).filter { $0.hasPrefix("330424101") || $0.hasPrefix("330424102") }
        let linked = try served.filter { code in
            try db.courierDetail(couriers[0].name).1.contains { $0.1 == code }
        }
        if linked.count >= 2 {
            _ = try db.addRoute(
                NewRoute(
                    name: "沈荡—百步拼车线", vehicle: "浙F·D12345", couriers: [couriers[0].name, couriers[2].name], stops: Array(linked.prefix(4)),
                    from: LocalDate(year: 2026, month: 3, day: 1)!, station: "沈荡镇快递中转站"),
                context: context)
        }
        try addLedgers(db, points: try db.points(PointFilter(status: .operating)), couriers: couriers, context: context)
    }

    /// October 2026: about twenty parcels and five purchases for each operating point.
    static func addLedgers(_ db: AppDatabase, points: [PointListing], couriers: [Courier], context: ChangeContext) throws {
        var parcels = CSVWriter()
        parcels.append(["服务点编码", "运单号", "快递公司", "到站时间", "取件时间"])
        var purchases = CSVWriter()
        purchases.append(["服务点编码", "平台", "订单号", "品类", "金额(元)", "日期"])
        let platforms = ["淘宝", "拼多多", "京东", "抖音"]
        let categories = ["日用品", "农资", "日用品", "建材", "药品"]
        var serial = 0
        for (p, point) in points.enumerated() {
            // A point with little activity, for the subsidy check to find.
            let count = p % 11 == 10 ? 3 : 18 + p % 5
            for n in 0..<count {
                serial += 1
                let day = 1 + (n * 7 + p) % 31
                let hour = 8 + (n + p) % 10
                let arrived = LocalDateTime(date: LocalDate(year: 2026, month: 10, day: day)!, hour: hour, minute: (n * 13) % 60)
                let picked = n % 9 == 8 ? "" : LocalDateTime(date: arrived.date.adding(days: n % 3), hour: 18, minute: 30).description
                let courier = couriers[n % 3 == 0 ? 0 : 1 + (p + n) % 5]
                parcels.append([point.code, String(format: "DEMO%010d", serial), courier.name, arrived.description, picked])
            }
            for n in 0..<(p % 11 == 10 ? 0 : 5) {
                serial += 1
                let day = 2 + (n * 6 + p) % 28
                let amount = Fen(Int64(1_500 + (p * 997 + n * 389) % 48_000))
                purchases.append([
                    point.code, platforms[(p + n) % 4], String(format: "D%012d", serial), categories[(p + n) % 5], amount.yuanText,
                    LocalDate(year: 2026, month: 10, day: day)!.description,
                ])
            }
        }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
            "wancun-demo-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try parcels.write(to: dir.appendingPathComponent("parcels.csv").path)
        try purchases.write(to: dir.appendingPathComponent("purchases.csv").path)
        _ = try db.importParcels(from: dir.appendingPathComponent("parcels.csv").path, context: context)
        _ = try db.importPurchases(from: dir.appendingPathComponent("purchases.csv").path, context: context)
    }
}
