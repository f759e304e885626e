import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing
import WancunKit

@testable import WancunWeb

/// A demo registry of its own with one account of each role (cheap hashes), a disabled
/// county clerk, and the town clerk's town and another town that both have points.
struct AccountRegistry: Sendable {
    let database: AppDatabase
    let ownTown: DivisionCode
    let otherTown: DivisionListing
    let ownPoints: [String]
    let otherPoint: String
    var ownPoint: String { ownPoints[0] }
    static let password = "correct-horse-1"

    static let shared = make()

    /// A registry of its own, for tests that change it.
    static func make() -> AccountRegistry {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("wancun-web-accounts-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let db = try! Demo.build(
            at: dir.appendingPathComponent("accounts.sqlite").path, seed: repositoryRoot.appendingPathComponent("seed").path,
            context: webContext)
        let allTowns = try! db.divisions(DivisionFilter(level: .town))
        let byTown = Dictionary(grouping: try! db.points().map(\.code)) { code in allTowns.first { code.hasPrefix($0.code.significantPrefix) }!.code }
        let towns = byTown.keys.sorted { $0.rawValue < $1.rawValue }
        precondition(towns.count >= 2, "the demo has points in two towns")
        let cheap = PasswordHasher(cost: 4)
        let accounts: [(String, Role, DivisionCode?)] = [
            ("管理员", .admin, nil), ("县办", .countyClerk, nil), ("镇办", .townClerk, towns[0]), ("审核员", .reviewer, nil), ("停用者", .countyClerk, nil),
        ]
        for (name, role, town) in accounts {
            _ = try! db.addUser(NewUser(name: name, role: role, town: town, password: password), hasher: cheap, context: webContext)
        }
        try! db.disableUser("停用者", context: webContext)
        return AccountRegistry(
            database: db, ownTown: towns[0], otherTown: allTowns.first { $0.code == towns[1] }!, ownPoints: byTown[towns[0]]!,
            otherPoint: byTown[towns[1]]!.first!)
    }

    func app() -> WebApp { WebApp(database: database, signIn: AccountSignIn(database: database), now: { TestClock().now }) }
}

/// Signs in and opens `paths` with the session, answering each page.
func signedInPages(_ web: WebApp, name: String, password: String = AccountRegistry.password, _ paths: [String]) async throws
    -> (SignInOutcome, [TestResponseCopy])
{
    try await withClient(web) { client async throws in
        let outcome = try await signIn(client, name: name, password: password)
        let id = String(outcome.sessionCookie.dropFirst(RequireSession.cookie.count + 1).prefix { $0 != ";" })
        var pages: [TestResponseCopy] = []
        for path in paths where !id.isEmpty {
            let response = try await client.execute(uri: path, method: .get, headers: [.cookie: RequireSession.cookie + "=" + id])
            pages.append(TestResponseCopy(status: response.status, text: response.text, location: response.headers[.location]))
        }
        return (outcome, pages)
    }
}

/// Sign-in with the registry's own accounts, and what each role is shown.
@Suite struct WebAccountTests {
    let registry = AccountRegistry.shared

    @Test func aCountyClerkSignsInAndSeesEveryPoint() async throws {
        let (outcome, pages) = try await signedInPages(registry.app(), name: "县办", ["/", "/points", "/points/" + registry.otherPoint])
        #expect(outcome.status == .seeOther && outcome.location == "/")
        #expect(pages.map(\.status) == [.ok, .ok, .ok])
        #expect(pages[0].text.contains("县办"))
        let total = try registry.database.points().count
        #expect(pages[1].text.contains(Message.Web.pageOf(1, (total + WebApp.pageSize - 1) / WebApp.pageSize, total: total).zh))
    }

    @Test func aReviewerSignsInAndReadsEveryPoint() async throws {
        let (outcome, pages) = try await signedInPages(registry.app(), name: "审核员", ["/points", "/points/" + registry.otherPoint])
        #expect(outcome.status == .seeOther)
        #expect(pages.map(\.status) == [.ok, .ok])
    }

    @Test func aTownClerkSeesOnlyTheirTownAndAnotherTownsPointIsNotFound() async throws {
        let own = registry.ownPoints
        let (outcome, pages) = try await signedInPages(
            registry.app(), name: "镇办", ["/points", "/points/" + registry.ownPoint, "/points/" + registry.otherPoint, "/"])
        #expect(outcome.status == .seeOther)
        #expect(pages[0].status == .ok)
        #expect(pages[0].text.contains(Message.Web.pageOf(1, (own.count + WebApp.pageSize - 1) / WebApp.pageSize, total: own.count).zh))
        #expect(pages[0].text.contains(registry.ownPoint))
        #expect(!pages[0].text.contains(registry.otherPoint))
        #expect(pages[1].status == .ok)
        #expect(pages[2].status == .notFound)
        #expect(pages[2].text.contains(Message.Web.notFound.zh))
        #expect(pages[3].status == .ok)
        #expect(!pages[3].text.contains(registry.otherTown.name))
    }

    @Test func aTownClerkAskingForAnotherTownInTheSearchFindsNothing() async throws {
        let (_, pages) = try await signedInPages(registry.app(), name: "镇办", ["/points?town=" + registry.otherTown.code.rawValue])
        #expect(pages.first?.status == .ok)
        #expect(pages.first?.text.contains(Message.Web.noPoints.zh) == true)
    }

    @Test func anAdministratorSignsInButIsRefusedTheRegistryPages() async throws {
        let (outcome, pages) = try await signedInPages(registry.app(), name: "管理员", ["/", "/points", "/points/" + registry.ownPoint])
        #expect(outcome.status == .seeOther)
        #expect(pages[0].status == .forbidden && pages[1].status == .forbidden)
        #expect(pages[1].text.contains(AccountError.notAllowed("管理员", .readRegistry).message.zh))
        // A point is out of an administrator's reach, told as unknown as the library tells it.
        #expect(pages[2].status == .notFound)
    }

    @Test func aWrongPasswordAndADisabledAccountAreRefusedAlike() async throws {
        for (name, password) in [("县办", "wrong-password-1"), ("停用者", AccountRegistry.password), ("无此人", AccountRegistry.password)] {
            let (outcome, pages) = try await signedInPages(registry.app(), name: name, password: password, ["/"])
            #expect(outcome.status == .unauthorized, "\(name)")
            #expect(outcome.text.contains(Message.Web.signInRefused.zh))
            #expect(outcome.sessionCookie.isEmpty && pages.isEmpty)
        }
    }

    @Test func aSessionEndsOnceItsAccountIsDisabledOrGetsANewPassword() async throws {
        let registry = AccountRegistry.make()
        let cheap = PasswordHasher(cost: 4)
        for name in ["将停用", "将改密码"] {
            _ = try registry.database.addUser(
                NewUser(name: name, role: .countyClerk, town: nil, password: AccountRegistry.password), hasher: cheap, context: webContext)
        }
        let web = registry.app()
        try await withClient(web) { client async throws in
            for (name, change) in [
                ("将停用", { try registry.database.disableUser("将停用", context: webContext) }),
                ("将改密码", { try registry.database.setPassword("将改密码", to: "another-horse-2", hasher: cheap, context: webContext) }),
            ] as [(String, () throws -> Void)] {
                let outcome = try await signIn(client, name: name, password: AccountRegistry.password)
                let cookie = String(outcome.sessionCookie.prefix { $0 != ";" })
                #expect(outcome.status == .seeOther && !cookie.isEmpty, "\(name)")
                let before = try await client.execute(uri: "/points", method: .get, headers: [.cookie: cookie])
                #expect(before.status == .ok, "\(name)")
                // As `wancun user disable` or `user password` would, from another process.
                try change()
                let after = try await client.execute(uri: "/points", method: .get, headers: [.cookie: cookie])
                #expect(after.status == .seeOther && after.headers[.location] == "/login", "\(name)")
                let again = try await client.execute(uri: "/points", method: .get, headers: [.cookie: cookie])
                #expect(again.status == .seeOther, "\(name): the session stays ended")
            }
        }
    }

    @Test func theTownChoicesAreTheTownsTheAccountSeesWithTheChosenOneMarked() throws {
        let web = registry.app()
        let county = try web.townOptions(Actor(name: "县办", role: .countyClerk), selected: registry.otherTown.code)
        let towns = try registry.database.divisions(DivisionFilter(level: .town))
        #expect(county.components(separatedBy: "<option ").count - 1 == towns.count)
        #expect(county.contains("<option value=\"\(registry.otherTown.code.rawValue)\" selected>\(registry.otherTown.name)</option>"))
        let town = try web.townOptions(Actor(name: "镇办", role: .townClerk, town: registry.ownTown), selected: nil)
        #expect(town.components(separatedBy: "<option ").count - 1 == 1 && town.contains("value=\"\(registry.ownTown.rawValue)\">"))
        #expect(!town.contains(" selected"))
    }

    @Test func repeatedWrongPasswordsRefuseEvenTheRightOne() async throws {
        let web = registry.app()
        try await withClient(web) { client async throws in
            for _ in 0..<web.configuration.maxAttempts {
                #expect(try await signIn(client, name: "审核员", password: "wrong-password-1").status == .unauthorized)
            }
            let refused = try await signIn(client, name: "审核员")
            #expect(refused.status == .tooManyRequests && refused.sessionCookie.isEmpty)
        }
    }

    @Test func accountSignInWithNoAccountsSaysHowToAddOne() async throws {
        let web = WebApp(database: demoDatabase, signIn: AccountSignIn(database: demoDatabase))
        try await withClient(web) { client async throws in
            let refused = try await signIn(client, name: "县办", password: AccountRegistry.password)
            #expect(refused.status == .unauthorized && refused.text.contains("wancun user add"))
        }
    }

    /// `wancun demo --users`, then the file served as `wancun serve` serves it: the town clerk
    /// signs in with the password the demo printed.
    @Test func theDemosTownClerkSignsInWithThePrintedPassword() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("wancun-web-demo-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let demo = Process()
        let executable = try #require(builtWancun)
        demo.executableURL = executable
        demo.arguments = ["demo", "--users"]
        demo.currentDirectoryURL = dir
        var environment = ProcessInfo.processInfo.environment
        environment["WANCUN_SEED"] = repositoryRoot.appendingPathComponent("seed").path
        environment["WANCUN_CLERK"] = "测试员"
        for key in ["WANCUN_LANG", "WANCUN_DB"] { environment[key] = nil }
        demo.environment = environment
        let out = Pipe()
        demo.standardOutput = out
        demo.standardError = FileHandle.nullDevice
        try demo.run()
        let printed = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        demo.waitUntilExit()
        #expect(demo.terminationStatus == 0)
        let line = try #require(printed.split(separator: "\n").first { $0.contains("林镇办") && $0.contains("演示密码：") })
        let password = String(try #require(line.components(separatedBy: "演示密码：").last)).trimmingCharacters(in: .whitespaces)
        let database = try AppDatabase(path: dir.appendingPathComponent("wancun-demo.sqlite").path)
        let web = WebApp(database: database, signIn: AccountSignIn(database: database))
        let (outcome, pages) = try await signedInPages(web, name: "林镇办", password: password, ["/points"])
        #expect(outcome.status == .seeOther && outcome.location == "/")
        #expect(pages.first?.status == .ok && pages.first?.text.contains("林镇办") == true)
        #expect(try await signedInPages(web, name: "林镇办", password: password + "x", []).0.status == .unauthorized)
    }
}

/// The `wancun` that `swift test` built, beside the test bundle.
let builtWancun: URL? = {
    let arguments0 = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    return [
        arguments0, Bundle.main.bundleURL, Bundle.main.bundleURL.deletingLastPathComponent(), repositoryRoot.appendingPathComponent(".build/debug"),
    ]
    .map { $0.appendingPathComponent("wancun") }.first { FileManager.default.isExecutableFile(atPath: $0.path) }
}()
