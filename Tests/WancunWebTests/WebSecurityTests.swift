import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing
import WancunKit

@testable import WancunWeb

/// The protections every page has, each test failing if its protection is taken away.
@Suite struct WebSecurityTests {
    @Test func everyRouteButSignInAndStaticFilesSendsTheVisitorToSignIn() async throws {
        let web = makeWebApp()
        let routes = web.router().routes
        #expect(routes.count >= 12)
        let open = routes.filter { RequireSession.isPublic($0.path.description) }.map(\.description).sorted()
        #expect(open == ["GET /login", "GET /static/wancun.css", "POST /login"])
        for route in routes where !RequireSession.isPublic(route.path.description) {
            let path = try concretePath(route.path.description)
            let method = route.method
            let name = route.description
            try await withClient(web) { client async throws in
                // A POST carries the sign-in page's token and its cookie, which the form check
                // takes: what stops it is the missing session.
                let token = SessionStore.randomToken()
                let response = try await client.execute(
                    uri: path, method: method, headers: method == .post ? formType + [.cookie: RequireSession.loginCookie + "=" + token] : [:],
                    body: method == .post ? formBody([("_csrf", token)]) : nil)
                #expect(response.status == .seeOther, "\(name)")
                #expect(response.headers[.location] == "/login", "\(name)")
            }
        }
    }

    @Test func everyResponseCarriesTheSecurityHeaders() async throws {
        let web = makeWebApp()
        let session = await web.sessions.create(for: WebUser(name: "clerk", role: .countyClerk))
        let paths =
            try web.router().routes.filter { $0.method == .get }.map { try concretePath($0.path.description) } + ["/no-such-page", "/points/000"]
        for path in paths {
            for headers in [HTTPFields(), cookieHeader(session)] {
                try await withClient(web) { client async throws in
                    let response = try await client.execute(uri: path, method: .get, headers: headers)
                    let csp = try #require(response.headers[.contentSecurityPolicy], "\(path)")
                    #expect(csp.contains("frame-ancestors 'none'"))
                    #expect(csp.contains("script-src 'self'"))
                    #expect(csp.contains("default-src 'none'"))
                    #expect(!csp.contains("unsafe-inline") && !csp.contains("unsafe-eval"))
                    #expect(response.headers[HTTPTypes.HTTPField.Name("X-Content-Type-Options")!] == "nosniff")
                    if !path.hasPrefix("/static/") { #expect(response.headers[.cacheControl] == "no-store", "\(path)") }
                }
            }
        }
    }

    @Test func pagesHaveNoInlineScriptOrStyle() async throws {
        let web = makeWebApp()
        let session = await web.sessions.create(for: WebUser(name: "clerk", role: .countyClerk))
        for route in web.router().routes where route.method == .get && !route.path.description.hasPrefix("/static/") {
            let path = try concretePath(route.path.description)
            try await withClient(web) { client async throws in
                let html = try await client.execute(uri: path, method: .get, headers: cookieHeader(session)).text
                #expect(!html.contains("<script"), "\(path)")
                #expect(!html.contains("<style") && !html.contains("style="), "\(path)")
                #expect(html.range(of: #"\son[a-z]+\s*="#, options: .regularExpression) == nil, "\(path)")
            }
        }
    }

    @Test func theSessionCookieIsHttpOnlyAndStrictAndSecureUnderTLS() async throws {
        for tls in [false, true] {
            var configuration = WebConfiguration()
            if tls {
                configuration.tlsCertificate = "cert.pem"
                configuration.tlsKey = "key.pem"
            }
            let web = makeWebApp(configuration)
            let cookie = try await withClient(web) { client async throws in try await signIn(client) }.sessionCookie
            #expect(cookie.contains("HttpOnly"))
            #expect(cookie.contains("SameSite=Strict"))
            #expect(cookie.contains("Secure") == tls)
        }
    }

    @Test func aSessionEndsWhenLeftUnusedAndAfterItsLifetime() async throws {
        let clock = TestClock()
        var configuration = WebConfiguration()
        configuration.sessionIdle = 600
        configuration.sessionLifetime = 3600
        let web = makeWebApp(configuration, clock: clock)
        let idle = await web.sessions.create(for: WebUser(name: "clerk", role: .countyClerk))
        try await withClient(web) { client async throws in
            #expect(try await client.execute(uri: "/", method: .get, headers: cookieHeader(idle)).status == .ok)
            clock.advance(601)
            #expect(try await client.execute(uri: "/", method: .get, headers: cookieHeader(idle)).status == .seeOther)
        }
        let busy = await web.sessions.create(for: WebUser(name: "clerk", role: .countyClerk))
        try await withClient(web) { client async throws in
            for _ in 0..<6 {
                clock.advance(590)
                #expect(try await client.execute(uri: "/", method: .get, headers: cookieHeader(busy)).status == .ok)
            }
            clock.advance(590)  // 3,540 s of use, then past the hour
            #expect(try await client.execute(uri: "/", method: .get, headers: cookieHeader(busy)).status == .seeOther)
        }
    }

    @Test func aPostWithoutTheFormTokenIsRefused() async throws {
        let web = makeWebApp()
        let session = await web.sessions.create(for: WebUser(name: "clerk", role: .countyClerk))
        try await withClient(web) { client async throws in
            let forged = (session.csrfToken.hasPrefix("0") ? "1" : "0") + session.csrfToken.dropFirst()
            for fields in [[], [("_csrf", forged)]] {
                let refused = try await client.execute(
                    uri: "/logout", method: .post, headers: cookieHeader(session) + formType, body: formBody(fields))
                #expect(refused.status == .forbidden)
                #expect(refused.text.contains(Message.Web.formExpired.zh))
            }
            // Refused, the session still holds.
            #expect(try await client.execute(uri: "/", method: .get, headers: cookieHeader(session)).status == .ok)
            let taken = try await client.execute(
                uri: "/logout", method: .post, headers: cookieHeader(session) + formType, body: formBody([("_csrf", session.csrfToken)]))
            #expect(taken.status == .seeOther)
            #expect(try await client.execute(uri: "/", method: .get, headers: cookieHeader(session)).status == .seeOther)
            // Signing in needs the token the sign-in page set.
            let noToken = try await client.execute(
                uri: "/login", method: .post, headers: formType, body: formBody([("name", "clerk"), ("password", "secret")]))
            #expect(noToken.status == .forbidden)
        }
    }

    @Test func everyFormOnEveryPageCarriesTheToken() async throws {
        let web = makeWebApp()
        let session = await web.sessions.create(for: WebUser(name: "clerk", role: .countyClerk))
        var forms = 0
        for route in web.router().routes where route.method == .get && !route.path.description.hasPrefix("/static/") {
            let path = try concretePath(route.path.description)
            let html = try await withClient(web) { client async throws in
                try await client.execute(uri: path, method: .get, headers: path == "/login" ? [:] : cookieHeader(session)).text
            }
            for form in html.components(separatedBy: "<form").dropFirst() {
                let tag = form.prefix { $0 != ">" }
                guard tag.contains("method=\"post\"") else { continue }
                forms += 1
                #expect(form.components(separatedBy: "</form>")[0].contains("name=\"_csrf\""), "\(path)")
            }
        }
        #expect(forms >= 8)  // the sign-in form and every signed-in page's sign-out form
    }

    @Test func namesThatLookLikeMarkupOrFormulasAreShownAsText() async throws {
        let web = makeWebApp()
        let session = await web.sessions.create(for: WebUser(name: "<b>clerk</b>", role: .countyClerk))
        let hostile = try demoDatabase.points().filter { $0.name == hostileScript || $0.name.contains("HYPERLINK") }
        #expect(hostile.count == 2)
        var pages = ["/points?name=" + "<script>".addingPercentEncoding(withAllowedCharacters: .alphanumerics)!, "/points?name=HYPERLINK"]
        pages += hostile.map { "/points/" + $0.code }
        for path in pages {
            let html = try await withClient(web) { client async throws in
                try await client.execute(uri: path, method: .get, headers: cookieHeader(session)).text
            }
            #expect(!html.contains("<script"), "\(path)")
            #expect(!html.contains("<b>"))
            #expect(html.contains("&lt;b&gt;clerk&lt;&#47;b&gt;") || html.contains("&lt;b&gt;clerk&lt;/b&gt;"))
            #expect(!html.contains("href=\"http://evil"), "\(path)")
        }
        let list = try await withClient(web) { client async throws in
            try await client.execute(uri: "/points?name=alert", method: .get, headers: cookieHeader(session)).text
        }
        #expect(list.contains("&lt;script&gt;alert(1)"))
    }

    @Test func aBodyPastTheLimitIsRefusedWithItsReason() async throws {
        var configuration = WebConfiguration()
        configuration.maxBodyBytes = 1024
        let web = makeWebApp(configuration)
        let session = await web.sessions.create(for: WebUser(name: "clerk", role: .countyClerk))
        try await withClient(web) { client async throws in
            let big = formBody([("_csrf", session.csrfToken), ("name", String(repeating: "x", count: 2000))])
            let refused = try await client.execute(uri: "/logout", method: .post, headers: cookieHeader(session) + formType, body: big)
            #expect(refused.status == .contentTooLarge)
            #expect(refused.text.contains(Message.Web.tooLarge(limitBytes: 1024).zh))
            #expect(refused.text.contains("1 KB"))
            #expect(refused.headers[.contentSecurityPolicy] != nil)
            let small = formBody([("_csrf", session.csrfToken)])
            #expect(
                try await client.execute(uri: "/logout", method: .post, headers: cookieHeader(session) + formType, body: small).status == .seeOther)
        }
    }

    @Test func failedSignInsAreLimitedPerAccountAndPerAddress() async throws {
        let clock = TestClock()
        var configuration = WebConfiguration()
        configuration.maxAttempts = 3
        configuration.attemptWindow = 900
        let web = makeWebApp(configuration, clock: clock)
        try await withClient(web) { client async throws in
            for _ in 0..<3 { #expect(try await signIn(client, password: "wrong").status == .unauthorized) }
            // The right password too is refused now, with the reason.
            let limited = try await signIn(client)
            #expect(limited.status == .tooManyRequests)
            #expect(limited.text.contains(Message.Web.tooManyAttempts.zh))
            clock.advance(901)
            #expect(try await signIn(client).status == .seeOther)
        }
        // Per address: attempts from one address are counted as they start, the right ones
        // then forgiven; past its limit a fourth account is refused there, not elsewhere.
        let limiter = SignInLimiter(limit: 3, addressLimit: 3, window: 900)
        for name in ["a", "b", "c"] {
            #expect(await limiter.attempt(account: name, address: "10.0.0.9"))
            await limiter.finished(account: name, address: "10.0.0.9", succeeded: false)
        }
        #expect(await limiter.attempt(account: "d", address: "10.0.0.9") == false)
        #expect(await limiter.attempt(account: "d", address: "10.0.0.8"))
        await limiter.finished(account: "d", address: "10.0.0.8", succeeded: true)
        // Per account: the same account failing from three addresses is stopped from a fourth,
        // however its name is spaced or cased (the sign-in finds the same account for all).
        for (name, address) in [("Clerk", "1"), (" clerk", "2"), ("clerk\t", "3")] {
            #expect(await limiter.attempt(account: name, address: address))
            await limiter.finished(account: name, address: address, succeeded: false)
        }
        #expect(await limiter.attempt(account: "clerk", address: "4") == false)
        // A right password forgives the account and its own attempt, not the address's others.
        let forgiving = SignInLimiter(limit: 5, addressLimit: 2, window: 900)
        #expect(await forgiving.attempt(account: "e", address: "10.0.0.7"))
        await forgiving.finished(account: "e", address: "10.0.0.7", succeeded: false)
        #expect(await forgiving.attempt(account: "f", address: "10.0.0.7"))
        await forgiving.finished(account: "f", address: "10.0.0.7", succeeded: true)
        #expect(await forgiving.attempt(account: "f", address: "10.0.0.7"))
        await forgiving.finished(account: "f", address: "10.0.0.7", succeeded: false)
        #expect(await forgiving.attempt(account: "g", address: "10.0.0.7") == false)
    }

    @Test func signInsSentAtOnceCannotAllPassTheLimit() async throws {
        var configuration = WebConfiguration()
        configuration.maxAttempts = 3
        let web = makeWebApp(configuration)
        let statuses = try await withClient(web) { client async throws in
            try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                for _ in 0..<8 { group.addTask { try await signIn(client, password: "wrong").status } }
                return try await group.reduce(into: []) { $0.append($1) }
            }
        }
        #expect(statuses.filter { $0 == .unauthorized }.count == 3)
        #expect(statuses.filter { $0 == .tooManyRequests }.count == 5)
    }

    @Test func theClerksOfOneOfficeSignInAtOnceFromOneAddress() async throws {
        // Twenty right sign-ins sent together from one address (an office behind one router),
        // the same account among them ten times: none is refused.
        let web = makeWebApp()
        let statuses = try await withClient(web) { client async throws in
            try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                for _ in 0..<20 { group.addTask { try await signIn(client).status } }
                return try await group.reduce(into: []) { $0.append($1) }
            }
        }
        #expect(statuses == Array(repeating: .seeOther, count: 20))
    }

    @Test func aListPageFarPastTheEndIsTheLastPageNotACrash() async throws {
        let web = makeWebApp(database: demoDatabase)
        let session = await web.sessions.create(for: WebUser(name: "clerk", role: .countyClerk))
        for path in ["/points", "/operators", "/audit"] {
            for page in [String(Int.max), String(Int.min), "99999999999999999999", "-1"] {
                try await withClient(web) { client async throws in
                    let response = try await client.execute(uri: path + "?page=" + page, method: .get, headers: cookieHeader(session))
                    #expect(response.status == .ok, "\(path)?page=\(page)")
                }
            }
        }
    }
}

struct SignInOutcome {
    var status: HTTPResponse.Status
    var text: String
    var sessionCookie: String
    var location: String?
}

/// Opens the sign-in page for its token, then signs in with it.
func signIn(_ client: any TestClientProtocol, name: String = "clerk", password: String = "secret") async throws -> SignInOutcome {
    let page = try await client.execute(uri: "/login", method: .get)
    let login = try #require(page.setCookies.first { $0.hasPrefix(RequireSession.loginCookie + "=") })
    let token = String(login.dropFirst(RequireSession.loginCookie.count + 1).prefix { $0 != ";" })
    #expect(page.text.contains("value=\"\(token)\""))
    let response = try await client.execute(
        uri: "/login", method: .post, headers: formType + [.cookie: RequireSession.loginCookie + "=" + token],
        body: formBody([("_csrf", token), ("name", name), ("password", password)]))
    return SignInOutcome(
        status: response.status, text: response.text,
        sessionCookie: response.setCookies.first { $0.hasPrefix(RequireSession.cookie + "=") } ?? "", location: response.headers[.location])
}
