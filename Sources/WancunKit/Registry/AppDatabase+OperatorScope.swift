import GRDB

/// An operator as the access rules judge them (`OperatorScope`), read inside the change or the
/// query that needs it, so that a refusal tells of another person only to an actor who may
/// see them.
extension AppDatabase {
    /// Who registered each operator (the clerk of the first audit line naming them), by ID number.
    static func registrars(_ db: Database, idNumber: String? = nil) throws -> [String: String] {
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT operator_id_number, clerk FROM audit WHERE id IN (
                  SELECT min(id) FROM audit WHERE operator_id_number IS NOT NULL \(idNumber == nil ? "" : "AND operator_id_number = ?")
                  GROUP BY operator_id_number)
                """, arguments: StatementArguments(idNumber.map { [$0] } ?? []))
        return Dictionary(rows.map { ($0[0], $0[1]) }, uniquingKeysWith: { a, _ in a })
    }

    /// The codes of the points each operator has run, now or before, by operator id.
    static func pointHistories(_ db: Database) throws -> [Int64: [String]] {
        let rows = try Row.fetchAll(db, sql: "SELECT DISTINCT a.operator_id, p.code FROM assignment a JOIN point p ON p.id = a.point_id")
        return Dictionary(grouping: rows.map { ($0[0] as Int64, $0[1] as String) }, by: \.0).mapValues { $0.map(\.1) }
    }

    static func operatorScope(_ db: Database, idNumber: String) throws -> OperatorScope {
        let codes = try String.fetchAll(
            db,
            sql: """
                SELECT p.code FROM assignment a JOIN operator o ON o.id = a.operator_id JOIN point p ON p.id = a.point_id
                WHERE o.id_number = ? AND \(RegistrySQL.open("a"))
                """, arguments: [idNumber])
        let ever = try String.fetchAll(
            db,
            sql: """
                SELECT DISTINCT p.code FROM assignment a JOIN operator o ON o.id = a.operator_id JOIN point p ON p.id = a.point_id
                WHERE o.id_number = ?
                """, arguments: [idNumber])
        return OperatorScope(currentPointCodes: codes, pointCodes: ever, registeredBy: try registrars(db, idNumber: idNumber)[idNumber])
    }

    /// Whether a refusal shown to `actor` may name the operator (their name, masked ID number):
    /// only when the actor may see them; the person at the server (nil) always.
    static func mayName(_ db: Database, operator idNumber: String, to actor: Actor?) throws -> Bool {
        guard let actor else { return true }
        return AccessPolicy.canRead(actor, operator: try operatorScope(db, idNumber: idNumber))
    }
}
