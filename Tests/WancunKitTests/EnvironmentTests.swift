import Foundation
import Testing

@testable import WancunKit

/// What the command line takes from around it: `WANCUN_BUSY_TIMEOUT`.
@Suite struct EnvironmentTests {
    @Test(arguments: ["abc", "-1", "-0.5", "inf", "nan", "1e400", ""])
    func aMalformedBusyTimeoutIsRefusedNotReadAsTen(value: String) throws {
        let dir = temporaryDirectory()
        let bad = try wancun(["init", "--db", "x.sqlite"], in: dir, environment: ["WANCUN_BUSY_TIMEOUT": value])
        #expect(bad.status == 64)
        #expect(bad.stderr.contains("WANCUN_BUSY_TIMEOUT 的值“\(value)”"))
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("x.sqlite").path))
        let english = try wancun(["init", "--db", "x.sqlite", "--lang", "en"], in: dir, environment: ["WANCUN_BUSY_TIMEOUT": value])
        #expect(english.status == 64 && english.stderr.contains("is not a number of seconds"))
    }

    @Test(arguments: ["0", "0.5", "10", "120"])
    func aBusyTimeoutInSecondsIsTaken(value: String) throws {
        let dir = temporaryDirectory()
        #expect(try wancun(["init", "--db", "x.sqlite"], in: dir, environment: ["WANCUN_BUSY_TIMEOUT": value]).status == 0)
    }
}
