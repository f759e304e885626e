/// What the registry's dated rows mean in SQL, written once: a row "in force on a day", a
/// division standing on a day, each point's status as of a day, and the look-ups other
/// subsystems make of the registry's tables. Each takes its table's alias and SQL expressions
/// (`?`, `?2`, a column) for the days.
enum RegistrySQL {
    /// A row with `started_on` and `ended_on` (the day it stopped; NULL while open: assignments,
    /// services, courier links) in force on some day from `from` to `to`: started by `to`, not
    /// ended by `from`.
    static func inForce(_ alias: String? = nil, from: String, to: String) -> String {
        "(\(column(alias, "started_on")) <= \(to) AND \(notEnded(alias, by: from)))"
    }

    /// A row with `ended_on` still open on `day`, or ended after it.
    static func notEnded(_ alias: String? = nil, by day: String) -> String {
        "(\(open(alias)) OR \(column(alias, "ended_on")) > \(day))"
    }

    /// The same on one day.
    static func inForce(_ alias: String? = nil, on day: String) -> String { inForce(alias, from: day, to: day) }

    /// A row with `ended_on` still open: in force today and every day after. Written as the
    /// partial indexes on open rows are (`assignment_one_open_per_point`, `service_one_open`),
    /// so that a query with it can use them.
    static func open(_ alias: String? = nil) -> String { "\(column(alias, "ended_on")) IS NULL" }

    /// A division not retired: standing today, and every day after.
    static func standing(_ alias: String? = nil) -> String { "\(column(alias, "retired_on")) IS NULL" }

    /// A division not retired by `day`.
    static func standing(_ alias: String? = nil, on day: String) -> String {
        "(\(standing(alias)) OR \(column(alias, "retired_on")) > \(day))"
    }

    /// A column of the table `alias` names, or of the only table.
    private static func column(_ alias: String?, _ name: String) -> String { alias.map { "\($0).\(name)" } ?? name }

    /// `status_then (point_id, status)`: each point's status as of `day`, the latest change on or
    /// before it (the later row of one day), for a `WITH` clause. Points not yet registered
    /// then have no row.
    static func statusAsOf(_ day: String) -> String {
        """
        status_then AS (
          SELECT point_id, status FROM (
            SELECT point_id, status, row_number() OVER (PARTITION BY point_id ORDER BY on_date DESC, id DESC) AS n
            FROM point_status WHERE on_date <= \(day)) WHERE n = 1)
        """
    }

    /// Whether an operator holds the ID number `key`.
    static func operatorExists(idNumber key: String) -> String { "EXISTS (SELECT 1 FROM operator o WHERE o.id_number = \(key))" }

    /// Whether a point has the code `key`.
    static func pointExists(code key: String) -> String { "EXISTS (SELECT 1 FROM point p WHERE p.code = \(key))" }

    /// An operator's ID number by their id (one argument).
    static let operatorIDNumber = "SELECT id_number FROM operator WHERE id = ?"
}
