import GRDB

/// Whether points were operating on given days, from their status history (each day takes the
/// status of the latest change on or before it, as the subsidy check reads it), each point's
/// history read once, when a ledger row first names it.
struct OperatingCalendar {
    /// The warning given to a ledger row dated on a day its point was not operating.
    static let rule = "POINT_NOT_OPERATING_ON_DATE"

    private let statement: Statement
    private var history: [Int64: [(LocalDate, PointStatus)]] = [:]

    init(_ db: Database) throws {
        statement = try db.makeStatement(sql: "SELECT on_date, status FROM point_status WHERE point_id = ? ORDER BY on_date, id")
    }

    /// The point's status on `day`; nil before its history begins.
    mutating func status(of point: Int64, on day: LocalDate) throws -> PointStatus? {
        if history[point] == nil {
            history[point] = try statement.rows({ $0(point) }, read: { c in (c[0, "on_date"]! as LocalDate, c[1, "status"]! as PointStatus) })
        }
        return history[point]!.last { $0.0 <= day }?.1
    }

    /// Warns of `row` when its point was not operating on `day`: the row is written, and the
    /// subsidy check leaves it out of the point's activity.
    mutating func warnUnlessOperating(_ point: Int64, on day: LocalDate, _ row: TableRow, _ key: String, _ check: inout RowChecker) throws {
        let status = try status(of: point, on: day)
        if status != .operating {
            check.warn(row, key, rule: Self.rule, message: .notOperatingOnDate(day, status?.label))
        }
    }
}

extension ImportSummary {
    /// Rows dated on a day their point was not operating: written, and left out of the
    /// subsidy's activity counts.
    public var notOperatingRows: Int { warnings.count { $0.rule == OperatingCalendar.rule } }
}
