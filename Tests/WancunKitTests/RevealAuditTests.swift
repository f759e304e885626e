import Foundation
import Testing

@testable import WancunKit

/// Full ID numbers printed with `--reveal` leave one audit line: the command, how many, where.
@Suite(.serialized) struct RevealAuditTests {
    func revealLines(_ db: String) throws -> [AuditEntry] {
        try AppDatabase(path: db).auditEntries(AuditFilter()).filter { $0.action == "output.reveal" }
    }

    @Test func aListingWithRevealIsAuditedWithItsCountAndDestination() throws {
        let db = try sharedDemoCopy()
        let dir = temporaryDirectory()
        let operators = try AppDatabase(path: db).read { try Int.fetchOne($0, sql: "SELECT count(*) FROM operator")! }
        // Masked: nothing to record.
        #expect(try wancun(["operator", "list", "--db", db]).status == 0)
        #expect(try revealLines(db).isEmpty)
        // Sent to a file (a shell's `>`): that file is named.
        let file = dir.appendingPathComponent("站长.csv").path
        #expect(try wancunProcess(["operator", "list", "--reveal", "--format", "csv", "--db", db], standardOutput: file).status == 0)
        let line = try #require(try revealLines(db).last)
        #expect(line.clerk == "测试员")
        let after = try #require(line.after)
        #expect(after.contains("\"command\":\"operator list\""))
        #expect(after.contains("\"id_numbers\":\(operators)"))
        #expect(after.contains("\"to\":\"\(file)\""))
        // Through a pipe (as a test reads it): recorded as such.
        let piped = try wancun(["operator", "list", "--reveal", "--db", db])
        #expect(piped.status == 0)
        #expect(try revealLines(db).count == 2)
        #expect(try revealLines(db).last?.after?.contains("\"to\":\"pipe\"") == true)
        #expect(try AppDatabase(path: db).auditChainProblems().isEmpty)
    }

    @Test func countingIDNumbersTakesEighteenCharacterRunsOnly() {
        #expect(Mask.residentIDCount(in: "330424197512202353,13800001017,11010519491231002X;3304241975122023531") == 2)
    }
}
