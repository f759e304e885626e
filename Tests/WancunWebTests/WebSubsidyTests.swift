import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing
import WancunKit

@testable import WancunWeb

/// A demo registry with accounts for the subsidy pages, copied afresh for each test (runs
/// and finalizing change it): a county clerk, a town clerk of a town with points, two
/// reviewers and an administrator.
struct SubsidyRegistry: Sendable {
    let database: AppDatabase
    let ownTown: DivisionCode
    let otherPoint: String

    static let county = WebUser(name: "县办", role: .countyClerk)
    static let reviewer = WebUser(name: "审核员", role: .reviewer)
    static let admin = WebUser(name: "管理员", role: .admin)
    var town: WebUser { WebUser(name: "镇办", role: .townClerk, town: ownTown) }

    /// Built once; each test takes a copy.
    static let base: (database: AppDatabase, ownTown: DivisionCode, otherPoint: String) = {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("wancun-web-subsidy-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let db = try! Demo.build(
            at: dir.appendingPathComponent("base.sqlite").path, seed: repositoryRoot.appendingPathComponent("seed").path, context: webContext)
        let towns = try! db.divisions(DivisionFilter(level: .town))
        let codes = try! db.points().map(\.code)
        let withPoints = towns.filter { t in codes.contains { $0.hasPrefix(t.code.significantPrefix) } }
        let own = withPoints[0].code
        let cheap = PasswordHasher(cost: 4)
        for user in [county, reviewer, WebUser(name: "审核二", role: .reviewer), admin, WebUser(name: "镇办", role: .townClerk, town: own)] {
            _ = try! db.addUser(
                NewUser(name: user.name, role: user.actor.role, town: user.actor.town, password: "correct-horse-1"), hasher: cheap,
                context: webContext)
        }
        return (db, own, codes.first { !$0.hasPrefix(own.significantPrefix) }!)
    }()

    static func fresh() throws -> SubsidyRegistry {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("wancun-web-subsidy-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let copy = try base.database.backup(to: dir.appendingPathComponent("copy.sqlite").path, context: webContext)
        return SubsidyRegistry(database: try AppDatabase(path: copy.path), ownTown: base.ownTown, otherPoint: base.otherPoint)
    }

    func app(clock: TestClock = TestClock()) -> WebApp {
        WebApp(database: database, signIn: AccountSignIn(database: database), now: { clock.now })
    }
}

/// A client signed in as several users at once, each with their own session.
struct Browser: Sendable {
    let web: WebApp
    let client: any TestClientProtocol
    let session: WebSession

    func get(_ path: String) async throws -> TestResponseCopy {
        let response = try await client.execute(uri: path, method: .get, headers: cookieHeader(session))
        return TestResponseCopy(status: response.status, text: response.text, location: response.headers[.location])
    }

    func bytes(_ path: String) async throws -> (status: HTTPResponse.Status, type: String?, data: Data) {
        let response = try await client.execute(uri: path, method: .get, headers: cookieHeader(session))
        return (response.status, response.headers[.contentType], Data(response.body.readableBytesView))
    }

    func post(_ path: String, _ fields: [(String, String)], token: Bool = true) async throws -> TestResponseCopy {
        let response = try await client.execute(
            uri: path, method: .post, headers: cookieHeader(session) + formType,
            body: formBody((token ? [("_csrf", session.csrfToken)] : []) + fields))
        return TestResponseCopy(status: response.status, text: response.text, location: response.headers[.location])
    }
}

func withBrowsers<T>(
    _ web: WebApp, _ users: [WebUser], _ work: @escaping @Sendable ([Browser]) async throws -> T
) async throws -> T {
    var sessions: [WebSession] = []
    for user in users { sessions.append(await web.sessions.create(for: user)) }
    let made = sessions
    return try await withClient(web) { client async throws in try await work(made.map { Browser(web: web, client: client, session: $0) }) }
}

/// The run a 303 after a check or finalize points to.
func runID(_ response: TestResponseCopy) throws -> Int64 {
    let location = try #require(response.location)
    return try #require(Int64(location.dropFirst("/subsidy/".count)))
}

@Suite struct WebSubsidyTests {
    static let october = "2026-10"

    @Test func aCountyClerkRunsAMonthAndReadsItsResultsAPointsRulesAndADiff() async throws {
        let registry = try SubsidyRegistry.fresh()
        let db = registry.database
        try await withBrowsers(registry.app(), [SubsidyRegistry.county]) { browsers async throws in
            let clerk = browsers[0]
            let list = try await clerk.get("/subsidy")
            #expect(list.status == .ok)
            for id in ["id=\"subsidy-run-form\"", "name=\"month\"", "id=\"subsidy-run\""] { #expect(list.text.contains(id)) }
            // This month in Asia/Shanghai, by the server's clock (2027-01-15).
            #expect(list.text.contains("name=\"month\" value=\"2027-01\""))
            #expect(list.text.contains(Message.Web.Subsidy.noRuns.zh))

            let ran = try await clerk.post("/subsidy", [("month", Self.october)])
            #expect(ran.status == .seeOther)
            let first = try runID(ran)
            let info = try db.subsidyRun(first)
            #expect(info.run.clerk == "县办" && info.run.status == .draft && info.run.month.description == Self.october)
            let audit = try #require(try db.auditEntries(AuditFilter()).last { $0.action == "subsidy.check" })
            #expect(audit.clerk == "县办")

            let runs = try await clerk.get("/subsidy")
            #expect(runs.text.contains("href=\"/subsidy/\(first)\""))
            #expect(runs.text.contains("<td>\(info.total.yuanText)</td>") && runs.text.contains("<td>县办</td>"))

            let page = try await clerk.get("/subsidy/\(first)")
            #expect(page.status == .ok)
            let results = try db.subsidyResults(first)
            #expect(page.text.contains(Message.Web.pageOf(1, (results.count + WebApp.pageSize - 1) / WebApp.pageSize, total: results.count).zh))
            #expect(page.text.contains("href=\"/subsidy/\(first)/points/\(results[0].pointCode)\""))
            // A page far past the end is the last one, not a crash of the server.
            #expect(try await clerk.get("/subsidy/\(first)?page=\(Int.max)").status == .ok)
            // No full ID number on the page, only masked ones.
            for r in results { if let id = r.idNumber { #expect(!page.text.contains(id)) } }
            let eligible = try db.subsidyResults(first, only: .eligible)
            let filtered = try await clerk.get("/subsidy/\(first)?only=eligible")
            #expect(filtered.text.contains("共 \(eligible.count) 个") && filtered.text.contains("value=\"eligible\" selected"))
            let byCode = try await clerk.get("/subsidy/\(first)?code=\(results[1].pointCode)")
            #expect(byCode.text.contains("共 1 个") && byCode.text.contains(results[1].pointCode))

            // A point's rules, each with its outcome and the facts it read.
            let failing = try #require(results.first { !$0.eligible && $0.outOfScope == nil })
            let explained = try await clerk.get("/subsidy/\(first)/points/\(failing.pointCode)")
            #expect(explained.status == .ok)
            for outcome in failing.outcomes {
                #expect(explained.text.contains("<code>\(outcome.rule.rawValue)</code>"))
                for (key, _) in outcome.evidence { #expect(explained.text.contains("<code>\(key)</code>")) }
            }
            #expect(explained.text.contains(Message.Web.Subsidy.failed.zh) && explained.text.contains(Message.Web.Subsidy.passed.zh))
            #expect(try await clerk.get("/subsidy/\(first)/points/330424999999999").status == .notFound)
            #expect(try await clerk.get("/subsidy/99999").status == .notFound)

            // A point registered since, and the month checked again: the diff shows it as the CLI's diff does.
            let added = try db.addPoint(
                NewPoint(village: try DivisionCode(parsing: String(results[0].pointCode.prefix(12))), name: "新增服务站"), context: webContext)
            let second = try runID(try await clerk.post("/subsidy", [("month", Self.october)]))
            let onRun = try await clerk.get("/subsidy/\(second)")
            #expect(onRun.text.contains("id=\"subsidy-diff-form\"") && onRun.text.contains("<option value=\"\(first)\" selected>"))
            let diff = try await clerk.get("/subsidy/diff?from=\(first)&to=\(second)")
            #expect(diff.status == .ok)
            let changes = try db.subsidyDiff(first, second)
            #expect(changes.map(\.code) == [added.code])
            let after = try #require(changes[0].after)
            #expect(diff.text.contains(added.code) && diff.text.contains("<td>—</td>") && diff.text.contains(after.outcomeCell.text(reveal: false)))
            let same = try await clerk.get("/subsidy/diff?from=\(second)&to=\(second)")
            #expect(same.text.contains(Message.noDifferences.zh))
            #expect(try await clerk.get("/subsidy/diff").text.contains(Message.Web.Subsidy.diffNeedsRuns.zh))
        }
    }

    @Test func aReviewerFinalizesAnotherClerksRunAndTakesTheRosterTheCLIWouldWrite() async throws {
        let registry = try SubsidyRegistry.fresh()
        let db = registry.database
        try await withBrowsers(registry.app(), [SubsidyRegistry.county, SubsidyRegistry.reviewer]) { browsers async throws in
            let (clerk, reviewer) = (browsers[0], browsers[1])
            let run = try runID(try await clerk.post("/subsidy", [("month", Self.october)]))
            let page = try await reviewer.get("/subsidy/\(run)")
            #expect(page.text.contains("id=\"subsidy-finalize-form\"") && page.text.contains("id=\"subsidy-finalize\""))
            #expect(!page.text.contains("id=\"roster-download\""))
            let finalized = try await reviewer.post("/subsidy/\(run)/finalize", [])
            #expect(finalized.status == .seeOther && finalized.location == "/subsidy/\(run)")
            let final = try db.subsidyRun(run).run
            #expect(final.status == .final && final.clerk == "县办" && final.reviewer == "审核员" && final.reviewedVia == .web)
            let line = try #require(try db.auditEntries(AuditFilter()).last { $0.action == "subsidy.finalize" })
            #expect(line.clerk == "审核员")
            #expect(line.after?.contains(#""clerk":"县办""#) == true && line.after?.contains(#""reviewer":"审核员""#) == true)
            #expect(line.after?.contains(#""via":"web""#) == true)

            let shown = try await reviewer.get("/subsidy/\(run)")
            #expect(shown.text.contains("<dd>审核员</dd>") && shown.text.contains("<dd>\(Message.Web.reviewedVia(.web).zh)</dd>"))
            #expect(!shown.text.contains("id=\"subsidy-finalize-form\""))
            #expect(shown.text.contains("id=\"roster-download\"") && shown.text.contains("id=\"manifest-download\""))

            let exportsBefore = try db.auditEntries(AuditFilter()).filter { $0.action == "subsidy.export" }.count
            let roster = try await reviewer.bytes("/subsidy/\(run)/roster.xlsx")
            #expect(roster.status == .ok && roster.type == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
            let reader = try XLSXReader(data: roster.data)
            var rows: [[String]] = []
            while let row = try reader.next() { rows.append(row.cells) }
            let signatures = try #require(rows.first { $0.contains { $0.hasPrefix("制表人") } })
            #expect(signatures.contains("制表人：县办") && signatures.contains("审核人：审核员"))
            let eligible = try db.subsidyResults(run, only: .eligible)
            for r in eligible { #expect(rows.contains { $0.contains(r.idNumber ?? "-") }, "the roster carries full ID numbers") }
            // The bytes `wancun subsidy export RUN --clerk 县办` writes.
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent("wancun-web-cli-roster-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            let cli = try db.exportRoster(
                run: run, to: dir.appendingPathComponent("roster.xlsx").path, preparedBy: "县办",
                context: ChangeContext(clerk: "县办", today: webContext.today))
            #expect(try Data(contentsOf: URL(fileURLWithPath: cli.path)) == roster.data)

            let manifest = try await reviewer.bytes("/subsidy/\(run)/roster.manifest.json")
            #expect(manifest.status == .ok && manifest.type == "application/json")
            let json = try #require(try JSONSerialization.jsonObject(with: manifest.data) as? [String: Any])
            #expect(json["sha256"] as? String == cli.sha256 && (json["run_id"] as? Int).map(Int64.init) == run)
            #expect(json["rows"] as? Int == eligible.count)

            // The county clerk may take it too; each download is audited under its taker.
            #expect(try await clerk.bytes("/subsidy/\(run)/roster.xlsx").status == .ok)
            let exports = try db.auditEntries(AuditFilter()).filter { $0.action == "subsidy.export" }
            #expect(exports.count == exportsBefore + 4)
            #expect(exports.suffix(4).map(\.clerk) == ["审核员", "县办", "审核员", "县办"])
        }
    }

    @Test func theClerkWhoMadeARunCannotFinalizeItAndIsToldWhy() async throws {
        let registry = try SubsidyRegistry.fresh()
        let db = registry.database
        // A run a reviewer's name made (through the CLI, `--clerk 审核员`).
        let own = try db.runSubsidyCheck(month: Month(parsing: Self.october), context: ChangeContext(clerk: "审核员", today: webContext.today))
        let ownID = own.run.id!
        try await withBrowsers(registry.app(), [SubsidyRegistry.county, SubsidyRegistry.reviewer]) { browsers async throws in
            let (clerk, reviewer) = (browsers[0], browsers[1])
            let run = try runID(try await clerk.post("/subsidy", [("month", Self.october)]))
            let page = try await clerk.get("/subsidy/\(run)")
            #expect(!page.text.contains("id=\"subsidy-finalize-form\""))
            let reason = AccountError.notAllowed("县办", .approve).message.zh
            #expect(page.text.contains("id=\"subsidy-cannot-finalize\"") && page.text.contains(reason))
            let refused = try await clerk.post("/subsidy/\(run)/finalize", [])
            #expect(refused.status == .forbidden && refused.text.contains(reason))

            let made = try await reviewer.get("/subsidy/\(ownID)")
            let maker = AccountError.reviewerIsMaker("审核员").message.zh
            #expect(!made.text.contains("id=\"subsidy-finalize-form\"") && made.text.contains(maker))
            let again = try await reviewer.post("/subsidy/\(ownID)/finalize", [])
            #expect(again.status == .forbidden && again.text.contains(maker))
            #expect(try db.subsidyRun(run).run.status == .draft && db.subsidyRun(ownID).run.status == .draft)
            #expect(try db.auditEntries(AuditFilter()).contains { $0.action == "subsidy.finalize" } == false)
        }
    }

    @Test func aTownClerkSeesOnlyTheirTownAndNeitherRunsTheCheckNorTakesTheRoster() async throws {
        let registry = try SubsidyRegistry.fresh()
        let db = registry.database
        let info = try db.runSubsidyCheck(month: Month(parsing: Self.october), context: ChangeContext(clerk: "县办", today: webContext.today))
        let run = info.run.id!
        try db.finalizeRun(run, review: Review(reviewer: "审核员", via: .cli), context: webContext)
        let prefix = registry.ownTown.significantPrefix
        let own = try db.subsidyResults(run).filter { $0.pointCode.hasPrefix(prefix) }
        #expect(!own.isEmpty && own.count < info.points)
        let town = registry.town
        try await withBrowsers(registry.app(), [town, SubsidyRegistry.admin]) { browsers async throws in
            let (clerk, admin) = (browsers[0], browsers[1])
            let list = try await clerk.get("/subsidy")
            #expect(list.status == .ok && !list.text.contains("id=\"subsidy-run-form\""))
            #expect(list.text.contains(AccountError.notAllowed("镇办", .runSubsidy).message.zh))
            let ownTotal = Fen(own.reduce(0) { $0 + $1.amount.value })
            #expect(list.text.contains("<td>\(own.count)</td>") && list.text.contains("<td>\(ownTotal.yuanText)</td>"))
            #expect(!list.text.contains("<td>\(info.total.yuanText)</td>") || ownTotal == info.total)
            let refused = try await clerk.post("/subsidy", [("month", "2026-09")])
            #expect(refused.status == .forbidden)
            #expect(try db.subsidyRuns().count == 1)

            let page = try await clerk.get("/subsidy/\(run)")
            #expect(page.status == .ok && page.text.contains("共 \(own.count) 个"))
            #expect(!page.text.contains(registry.otherPoint))
            #expect(!page.text.contains("id=\"roster-download\""))
            #expect(try await clerk.get("/subsidy/\(run)/points/\(own[0].pointCode)").status == .ok)
            #expect(try await clerk.get("/subsidy/\(run)/points/\(registry.otherPoint)").status == .notFound)
            let roster = try await clerk.bytes("/subsidy/\(run)/roster.xlsx")
            #expect(roster.status == .forbidden)
            #expect(try db.auditEntries(AuditFilter()).contains { $0.action == "subsidy.export" } == false)

            #expect(try await admin.get("/subsidy").status == .forbidden)
            #expect(try await admin.get("/subsidy/\(run)").status == .forbidden)
            #expect(try await admin.bytes("/subsidy/\(run)/roster.xlsx").status == .forbidden)
        }
    }

    @Test func aMonthWithoutOtherPostsIsRecordedOrCheckedWithAReasonFromThePage() async throws {
        let registry = try SubsidyRegistry.fresh()
        let db = registry.database
        try await withBrowsers(registry.app(), [SubsidyRegistry.county, registry.town]) { browsers async throws in
            let (clerk, town) = (browsers[0], browsers[1])
            let page = try await clerk.get("/subsidy")
            for id in ["id=\"other-posts-none-form\"", "name=\"source\"", "name=\"without_other_posts\""] { #expect(page.text.contains(id)) }
            // Without its source, refused beside it; nothing recorded.
            let lines = try db.auditEntries(AuditFilter()).count
            let bare = try await clerk.post("/subsidy/other-posts-none", [("month", "2026-12"), ("source", " ")])
            #expect(bare.status == .unprocessableContent && bare.text.contains(Message.Web.Subsidy.sourceRequired.zh))
            #expect(try db.auditEntries(AuditFilter()).count == lines)
            let noted = try await clerk.post("/subsidy/other-posts-none", [("month", "2026-12"), ("source", "县人社局 2027-01-05 来函")])
            let december = try Month(parsing: "2026-12")
            #expect(noted.status == .ok && noted.text.contains(Message.Web.Subsidy.noneRecorded(december).zh))
            let line = try #require(try db.auditEntries(AuditFilter()).last)
            #expect(line.action == "subsidy.other_posts" && line.clerk == "县办" && line.reason == "县人社局 2027-01-05 来函")
            // October's list came from the departments' file: recording none would drop it.
            let loaded = try await clerk.post("/subsidy/other-posts-none", [("month", Self.october), ("source", "误点")])
            let october = try Month(parsing: Self.october)
            #expect(loaded.status == .unprocessableContent)
            #expect(loaded.text.contains(SubsidyError.otherPostsLoaded(october).message.zh))
            // A month whose list is not in yet is checked with the reason, which the run keeps.
            let waived = try await clerk.post("/subsidy", [("month", "2026-11"), ("without_other_posts", "人社局名单未到，先行核查")])
            #expect(waived.status == .seeOther)
            #expect(try db.subsidyRun(try runID(waived)).run.withoutOtherPostsReason == "人社局名单未到，先行核查")
            // A town clerk does neither.
            let denied = try await town.post("/subsidy/other-posts-none", [("month", "2026-09"), ("source", "镇里说没有")])
            #expect(denied.status == .forbidden)
        }
    }

    @Test func aPostWithoutTheFormTokenChangesNothing() async throws {
        let registry = try SubsidyRegistry.fresh()
        let db = registry.database
        let run = try db.runSubsidyCheck(month: Month(parsing: Self.october), context: ChangeContext(clerk: "县办", today: webContext.today)).run.id!
        try await withBrowsers(registry.app(), [SubsidyRegistry.county, SubsidyRegistry.reviewer]) { browsers async throws in
            let check = try await browsers[0].post("/subsidy", [("month", Self.october)], token: false)
            #expect(check.status == .forbidden && check.text.contains(Message.Web.formExpired.zh))
            let finalize = try await browsers[1].post("/subsidy/\(run)/finalize", [], token: false)
            #expect(finalize.status == .forbidden)
            #expect(try db.subsidyRuns().count == 1 && db.subsidyRun(run).run.status == .draft)
        }
    }

    @Test func aBadMonthAndEachRefusalAreShownBesideTheirField() async throws {
        let registry = try SubsidyRegistry.fresh()
        let db = registry.database
        try await withBrowsers(registry.app(), [SubsidyRegistry.county, SubsidyRegistry.reviewer]) { browsers async throws in
            let (clerk, reviewer) = (browsers[0], browsers[1])
            let notOver = messageOf {
                _ = try db.runSubsidyCheck(
                    month: Month(parsing: "2027-01"), context: ChangeContext(clerk: "县办", today: LocalDate(year: 2027, month: 1, day: 15)))
            }
            for (month, error) in [
                ("2026-13", messageOf { _ = try Month(parsing: "2026-13") }), ("十月", messageOf { _ = try Month(parsing: "十月") }),
                ("2027-01", notOver),
            ] {
                #expect(!error.isEmpty, "\(month)")
                let refused = try await clerk.post("/subsidy", [("month", month)])
                #expect(refused.status == .unprocessableContent, "\(month)")
                #expect(refused.text.contains("id=\"month-error\"") && refused.text.contains(error), "\(month)")
                #expect(refused.text.contains("name=\"month\" value=\"\(month)\""), "the field keeps what was typed")
            }
            #expect(try db.subsidyRuns().isEmpty)

            // A month with a final run is checked again only when asked; the new draft then replaces it, with a reason.
            let first = try runID(try await clerk.post("/subsidy", [("month", Self.october)]))
            #expect(try await reviewer.post("/subsidy/\(first)/finalize", []).status == .seeOther)
            let again = try await clerk.post("/subsidy", [("month", Self.october)])
            #expect(again.status == .unprocessableContent)
            #expect(again.text.contains(Message.Web.Subsidy.finalExists(Month(year: 2026, month: 10)!, first).zh))
            let second = try runID(try await clerk.post("/subsidy", [("month", Self.october), ("against_final", "1")]))
            let page = try await reviewer.get("/subsidy/\(second)")
            #expect(page.text.contains("id=\"subsidy-replace-form\"") && page.text.contains("id=\"subsidy-replace\""))
            #expect(page.text.contains(Message.Web.Subsidy.replaceHow(first).zh))
            let noReason = try await reviewer.post("/subsidy/\(second)/replace", [("reason", " ")])
            #expect(noReason.status == .unprocessableContent)
            #expect(noReason.text.contains("id=\"reason-error\"") && noReason.text.contains(Message.Web.Subsidy.replaceNeedsReason.zh))
            let finalize = try await reviewer.post("/subsidy/\(second)/finalize", [])
            #expect(finalize.status == .unprocessableContent)
            let replaced = try await reviewer.post("/subsidy/\(second)/replace", [("reason", "补录包裹")])
            #expect(replaced.status == .seeOther)
            #expect(try db.subsidyRun(first).run.status == .replaced && db.subsidyRun(second).run.reviewer == "审核员")
            #expect(try db.subsidyRun(first).run.replacedReason == "补录包裹")
        }
    }
}

/// The Chinese message of the error `work` throws, as a web page shows it.
func messageOf(_ work: () throws -> Void) -> String {
    do {
        try work()
        return ""
    } catch let error as any UserFacingError {
        return error.message(on: .web).zh
    } catch {
        return ""
    }
}
