import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing
import WancunKit

@testable import WancunWeb

/// The administrator's account page.
@Suite struct WebUserPageTests {
    struct Sent: Sendable {
        var status: HTTPResponse.Status
        var text: String
    }

    /// Posts `fields` as `user`, with the session's form token unless `csrf` is false.
    func post(_ web: WebApp, _ path: String, _ fields: [(String, String)], as user: WebUser, csrf: Bool = true) async throws -> Sent {
        let session = await web.sessions.create(for: user)
        return try await withClient(web) { client async throws in
            let response = try await client.execute(
                uri: path, method: .post, headers: cookieHeader(session) + formType,
                body: formBody((csrf ? [("_csrf", session.csrfToken)] : []) + fields))
            return Sent(status: response.status, text: response.text)
        }
    }

    let admin = WebUser(name: "管理员", role: .admin)

    @Test func anAdministratorListsAddsDisablesAndResetsAccountsAudited() async throws {
        let db = try freshDemo("users")
        try db.addUser(NewUser(name: "管理员", role: .admin, password: "admin-password-1"), hasher: PasswordHasher(cost: 4), context: webContext)
        let web = overviewApp(db)
        let page = try await get(web, "/users", as: admin)
        #expect(page.status == .ok)
        #expect(page.text.contains("id=\"user-form\"") && page.text.contains("id=\"user-save\"") && page.text.contains("name=\"_csrf\""))
        #expect(page.text.contains(">\(Message.Web.users.zh)</a>"))
        let town = try #require(try db.divisions(DivisionFilter(level: .town)).first)
        let password = "town-password-9"
        let added = try await post(
            web, "/users",
            [("name", "新镇办"), ("role", "town-clerk"), ("town_code", town.code.rawValue), ("password", password), ("password_repeat", password)],
            as: admin)
        #expect(added.status == .ok)
        #expect(added.text.contains(Message.Web.Users.added("新镇办").zh))
        #expect(!added.text.contains(password))
        let account = try db.user("新镇办")
        #expect(account.role == .townClerk && account.town == town.code && !account.disabled)
        #expect(try db.authenticate("新镇办", password: password) != nil)
        let reset = try await post(
            web, "/users/password", [("name", "新镇办"), ("password", "another-password-2"), ("password_repeat", "another-password-2")], as: admin)
        #expect(reset.status == .ok && reset.text.contains(Message.Web.Users.passwordSet("新镇办").zh))
        #expect(try db.authenticate("新镇办", password: "another-password-2") != nil)
        let disabled = try await post(web, "/users/disable", [("name", "新镇办")], as: admin)
        #expect(disabled.status == .ok && disabled.text.contains(Message.Web.Users.disabled("新镇办").zh))
        #expect(try db.user("新镇办").disabled)
        let audit = try db.searchAudit(AuditSearch(entity: .user, key: "新镇办"))
        #expect(audit.entries.map(\.action) == ["user.disable", "user.password", "user.add"])
        #expect(audit.entries.allSatisfy { $0.clerk == "管理员" })
        #expect(!audit.entries.contains { ($0.after ?? "").contains(password) || ($0.after ?? "").contains("$2") })
        // The last administrator is not disabled; the page says why.
        let last = try await post(web, "/users/disable", [("name", "管理员")], as: admin)
        #expect(last.status == .unprocessableContent && last.text.contains(escaped(AccountError.lastAdmin("管理员").message.zh)))
    }

    @Test func refusalsAreShownBesideTheirFieldsAndNothingIsSaved() async throws {
        let db = try freshDemo("users-refused")
        let web = overviewApp(db)
        let typed = "short1"
        let refused = try await post(
            web, "/users", [("name", "镇办乙"), ("role", "town-clerk"), ("town_code", ""), ("password", typed), ("password_repeat", typed + "x")],
            as: admin)
        #expect(refused.status == .unprocessableContent)
        #expect(refused.text.contains(Message.Web.Users.notSaved.zh))
        #expect(refused.text.contains(Message.Web.Users.townRequired.zh))
        #expect(refused.text.contains(AccountError.passwordTooShort(minimum: PasswordHasher.minimumLength).message.zh))
        #expect(refused.text.contains(AccountError.passwordsDiffer.message.zh))
        // The name is kept for correcting; the passwords are never sent back.
        #expect(refused.text.contains("value=\"镇办乙\"") && !refused.text.contains(typed))
        #expect(throws: AccountError.userUnknown("镇办乙")) { try db.user("镇办乙") }
        let shortReset = try await post(web, "/users/password", [("name", "镇办乙"), ("password", "x"), ("password_repeat", "x")], as: admin)
        #expect(shortReset.status == .unprocessableContent)
    }

    @Test func othersAreDeniedAndAFormWithoutItsTokenIsRefused() async throws {
        let db = try freshDemo("users-denied")
        let web = overviewApp(db)
        for user in [countyClerk, WebUser(name: "审核员", role: .reviewer)] {
            let page = try await get(web, "/users", as: user)
            #expect(page.status == .forbidden)
            #expect(!page.text.contains(">\(Message.Web.users.zh)</a>"))
            let sent = try await post(
                web, "/users", [("name", "偷偷"), ("role", "admin"), ("password", "sneaky-pass-1"), ("password_repeat", "sneaky-pass-1")], as: user)
            #expect(sent.status == .forbidden)
        }
        let noToken = try await post(
            web, "/users", [("name", "偷偷"), ("role", "admin"), ("password", "sneaky-pass-1"), ("password_repeat", "sneaky-pass-1")], as: admin,
            csrf: false)
        #expect(noToken.status == .forbidden && noToken.text.contains(Message.Web.formExpired.zh))
        #expect(throws: AccountError.userUnknown("偷偷")) { try db.user("偷偷") }
    }

    @Test func anAdministratorSigningInLandsOnTheAccountPage() async throws {
        let (outcome, pages) = try await signedInPages(AccountRegistry.shared.app(), name: "管理员", ["/users"])
        #expect(outcome.status == .seeOther && outcome.location == "/users")
        #expect(pages.first?.status == .ok && pages.first?.text.contains("id=\"user-form\"") == true)
    }
}
