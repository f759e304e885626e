import Foundation
import GRDB

/// One point's decision for one month.
public struct PointDecision: Sendable {
    public var pointId: Int64
    public var pointCode: String
    public var operatorId: Int64?
    public var operatorDays = 0
    /// Set when the point is not checked this month: it is stored with this reason, no rules.
    public var outOfScope: ScopeReason?
    public var outcomes: [RuleOutcome]
    public var monthsBefore: Int
    public var amount: Fen
    /// Point and operator details as they stood, for the roster (JSON, as UTF-8).
    public var snapshot: [UInt8]
    /// The inputs the rules used, in the canonical form the run's inputs hash is taken over
    /// (UTF-8 bytes of one compact JSON line).
    var canonical: [UInt8]

    public var eligible: Bool { outOfScope == nil && outcomes.allSatisfy(\.passed) }
    public var failing: [SubsidyRule] { outcomes.filter { !$0.passed }.map(\.rule) }
}

/// Whether the month's list of other departments' subsidised posts is known.
public enum OtherPostsState: String, Sendable {
    /// Loaded from the departments' file.
    case loaded
    /// Recorded as empty (`subsidy other-posts none`).
    case recordedNone = "none"
    /// Neither: the double-post rule cannot pass.
    case missing
    /// Missing, and the clerk ran the check without it, with a reason recorded on the run.
    case waived
}

/// Everything the month's check reads, gathered once.
struct SubsidyInputs {
    /// One assignment clipped to the month: its first and last counted day (both included).
    struct Stint {
        var assignment: Assignment
        var first: LocalDate
        var last: LocalDate
        var days: Int { last.dayNumber - first.dayNumber + 1 }
    }

    struct Verification {
        var ref: String
        var on: LocalDate
        var until: LocalDate?
    }

    struct PointInput {
        var id: Int64
        var code: String
        var villageCode: DivisionCode
        var name: String
        var planYear: Int?
        var townName: String
        var villageName: String
        var outOfScope: ScopeReason?
        var operatingDays: Int
        /// The days of the month the point was operating, as ranges (both ends included).
        var operating: [(LocalDate, LocalDate)]
        var verifications: [Verification]
        /// Parcels and purchases on the days it was operating: what the activity rule counts.
        var activity: (parcels: Int, purchases: Int)
        /// Parcels and purchases of the month on days it was not operating, left out of `activity`.
        var leftOut = 0
        /// Every assignment of the month, in start order.
        var stints: [Stint]
    }

    /// Months the person was paid in any other month (final, not rejected), plus the opening balance.
    struct Usage {
        var months = 0
        var first: Month?
        var balanceAsOf: Month?
        /// False when an opening balance of months did not state its first month: the
        /// near-retirement exception then cannot be granted (its first month is not known).
        var firstKnown = true
        /// The latest month a final run paid (not the balance).
        var lastPaid: Month?
    }

    var month: Month
    var points: [PointInput]
    var operators: [Int64: Operator]
    var overrides: [Int64: Month]
    var usage: [Int64: Usage]
    var otherPosts: [String: [String]]
    var otherPostsState: OtherPostsState
}

extension AppDatabase {
    /// What the month's list of other departments' posts is: loaded, recorded empty, or missing.
    static func otherPostsState(_ db: Database, month: Month) throws -> OtherPostsState {
        switch try String.fetchOne(db, sql: "SELECT kind FROM other_post_list WHERE month = ?", arguments: [month]) {
        case "file": .loaded
        case "none": .recordedNone
        default: .missing
        }
    }

    static func gatherInputs(_ db: Database, month: Month, waiveOtherPosts: Bool = false) throws -> SubsidyInputs {
        let first = month.firstDay.description
        let last = month.lastDay.description
        let next = month.adding(months: 1).firstDay.description
        // Every statement here is stepped through SQLite's C API and read by column position, in
        // its SELECT's order (`StatementColumns`; `SELECT *` gives the table's order): no `Row`
        // is built and no column name looked up per row.
        var historyByPoint: [Int64: [(LocalDate, PointStatus)]] = [:]
        for (point, on, status) in try db.makeStatement(
            sql: "SELECT point_id, on_date, status FROM point_status WHERE on_date <= ? ORDER BY point_id, on_date, id"
        ).rows({ $0(last) }, read: { c in (c[0, "point_id"] as Int64?, c[1, "on_date"] as LocalDate?, c[2, "status"] as PointStatus?) }) {
            historyByPoint[point!, default: []].append((on!, status!))
        }
        // The month's assignments, and their operators.
        let current = RegistrySQL.inForce(from: "?2", to: "?1")
        var assignmentsByPoint: [Int64: [Assignment]] = [:]
        for a in try db.makeStatement(sql: "SELECT * FROM assignment WHERE \(current) ORDER BY started_on, id").rows(
            {
                $0(last); $0(first)
            }, read: Assignment.init(columns:))
        {
            assignmentsByPoint[a.pointId, default: []].append(a)
        }
        var operators: [Int64: Operator] = [:]
        for o in try db.makeStatement(sql: "SELECT * FROM operator WHERE id IN (SELECT operator_id FROM assignment WHERE \(current))").rows(
            {
                $0(last); $0(first)
            }, read: Operator.init(columns:))
        {
            operators[o.id!] = o
        }
        var verifications: [Int64: [SubsidyInputs.Verification]] = [:]
        for (point, verification) in try db.makeStatement(
            sql: """
                SELECT point_id, hr_ref, verified_on, valid_until FROM point_verification
                WHERE verified_on <= ? AND (valid_until IS NULL OR valid_until >= ?) ORDER BY point_id, verified_on, id
                """
        ).rows(
            {
                $0(last); $0(first)
            },
            read: { c in
                (c[0, "point_id"] as Int64?, SubsidyInputs.Verification(ref: c[1, "hr_ref"]!, on: c[2, "verified_on"]!, until: c[3, "valid_until"]))
            })
        {
            verifications[point!, default: []].append(verification)
        }
        let overrides = try retirementOverrides(db)
        let usage = try paidMonths(db, except: month)
        var otherPosts: [String: [String]] = [:]
        for (idNumber, department) in try db.makeStatement(sql: "SELECT id_number, department FROM other_post WHERE month = ? ORDER BY department")
            .rows({ $0(month.description) }, read: { c in (c[0, "id_number"] as String?, c[1, "department"] as String?) })
        {
            otherPosts[idNumber!, default: []].append(department!)
        }
        var otherPostsState = try otherPostsState(db, month: month)
        if otherPostsState == .missing && waiveOtherPosts { otherPostsState = .waived }
        // Every point in the registry, with where its history begins, its status before the
        // month, and the month's activity counted through the (point, time) indexes.
        var points = try db.makeStatement(
            sql: """
                SELECT p.id, p.code, p.name, p.plan_year, v.code AS village_code, t.name AS town_name, v.name AS village_name,
                  (SELECT min(on_date) FROM point_status s WHERE s.point_id = p.id) AS first_on,
                  (SELECT s.status FROM point_status s WHERE s.point_id = p.id AND s.on_date < ?2
                     ORDER BY s.on_date DESC, s.id DESC LIMIT 1) AS status_before,
                  (SELECT count(*) FROM parcel x WHERE x.point_id = p.id AND x.arrived_at >= ?2 AND x.arrived_at < ?3) AS parcels,
                  (SELECT count(*) FROM purchase y WHERE y.point_id = p.id AND y.on_date BETWEEN ?2 AND ?1) AS purchases
                FROM point p JOIN division v ON v.id = p.village_id JOIN division t ON t.id = v.parent_id
                ORDER BY p.code
                """
        ).rows({
            $0(last); $0(first); $0(next)
        }) { c -> SubsidyInputs.PointInput in
            let id: Int64 = c[0, "id"]!
            // Operating days: each day takes the status of the latest change on or before it.
            var operating = 0
            var ranges: [(LocalDate, LocalDate)] = []
            let history = historyByPoint[id] ?? []
            for day in 0..<month.dayCount {
                let date = month.firstDay.adding(days: day)
                guard history.last(where: { $0.0 <= date })?.1 == .operating else { continue }
                operating += 1
                if let last = ranges.last, last.1.adding(days: 1) == date { ranges[ranges.count - 1].1 = date } else { ranges.append((date, date)) }
            }
            let firstOn: LocalDate? = c[7, "first_on"]
            let statusBefore: PointStatus? = c[8, "status_before"]
            let scope: ScopeReason? =
                if firstOn.map({ $0 > month.lastDay }) ?? true { .registeredAfterMonth } else if statusBefore == .closed {
                    .closedBeforeMonth
                } else if operating == 0 { .notOperatingInMonth } else { nil }
            let stints = (assignmentsByPoint[id] ?? []).map { a in
                SubsidyInputs.Stint(
                    assignment: a, first: max(a.startedOn, month.firstDay),
                    last: min(a.endedOn?.adding(days: -1) ?? month.lastDay, month.lastDay))
            }.filter { $0.first <= $0.last }
            return SubsidyInputs.PointInput(
                id: id, code: c[1, "code"]!, villageCode: DivisionCode(trusted: c[4, "village_code"]!), name: c[2, "name"]!,
                planYear: c[3, "plan_year"], townName: c[5, "town_name"]!, villageName: c[6, "village_name"]!, outOfScope: scope,
                operatingDays: operating, operating: ranges, verifications: verifications[id] ?? [],
                activity: (parcels: c[9, "parcels"]!, purchases: c[10, "purchases"]!), stints: stints)
        }
        // Parcels and purchases dated on a day the point was not operating are no sign of its
        // work (a ledger showing business on closed days is one of invented business): they are
        // left out of the activity counted, day by day where the point was not open all month.
        let parcelDays = try db.makeStatement(
            sql: "SELECT substr(arrived_at, 1, 10), count(*) FROM parcel WHERE point_id = ? AND arrived_at >= ? AND arrived_at < ? GROUP BY 1")
        let purchaseDays = try db.makeStatement(
            sql: "SELECT on_date, count(*) FROM purchase WHERE point_id = ? AND on_date BETWEEN ? AND ? GROUP BY 1")
        for i in points.indices where points[i].outOfScope == nil && points[i].operatingDays < month.dayCount {
            let point = points[i]
            guard point.activity.parcels + point.activity.purchases > 0 else { continue }
            func offDays(_ statement: Statement, _ end: String) throws -> Int {
                try statement.rows(
                    {
                        $0(point.id); $0(first); $0(end)
                    }, read: { c in (c[0, "day"] as LocalDate?, c[1, "count"] as Int?) }
                )
                .reduce(0) { sum, day in
                    point.operating.contains { $0.0 <= day.0! && day.0! <= $0.1 } ? sum : sum + day.1!
                }
            }
            let parcels = try offDays(parcelDays, next)
            let purchases = try offDays(purchaseDays, last)
            points[i].activity = (point.activity.parcels - parcels, point.activity.purchases - purchases)
            points[i].leftOut = parcels + purchases
        }
        return SubsidyInputs(
            month: month, points: points, operators: operators, overrides: overrides, usage: usage, otherPosts: otherPosts,
            otherPostsState: otherPostsState)
    }

    /// Months each person was paid: final, not-rejected eligible results of every month but
    /// `except` (in whatever order the months were checked and finalized), plus the opening
    /// balance. The first paid month is the earliest of these.
    static func paidMonths(_ db: Database, except month: Month?) throws -> [Int64: SubsidyInputs.Usage] {
        var usage: [Int64: SubsidyInputs.Usage] = [:]
        for (id, paid) in try db.makeStatement(
            sql: """
                SELECT r.operator_id, count(*) AS months, min(s.month) AS first, max(s.month) AS last \(paidResults) AND s.month IS NOT ?
                GROUP BY r.operator_id
                """
        ).rows(
            { $0(month?.description) },
            read: { c in
                (c[0, "operator_id"] as Int64?, SubsidyInputs.Usage(months: c[1, "months"]!, first: c[2, "first"], lastPaid: c[3, "last"]))
            })
        {
            usage[id!] = paid
        }
        for (id, months, firstMonth, asOf, stated) in try db.makeStatement(
            sql: "SELECT operator_id, months, first_month, as_of_month, first_month_stated FROM opening_balance"
        ).rows(read: { c in
            (
                c[0, "operator_id"] as Int64?, c[1, "months"] as Int?, c[2, "first_month"] as Month?, c[3, "as_of_month"] as Month?,
                c[4, "first_month_stated"] as Bool?
            )
        }) {
            var u = usage[id!, default: .init()]
            u.balanceAsOf = asOf
            // A balance of no months says nothing about a first month.
            if months! > 0 {
                u.months += months!
                u.first = u.first.map { min($0, firstMonth!) } ?? firstMonth!
                u.firstKnown = stated!
            }
            usage[id!] = u
        }
        return usage
    }

    /// The results that paid someone: eligible in a final run, not rejected by the bureau
    /// (`FROM … WHERE …`, for more conditions with `AND`; `r` the result, `s` its run).
    static let paidResults = """
        FROM subsidy_result r JOIN subsidy_run s ON s.id = r.run_id
        WHERE s.status = 'final' AND r.eligible = 1
          AND NOT EXISTS (SELECT 1 FROM hr_decision h WHERE h.run_id = s.id AND h.operator_id = r.operator_id AND h.approved = 0)
        """

    /// The retirement month that applies: the recorded override, else the statutory one.
    static func retirementMonth(_ person: Operator, overrides: [Int64: Month]) -> Month {
        overrides[person.id!] ?? Retirement.month(born: person.residentID.birthDate.monthValue, group: person.retirementGroup)
    }

    /// How many of the days in `ranges` lie in at least one of `periods` (ends included; an
    /// open end holds on).
    static func coveredDays(_ ranges: [(LocalDate, LocalDate)], by periods: [(LocalDate, LocalDate?)]) -> Int {
        var covered = 0
        for (from, to) in ranges {
            for n in from.dayNumber...to.dayNumber where periods.contains(where: { $0.0.dayNumber <= n && ($0.1.map { n <= $0.dayNumber } ?? true) })
            {
                covered += 1
            }
        }
        return covered
    }

    /// `2026-10-01..2026-10-10,2026-10-21..2026-10-31`
    static func rangesText(_ ranges: [(LocalDate, LocalDate)]) -> String {
        ranges.map { "\($0.0)..\($0.1)" }.joined(separator: ",")
    }

    /// Applies every rule to every point in scope; every failing rule is listed, not just the
    /// first. A point with no operator in the month is not tested on the operator's rules.
    /// Conflicts between posts are resolved only after each point's own rules are decided.
    static func decide(_ inputs: SubsidyInputs, policy: Policy) -> [PointDecision] {
        let month = inputs.month
        let accepted = policy.acceptedCategories
        let coverage = policy.factCoverage
        func holds(_ covered: Int, of total: Int) -> Bool { coverage == .allDays ? covered == total && total > 0 : covered > 0 }
        var decisions = inputs.points.map { point -> PointDecision in
            var snapshot = JSONWriter(capacity: 512)
            snapshot.beginObject()
            snapshot.field("point_code", point.code)
            snapshot.field("point_name", point.name)
            snapshot.field("town", point.townName)
            snapshot.field("village", point.villageName)
            var canonical = JSONWriter(capacity: 768)
            canonical.beginObject()
            canonical.field("point", point.code)
            if let scope = point.outOfScope {
                canonical.field("out_of_scope", scope.rawValue)
                canonical.endObject()
                snapshot.endObject()
                return PointDecision(
                    pointId: point.id, pointCode: point.code, outOfScope: scope, outcomes: [], monthsBefore: 0, amount: .zero,
                    snapshot: snapshot.bytes, canonical: canonical.bytes)
            }
            var outcomes: [RuleOutcome] = []
            func add(_ rule: SubsidyRule, _ passed: Bool, _ evidence: [(String, String)]) {
                outcomes.append(RuleOutcome(rule: rule, passed: passed, evidence: evidence))
            }
            // The month goes to the operator with the most days, summed over their stints; a
            // tie is decided by the policy's tie rule.
            var byOperator: [(id: Int64, stints: [SubsidyInputs.Stint], days: Int)] = []
            for stint in point.stints {
                if let i = byOperator.firstIndex(where: { $0.id == stint.assignment.operatorId }) {
                    byOperator[i].stints.append(stint)
                    byOperator[i].days += stint.days
                } else {
                    byOperator.append((stint.assignment.operatorId, [stint], stint.days))
                }
            }
            let most = byOperator.map(\.days).max() ?? 0
            let tied = byOperator.filter { $0.days == most }
            let chosen: (id: Int64, stints: [SubsidyInputs.Stint], days: Int)? =
                switch policy.tieRule {
                case .lastDay: tied.max { $0.stints.last!.last < $1.stints.last!.last }
                case .earlierStart: tied.min { $0.stints[0].first < $1.stints[0].first }
                case .laterStart: tied.max { $0.stints[0].first < $1.stints[0].first }
                }
            let person = chosen.flatMap { inputs.operators[$0.id] }
            let counted: [(LocalDate, LocalDate)] = chosen?.stints.map { ($0.first, $0.last) } ?? [(month.firstDay, month.lastDay)]
            let countedTotal = counted.reduce(0) { $0 + $1.1.dayNumber - $1.0.dayNumber + 1 }
            let countedText = rangesText(counted)

            add(.pointNotInPlan, point.planYear.map { $0 <= month.year } ?? false, [("plan_year", point.planYear.map(String.init) ?? "")])
            add(
                .pointNotRural, !policy.requireRural || point.villageCode.isRuralVillage,
                [("village_code", point.villageCode.rawValue), ("require_rural", policy.requireRural ? "1" : "0")])
            let verifiedDays = coveredDays(counted, by: point.verifications.map { ($0.on, $0.until) })
            let shown = point.verifications.last
            add(
                .pointNotVerified, holds(verifiedDays, of: countedTotal),
                [
                    ("hr_ref", shown?.ref ?? ""), ("verified_on", shown?.on.description ?? ""), ("valid_until", shown?.until?.description ?? ""),
                    ("days_counted", countedText), ("days_covered", String(verifiedDays)), ("coverage", coverage.rawValue),
                ])
            add(
                .pointNotOperating, point.operatingDays >= policy.minOperatingDays,
                [("operating_days", String(point.operatingDays)), ("minimum", String(policy.minOperatingDays))])
            var missing: [(String, String)] = [("operator", person?.name ?? ""), ("days", String(chosen?.days ?? 0))]
            if byOperator.count > 1 {
                missing.append(("operators", byOperator.map { "\(inputs.operators[$0.id]?.name ?? ""):\($0.days)" }.joined(separator: ",")))
            }
            if tied.count > 1 { missing.append(("tie_rule", policy.tieRule.rawValue)) }
            add(.operatorMissing, person != nil, missing)

            canonical.field("village", point.villageCode.rawValue)
            canonical.field("name", point.name)
            canonical.field("plan_year", point.planYear.map(String.init) ?? "")
            canonical.field("verifications", point.verifications.map { "\($0.ref)/\($0.on)/\($0.until?.description ?? "")" }.joined(separator: ";"))
            canonical.key("operating_days")
            canonical.number(point.operatingDays)
            // Which days: the activity counted is that of these days alone.
            canonical.field("operating", rangesText(point.operating))
            canonical.key("parcels")
            canonical.number(point.activity.parcels)
            canonical.key("purchases")
            canonical.number(point.activity.purchases)
            canonical.key("not_operating_days_left_out")
            canonical.number(point.leftOut)
            // Every operator of the month with their stints and contracts: who gets the month
            // depends on all of them.
            canonical.field(
                "operators",
                point.stints.map { s in
                    let a = s.assignment
                    return "\(inputs.operators[a.operatorId]?.idNumber ?? "")/\(s.first)..\(s.last)/\(a.contractType?.rawValue ?? "")/"
                        + "\(a.contractFrom?.description ?? "")/\(a.contractTo?.description ?? "")"
                }.joined(separator: ";"))
            var monthsBefore = 0
            if let person, let chosen {
                let certified = person.certifiedOn
                let certDays = certified.map { coveredDays(counted, by: [($0, nil)]) } ?? 0
                let isAccepted = person.difficulty.map { accepted.contains($0) } ?? false
                var certEvidence: [(String, String)] = [
                    ("difficulty", person.difficulty?.rawValue ?? ""), ("certificate_no", person.certificateNo ?? ""),
                    ("certified_on", certified?.description ?? ""), ("days_counted", countedText),
                    ("days_covered", String(certDays)), ("coverage", coverage.rawValue),
                ]
                // 4050: a woman of 40 or more, a man of 50 or more, on the day of certification.
                var ageHolds = true
                if person.difficulty == .age4050, let certified {
                    ageHolds = person.residentID.meets4050(on: certified)
                    certEvidence.append(("meets_4050", ageHolds ? "yes" : "no"))
                }
                add(.noDifficultyCert, isAccepted && ageHolds && holds(certDays, of: countedTotal), certEvidence)
                // Each stint's own contract must cover its days.
                let contractDays = chosen.stints.reduce(0) { sum, s in
                    guard let from = s.assignment.contractFrom else { return sum }
                    return sum + coveredDays([(s.first, s.last)], by: [(from, s.assignment.contractTo)])
                }
                let latest = chosen.stints.last!.assignment
                add(
                    .noContract, holds(contractDays, of: countedTotal),
                    [
                        ("contract_type", latest.contractType?.rawValue ?? ""), ("contract_from", latest.contractFrom?.description ?? ""),
                        ("contract_to", latest.contractTo?.description ?? ""), ("days_counted", countedText),
                        ("days_covered", String(contractDays)), ("coverage", coverage.rawValue),
                    ])
                let retirement = retirementMonth(person, overrides: inputs.overrides)
                add(.retired, month < retirement, [("retirement_month", retirement.description), ("month", month.description)])
                let usage = inputs.usage[person.id!] ?? .init()
                monthsBefore = usage.months
                // If this month is paid, it may itself be the first.
                let firstMonth = min(usage.first ?? month, month)
                // The window is measured to the statutory retirement month (距法定退休年龄不足5年),
                // not to an agreed one, and needs a known first month.
                let statutory = Retirement.month(born: person.residentID.birthDate.monthValue, group: person.retirementGroup)
                let nearRetirement = usage.firstKnown && firstMonth.months(to: statutory) < policy.nearRetirementWindow
                // A month the opening balance already covers was paid outside the registry.
                let inBalance = usage.balanceAsOf.map { month <= $0 } ?? false
                var monthsEvidence: [(String, String)] = [
                    ("months_used", String(usage.months)), ("maximum", String(policy.maxMonths)), ("first_month", firstMonth.description),
                    ("months_first_to_retirement", String(firstMonth.months(to: statutory))),
                ]
                if !usage.firstKnown { monthsEvidence.append(("first_month_stated", "no")) }
                if let asOf = usage.balanceAsOf { monthsEvidence.append(("opening_balance_as_of", asOf.description)) }
                add(.monthsExhausted, !inBalance && (usage.months < policy.maxMonths || nearRetirement), monthsEvidence)
                let elsewhere = inputs.otherPosts[person.idNumber] ?? []
                if inputs.otherPostsState == .missing {
                    add(.otherPostsMissing, false, [("other_posts_list", inputs.otherPostsState.rawValue), ("month", month.description)])
                } else {
                    add(
                        .doublePost, elsewhere.isEmpty,
                        [("other_posts", elsewhere.joined(separator: ",")), ("other_posts_list", inputs.otherPostsState.rawValue)])
                }
                canonical.field("id_number", person.idNumber)
                canonical.key("days")
                canonical.number(chosen.days)
                canonical.field("difficulty", person.difficulty?.rawValue ?? "")
                canonical.field("certified_on", certified?.description ?? "")
                canonical.field("retirement_month", retirement.description)
                canonical.key("months_used")
                canonical.number(usage.months)
                canonical.field("first_month", usage.first?.description ?? "")
                canonical.field("balance_as_of", usage.balanceAsOf?.description ?? "")
                canonical.field("first_month_stated", usage.firstKnown ? "yes" : "no")
                canonical.field("name", person.name)
                canonical.field("phone", person.phone)
                canonical.field("other_posts", elsewhere.joined(separator: ","))
                canonical.field("other_posts_list", inputs.otherPostsState.rawValue)
                snapshot.field("operator_name", person.name)
                snapshot.field("id_number", person.idNumber)
                snapshot.field("phone", person.phone)
                snapshot.field("sex", person.residentID.sex.rawValue)
                snapshot.field("difficulty", person.difficulty?.rawValue ?? "")
                snapshot.field("contract_type", latest.contractType?.rawValue ?? "")
                snapshot.field("contract_from", latest.contractFrom?.description ?? "")
                snapshot.field("contract_to", latest.contractTo?.description ?? "")
            }
            // With no operator, the rules about the operator do not apply and are not listed.
            let total = point.activity.parcels + point.activity.purchases
            var activityEvidence = [
                ("parcels", String(point.activity.parcels)), ("purchases", String(point.activity.purchases)),
                ("minimum", String(policy.minMonthlyActivity)),
            ]
            if point.leftOut > 0 { activityEvidence.append(("not_operating_days_left_out", String(point.leftOut))) }
            add(.lowActivity, total >= policy.minMonthlyActivity, activityEvidence)
            canonical.endObject()
            snapshot.endObject()
            return PointDecision(
                pointId: point.id, pointCode: point.code, operatorId: person?.id, operatorDays: chosen?.days ?? 0, outcomes: outcomes,
                monthsBefore: monthsBefore, amount: .zero, snapshot: snapshot.bytes, canonical: canonical.bytes)
        }
        // One person, one subsidised post. Only posts that would be paid conflict: a post that
        // fails its own rules takes nothing from one that passes. Of the person's payable posts
        // the one with more of their days keeps them (the lower code on a tie).
        let postRules: Set<SubsidyRule> = [.doublePost, .otherPostsMissing]
        let payable = decisions.indices.filter { i in
            decisions[i].operatorId != nil && decisions[i].outOfScope == nil
                && decisions[i].outcomes.allSatisfy { $0.passed || postRules.contains($0.rule) }
        }
        for indexes in Dictionary(grouping: payable, by: { decisions[$0].operatorId! }).values where indexes.count > 1 {
            let keep = indexes.max { a, b in
                decisions[a].operatorDays < decisions[b].operatorDays
                    || (decisions[a].operatorDays == decisions[b].operatorDays && decisions[a].pointCode > decisions[b].pointCode)
            }!
            for i in indexes where i != keep {
                guard let r = decisions[i].outcomes.firstIndex(where: { postRules.contains($0.rule) }) else { continue }
                if decisions[i].outcomes[r].rule == .otherPostsMissing {
                    decisions[i].outcomes.insert(RuleOutcome(rule: .doublePost, passed: false, evidence: []), at: r)
                }
                decisions[i].outcomes[r].passed = false
                decisions[i].outcomes[r].evidence += [
                    ("other_point", decisions[keep].pointCode), ("other_point_days", String(decisions[keep].operatorDays)),
                    ("days", String(decisions[i].operatorDays)),
                ]
            }
        }
        for i in decisions.indices where decisions[i].eligible { decisions[i].amount = policy.monthlyAmount }
        return decisions
    }

    /// The day a check of `month` made `today` counts up to: nil when the month has ended; the
    /// day itself when the policy allows an early check from a day of the month it has reached.
    static func checkAsOf(_ month: Month, today: LocalDate, policy: Policy) throws -> LocalDate? {
        if month > today.monthValue { throw SubsidyError.monthInFuture(month) }
        if today > month.lastDay { return nil }
        guard let day = policy.checkFromDay, today.day >= day else {
            throw SubsidyError.monthNotOver(month, today: today, fromDay: policy.checkFromDay)
        }
        return today
    }

    /// Runs the month's check and records it as a new draft run.
    ///
    /// A month may be checked once it has ended in Asia/Shanghai, or earlier from the policy's
    /// `check_from_day` (the run then records the day it was made). The run keeps the sha256
    /// of the policy values (`key=value` lines in key order) and of its inputs: one compact
    /// JSON line per point, in point-code order, holding every fact the rules read (the point's
    /// village, plan year, verifications, operating days (how many and which) and activity on
    /// them, with how much fell on days it was not operating; every operator of the
    /// month with their stints and contracts; for the operator paid: ID number, days,
    /// difficulty, certification, retirement month, months used elsewhere, first month,
    /// opening balance, other posts and whether the month's list of them is known), or the
    /// reason the point is out of scope. Each result keeps its own line's sha256, so that
    /// finalizing can name the points that changed.
    public func runSubsidyCheck(month: Month, withoutOtherPosts reason: String? = nil, context: ChangeContext) throws -> SubsidyRunInfo {
        let waiver = reason.map { $0.trimmingSpaces() }
        if let waiver, waiver.isEmpty { throw SubsidyError.withoutOtherPostsNeedsReason }
        return try write { db in
            let policy = try Self.policy(db, on: month.firstDay)
            let asOf = try Self.checkAsOf(month, today: context.today, policy: policy)
            if waiver != nil, try Self.otherPostsState(db, month: month) != .missing { throw SubsidyError.otherPostsKnown(month) }
            let inputs = try Self.gatherInputs(db, month: month, waiveOtherPosts: waiver != nil)
            if inputs.points.isEmpty { throw SubsidyError.nothingToCheck(month) }
            let decisions = Self.decide(inputs, policy: policy)
            var run = SubsidyRun(
                month: month, createdAt: context.timestamp, clerk: context.clerk, policySha256: Digest.sha256(text: policy.canonical),
                inputsSha256: Self.inputsHash(decisions), status: .draft, asOf: asOf, withoutOtherPostsReason: waiver)
            try run.insert(db)
            // Bound straight through SQLite's C API (`DirectStatement`): a run writes one row a point.
            let insert = try db.makeStatement(
                sql: """
                    INSERT INTO subsidy_result (run_id, point_id, operator_id, eligible, amount_fen, months_before, months_including, rules,
                      snapshot, out_of_scope, inputs_sha256)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """)
            var rules = JSONWriter(capacity: 2048)
            for d in decisions {
                rules.reset()
                RuleOutcome.serialize(d.outcomes, into: &rules)
                try insert.run {
                    $0(run.id); $0(d.pointId); $0(d.operatorId); $0(d.eligible ? 1 : 0); $0(d.amount.value); $0(d.monthsBefore)
                    $0(d.monthsBefore + (d.eligible ? 1 : 0)); $0(utf8: rules.bytes); $0(utf8: d.snapshot); $0(d.outOfScope?.rawValue)
                    $0(utf8: Digest.sha256Hex(bytes: d.canonical))
                }
            }
            let info = SubsidyRunInfo(run: run, decisions: decisions)
            var after: [(String, JSONValue)] = [
                ("run", .number(String(run.id!))), ("month", .string(month.description)), ("points", .number(String(info.points))),
                ("eligible", .number(String(info.eligible))), ("out_of_scope", .number(String(info.outOfScope.values.reduce(0, +)))),
            ]
            if let asOf { after.append(("as_of", .string(asOf.description))) }
            if let waiver { after.append(("without_other_posts", .string(waiver))) }
            try db.audit("subsidy.check", AuditSubject(), after: .object(after), reason: waiver, context: context)
            return info
        }
    }

    /// The run's inputs hash: over every decision's canonical line, in point-code order.
    static func inputsHash(_ decisions: [PointDecision]) -> String {
        Digest.sha256(lines: decisions.map(\.canonical))
    }
}
