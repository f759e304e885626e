import Foundation
import Testing

@testable import WancunKit

/// `wancun demo --users`: one account of each role, their demo passwords printed.
@Suite struct DemoUsersTests {
    @Test func theDemoMakesAccountsOnRequestAndTheirReviewerApprovesItsMonth() throws {
        let dir = temporaryDirectory()
        let db = dir.appendingPathComponent("demo.sqlite").path
        let demo = try wancun(["demo", "--users", "--db", db])
        #expect(demo.status == 0, "\(demo.stderr)")
        #expect(demo.stdout.contains("演示账号（仅供演示") && demo.stdout.contains("演示密码："))
        let lines = demo.stdout.components(separatedBy: "\n").filter { $0.contains("演示密码：") }
        #expect(lines.count == 4)
        let reviewer = try #require(lines.first { $0.contains(Demo.reviewerName) })
        let password = String(try #require(reviewer.components(separatedBy: "演示密码：").last))
        #expect(try AppDatabase(path: db).authenticate(Demo.reviewerName, password: password)?.role == .reviewer)
        #expect(try AppDatabase(path: db).users().contains { $0.role == .townClerk && $0.town != nil })
        #expect(try AppDatabase(path: db).subsidyRun(1).run.reviewer == Demo.reviewerName)
    }
}
