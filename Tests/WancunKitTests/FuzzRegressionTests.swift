import Foundation
import Testing

@testable import WancunKit

/// Inputs the fuzzers (`scripts/fuzz.sh`) found crashing the readers, each kept as a fixture
/// named `fuzz-<reader>-<what>` once fixed: each is refused or read, never a crash.
@Suite struct FuzzRegressionTests {
    static let fixtures = (try? FileManager.default.contentsOfDirectory(atPath: fixture(""))) ?? []

    @Test(arguments: fixtures.filter { $0.hasPrefix("fuzz-xlsx-") })
    func aWorkbookThatCrashedIsRefused(name: String) throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: fixture(name)))
        let problem = try #require(throws: RowProblem.self) { try readAll(workbook: data) }
        #expect(problem.rule == "XLSX_UNREADABLE")
        #expect(throws: RowProblem.self) { try readAll(fixture(name)) }
    }

    @Test func theCrashesAreKept() {
        #expect(Self.fixtures.contains("fuzz-xlsx-entry-past-the-end.xlsx"))
    }
}
