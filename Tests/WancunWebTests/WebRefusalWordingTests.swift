import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

@testable import WancunKit
@testable import WancunWeb

/// Every refusal a page shows says what to do on the page (tick the box and give the reason,
/// press a button, fill in a column of the sheet): none names a command-line option or command.
@Suite struct WebRefusalWordingTests {
    static let clerk = WebUser(name: "县办", role: .countyClerk)

    /// Whether a page's text names an option (`--force`) or a command (`wancun subsidy …`).
    static func namesTheCommandLine(_ html: String) -> Bool { html.contains("--") || html.contains("wancun ") }

    static func expectWordsForThePage(_ page: TestResponse, _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(!namesTheCommandLine(page.text), "\(what)", sourceLocation: sourceLocation)
    }

    func send(_ client: any TestClientProtocol, _ path: String, _ session: WebSession, _ fields: [(String, String)]? = nil) async throws
        -> TestResponse
    {
        guard let fields else { return try await client.execute(uri: path, method: .get, headers: cookieHeader(session)) }
        return try await post(client, path, session, fields)
    }

    @Test func thePointAndOperatorFormsSayToTickTheBoxAndGiveTheReason() async throws {
        let db = try freshDemoDatabase()
        let web = makeWebApp(database: db)
        let session = await web.sessions.create(for: Self.clerk)
        let point = try #require(try db.points().first)
        let (someone, _) = try #require(try db.operators().first { !$0.0.phone.isEmpty })
        let young = ResidentID.withCheckCharacter("33042419900101991")
        let woman = ResidentID.withCheckCharacter("33042419850315002")
        try await withClient(web) { client async throws in
            let keep = Message.keepAnyway(on: .web).zh
            let sameName = try await send(client, "/points/new", session, [("village_code", point.villageCode.rawValue), ("name", point.name)])
            #expect(sameName.status == .unprocessableContent && sameName.text.contains(keep))
            Self.expectWordsForThePage(sameName, "a point's name the village has")
            let noReason = try await send(
                client, "/points/new", session, [("village_code", point.villageCode.rawValue), ("name", point.name), ("force", "1")])
            #expect(noReason.text.contains(RegistryError.forceNeedsReason.message(on: .web).zh))
            Self.expectWordsForThePage(noReason, "the box without a reason")

            let shared = try await send(
                client, "/operators/new", session,
                [
                    ("name", "同户"), ("id_number", young), ("phone", someone.phone), ("difficulty", "4050"), ("certificate_no", "HY-1"),
                    ("certified_on", "2025-03-01"),
                ])
            #expect(shared.status == .unprocessableContent && shared.text.contains(keep))
            Self.expectWordsForThePage(shared, "a shared phone and a 4050 certificate too young")
            let incomplete = try await send(
                client, "/operators/new", session, [("name", "女站长"), ("id_number", woman), ("phone", "13600009991"), ("difficulty", "other")])
            #expect(incomplete.text.contains(RegistryError.retirementGroupRequired.message(on: .web).zh))
            #expect(incomplete.text.contains(RegistryError.difficultyIncomplete.message(on: .web).zh))
            Self.expectWordsForThePage(incomplete, "a woman's group and a difficulty left out")
        }
    }

    @Test func theSubsidyPagesSayWhichButtonToPress() async throws {
        let registry = try SubsidyRegistry.fresh()
        let web = registry.app()
        let county = await web.sessions.create(for: SubsidyRegistry.county)
        let reviewer = await web.sessions.create(for: SubsidyRegistry.reviewer)
        try await withClient(web) { client async throws in
            // The month of the test clock's today has not ended.
            let notOver = try await send(client, "/subsidy", county, [("month", "2027-01")])
            #expect(notOver.status == .unprocessableContent)
            Self.expectWordsForThePage(notOver, "a month not over")
            let draft = try #require(try await send(client, "/subsidy", county, [("month", "2026-10")]).headers[.location])
            let roster = try await send(client, draft + "/roster.xlsx", county)
            #expect(roster.status == .conflict && roster.text.contains(Message.Web.Subsidy.finalize.zh))
            Self.expectWordsForThePage(roster, "the roster of a draft by its address")
            #expect(try await send(client, draft + "/finalize", reviewer, []).status == .seeOther)
            let again = try #require(
                try await send(client, "/subsidy", county, [("month", "2026-10"), ("against_final", "1")]).headers[.location])
            let finalize = try await send(client, again + "/finalize", reviewer, [])
            #expect(finalize.status == .unprocessableContent)
            Self.expectWordsForThePage(finalize, "finalizing where a final run exists")
            let noReason = try await send(client, again + "/replace", reviewer, [("reason", "")])
            #expect(noReason.status == .unprocessableContent && noReason.text.contains(SubsidyError.replaceNeedsReason.message(on: .web).zh))
            Self.expectWordsForThePage(noReason, "replacing without a reason")
            let first = try #require(Int64(draft.dropFirst("/subsidy/".count)))
            let second = try #require(Int64(again.dropFirst("/subsidy/".count)))
            #expect(try await send(client, again + "/replace", reviewer, [("reason", "补录")]).status == .seeOther)
            let replaced = try await send(client, draft + "/roster.xlsx", county)
            #expect(replaced.status == .conflict)
            #expect(replaced.text.contains(SubsidyError.runReplaced(first, by: second).message(on: .web).zh))
            Self.expectWordsForThePage(replaced, "the roster of a replaced run")
        }
    }

    @Test func aFileReconciledBeforeIsDoneAgainWithTheBox() async throws {
        let (db, run, answer) = try WebReconcileTests().fixture()
        let web = makeWebApp(database: db)
        let session = await web.sessions.create(for: WebReconcileTests.clerk)
        let data = try Data(contentsOf: URL(fileURLWithPath: answer))
        try await withClient(web) { client async throws in
            let form = try await send(client, "/reconcile", session)
            #expect(form.text.contains("name=\"again\""))
            let fields = [("kind", "hr"), ("run", String(run))]
            let first = try jobPath(try await upload(client, "/reconcile", session, fields, fileName: "反馈.xlsx", data: data))
            #expect(try await send(client, first, session).text.contains("data-state=\"done\""))
            let twice = try jobPath(try await upload(client, "/reconcile", session, fields, fileName: "反馈.xlsx", data: data))
            let refused = try await send(client, twice, session)
            #expect(refused.text.contains("data-state=\"failed\"") && refused.text.contains(Message.Web.Reconcile.again.zh))
            Self.expectWordsForThePage(refused, "a file reconciled before")
            let again = try jobPath(
                try await upload(client, "/reconcile", session, fields + [("again", "1")], fileName: "反馈.xlsx", data: data))
            #expect(!(try await send(client, again, session).text.contains("data-state=\"failed\"")))
        }
    }

    @Test func anImportsProblemsNameTheSheetsColumnsAndThePage() async throws {
        let db = try freshDemoDatabase()
        let web = makeWebApp(database: db)
        let session = await web.sessions.create(for: Self.clerk)
        let (someone, _) = try #require(try db.operators().first { !$0.0.phone.isEmpty })
        let row = [
            "village_code": "330424101202", "name": "网页同号服务点", "services": "bill-payment", "operator_name": "新站长",
            "id_number": ResidentID.withCheckCharacter("33042419700101992"), "phone": someone.phone,
        ]
        try await withClient(web) { client async throws in
            let points = try jobPath(
                try await upload(
                    client, "/imports", session, [("kind", "points")], fileName: "points.csv", data: Data(csvText(pointsTable([row])).utf8)))
            _ = try await settle(client, points, session)
            let checked = try await send(client, points, session)
            #expect(checked.text.contains("DUPLICATE_PHONE") && checked.text.contains("强制原因"))
            Self.expectWordsForThePage(checked, "a points row with another operator's phone")
            let empty = try jobPath(
                try await upload(
                    client, "/imports", session, [("kind", "other-posts"), ("month", "2026-10")], fileName: "other.csv",
                    data: Data("公民身份号码,姓名,单位\r\n".utf8)))
            _ = try await settle(client, empty, session)
            let none = try await send(client, empty, session)
            #expect(none.text.contains("NO_DATA_ROWS"))
            Self.expectWordsForThePage(none, "an other departments' list with no rows")
        }
    }

    @Test func theAccountFormSaysWhatToChoose() async throws {
        let db = try freshDemoDatabase()
        let web = makeWebApp(database: db)
        let session = await web.sessions.create(for: WebUser(name: "管理员", role: .admin))
        try await withClient(web) { client async throws in
            let noTown = try await send(
                client, "/users", session,
                [("name", "新镇办"), ("role", "town-clerk"), ("town_code", ""), ("password", "correct-horse-1"), ("password_repeat", "correct-horse-1")])
            #expect(noTown.status == .unprocessableContent && noTown.text.contains(Message.Web.Users.townRequired.zh))
            Self.expectWordsForThePage(noTown, "a town clerk without a town")
            let county = try await send(
                client, "/users", session,
                [("name", "新县办"), ("role", "county-clerk"), ("town_code", "330424101000"), ("password", ""), ("password_repeat", "")])
            #expect(county.status == .unprocessableContent)
            Self.expectWordsForThePage(county, "a county clerk with a town and no password")
        }
    }
}
