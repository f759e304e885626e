import Foundation
import Testing

@testable import WancunKit

/// The smaller fixes in the money path: the day everything uses, the arguments refused, the
/// words of `subsidy diff` and of a replaced run, the roster's signature lines.
@Suite struct MoneyPathTests {
    @Test func aMalformedTodayIsRefusedNotIgnored() throws {
        let dir = temporaryDirectory()
        let bad = try wancunProcess(["init", "--db", "x.sqlite"], in: dir, environment: ["WANCUN_TODAY": "2027/03/15"])
        #expect(bad.status == 64)
        #expect(bad.stderr.contains("WANCUN_TODAY") && bad.stderr.contains("2027/03/15"))
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("x.sqlite").path))
        let english = try wancun(["retirement", "--born", "1976-05", "--group", "male", "--lang", "en"], environment: ["WANCUN_TODAY": "soon"])
        #expect(english.status == 64 && english.stderr.contains("is not a date"))
    }

    @Test(arguments: ["9999-12", "1899-12", "2026-12"])
    func implausibleBirthMonthsAreRefused(born: String) throws {
        let result = try wancun(["retirement", "--born", born, "--group", "male"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("出生月份") && result.stdout.isEmpty)
    }

    @Test func plausibleBirthMonthsAreAnswered() throws {
        #expect(try wancun(["retirement", "--born", "1900-01", "--group", "male"]).status == 0)
        let result = try wancun(["retirement", "--born", "1976-05", "--group", "male", "--format", "json"])
        #expect(result.status == 0 && result.stdout.contains("\"2039-04\""))
    }

    @Test func theTimestampCarriesTodayWhenTodayIsFixed() throws {
        let fixed = ChangeContext(clerk: "x", today: LocalDate(year: 2027, month: 3, day: 15)!)
        #expect(fixed.timestamp.hasPrefix("2027-03-15T") && fixed.timestamp.hasSuffix("+08:00"))
        let clock = ChangeContext(clerk: "x")
        #expect(clock.timestamp.hasPrefix(clock.today.description))
    }

    /// The demo is built with WANCUN_TODAY=2026-11-26: its audit lines, run and roster say so.
    @Test func auditLinesRunsAndTheRosterAgreeWithToday() throws {
        let db = try sharedDemoCopy()
        let audit = try wancun(["audit", "--db", db, "--format", "json"])
        let entries = try JSONSerialization.jsonObject(with: Data(audit.stdout.utf8)) as! [[String: Any]]
        #expect(!entries.isEmpty && entries.allSatisfy { ($0["at"] as! String).hasPrefix("2026-11-26T") })
        let check = try wancun(["subsidy", "check", "--month", "2026-09", "--db", db], environment: ["WANCUN_TODAY": "2026-10-08"])
        #expect(check.status == 0)
        #expect(try wancun(["subsidy", "finalize", "2", "--db", db], environment: ["WANCUN_TODAY": "2026-10-09"]).status == 0)
        let out = temporaryDirectory().appendingPathComponent("roster.csv").path
        #expect(try wancun(["subsidy", "export", "2", "--out", out, "--db", db]).status == 0)
        let roster = try String(contentsOfFile: out, encoding: .utf8)
        #expect(roster.contains("制表日期：2026-10-09"))
        let runs = try wancun(["subsidy", "runs", "--db", db, "--format", "json", "--month", "2026-09"])
        #expect(runs.stdout.contains("\"created_at\": \"2026-10-08T"))
    }

    @Test func theRosterNamesItsPreparerOnlyWhenGiven() throws {
        let db = try sharedDemoCopy()
        let dir = temporaryDirectory()
        let blank = dir.appendingPathComponent("a.csv").path
        let named = dir.appendingPathComponent("b.csv").path
        let unnamed = try wancun(["subsidy", "export", "1", "--out", blank, "--db", db], removing: ["WANCUN_CLERK"])
        #expect(unnamed.status == 0)
        let signatures = try String(contentsOfFile: blank, encoding: .utf8).components(separatedBy: "\r\n").first { $0.contains("制表人") }
        #expect(signatures?.contains("制表人：,") == true)
        #expect(try wancun(["subsidy", "export", "1", "--out", named, "--db", db, "--clerk", "张三"], removing: ["WANCUN_CLERK"]).status == 0)
        #expect(try String(contentsOfFile: named, encoding: .utf8).contains("制表人：张三"))
    }

    @Test func aReplacedRunSaysWhichRunReplacedIt() throws {
        let db = try sharedDemoCopy()
        for args in [
            ["check", "--month", "2026-09"], ["finalize", "2"], ["check", "--month", "2026-09"],
            ["finalize", "3", "--replace", "--reason", "补录了9月包裹"],
        ] {
            #expect(try wancun(["subsidy"] + args + ["--db", db]).status == 0)
        }
        let out = temporaryDirectory().appendingPathComponent("r.xlsx").path
        let result = try wancun(["subsidy", "export", "2", "--out", out, "--db", db])
        #expect(result.status == 1)
        #expect(result.stderr.contains("已被第 3 次核查替换") && !result.stderr.contains("尚未定稿"))
    }

    @Test func diffShowsRuleLabelsToPeopleAndCodesInJSON() throws {
        let db = try sharedDemoCopy()
        #expect(try wancun(["subsidy", "check", "--month", "2026-09", "--db", db]).status == 0)
        let zh = try wancun(["subsidy", "diff", "1", "2", "--db", db])
        let en = try wancun(["subsidy", "diff", "1", "2", "--db", db, "--lang", "en"])
        let json = try wancun(["subsidy", "diff", "1", "2", "--db", db, "--format", "json"])
        let codes = SubsidyRule.allCases.map(\.rawValue)
        #expect(zh.status == 0 && !zh.stdout.isEmpty)
        for rule in SubsidyRule.allCases {
            #expect(!zh.stdout.contains(rule.rawValue) && !en.stdout.contains(rule.rawValue))
        }
        #expect(SubsidyRule.allCases.contains { zh.stdout.contains(Message.subsidyRule($0).zh) })
        #expect(SubsidyRule.allCases.contains { en.stdout.contains(Message.subsidyRule($0).en) })
        #expect(codes.contains { json.stdout.contains($0) })
        #expect(!SubsidyRule.allCases.contains { json.stdout.contains(Message.subsidyRule($0).zh) })
    }

    @Test func operatorShowTellsMonthsUsedAndRetirementOnlyRevealed() throws {
        let db = try sharedDemoCopy()
        let app = try AppDatabase(path: db)
        // The demo operator with an opening balance of 12 months: those plus the months paid since.
        let balanced = try #require(
            try app.read {
                try String.fetchOne($0, sql: "SELECT o.id_number FROM opening_balance b JOIN operator o ON o.id = b.operator_id WHERE b.months = 12")
            })
        let paid = try app.read { db in
            try Int.fetchOne(
                db,
                sql: """
                    SELECT count(*) FROM subsidy_result r JOIN operator o ON o.id = r.operator_id WHERE o.id_number = ? AND r.eligible = 1
                      AND NOT EXISTS (SELECT 1 FROM hr_decision h WHERE h.run_id = r.run_id AND h.operator_id = r.operator_id AND h.approved = 0)
                    """, arguments: [balanced])!
        }
        #expect(try app.operatorStanding(balanced, today: testContext.today).monthsUsed == 12 + paid)
        let person = try #require(try app.operators().first { $0.0.idNumber == balanced }?.0)
        let born = person.residentID.birthDate.monthValue
        let statutory = Retirement.month(born: born, group: person.retirementGroup)
        let agreed = statutory.adding(months: 12)
        #expect(try wancun(["operator", "retirement", person.idNumber, "--month", agreed.description, "--reason", "协议延迟退休", "--db", db]).status == 0)
        let masked = try wancun(["operator", "show", person.idNumber, "--db", db, "--format", "json"])
        let object = try JSONSerialization.jsonObject(with: Data(masked.stdout.utf8)) as! [String: Any]
        #expect(object["months_used"] as? Int == 12 + paid)
        #expect(object["statutory_retirement_month"] as? String == "****-**")
        #expect(object["retirement_override"] as? String == "****-**")
        let table = try wancun(["operator", "show", person.idNumber, "--db", db])
        #expect(table.stdout.contains("已享受月数") && !table.stdout.contains(statutory.description) && !table.stdout.contains(agreed.description))
        let revealed = try wancun(["operator", "show", person.idNumber, "--db", db, "--format", "json", "--reveal"])
        let full = try JSONSerialization.jsonObject(with: Data(revealed.stdout.utf8)) as! [String: Any]
        #expect(full["statutory_retirement_month"] as? String == statutory.description)
        #expect(full["retirement_override"] as? String == agreed.description)
        #expect(full["retirement_override_reason"] as? String == "协议延迟退休")
    }
}
