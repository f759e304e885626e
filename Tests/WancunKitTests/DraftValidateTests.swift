import Foundation
import Testing

@testable import WancunKit

/// Add, edit and assign check a change as one draft and refuse it with every problem at once,
/// each naming its field, writing nothing.
@Suite struct DraftValidateTests {
    @Test func anEditWithTwoBadFieldsIsRefusedForBothAndWritesNothing() throws {
        let (db, point, _) = try registryFixture()
        let auditLines = try db.auditEntries(AuditFilter()).count
        var edit = PointEdit()
        edit.name = "新名称"
        edit.planYear = 1999
        edit.latitude = 30.5
        edit.openedOn = LocalDate(year: 2099, month: 1, day: 1)
        let error = try #require(throws: RegistryError.self) { try db.editPoint(point.code, edit, context: testContext) }
        #expect(error.refusals.map(\.rule) == ["COORDINATES_INCOMPLETE", "PLAN_YEAR_RANGE", "DATE_IN_FUTURE", "REASON_REQUIRED"])
        let after = try db.pointDetail(point.code).point
        #expect(after.name == point.name && after.planYear == point.planYear && after.openedOn == point.openedOn)
        #expect(try db.auditEntries(AuditFilter()).count == auditLines)
    }

    @Test func aValueGivenAsTextIsParsedAndCheckedAsItsField() throws {
        let (db, point, _) = try registryFixture()
        var edit = PointEdit()
        edit.values.set("plan_year", text: "二〇二五")
        edit.values.set("no_such_field", text: "1")
        let error = try #require(throws: RegistryError.self) { try db.editPoint(point.code, edit, context: testContext) }
        #expect(error.refusals == [.invalid(field: "plan_year", .number("二〇二五")), .fieldUnknown("no_such_field")])
        #expect(error.refusals[0].message.zh.hasPrefix("纳入规划年份："))
        var fine = PointEdit()
        fine.values.set(assignment: "plan_year=2024")
        #expect(try db.editPoint(point.code, fine, context: testContext).planYear == 2024)
    }

    @Test func aValueEnteredByMistakeIsClearedOnlyWhereClearingLeavesTheRecordWhole() throws {
        let (db, point, person) = try registryFixture()
        var certified = OperatorEdit()
        (certified.difficulty, certified.certificateNo) = (.disabled, "残 330424-0001")
        certified.certifiedOn = LocalDate(year: 2024, month: 5, day: 6)
        #expect(try db.editOperator(person.idNumber, certified, context: testContext).difficulty == .disabled)
        var partly = OperatorEdit()
        partly.cleared = ["difficulty", "name"]
        let error = try #require(throws: RegistryError.self) { try db.editOperator(person.idNumber, partly, context: testContext) }
        #expect(error.refusals.map(\.rule) == ["FIELD_UNKNOWN", "DIFFICULTY_INCOMPLETE"])
        var whole = OperatorEdit()
        whole.cleared = ["difficulty", "certificate_no", "certified_on"]
        let cleared = try db.editOperator(person.idNumber, whole, context: testContext)
        #expect(cleared.difficulty == nil && cleared.certificateNo == nil && cleared.certifiedOn == nil && cleared.name == person.name)
        #expect(try db.auditEntries(AuditFilter(operatorIdNumber: person.idNumber)).last?.action == "operator.edit")

        var business = PointEdit()
        (business.businessName, business.creditCode) = ("海盐县某某电子商务有限公司", "91350100M000100Y43")
        business.latitude = 30.5
        business.longitude = 120.9
        _ = try db.editPoint(point.code, business, context: testContext)
        var orphan = PointEdit()
        orphan.cleared = ["business_name"]
        let refused = try #require(throws: RegistryError.self) { try db.editPoint(point.code, orphan, context: testContext) }
        #expect(refused.refusals == [.businessNameRequired])
        var clear = PointEdit()
        clear.cleared = ["business_name", "credit_code", "longitude"]
        let after = try db.editPoint(point.code, clear, context: testContext)
        #expect(after.businessName == nil && after.creditCode == nil && after.latitude == nil && after.longitude == nil)
        #expect(after.name == point.name && after.openedOn == point.openedOn)
    }

    @Test func anAssignmentIsRefusedForEverythingAtOnce() throws {
        let (db, point, person) = try registryFixture()
        let error = try #require(throws: RegistryError.self) {
            try db.assign(
                NewAssignment(
                    pointCode: point.code, idNumber: person.idNumber, from: LocalDate(year: 2099, month: 1, day: 1)!,
                    contractTo: LocalDate(year: 2099, month: 12, day: 31)),
                context: testContext)
        }
        #expect(error.refusals.map(\.rule) == ["DATE_IN_FUTURE", "CONTRACT_INCOMPLETE", "OPERATOR_ALREADY_ASSIGNED"])
        let unknown = try #require(throws: RegistryError.self) {
            try db.assign(
                NewAssignment(
                    pointCode: "330424101201999", idNumber: ResidentID.withCheckCharacter("33042419850315002"),
                    from: LocalDate(year: 2025, month: 3, day: 1)!),
                context: testContext)
        }
        #expect(unknown.refusals.map(\.rule) == ["POINT_UNKNOWN", "OPERATOR_UNKNOWN"])
    }

    @Test func anOperatorWithABadIDNumberIsStillCheckedForTheRest() throws {
        let (db, _, _) = try registryFixture()
        let error = try #require(throws: RegistryError.self) {
            try db.addOperator(NewOperator(name: " ", idNumber: "110105194912310021", phone: "1380000"), context: testContext)
        }
        #expect(error.refusals.map(\.rule) == ["ID_CHECK_CHARACTER", "PHONE_FORMAT", "REQUIRED"])
    }

    @Test func theCommandLineTellsEachRefusalOnItsOwnLineAndExitsOne() throws {
        let path = try sharedDemoCopy()
        let before = try databaseContent(path)
        let result = try wancun([
            "point", "edit", "330424001200001", "--lat", "30.6", "--field", "plan_year=x", "--db", path,
        ])
        #expect(result.status == 1)
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.count == 2, "\(result.stderr)")
        #expect(lines[0].contains("经度和纬度") && lines[1].contains("纳入规划年份"), "\(result.stderr)")
        #expect(try databaseContent(path) == before)
    }

    @Test func statusChangesUnassignmentsAndServicesAreRefusedForEverythingAtOnce() throws {
        let (db, point, _) = try registryFixture()
        let future = LocalDate(year: 2099, month: 1, day: 1)!
        let status = try #require(throws: RegistryError.self) {
            try db.changeStatus(point.code, to: .planned, reason: " ", on: future, context: testContext)
        }
        #expect(status.refusals.map(\.rule) == ["STATUS_CHANGE_NOT_ALLOWED", "REASON_REQUIRED", "DATE_IN_FUTURE"])
        let unassign = try #require(throws: RegistryError.self) { try db.unassign(point.code, on: future, reason: "", context: testContext) }
        #expect(unassign.refusals.map(\.rule) == ["REASON_REQUIRED", "DATE_IN_FUTURE"])
        let service = try #require(throws: RegistryError.self) {
            try db.addService(NewService(pointCode: point.code, kind: .parcel, category: .farmInputs, from: future), context: testContext)
        }
        #expect(service.refusals.map(\.rule) == ["DATE_IN_FUTURE", "SERVICE_CATEGORY_NOT_ALLOWED"])
    }

    @Test func couriersLinksStationsAndRoutesAreRefusedForEverythingAtOnce() throws {
        let (db, point, _) = try registryFixture()
        let courier = try #require(throws: RegistryError.self) {
            try db.addCourier(NewCourier(name: " ", brand: "", creditCode: nil, force: true), context: testContext)
        }
        #expect(courier.refusals.map(\.rule) == ["REQUIRED", "REQUIRED", "FORCE_NEEDS_REASON"])
        let link = try #require(throws: RegistryError.self) {
            try db.linkCourier(
                pointCode: "330424101201999", courier: "无此快递", from: LocalDate(year: 2025, month: 3, day: 1)!, to: nil, daysPerWeek: 9,
                fee: nil, context: testContext)
        }
        #expect(link.refusals.map(\.rule) == ["POINT_UNKNOWN", "COURIER_UNKNOWN", "DAYS_PER_WEEK_RANGE"])
        let route = try #require(throws: RegistryError.self) {
            try db.addRoute(
                NewRoute(
                    name: "", vehicle: "12345", couriers: ["无此快递"], stops: [point.code, point.code], from: LocalDate(year: 2025, month: 3, day: 1)!),
                context: testContext)
        }
        #expect(route.refusals.map(\.rule) == ["REQUIRED", "PLATE_FORMAT", "COURIER_UNKNOWN", "ROUTE_NEEDS_COURIERS", "ROUTE_STOP_REPEATED"])
        #expect(try db.couriers().isEmpty && db.routes().isEmpty)
    }
}
