import Foundation
import GRDB

public enum RunStatus: String, Sendable, Codable, CaseIterable, DatabaseValueConvertible {
    case draft, final, replaced
}

/// One recorded monthly check. Its results never change; its status goes draft → final
/// (→ replaced, with a reason).
public struct SubsidyRun: Codable, Sendable, Hashable, FetchableRecord, MutablePersistableRecord {
    public var id: Int64?
    public var month: Month
    public var createdAt: String
    public var clerk: String
    public var policySha256: String
    public var inputsSha256: String
    public var status: RunStatus
    public var finalizedAt: String?
    public var replacedReason: String?
    /// The day the run was made, when that was before the month ended (`check_from_day`).
    public var asOf: LocalDate?
    /// Why the run was made without the other departments' list of posts.
    public var withoutOtherPostsReason: String?
    /// The reviewer who approved the finalization, once accounts exist (maker-checker).
    public var reviewer: String?
    public var reviewedVia: Review.Via?

    public static let databaseTableName = "subsidy_run"
    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    public static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase
    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

/// A run with its totals, as `subsidy runs` lists it.
public struct SubsidyRunInfo: Sendable {
    public var run: SubsidyRun
    public var points: Int
    public var eligible: Int
    public var total: Fen
    /// Points in the registry the run did not check, by reason.
    public var outOfScope: [ScopeReason: Int] = [:]

    init(run: SubsidyRun, points: Int, eligible: Int, total: Fen, outOfScope: [ScopeReason: Int] = [:]) {
        self.run = run
        self.points = points
        self.eligible = eligible
        self.total = total
        self.outOfScope = outOfScope
    }

    init(run: SubsidyRun, decisions: [PointDecision]) {
        let checked = decisions.filter { $0.outOfScope == nil }
        self.init(
            run: run, points: checked.count, eligible: checked.filter(\.eligible).count,
            total: Fen(checked.reduce(0) { $0 + $1.amount.value }),
            outOfScope: Dictionary(grouping: decisions.compactMap(\.outOfScope), by: { $0 }).mapValues(\.count))
    }

    public static let columns: [Table.Column] = [
        .init("id", Message.Header.id), .init("month", Message.Header.month), .init("status", Message.Header.status),
        .init("points", Message.Header.points), .init("eligible", Message.Header.eligible), .init("amount_fen", Message.Header.amountYuan),
        .init("created_at", Message.Header.at), .init("clerk", Message.Header.clerk), .init("policy_sha256", Message.Header.policyHash, use: .detail),
        .init("inputs_sha256", Message.Header.inputsHash, use: .detail), .init("out_of_scope", Message.Header.outOfScope),
    ]

    public var cells: [Cell] {
        [
            .integer(run.id!), .text(run.month.description), .label(code: run.status.rawValue, run.status.label),
            .integer(Int64(points)), .integer(Int64(eligible)), .money(total), .text(run.createdAt), .text(run.clerk),
            .text(run.policySha256), .text(run.inputsSha256), .integer(Int64(outOfScope.values.reduce(0, +))),
        ]
    }
}

/// One point's stored result.
public struct SubsidyResult: Sendable {
    public var pointCode: String
    public var pointName: String
    public var town: String
    public var village: String
    public var operatorName: String?
    public var idNumber: String?
    public var phone: String?
    public var sex: String?
    public var difficulty: String?
    public var contractType: String?
    public var contractFrom: String?
    public var contractTo: String?
    public var eligible: Bool
    public var amount: Fen
    public var monthsBefore: Int
    public var monthsIncluding: Int
    public var outcomes: [RuleOutcome]
    public var operatorId: Int64?
    /// Why the point was not checked, for a point stored out of scope.
    public var outOfScope: ScopeReason?

    public var failing: [SubsidyRule] { outcomes.filter { !$0.passed }.map(\.rule) }

    init(row: Row) {
        let snapshot = (try? JSONSerialization.jsonObject(with: Data((row["snapshot"] as String).utf8)) as? [String: String]) ?? [:]
        func field(_ key: String) -> String? { snapshot[key].flatMap { $0.isEmpty ? nil : $0 } }
        pointCode = snapshot["point_code"] ?? ""
        pointName = snapshot["point_name"] ?? ""
        town = snapshot["town"] ?? ""
        village = snapshot["village"] ?? ""
        operatorName = field("operator_name")
        idNumber = field("id_number")
        phone = field("phone")
        sex = field("sex")
        difficulty = field("difficulty")
        contractType = field("contract_type")
        contractFrom = field("contract_from")
        contractTo = field("contract_to")
        eligible = row["eligible"]
        amount = Fen(row["amount_fen"])
        monthsBefore = row["months_before"]
        monthsIncluding = row["months_including"]
        outcomes = RuleOutcome.decode(row["rules"])
        operatorId = row["operator_id"]
        outOfScope = (row["out_of_scope"] as String?).flatMap(ScopeReason.init(rawValue:))
    }

    public static let columns: [Table.Column] = [
        .init("point_code", Message.Header.pointCode), .init("point_name", Message.Header.pointName),
        .init("town", Message.Header.town, use: .detail),
        .init("operator_name", Message.Header.operatorName), .init("id_number", Message.Header.idNumber),
        .init("eligible", Message.Header.eligible), .init("amount_fen", Message.Header.amountYuan),
        .init("months_including", Message.Header.monthsUsed), .init("failing_rules", Message.Header.failingRules, use: .key),
    ]

    public func cells(_ language: Language) -> [Cell] {
        [
            .code(pointCode), .text(pointName), .text(town), .optional(operatorName), idNumber.map(Cell.residentID) ?? .null,
            .bool(eligible), .money(amount), .integer(Int64(monthsIncluding)),
            failingCell,
        ]
    }

    /// The failing rules: people read their labels, JSON carries their codes.
    public var failingCell: Cell {
        if let outOfScope { return .label(code: outOfScope.rawValue, outOfScope.label) }
        return .label(code: failing.map(\.rawValue).joined(separator: ","), .ruleList(failing.map(\.label)))
    }

    /// The result in one cell, as `subsidy diff` shows it: eligible with its amount, else the
    /// failing rules.
    public var outcomeCell: Cell {
        eligible ? .label(code: "eligible " + amount.yuanText, .eligibleAmount(amount)) : failingCell
    }
}

/// Filters for `subsidy show`.
public enum ResultFilter: String, Sendable, CaseIterable {
    case eligible, ineligible
    /// Points in the registry that the run did not check, with the reason.
    case outOfScope = "out-of-scope"
    /// Every point, checked or not.
    case all
}

extension AppDatabase {
    static func run(_ db: Database, _ id: Int64) throws -> SubsidyRun {
        guard let run = try SubsidyRun.fetchOne(db, key: id) else { throw SubsidyError.runUnknown(id) }
        return run
    }

    public func subsidyRuns(month: Month? = nil) throws -> [SubsidyRunInfo] {
        try runInfos { request in month.map { request.filter(Column("month") == $0) } ?? request }
    }

    /// Runs with their totals, as `narrow` selects them; `prefix` keeps the totals to the
    /// points whose codes begin with it.
    func runInfos(
        within prefix: String? = nil, _ narrow: (QueryInterfaceRequest<SubsidyRun>) -> QueryInterfaceRequest<SubsidyRun>
    ) throws -> [SubsidyRunInfo] {
        try read { db in
            return try narrow(SubsidyRun.order(Column("id"))).fetchAll(db).map { run in
                var info = SubsidyRunInfo(run: run, points: 0, eligible: 0, total: .zero)
                let within = prefix == nil ? "" : " AND point_id IN (SELECT id FROM point WHERE substr(code, 1, ?) = ?)"
                let arguments: StatementArguments = prefix.map { [run.id, $0.count, $0] } ?? [run.id]
                for row in try Row.fetchAll(
                    db,
                    sql: """
                        SELECT out_of_scope, count(*) AS n, sum(eligible) AS e, sum(amount_fen) AS t FROM subsidy_result
                        WHERE run_id = ?\(within) GROUP BY out_of_scope
                        """, arguments: arguments)
                {
                    if let reason = (row["out_of_scope"] as String?).flatMap(ScopeReason.init(rawValue:)) {
                        info.outOfScope[reason] = row["n"]
                    } else {
                        info.points = row["n"]
                        info.eligible = row["e"] ?? 0
                        info.total = Fen(row["t"] ?? 0)
                    }
                }
                return info
            }
        }
    }

    public func subsidyRun(_ id: Int64) throws -> SubsidyRunInfo {
        guard let info = try runInfos({ $0.filter(Column("id") == id) }).first else { throw SubsidyError.runUnknown(id) }
        return info
    }

    /// A run's results in point-code order: the points it checked, unless `only` says otherwise.
    public func subsidyResults(_ id: Int64, only: ResultFilter? = nil) throws -> [SubsidyResult] {
        try read { db in
            _ = try Self.run(db, id)
            var sql = "SELECT r.* FROM subsidy_result r JOIN point p ON p.id = r.point_id WHERE r.run_id = ?"
            switch only {
            case nil: sql += " AND r.out_of_scope IS NULL"
            case .eligible: sql += " AND r.eligible = 1"
            case .ineligible: sql += " AND r.eligible = 0 AND r.out_of_scope IS NULL"
            case .outOfScope: sql += " AND r.out_of_scope IS NOT NULL"
            case .all: break
            }
            return try Row.fetchAll(db, sql: sql + " ORDER BY p.code", arguments: [id]).map(SubsidyResult.init(row:))
        }
    }

    /// Makes a draft run the month's final one. A month has one final run: replacing it needs a
    /// reason, and is refused once the bureau's answer has been reconciled against it.
    ///
    /// Inside the same write transaction the month is gathered and decided again: a draft whose
    /// policy or inputs no longer match (a fact changed, or another month was finalized or
    /// rejected and so changed the months used) is refused, naming what changed.
    ///
    /// Once any account exists, `review` must name an enabled reviewer other than the run's
    /// clerk (`Database.approve`); both names go on the run and its audit lines.
    public func finalizeRun(_ id: Int64, replacing: Bool = false, reason: String? = nil, review: Review? = nil, context: ChangeContext) throws {
        try write { db in
            var run = try Self.run(db, id)
            guard run.status == .draft else { throw SubsidyError.runNotDraft(id, run.status.rawValue) }
            let review = try db.approve(review, maker: run.clerk)
            if var current = try SubsidyRun.filter(Column("month") == run.month && Column("status") == RunStatus.final.rawValue).fetchOne(db) {
                guard replacing else { throw SubsidyError.finalExists(run.month, current.id!) }
                let reason = (reason ?? "").trimmingSpaces()
                if reason.isEmpty { throw SubsidyError.replaceNeedsReason }
                if try Int.fetchOne(db, sql: "SELECT count(*) FROM hr_decision WHERE run_id = ?", arguments: [current.id])! > 0 {
                    throw SubsidyError.reconciled(current.id!)
                }
                try Self.checkStillCurrent(db, run)
                current.status = .replaced
                current.replacedReason = reason
                try current.update(db)
                try db.audit(
                    "subsidy.replace", AuditSubject(), before: .object([("run", .number(String(current.id!)))]),
                    after: .object([("run", .number(String(id)))] + (review?.auditPairs ?? [])), reason: reason, context: context)
            } else {
                try Self.checkStillCurrent(db, run)
            }
            run.status = .final
            run.finalizedAt = context.timestamp
            run.reviewer = review?.reviewer
            run.reviewedVia = review?.via
            try run.update(db)
            let maker: [(String, JSONValue)] = review == nil ? [] : [("clerk", .string(run.clerk))]
            try db.audit(
                "subsidy.finalize", AuditSubject(),
                after: .object([("run", .number(String(id))), ("month", .string(run.month.description))] + maker + (review?.auditPairs ?? [])),
                context: context)
        }
    }

    /// Throws `draftStale` unless a fresh check of the run's month gives the same policy and
    /// inputs hashes.
    static func checkStillCurrent(_ db: Database, _ run: SubsidyRun) throws {
        let policy = try Self.policy(db, on: run.month.firstDay)
        let inputs = try Self.gatherInputs(db, month: run.month, waiveOtherPosts: run.withoutOtherPostsReason != nil)
        let decisions = Self.decide(inputs, policy: policy)
        var changes: [String] = []
        if Digest.sha256(text: policy.canonical) != run.policySha256 { changes.append("policy") }
        if Self.inputsHash(decisions) != run.inputsSha256 {
            var stored: [String: (sha: String?, outcomes: [RuleOutcome])] = [:]
            for row in try Row.fetchAll(
                db, sql: "SELECT p.code, r.inputs_sha256, r.rules FROM subsidy_result r JOIN point p ON p.id = r.point_id WHERE r.run_id = ?",
                arguments: [run.id])
            {
                stored[row[0]] = (row[1], RuleOutcome.decode(row[2]))
            }
            for d in decisions {
                guard let old = stored[d.pointCode] else {
                    changes.append(d.pointCode + ": new")
                    continue
                }
                if old.sha == String(decoding: Digest.sha256Hex(bytes: d.canonical), as: UTF8.self) { continue }
                let keys = Self.changedEvidence(old.outcomes, d.outcomes)
                changes.append(d.pointCode + ": " + (keys.isEmpty ? "inputs" : keys.joined(separator: ",")))
            }
            if changes.isEmpty || changes == ["policy"] { changes.append("inputs") }
        }
        if !changes.isEmpty { throw SubsidyError.draftStale(run.id!, changes: changes) }
    }

    /// The evidence keys whose values differ between a stored decision and a fresh one, in the
    /// rules' order (a rule present in only one of them counts by its code).
    static func changedEvidence(_ old: [RuleOutcome], _ new: [RuleOutcome]) -> [String] {
        var keys: [String] = []
        for rule in SubsidyRule.allCases {
            let a = old.first { $0.rule == rule }
            let b = new.first { $0.rule == rule }
            guard let a, let b else {
                if a != nil || b != nil { keys.append(rule.rawValue) }
                continue
            }
            for (key, value) in b.evidence where a.evidence.first(where: { $0.0 == key })?.1 != value && !keys.contains(key) {
                keys.append(key)
            }
        }
        return keys
    }

    /// Per town: points checked, eligible, amount; in town order.
    public func subsidySummary(_ id: Int64) throws -> [(town: String, points: Int, eligible: Int, amount: Fen)] {
        let results = try subsidyResults(id)
        var order: [String] = []
        var rows: [String: (Int, Int, Int64)] = [:]
        for r in results {
            if rows[r.town] == nil { order.append(r.town) }
            var row = rows[r.town, default: (0, 0, 0)]
            row.0 += 1
            row.1 += r.eligible ? 1 : 0
            row.2 += r.amount.value
            rows[r.town] = row
        }
        return order.map { (town: $0, points: rows[$0]!.0, eligible: rows[$0]!.1, amount: Fen(rows[$0]!.2)) }
    }

    /// What changed from run A to run B, point by point: eligibility, amount, failing rules.
    public func subsidyDiff(_ a: Int64, _ b: Int64) throws -> [(code: String, name: String, before: SubsidyResult?, after: SubsidyResult?)] {
        let left = Dictionary(uniqueKeysWithValues: try subsidyResults(a, only: .all).map { ($0.pointCode, $0) })
        let right = Dictionary(uniqueKeysWithValues: try subsidyResults(b, only: .all).map { ($0.pointCode, $0) })
        return Set(left.keys).union(right.keys).sorted().compactMap { code in
            let l = left[code]
            let r = right[code]
            if let l, let r, l.eligible == r.eligible, l.amount == r.amount, l.failing == r.failing, l.operatorId == r.operatorId,
                l.outOfScope == r.outOfScope
            {
                return nil
            }
            return (code: code, name: (r ?? l)!.pointName, before: l, after: r)
        }
    }
}
