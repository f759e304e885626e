import GRDB

/// A point that needs attention: its code, name and town, and the day that makes it so (a
/// verification's or a contract's last day; none for a point no courier serves).
public struct AttentionPoint: Sendable, Hashable {
    public var code: String
    public var name: String
    public var townName: String
    public var date: LocalDate?
    /// The operator whose contract ends, for a contract.
    public var operatorName: String?
}

/// An operator running a point now who is close to the months cap or to retirement.
public struct AttentionOperator: Sendable, Hashable {
    /// The operator's row id (the web links `/operators/{id}`).
    public var id: Int64
    public var name: String
    public var idNumber: String
    public var pointCode: String
    public var pointName: String
    /// Subsidised months used, with the opening balance, and the policy's cap.
    public var monthsUsed: Int
    public var monthsCap: Int?
    /// The retirement month that applies (an override, else the statutory one).
    public var retirement: Month
}

/// What needs a clerk's attention on `today`: open points no courier serves, HR
/// verifications and contracts whose last day is within `days`, operators within `months` of
/// the subsidised months cap or of retirement.
public struct Attention: Sendable {
    public var today: LocalDate
    public var days: Int
    public var months: Int
    public var withoutCourier: [AttentionPoint] = []
    public var verificationsEnding: [AttentionPoint] = []
    public var contractsEnding: [AttentionPoint] = []
    public var nearCap: [AttentionOperator] = []
    public var nearRetirement: [AttentionOperator] = []

    /// Keeps the points and the operators `keepPoint` and `keepOperator` let through.
    public func filtered(points keepPoint: (String) -> Bool, operators keepOperator: (AttentionOperator) -> Bool) -> Attention {
        var kept = self
        kept.withoutCourier = withoutCourier.filter { keepPoint($0.code) }
        kept.verificationsEnding = verificationsEnding.filter { keepPoint($0.code) }
        kept.contractsEnding = contractsEnding.filter { keepPoint($0.code) }
        kept.nearCap = nearCap.filter(keepOperator)
        kept.nearRetirement = nearRetirement.filter(keepOperator)
        return kept
    }
}

extension AppDatabase {
    /// What needs attention on `today` across the registry (`Attention`).
    public func attention(today: LocalDate, days: Int = 60, months: Int = 3) throws -> Attention {
        try read { db in
            var found = Attention(today: today, days: days, months: months)
            let d = today.description
            let last = today.adding(days: days).description
            func point(_ row: Row, date: LocalDate? = nil, operatorName: String? = nil) -> AttentionPoint {
                AttentionPoint(code: row["code"], name: row["name"], townName: row["town"], date: date, operatorName: operatorName)
            }
            // Points not closed today, with their town: `columns` added, `joins` joined, `rest` the conditions.
            func openPoints(_ columns: String = "", joins: String = "", where rest: String) -> String {
                """
                WITH \(RegistrySQL.statusAsOf("?1"))
                SELECT p.id, p.code, p.name, t.name AS town\(columns) FROM point p JOIN status_then s ON s.point_id = p.id \(joins)
                JOIN division v ON v.id = p.village_id JOIN division t ON t.id = v.parent_id
                WHERE s.status <> 'closed' \(rest)
                """
            }
            found.withoutCourier = try Row.fetchAll(
                db,
                sql: openPoints(
                    where: """
                        AND NOT EXISTS (SELECT 1 FROM courier_link l WHERE l.point_id = p.id AND \(RegistrySQL.inForce("l", on: "?1")))
                        ORDER BY p.code
                        """),
                arguments: [d]
            ).map { point($0) }
            // A point's verifications in force today: the latest last day, unless one is open-ended.
            found.verificationsEnding = try Row.fetchAll(
                db,
                sql: openPoints(
                    ", (SELECT max(valid_until) FROM point_verification pv WHERE pv.point_id = p.id AND pv.verified_on <= ?1) AS until",
                    where: """
                        AND NOT EXISTS (SELECT 1 FROM point_verification pv
                                        WHERE pv.point_id = p.id AND pv.verified_on <= ?1 AND pv.valid_until IS NULL)
                        AND until BETWEEN ?1 AND ?2 ORDER BY until, p.code
                        """),
                arguments: [d, last]
            ).map { point($0, date: $0["until"]) }
            found.contractsEnding = try Row.fetchAll(
                db,
                sql: openPoints(
                    ", a.contract_to, o.name AS operator_name",
                    joins: "JOIN assignment a ON a.point_id = p.id AND \(RegistrySQL.inForce("a", on: "?1")) JOIN operator o ON o.id = a.operator_id",
                    where: "AND a.contract_to BETWEEN ?1 AND ?2 ORDER BY a.contract_to, p.code"),
                arguments: [d, last]
            ).map { point($0, date: $0["contract_to"], operatorName: $0["operator_name"]) }
            // Operators running a point today, with the months they were paid and their retirement.
            let usage = try Self.paidMonths(db, except: nil)
            let overrides = try Self.retirementOverrides(db)
            let cap = try? Self.policy(db, on: today).maxMonths
            let thisMonth = today.monthValue
            let running = try Row.fetchAll(
                db,
                sql: """
                    SELECT o.*, p.code AS point_code, p.name AS point_name FROM assignment a
                    JOIN operator o ON o.id = a.operator_id JOIN point p ON p.id = a.point_id
                    WHERE \(RegistrySQL.inForce("a", on: "?1")) ORDER BY o.name, o.id
                    """, arguments: [d])
            var seen: Set<Int64> = []
            for row in running {
                let person = try Operator(row: row)
                guard seen.insert(person.id!).inserted else { continue }
                let entry = AttentionOperator(
                    id: person.id!, name: person.name, idNumber: person.idNumber, pointCode: row["point_code"], pointName: row["point_name"],
                    monthsUsed: usage[person.id!]?.months ?? 0, monthsCap: cap, retirement: Self.retirementMonth(person, overrides: overrides))
                if let cap, cap - entry.monthsUsed <= months { found.nearCap.append(entry) }
                if (0...months).contains(thisMonth.months(to: entry.retirement)) { found.nearRetirement.append(entry) }
            }
            found.nearRetirement.sort { ($0.retirement, $0.name) < ($1.retirement, $1.name) }
            return found
        }
    }
}
