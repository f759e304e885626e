import Foundation
import Testing

@testable import WancunKit

/// A clerk's month in a real browser (`Tests/Browser/clerk_month.py`, headless Chromium driven by
/// selenium) against the built `wancun serve` on a loopback port, over a fresh demo registry
/// whose October is not checked yet. The screenshots and PDFs of every page stay in
/// `.build/browser-test/` (or `WANCUN_BROWSER_OUT`), which the test prints.
@Suite(
    .serialized, .enabled(if: OutsideTool.chromium.isAvailable, OutsideTool.chromium.skipReason),
    .enabled(if: OutsideTool.selenium.isAvailable, OutsideTool.selenium.skipReason),
    .enabled(if: OutsideTool.openpyxl.isAvailable, OutsideTool.openpyxl.skipReason),
    .enabled(if: OutsideTool.pdftotext.isAvailable, OutsideTool.pdftotext.skipReason))
struct BrowserTests {
    /// The steps run: `all`, the clerk's month (the script's `existing` is the sign-in of every
    /// role, 首页, the point list and a point's page). `WANCUN_BROWSER_STEPS` overrides it.
    static let steps = "all"

    @Test func aClerksMonthInABrowserHasNoSidewaysScrollAndPrintsOnePageWide() throws {
        let out =
            ProcessInfo.processInfo.environment["WANCUN_BROWSER_OUT"].map { URL(fileURLWithPath: $0) }
            ?? repositoryRoot.appendingPathComponent(".build/browser-test")
        try? FileManager.default.removeItem(at: out)
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        print("browser test: screenshots and PDFs in \(out.path)")

        let dir = temporaryDirectory()
        let path = dir.appendingPathComponent("demo.sqlite").path
        let db = try Demo.build(at: path, seed: repositoryRoot.appendingPathComponent("seed").path, context: testContext)
        let users = try Demo.addUsers(db, context: testContext)
        let accounts = Dictionary(uniqueKeysWithValues: users.map { ($0.account.role.rawValue, ["name": $0.account.name, "password": $0.password]) })
        let accountsFile = dir.appendingPathComponent("accounts.json")
        try JSONSerialization.data(withJSONObject: accounts).write(to: accountsFile)

        let port = try freeLoopbackPort()
        let server = Process()
        server.executableURL = URL(fileURLWithPath: wancunExecutable)
        server.arguments = ["serve", "--db", path, "--listen", "127.0.0.1:\(port)"]
        server.environment = try commandEnvironment(adding: [:], removing: [])
        server.standardOutput = FileHandle.nullDevice
        let log = out.appendingPathComponent("server.log").path
        _ = FileManager.default.createFile(atPath: log, contents: nil)
        server.standardError = FileHandle(forWritingAtPath: log) ?? FileHandle.nullDevice
        try server.run()
        defer {
            server.terminate()
            server.waitUntilExit()
        }

        let (status, printed) = try runTool([
            "python3", repositoryRoot.appendingPathComponent("Tests/Browser/clerk_month.py").path, "--url", "http://127.0.0.1:\(port)",
            "--accounts", accountsFile.path, "--out", out.path, "--month", Demo.activityMonth.description,
            "--steps", ProcessInfo.processInfo.environment["WANCUN_BROWSER_STEPS"] ?? Self.steps,
        ])
        try Data(printed.utf8).write(to: out.appendingPathComponent("clerk_month.log"))
        print(printed)
        #expect(status == 0, "clerk_month.py failed:\n\(printed)")
        #expect(printed.contains("passed:"))
        let shots = try FileManager.default.contentsOfDirectory(atPath: out.path).filter { $0.hasSuffix(".png") && !$0.hasPrefix("failed-") }
        #expect(shots.count >= 8, "\(shots)")
    }

    /// A port nobody listens on now: the kernel's choice for a socket bound to port 0.
    func freeLoopbackPort() throws -> Int {
        let (_, text) = try runTool(["python3", "-c", "import socket; s = socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1])"])
        return try #require(Int(text.trimmingCharacters(in: .whitespacesAndNewlines)))
    }
}
