import GRDB

// The opening day has one source of truth, the status history. Its readers (the subsidy check,
// the coverage report) give each day the status of the latest entry on or before it, in
// (on_date, id) order; so a point's first operating day is the first day whose last entry is
// `operating`, and `opened_on` is kept equal to it. The history is append-only, so an opening
// day set before the registration day, or corrected, is written as entries that make that
// reading right:
// - earlier: an `operating` entry on the new day, and one more on the day of each `planned`
//   entry between it and the old opening (the registration, typically), written after it so
//   that the planned entry no longer stops the days after it operating;
// - later: a `planned` entry on the day of each `operating` entry before the new day, written
//   after it so that it wins that day, and an `operating` entry on the new day, which must come
//   before the next change of status.
// Entries written out of date order leave `point.status` as the trigger set it for the last
// one written, so the point's status is read again from the history.

extension AppDatabase {
    /// Records that a point opened on `day`: its first opening, or a corrected opening day.
    /// Updates `point` (status, `opened_on`) and its row; the caller audits.
    static func recordOpening(_ db: Database, _ point: inout Point, on day: LocalDate, reason: String, context: ChangeContext) throws {
        let history = try PointStatusChange.fetchAll(
            db, sql: "SELECT * FROM point_status WHERE point_id = ? ORDER BY on_date, id", arguments: [point.id])
        func isLastOfItsDay(_ i: Int) -> Bool { i + 1 == history.count || history[i + 1].onDate != history[i].onDate }
        func status(on date: LocalDate) -> PointStatus? { history.last { $0.onDate <= date }?.status }
        let opening = history.indices.first { history[$0].status == .operating && isLastOfItsDay($0) }
        if opening == nil && point.status != .planned {
            throw RegistryError.statusNotAllowed(from: point.status, to: .operating, allowed: point.status.allowedNext)
        }
        var entries: [(PointStatus?, PointStatus, LocalDate)] = []
        if let opening, day > history[opening].onDate {
            let next = history.indices.first { $0 > opening && history[$0].status != .operating && isLastOfItsDay($0) }
            if let next, history[next].onDate <= day { throw RegistryError.openingAfterNextChange(day, next: history[next].onDate) }
            let days = Set(history[opening...].map(\.onDate).filter { $0 < day }).sorted()
            entries = days.map { (.operating, .planned, $0) } + [(.planned, .operating, day)]
        } else if opening.map({ day < history[$0].onDate }) ?? true {
            entries = [(status(on: day), .operating, day)]
            let end = opening.map { history[$0].onDate }
            for i in history.indices
            where history[i].onDate > day && end.map({ history[i].onDate < $0 }) ?? true
                && history[i].status != .operating && isLastOfItsDay(i)
            {
                entries.append((history[i].status, .operating, history[i].onDate))
            }
        }
        for (from, status, date) in entries {
            var change = PointStatusChange(pointId: point.id!, fromStatus: from, status: status, onDate: date, reason: reason, clerk: context.clerk)
            try change.insertCached(db)
        }
        point.status = try PointStatus.fetchOne(
            db, sql: "SELECT status FROM point_status WHERE point_id = ? ORDER BY on_date DESC, id DESC LIMIT 1", arguments: [point.id])!
        point.openedOn = day
        try db.execute(sql: "UPDATE point SET status = ?, opened_on = ? WHERE id = ?", arguments: [point.status, day, point.id])
    }
}
