import Foundation
import GRDB

/// One point's decision for one month.
public struct PointDecision: Sendable {
    public var pointId: Int64
    public var pointCode: String
    public var operatorId: Int64?
    public var operatorDays = 0
    public var outcomes: [RuleOutcome]
    public var monthsBefore: Int
    public var amount: Fen
    /// Point and operator details as they stood, for the roster (JSON).
    public var snapshot: String
    /// The inputs the rules used, in the canonical form the run's inputs hash is taken over.
    var canonical: String

    public var eligible: Bool { outcomes.allSatisfy(\.passed) }
    public var failing: [SubsidyRule] { outcomes.filter { !$0.passed }.map(\.rule) }
}

/// Everything the month's check reads, gathered once.
struct SubsidyInputs {
    struct PointInput {
        var id: Int64
        var code: String
        var name: String
        var planYear: Int?
        var townName: String
        var villageName: String
        var operatingDays: Int
        var verification: (ref: String, on: LocalDate)?
        var activity: (parcels: Int, purchases: Int)
        var assignments: [(Assignment, days: Int)]
    }

    struct Usage {
        var months = 0
        var first: Month?
    }

    var month: Month
    var points: [PointInput]
    var operators: [Int64: Operator]
    var overrides: [Int64: Month]
    var usage: [Int64: Usage]
    var otherPosts: [String: [String]]
}

extension AppDatabase {
    /// Days of `month` within [start, end) (end open).
    static func daysIn(_ month: Month, from start: LocalDate, to end: LocalDate?) -> Int {
        let first = max(start, month.firstDay)
        let lastPlusOne = min(end ?? month.lastDay.adding(days: 1), month.lastDay.adding(days: 1))
        return max(0, lastPlusOne.dayNumber - first.dayNumber)
    }

    static func gatherInputs(_ db: Database, month: Month) throws -> SubsidyInputs {
        let first = month.firstDay.description
        let last = month.lastDay.description
        let next = month.adding(months: 1).firstDay.description
        // Points that existed by the month's end and were not closed before it began, with the
        // month's activity counted through the (point, time) indexes.
        let pointRows = try Row.fetchAll(
            db,
            sql: """
                SELECT p.id, p.code, p.name, p.plan_year, t.name AS town_name, v.name AS village_name,
                  (SELECT count(*) FROM parcel x WHERE x.point_id = p.id AND x.arrived_at >= ?3 AND x.arrived_at < ?4) AS parcels,
                  (SELECT count(*) FROM purchase y WHERE y.point_id = p.id AND y.on_date BETWEEN ?3 AND ?1) AS purchases
                FROM point p JOIN division v ON v.id = p.village_id JOIN division t ON t.id = v.parent_id
                WHERE (SELECT min(on_date) FROM point_status s WHERE s.point_id = p.id) <= ?1
                  AND coalesce((SELECT s.status FROM point_status s WHERE s.point_id = p.id AND s.on_date < ?2
                                ORDER BY s.on_date DESC, s.id DESC LIMIT 1), '') <> 'closed'
                ORDER BY p.code
                """, arguments: [last, first, first, next])
        var historyByPoint: [Int64: [(LocalDate, PointStatus)]] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT point_id, on_date, status FROM point_status WHERE on_date <= ? ORDER BY point_id, on_date, id", arguments: [last]) {
            historyByPoint[row["point_id"], default: []].append((row["on_date"], row["status"]))
        }
        var assignmentsByPoint: [Int64: [Assignment]] = [:]
        for a in try Assignment.fetchAll(
            db, sql: "SELECT * FROM assignment WHERE started_on <= ? AND (ended_on IS NULL OR ended_on > ?) ORDER BY started_on, id",
            arguments: [last, first])
        {
            assignmentsByPoint[a.pointId, default: []].append(a)
        }
        var verification: [Int64: (String, LocalDate)] = [:]
        for row in try Row.fetchAll(
            db,
            sql: """
                SELECT point_id, hr_ref, verified_on FROM point_verification
                WHERE verified_on <= ? AND (valid_until IS NULL OR valid_until >= ?) ORDER BY verified_on, id
                """, arguments: [last, first])
        {
            verification[row["point_id"]] = (row["hr_ref"], row["verified_on"])
        }
        let operatorIds = Set(assignmentsByPoint.values.flatMap { $0.map(\.operatorId) })
        var operators: [Int64: Operator] = [:]
        for o in try Operator.fetchAll(db, keys: Array(operatorIds)) { operators[o.id!] = o }
        var overrides: [Int64: Month] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT operator_id, retirement_month FROM retirement_override") {
            overrides[row["operator_id"]] = row["retirement_month"]
        }
        // Months used before this one: finalized eligible months the bureau did not reject,
        // plus the opening balance.
        var usage: [Int64: SubsidyInputs.Usage] = [:]
        for row in try Row.fetchAll(
            db,
            sql: """
                SELECT r.operator_id, count(*) AS months, min(s.month) AS first FROM subsidy_result r
                JOIN subsidy_run s ON s.id = r.run_id
                WHERE s.status = 'final' AND s.month < ? AND r.eligible = 1
                  AND NOT EXISTS (SELECT 1 FROM hr_decision h WHERE h.run_id = s.id AND h.operator_id = r.operator_id AND h.approved = 0)
                GROUP BY r.operator_id
                """, arguments: [month.description])
        {
            usage[row["operator_id"]] = .init(months: row["months"], first: row["first"])
        }
        for row in try Row.fetchAll(db, sql: "SELECT operator_id, months, first_month FROM opening_balance WHERE as_of_month < ?", arguments: [month.description]) {
            var u = usage[row["operator_id"], default: .init()]
            u.months += row["months"] as Int
            let f: Month = row["first_month"]
            u.first = u.first.map { min($0, f) } ?? f
            usage[row["operator_id"]] = u
        }
        var otherPosts: [String: [String]] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT id_number, department FROM other_post WHERE month = ? ORDER BY department", arguments: [month.description]) {
            otherPosts[row["id_number"], default: []].append(row["department"])
        }
        let points = pointRows.map { row -> SubsidyInputs.PointInput in
            let id: Int64 = row["id"]
            // Operating days: each day takes the status of the latest change on or before it.
            var operating = 0
            let history = historyByPoint[id] ?? []
            for day in 0..<month.dayCount {
                let date = month.firstDay.adding(days: day)
                if history.last(where: { $0.0 <= date })?.1 == .operating { operating += 1 }
            }
            let assignments: [(Assignment, days: Int)] = (assignmentsByPoint[id] ?? []).map { a in
                (a, days: daysIn(month, from: a.startedOn, to: a.endedOn))
            }
            let code: String = row["code"]
            let name: String = row["name"]
            let planYear: Int? = row["plan_year"]
            let town: String = row["town_name"]
            let village: String = row["village_name"]
            let counts: (Int, Int) = (row["parcels"], row["purchases"])
            let verified: (ref: String, on: LocalDate)? = verification[id].map { (ref: $0.0, on: $0.1) }
            return SubsidyInputs.PointInput(
                id: id, code: code, name: name, planYear: planYear, townName: town, villageName: village, operatingDays: operating,
                verification: verified, activity: (parcels: counts.0, purchases: counts.1), assignments: assignments)
        }
        return SubsidyInputs(month: month, points: points, operators: operators, overrides: overrides, usage: usage, otherPosts: otherPosts)
    }

    /// The retirement month that applies: the recorded override, else the statutory one.
    static func retirementMonth(_ person: Operator, overrides: [Int64: Month]) -> Month {
        overrides[person.id!] ?? Retirement.month(born: person.residentID.birthDate.monthValue, group: person.retirementGroup)
    }

    /// Applies every rule to every point; every failing rule is listed, not just the first.
    /// A point with no operator in the month is not tested on the operator's rules.
    static func decide(_ inputs: SubsidyInputs, policy: Policy) -> [PointDecision] {
        let month = inputs.month
        let accepted = policy.acceptedCategories
        var decisions = inputs.points.map { point -> PointDecision in
            var outcomes: [RuleOutcome] = []
            func add(_ rule: SubsidyRule, _ passed: Bool, _ evidence: [(String, String)]) {
                outcomes.append(RuleOutcome(rule: rule, passed: passed, evidence: evidence))
            }
            add(.pointNotInPlan, point.planYear.map { $0 <= month.year } ?? false, [("plan_year", point.planYear.map(String.init) ?? "")])
            add(.pointNotVerified, point.verification != nil,
                [("hr_ref", point.verification?.ref ?? ""), ("verified_on", point.verification?.on.description ?? "")])
            add(.pointNotOperating, point.operatingDays >= policy.minOperatingDays,
                [("operating_days", String(point.operatingDays)), ("minimum", String(policy.minOperatingDays))])
            // The month goes to the operator assigned the most days of it (the later one on a tie).
            let chosen = point.assignments.max { a, b in a.days < b.days || (a.days == b.days && a.0.startedOn < b.0.startedOn) }
            let person = chosen.flatMap { inputs.operators[$0.0.operatorId] }
            add(.operatorMissing, person != nil, [("operator", person?.name ?? ""), ("days", String(chosen?.days ?? 0))])
            var canonical = JSONWriter()
            canonical.beginObject()
            canonical.field("point", point.code)
            canonical.field("plan_year", point.planYear.map(String.init) ?? "")
            canonical.field("hr_ref", point.verification?.ref ?? "")
            canonical.key("operating_days")
            canonical.number(point.operatingDays)
            canonical.key("parcels")
            canonical.number(point.activity.parcels)
            canonical.key("purchases")
            canonical.number(point.activity.purchases)
            var snapshot = JSONWriter()
            snapshot.beginObject()
            snapshot.field("point_code", point.code)
            snapshot.field("point_name", point.name)
            snapshot.field("town", point.townName)
            snapshot.field("village", point.villageName)
            var monthsBefore = 0
            if let person, let assignment = chosen?.0 {
                let isAccepted = person.difficulty.map { accepted.contains($0) } ?? false
                let certified = person.certifiedOn.map { $0 <= month.lastDay } ?? false
                add(.noDifficultyCert, isAccepted && certified,
                    [("difficulty", person.difficulty?.rawValue ?? ""), ("certificate_no", person.certificateNo ?? ""),
                     ("certified_on", person.certifiedOn?.description ?? "")])
                // The contract must cover every day the operator was assigned in the month.
                let from = max(assignment.startedOn, month.firstDay)
                let to = min(assignment.endedOn?.adding(days: -1) ?? month.lastDay, month.lastDay)
                let covered = assignment.contractFrom.map { $0 <= from } == true && (assignment.contractTo.map { $0 >= to } ?? true)
                add(.noContract, covered,
                    [("contract_type", assignment.contractType?.rawValue ?? ""), ("contract_from", assignment.contractFrom?.description ?? ""),
                     ("contract_to", assignment.contractTo?.description ?? "")])
                let retirement = retirementMonth(person, overrides: inputs.overrides)
                add(.retired, month < retirement, [("retirement_month", retirement.description), ("month", month.description)])
                let usage = inputs.usage[person.id!] ?? .init()
                monthsBefore = usage.months
                let firstMonth = usage.first ?? month
                let nearRetirement = firstMonth.months(to: retirement) < policy.nearRetirementWindow
                add(.monthsExhausted, usage.months < policy.maxMonths || nearRetirement,
                    [("months_used", String(usage.months)), ("maximum", String(policy.maxMonths)), ("first_month", firstMonth.description),
                     ("months_first_to_retirement", String(firstMonth.months(to: retirement)))])
                let elsewhere = inputs.otherPosts[person.idNumber] ?? []
                add(.doublePost, elsewhere.isEmpty, [("other_posts", elsewhere.joined(separator: ","))])
                canonical.field("id_number", person.idNumber)
                canonical.key("days")
                canonical.number(chosen!.days)
                canonical.field("difficulty", person.difficulty?.rawValue ?? "")
                canonical.field("certified_on", person.certifiedOn?.description ?? "")
                canonical.field(
                    "contract",
                    "\(assignment.contractType?.rawValue ?? "")/\(assignment.contractFrom?.description ?? "")/\(assignment.contractTo?.description ?? "")")
                canonical.field("retirement_month", retirement.description)
                canonical.key("months_used")
                canonical.number(usage.months)
                canonical.field("first_month", firstMonth.description)
                canonical.field("other_posts", elsewhere.joined(separator: ","))
                snapshot.field("operator_name", person.name)
                snapshot.field("id_number", person.idNumber)
                snapshot.field("phone", person.phone)
                snapshot.field("sex", person.residentID.sex.rawValue)
                snapshot.field("difficulty", person.difficulty?.rawValue ?? "")
                snapshot.field("contract_type", assignment.contractType?.rawValue ?? "")
                snapshot.field("contract_from", assignment.contractFrom?.description ?? "")
                snapshot.field("contract_to", assignment.contractTo?.description ?? "")
            }
            // With no operator, the rules about the operator do not apply and are not listed.
            let total = point.activity.parcels + point.activity.purchases
            add(.lowActivity, total >= policy.minMonthlyActivity,
                [("parcels", String(point.activity.parcels)), ("purchases", String(point.activity.purchases)),
                 ("minimum", String(policy.minMonthlyActivity))])
            canonical.endObject()
            snapshot.endObject()
            return PointDecision(
                pointId: point.id, pointCode: point.code, operatorId: person?.id, operatorDays: chosen?.days ?? 0, outcomes: outcomes,
                monthsBefore: monthsBefore, amount: .zero, snapshot: snapshot.text, canonical: canonical.text)
        }
        // One person, one subsidised post: where a person would be paid at two points, the
        // point with more of their days keeps them (the lower code on a tie).
        let candidates = decisions.indices.filter { decisions[$0].operatorId != nil }
        for (operatorId, indexes) in Dictionary(grouping: candidates, by: { decisions[$0].operatorId! }) where indexes.count > 1 {
            let keep = indexes.max { a, b in
                decisions[a].operatorDays < decisions[b].operatorDays
                    || (decisions[a].operatorDays == decisions[b].operatorDays && decisions[a].pointCode > decisions[b].pointCode)
            }!
            for i in indexes where i != keep {
                if let r = decisions[i].outcomes.firstIndex(where: { $0.rule == .doublePost }) {
                    decisions[i].outcomes[r].passed = false
                    decisions[i].outcomes[r].evidence.append(("other_point", decisions[keep].pointCode))
                }
            }
            _ = operatorId
        }
        for i in decisions.indices where decisions[i].eligible { decisions[i].amount = policy.monthlyAmount }
        return decisions
    }

    /// Runs the month's check and records it as a new draft run; returns the run's id.
    ///
    /// The run keeps the sha256 of the policy values (`key=value` lines in key order) and of
    /// its inputs: one compact JSON line per point, in point-code order, holding what the
    /// rules read (plan year, HR reference, operating days, activity, and for the operator:
    /// ID number, days, difficulty, certification, contract, retirement month, months used,
    /// first month, other posts).
    public func runSubsidyCheck(month: Month, context: ChangeContext) throws -> SubsidyRunInfo {
        if month > context.today.monthValue { throw SubsidyError.monthInFuture(month) }
        return try write { db in
            let policy = try Self.policy(db, on: month.firstDay)
            let inputs = try Self.gatherInputs(db, month: month)
            if inputs.points.isEmpty { throw SubsidyError.nothingToCheck(month) }
            let decisions = Self.decide(inputs, policy: policy)
            let canonical = decisions.map(\.canonical).joined(separator: "\n") + "\n"
            var run = SubsidyRun(
                month: month, createdAt: context.timestamp, clerk: context.clerk, policySha256: Digest.sha256(text: policy.canonical),
                inputsSha256: Digest.sha256(text: canonical), status: .draft)
            try run.insert(db)
            let insert = try db.makeStatement(
                sql: """
                    INSERT INTO subsidy_result (run_id, point_id, operator_id, eligible, amount_fen, months_before, months_including, rules, snapshot)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """)
            for d in decisions {
                try insert.execute(arguments: [
                    run.id, d.pointId, d.operatorId, d.eligible, d.amount.value, d.monthsBefore, d.monthsBefore + (d.eligible ? 1 : 0),
                    RuleOutcome.serialize(d.outcomes), d.snapshot,
                ])
            }
            try db.audit(
                "subsidy.check", AuditSubject(),
                after: .object([("run", .number(String(run.id!))), ("month", .string(month.description)),
                                ("points", .number(String(decisions.count))), ("eligible", .number(String(decisions.filter(\.eligible).count)))]),
                context: context)
            return SubsidyRunInfo(run: run, points: decisions.count, eligible: decisions.filter(\.eligible).count,
                                  total: Fen(decisions.reduce(0) { $0 + $1.amount.value }))
        }
    }
}
