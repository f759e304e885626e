import GRDB

/// A courier company's local outfit (快递企业).
public struct Courier: Codable, Sendable, Hashable, FetchableRecord, MutablePersistableRecord {
    public var id: Int64?
    public var name: String
    public var brand: String
    public var creditCode: String?
    public var creditCodeOverride: String?
    /// True for the demo's couriers, whose credit codes are made up.
    public var isDemo: Bool

    public static let databaseTableName = "courier"
    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

    public static let columns: [Table.Column] = listedFields.map(\.tableColumn)

    public var cells: [Cell] { Self.listedFields.map { $0.value.cell(self) } }
}

/// Which courier serves which point, from when to when, how often, for what fee.
public struct CourierLink: Codable, Sendable, Hashable, FetchableRecord, MutablePersistableRecord {
    public var id: Int64?
    public var pointId: Int64
    public var courierId: Int64
    public var startedOn: LocalDate
    /// The first day it no longer holds.
    public var endedOn: LocalDate?
    public var daysPerWeek: Int?
    /// What the courier pays the point for each parcel it handles.
    public var feeFen: Fen?

    public static let databaseTableName = "courier_link"
    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

    func covers(_ date: LocalDate) -> Bool { startedOn <= date && (endedOn.map { date < $0 } ?? true) }
}

/// A transfer station (中转站) in a town.
public struct Station: Codable, Sendable, Hashable, FetchableRecord, MutablePersistableRecord {
    public var id: Int64?
    public var name: String
    public var townId: Int64

    public static let databaseTableName = "station"
    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

/// A joint-delivery route (拼车): one vehicle, several couriers, ordered stops.
public struct Route: Codable, Sendable, Hashable, FetchableRecord, MutablePersistableRecord {
    public var id: Int64?
    public var name: String
    public var vehicle: String
    public var stationId: Int64?
    public var startedOn: LocalDate
    public var endedOn: LocalDate?

    public static let databaseTableName = "route"
    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

/// A courier to register.
public struct NewCourier: Sendable {
    public var name: String
    public var brand: String
    public var creditCode: String?
    public var force = false
    public var reason: String?
    public var isDemo = false

    public init(name: String, brand: String, creditCode: String?, force: Bool = false, reason: String? = nil, isDemo: Bool = false) {
        self.name = name
        self.brand = brand
        self.creditCode = creditCode
        self.force = force
        self.reason = reason
        self.isDemo = isDemo
    }
}

/// A route to register.
public struct NewRoute: Sendable {
    public var name: String
    public var vehicle: String
    public var couriers: [String]
    public var stops: [String]
    public var from: LocalDate
    public var to: LocalDate?
    public var station: String?

    public init(name: String, vehicle: String, couriers: [String], stops: [String], from: LocalDate, to: LocalDate? = nil, station: String? = nil) {
        self.name = name
        self.vehicle = vehicle
        self.couriers = couriers
        self.stops = stops
        self.from = from
        self.to = to
        self.station = station
    }
}

/// A route with its couriers and stops, as `route show` tells it.
public struct RouteDetail: Sendable {
    public var route: Route
    public var stationName: String?
    public var couriers: [Courier]
    public var stops: [(position: Int, code: String, name: String)]
}

extension AppDatabase {
    public func addCourier(_ new: NewCourier, context: ChangeContext) throws -> Courier {
        // Every refusal at once.
        var refusals: [RegistryError] = []
        let name = Self.freeText("name", new.name, as: .businessName, required: true, &refusals)
        let brand = Normalize.spreadsheetText(new.brand)
        if brand.isEmpty { refusals.append(.invalid(field: "brand", .empty)) }
        if new.force && (new.reason ?? "").trimmingSpaces().isEmpty { refusals.append(.forceNeedsReason) }
        let code = try new.creditCode.flatMap { text in
            try RegistryError.gathering(&refusals) {
                try parse("credit_code") { () throws(ValueError) in try CreditCode(parsing: text, allowingBadCheck: new.force) }
            }
        }
        return try write { db in
            if !name.isEmpty, try Courier.filter(Courier.Columns.name == name).fetchCount(db) > 0 { refusals.append(.courierExists(name)) }
            try RegistryError.refuse(refusals)
            var courier = Courier(
                name: name, brand: brand, creditCode: code?.rawValue,
                creditCodeOverride: code?.checkCharacterValid == false ? new.reason : nil, isDemo: new.isDemo)
            try courier.insert(db)
            try db.audit(
                code?.checkCharacterValid == false ? "courier.force" : "courier.add", AuditSubject(),
                after: .object([("name", .string(name)), ("brand", .string(brand)), ("credit_code", code.map { .string($0.rawValue) } ?? .null)]),
                reason: new.reason, context: context)
            return courier
        }
    }

    /// A courier by its `id` or its name.
    static func courier(_ db: Database, _ key: String) throws -> Courier {
        let text = Normalize.spreadsheetText(key)
        if let id = Int64(text), let courier = try Courier.fetchOne(db, key: id) { return courier }
        if let courier = try Courier.filter(Courier.Columns.name == text).fetchOne(db) { return courier }
        throw RegistryError.courierUnknown(text)
    }

    public func couriers() throws -> [Courier] {
        try read { db in try Courier.order(Courier.Columns.id).fetchAll(db) }
    }

    /// A courier and the points it serves (links, newest first).
    public func courierDetail(_ key: String) throws -> (Courier, [(CourierLink, String)]) {
        try read { db in
            let courier = try Self.courier(db, key)
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT l.*, p.code AS point_code FROM courier_link l JOIN point p ON p.id = l.point_id
                    WHERE l.courier_id = ? ORDER BY p.code, l.started_on
                    """, arguments: [courier.id])
            return (courier, try rows.map { (try CourierLink(row: $0), $0["point_code"]) })
        }
    }

    /// Links a courier to a point for a period; periods of the same pair may not overlap.
    public func linkCourier(
        pointCode: String, courier key: String, from: LocalDate, to: LocalDate?, daysPerWeek: Int?, fee: Fen?, context: ChangeContext
    ) throws -> CourierLink {
        try write { db in
            // Every refusal at once.
            var refusals: [RegistryError] = []
            let point = try RegistryError.gathering(&refusals) { try Self.point(db, pointCode) }
            let courier = try RegistryError.gathering(&refusals) { try Self.courier(db, key) }
            if let to, to <= from { refusals.append(.periodEndsBeforeStart) }
            if let days = daysPerWeek, !(1...7).contains(days) { refusals.append(.daysPerWeekRange(days)) }
            if let fee, fee.value < 0 { refusals.append(.invalid(field: "fee", .money(fee.yuanText))) }
            guard let point, let courier else { try RegistryError.refuseAll(refusals) }
            let existing = try CourierLink.filter(CourierLink.Columns.pointId == point.id! && CourierLink.Columns.courierId == courier.id!).fetchAll(
                db)
            if let link = existing.first(where: { link in (link.endedOn.map { from < $0 } ?? true) && (to.map { link.startedOn < $0 } ?? true) }) {
                refusals.append(.linkOverlaps(courier.name, link.startedOn, link.endedOn))
            }
            try RegistryError.refuse(refusals)
            var link = CourierLink(
                pointId: point.id!, courierId: courier.id!, startedOn: from, endedOn: to, daysPerWeek: daysPerWeek, feeFen: fee)
            try link.insert(db)
            try db.audit(
                "courier.link", AuditSubject(pointCode: point.code),
                after: .object([
                    ("courier", .string(courier.name)), ("started_on", .string(from.description)),
                    ("ended_on", to.map { .string($0.description) } ?? .null),
                    ("days_per_week", daysPerWeek.map { .number(String($0)) } ?? .null),
                    ("fee_fen", fee.map { .number(String($0.value)) } ?? .null),
                ]), context: context)
            return link
        }
    }

    public func addStation(name: String, town: DivisionCode, couriers: [String], context: ChangeContext) throws -> Station {
        try write { db in
            // Every refusal at once.
            var refusals: [RegistryError] = []
            let name = Normalize.spreadsheetText(name)
            if name.isEmpty { refusals.append(.invalid(field: "name", .empty)) }
            let division = try Division.filter(Division.Columns.code == town).fetchOne(db)
            if division == nil {
                refusals.append(.villageUnknown(town))
            } else if town.level != .town {
                refusals.append(.notATown(town, town.level))
            }
            if !name.isEmpty, try Station.filter(Station.Columns.name == name).fetchCount(db) > 0 { refusals.append(.stationExists(name)) }
            let members = try couriers.compactMap { key in try RegistryError.gathering(&refusals) { try Self.courier(db, key) } }
            try RegistryError.refuse(refusals)
            guard let division else { try RegistryError.refuseAll(refusals) }
            var station = Station(name: name, townId: division.id!)
            try station.insert(db)
            for courier in members {
                try db.execute(sql: "INSERT INTO station_courier (station_id, courier_id) VALUES (?, ?)", arguments: [station.id, courier.id])
            }
            try db.audit(
                "station.add", AuditSubject(divisionCode: town.rawValue),
                after: .object([("name", .string(name)), ("couriers", .array(members.map { .string($0.name) }))]), context: context)
            return station
        }
    }

    /// Stations with their town and couriers.
    public func stations() throws -> [(Station, String, [String])] {
        try read { db in
            try Station.order(Station.Columns.name).fetchAll(db).map { station in
                let town = try String.fetchOne(db, sql: "SELECT name FROM division WHERE id = ?", arguments: [station.townId]) ?? ""
                let couriers = try String.fetchAll(
                    db, sql: "SELECT c.name FROM station_courier sc JOIN courier c ON c.id = sc.courier_id WHERE sc.station_id = ? ORDER BY c.id",
                    arguments: [station.id])
                return (station, town, couriers)
            }
        }
    }

    /// Registers a joint-delivery route. Every stop must be served, on the first day, by at
    /// least one of the route's couriers; otherwise the route is refused naming each stop.
    public func addRoute(_ new: NewRoute, context: ChangeContext) throws -> Route {
        try write { db in
            // Every refusal at once.
            var refusals: [RegistryError] = []
            let name = Normalize.spreadsheetText(new.name)
            if name.isEmpty { refusals.append(.invalid(field: "name", .empty)) }
            let vehicle = Normalize.spreadsheetText(new.vehicle).uppercased().filter { !$0.isWhitespace && $0 != "·" && $0 != "-" }
            if !Self.isPlate(vehicle) { refusals.append(.plateInvalid(new.vehicle)) }
            if let to = new.to, to <= new.from { refusals.append(.periodEndsBeforeStart) }
            if !name.isEmpty, try Route.filter(Route.Columns.name == name).fetchCount(db) > 0 { refusals.append(.routeExists(name)) }
            let couriers = try new.couriers.compactMap { key in try RegistryError.gathering(&refusals) { try Self.courier(db, key) } }
            if new.couriers.count < 2 { refusals.append(.routeNeedsCouriers) }
            if new.stops.isEmpty { refusals.append(.routeNeedsStops) }
            let station = try new.station.flatMap { key in
                try RegistryError.gathering(&refusals) { () throws -> Station in
                    guard
                        let s = try Station.filter(Station.Columns.name == key).fetchOne(db)
                            ?? Int64(key).flatMap({ try Station.fetchOne(db, key: $0) })
                    else { throw RegistryError.stationUnknown(key) }
                    return s
                }
            }
            var points: [Point] = []
            for code in new.stops {
                guard let point = try RegistryError.gathering(&refusals, { try Self.point(db, Normalize.spreadsheetText(code)) }) else { continue }
                if points.contains(where: { $0.id == point.id }) {
                    refusals.append(.routeStopRepeated(point.code))
                } else {
                    points.append(point)
                }
            }
            // Whether the stops are served needs the couriers and stops as given.
            if refusals.isEmpty {
                var unserved: [String] = []
                for point in points {
                    let links = try CourierLink.filter(
                        CourierLink.Columns.pointId == point.id! && couriers.map(\.id!).contains(CourierLink.Columns.courierId)
                    ).fetchAll(db)
                    if !links.contains(where: { $0.covers(new.from) }) { unserved.append(point.code) }
                }
                if !unserved.isEmpty { refusals.append(.stopsNotServed(unserved, couriers.map(\.name), new.from)) }
            }
            try RegistryError.refuse(refusals)
            var route = Route(name: name, vehicle: vehicle, stationId: station?.id, startedOn: new.from, endedOn: new.to)
            try route.insert(db)
            for courier in couriers {
                try db.execute(sql: "INSERT INTO route_courier (route_id, courier_id) VALUES (?, ?)", arguments: [route.id, courier.id])
            }
            for (index, point) in points.enumerated() {
                try db.execute(
                    sql: "INSERT INTO route_stop (route_id, position, point_id) VALUES (?, ?, ?)", arguments: [route.id, index + 1, point.id])
            }
            try db.audit(
                "route.add", AuditSubject(),
                after: .object([
                    ("name", .string(name)), ("vehicle", .string(vehicle)), ("couriers", .array(couriers.map { .string($0.name) })),
                    ("stops", .array(points.map { .string($0.code) })), ("started_on", .string(new.from.description)),
                ]), context: context)
            return route
        }
    }

    /// 浙F12345, 浙FD12345 (new energy): a province character, a letter, five or six more.
    static func isPlate(_ plate: String) -> Bool {
        let chars = Array(plate)
        guard (7...8).contains(chars.count), let first = chars.first, !first.isASCII,
            chars[1].isASCII && chars[1].isLetter
        else { return false }
        return chars[2...].allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) }
            || (chars.last.map { "挂学警港澳".contains($0) } ?? false)
    }

    public func routes() throws -> [RouteDetail] {
        try read { db in try Route.order(Route.Columns.name).fetchAll(db).map { try Self.routeDetail(db, $0) } }
    }

    public func routeDetail(_ key: String) throws -> RouteDetail {
        try read { db in
            guard let route = try Route.filter(Route.Columns.name == key).fetchOne(db) ?? Int64(key).flatMap({ try Route.fetchOne(db, key: $0) })
            else {
                throw RegistryError.routeUnknown(key)
            }
            return try Self.routeDetail(db, route)
        }
    }

    static func routeDetail(_ db: Database, _ route: Route) throws -> RouteDetail {
        let couriers = try Courier.fetchAll(
            db, sql: "SELECT c.* FROM route_courier rc JOIN courier c ON c.id = rc.courier_id WHERE rc.route_id = ? ORDER BY c.id",
            arguments: [route.id])
        let stops = try Row.fetchAll(
            db, sql: "SELECT s.position, p.code, p.name FROM route_stop s JOIN point p ON p.id = s.point_id WHERE s.route_id = ? ORDER BY s.position",
            arguments: [route.id]
        ).map { (position: $0["position"] as Int, code: $0["code"] as String, name: $0["name"] as String) }
        let station = try route.stationId.flatMap { try Station.fetchOne(db, key: $0)?.name }
        return RouteDetail(route: route, stationName: station, couriers: couriers, stops: stops)
    }
}
