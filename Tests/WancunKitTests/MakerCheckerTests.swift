import Foundation
import GRDB
import Testing

@testable import WancunKit

/// A second pair of eyes on the money: once accounts exist, a run is finalized, and an HR
/// answer that changes recorded decisions is taken, only with an enabled reviewer who is not
/// the clerk who made it. Every order a clerk could try.
@Suite struct MakerCheckerTests {
    static let review = Review(reviewer: "吴审核", via: .cli)

    /// The fixture with a reviewer, a second reviewer, a county clerk and a disabled reviewer.
    func fixture() throws -> SubsidyFixture {
        let f = try SubsidyFixture()
        try f.db.addTestUser("吴审核", .reviewer)
        try f.db.addTestUser("测试员", .reviewer)
        try f.db.addTestUser("陈县办", .countyClerk)
        try f.db.addTestUser("郑离职", .reviewer)
        try f.db.disableUser("郑离职", context: testContext)
        return f
    }

    @Test func withNoAccountsARunIsFinalizedAsBefore() throws {
        let f = try SubsidyFixture()
        let (run, _) = try f.check()
        try f.db.finalizeRun(run, context: testContext)
        #expect(try f.db.subsidyRun(run).run.reviewer == nil)
        // A reviewer named where no account exists is not one.
        let (again, _) = try f.check(month("2026-09"))
        #expect(throws: AccountError.userUnknown("吴审核")) { try f.db.finalizeRun(again, review: Self.review, context: testContext) }
    }

    @Test func theClerkCannotFinalizeTheirOwnRunAndOnlyAnEnabledReviewerCan() throws {
        let f = try fixture()
        let (run, _) = try f.check()  // made by 测试员, who is also a reviewer
        func finalize(_ reviewer: String?) throws {
            try f.db.finalizeRun(run, review: reviewer.map { Review(reviewer: $0, via: .cli) }, context: testContext)
        }
        #expect(throws: AccountError.reviewerRequired) { try finalize(nil) }
        #expect(throws: AccountError.reviewerIsMaker("测试员")) { try finalize("测试员") }
        #expect(throws: AccountError.reviewerIsMaker("测试员")) { try finalize("  测试员 ") }
        #expect(throws: AccountError.notReviewer("陈县办", .countyClerk)) { try finalize("陈县办") }
        #expect(throws: AccountError.userDisabled("郑离职")) { try finalize("郑离职") }
        #expect(throws: AccountError.userUnknown("无此人")) { try finalize("无此人") }
        #expect(try f.db.subsidyRun(run).run.status == .draft, "every refusal left the run a draft")
        try finalize("吴审核")
        let final = try f.db.subsidyRun(run).run
        #expect(final.status == .final && final.clerk == "测试员" && final.reviewer == "吴审核" && final.reviewedVia == .cli)
        let line = try #require(try f.db.auditEntries(AuditFilter()).last { $0.action == "subsidy.finalize" })
        #expect(line.after?.contains(#""clerk":"测试员""#) == true && line.after?.contains(#""reviewer":"吴审核""#) == true)
        #expect(line.after?.contains(#""via":"cli""#) == true)
    }

    @Test func theSchemaKeepsTheReviewOnceAndNeverTheClerksOwn() throws {
        let f = try fixture()
        let (run, _) = try f.check()
        // Set straight in SQL, past the library's checks: the run's clerk as its reviewer.
        #expect(throws: StoreError.self) {
            try f.db.write {
                try $0.execute(
                    sql: "UPDATE subsidy_run SET status = 'final', finalized_at = 'x', reviewer = clerk, reviewed_via = 'cli' WHERE id = ?",
                    arguments: [run])
            }
        }
        try f.db.finalizeRun(run, review: Self.review, context: testContext)
        #expect(throws: StoreError.self) {
            try f.db.write { try $0.execute(sql: "UPDATE subsidy_run SET reviewer = '陈县办' WHERE id = ?", arguments: [run]) }
        }
        #expect(throws: StoreError.self) {
            try f.db.write { try $0.execute(sql: "UPDATE subsidy_run SET reviewer = NULL, reviewed_via = NULL WHERE id = ?", arguments: [run]) }
        }
    }

    @Test func replacingAFinalRunNeedsAReviewerToo() throws {
        let f = try fixture()
        let (first, _) = try f.check()
        try f.db.finalizeRun(first, review: Self.review, context: testContext)
        _ = try f.addPoint("330424102201", name: "新增服务站")
        let (second, _) = try f.check()
        #expect(throws: AccountError.reviewerRequired) { try f.db.finalizeRun(second, replacing: true, reason: "补录包裹", context: testContext) }
        #expect(throws: AccountError.reviewerIsMaker("测试员")) {
            try f.db.finalizeRun(second, replacing: true, reason: "补录包裹", review: Review(reviewer: "测试员", via: .cli), context: testContext)
        }
        try f.db.finalizeRun(second, replacing: true, reason: "补录包裹", review: Self.review, context: testContext)
        #expect(try f.db.subsidyRun(first).run.status == .replaced && (try f.db.subsidyRun(second).run.reviewer) == "吴审核")
        let replace = try #require(try f.db.auditEntries(AuditFilter()).last { $0.action == "subsidy.replace" })
        #expect(replace.after?.contains("吴审核") == true)
    }

    @Test func theRosterNamesTheClerkAndTheReviewer() throws {
        let f = try fixture()
        let (run, _) = try f.check()
        try f.db.finalizeRun(run, review: Self.review, context: testContext)
        let out = temporaryDirectory().appendingPathComponent("roster.csv").path
        _ = try f.db.exportRoster(run: run, to: out, context: testContext)
        let signatures = try #require(try String(contentsOfFile: out, encoding: .utf8).components(separatedBy: "\r\n").first { $0.contains("制表人") })
        #expect(signatures.contains("制表人：测试员,") && signatures.contains("审核人：吴审核,"))
    }

    func answer(
        _ f: SubsidyFixture, run: Int64, paid: String, review: Review? = nil, clerk: String = "测试员", dryRun: Bool = false
    ) throws -> ReconReport {
        let row = [f.person.idNumber, f.person.name, "通过", "1500", paid]
        let file = try writeCSV("answer.csv", [["公民身份号码", "姓名", "核定结果", "核定金额(元)", "发放金额(元)"], row])
        return try f.db.reconcileHR(
            run: run, file: file, options: ReconOptions(again: true, review: review, dryRun: dryRun),
            context: ChangeContext(clerk: clerk, today: testContext.today))
    }

    @Test func aDryRunShowsTheDecisionsAnAnswerWouldChangeAndWritesNothing() throws {
        let f = try fixture()
        let (run, _) = try f.check()
        try f.db.finalizeRun(run, review: Self.review, context: testContext)
        _ = try answer(f, run: run, paid: "1500")
        let (lines, reports) = (try f.db.auditEntries(AuditFilter()).count, try f.db.reconciliations().count)
        // No reviewer is needed to look: the reviewer looks before approving.
        let preview = try answer(f, run: run, paid: "1400", dryRun: true)
        #expect(preview.dryRun && preview.auditHead == nil)
        #expect(preview.counts[.amountMismatch] == 1)
        #expect(
            preview.decisionChanges == [
                DecisionChange(
                    idNumber: f.person.idNumber, name: f.person.name, values: [.init(field: "发放金额(元)", before: "1500.00", after: "1400.00")])
            ])
        #expect(try f.db.auditEntries(AuditFilter()).count == lines && f.db.reconciliations().count == reports)
        let paid = try f.db.read { try Int.fetchOne($0, sql: "SELECT paid_fen FROM hr_decision WHERE run_id = ?", arguments: [run]) }
        #expect(paid == 150_000)
        // The approved run records the same changes.
        #expect(try answer(f, run: run, paid: "1400", review: Self.review).decisionChanges == preview.decisionChanges)
    }

    @Test func anHRAnswerThatChangesRecordedDecisionsNeedsAReviewerOtherThanTheClerkReconciling() throws {
        let f = try fixture()
        let (run, _) = try f.check()
        try f.db.finalizeRun(run, review: Self.review, context: testContext)
        // The first answer records the decisions: nothing recorded changes.
        _ = try answer(f, run: run, paid: "1500")
        // The same answer again changes nothing either.
        _ = try answer(f, run: run, paid: "1500")
        // A corrected answer changes what was paid.
        #expect(throws: AccountError.reviewerRequired) { try answer(f, run: run, paid: "1400") }
        #expect(throws: AccountError.reviewerIsMaker("吴审核")) { try answer(f, run: run, paid: "1400", review: Self.review, clerk: "吴审核") }
        #expect(throws: AccountError.userDisabled("郑离职")) { try answer(f, run: run, paid: "1400", review: Review(reviewer: "郑离职", via: .cli)) }
        let paid = { try f.db.read { try Int.fetchOne($0, sql: "SELECT paid_fen FROM hr_decision WHERE run_id = ?", arguments: [run]) } }
        #expect(try paid() == 150_000, "a refused answer recorded nothing")
        _ = try answer(f, run: run, paid: "1400", review: Self.review)
        #expect(try paid() == 140_000)
        let line = try #require(try f.db.auditEntries(AuditFilter()).last { $0.action == "reconcile.review" })
        #expect(line.clerk == "测试员" && line.after?.contains(#""reviewer":"吴审核""#) == true && line.after?.contains(#""decisions_changed":1"#) == true)
    }
}
