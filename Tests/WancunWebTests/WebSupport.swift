import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing
import WancunKit

@testable import WancunWeb

let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

let webContext = ChangeContext(clerk: "测试员", today: LocalDate(year: 2026, month: 11, day: 26)!)

/// The demo registry, built once for the web tests, with two points whose names try to be markup
/// and a formula.
let demoDatabase: AppDatabase = {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("wancun-web-tests-\(UUID().uuidString)")
    try! FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    let db = try! Demo.build(
        at: dir.appendingPathComponent("web.sqlite").path, seed: repositoryRoot.appendingPathComponent("seed").path, context: webContext)
    let village = try! db.points().first!.villageCode
    _ = try! db.addPoint(NewPoint(village: village, name: hostileScript), context: webContext)
    _ = try! db.addPoint(NewPoint(village: village, name: hostileFormula), context: webContext)
    return db
}()

let hostileScript = "<script>alert(1)</script>"
let hostileFormula = "=HYPERLINK(\"http://evil.example/\",\"点我\")"

/// A clock tests move by hand.
final class TestClock: @unchecked Sendable {
    private let lock = NSLock()
    private var current = Date(timeIntervalSince1970: 1_800_000_000)
    var now: Date { lock.withLock { current } }
    func advance(_ seconds: TimeInterval) { lock.withLock { current += seconds } }
}

/// Signs in `clerk` with password `secret`, `nobody` never.
struct TestSignIn: WebSignIn {
    func check(name: String, password: String) async throws -> WebSignInResult {
        name == "clerk" && password == "secret" ? .user(WebUser(name: "clerk", role: .countyClerk)) : .refused
    }
}

func makeWebApp(_ configuration: WebConfiguration = WebConfiguration(), signIn: any WebSignIn = TestSignIn(), clock: TestClock = TestClock())
    -> WebApp
{
    WebApp(database: demoDatabase, configuration: configuration, signIn: signIn, now: { clock.now })
}

/// Runs `work` against the app's router, in memory.
func withClient<T>(_ web: WebApp, _ work: @escaping @Sendable (any TestClientProtocol) async throws -> T) async throws -> T {
    let app = Application(router: web.router())
    return try await app.test(.router) { client in try await work(client) }
}

extension TestResponse {
    var text: String { String(buffer: body) }
    /// The Set-Cookie lines, as sent.
    var setCookies: [String] { headers[values: .setCookie] }
}

/// The header for sending a session.
func cookieHeader(_ session: WebSession) -> HTTPFields { [.cookie: RequireSession.cookie + "=" + session.id] }

func formBody(_ fields: [(String, String)]) -> ByteBuffer {
    ByteBuffer(string: fields.map { $0 + "=" + ($1.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "") }.joined(separator: "&"))
}

let formType: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]

/// A path to request for each of the router's routes, parameters given real values.
func concretePath(_ route: String) throws -> String {
    let code = try demoDatabase.points().first!.code
    let id = try demoDatabase.operators().first!.0.id!
    return route.replacingOccurrences(of: "{code}", with: code).replacingOccurrences(of: "{run}", with: "1")
        .replacingOccurrences(of: "{id}", with: String(id))
}

extension HTTPFields {
    static func + (a: HTTPFields, b: HTTPFields) -> HTTPFields {
        var all = a
        all.append(contentsOf: b)
        return all
    }
}

/// Signed-in users of the tests that need no account row.
let countyClerk = WebUser(name: "县办", role: .countyClerk)
let reviewer = WebUser(name: "审核员", role: .reviewer)
