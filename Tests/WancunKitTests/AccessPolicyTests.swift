import Foundation
import Testing

@testable import WancunKit

/// The access rules, as the library's queries and changes apply them to an `Actor`.
@Suite struct AccessPolicyTests {
    static let town = try! DivisionCode(parsing: "330424101000")
    static let townClerk = Actor(name: "林镇办", role: .townClerk, town: town)
    static let countyClerk = Actor(name: "陈县办", role: .countyClerk)
    static let reviewer = Actor(name: "吴审核", role: .reviewer)
    static let admin = Actor(name: "周管理", role: .admin)

    @Test(arguments: [
        (Role.admin, [AccessAction.manageUsers]),
        (.countyClerk, [.readRegistry, .changeRegistry, .reveal, .runSubsidy]),
        (.townClerk, [.readRegistry, .changeRegistry]),
        (.reviewer, [.readRegistry, .reveal, .approve]),
    ])
    func eachRoleMayDoExactlyItsOwn(role: Role, allowed: [AccessAction]) {
        let actor = Actor(name: "x", role: role, town: role == .townClerk ? Self.town : nil)
        for action in AccessAction.allCases { #expect(AccessPolicy.allows(actor, action) == allowed.contains(action), "\(role) \(action)") }
    }

    /// The fixture's point is in 330424101 (武原街道); a second one in another town.
    func fixture() throws -> (SubsidyFixture, other: Point) {
        let f = try SubsidyFixture()
        let other = try f.addPoint("330424102201", name: "别镇服务站")
        return (f, other)
    }

    @Test func aTownClerkSeesAndChangesOnlyTheirTownsPoints() throws {
        let (f, other) = try fixture()
        #expect(try f.db.points(as: Self.townClerk).map(\.code) == [f.point.code])
        #expect(try f.db.points(as: Self.countyClerk).count == 2 && (try f.db.points(as: Self.reviewer).count) == 2)
        #expect(throws: AccountError.notAllowed("周管理", .readRegistry)) { try f.db.points(as: Self.admin) }
        // Another town's point, asked for by its code, is as if it did not exist.
        #expect(throws: RegistryError.pointUnknown(other.code)) { try f.db.pointDetail(other.code, as: Self.townClerk) }
        #expect(try f.db.pointDetail(f.point.code, as: Self.townClerk).point.code == f.point.code)
        var edit = PointEdit()
        edit.name = "改名服务站"
        let clerkContext = ChangeContext(clerk: Self.townClerk.name, today: testContext.today)
        #expect(throws: RegistryError.pointUnknown(other.code)) { try f.db.editPoint(other.code, edit, as: Self.townClerk, context: clerkContext) }
        #expect(try f.db.editPoint(f.point.code, edit, as: Self.townClerk, context: clerkContext).name == "改名服务站")
        #expect(try f.db.auditEntries(AuditFilter(pointCode: f.point.code)).last?.clerk == "林镇办")
        // A reviewer reads and does not change.
        #expect(throws: AccountError.notAllowed("吴审核", .changeRegistry)) {
            try f.db.editPoint(f.point.code, edit, as: Self.reviewer, context: testContext)
        }
        #expect(throws: AccountError.notAllowed("林镇办", .changeRegistry)) {
            try f.db.addPoint(NewPoint(village: try DivisionCode(parsing: "330424102201"), name: "越界服务站"), as: Self.townClerk, context: clerkContext)
        }
    }

    @Test func aTownClerkSeesTheOperatorsOfTheirTownAndThoseTheyRegisteredAndNobodyAssigned() throws {
        let (f, other) = try fixture()
        let elsewhere = try f.addOperator("钱别镇", first17: "33042419800202001", phone: "13900002222")
        try f.assign(elsewhere, at: other.code, from: "2025-01-01")
        let clerkContext = ChangeContext(clerk: Self.townClerk.name, today: testContext.today)
        let mine = try f.db.addOperator(
            NewOperator(
                name: "孙新人", idNumber: ResidentID.withCheckCharacter("33042419850303001"), phone: "13900004444", difficulty: .landLost,
                certificateNo: "海困2024-9", certifiedOn: day("2024-01-01")),
            context: clerkContext)
        let theirs = try f.addOperator("李未任", first17: "33042419860404001", phone: "13900005555")
        let seen = Set(try f.db.operators(as: Self.townClerk).map(\.0.name))
        #expect(seen == [f.person.name, mine.name])
        #expect(!seen.contains(theirs.name) && !seen.contains(elsewhere.name))
        #expect(Set(try f.db.operators(as: Self.countyClerk).map(\.0.name)).count == 4)
        #expect(throws: RegistryError.self) { try f.db.operatorDetail(elsewhere.idNumber, today: testContext.today, as: Self.townClerk) }
        #expect(try f.db.operatorDetail(mine.idNumber, today: testContext.today, as: Self.townClerk).0.name == mine.name)
    }

    /// Whether the town clerk finds the operator in every place the rule is applied: the list,
    /// the search (its own SQL), the operator's page, the edit and the audit trail.
    func townClerkSees(_ person: Operator, in f: SubsidyFixture) throws -> Bool {
        let clerkContext = ChangeContext(clerk: Self.townClerk.name, today: testContext.today)
        let listed = try f.db.operators(as: Self.townClerk).contains { $0.0.idNumber == person.idNumber }
        let searched = try f.db.searchOperators(OperatorSearch(name: person.name), as: Self.townClerk).operators.contains {
            $0.person.idNumber == person.idNumber
        }
        let opened = (try? f.db.operatorDetail(person.idNumber, today: testContext.today, as: Self.townClerk)) != nil
        var edit = OperatorEdit()
        edit.certificateNo = person.certificateNo
        let edited = (try? f.db.editOperator(person.idNumber, edit, as: Self.townClerk, context: clerkContext)) != nil
        let audited = try f.db.searchAudit(AuditSearch(limit: 1000), as: Self.townClerk).entries.contains {
            $0.operatorIdNumber == person.idNumber && $0.action == "operator.add"
        }
        #expect([searched, opened, edited, audited] == [listed, listed, listed, listed], "\(person.name)")
        return listed
    }

    @Test func aTownClerkLosesAnOperatorTheyRegisteredOnceAnotherTownsPointHasHadThem() throws {
        let (f, other) = try fixture()
        let clerkContext = ChangeContext(clerk: Self.townClerk.name, today: testContext.today)
        let mover = try f.db.addOperator(
            NewOperator(
                name: "郑流动", idNumber: ResidentID.withCheckCharacter("33042419870505001"), phone: "13900006666", difficulty: .landLost,
                certificateNo: "海困2024-66", certifiedOn: day("2024-01-01")),
            as: Self.townClerk, context: clerkContext)
        #expect(try townClerkSees(mover, in: f))
        try f.assign(mover, at: other.code, from: "2025-02-01")
        #expect(try !townClerkSees(mover, in: f))
        // Assigned nowhere now, yet another town's point is in their history: not the
        // registering clerk's to see again.
        try f.unassign(other.code, on: "2025-06-30")
        #expect(try f.db.operatorScope(mover.idNumber).currentPointCodes.isEmpty)
        #expect(try !townClerkSees(mover, in: f))
        #expect(throws: RegistryError.operatorUnknown(maskedID: Mask.residentID(mover.idNumber))) {
            try f.db.revealIDNumber(mover.idNumber, as: Self.townClerk, context: clerkContext)
        }
        #expect(try f.db.operators(as: Self.countyClerk).contains { $0.0.idNumber == mover.idNumber })
        // A point of the clerk's own town that has them now makes them the clerk's again.
        let own = try f.addPoint("330424101202", name: "董司村服务站")
        try f.assign(mover, at: own.code, from: "2025-07-01")
        #expect(try townClerkSees(mover, in: f))
    }

    @Test func aPersonBetweenTwoPointsOfTheTownStaysTheTownClerksToAssignAgain() throws {
        let (f, other) = try fixture()
        let clerkContext = ChangeContext(clerk: Self.townClerk.name, today: testContext.today)
        // 王 runs the fixture's point of the clerk's town; they leave it and run nothing.
        try f.unassign(f.point.code, on: "2025-06-30")
        #expect(try f.db.operatorScope(f.person.idNumber).currentPointCodes.isEmpty)
        #expect(try townClerkSees(f.person, in: f))
        let own = try f.addPoint("330424101202", name: "董司村服务站")
        _ = try f.db.assign(
            NewAssignment(pointCode: own.code, idNumber: f.person.idNumber, from: day("2025-07-01")), as: Self.townClerk, context: clerkContext)
        #expect(try f.db.operatorScope(f.person.idNumber).currentPointCodes == [own.code])
        // Once another town's point has had them, they are that town's history, not this clerk's.
        try f.unassign(own.code, on: "2025-08-31")
        try f.assign(f.person, at: other.code, from: "2025-09-01")
        try f.unassign(other.code, on: "2025-09-30")
        #expect(try !townClerkSees(f.person, in: f))
    }

    /// What adding (or assigning) as `actor` is refused for, each refusal on its own.
    func refusals(_ work: () throws -> Void) -> [RegistryError] {
        do { try work() } catch let error as RegistryError { return error.refusals } catch { Issue.record(error) }
        return []
    }

    @Test func aRefusalNamesAnotherOperatorOnlyToAnActorWhoMaySeeThem() throws {
        let (f, other) = try fixture()
        let elsewhere = try f.addOperator("钱别镇", first17: "33042419800202001", phone: "13900002222")
        try f.assign(elsewhere, at: other.code, from: "2025-01-01")
        let masked = Mask.residentID(elsewhere.idNumber)
        func adding(_ new: NewOperator, as actor: Actor) -> [RegistryError] {
            refusals { _ = try f.db.addOperator(new, as: actor, context: ChangeContext(clerk: actor.name, today: testContext.today)) }
        }
        // The ID number of a person of another town.
        let again = NewOperator(name: "冒名者", idNumber: elsewhere.idNumber, phone: "13900007777")
        #expect(adding(again, as: Self.townClerk) == [.operatorExistsElsewhere])
        #expect(adding(again, as: Self.countyClerk) == [.operatorExists(maskedID: masked, name: "钱别镇")])
        // Their phone, told with only what was typed; the phone of the clerk's own operator in full words.
        let samePhone = NewOperator(name: "同号者", idNumber: ResidentID.withCheckCharacter("33042419880606001"), phone: elsewhere.phone)
        #expect(adding(samePhone, as: Self.townClerk) == [.phoneDuplicateElsewhere(maskedPhone: Mask.phone(elsewhere.phone))])
        #expect(
            adding(samePhone, as: Self.countyClerk) == [
                .phoneDuplicate(maskedPhone: Mask.phone(elsewhere.phone), otherName: "钱别镇", otherMaskedID: masked)
            ])
        var ownPhone = samePhone
        ownPhone.phone = f.person.phone
        #expect(
            adding(ownPhone, as: Self.townClerk) == [
                .phoneDuplicate(maskedPhone: Mask.phone(f.person.phone), otherName: f.person.name, otherMaskedID: Mask.residentID(f.person.idNumber))
            ])
        for refusal in adding(again, as: Self.townClerk) + adding(samePhone, as: Self.townClerk) {
            #expect(refusal.rule == (refusal.field == "phone" ? "DUPLICATE_PHONE" : "OPERATOR_EXISTS"))
            for text in [refusal.message.zh, refusal.message.en] { #expect(!text.contains("钱别镇") && !text.contains(masked), "\(text)") }
        }
        // A person who ran another town's point at the time asked: that point is not named.
        try f.unassign(other.code, on: "2025-06-30")
        let own = try f.addPoint("330424101202", name: "董司村服务站")
        try f.assign(elsewhere, at: own.code, from: "2025-07-01")
        let backdated = NewAssignment(pointCode: f.point.code, idNumber: elsewhere.idNumber, from: day("2025-03-01"))
        func assigning(as actor: Actor) -> [RegistryError] {
            refusals { _ = try f.db.assign(backdated, as: actor, context: ChangeContext(clerk: actor.name, today: testContext.today)) }
        }
        #expect(assigning(as: Self.townClerk) == [.operatorBusyElsewhere(maskedID: masked)])
        #expect(assigning(as: Self.countyClerk) == [.operatorBusy(maskedID: masked, otherPoint: other.code, otherName: other.name)])
    }

    @Test func aTownClerksPointsFileNeitherTakesNorNamesAnotherTownsOperator() throws {
        let (f, other) = try fixture()
        let elsewhere = try f.addOperator("钱别镇", first17: "33042419800202001", phone: "13900002222")
        try f.assign(elsewhere, at: other.code, from: "2025-01-01")
        let row = [
            "village_code": "330424101202", "name": "董司村服务点", "operator_name": "钱别镇", "id_number": elsewhere.idNumber,
            "phone": elsewhere.phone, "contract_type": "civil", "contract_from": "2025-03-01",
        ]
        let path = try writeCSV("own.csv", [PointSheetTests.header, PointSheetTests.row(row)])
        func problems(_ actor: Actor) throws -> [RowProblem] {
            let context = ChangeContext(clerk: actor.name, today: testContext.today)
            do { return try f.db.importFile(.points, from: path, dryRun: true, as: actor, context: context).summary.warnings } catch let found
                as RowProblems
            { return found.problems }
        }
        let town = try problems(Self.townClerk)
        #expect(town.map(\.rule) == ["OPERATOR_EXISTS"])
        #expect(town.first?.column == PointSheet.columns.first { $0.key == "id_number" }?.header, "\(town)")
        for problem in town {
            for text in [problem.message.zh, problem.message.en] {
                #expect(!text.contains("钱别镇") && !text.contains(Mask.residentID(elsewhere.idNumber)) && !text.contains(other.code), "\(text)")
            }
        }
        // A county clerk's file would take them, and is told in full where they run a point.
        let county = try problems(Self.countyClerk)
        #expect(county.contains { $0.rule == "OPERATOR_HAS_OTHER_POST" && $0.message.zh.contains(other.code) })
    }

    @Test func fullIDNumbersAreShownOnlyToCountyClerksAndReviewersAndEachRevealIsAudited() throws {
        let (f, _) = try fixture()
        let reviewerContext = ChangeContext(clerk: Self.reviewer.name, today: testContext.today)
        #expect(try f.db.revealIDNumber(f.person.idNumber, as: Self.reviewer, context: reviewerContext) == f.person.idNumber)
        #expect(try f.db.revealIDNumber(f.person.idNumber, as: Self.countyClerk, context: testContext) == f.person.idNumber)
        #expect(throws: AccountError.notAllowed("林镇办", .reveal)) {
            try f.db.revealIDNumber(f.person.idNumber, as: Self.townClerk, context: testContext)
        }
        #expect(throws: RegistryError.self) { try f.db.revealIDNumber(f.person.idNumber, as: Self.admin, context: testContext) }
        let reveals = try f.db.auditEntries(AuditFilter(operatorIdNumber: f.person.idNumber)).filter { $0.action == "operator.reveal" }
        #expect(reveals.map(\.clerk) == ["吴审核", "测试员"])
        #expect(reveals.first?.after?.contains("reviewer") == true)
    }

    @Test func onlyACountyClerkRunsTheCheckAndOnlyAReviewerFinalizesIt() throws {
        let (f, _) = try fixture()
        try f.db.addTestUser("吴审核", .reviewer)
        #expect(throws: AccountError.notAllowed("林镇办", .runSubsidy)) {
            try f.db.runSubsidyCheck(month: SubsidyFixture.month, as: Self.townClerk, context: testContext)
        }
        let clerkContext = ChangeContext(clerk: Self.countyClerk.name, today: testContext.today)
        let run = try f.db.runSubsidyCheck(month: SubsidyFixture.month, as: Self.countyClerk, context: clerkContext).run.id!
        #expect(throws: AccountError.notAllowed("陈县办", .approve)) { try f.db.finalizeRun(run, as: Self.countyClerk, context: clerkContext) }
        let reviewerContext = ChangeContext(clerk: Self.reviewer.name, today: testContext.today)
        try f.db.finalizeRun(run, as: Self.reviewer, context: reviewerContext)
        let final = try f.db.subsidyRun(run).run
        #expect(final.status == .final && final.clerk == "陈县办" && final.reviewer == "吴审核" && final.reviewedVia == .web)
    }
}
