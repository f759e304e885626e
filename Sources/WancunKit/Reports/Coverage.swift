import GRDB

/// One town's line of the coverage report, or the totals.
public struct CoverageRow: Sendable, Hashable {
    public var townCode: DivisionCode?
    public var townName: String
    public var ruralVillages = 0
    public var coveredVillages = 0
    public var byStatus: [PointStatus: Int] = [:]
    public var byService: [ServiceKind: Int] = [:]
    public var withoutCourier = 0

    /// Covered rural villages over rural villages, in tenths of a percent, rounded half up.
    public var coveragePermille: Int {
        ruralVillages == 0 ? 0 : (coveredVillages * 2000 + ruralVillages) / (2 * ruralVillages)
    }

    public var coverageText: String { "\(coveragePermille / 10).\(coveragePermille % 10)" }

    mutating func add(_ other: CoverageRow) {
        ruralVillages += other.ruralVillages
        coveredVillages += other.coveredVillages
        for (k, v) in other.byStatus { byStatus[k, default: 0] += v }
        for (k, v) in other.byService { byService[k, default: 0] += v }
        withoutCourier += other.withoutCourier
    }
}

/// "万村" coverage per town: rural villages with an operating point, points by status and by
/// service, points no courier serves. As the histories stood on `asOf`.
public struct CoverageReport: Sendable {
    public var asOf: LocalDate
    public var under: DivisionListing?
    public var rows: [CoverageRow]
    public var total: CoverageRow

    public static var columns: [Table.Column] {
        var columns: [Table.Column] = [
            .init("town_code", Message.Header.code, use: .detail), .init("town_name", Message.Header.town),
            .init("rural_villages", Message.Coverage.ruralVillages), .init("covered_villages", Message.Coverage.coveredVillages),
            .init("coverage_percent", Message.Coverage.percent),
        ]
        columns += PointStatus.allCases.map { .init($0.rawValue, Message.Coverage.pointsIn($0.label)) }
        columns += ServiceKind.allCases.map { .init($0.rawValue.replacingOccurrences(of: "-", with: "_"), $0.label, use: .detail) }
        columns.append(.init("no_courier_link", Message.Coverage.noCourier))
        return columns
    }

    static func cells(_ row: CoverageRow, total: Bool) -> [Cell] {
        var cells: [Cell] = [
            row.townCode.map { .text($0.rawValue) } ?? .null, total ? .label(code: "total", Message.Coverage.total) : .text(row.townName),
            .integer(Int64(row.ruralVillages)), .integer(Int64(row.coveredVillages)), .decimal(row.coverageText),
        ]
        cells += PointStatus.allCases.map { .integer(Int64(row.byStatus[$0] ?? 0)) }
        cells += ServiceKind.allCases.map { .integer(Int64(row.byService[$0] ?? 0)) }
        cells.append(.integer(Int64(row.withoutCourier)))
        return cells
    }

    /// Towns, then the totals row.
    public var table: Table {
        Table(columns: Self.columns, rows: rows.map { Self.cells($0, total: false) } + [Self.cells(total, total: true)])
    }
}

extension AppDatabase {
    public func coverage(under: DivisionCode? = nil, asOf: LocalDate) throws -> CoverageReport {
        try read { db in
            let prefix = (under?.significantPrefix ?? "") + "%"
            let d = asOf.description
            let towns = try Row.fetchAll(
                db,
                sql: """
                    SELECT id, code, name FROM division
                    WHERE level = 'town' AND code LIKE ? AND \(RegistrySQL.standing(on: "?")) ORDER BY code
                    """, arguments: [prefix, d])
            var rows: [Int64: CoverageRow] = [:]
            var order: [Int64] = []
            for town in towns {
                let id: Int64 = town["id"]
                rows[id] = CoverageRow(townCode: town["code"], townName: town["name"])
                order.append(id)
            }
            // Rural villages, and those with an operating point on the day.
            let villages = try Row.fetchAll(
                db,
                sql: """
                    WITH \(RegistrySQL.statusAsOf("?"))
                    SELECT d.parent_id AS town_id, count(*) AS rural,
                      sum(EXISTS (SELECT 1 FROM point p JOIN status_then s ON s.point_id = p.id
                                  WHERE p.village_id = d.id AND s.status = 'operating')) AS covered
                    FROM division d
                    WHERE \(Division.ruralSQL) AND d.code LIKE ? AND \(RegistrySQL.standing("d", on: "?"))
                    GROUP BY d.parent_id
                    """, arguments: [d, prefix, d])
            for v in villages {
                let town: Int64 = v["town_id"]
                rows[town]?.ruralVillages = v["rural"]
                rows[town]?.coveredVillages = v["covered"]
            }
            // Every point that existed on the day, with its status then.
            let points = try Row.fetchAll(
                db,
                sql: """
                    WITH \(RegistrySQL.statusAsOf("?"))
                    SELECT p.id, v.parent_id AS town_id, s.status,
                      EXISTS (SELECT 1 FROM courier_link l WHERE l.point_id = p.id AND \(RegistrySQL.inForce("l", on: "?1"))) AS linked
                    FROM point p JOIN status_then s ON s.point_id = p.id JOIN division v ON v.id = p.village_id
                    WHERE p.code LIKE ?
                    """, arguments: [d, prefix])
            var open: [Int64: Int64] = [:]
            for p in points {
                let town: Int64 = p["town_id"]
                let status = PointStatus(rawValue: p["status"])!
                rows[town]?.byStatus[status, default: 0] += 1
                if status != .closed {
                    open[p["id"]] = town
                    if !(p["linked"] as Bool) { rows[town]?.withoutCourier += 1 }
                }
            }
            let services = try Row.fetchAll(
                db,
                sql: """
                    SELECT DISTINCT point_id, kind FROM service
                    WHERE \(RegistrySQL.inForce(on: "?1"))
                    """, arguments: [d])
            for s in services {
                guard let town = open[s["point_id"]] else { continue }
                rows[town]?.byService[ServiceKind(rawValue: s["kind"])!, default: 0] += 1
            }
            var total = CoverageRow(townCode: nil, townName: "")
            let ordered = order.compactMap { rows[$0] }
            for row in ordered { total.add(row) }
            let scope = try under.flatMap { code in
                try DivisionListing.fetchOne(
                    db,
                    sql: "SELECT d.code, d.name, d.level, p.code AS parent_code, d.retired_on FROM "
                        + "division d LEFT JOIN division p ON p.id = d.parent_id WHERE d.code = ?",
                    arguments: [code])
            }
            return CoverageReport(asOf: asOf, under: scope, rows: ordered, total: total)
        }
    }
}
