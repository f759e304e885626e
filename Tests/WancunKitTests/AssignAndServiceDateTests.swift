import Foundation
import Testing

@testable import WancunKit

/// `point assign` says whose assignment it ended, and a service cannot begin before its point opened.
@Suite struct AssignAndServiceDateTests {
    @Test func assigningOverAnOperatorSaysWhoseAssignmentEndedAndWhen() throws {
        let f = try SubsidyFixture()
        let other = try f.addOperator("吴另一", first17: "33042419750101003", phone: "13900002222")
        let (assignment, ended) = try f.db.assignEnding(
            NewAssignment(pointCode: f.point.code, idNumber: other.idNumber, from: day("2026-11-01")), context: testContext)
        #expect(assignment.operatorId == other.id)
        #expect(
            ended
                == EndedAssignment(
                    name: "周示例", maskedID: Mask.residentID(f.person.idNumber), startedOn: day("2025-01-01"), endedOn: day("2026-11-01")))
        let text = Message.assignmentEnded(try #require(ended)).zh
        #expect(text.contains("周示例") && text.contains(Mask.residentID(f.person.idNumber)) && text.contains("2026-11-01"))
        #expect(!text.contains(f.person.idNumber))
        // A point with nobody in charge ends nobody's.
        try f.db.unassign(f.point.code, on: day("2026-11-10"), reason: "离职", context: testContext)
        #expect(
            try f.db.assignEnding(
                NewAssignment(pointCode: f.point.code, idNumber: f.person.idNumber, from: day("2026-11-20")), context: testContext
            ).1 == nil)
    }

    @Test func theCommandSaysIt() throws {
        let f = try SubsidyFixture()
        let other = try f.addOperator("吴另一", first17: "33042419750101003", phone: "13900002222")
        let database = temporaryDirectory().appendingPathComponent("db.sqlite").path
        _ = try f.db.backup(to: database, context: testContext)
        let result = try wancun(["point", "assign", f.point.code, "--operator", other.idNumber, "--from", "2026-11-01", "--db", database])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("原站长 周示例（\(Mask.residentID(f.person.idNumber))）自 2025-01-01 起的任职于 2026-11-01 结束"))
        #expect(!result.stdout.contains(f.person.idNumber))
    }

    @Test func aServiceDatedBeforeThePointOpenedIsRefusedWithTheOpeningDay() throws {
        let (db, point, _) = try registryFixture()
        let early = NewService(pointCode: point.code, kind: .parcel, from: LocalDate(year: 2025, month: 2, day: 28)!)
        let error = try #require(throws: RegistryError.self) { try db.addService(early, context: testContext) }
        #expect(error == .serviceBeforeOpening(LocalDate(year: 2025, month: 2, day: 28)!, opened: LocalDate(year: 2025, month: 3, day: 1)!))
        #expect(error.rule == "SERVICE_BEFORE_OPENING" && error.message.zh.contains("2025-03-01"))
        _ = try db.addService(NewService(pointCode: point.code, kind: .parcel, from: LocalDate(year: 2025, month: 3, day: 1)!), context: testContext)
    }
}
