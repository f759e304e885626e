import Foundation
import Testing

@testable import WancunKit

/// Once accounts exist, an operator's full ID number printed at the server is recorded as the
/// web's reveal is: who saw whose number, when, through the same library function.
@Suite(.serialized) struct OperatorRevealAuditTests {
    @Test func showingAnOperatorWithRevealRecordsWhoSawTheNumberOnceAccountsExist() throws {
        let path = try sharedDemoCopy()
        let db = try AppDatabase(path: path)
        let person = try #require(try db.operators().first?.0)
        func seen() throws -> [AuditEntry] {
            try db.auditEntries(AuditFilter(operatorIdNumber: person.idNumber)).filter { $0.action == "operator.reveal" }
        }
        // Without accounts, the listing's own line (output.reveal) is all there is.
        #expect(try !db.hasUsers())
        #expect(try wancun(["operator", "show", person.idNumber, "--reveal", "--db", path]).status == 0)
        #expect(try seen().isEmpty)
        try db.addTestUser("吴审核", .reviewer)
        #expect(try wancun(["operator", "show", person.idNumber, "--db", path]).status == 0)
        #expect(try seen().isEmpty)
        let shown = try wancun(["operator", "show", person.idNumber, "--reveal", "--db", path])
        #expect(shown.status == 0 && shown.stdout.contains(person.idNumber))
        let line = try #require(try seen().last)
        #expect(try seen().count == 1)
        #expect(line.clerk == "测试员")
        #expect(line.after == "{\"name\":\"测试员\",\"via\":\"cli\"}")
        #expect(line.before == nil && line.reason == nil)
        #expect(try db.auditChainProblems().isEmpty)
    }
}
