import Foundation
import GRDB
import Testing

@testable import WancunKit

/// 首页's "needs attention" and the overview's queries as an account sees them, on the demo
/// with dates crafted around a fixed today.
@Suite struct AttentionTests {
    let today = LocalDate(year: 2026, month: 11, day: 26)!

    /// The demo, with a verification ending in 24 days and one in 95, a contract ending in 35
    /// days, an operator two months short of the cap and one retiring next month.
    func crafted() throws -> (AppDatabase, verified: String, later: String, contract: String, nearCap: Int64, retiring: Int64) {
        let db = try AppDatabase(path: try sharedDemoCopy())
        let open = try db.points().filter { $0.status != .closed }
        let verified = open[0].code
        let later = open[1].code
        let (contract, capID, retiringID) = try db.write { db -> (String, Int64, Int64) in
            for (code, until) in [(verified, "2026-12-20"), (later, "2027-03-01")] {
                let id = try Int64.fetchOne(db, sql: "SELECT id FROM point WHERE code = ?", arguments: [code])!
                try db.execute(sql: "DELETE FROM point_verification WHERE point_id = ?", arguments: [id])
                try db.execute(
                    sql: "INSERT INTO point_verification (point_id, hr_ref, verified_on, valid_until) VALUES (?, 'HR-1', '2026-01-05', ?)",
                    arguments: [id, until])
            }
            let running = try Row.fetchAll(
                db,
                sql: """
                    SELECT a.id, a.operator_id, p.code FROM assignment a JOIN point p ON p.id = a.point_id
                    WHERE a.ended_on IS NULL ORDER BY a.id
                    """)
            let assignment: Int64 = running[0]["id"]
            let capOperator: Int64 = running[1]["operator_id"]
            let retiringOperator: Int64 = running[2]["operator_id"]
            let contractPoint: String = running[0]["code"]
            try db.execute(sql: "UPDATE assignment SET contract_to = NULL WHERE contract_to BETWEEN '2026-11-26' AND '2027-01-25'")
            try db.execute(
                sql: "UPDATE assignment SET contract_type = 'civil', contract_from = '2026-01-01', contract_to = '2026-12-31' WHERE id = ?",
                arguments: [assignment])
            try db.execute(sql: "DELETE FROM opening_balance WHERE operator_id = ?", arguments: [capOperator])
            try db.execute(
                sql: """
                    INSERT INTO opening_balance (operator_id, months, first_month, as_of_month, source, first_month_stated)
                    VALUES (?, 34, '2020-01', '2023-10', '测试', 1)
                    """, arguments: [capOperator])
            try db.execute(sql: "DELETE FROM retirement_override WHERE operator_id = ?", arguments: [retiringOperator])
            try db.execute(
                sql: "INSERT INTO retirement_override (operator_id, retirement_month, reason) VALUES (?, '2026-12', '测试')",
                arguments: [retiringOperator])
            return (contractPoint, capOperator, retiringOperator)
        }
        return (db, verified, later, contract, capID, retiringID)
    }

    @Test func theListsHoldWhatEndsWithinSixtyDaysAndWhoIsNearTheCapOrRetirement() throws {
        let (db, verified, later, contract, capID, retiringID) = try crafted()
        let found = try db.attention(today: today)
        let verification = try #require(found.verificationsEnding.first { $0.code == verified })
        #expect(verification.date == LocalDate(year: 2026, month: 12, day: 20))
        #expect(!found.verificationsEnding.contains { $0.code == later })
        #expect(found.verificationsEnding.allSatisfy { $0.date! >= today && $0.date! <= today.adding(days: 60) })
        let ending = try #require(found.contractsEnding.first { $0.code == contract })
        #expect(ending.date == LocalDate(year: 2026, month: 12, day: 31) && ending.operatorName != nil)
        let cap = try db.policy(on: today).maxMonths
        let near = try #require(found.nearCap.first { $0.id == capID })
        #expect(near.monthsUsed >= 34 && near.monthsCap == cap)
        #expect(found.nearCap.allSatisfy { cap - $0.monthsUsed <= 3 })
        let retiring = try #require(found.nearRetirement.first { $0.id == retiringID })
        #expect(retiring.retirement == Month(year: 2026, month: 12))
        #expect(found.nearRetirement.allSatisfy { (0...3).contains(today.monthValue.months(to: $0.retirement)) })
        // The points no courier serves are those the coverage report counts.
        #expect(found.withoutCourier.count == (try db.coverage(asOf: today)).total.withoutCourier)
        // A day past the verification's end, it no longer ends "within 60 days".
        #expect(!(try db.attention(today: LocalDate(year: 2026, month: 12, day: 21)!)).verificationsEnding.contains { $0.code == verified })
    }

    @Test func aTownClerkSeesTheirTownOnlyAndAnAdministratorNothing() throws {
        let (db, _, _, _, _, _) = try crafted()
        let all = try db.attention(today: today)
        let code = try #require(all.verificationsEnding.first?.code ?? all.withoutCourier.first?.code)
        let town = try #require(try db.divisions(DivisionFilter(level: .town)).first { code.hasPrefix($0.code.significantPrefix) })
        let clerk = Actor(name: "镇办", role: .townClerk, town: town.code)
        let scoped = try db.attention(today: today, as: clerk)
        let prefix = town.code.significantPrefix
        for list in [scoped.withoutCourier, scoped.verificationsEnding, scoped.contractsEnding] {
            #expect(list.allSatisfy { $0.code.hasPrefix(prefix) })
        }
        #expect(scoped.nearCap.allSatisfy { $0.pointCode.hasPrefix(prefix) } && scoped.nearRetirement.allSatisfy { $0.pointCode.hasPrefix(prefix) })
        #expect(scoped.withoutCourier.count == all.withoutCourier.filter { $0.code.hasPrefix(prefix) }.count)
        let coverage = try db.coverage(asOf: today, as: clerk)
        #expect(coverage.rows.map(\.townCode) == [town.code])
        #expect(throws: AccountError.notAllowed("管理员", .readRegistry)) { try db.attention(today: today, as: Actor(name: "管理员", role: .admin)) }
        #expect(try db.attention(today: today, as: Actor(name: "县办", role: .countyClerk)).withoutCourier == all.withoutCourier)
    }

    @Test func theMonthsCheckIsTheFinalRunElseTheLatestDraft() throws {
        let db = try AppDatabase(path: try sharedDemoCopy())
        let clerk = Actor(name: "县办", role: .countyClerk)
        for run in try db.subsidyRuns().map(\.run) {
            let shown = try #require(try db.monthCheck(run.month, as: clerk))
            let runs = try db.subsidyRuns(month: run.month).map(\.run)
            if runs.contains(where: { $0.status == .final }) { #expect(shown.status == .final) } else { #expect(shown.status == .draft) }
        }
        #expect(try db.monthCheck(Month(year: 2001, month: 1)!, as: clerk) == nil)
    }
}

/// The audit trail searched, and each role's share of it.
@Suite struct AuditSearchTests {
    @Test func filtersNarrowByThingClerkActionAndDaysAndPagesNewestFirst() throws {
        let db = try AppDatabase(path: try sharedDemoCopy())
        let all = try db.searchAudit(AuditSearch(limit: 1_000_000))
        #expect(all.total == (try db.auditEntries(AuditFilter())).count)
        #expect(all.entries.map { $0.id! } == all.entries.map { $0.id! }.sorted(by: >))
        let point = try #require(all.entries.first { $0.pointCode != nil }?.pointCode)
        let byPoint = try db.searchAudit(AuditSearch(entity: .point, key: point, limit: 1000))
        #expect(byPoint.total == (try db.auditEntries(AuditFilter(pointCode: point))).count && byPoint.entries.allSatisfy { $0.pointCode == point })
        let action = all.entries[0].action
        #expect(try db.searchAudit(AuditSearch(action: action, limit: 1000)).entries.allSatisfy { $0.action == action })
        let clerk = all.entries[0].clerk
        #expect(try db.searchAudit(AuditSearch(clerk: clerk, limit: 1000)).entries.allSatisfy { $0.clerk == clerk })
        let day = try LocalDate(parsing: String(all.entries[0].at.prefix(10)))
        let onDay = try db.searchAudit(AuditSearch(from: day, to: day, limit: 1000))
        #expect(onDay.total > 0 && onDay.entries.allSatisfy { $0.at.hasPrefix(day.description) })
        #expect(try db.searchAudit(AuditSearch(from: day.adding(days: 1))).total == 0)
        let second = try db.searchAudit(AuditSearch(offset: 2, limit: 2))
        #expect(second.entries.map(\.id) == Array(all.entries[2..<4]).map(\.id) && second.total == all.total)
    }

    @Test func anAccountsLinesAreFoundByItsNameEvenWhenDisabled() throws {
        let db = try AppDatabase(path: try sharedDemoCopy())
        try db.addUser(NewUser(name: "甲", role: .countyClerk, password: "long-enough-1"), hasher: quickHasher, context: testContext)
        try db.addUser(NewUser(name: "乙", role: .admin, password: "long-enough-1"), hasher: quickHasher, context: testContext)
        try db.disableUser("甲", context: testContext)
        let lines = try db.searchAudit(AuditSearch(entity: .user, key: "甲"))
        #expect(lines.entries.map(\.action) == ["user.disable", "user.add"])
        let disable = lines.entries[0].readable(language: .zh, reveal: false)
        #expect(disable.changes.contains("名称：甲"))
        #expect(disable.changes.contains { $0.contains(" → ") })
    }

    @Test func eachRoleReadsItsShare() throws {
        let db = try AppDatabase(path: try sharedDemoCopy())
        try db.addUser(NewUser(name: "乙", role: .admin, password: "long-enough-1"), hasher: quickHasher, context: testContext)
        let everything = try db.searchAudit(AuditSearch(limit: 1_000_000))
        for role in [Role.countyClerk, .reviewer] {
            #expect(try db.searchAudit(AuditSearch(limit: 1_000_000), as: Actor(name: "x", role: role)).total == everything.total)
        }
        let admin = try db.searchAudit(AuditSearch(limit: 1_000_000), as: Actor(name: "乙", role: .admin))
        #expect(admin.total > 0 && admin.entries.allSatisfy { $0.action.hasPrefix("user.") })
        let point = try #require(everything.entries.first { $0.pointCode != nil }?.pointCode)
        let town = try #require(try db.divisions(DivisionFilter(level: .town)).first { point.hasPrefix($0.code.significantPrefix) })
        let clerk = Actor(name: "镇办", role: .townClerk, town: town.code)
        let seen = try db.searchAudit(AuditSearch(limit: 1_000_000), as: clerk)
        let operators = Set(try db.operators(as: clerk).map(\.0.idNumber))
        #expect(seen.total > 0 && seen.total < everything.total)
        #expect(
            seen.entries.allSatisfy { line in
                line.pointCode.map { $0.hasPrefix(town.code.significantPrefix) } ?? false || line.operatorIdNumber.map(operators.contains) ?? false
            })
        #expect(!seen.entries.contains { $0.action.hasPrefix("user.") })
    }
}
