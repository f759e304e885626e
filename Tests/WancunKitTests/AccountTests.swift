import Foundation
import GRDB
import Testing

@testable import WancunKit

/// bcrypt's minimum cost, so that the tests do not wait on the hash.
let quickHasher = PasswordHasher(cost: 4)

extension AppDatabase {
    /// An account with a password good enough for the tests.
    @discardableResult
    func addTestUser(_ name: String, _ role: Role, town: String? = nil, context: ChangeContext = testContext) throws -> UserAccount {
        try addUser(
            NewUser(name: name, role: role, town: try town.map { try DivisionCode(parsing: $0) }, password: "correct horse 1"),
            hasher: quickHasher, context: context)
    }
}

@Suite struct AccountTests {
    func database() throws -> AppDatabase {
        let db = try AppDatabase()
        _ = try db.importDivisions(from: haiyanCSV, context: testContext)
        return db
    }

    @Test func anAccountKeepsOnlyASaltedBcryptHashAndTheAuditNeverSeesIt() throws {
        let db = try database()
        try db.addTestUser("王芳", .reviewer)
        try db.addTestUser("赵敏", .reviewer)
        let hashes = try db.read { try String.fetchAll($0, sql: "SELECT password_hash FROM user ORDER BY name") }
        #expect(hashes.count == 2 && hashes.allSatisfy { $0.hasPrefix("$2b$04$") && $0.count == 60 })
        #expect(hashes[0] != hashes[1], "the same password hashes differently: salted")
        try db.setPassword("王芳", to: "another good one", hasher: quickHasher, context: testContext)
        let audit = try db.auditEntries(AuditFilter())
        #expect(Set(audit.map(\.action)).isSuperset(of: ["user.add", "user.password"]))
        for entry in audit {
            let text = [entry.before, entry.after, entry.reason].compactMap { $0 }.joined()
            #expect(!text.contains("$2b$") && !text.contains("correct horse") && !text.contains("another good"))
        }
    }

    @Test func signingInNeedsTheRightPasswordAndAnEnabledAccount() throws {
        let db = try database()
        try db.addTestUser("王芳", .reviewer)
        try db.addTestUser("周管理", .admin)
        #expect(try db.authenticate("王芳", password: "correct horse 1")?.role == .reviewer)
        #expect(try db.authenticate("王芳", password: "correct horse 2") == nil)
        #expect(try db.authenticate("无此人", password: "correct horse 1") == nil)
        try db.disableUser("王芳", context: testContext)
        #expect(try db.authenticate("王芳", password: "correct horse 1") == nil)
        #expect(try db.user("王芳").disabled)
        // Nobody would be left to manage the accounts.
        #expect(throws: AccountError.lastAdmin("周管理")) { try db.disableUser("周管理", context: testContext) }
    }

    @Test func refusalsNameWhatToFix() throws {
        let db = try database()
        func add(_ name: String, _ role: Role, town: String? = nil, password: String = "correct horse 1") throws {
            try db.addUser(
                NewUser(name: name, role: role, town: try town.map { try DivisionCode(parsing: $0) }, password: password), hasher: quickHasher,
                context: testContext)
        }
        #expect(throws: AccountError.passwordTooShort(minimum: 10)) { try add("a", .admin, password: "short") }
        #expect(throws: AccountError.passwordTooLong(maximumBytes: 72)) { try add("a", .admin, password: String(repeating: "密", count: 25)) }
        #expect(throws: AccountError.townRequired) { try add("a", .townClerk) }
        #expect(throws: AccountError.townNotForRole(.countyClerk)) { try add("a", .countyClerk, town: "330424101000") }
        #expect(throws: AccountError.townUnknown("330424101201")) { try add("a", .townClerk, town: "330424101201") }
        #expect(throws: AccountError.townUnknown("330424999000")) { try add("a", .townClerk, town: "330424999000") }
        #expect(throws: AccountError.nameInvalid("a:b")) { try add("a:b", .admin) }
        try add("a", .townClerk, town: "330424101000")
        #expect(throws: AccountError.userExists("a")) { try add("a", .admin) }
        #expect(throws: AccountError.userUnknown("b")) { try db.disableUser("b", context: testContext) }
        // Every refusal reads in both languages, and none shows a password.
        for error in [AccountError.passwordTooShort(minimum: 10), .reviewerRequired, .reviewerIsMaker("a"), .notReviewer("a", .townClerk)] {
            #expect(!error.message.zh.isEmpty && !error.message.en.isEmpty && error.message.zh != error.message.en)
        }
    }

    @Test func accountsAreDisabledNeverDeleted() throws {
        let db = try database()
        try db.addTestUser("王芳", .reviewer)
        #expect(throws: StoreError.self) { try db.write { try $0.execute(sql: "DELETE FROM user") } }
        // The schema refuses what Swift would: a town clerk without a town, a password in clear.
        #expect(throws: StoreError.self) {
            try db.write {
                try $0.execute(
                    sql: "INSERT INTO user (name, role, password_hash, created_at, changed_at) VALUES ('x', 'town-clerk', ?, 'a', 'a')",
                    arguments: ["$2b$04$" + String(repeating: "a", count: 53)])
            }
        }
        #expect(throws: StoreError.self) {
            try db.write {
                try $0.execute(sql: "INSERT INTO user (name, role, password_hash, created_at, changed_at) VALUES ('x', 'admin', 'secret', 'a', 'a')")
            }
        }
    }
}
