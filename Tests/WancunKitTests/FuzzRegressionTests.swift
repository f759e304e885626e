import Foundation
import Testing

@testable import WancunKit

/// Inputs the fuzzers (`scripts/fuzz.sh`) found crashing the readers, each kept as a fixture
/// named `fuzz-<reader>-<what>` once fixed: each is refused or read, never a crash.
@Suite struct FuzzRegressionTests {
    static let fixtures = (try? FileManager.default.contentsOfDirectory(atPath: fixture(""))) ?? []

    /// A hang fails too: the run is cut off and the test fails, instead of waiting for ever.
    @Test(.timeLimit(.minutes(1)), arguments: fixtures.filter { $0.hasPrefix("fuzz-xlsx-") })
    func aWorkbookThatCrashedIsRefused(name: String) throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: fixture(name)))
        let problem = try #require(throws: RowProblem.self) { try readAll(workbook: data) }
        #expect(problem.rule == "XLSX_UNREADABLE")
        #expect(throws: RowProblem.self) { try readAll(fixture(name)) }
    }

    @Test func theCrashesAreKept() {
        #expect(Self.fixtures.contains("fuzz-xlsx-entry-past-the-end.xlsx"))
        // A packed stream that never ends: ZIPFoundation's extract read on at the end of the file for ever.
        #expect(Self.fixtures.contains("fuzz-xlsx-inflate-never-ends.xlsx"))
    }
}
