import Foundation
import Testing

@testable import WancunKit

/// The monthly check as each account sees it: a town clerk reads their town's results and
/// totals only, and takes no roster (it carries full ID numbers); county clerks and reviewers
/// take it, each time audited under their name; who may finalize a run, and why not.
@Suite struct SubsidyAccessTests {
    static let townClerk = AccessPolicyTests.townClerk
    static let countyClerk = AccessPolicyTests.countyClerk
    static let reviewer = AccessPolicyTests.reviewer
    static let admin = AccessPolicyTests.admin

    /// The fixture's point (in 330424101, the town clerk's town, and eligible) and another
    /// town's point, checked for October 2026.
    func fixture() throws -> (SubsidyFixture, other: Point, run: Int64) {
        let f = try SubsidyFixture()
        let other = try f.addPoint("330424102201", name: "别镇服务站")
        let (run, _) = try f.check()
        return (f, other, run)
    }

    @Test func aTownClerkReadsOnlyTheirTownsResultsAndTotals() throws {
        let (f, other, run) = try fixture()
        let all = try f.db.subsidyResults(run)
        #expect(Set(all.map(\.pointCode)) == [f.point.code, other.code])
        #expect(try f.db.subsidyResults(run, as: Self.townClerk).map(\.pointCode) == [f.point.code])
        #expect(try f.db.subsidyResults(run, as: Self.reviewer).count == 2 && (try f.db.subsidyResults(run, as: Self.countyClerk).count) == 2)
        let own = try #require(all.first { $0.pointCode == f.point.code })
        let town = try f.db.subsidyRun(run, as: Self.townClerk)
        #expect(town.points == 1 && town.eligible == (own.eligible ? 1 : 0) && town.total == own.amount)
        #expect(try f.db.subsidyRuns(as: Self.townClerk).map(\.points) == [1])
        #expect(try f.db.subsidyRun(run, as: Self.countyClerk).points == 2)
        let nowhere = Actor(name: "无镇", role: .townClerk)
        #expect(try f.db.subsidyRun(run, as: nowhere).points == 0 && (try f.db.subsidyResults(run, as: nowhere)).isEmpty)
        // Another town's point, asked for by its code, is unknown; as is one the run never saw.
        #expect(try f.db.subsidyResult(run, pointCode: f.point.code, as: Self.townClerk).outcomes == own.outcomes)
        #expect(throws: RegistryError.pointUnknown(other.code)) { try f.db.subsidyResult(run, pointCode: other.code, as: Self.townClerk) }
        #expect(throws: RegistryError.pointUnknown("330424101201999")) {
            try f.db.subsidyResult(run, pointCode: "330424101201999", as: Self.countyClerk)
        }
        let reads: [() throws -> Void] = [{ _ = try f.db.subsidyRuns(as: Self.admin) }, { _ = try f.db.subsidyResults(run, as: Self.admin) }]
        for read in reads {
            #expect(throws: AccountError.notAllowed("周管理", .readRegistry)) { try read() }
        }
        let found = try f.db.searchSubsidyResults(run, SubsidyResultSearch(name: "别镇"), as: Self.countyClerk)
        #expect(found.total == 1 && found.results.map(\.pointCode) == [other.code])
        #expect(try f.db.searchSubsidyResults(run, SubsidyResultSearch(name: "别镇"), as: Self.townClerk).total == 0)
        #expect(try f.db.searchSubsidyResults(run, SubsidyResultSearch(code: f.point.code), as: Self.countyClerk).total == 1)
    }

    @Test func aTownClerksDiffKeepsToTheirTown() throws {
        let (f, _, first) = try fixture()
        _ = try f.addPoint("330424102201", name: "又一服务站")
        let (second, _) = try f.check()
        #expect(try f.db.subsidyDiff(first, second, as: Self.countyClerk).count == 1)
        #expect(try f.db.subsidyDiff(first, second, as: Self.townClerk).isEmpty)
    }

    @Test func onlyCountyClerksAndReviewersTakeTheRosterAndEachTakingIsAudited() throws {
        let (f, _, run) = try fixture()
        try f.db.addTestUser("吴审核", .reviewer)
        try f.db.finalizeRun(run, review: Review(reviewer: "吴审核", via: .cli), context: testContext)
        let dir = temporaryDirectory()
        for actor in [Self.townClerk, Self.admin] {
            #expect(throws: AccountError.self) {
                try f.db.exportRoster(run: run, to: dir.appendingPathComponent("refused.xlsx").path, as: actor, context: testContext)
            }
        }
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("refused.xlsx").path))
        for (index, actor) in [Self.countyClerk, Self.reviewer].enumerated() {
            let context = ChangeContext(clerk: actor.name, today: testContext.today)
            let export = try f.db.exportRoster(run: run, to: dir.appendingPathComponent("\(index).xlsx").path, as: actor, context: context)
            #expect(export.rows == 1)
        }
        #expect(try f.db.auditEntries(AuditFilter()).filter { $0.action == "subsidy.export" }.map(\.clerk) == ["陈县办", "吴审核"])
    }

    @Test func onlyAReviewerWhoDidNotMakeTheRunMayFinalizeIt() throws {
        let (f, _, run) = try fixture()
        let made = try f.db.subsidyRun(run).run  // made by 测试员
        #expect(AccessPolicy.finalizeRefusal(Self.reviewer, run: made) == nil)
        #expect(AccessPolicy.finalizeRefusal(Self.countyClerk, run: made) == .notAllowed("陈县办", .approve))
        #expect(AccessPolicy.finalizeRefusal(Self.townClerk, run: made) == .notAllowed("林镇办", .approve))
        #expect(AccessPolicy.finalizeRefusal(Actor(name: "测试员", role: .reviewer), run: made) == .reviewerIsMaker("测试员"))
    }

    @Test func aMonthWithAFinalRunIsCheckedAgainOnlyWhenAskedTo() throws {
        let (f, _, run) = try fixture()
        try f.db.finalizeRun(run, context: testContext)
        let clerk = ChangeContext(clerk: Self.countyClerk.name, today: testContext.today)
        #expect(throws: SubsidyError.finalExists(SubsidyFixture.month, run)) {
            try f.db.runSubsidyCheck(month: SubsidyFixture.month, unlessFinal: true, as: Self.countyClerk, context: clerk)
        }
        #expect(try f.db.subsidyRuns().count == 1)
        _ = try f.db.runSubsidyCheck(month: SubsidyFixture.month, as: Self.countyClerk, context: clerk)
        #expect(try f.db.subsidyRuns().count == 2)
    }
}
