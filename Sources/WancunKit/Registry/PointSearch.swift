import GRDB

/// What a list of points is searched by: the town, the status, and text found in the point's
/// name or at the start of its code; one page of it at a time.
public struct PointSearch: Sendable {
    public var town: DivisionCode?
    public var status: PointStatus?
    public var name: String?
    public var code: String?
    public var offset = 0
    public var limit = 50

    public init(town: DivisionCode? = nil, status: PointStatus? = nil, name: String? = nil, code: String? = nil, offset: Int = 0, limit: Int = 50) {
        self.town = town
        self.status = status
        self.name = name
        self.code = code
        self.offset = offset
        self.limit = limit
    }
}

/// One page of a search and how many points match in all.
public struct PointPage: Sendable {
    public var total: Int
    public var points: [PointListing]
}

/// How many points a town has in one status.
public struct PointCount: Sendable, Hashable {
    public var townCode: DivisionCode
    public var townName: String
    public var status: PointStatus
    public var count: Int
}

extension AppDatabase {
    /// The points that match, in code order, one page of them.
    public func searchPoints(_ search: PointSearch) throws -> PointPage {
        let (whereClause, arguments) = Self.pointsWhere(under: search.town, status: search.status, name: search.name, code: search.code)
        return try read { db in
            let total = try Int.fetchOne(db, sql: "SELECT count(*) FROM point p \(whereClause)", arguments: arguments) ?? 0
            let page = try PointListing.fetchAll(
                db, sql: PointListing.selectSQL + " \(whereClause) ORDER BY p.code LIMIT ? OFFSET ?",
                arguments: arguments + [max(search.limit, 0), max(search.offset, 0)])
            return PointPage(total: total, points: page)
        }
    }

    /// Points counted by town and status, in town code order.
    public func pointCounts() throws -> [PointCount] {
        try read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT t.code AS town_code, t.name AS town_name, p.status, count(*) AS n
                    FROM point p JOIN division v ON v.id = p.village_id JOIN division t ON t.id = v.parent_id
                    GROUP BY t.code, p.status ORDER BY t.code, p.status
                    """
            ).map { PointCount(townCode: $0["town_code"], townName: $0["town_name"], status: $0["status"], count: $0["n"]) }
        }
    }

    /// The couriers that serve a point, with their links, oldest first.
    public func pointCouriers(_ code: String) throws -> [(link: CourierLink, courier: Courier)] {
        try read { db in
            let point = try Self.point(db, code)
            let links = try CourierLink.filter(CourierLink.Columns.pointId == point.id!).order(CourierLink.Columns.startedOn, CourierLink.Columns.id)
                .fetchAll(db)
            let couriers = try Courier.fetchAll(db, keys: Set(links.map(\.courierId)))
            let byId = Dictionary(uniqueKeysWithValues: couriers.map { ($0.id!, $0) })
            return links.map { (link: $0, courier: byId[$0.courierId]!) }
        }
    }
}
