import Foundation
import HummingbirdTesting
import Testing

@testable import WancunWeb

/// A browser opening the sign-in page also asks for its icon, is sent back to /login without a
/// session, and opens it a second time: the form it shows must still sign in.
@Suite struct WebSignInPageTests {
    @Test func theSignInPageOpenedAgainKeepsItsTokenAndStillSignsIn() async throws {
        try await withClient(makeWebApp()) { client async throws in
            let first = try await client.execute(uri: "/login", method: .get)
            let cookie = try #require(first.setCookies.first { $0.hasPrefix(RequireSession.loginCookie + "=") })
            let token = String(cookie.dropFirst(RequireSession.loginCookie.count + 1).prefix { $0 != ";" })
            let icon = try await client.execute(uri: "/favicon.ico", method: .get, headers: [.cookie: RequireSession.loginCookie + "=" + token])
            #expect(icon.status == .seeOther && icon.headers[.location] == "/login")
            let again = try await client.execute(uri: "/login", method: .get, headers: [.cookie: RequireSession.loginCookie + "=" + token])
            #expect(again.text.contains("value=\"\(token)\""))
            #expect(again.setCookies.allSatisfy { !$0.hasPrefix(RequireSession.loginCookie + "=") || $0.contains(token) })
            let signedIn = try await client.execute(
                uri: "/login", method: .post, headers: formType + [.cookie: RequireSession.loginCookie + "=" + token],
                body: formBody([("_csrf", token), ("name", "clerk"), ("password", "secret")]))
            #expect(signedIn.status == .seeOther && signedIn.headers[.location] == "/")
        }
    }

    @Test func aCookieThatIsNoTokenGetsANewOne() async throws {
        try await withClient(makeWebApp()) { client async throws in
            let page = try await client.execute(uri: "/login", method: .get, headers: [.cookie: RequireSession.loginCookie + "=<b>x</b>"])
            #expect(!page.text.contains("&lt;b&gt;x") && !page.text.contains("<b>x</b>"))
            let cookie = try #require(page.setCookies.first { $0.hasPrefix(RequireSession.loginCookie + "=") })
            #expect(SessionStore.isToken(String(cookie.dropFirst(RequireSession.loginCookie.count + 1).prefix { $0 != ";" })))
        }
    }
}
