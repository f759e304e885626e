import Foundation
import GRDB
import Testing

@testable import WancunKit

/// A small seeded generator (SplitMix64), so that a failing case can be replayed by its seed.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Three operators near the cap at three points where every rule passes, with activity and
/// a known other-posts list in each month from 2025-11 to 2026-10. One (born 1966-01) retires
/// in 2026-05 and started inside the near-retirement window.
enum PropertyBase {
    static let months = (0..<12).map { Month(year: 2025, month: 11)!.adding(months: $0) }
    static let people: [(first17: String, balance: Int, first: String?)] = [
        ("33042419700301001", 34, nil), ("33042419660101003", 36, "2022-01"), ("33042419750601005", 32, nil),
    ]
    static let lock = NSLock()
    nonisolated(unsafe) static var built: AppDatabase?

    static func copy() throws -> AppDatabase {
        lock.lock()
        defer { lock.unlock() }
        if built == nil { built = try build() }
        let db = try AppDatabase()
        try built!.writer.backup(to: db.writer)
        return db
    }

    static func build() throws -> AppDatabase {
        let db = try AppDatabase()
        _ = try db.importDivisions(from: haiyanCSV, context: testContext)
        _ = try db.importPolicy(from: repositoryRoot.appendingPathComponent("seed/policy.csv").path, context: testContext)
        _ = try db.addCourier(NewCourier(name: "邮政", brand: "中国邮政", creditCode: nil), context: testContext)
        for (i, p) in people.enumerated() {
            let point = try db.addPoint(
                NewPoint(village: try DivisionCode(parsing: "33042410120\(i + 1)"), name: "服务站\(i)", planYear: 2024, openedOn: day("2024-01-01")),
                context: testContext)
            try db.verifyPoint(point.code, hrRef: "海人社核〔2024〕\(i)号", on: day("2024-06-01"), until: nil, context: testContext)
            let person = try db.addOperator(
                NewOperator(
                    name: "站长\(i)", idNumber: ResidentID.withCheckCharacter(p.first17), phone: "1390000000\(i)", difficulty: .disabled,
                    certificateNo: "C\(i)", certifiedOn: day("2024-01-01")),
                context: testContext)
            _ = try db.assign(
                NewAssignment(
                    pointCode: point.code, idNumber: person.idNumber, from: day("2024-01-01"), contractType: .labour,
                    contractFrom: day("2024-01-01"), contractTo: day("2029-12-31")),
                context: testContext)
            try db.setOpeningBalance(
                idNumber: person.idNumber, months: p.balance, asOf: month("2025-10"), first: p.first.map(month), source: "台账",
                context: testContext)
        }
        try db.write { db in
            try db.execute(
                sql: """
                    WITH RECURSIVE n(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM n WHERE n < 12)
                    INSERT INTO parcel (point_id, courier_id, waybill, arrived_at)
                    SELECT p.id, 1, 'W' || p.id || '-' || m.value || '-' || n.n, m.value || printf('-%02d 09:00', n.n)
                    FROM point p, json_each(?) m, n
                    """, arguments: [JSONValue.array(months.map { .string($0.description) }).serialized()])
        }
        for m in months { try db.recordNoOtherPosts(month: m, source: "函复：无", context: testContext) }
        return db
    }
}

/// The money path in random orders: check, finalize, replace, the bureau's rejections (and
/// approvals taken back), opening balances and agreed retirement months, over 6 to 12 months
/// for operators near the cap.
@Suite struct SubsidyPropertyTests {
    static let december = context(on: "2026-12-01")

    @Test func nobodyIsPaidPastTheCapOrRetirementWhateverTheOrder() throws {
        let cases = Int(ProcessInfo.processInfo.environment["WANCUN_PROPERTY_CASES"] ?? "") ?? 200
        var finalized = 0
        var refusals: [String: Int] = [:]
        for seed in 1...UInt64(cases) {
            var rng = SeededGenerator(seed: seed)
            let db = try PropertyBase.copy()
            let months = Array(PropertyBase.months.suffix(Int.random(in: 6...12, using: &rng)))
            var drafts: [Int64] = []
            var log: [String] = []
            for _ in 0..<Int.random(in: 16...36, using: &rng) {
                let step = Int.random(in: 0..<11, using: &rng)
                do {
                    switch step {
                    case 0...3:
                        let m = months.randomElement(using: &rng)!
                        log.append("check \(m)")
                        drafts.append(try db.runSubsidyCheck(month: m, context: Self.december).run.id!)
                    case 4...6:
                        guard let run = drafts.randomElement(using: &rng) else { continue }
                        let replace = Bool.random(using: &rng)
                        log.append("\(replace ? "replace with" : "finalize") \(run)")
                        try db.finalizeRun(run, replacing: replace, reason: replace ? "重新核查" : nil, context: Self.december)
                        finalized += 1
                        try Self.expectFreshCheckAgrees(db, run: run, seed: seed, log: log)
                    case 7, 8:
                        let finals = try db.subsidyRuns().filter { $0.run.status == .final && $0.eligible > 0 }
                        guard let run = finals.randomElement(using: &rng) else { continue }
                        let paid = try db.subsidyResults(run.run.id!, only: .eligible)
                        let rejected = paid.randomElement(using: &rng)!
                        let approve = Bool.random(using: &rng) && step == 8
                        log.append("bureau \(approve ? "approves" : "rejects") \(rejected.pointCode) in run \(run.run.id!)")
                        var rows = [["公民身份号码", "姓名", "核定结果", "核定金额(元)", "发放金额(元)"]]
                        for r in paid {
                            let no = r.pointCode == rejected.pointCode && !approve
                            rows.append([r.idNumber!, r.operatorName!, no ? "不通过" : "通过", no ? "" : r.amount.yuanText, no ? "" : r.amount.yuanText])
                        }
                        _ = try db.reconcileHR(
                            run: run.run.id!, file: try writeCSV("answer-\(seed).csv", rows), options: ReconOptions(again: true),
                            context: Self.december)
                    case 10:
                        // The one near retirement (statutory 2026-05) agrees another month.
                        let agreed = Month(year: 2026, month: 1)!.adding(months: Int.random(in: 0...9, using: &rng))
                        log.append("retirement of 003 moved to \(agreed)")
                        try db.overrideRetirement(
                            idNumber: ResidentID.withCheckCharacter(PropertyBase.people[1].first17), month: agreed, reason: "协议",
                            context: Self.december)
                    default:
                        let person = PropertyBase.people.randomElement(using: &rng)!
                        let asOf = Month(year: 2025, month: 4)!.adding(months: Int.random(in: 0...14, using: &rng))
                        let n = Int.random(in: 20...36, using: &rng)
                        log.append("opening balance \(n) as of \(asOf) for \(person.first17.suffix(3))")
                        try db.setOpeningBalance(
                            idNumber: ResidentID.withCheckCharacter(person.first17), months: n, asOf: asOf, first: nil, source: "补录台账",
                            context: Self.december)
                    }
                } catch let error as SubsidyError {
                    refusals[error.rule, default: 0] += 1
                    log.append("  refused \(error.rule)")
                } catch let error as ReconError {
                    refusals["\(error)".prefix(24).description, default: 0] += 1
                    log.append("  refused \(error)")
                }
                try Self.expectInvariants(db, seed: seed, log: log)
            }
        }
        // The cases reached the paths they are meant to: finalizing, and each kind of refusal.
        #expect(finalized > cases)
        print("property cases: \(cases), finalized: \(finalized), refusals: \(refusals.sorted { $0.key < $1.key })")
        for rule in ["DRAFT_STALE", "FINAL_RUN_EXISTS", "OPENING_BALANCE_OVERLAPS_FINAL", "RETIREMENT_OVERRIDE_PAID"] {
            #expect(refusals[rule, default: 0] > 0, "no case was refused with \(rule): \(refusals)")
        }
    }

    /// Nobody has more than the maximum paid months, except someone whose first paid month is
    /// inside the near-retirement window, who has none at or after retirement; nobody is paid
    /// twice in one month.
    static func expectInvariants(_ db: AppDatabase, seed: UInt64, log: [String]) throws {
        // Counted here with its own queries, not with the check's.
        try db.read { db in
            let policy = try AppDatabase.policy(db, on: day("2026-10-01"))
            let overrides = try AppDatabase.retirementOverrides(db)
            for person in try Operator.fetchAll(db) {
                let retirement = AppDatabase.retirementMonth(person, overrides: overrides)
                let paid = try Month.fetchAll(
                    db,
                    sql: """
                        SELECT s.month FROM subsidy_result r JOIN subsidy_run s ON s.id = r.run_id
                        WHERE s.status = 'final' AND r.eligible = 1 AND r.operator_id = ?
                          AND NOT EXISTS (SELECT 1 FROM hr_decision h WHERE h.run_id = s.id AND h.operator_id = r.operator_id AND h.approved = 0)
                        """, arguments: [person.id])
                #expect(Set(paid).count == paid.count, "seed \(seed): paid twice in a month\n\(log.joined(separator: "\n"))")
                let balance = try Row.fetchOne(
                    db, sql: "SELECT months, first_month, as_of_month, first_month_stated FROM opening_balance WHERE operator_id = ?",
                    arguments: [person.id])
                let balanceMonths: Int = balance?["months"] ?? 0
                let months = paid.count + balanceMonths
                let balanceFirst: Month? = balanceMonths > 0 ? balance?["first_month"] : nil
                let first = (paid + [balanceFirst].compactMap { $0 }).min()
                let firstKnown = balanceMonths == 0 || (balance?["first_month_stated"] as Bool? ?? true)
                let statutory = Retirement.month(born: person.residentID.birthDate.monthValue, group: person.retirementGroup)
                let trail = "seed \(seed)\n" + log.joined(separator: "\n")
                #expect(paid.allSatisfy { $0 < retirement }, "paid at or after retirement, \(trail)")
                if let asOf: Month = balance?["as_of_month"] {
                    #expect(paid.allSatisfy { $0 > asOf }, "paid a month the opening balance covers, \(trail)")
                }
                if let first, firstKnown, first.months(to: statutory) < policy.nearRetirementWindow {
                    // The exception: any number of months, but none at or after retirement (above).
                } else {
                    #expect(months <= policy.maxMonths, "\(months) months, \(trail)")
                }
            }
        }
    }

    /// A final run's results are what a fresh check of its month gives.
    static func expectFreshCheckAgrees(_ db: AppDatabase, run id: Int64, seed: UInt64, log: [String]) throws {
        let run = try db.subsidyRun(id).run
        let fresh = try db.read { db in
            AppDatabase.decide(
                try AppDatabase.gatherInputs(db, month: run.month, waiveOtherPosts: run.withoutOtherPostsReason != nil),
                policy: try AppDatabase.policy(db, on: run.month.firstDay))
        }
        let stored = Dictionary(uniqueKeysWithValues: try db.subsidyResults(id, only: .all).map { ($0.pointCode, $0) })
        #expect(stored.count == fresh.count)
        for d in fresh {
            let s = try #require(stored[d.pointCode])
            #expect(
                s.eligible == d.eligible && s.amount == d.amount && s.outcomes == d.outcomes && s.monthsBefore == d.monthsBefore
                    && s.outOfScope == d.outOfScope,
                "seed \(seed): run \(id) at \(d.pointCode) differs from a fresh check\n\(log.joined(separator: "\n"))")
        }
    }
}
