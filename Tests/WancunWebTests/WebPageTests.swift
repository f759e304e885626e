import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing
import WancunKit

@testable import WancunWeb

/// Each page signed in (what it shows) and signed out (sent to sign in).
@Suite struct WebPageTests {
    func page(_ path: String, session: Bool = true) async throws -> TestResponseCopy {
        let web = makeWebApp()
        let headers = session ? cookieHeader(await web.sessions.create(for: WebUser(name: "clerk", role: .countyClerk))) : HTTPFields()
        return try await withClient(web) { client async throws in
            let response = try await client.execute(uri: path, method: .get, headers: headers)
            return TestResponseCopy(status: response.status, text: response.text, location: response.headers[.location])
        }
    }

    @Test func signingInOpensTheHomePageAndSigningOutEndsTheSession() async throws {
        let web = makeWebApp()
        try await withClient(web) { client async throws in
            let refused = try await signIn(client, password: "nope")
            #expect(refused.status == .unauthorized)
            #expect(refused.text.contains(Message.Web.signInRefused.zh))
            #expect(refused.sessionCookie.isEmpty)
            let taken = try await signIn(client)
            #expect(taken.status == .seeOther && taken.location == "/")
            let id = String(taken.sessionCookie.dropFirst(RequireSession.cookie.count + 1).prefix { $0 != ";" })
            let home = try await client.execute(uri: "/", method: .get, headers: [.cookie: RequireSession.cookie + "=" + id])
            #expect(home.status == .ok)
            #expect(home.text.contains("clerk"))
        }
    }

    @Test func withNoAccountsSignInSaysHowToAddOne() async throws {
        let web = makeWebApp(signIn: NoAccounts())
        try await withClient(web) { client async throws in
            let refused = try await signIn(client)
            #expect(refused.status == .unauthorized)
            #expect(refused.text.contains("wancun user add"))
        }
    }

    @Test func theHomePageCountsPointsByTownAndStatus() async throws {
        let home = try await page("/")
        #expect(home.status == .ok)
        for label in ["首页", "服务点", "站长", "导入", "补贴", "对账", "报表", "审计"] { #expect(home.text.contains(">\(label)</a>")) }
        let counts = try demoDatabase.pointCounts()
        let town = try #require(counts.first)
        #expect(home.text.contains(town.townName))
        #expect(home.text.contains(Message.Web.byStatusAndTown.zh))
        #expect(home.text.contains("<td>\(counts.map(\.count).reduce(0, +))</td>"))
        #expect(try await page("/", session: false).location == "/login")
    }

    @Test func thePointListSearchesFiltersAndPages() async throws {
        let all = try demoDatabase.points()
        let list = try await page("/points")
        #expect(list.status == .ok)
        #expect(list.text.contains("href=\"/points/\(all[0].code)\""))
        #expect(list.text.contains("共 \(all.count) 个"))
        let named = try await page("/points?name=" + all[1].name.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)
        #expect(named.text.contains(all[1].code))
        #expect(!named.text.contains("href=\"/points/\(all[0].code)\"") || all[0].name.contains(all[1].name))
        let byCode = try await page("/points?code=" + all[2].code)
        #expect(byCode.text.contains("共 1 个"))
        let status = all[0].status
        let byStatus = try await page("/points?status=" + status.rawValue)
        #expect(byStatus.text.contains("共 \(all.filter { $0.status == status }.count) 个"))
        #expect(byStatus.text.contains("value=\"\(status.rawValue)\" selected"))
        let town = try #require(
            try demoDatabase.divisions(DivisionFilter(level: .town)).first { t in all.contains { $0.code.hasPrefix(t.code.significantPrefix) } })
        let byTown = try await page("/points?town=" + town.code.rawValue)
        #expect(byTown.text.contains("共 \(all.filter { $0.code.hasPrefix(town.code.significantPrefix) }.count) 个"))
        let none = try await page("/points?name=不存在的名字")
        #expect(none.text.contains(Message.Web.noPoints.zh))
        #expect(try await page("/points", session: false).location == "/login")
    }

    @Test func aLongListIsPaged() async throws {
        let found = try demoDatabase.searchPoints(PointSearch(limit: 2))
        #expect(found.points.count == 2)
        let second = try demoDatabase.searchPoints(PointSearch(offset: 2, limit: 2))
        #expect(second.points.first?.code != found.points.first?.code)
        #expect(found.total == (try demoDatabase.points().count))
        if found.total > WebApp.pageSize {
            let first = try await page("/points")
            #expect(first.text.contains("page=2"))
        } else {
            let past = try await page("/points?page=9")
            #expect(past.text.contains("rel=\"prev\""))
        }
    }

    @Test func aPointShowsItsHistoryOperatorsServicesCouriersAndAuditAsLines() async throws {
        let point = try #require(try demoDatabase.points().first { $0.operatorIdNumber != nil })
        let detail = try demoDatabase.pointDetail(point.code)
        let shown = try await page("/points/" + point.code)
        #expect(shown.status == .ok)
        for section in [Message.Section.statusHistory, Message.Section.operators, Message.Section.audit, Message.Web.services, Message.Web.couriers] {
            #expect(shown.text.contains("<h2>\(section.zh)</h2>"))
        }
        #expect(shown.text.contains(point.name))
        let operatorPerson = try #require(detail.operators.first?.person)
        #expect(shown.text.contains(operatorPerson.name))
        #expect(!shown.text.contains(operatorPerson.idNumber))
        #expect(shown.text.contains(Mask.residentID(operatorPerson.idNumber)))
        #expect(!shown.text.contains(operatorPerson.phone))
        // The audit trail as readable changes, not JSON.
        #expect(shown.text.contains(" → ") || shown.text.contains("："))
        #expect(!shown.text.contains("{&quot;"))
        #expect(try await page("/points/" + point.code, session: false).location == "/login")
        let english = try await page("/points/" + point.code + "?lang=en")
        #expect(english.text.contains("<h2>Status history</h2>"))
    }

    @Test func anUnknownPointIsNotFound() async throws {
        let missing = try await page("/points/330424999999999")
        #expect(missing.status == .notFound)
        #expect(missing.text.contains(Message.Web.notFound.zh))
    }

    @Test func everyPageOfTheNavOpensForACountyClerkAndNoneWithoutASession() async throws {
        for (path, label) in Pages.nav {
            let shown = try await page(path)
            #expect(shown.status == .ok, "\(path)")
            #expect(shown.text.contains("href=\"\(path)\" aria-current=\"page\">\(label.zh)</a>"), "\(path)")
            #expect(try await page(path, session: false).location == "/login")
        }
    }

    @Test func theLanguageIsChosenByLangAndRemembered() async throws {
        let web = makeWebApp()
        let session = await web.sessions.create(for: WebUser(name: "clerk", role: .countyClerk))
        try await withClient(web) { client async throws in
            let english = try await client.execute(uri: "/?lang=en", method: .get, headers: cookieHeader(session))
            #expect(english.text.contains(">Points</a>"))
            let remembered = try #require(english.setCookies.first { $0.hasPrefix("wancun_lang=en") })
            #expect(remembered.contains("HttpOnly"))
            let next = try await client.execute(uri: "/points", method: .get, headers: cookieHeader(session) + [.cookie: "wancun_lang=en"])
            #expect(next.text.contains("lang=\"en\""))
            let chinese = try await client.execute(uri: "/points", method: .get, headers: cookieHeader(session))
            #expect(chinese.text.contains("lang=\"zh-CN\""))
        }
    }

    @Test func everyPageHasTheLanguageSwitchAndTheCookieKeepsItsChoice() async throws {
        let web = makeWebApp()
        let session = await web.sessions.create(for: WebUser(name: "clerk", role: .countyClerk))
        let paths = try web.router().routes.filter { $0.method == .get }.map { try concretePath($0.path.description) } + ["/no-such-page"]
        try await withClient(web) { client async throws in
            var pages = 0
            for path in paths {
                let english = try await client.execute(uri: path, method: .get, headers: cookieHeader(session) + [.cookie: "wancun_lang=en"])
                guard english.headers[.contentType]?.hasPrefix("text/html") == true else { continue }
                pages += 1
                #expect(english.text.contains("<html lang=\"en\">"), "\(path)")
                #expect(english.text.contains("id=\"language-switch\""), "\(path)")
                #expect(english.text.contains("href=\"\(path)?lang=zh\""), "\(path)")
                #expect(english.text.contains("aria-current=\"true\" id=\"language-en\""), "\(path)")
            }
            #expect(pages > 10)
            let signIn = try await client.execute(uri: "/login", method: .get)
            #expect(signIn.text.contains("<html lang=\"zh-CN\">") && signIn.text.contains("href=\"/login?lang=en\""))
            // A page a form's POST answered switches to its section's page, never to an address with the search.
            let found = try await client.execute(
                uri: "/operators", method: .post, headers: cookieHeader(session) + formType,
                body: formBody([("_csrf", session.csrfToken), ("name", "分页")]))
            #expect(found.text.contains("href=\"/operators?lang=en\""))
        }
    }

    @Test func theLanguageCookieIsSecureUnderTLSAndTheBrowsersLanguageIsTheDefault() async throws {
        var configuration = WebConfiguration()
        (configuration.tlsCertificate, configuration.tlsKey) = ("cert.pem", "key.pem")
        let web = makeWebApp(configuration)
        try await withClient(web) { client async throws in
            let chosen = try await client.execute(uri: "/login?lang=en", method: .get)
            let cookie = try #require(chosen.setCookies.first { $0.hasPrefix("wancun_lang=en") })
            for attribute in ["HttpOnly", "Secure", "SameSite=Strict", "Path=/"] { #expect(cookie.contains(attribute), "\(attribute)") }
            for (header, language) in [
                ("en-GB,en;q=0.9", "en"), ("zh-CN,zh;q=0.9,en;q=0.8", "zh-CN"), ("fr-FR,en;q=0.5,zh;q=0.7", "zh-CN"), ("fr", "zh-CN"),
                ("de;q=1,en;q=0.2", "en"),
            ] {
                let shown = try await client.execute(uri: "/login", method: .get, headers: [.acceptLanguage: header])
                #expect(shown.text.contains("<html lang=\"\(language)\">"), "\(header)")
            }
            // The cookie goes before the browser's language, the address before both.
            let kept = try await client.execute(uri: "/login", method: .get, headers: [.acceptLanguage: "en", .cookie: "wancun_lang=zh"])
            #expect(kept.text.contains("<html lang=\"zh-CN\">"))
            let asked = try await client.execute(uri: "/login?lang=en", method: .get, headers: [.cookie: "wancun_lang=zh"])
            #expect(asked.text.contains("<html lang=\"en\">"))
        }
    }

    @Test func theStylesheetIsServedWithoutASession() async throws {
        let css = try await page("/static/wancun.css", session: false)
        #expect(css.status == .ok)
        #expect(css.text.contains("@media print"))
    }

    @Test func listenAddressesAreRead() {
        #expect(WebConfiguration.listenAddress("0.0.0.0:8080")! == ("0.0.0.0", 8080))
        #expect(WebConfiguration.listenAddress("[::1]:8443")! == ("::1", 8443))
        for bad in ["8080", "host:", ":80", "host:99999", "host:http"] { #expect(WebConfiguration.listenAddress(bad) == nil, "\(bad)") }
    }
}

struct TestResponseCopy: Sendable {
    var status: HTTPResponse.Status
    var text: String
    var location: String?
}
