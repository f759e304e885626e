import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

@testable import WancunKit
@testable import WancunWeb

/// 对账: the bureau's answer uploaded and reconciled; one that changes recorded decisions
/// waits for a reviewer other than the clerk who sent it.
@Suite struct WebReconcileTests {
    static let clerk = WebUser(name: "陈县办", role: .countyClerk)
    static let reviewer = WebUser(name: "吴审核", role: .reviewer)

    /// The demo with its month finalized, the bureau's answer to it, and a clerk's and a reviewer's accounts.
    func fixture() throws -> (AppDatabase, run: Int64, answer: String) {
        let db = try freshDemoDatabase()
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("wancun-web-recon-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let (info, _) = try Demo.runMonth(db, rosterPath: dir.appendingPathComponent("roster.xlsx").path, context: webContext)
        let answer = dir.appendingPathComponent("人社局反馈.xlsx").path
        try Demo.bureauAnswer(db, run: info.run.id!, to: answer)
        for (name, role) in [("陈县办", Role.countyClerk), ("吴审核", .reviewer)] {
            _ = try db.addUser(NewUser(name: name, role: role, password: "correct horse 1"), hasher: PasswordHasher(cost: 4), context: webContext)
        }
        return (db, info.run.id!, answer)
    }

    @Test func theBureausAnswerIsReconciledAndItsCopyDownloaded() async throws {
        let (db, run, answer) = try fixture()
        let web = makeWebApp(database: db)
        let session = await web.sessions.create(for: Self.clerk)
        try await withClient(web) { client async throws in
            let form = try await client.execute(uri: "/reconcile", method: .get, headers: cookieHeader(session)).text
            for id in ["id=\"reconcile-form\"", "name=\"kind\"", "type=\"file\" name=\"file\"", "id=\"reconcile-check\"", "value=\"hr\""] {
                #expect(form.contains(id), "\(id)")
            }
            let sent = try await upload(
                client, "/reconcile", session, [("kind", "hr"), ("run", String(run))], fileName: "人社局反馈.xlsx",
                data: try Data(contentsOf: URL(fileURLWithPath: answer)))
            #expect(sent.status == .seeOther)
            let path = try jobPath(sent)
            let page = try await client.execute(uri: path, method: .get, headers: cookieHeader(session)).text
            #expect(page.contains("data-state=\"done\""))
            #expect(page.contains(Message.reconOutcome(.amountMismatch).zh))
            #expect(page.contains("id=\"reconcile-annotated\""))
            // ID numbers are masked on the page.
            #expect(page.range(of: #"\b\d{17}[\dX]\b"#, options: .regularExpression) == nil)
            let copy = try await client.execute(uri: path + "/annotated", method: .get, headers: cookieHeader(session))
            #expect(copy.status == .ok)
            let workbook = try XLSXReader(data: Data(buffer: copy.body))
            var rows = 0
            while try workbook.next() != nil { rows += 1 }
            #expect(rows > 2)
        }
        #expect(try db.auditEntries(AuditFilter()).contains { $0.action.hasPrefix("reconcile") && $0.clerk == "陈县办" })
        // The copy holds the bureau's full ID numbers: its download is audited, naming the user and the file.
        let downloads = try db.auditEntries(AuditFilter()).filter { $0.action == "copy.download" }
        #expect(downloads.count == 1)
        let line = try #require(downloads.first)
        #expect(line.clerk == "陈县办")
        #expect(line.after?.contains("\"kind\":\"reconcile-hr\"") == true && line.after?.contains("人社局反馈.result.xlsx") == true)
        #expect(line.after?.range(of: #"\d{17}[\dX]"#, options: .regularExpression) == nil)
    }

    @Test func anAnswerChangingRecordedDecisionsWaitsForAReviewerOtherThanTheClerk() async throws {
        let (db, run, answer) = try fixture()
        let web = makeWebApp(database: db)
        let clerk = await web.sessions.create(for: Self.clerk)
        let reviewer = await web.sessions.create(for: Self.reviewer)
        let first = try db.subsidyResults(run, only: .eligible)[0]
        let corrected =
            "公民身份号码,姓名,核定结果,核定金额(元),发放金额(元)\r\n"
            + "\(first.idNumber!),\(first.operatorName!),通过,\(first.amount.yuanText),\(Fen(first.amount.value - 5_000).yuanText)\r\n"
        try await withClient(web) { client async throws in
            _ = try await upload(
                client, "/reconcile", clerk, [("kind", "hr"), ("run", String(run))], fileName: "反馈.xlsx",
                data: try Data(contentsOf: URL(fileURLWithPath: answer)))
            let audit = try db.auditEntries(AuditFilter()).count
            let held = try jobPath(
                try await upload(
                    client, "/reconcile", clerk, [("kind", "hr"), ("run", String(run))], fileName: "更正.csv", data: Data(corrected.utf8)))
            let waiting = try await client.execute(uri: held, method: .get, headers: cookieHeader(clerk)).text
            #expect(waiting.contains("data-state=\"awaiting-review\""))
            #expect(!waiting.contains("id=\"reconcile-approve\""))
            #expect(try db.auditEntries(AuditFilter()).count == audit, "a held answer records nothing")
            // The clerk who sent it cannot approve it.
            #expect(try await post(client, held + "/approve", clerk).status == .forbidden)
            #expect(try db.auditEntries(AuditFilter()).count == audit)
            // A reviewer sees it waiting, and approves.
            let list = try await client.execute(uri: "/reconcile", method: .get, headers: cookieHeader(reviewer)).text
            #expect(list.contains("href=\"\(held)\""))
            #expect(!list.contains("id=\"reconcile-form\""))
            let page = try await client.execute(uri: held, method: .get, headers: cookieHeader(reviewer)).text
            #expect(page.contains("id=\"reconcile-approve-form\"") && page.contains("id=\"reconcile-approve\""))
            #expect(page.contains("id=\"reconcile-reject-form\"") && page.contains("id=\"reconcile-reject\""))
            // The reviewer sees what approving would record: the outcomes and the decisions it changes.
            #expect(page.contains(Message.Web.Reconcile.preview.zh) && page.contains(Message.Web.Reconcile.decisionsChanged.zh))
            #expect(page.contains(Message.Web.Reconcile.decisionsChangedCount(1).zh))
            #expect(page.contains(Mask.residentID(first.idNumber!)) && page.contains(first.operatorName!))
            #expect(page.contains("<td>发放金额(元)</td><td>\(first.amount.yuanText)</td><td>\(Fen(first.amount.value - 5_000).yuanText)</td>"))
            #expect(page.contains(Message.reconOutcome(.onlyInRegistry).zh))
            #expect(page.range(of: #"\b\d{17}[\dX]\b"#, options: .regularExpression) == nil)
            #expect(try db.auditEntries(AuditFilter()).count == audit, "showing the dry run records nothing")
            #expect(try await post(client, held + "/approve", reviewer).status == .seeOther)
            let done = try await client.execute(uri: held, method: .get, headers: cookieHeader(reviewer)).text
            #expect(done.contains("data-state=\"done\""))
            #expect(done.contains(Message.Web.Reconcile.approvedBy("陈县办", "吴审核").zh))
        }
        let line = try #require(try db.auditEntries(AuditFilter()).last { $0.action == "reconcile.review" })
        #expect(line.clerk == "陈县办")
        #expect(line.after?.contains("吴审核") == true && line.after?.contains("web") == true)
    }

    @Test func aReviewerRejectsAHeldAnswerAndNothingIsRecordedButTheRejection() async throws {
        let (db, run, answer) = try fixture()
        let web = makeWebApp(database: db)
        let clerk = await web.sessions.create(for: Self.clerk)
        let reviewer = await web.sessions.create(for: Self.reviewer)
        let first = try db.subsidyResults(run, only: .eligible)[0]
        let corrected =
            "公民身份号码,姓名,核定结果,核定金额(元),发放金额(元)\r\n" + "\(first.idNumber!),\(first.operatorName!),不通过,0,0\r\n"
        try await withClient(web) { client async throws in
            _ = try await upload(
                client, "/reconcile", clerk, [("kind", "hr"), ("run", String(run))], fileName: "反馈.xlsx",
                data: try Data(contentsOf: URL(fileURLWithPath: answer)))
            let reports = try db.reconciliations().count
            let held = try jobPath(
                try await upload(
                    client, "/reconcile", clerk, [("kind", "hr"), ("run", String(run))], fileName: "退回.csv", data: Data(corrected.utf8)))
            let page = try await client.execute(uri: held, method: .get, headers: cookieHeader(reviewer)).text
            #expect(page.contains("<td>核定结果</td><td>通过</td><td>不通过</td>"))
            // The clerk who sent it may not reject it, nor may a post without the form's token.
            #expect(try await post(client, held + "/reject", clerk).status == .forbidden)
            let tokenless = try await client.execute(
                uri: held + "/reject", method: .post, headers: cookieHeader(reviewer) + formType, body: formBody([]))
            #expect(tokenless.status == .forbidden)
            #expect(try db.auditEntries(AuditFilter()).allSatisfy { $0.action != "reconcile.reject" })
            let rejected = try await post(client, held + "/reject", reviewer)
            #expect(rejected.status == .seeOther && rejected.headers[.location] == held)
            let after = try await client.execute(uri: held, method: .get, headers: cookieHeader(reviewer)).text
            #expect(after.contains("data-state=\"rejected\"") && after.contains(Message.Web.Reconcile.rejectedBy("陈县办", "吴审核").zh))
            #expect(!after.contains("id=\"reconcile-approve\"") && !after.contains("id=\"reconcile-annotated\""))
            // Approving it afterwards changes nothing.
            _ = try await post(client, held + "/approve", reviewer)
            #expect(try await client.execute(uri: held, method: .get, headers: cookieHeader(reviewer)).text.contains("data-state=\"rejected\""))
            #expect(try db.reconciliations().count == reports)
        }
        let lines = try db.auditEntries(AuditFilter())
        #expect(!lines.contains { $0.action == "reconcile.review" })
        let line = try #require(lines.last { $0.action == "reconcile.reject" })
        #expect(line.clerk == "吴审核")
        for part in ["\"clerk\":\"陈县办\"", "\"reviewer\":\"吴审核\"", "\"via\":\"web\"", "退回.csv", "\"kind\":\"hr\""] {
            #expect(line.after?.contains(part) == true, "\(part)")
        }
        // The decision stays as the first answer recorded it.
        #expect(try db.subsidyResults(run, only: .eligible).contains { $0.idNumber == first.idNumber })
    }

    @Test func townClerksReviewersAndAdministratorsCannotReconcile() async throws {
        let web = makeWebApp(database: demoDatabase)
        let town = await web.sessions.create(for: WebUser(name: "林镇办", role: .townClerk, town: try DivisionCode(parsing: "330424101000")))
        let admin = await web.sessions.create(for: WebUser(name: "周管理", role: .admin))
        let reviewer = await web.sessions.create(for: Self.reviewer)
        try await withClient(web) { client async throws in
            for session in [town, admin] {
                #expect(try await client.execute(uri: "/reconcile", method: .get, headers: cookieHeader(session)).status == .forbidden)
            }
            for session in [town, admin, reviewer] {
                let refused = try await upload(
                    client, "/reconcile", session, [("kind", "hr"), ("run", "1")], fileName: "a.csv", data: Data("x\r\n".utf8))
                #expect(refused.status == .forbidden)
            }
        }
    }
}
