import Foundation
import GRDB
import Testing

@testable import WancunKit

/// What the command line takes from around it: `WANCUN_BUSY_TIMEOUT`, and the policy defaults
/// `wancun init` loads wherever it runs.
@Suite struct EnvironmentTests {
    @Test(arguments: ["abc", "-1", "-0.5", "inf", "nan", "1e400", ""])
    func aMalformedBusyTimeoutIsRefusedNotReadAsTen(value: String) throws {
        let dir = temporaryDirectory()
        let bad = try wancunProcess(["init", "--db", "x.sqlite"], in: dir, environment: ["WANCUN_BUSY_TIMEOUT": value])
        #expect(bad.status == 64)
        #expect(bad.stderr.contains("WANCUN_BUSY_TIMEOUT 的值“\(value)”"))
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("x.sqlite").path))
        let english = try wancunProcess(["init", "--db", "x.sqlite", "--lang", "en"], in: dir, environment: ["WANCUN_BUSY_TIMEOUT": value])
        #expect(english.status == 64 && english.stderr.contains("is not a number of seconds"))
    }

    @Test(arguments: ["0", "0.5", "10", "120"])
    func aBusyTimeoutInSecondsIsTaken(value: String) throws {
        let dir = temporaryDirectory()
        #expect(try wancunProcess(["init", "--db", "x.sqlite"], in: dir, environment: ["WANCUN_BUSY_TIMEOUT": value]).status == 0)
    }

    @Test func theBuiltInPolicyIsSeedPolicyCSV() throws {
        let seed = try String(contentsOf: repositoryRoot.appendingPathComponent("seed/policy.csv"), encoding: .utf8)
        // When this fails, seed/policy.csv changed: run scripts/embed-policy.sh.
        #expect(AppDatabase.defaultPolicyCSV == seed)
    }

    /// `wancun init` from a copy of the executable far from the repository, with no `seed/`
    /// anywhere it looks, loads the same policy values as one that finds `seed/`.
    @Test func initAwayFromSeedLoadsTheBuiltInDefaults() throws {
        let away = temporaryDirectory()
        let executable = away.appendingPathComponent("wancun").path
        try FileManager.default.copyItem(atPath: wancunExecutable, toPath: executable)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["init", "--db", "away.sqlite"]
        process.currentDirectoryURL = away
        var environment = ProcessInfo.processInfo.environment
        environment["WANCUN_TODAY"] = "2026-11-26"
        environment["WANCUN_CLERK"] = "测试员"
        environment.removeValue(forKey: "WANCUN_SEED")
        process.environment = environment
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(!away.path.hasPrefix(repositoryRoot.path))

        let near = temporaryDirectory().appendingPathComponent("near.sqlite").path
        #expect(try wancun(["init", "--db", near]).status == 0)
        func values(_ path: String) throws -> [String] {
            try DatabaseQueue(path: path).read { db in
                try String.fetchAll(
                    db, sql: "SELECT key || '=' || value || '@' || from_date || ' ' || source FROM policy_value ORDER BY key, from_date")
            }
        }
        let loaded = try values(away.appendingPathComponent("away.sqlite").path)
        #expect(loaded.contains { $0.hasPrefix("monthly_amount_fen=150000@2025-01-01") })
        #expect(loaded == (try values(near)))
        #expect(try AppDatabase(path: away.appendingPathComponent("away.sqlite").path).policy(on: testContext.today).maxMonths == 36)
    }
}
