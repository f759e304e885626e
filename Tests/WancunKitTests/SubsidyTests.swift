import Foundation
import GRDB
import Testing
import ZIPFoundation

@testable import WancunKit

@Suite struct RetirementTests {
    /// Rows copied from the official cohort tables (对照表), as DOMAIN.md lists them.
    @Test(arguments: [
        ("1964-12", RetirementGroup.male, 60, 0, "2024-12"),
        ("1965-01", .male, 60, 1, "2025-02"), ("1965-02", .male, 60, 1, "2025-03"), ("1965-03", .male, 60, 1, "2025-04"),
        ("1965-04", .male, 60, 1, "2025-05"),
        ("1965-05", .male, 60, 2, "2025-07"), ("1965-08", .male, 60, 2, "2025-10"),
        ("1976-05", .male, 62, 11, "2039-04"), ("1976-06", .male, 62, 11, "2039-05"), ("1976-07", .male, 62, 11, "2039-06"),
        ("1976-08", .male, 62, 11, "2039-07"),
        ("1976-09", .male, 63, 0, "2039-09"), ("1976-12", .male, 63, 0, "2039-12"),
        ("1970-01", .female55, 55, 1, "2025-02"), ("1970-04", .female55, 55, 1, "2025-05"),
        ("1981-09", .female55, 58, 0, "2039-09"),
        ("1975-01", .female50, 50, 1, "2025-02"), ("1975-02", .female50, 50, 1, "2025-03"),
        ("1975-03", .female50, 50, 2, "2025-05"), ("1975-04", .female50, 50, 2, "2025-06"),
        ("1984-09", .female50, 54, 11, "2039-08"), ("1984-10", .female50, 54, 11, "2039-09"),
        ("1984-11", .female50, 55, 0, "2039-11"),
    ])
    func officialCohortRows(born: String, group: RetirementGroup, years: Int, months: Int, retires: String) throws {
        let month = try Month(parsing: born)
        #expect(Retirement.ageMonths(born: month, group: group) == years * 12 + months)
        #expect(Retirement.month(born: month, group: group).description == retires)
    }

    @Test func theCommandPrintsJSON() throws {
        let result = try wancun(["retirement", "--born", "1976-05", "--group", "male", "--format", "json"])
        let json = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as! [String: Any]
        #expect(json["age_years"] as? Int == 62 && json["age_months"] as? Int == 11 && json["retirement_month"] as? String == "2039-04")
        #expect(try wancun(["retirement", "--born", "1976-13", "--group", "male"]).status == 64)
    }
}

/// A database where point P and operator O qualify for October 2026, every rule passing;
/// each test changes one thing.
struct SubsidyFixture {
    let db: AppDatabase
    let point: Point
    let person: Operator
    static let month = Month(year: 2026, month: 10)!

    init(
        born: String = "19800101", verified: Bool = true, parcelsPerMonth: Int = 12, village: String = "330424101201",
        otherPostsKnown: Bool = true, difficulty: DifficultyCategory = .disabled,
        certifiedOn: LocalDate = LocalDate(year: 2024, month: 1, day: 1)!
    ) throws {
        db = try AppDatabase()
        _ = try db.importDivisions(from: haiyanCSV, context: testContext)
        _ = try db.importPolicy(from: repositoryRoot.appendingPathComponent("seed/policy.csv").path, context: testContext)
        point = try db.addPoint(
            NewPoint(
                village: try DivisionCode(parsing: village), name: "新丰村电商服务站", planYear: 2025, openedOn: LocalDate(year: 2025, month: 1, day: 1),
                override: DivisionCode(trusted: village).isRuralVillage ? .none : Override(force: true, reason: "社区服务点（测试）")),
            context: testContext)
        person = try db.addOperator(
            NewOperator(
                name: "周示例", idNumber: ResidentID.withCheckCharacter("330424\(born)001"), phone: "13900001111", difficulty: difficulty,
                certificateNo: "海困2024-1", certifiedOn: certifiedOn,
                override: difficulty == .age4050 ? Override(force: true, reason: "认定如此（测试）") : .none),
            context: testContext)
        _ = try db.assign(
            NewAssignment(
                pointCode: point.code, idNumber: person.idNumber, from: LocalDate(year: 2025, month: 1, day: 1)!, contractType: .labour,
                contractFrom: LocalDate(year: 2025, month: 1, day: 1), contractTo: LocalDate(year: 2027, month: 12, day: 31)),
            context: testContext)
        if verified {
            try db.verifyPoint(point.code, hrRef: "海人社核〔2025〕1号", on: LocalDate(year: 2025, month: 6, day: 1)!, until: nil, context: testContext)
        }
        _ = try db.addCourier(NewCourier(name: "邮政", brand: "中国邮政", creditCode: nil), context: testContext)
        for month in 7...10 { try addParcels(parcelsPerMonth, month: Month(year: 2026, month: month)!) }
        if otherPostsKnown {
            for month in 1...10 { try db.recordNoOtherPosts(month: Month(year: 2026, month: month)!, source: "县人社局函复（测试）", context: testContext) }
        }
    }

    func addParcels(_ count: Int, month: Month, point code: String? = nil) throws {
        for n in 0..<count {
            try db.parcelArrived(
                pointCode: code ?? point.code, waybill: "\(code ?? point.code)-\(month)-\(n)", courier: "邮政",
                at: LocalDateTime(date: month.firstDay.adding(days: n % 28), hour: 9, minute: 0), context: testContext)
        }
    }

    func check(_ month: Month = SubsidyFixture.month) throws -> (Int64, SubsidyResult) {
        let info = try db.runSubsidyCheck(month: month, context: testContext)
        let result = try #require(try db.subsidyResults(info.run.id!).first { $0.pointCode == point.code })
        return (info.run.id!, result)
    }
}

@Suite struct SubsidyRuleTests {
    @Test func theFixtureQualifies() throws {
        let f = try SubsidyFixture()
        let (_, result) = try f.check()
        #expect(result.eligible, "\(result.failing)")
        #expect(result.amount == Fen(150000))
        #expect(result.outcomes.map(\.rule) == SubsidyRule.allCases.filter { $0 != .otherPostsMissing })
        #expect(result.outcomes.first { $0.rule == .lowActivity }!.evidence.map(\.0) == ["parcels", "purchases", "minimum"])
        #expect(result.outcomes.first { $0.rule == .lowActivity }!.evidence[0].1 == "12")
    }

    /// Each case breaks one rule; that rule, and only it, fails.
    @Test(arguments: SubsidyRule.allCases)
    func eachRuleFailsAlone(rule: SubsidyRule) throws {
        let f = try SubsidyFixture(
            verified: rule != .pointNotVerified, parcelsPerMonth: rule == .lowActivity ? 3 : 12,
            village: rule == .pointNotRural ? "330424101003" : "330424101201", otherPostsKnown: rule != .otherPostsMissing)
        let db = f.db
        let oct = SubsidyFixture.month
        switch rule {
        case .pointNotInPlan:
            var edit = PointEdit()
            edit.planYear = 2027
            _ = try db.editPoint(f.point.code, edit, context: testContext)
        case .pointNotOperating:
            // After the fixture's parcels of the 1st to the 12th, which then all count.
            try db.changeStatus(f.point.code, to: .suspended, reason: "病假", on: LocalDate(year: 2026, month: 10, day: 13), context: testContext)
        case .operatorMissing:
            try db.unassign(f.point.code, on: LocalDate(year: 2026, month: 10, day: 1)!, reason: "离任", context: testContext)
        case .noDifficultyCert:
            try db.setPolicy(
                .acceptedCategories, value: "4050,land-lost", from: LocalDate(year: 2026, month: 1, day: 1)!, source: "测试", context: testContext)
        case .noContract:
            try db.write { try $0.execute(sql: "UPDATE assignment SET contract_to = '2026-10-15'") }
        case .retired:
            // Born 1966-06: statutory retirement 2026-11; an agreed early retirement from 2026-10.
            break
        case .monthsExhausted:
            try db.setOpeningBalance(
                idNumber: f.person.idNumber, months: 36, asOf: Month(year: 2026, month: 9)!, first: nil, source: "台账", context: testContext)
        case .doublePost:
            let file = writeTemporaryFile("other.csv", "公民身份号码,姓名,单位\n\(f.person.idNumber),周示例,县民政局\n")
            _ = try db.importOtherPosts(from: file, month: oct, context: testContext)
        case .pointNotVerified, .lowActivity, .pointNotRural, .otherPostsMissing:
            break
        }
        var result: SubsidyResult
        if rule == .retired {
            let g = try SubsidyFixture(born: "19660615")
            #expect(try g.check().1.eligible)
            try g.db.overrideRetirement(idNumber: g.person.idNumber, month: oct, reason: "本人申请提前退休", context: testContext)
            result = try g.check().1
        } else {
            result = try f.check().1
        }
        #expect(result.failing == [rule])
        #expect(!result.eligible && result.amount == .zero)
    }

    @Test func allFailingRulesAreListed() throws {
        let f = try SubsidyFixture(verified: false, parcelsPerMonth: 2)
        var edit = PointEdit()
        edit.planYear = 2027
        _ = try f.db.editPoint(f.point.code, edit, context: testContext)
        #expect(try f.check().1.failing == [.pointNotInPlan, .pointNotVerified, .lowActivity])
    }

    @Test func oneOperatorAtTwoPointsIsPaidOnce() throws {
        let f = try SubsidyFixture()
        let other = try f.db.addPoint(
            NewPoint(
                village: try DivisionCode(parsing: "330424101202"), name: "董司村服务站", planYear: 2025,
                openedOn: LocalDate(year: 2025, month: 1, day: 1)),
            context: testContext)
        try f.db.verifyPoint(other.code, hrRef: "海人社核〔2025〕2号", on: LocalDate(year: 2025, month: 6, day: 1)!, until: nil, context: testContext)
        try f.addParcels(12, month: SubsidyFixture.month, point: other.code)
        try f.db.unassign(f.point.code, on: LocalDate(year: 2026, month: 10, day: 21)!, reason: "调任", context: testContext)
        _ = try f.db.assign(
            NewAssignment(
                pointCode: other.code, idNumber: f.person.idNumber, from: LocalDate(year: 2026, month: 10, day: 21)!, contractType: .labour,
                contractFrom: LocalDate(year: 2026, month: 10, day: 21), contractTo: LocalDate(year: 2027, month: 12, day: 31)),
            context: testContext)
        let (run, result) = try f.check()
        #expect(result.eligible)  // 20 days at the first point
        let second = try #require(try f.db.subsidyResults(run).first { $0.pointCode == other.code })
        #expect(second.failing == [.doublePost])
        #expect(second.outcomes.first { $0.rule == .doublePost }!.evidence.contains { $0 == ("other_point", f.point.code) })
    }

    /// Someone whose first subsidised month was fewer than 60 months before retirement may
    /// continue past 36 months; at 60 months they may not.
    @Test(arguments: [(59, true), (60, false)])
    func nearRetirementExceptionAtItsEdge(monthsBefore: Int, eligible: Bool) throws {
        // Born 1966-06: statutory retirement 2026-11.
        let f = try SubsidyFixture(born: "19660615")
        let retirement = Month(year: 2026, month: 11)!
        try f.db.setOpeningBalance(
            idNumber: f.person.idNumber, months: 36, asOf: Month(year: 2026, month: 9)!, first: retirement.adding(months: -monthsBefore),
            source: "台账", context: testContext)
        let result = try f.check().1
        #expect(result.eligible == eligible)
        #expect(result.monthsBefore == 36)
        #expect(result.monthsIncluding == (eligible ? 37 : 36))
    }

    @Test func theCapCountsFinalizedMonthsAndTheOpeningBalanceLessRejectedOnes() throws {
        let f = try SubsidyFixture()
        try f.db.setOpeningBalance(
            idNumber: f.person.idNumber, months: 34, asOf: Month(year: 2026, month: 7)!, first: nil, source: "2023—2026年台账", context: testContext)
        var finals: [Int64] = []
        for (month, used) in [(8, 35), (9, 36)] {
            let (run, result) = try f.check(Month(year: 2026, month: month)!)
            #expect(result.eligible && result.monthsIncluding == used)
            // A draft does not count; only a final run does.
            try f.db.finalizeRun(run, context: testContext)
            finals.append(run)
        }
        let (_, october) = try f.check()
        #expect(october.failing == [.monthsExhausted])
        // The bureau rejected September: that month is not used after all.
        try f.db.write { db in
            try db.execute(sql: "INSERT INTO hr_decision (run_id, operator_id, approved) VALUES (?, ?, 0)", arguments: [finals[1], f.person.id])
        }
        let (_, again) = try f.check()
        #expect(again.eligible && again.monthsBefore == 35)
    }

    @Test func retirementOverridesStayWithinThreeYearsAndAreAudited() throws {
        let f = try SubsidyFixture(born: "19660615")
        #expect(
            throws: SubsidyError.overrideOutOfRange(
                Month(year: 2026, month: 5)!, earliest: Month(year: 2026, month: 6)!, latest: Month(year: 2029, month: 11)!)
        ) {
            try f.db.overrideRetirement(idNumber: f.person.idNumber, month: Month(year: 2026, month: 5)!, reason: "x", context: testContext)
        }
        try f.db.overrideRetirement(idNumber: f.person.idNumber, month: Month(year: 2028, month: 1)!, reason: "协议延迟退休", context: testContext)
        let entry = try #require(try f.db.auditEntries(AuditFilter(operatorIdNumber: f.person.idNumber)).last)
        #expect(entry.action == "operator.retirement" && entry.reason == "协议延迟退休")
        #expect(try f.check(Month(year: 2026, month: 10)!).1.eligible)
    }

    @Test func policyValuesHoldFromTheirDate() throws {
        let f = try SubsidyFixture()
        try f.db.setPolicy(
            .monthlyAmount, value: "180000", from: LocalDate(year: 2026, month: 10, day: 1)!, source: "海人社〔2026〕9号", context: testContext)
        #expect(try f.db.policy(on: LocalDate(year: 2026, month: 9, day: 30)!).monthlyAmount == Fen(150000))
        #expect(try f.db.policy(on: LocalDate(year: 2026, month: 10, day: 1)!).monthlyAmount == Fen(180000))
        #expect(try f.check(Month(year: 2026, month: 9)!).1.amount == Fen(150000))
        #expect(try f.check().1.amount == Fen(180000))
        #expect(throws: SubsidyError.policyValueInvalid("min_operating_days", "40")) {
            try f.db.setPolicy(.minOperatingDays, value: "40", from: LocalDate(year: 2026, month: 1, day: 1)!, source: "x", context: testContext)
        }
        #expect(try f.db.auditEntries(AuditFilter()).contains { $0.action == "policy.set" && $0.reason == "海人社〔2026〕9号" })
    }
}

@Suite struct SubsidyRunTests {
    @Test func runsAreImmutableAndOneIsFinalPerMonth() throws {
        let f = try SubsidyFixture()
        let (a, _) = try f.check()
        #expect(throws: (any Error).self) { try f.db.write { try $0.execute(sql: "UPDATE subsidy_result SET amount_fen = 1") } }
        #expect(throws: (any Error).self) { try f.db.write { try $0.execute(sql: "DELETE FROM subsidy_run") } }
        #expect(throws: (any Error).self) { try f.db.write { try $0.execute(sql: "UPDATE subsidy_run SET inputs_sha256 = policy_sha256") } }
        try f.db.finalizeRun(a, context: testContext)
        let (b, _) = try f.check()
        #expect(throws: SubsidyError.finalExists(SubsidyFixture.month, a)) { try f.db.finalizeRun(b, context: testContext) }
        #expect(throws: SubsidyError.replaceNeedsReason) { try f.db.finalizeRun(b, replacing: true, context: testContext) }
        try f.db.finalizeRun(b, replacing: true, reason: "补录了10月包裹", context: testContext)
        #expect(try f.db.subsidyRun(a).run.status == .replaced)
        #expect(try f.db.subsidyRun(b).run.status == .final)
        // Once the bureau's answer is reconciled against a final run, it stays.
        try f.db.write {
            try $0.execute(sql: "INSERT INTO hr_decision (run_id, operator_id, approved) VALUES (?, ?, 1)", arguments: [b, f.person.id])
        }
        let (c, _) = try f.check()
        #expect(throws: SubsidyError.reconciled(b)) { try f.db.finalizeRun(c, replacing: true, reason: "x", context: testContext) }
    }

    @Test func hashesAndDiff() throws {
        let f = try SubsidyFixture()
        let (a, _) = try f.check()
        let (b, _) = try f.check()
        let ra = try f.db.subsidyRun(a).run
        let rb = try f.db.subsidyRun(b).run
        #expect(ra.inputsSha256 == rb.inputsSha256 && ra.policySha256 == rb.policySha256)
        #expect(try f.db.subsidyDiff(a, b).isEmpty)
        try f.db.changeStatus(f.point.code, to: .suspended, reason: "病假", on: LocalDate(year: 2026, month: 10, day: 13), context: testContext)
        let (c, _) = try f.check()
        #expect(try f.db.subsidyRun(c).run.inputsSha256 != ra.inputsSha256)
        let diff = try f.db.subsidyDiff(a, c)
        #expect(diff.map(\.code) == [f.point.code])
        #expect(diff[0].before?.eligible == true && diff[0].after?.failing == [.pointNotOperating])
        let summary = try f.db.subsidySummary(c)
        #expect(summary.map(\.town) == ["沈荡镇"] && summary[0].eligible == 0)
    }
}

@Suite(.serialized) struct RosterTests {
    static func finalRun() throws -> (SubsidyFixture, Int64) {
        let f = try SubsidyFixture()
        let (run, _) = try f.check()
        return (f, run)
    }

    @Test func aDraftIsNotExported() throws {
        let (f, run) = try Self.finalRun()
        let path = temporaryDirectory().appendingPathComponent("r.xlsx").path
        #expect(throws: SubsidyError.runNotFinal(run)) { try f.db.exportRoster(run: run, to: path, context: testContext) }
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test func theRosterMatchesItsGoldenXMLAndIsDeterministic() throws {
        let (f, run) = try Self.finalRun()
        try f.db.write { try $0.execute(sql: "UPDATE subsidy_run SET status = 'final', finalized_at = '2026-11-05T10:00:00+08:00'") }
        let dir = temporaryDirectory()
        let one = try f.db.exportRoster(run: run, to: dir.appendingPathComponent("a.xlsx").path, context: testContext)
        let two = try f.db.exportRoster(run: run, to: dir.appendingPathComponent("b.xlsx").path, context: testContext)
        #expect(try Data(contentsOf: URL(fileURLWithPath: one.path)) == Data(contentsOf: URL(fileURLWithPath: two.path)))
        #expect(one.sha256 == two.sha256 && one.rows == 1 && one.total == Fen(150000))
        let manifest = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: one.manifestPath))) as! [String: Any]
        #expect(manifest["run_id"] as? Int == Int(run) && manifest["total_fen"] as? Int == 150000 && manifest["sha256"] as? String == one.sha256)
        let archive = try Archive(url: URL(fileURLWithPath: one.path), accessMode: .read)
        for part in ["xl/worksheets/sheet1.xml", "xl/sharedStrings.xml", "xl/styles.xml"] {
            var xml = Data()
            _ = try archive.extract(archive[part]!) { xml.append($0) }
            let golden = repositoryRoot.appendingPathComponent("Tests/Golden/roster-\((part as NSString).lastPathComponent)")
            if ProcessInfo.processInfo.environment["WANCUN_UPDATE_GOLDEN"] == "1" { try xml.write(to: golden) }
            #expect(xml == (try Data(contentsOf: golden)), "\(part) differs from its golden file (WANCUN_UPDATE_GOLDEN=1 rewrites it)")
        }
        let rows = try readAll(one.path)
        #expect(rows[0] == ["海盐县2026年10月村级电商服务点公益性岗位补贴花名册"])
        #expect(rows[1] == RosterField.allCases.map(\.header))
        #expect(rows[2][7] == f.person.idNumber && rows[2][13] == "1500")
        #expect(rows[3].first == "合计" && rows[5].contains("制表日期：2026-11-05"))
    }

    @Test func aCountyProfileChoosesAndOrdersTheColumns() throws {
        let (f, run) = try Self.finalRun()
        try f.db.finalizeRun(run, context: testContext)
        let profile = writeTemporaryFile("profile.csv", "field,header\nseq,序号\nname,姓名\nid_number,身份证号码\namount,金额\n")
        let path = temporaryDirectory().appendingPathComponent("r.csv").path
        _ = try f.db.exportRoster(run: run, to: path, profile: try RosterProfile.load(path: profile), context: testContext)
        let rows = try readAll(path)
        #expect(rows[1] == ["序号", "姓名", "身份证号码", "金额"])
        #expect(rows[2] == ["1", "周示例", f.person.idNumber, "1500.00"])
        let bad = writeTemporaryFile("bad.csv", "field\nnickname\n")
        #expect(throws: SubsidyError.profileFieldUnknown("nickname")) { try RosterProfile.load(path: bad) }
    }
}

@Suite(.serialized) struct SubsidyEndToEndTests {
    @Test func theMonthlyJobThroughTheBinary() throws {
        let path = try sharedDemoCopy()
        let runs = try wancun(["subsidy", "runs", "--db", path, "--format", "json"])
        let list = try JSONSerialization.jsonObject(with: Data(runs.stdout.utf8)) as! [[String: Any]]
        #expect(list.count == 1)
        #expect(list[0]["id"] as? Int == 1 && list[0]["month"] as? String == "2026-10" && list[0]["status"] as? String == "final")
        let show = try wancun(["subsidy", "show", "1", "--only", "ineligible", "--db", path, "--format", "json"])
        let items = try JSONSerialization.jsonObject(with: Data(show.stdout.utf8)) as! [[String: Any]]
        #expect(!items.isEmpty)
        #expect(items.allSatisfy { ($0["eligible"] as? Bool) == false && !($0["failing_rules"] as! [String]).isEmpty })
        #expect((items[0]["rules"] as! [[String: Any]]).first?["evidence"] is [String: String])
        #expect(!show.stdout.contains(try AppDatabase(path: path).operators()[0].0.idNumber))
        // A new check is a draft; exporting it is refused; finalizing it needs --replace and a reason.
        let check = try wancun(["subsidy", "check", "--month", "2026-10", "--db", path])
        #expect(check.status == 0 && check.stdout.contains("第 2 次核查"))
        let out = temporaryDirectory().appendingPathComponent("r.xlsx").path
        let refused = try wancun(["subsidy", "export", "2", "--out", out, "--db", path])
        #expect(refused.status == 1 && refused.stderr.contains("尚未定稿"))
        #expect(try wancun(["subsidy", "finalize", "2", "--db", path]).stderr.contains("--replace --reason"))
        // The demo reconciled run 1 with the bureau's answer: it can no longer be replaced.
        let replaced = try wancun(["subsidy", "finalize", "2", "--replace", "--reason", "补录", "--db", path])
        #expect(replaced.status == 1 && replaced.stderr.contains("已与人社局反馈对账"))
        #expect(try wancun(["subsidy", "check", "--month", "2026-09", "--db", path]).status == 0)
        #expect(try wancun(["subsidy", "finalize", "3", "--db", path]).status == 0)
        let export = try wancun(["subsidy", "export", "3", "--out", out, "--db", path])
        #expect(export.status == 0, "\(export.stderr)")
        // September had no ledgers in the demo: nobody qualified, the roster has a header and totals.
        let roster = try readAll(out)
        #expect(roster[1][7] == "公民身份号码" && roster[2].first == "合计")
        let diff = try wancun(["subsidy", "diff", "1", "2", "--db", path])
        #expect(diff.stdout.contains("两次核查结果相同"))
        let months = try wancun(["subsidy", "diff", "1", "3", "--db", path, "--format", "json"])
        #expect(months.status == 0)
        let policy = try wancun(["policy", "show", "--db", path, "--on", "2026-10-01", "--format", "json"])
        let values = try JSONSerialization.jsonObject(with: Data(policy.stdout.utf8)) as! [[String: Any]]
        #expect(values.map { $0["key"] as! String } == PolicyKey.allCases.map(\.rawValue))
    }
}
