import Foundation
import GRDB
import Testing

@testable import WancunKit

/// A context on another day, for checks and registrations in a month other than the fixture's.
func context(on day: String, clerk: String = "测试员") -> ChangeContext {
    ChangeContext(clerk: clerk, today: try! LocalDate(parsing: day))
}

func month(_ text: String) -> Month { try! Month(parsing: text) }
func day(_ text: String) -> LocalDate { try! LocalDate(parsing: text) }

extension SubsidyFixture {
    /// A second operator, certified and ready to be assigned.
    func addOperator(_ name: String, first17: String, phone: String) throws -> Operator {
        try db.addOperator(
            NewOperator(
                name: name, idNumber: ResidentID.withCheckCharacter(first17), phone: phone, difficulty: .landLost,
                certificateNo: "海困2024-\(phone.suffix(2))", certifiedOn: day("2024-01-01")),
            context: testContext)
    }

    func assign(_ person: Operator, at code: String? = nil, from: String) throws {
        _ = try db.assign(
            NewAssignment(
                pointCode: code ?? point.code, idNumber: person.idNumber, from: day(from), contractType: .labour,
                contractFrom: day("2025-01-01"), contractTo: day("2027-12-31")),
            context: testContext)
    }

    /// A woman (retirement group as given) takes over the point from the last day of 2025.
    func handOverToAWoman(born: String, group: RetirementGroup) throws -> Operator {
        let woman = try db.addOperator(
            NewOperator(
                name: "沈女士", idNumber: ResidentID.withCheckCharacter("330424\(born)002"), phone: "13900003333", difficulty: .landLost,
                certificateNo: "C9", certifiedOn: day("2024-01-01"), retirementGroup: group),
            context: testContext)
        try unassign(on: "2025-12-31")
        try assign(woman, from: "2025-12-31")
        return woman
    }

    func unassign(_ code: String? = nil, on: String) throws {
        try db.unassign(code ?? point.code, on: day(on), reason: "调整", context: testContext)
    }

    /// A second in-plan, verified point with the month's activity.
    func addPoint(_ village: String, name: String) throws -> Point {
        let other = try db.addPoint(
            NewPoint(village: try DivisionCode(parsing: village), name: name, planYear: 2025, openedOn: day("2025-01-01")), context: testContext)
        try db.verifyPoint(other.code, hrRef: "海人社核〔2025〕9号", on: day("2025-06-01"), until: nil, context: testContext)
        try addParcels(12, month: SubsidyFixture.month, point: other.code)
        return other
    }

    func result(_ run: Int64, _ code: String? = nil) throws -> SubsidyResult {
        try #require(try db.subsidyResults(run, only: .all).first { $0.pointCode == (code ?? point.code) })
    }

    /// Final, not-rejected paid months of the person plus the opening balance.
    func monthsPaid(_ person: Operator? = nil) throws -> Int {
        try db.read { db in try AppDatabase.paidMonths(db, except: nil)[(person ?? self.person).id!]?.months ?? 0 }
    }
}

func evidence(_ result: SubsidyResult, _ rule: SubsidyRule, _ key: String) -> String? {
    result.outcomes.first { $0.rule == rule }?.evidence.first { $0.0 == key }?.1
}

/// Item 1: the 36-month cap holds whatever order months are checked and finalized in.
@Suite struct SubsidyCapTests {
    @Test(arguments: [false, true])
    func twoDraftsMadeNearTheCapAreNotBothPaid(laterFirst: Bool) throws {
        let f = try SubsidyFixture()
        try f.db.setOpeningBalance(idNumber: f.person.idNumber, months: 35, asOf: month("2026-07"), first: nil, source: "台账", context: testContext)
        let (aug, a) = try f.check(month("2026-08"))
        let (sep, b) = try f.check(month("2026-09"))
        #expect(a.eligible && b.eligible && a.monthsBefore == 35 && b.monthsBefore == 35)
        let (first, second) = laterFirst ? (sep, aug) : (aug, sep)
        try f.db.finalizeRun(first, context: testContext)
        // The other draft counted 35 months; now 36 are used: it is refused, naming the change.
        do {
            try f.db.finalizeRun(second, context: testContext)
            Issue.record("a stale draft was finalized")
        } catch let SubsidyError.draftStale(id, changes) {
            #expect(id == second && changes.contains { $0.hasPrefix(f.point.code) && $0.contains("months_used") })
        }
        let again = try f.check(laterFirst ? month("2026-08") : month("2026-09"))
        #expect(again.1.failing == [.monthsExhausted] && again.1.monthsBefore == 36)
        try f.db.finalizeRun(again.0, context: testContext)
        #expect(try f.monthsPaid() == 36)
        // October, checked last, sees both.
        #expect(try f.check().1.failing == [.monthsExhausted])
    }

    @Test func replacingAnEarlierMonthCannotOpenAHole() throws {
        let f = try SubsidyFixture()
        try f.db.setOpeningBalance(idNumber: f.person.idNumber, months: 34, asOf: month("2026-07"), first: nil, source: "台账", context: testContext)
        for m in ["2026-08", "2026-09"] { try f.db.finalizeRun(try f.check(month(m)).0, context: testContext) }
        #expect(try f.monthsPaid() == 36)
        // August checked again counts September: replacing it keeps the person at 36.
        let (redo, r) = try f.check(month("2026-08"))
        #expect(r.eligible && r.monthsBefore == 35)
        try f.db.finalizeRun(redo, replacing: true, reason: "补录包裹", context: testContext)
        #expect(try f.monthsPaid() == 36)
        #expect(try f.check().1.failing == [.monthsExhausted])
    }

    @Test func theCheckAndFinalizeCountLaterFinalMonthsToo() throws {
        let f = try SubsidyFixture()
        try f.db.setOpeningBalance(idNumber: f.person.idNumber, months: 35, asOf: month("2026-06"), first: nil, source: "台账", context: testContext)
        try f.db.finalizeRun(try f.check(month("2026-10")).0, context: testContext)
        // September, checked after October was paid, is the 37th month.
        let (_, sep) = try f.check(month("2026-09"))
        #expect(sep.failing == [.monthsExhausted] && sep.monthsBefore == 36)
    }

    /// Every fact a rule reads is in the inputs: changing any of them after a draft makes
    /// finalizing refuse.
    @Test(arguments: [
        "plan_year", "village", "verification", "status", "parcel", "purchase", "second operator", "contract", "difficulty",
        "certified_on", "retirement", "opening balance", "other month final", "bureau rejection", "other posts", "policy",
        "operator name", "phone", "point name",
    ])
    func everyFactChangedAfterADraftStopsFinalize(fact: String) throws {
        let f = try SubsidyFixture()
        let (sep, _) = try f.check(month("2026-09"))
        try f.db.finalizeRun(sep, context: testContext)
        let (draft, _) = try f.check()
        let db = f.db
        switch fact {
        case "plan_year":
            var edit = PointEdit()
            edit.planYear = 2024
            _ = try db.editPoint(f.point.code, edit, context: testContext)
        case "village":
            try db.write { try $0.execute(sql: "UPDATE point SET village_id = (SELECT id FROM division WHERE code = '330424101202')") }
        case "verification":
            try db.verifyPoint(f.point.code, hrRef: "海人社核〔2026〕3号", on: day("2026-10-15"), until: nil, context: testContext)
        case "status":
            try db.changeStatus(f.point.code, to: .suspended, reason: "装修", on: day("2026-10-30"), context: testContext)
        case "parcel":
            try db.parcelArrived(
                pointCode: f.point.code, waybill: "EXTRA-1", courier: "邮政", at: LocalDateTime(date: day("2026-10-20"), hour: 9, minute: 0),
                context: testContext)
        case "purchase":
            try db.write {
                try $0.execute(
                    sql: "INSERT INTO purchase (point_id, platform, order_no, category, amount_fen, "
                        + "on_date) VALUES (?, '拼多多', 'P1', 'daily-goods', 1000, '2026-10-05')",
                    arguments: [f.point.id])
            }
        case "second operator":
            let other = try f.addOperator("吴另一", first17: "33042419750101003", phone: "13900002222")
            try f.unassign(on: "2026-10-30")
            try f.assign(other, from: "2026-10-30")
        case "contract":
            try db.write { try $0.execute(sql: "UPDATE assignment SET contract_to = '2028-12-31'") }
        case "difficulty":
            try db.write { try $0.execute(sql: "UPDATE operator SET difficulty = 'land-lost'") }
        case "certified_on":
            try db.write { try $0.execute(sql: "UPDATE operator SET certified_on = '2024-02-01'") }
        case "retirement":
            try db.write {
                try $0.execute(
                    sql: "INSERT INTO retirement_override (operator_id, retirement_month, reason) VALUES (?, '2041-01', '协议')",
                    arguments: [f.person.id])
            }
        case "opening balance":
            try db.setOpeningBalance(idNumber: f.person.idNumber, months: 3, asOf: month("2025-12"), first: nil, source: "台账", context: testContext)
        case "other month final":
            try db.finalizeRun(try f.check(month("2026-08")).0, context: testContext)
        case "bureau rejection":
            try db.write {
                try $0.execute(sql: "INSERT INTO hr_decision (run_id, operator_id, approved) VALUES (?, ?, 0)", arguments: [sep, f.person.id])
            }
        case "other posts":
            let file = writeTemporaryFile("other.csv", "公民身份号码,姓名,单位\n\(f.person.idNumber),周示例,县民政局\n")
            _ = try db.importOtherPosts(from: file, month: SubsidyFixture.month, context: testContext)
        case "policy":
            try db.setPolicy(.tieRule, value: "earlier_start", from: day("2026-01-01"), source: "县细则", context: testContext)
        case "operator name":
            var edit = OperatorEdit()
            edit.name = "周示列"
            _ = try db.editOperator(f.person.idNumber, edit, context: testContext)
        case "phone":
            var edit = OperatorEdit()
            edit.phone = "13900001112"
            _ = try db.editOperator(f.person.idNumber, edit, context: testContext)
        case "point name":
            var edit = PointEdit()
            edit.name = "聚金村电商服务中心"
            _ = try db.editPoint(f.point.code, edit, context: testContext)
        default:
            Issue.record("unknown fact \(fact)")
        }
        do {
            try db.finalizeRun(draft, context: testContext)
            Issue.record("finalized after \(fact) changed")
        } catch let SubsidyError.draftStale(id, changes) {
            #expect(id == draft && !changes.isEmpty)
            if fact == "policy" {
                #expect(changes.contains("policy"))
            } else {
                #expect(changes.contains { $0.hasPrefix(f.point.code) }, "\(changes)")
            }
        }
        #expect(try db.subsidyRun(draft).run.status == .draft)
        // Checked again, it may be finalized.
        try db.finalizeRun(try f.check().0, context: testContext)
    }

    @Test func anUnchangedDraftIsFinalized() throws {
        let f = try SubsidyFixture()
        let (draft, _) = try f.check()
        try f.db.finalizeRun(draft, context: testContext)
        #expect(try f.db.subsidyRun(draft).run.status == .final)
    }
}

/// Item 2: a month is paid for work done.
@Suite struct SubsidyMonthEndTests {
    @Test func aMonthThatHasNotEndedIsRefused() throws {
        let f = try SubsidyFixture()
        #expect(throws: SubsidyError.monthNotOver(month("2026-10"), today: day("2026-10-31"), fromDay: nil)) {
            try f.db.runSubsidyCheck(month: month("2026-10"), context: context(on: "2026-10-31"))
        }
        #expect(throws: SubsidyError.monthInFuture(month("2026-11"))) {
            try f.db.runSubsidyCheck(month: month("2026-11"), context: context(on: "2026-10-31"))
        }
        let run = try f.db.runSubsidyCheck(month: month("2026-10"), context: context(on: "2026-11-01"))
        #expect(run.run.asOf == nil && run.eligible == 1)
    }

    @Test func fromTheCountysDayAnEarlyCheckRecordsItsDateOnTheRoster() throws {
        let f = try SubsidyFixture()
        try f.db.setPolicy(.checkFromDay, value: "25", from: day("2026-01-01"), source: "县人社局报送时间要求", context: testContext)
        #expect(throws: SubsidyError.monthNotOver(month("2026-10"), today: day("2026-10-24"), fromDay: 25)) {
            try f.db.runSubsidyCheck(month: month("2026-10"), context: context(on: "2026-10-24"))
        }
        let early = try f.db.runSubsidyCheck(month: month("2026-10"), context: context(on: "2026-10-25"))
        #expect(early.run.asOf == day("2026-10-25") && early.eligible == 1)
        // The days after it count as registered: the point operates the whole month.
        #expect(evidence(try f.result(early.run.id!), .pointNotOperating, "operating_days") == "31")
        try f.db.finalizeRun(early.run.id!, context: context(on: "2026-10-26"))
        let path = temporaryDirectory().appendingPathComponent("r.xlsx").path
        _ = try f.db.exportRoster(run: early.run.id!, to: path, context: testContext)
        #expect(try readAll(path).joined().contains { $0.contains("截至 2026-10-25 核查") })
        #expect(try f.db.auditEntries(AuditFilter()).contains { $0.action == "subsidy.check" && ($0.after ?? "").contains("2026-10-25") })
    }

    @Test func aBadValueForTheDayIsRefused() throws {
        let f = try SubsidyFixture()
        for bad in ["0", "32", "soon"] {
            #expect(throws: SubsidyError.policyValueInvalid("check_from_day", bad)) {
                try f.db.setPolicy(.checkFromDay, value: bad, from: day("2026-01-01"), source: "x", context: testContext)
            }
        }
    }
}

/// Item 3: the month goes to the person with the most days, summed over their stints.
@Suite struct SubsidyMostDaysTests {
    @Test func daysAreSummedPerPerson() throws {
        let f = try SubsidyFixture()
        let h = try f.addOperator("何十一", first17: "33042419750101003", phone: "13900002222")
        try f.unassign(on: "2026-10-11")  // 1–10
        try f.assign(h, from: "2026-10-11")
        try f.unassign(on: "2026-10-22")  // 11–21
        try f.assign(f.person, from: "2026-10-22")  // 22–31
        let (_, r) = try f.check()
        #expect(r.operatorName == f.person.name && r.eligible)
        #expect(evidence(r, .operatorMissing, "days") == "20")
        #expect(evidence(r, .operatorMissing, "operators") == "\(f.person.name):20,\(h.name):11")
    }

    @Test(arguments: [("last_day", "H"), ("earlier_start", "G"), ("later_start", "H")])
    func aTieIsDecidedByTheCountysRule(rule: String, winner: String) throws {
        let f = try SubsidyFixture()
        if rule != "last_day" { try f.db.setPolicy(.tieRule, value: rule, from: day("2026-01-01"), source: "县细则", context: testContext) }
        let h = try f.addOperator("何平", first17: "33042419750101003", phone: "13900002222")
        try f.unassign(on: "2026-10-11")  // G: 1–10
        try f.assign(h, from: "2026-10-11")
        try f.unassign(on: "2026-10-21")  // H: 11–20, nobody after
        let (_, r) = try f.check()
        #expect(r.operatorName == (winner == "G" ? f.person.name : h.name))
        #expect(evidence(r, .operatorMissing, "tie_rule") == rule)
        #expect(evidence(r, .operatorMissing, "operators") == "\(f.person.name):10,\(h.name):10")
    }
}

/// Item 4: only a post that is itself paid conflicts.
@Suite struct SubsidyDoublePostTests {
    @Test func anUnpaidPostTakesNothingFromAPaidOne() throws {
        let f = try SubsidyFixture(verified: false)
        let b = try f.addPoint("330424101202", name: "董司村服务站")
        try f.unassign(on: "2026-10-20")  // 19 days at the unverified point
        try f.assign(f.person, at: b.code, from: "2026-10-20")  // 12 days at the verified one
        let (run, a) = try f.check()
        #expect(a.failing == [.pointNotVerified])
        let paid = try f.result(run, b.code)
        #expect(paid.eligible, "\(paid.failing)")
        #expect(try f.db.subsidyRun(run).eligible == 1)
    }

    @Test func ofTwoPaidPostsTheOneWithMoreDaysKeepsThePersonExplained() throws {
        let f = try SubsidyFixture()
        let b = try f.addPoint("330424101202", name: "董司村服务站")
        try f.unassign(on: "2026-10-13")  // 12 days
        try f.assign(f.person, at: b.code, from: "2026-10-13")  // 19 days
        let (run, a) = try f.check()
        #expect(try f.result(run, b.code).eligible)
        #expect(a.failing == [.doublePost])
        #expect(evidence(a, .doublePost, "other_point") == b.code && evidence(a, .doublePost, "other_point_days") == "19")
        #expect(evidence(a, .doublePost, "days") == "12")
    }
}

/// Item 5: a month without the other departments' list is not yet known.
@Suite struct SubsidyOtherPostsTests {
    @Test func withoutTheListNobodyIsPaidUnlessTheClerkSaysWhy() throws {
        let f = try SubsidyFixture(otherPostsKnown: false)
        let (_, missing) = try f.check()
        #expect(missing.failing == [.otherPostsMissing] && missing.outcomes.allSatisfy { $0.rule != .doublePost })
        #expect(throws: SubsidyError.withoutOtherPostsNeedsReason) {
            try f.db.runSubsidyCheck(month: SubsidyFixture.month, withoutOtherPosts: "  ", context: testContext)
        }
        let waived = try f.db.runSubsidyCheck(month: SubsidyFixture.month, withoutOtherPosts: "民政局名单延迟，先行报送", context: testContext)
        #expect(waived.eligible == 1 && waived.run.withoutOtherPostsReason == "民政局名单延迟，先行报送")
        #expect(evidence(try f.result(waived.run.id!), .doublePost, "other_posts_list") == "waived")
        try f.db.finalizeRun(waived.run.id!, context: testContext)
        let path = temporaryDirectory().appendingPathComponent("r.xlsx").path
        _ = try f.db.exportRoster(run: waived.run.id!, to: path, context: testContext)
        #expect(try readAll(path).joined().contains { $0.contains("未取得其他部门公益性岗位名单（民政局名单延迟，先行报送）") })
    }

    @Test func anEmptyListIsRecordedAuditedAndTheWaiverIsThenRefused() throws {
        let f = try SubsidyFixture(otherPostsKnown: false)
        try f.db.recordNoOtherPosts(month: SubsidyFixture.month, source: "县人社局函复：无", context: testContext)
        let (_, r) = try f.check()
        #expect(r.eligible && evidence(r, .doublePost, "other_posts_list") == "none")
        #expect(try f.db.auditEntries(AuditFilter()).contains { $0.action == "subsidy.other_posts" && $0.reason == "县人社局函复：无" })
        #expect(throws: SubsidyError.otherPostsKnown(SubsidyFixture.month)) {
            try f.db.runSubsidyCheck(month: SubsidyFixture.month, withoutOtherPosts: "x", context: testContext)
        }
        // A loaded list is known too, and a person on it is not paid.
        let file = writeTemporaryFile("other.csv", "公民身份号码,姓名,单位\n\(f.person.idNumber),周示例,县民政局\n")
        _ = try f.db.importOtherPosts(from: file, month: SubsidyFixture.month, context: testContext)
        let (_, listed) = try f.check()
        #expect(listed.failing == [.doublePost] && evidence(listed, .doublePost, "other_posts") == "县民政局")
        // "None" would drop that list and pay the person: refused unless the list is replaced on purpose.
        #expect(throws: SubsidyError.otherPostsLoaded(SubsidyFixture.month)) {
            try f.db.recordNoOtherPosts(month: SubsidyFixture.month, source: "误以为无", context: testContext)
        }
        #expect(try f.check().1.failing == [.doublePost])
        try f.db.recordNoOtherPosts(month: SubsidyFixture.month, source: "县民政局更正：无", replacingList: true, context: testContext)
        #expect(try f.check().1.eligible)
        let line = try #require(try f.db.auditEntries(AuditFilter()).last { $0.action == "subsidy.other_posts" })
        #expect(line.reason == "县民政局更正：无" && line.before?.contains("file") == true)
    }
}

/// Item 6: an opening balance covers months before the registry paid.
@Suite struct OpeningBalanceTests {
    @Test func aBalanceOverlappingFinalRunsIsRefused() throws {
        let f = try SubsidyFixture()
        for m in ["2026-09", "2026-10"] { try f.db.finalizeRun(try f.check(month(m)).0, context: testContext) }
        #expect(throws: SubsidyError.openingBalanceOverlapsFinal(asOf: month("2026-10"), firstPaid: month("2026-09"))) {
            try f.db.setOpeningBalance(
                idNumber: f.person.idNumber, months: 10, asOf: month("2026-10"), first: nil, source: "台账", context: testContext)
        }
        #expect(throws: SubsidyError.openingBalanceOverCap(months: 35, paid: 2, maximum: 36)) {
            try f.db.setOpeningBalance(
                idNumber: f.person.idNumber, months: 35, asOf: month("2026-08"), first: nil, source: "台账", context: testContext)
        }
        try f.db.setOpeningBalance(idNumber: f.person.idNumber, months: 10, asOf: month("2026-08"), first: nil, source: "台账", context: testContext)
        #expect(try f.monthsPaid() == 12)
    }

    @Test func aMonthTheBalanceCoversIsNotPaidAgain() throws {
        let f = try SubsidyFixture()
        try f.db.setOpeningBalance(idNumber: f.person.idNumber, months: 10, asOf: month("2026-09"), first: nil, source: "台账", context: testContext)
        let (_, sep) = try f.check(month("2026-09"))
        #expect(sep.failing == [.monthsExhausted] && evidence(sep, .monthsExhausted, "opening_balance_as_of") == "2026-09")
        #expect(try f.check().1.eligible)
    }
}

/// Item 7: every point in the registry appears in the run.
@Suite struct SubsidyScopeTests {
    @Test func pointsOutOfScopeAreStoredWithTheirReason() throws {
        let f = try SubsidyFixture()
        let later = try f.db.addPoint(NewPoint(village: try DivisionCode(parsing: "330424101203"), name: "尤甪村服务站"), context: testContext)
        let closed = try f.addPoint("330424101204", name: "横泾村服务站")
        try f.db.changeStatus(closed.code, to: .closed, reason: "撤并", on: day("2026-09-15"), context: testContext)
        let planned = try f.db.addPoint(
            NewPoint(village: try DivisionCode(parsing: "330424101205"), name: "中钱村服务站"), context: context(on: "2026-09-01"))
        let info = try f.db.runSubsidyCheck(month: SubsidyFixture.month, context: testContext)
        #expect(info.points == 1 && info.eligible == 1)
        #expect(info.outOfScope == [.registeredAfterMonth: 1, .closedBeforeMonth: 1, .notOperatingInMonth: 1])
        let out = try f.db.subsidyResults(info.run.id!, only: .outOfScope)
        #expect(
            Dictionary(uniqueKeysWithValues: out.map { ($0.pointCode, $0.outOfScope) }) == [
                later.code: .registeredAfterMonth, closed.code: .closedBeforeMonth, planned.code: .notOperatingInMonth,
            ])
        #expect(try f.db.subsidyResults(info.run.id!, only: .ineligible).isEmpty)
        #expect(try f.db.subsidyRun(info.run.id!).points == 1 && f.db.subsidyRun(info.run.id!).outOfScope.values.reduce(0, +) == 3)
        #expect(try f.db.subsidySummary(info.run.id!).map(\.points) == [1])
        // A point that comes into scope changes the inputs.
        try f.db.changeStatus(planned.code, to: .operating, reason: "开业", on: day("2026-10-30"), context: testContext)
        #expect(throws: SubsidyError.self) { try f.db.finalizeRun(info.run.id!, context: testContext) }
    }

    @Test func theCommandSaysHowManyAndWhy() throws {
        let path = try sharedDemoCopy()
        let added = try wancun([
            "point", "add", "--village", "330424101204", "--name", "横泾村新服务站", "--plan-year", "2026", "--force", "--reason", "村里第二个点", "--db", path,
        ])
        #expect(added.status == 0, "\(added.stderr)")
        let check = try wancun(["subsidy", "check", "--month", "2026-10", "--db", path])
        #expect(check.status == 0 && check.stdout.contains("不在本月核查范围内") && check.stdout.contains("当月结束后才登记"))
        let shown = try wancun(["subsidy", "show", "2", "--only", "out-of-scope", "--format", "json", "--db", path])
        let items = try JSONSerialization.jsonObject(with: Data(shown.stdout.utf8)) as! [[String: Any]]
        #expect(items.contains { $0["point_name"] as? String == "横泾村新服务站" && $0["out_of_scope"] as? String == "REGISTERED_AFTER_MONTH" })
        let english = try wancun(["subsidy", "check", "--month", "2026-10", "--db", path, "--lang", "en"])
        #expect(english.stdout.contains("registered after the month"))
    }
}

/// Items 9, 10 and 11: 4050 ages, partial-month facts, urban points.
@Suite struct SubsidyFactTests {
    @Test(arguments: [("19700101", true), ("19800101", false)])
    func a4050CertificateNeedsTheAge(born: String, passes: Bool) throws {
        let f = try SubsidyFixture(born: born, difficulty: .age4050)
        let (_, r) = try f.check()
        #expect(r.eligible == passes)
        #expect(evidence(r, .noDifficultyCert, "meets_4050") == (passes ? "yes" : "no"))
        if !passes { #expect(r.failing == [.noDifficultyCert]) }
    }

    enum PartialFact: String, CaseIterable { case verifiedOnThe31st, verificationExpiredOnThe1st, certifiedOnThe31st }

    @Test(arguments: PartialFact.allCases, ["all_days", "any_day"])
    func aFactHoldingOnPartOfTheMonth(fact: PartialFact, coverage: String) throws {
        let f = try SubsidyFixture(
            verified: fact == .certifiedOnThe31st, certifiedOn: fact == .certifiedOnThe31st ? day("2026-10-31") : day("2024-01-01"))
        switch fact {
        case .verifiedOnThe31st:
            try f.db.verifyPoint(f.point.code, hrRef: "海人社核〔2026〕5号", on: day("2026-10-31"), until: nil, context: testContext)
        case .verificationExpiredOnThe1st:
            try f.db.verifyPoint(f.point.code, hrRef: "海人社核〔2025〕5号", on: day("2025-06-01"), until: day("2026-10-01"), context: testContext)
        case .certifiedOnThe31st:
            break
        }
        if coverage == "any_day" {
            try f.db.setPolicy(.factCoverage, value: "any_day", from: day("2026-01-01"), source: "县细则", context: testContext)
        }
        let (_, r) = try f.check()
        let rule: SubsidyRule = fact == .certifiedOnThe31st ? .noDifficultyCert : .pointNotVerified
        #expect(r.failing == (coverage == "all_days" ? [rule] : []))
        #expect(evidence(r, rule, "days_covered") == "1" && evidence(r, rule, "days_counted") == "2026-10-01..2026-10-31")
        #expect(evidence(r, rule, "coverage") == coverage)
    }

    @Test func anUrbanPointIsPaidOnlyWhereTheCountyAllowsIt() throws {
        let f = try SubsidyFixture(village: "330424101003")
        #expect(try f.check().1.failing == [.pointNotRural])
        try f.db.setPolicy(.requireRural, value: "0", from: day("2026-01-01"), source: "县细则：社区服务点亦可", context: testContext)
        let (_, r) = try f.check()
        #expect(r.eligible && evidence(r, .pointNotRural, "require_rural") == "0")
    }

    @Test func newPolicyKeysHaveDefaultsBeforeAnyMonth() throws {
        let db = try AppDatabase()
        let policy = try db.read { try AppDatabase.policyIfComplete($0, on: day("2001-01-01")) }
        #expect(policy == ["check_from_day": "none", "tie_rule": "last_day", "fact_coverage": "all_days", "require_rural": "1"])
    }
}

extension AppDatabase {
    /// The new keys' values on a day (the old keys come from seed/policy.csv).
    static func policyIfComplete(_ db: Database, on date: LocalDate) throws -> [String: String] {
        var values: [String: String] = [:]
        for key in [PolicyKey.checkFromDay, .tieRule, .factCoverage, .requireRural] {
            values[key.rawValue] = try String.fetchOne(
                db, sql: "SELECT value FROM policy_value WHERE key = ? AND from_date <= ? ORDER BY from_date DESC LIMIT 1", arguments: [key, date])
        }
        return values
    }
}

/// The bureau's answer changes past months: a rejection it takes back may not push anyone past the cap.
@Suite struct BureauAnswerTests {
    func answer(_ f: SubsidyFixture, run: Int64, approved: Bool) throws -> ReconReport {
        let row = [f.person.idNumber, f.person.name, approved ? "通过" : "不通过", approved ? "1500" : "", approved ? "1500" : ""]
        let file = try writeCSV("answer.csv", [["公民身份号码", "姓名", "核定结果", "核定金额(元)", "发放金额(元)"], row])
        return try f.db.reconcileHR(run: run, file: file, options: ReconOptions(again: true), context: testContext)
    }

    @Test func aRejectionTakenBackAfterALaterMonthWasPaidIsRefused() throws {
        let f = try SubsidyFixture()
        try f.db.setOpeningBalance(idNumber: f.person.idNumber, months: 35, asOf: month("2026-07"), first: nil, source: "台账", context: testContext)
        let (aug, _) = try f.check(month("2026-08"))
        try f.db.finalizeRun(aug, context: testContext)
        _ = try answer(f, run: aug, approved: false)
        #expect(try f.monthsPaid() == 35)
        let (sep, r) = try f.check(month("2026-09"))
        #expect(r.eligible)
        try f.db.finalizeRun(sep, context: testContext)
        #expect(try f.monthsPaid() == 36)
        #expect(throws: SubsidyError.approvalOverCap(maskedID: f.person.residentID.masked, months: 37, maximum: 36)) {
            try answer(f, run: aug, approved: true)
        }
        #expect(try f.monthsPaid() == 36)
        // Approving a month that was never rejected changes nothing and is recorded.
        _ = try answer(f, run: sep, approved: true)
        #expect(try f.monthsPaid() == 36)
    }
}

@Suite struct RetirementOverridePaidTests {
    @Test func anEarlyRetirementCannotFallOnAMonthAlreadyPaid() throws {
        // Born 1966-06: statutory retirement 2026-11; early retirement may go back to 2026-06.
        let f = try SubsidyFixture(born: "19660615")
        try f.db.finalizeRun(try f.check(month("2026-09")).0, context: testContext)
        #expect(throws: SubsidyError.overrideBeforePaidMonth(month("2026-09"), lastPaid: month("2026-09"))) {
            try f.db.overrideRetirement(idNumber: f.person.idNumber, month: month("2026-09"), reason: "提前退休", context: testContext)
        }
        try f.db.overrideRetirement(idNumber: f.person.idNumber, month: month("2026-10"), reason: "提前退休", context: testContext)
        #expect(try f.check().1.failing == [.retired])
    }
}

/// Orders found in review: each pays a month it should not on the code before.
@Suite struct SubsidyReviewOrderTests {
    func answer(_ f: SubsidyFixture, run: Int64, approved: Bool) throws {
        let row = [f.person.idNumber, f.person.name, approved ? "通过" : "不通过", approved ? "1500" : "", approved ? "1500" : ""]
        let file = try writeCSV("answer.csv", [["公民身份号码", "姓名", "核定结果", "核定金额(元)", "发放金额(元)"], row])
        _ = try f.db.reconcileHR(run: run, file: file, options: ReconOptions(again: true), context: testContext)
    }

    @Test func aRejectionTakenBackInsideABalanceEnteredSinceIsRefused() throws {
        let f = try SubsidyFixture()
        let (aug, _) = try f.check(month("2026-08"))
        try f.db.finalizeRun(aug, context: testContext)
        try answer(f, run: aug, approved: false)
        // August no longer counts as paid, so a balance through August is accepted…
        try f.db.setOpeningBalance(idNumber: f.person.idNumber, months: 10, asOf: month("2026-08"), first: nil, source: "台账", context: testContext)
        // …and the bureau may not then pay August again.
        #expect(throws: SubsidyError.approvalNotPayable(maskedID: f.person.residentID.masked, month: month("2026-08"))) {
            try answer(f, run: aug, approved: true)
        }
        #expect(try f.monthsPaid() == 10)
    }

    @Test func aBalanceWithoutItsFirstMonthGrantsNoNearRetirementException() throws {
        // Born 1966-06: statutory retirement 2026-11. 36 months as of 2026-09 would, counted
        // back, start in 2023-10: inside the window, but only a guess.
        let f = try SubsidyFixture(born: "19660615")
        try f.db.setOpeningBalance(idNumber: f.person.idNumber, months: 36, asOf: month("2026-09"), first: nil, source: "台账", context: testContext)
        let (_, r) = try f.check()
        #expect(r.failing == [.monthsExhausted] && evidence(r, .monthsExhausted, "first_month_stated") == "no")
        try f.db.setOpeningBalance(
            idNumber: f.person.idNumber, months: 36, asOf: month("2026-09"), first: month("2023-10"), source: "台账（含首月）", context: testContext)
        #expect(try f.check().1.eligible)
    }

    @Test func theWindowIsMeasuredToTheStatutoryRetirementNotAnAgreedOne() throws {
        // A woman born 1980-01 in the 50 group: statutory retirement 2032-08; an agreed early
        // retirement may go back to 2030-01. First paid 2025-06: 86 months before the statutory
        // month, 55 before the agreed one. With a 12-month cap she is past it.
        let f = try SubsidyFixture()
        try f.db.setPolicy(.maxMonths, value: "12", from: day("2025-01-01"), source: "测试细则", context: testContext)
        let woman = try f.handOverToAWoman(born: "19800101", group: .female50)
        try f.db.setOpeningBalance(
            idNumber: woman.idNumber, months: 16, asOf: month("2026-09"), first: month("2025-06"), source: "台账", context: testContext)
        #expect(try f.check().1.failing == [.monthsExhausted])
        try f.db.overrideRetirement(idNumber: woman.idNumber, month: month("2030-01"), reason: "协议提前退休", context: testContext)
        let (_, r) = try f.check()
        #expect(r.failing == [.monthsExhausted] && evidence(r, .monthsExhausted, "months_first_to_retirement") == "86")
    }

    @Test func aRoutineAnswerIsNotRefusedForAnotherPersonsHistory() throws {
        let f = try SubsidyFixture()
        try f.db.setOpeningBalance(idNumber: f.person.idNumber, months: 35, asOf: month("2026-07"), first: nil, source: "台账", context: testContext)
        let (aug, _) = try f.check(month("2026-08"))
        try f.db.finalizeRun(aug, context: testContext)
        // The county lowers the cap later; the bureau's plain approval of August is still recorded.
        try f.db.setPolicy(.maxMonths, value: "24", from: day("2026-09-01"), source: "新细则", context: testContext)
        try answer(f, run: aug, approved: true)
        #expect(try f.db.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM hr_decision WHERE approved = 1") } == 1)
    }

    @Test func aRetirementGroupChangeCannotPutRetirementOnAPaidMonth() throws {
        // A woman born 1975-06 (female-55: retiring 2031-…; female-50: 2025-…), paid in September 2026.
        let f = try SubsidyFixture()
        let woman = try f.handOverToAWoman(born: "19750601", group: .female55)
        try f.db.finalizeRun(try f.check(month("2026-09")).0, context: testContext)
        var edit = OperatorEdit()
        edit.retirementGroup = .female50
        #expect(throws: RegistryError.self) { try f.db.editOperator(woman.idNumber, edit, context: testContext) }
        #expect(
            try f.db.read { try String.fetchOne($0, sql: "SELECT retirement_group FROM operator WHERE id = ?", arguments: [woman.id]) } == "female-55"
        )
    }

    @Test func aBackdatedChangeHoldsOverEveryLaterRestatingDay() throws {
        let db = try PointSheetTests.database()
        let code = try db.addPoint(NewPoint(village: OpeningTests.village, name: "聚金村电商服务站"), context: context(on: "2026-03-10")).code
        try db.changeStatus(code, to: .operating, reason: "开业", on: day("2026-03-20"), context: context(on: "2026-04-10"))
        var edit = PointEdit()
        edit.openedOn = day("2026-04-01")
        edit.reason = "补录"
        _ = try db.editPoint(code, edit, context: context(on: "2026-04-10"))
        edit.openedOn = day("2026-02-15")
        _ = try db.editPoint(code, edit, context: context(on: "2026-04-10"))
        try db.changeStatus(code, to: .suspended, reason: "装修", on: day("2026-03-01"), context: context(on: "2026-04-10"))
        for d in ["2026-03-01", "2026-03-10", "2026-03-20", "2026-03-31", "2026-04-01", "2026-04-10"] {
            #expect(try OpeningTests.status(db, code, on: d) == .suspended, "\(d)")
        }
        #expect(try OpeningTests.status(db, code, on: "2026-02-28") == .operating)
        #expect(try OpeningTests.operatingDays(db, code, "2026-03") == 0)
    }
}
