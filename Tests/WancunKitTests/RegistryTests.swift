import Foundation
import Testing

@testable import WancunKit

/// A database with Haiyan's divisions, one operating point and its operator.
func registryFixture() throws -> (AppDatabase, Point, Operator) {
    let db = try AppDatabase()
    _ = try db.importDivisions(from: haiyanCSV, context: testContext)
    let point = try db.addPoint(
        NewPoint(
            village: try DivisionCode(parsing: "330424101201"), name: "新丰村电商服务站", planYear: 2025, openedOn: LocalDate(year: 2025, month: 3, day: 1)),
        context: testContext)
    let person = try db.addOperator(
        NewOperator(name: "王示例", idNumber: "11010519491231002X", phone: "13800001111", retirementGroup: .female55),
        context: testContext)
    _ = try db.assign(
        NewAssignment(pointCode: point.code, idNumber: person.idNumber, from: LocalDate(year: 2025, month: 3, day: 1)!), context: testContext)
    return (db, point, person)
}

@Suite struct PointTests {
    @Test func codesComeFromTheVillageAndAreNeverReused() throws {
        let (db, first, _) = try registryFixture()
        #expect(first.code == "330424101201001")
        #expect(first.status == .operating)
        try db.changeStatus(first.code, to: .closed, reason: "撤并", on: nil, context: testContext)
        let second = try db.addPoint(NewPoint(village: try DivisionCode(parsing: "330424101201"), name: "新丰村第二服务站"), context: testContext)
        #expect(second.code == "330424101201002")
        #expect(second.status == .planned)
        #expect(throws: (any Error).self) { try db.write { try $0.execute(sql: "DELETE FROM point") } }
    }

    @Test func villagesMustBeCurrentVillageLevelDivisions() throws {
        let (db, _, _) = try registryFixture()
        #expect(throws: RegistryError.villageUnknown(try DivisionCode(parsing: "330424101299"))) {
            try db.addPoint(NewPoint(village: try DivisionCode(parsing: "330424101299"), name: "x"), context: testContext)
        }
        #expect(throws: RegistryError.notAVillage(try DivisionCode(parsing: "330424101000"), .town)) {
            try db.addPoint(NewPoint(village: try DivisionCode(parsing: "330424101000"), name: "x"), context: testContext)
        }
        #expect(throws: RegistryError.coordinatesIncomplete) {
            try db.addPoint(NewPoint(village: try DivisionCode(parsing: "330424101202"), name: "x", latitude: 30.5), context: testContext)
        }
    }

    @Test func everyRefusalOfOneChangeIsGivenAtOnce() throws {
        let (db, point, person) = try registryFixture()
        let village = try DivisionCode(parsing: "330424101201")
        // A plan year out of range, an opening day to come, and the same name as a point of the village.
        let error = try #require(throws: RegistryError.self) {
            try db.addPoint(
                NewPoint(village: village, name: point.name, planYear: 1999, openedOn: LocalDate(year: 2099, month: 1, day: 1)),
                context: testContext)
        }
        #expect(error.refusals.map(\.rule) == ["PLAN_YEAR_RANGE", "DATE_IN_FUTURE", "DUPLICATE_POINT_NAME"])
        #expect(["1999", "2099-01-01", point.code].allSatisfy(error.message.zh.contains))
        // A woman without a retirement group, half a difficulty certificate, and another operator's phone.
        let operatorError = try #require(throws: RegistryError.self) {
            try db.addOperator(
                NewOperator(name: "李示例", idNumber: ResidentID.withCheckCharacter("33042419850315002"), phone: person.phone, difficulty: .age4050),
                context: testContext)
        }
        #expect(operatorError.refusals.map(\.rule) == ["RETIREMENT_GROUP_REQUIRED", "DIFFICULTY_INCOMPLETE", "DUPLICATE_PHONE"])
        // One refusal alone is given as it is.
        #expect(throws: RegistryError.planYearOutOfRange(1999)) {
            try db.addPoint(NewPoint(village: village, name: "另一个点", planYear: 1999), context: testContext)
        }
        #expect(try db.points().count == 1 && db.operators().count == 1)
    }

    static let allowed: Set<String> = [
        "planned>operating", "planned>closed", "operating>suspended", "suspended>operating", "operating>closed", "suspended>closed",
    ]

    @Test(arguments: PointStatus.allCases, PointStatus.allCases)
    func lifecycleAllowsExactlyTheListedChanges(from: PointStatus, to: PointStatus) throws {
        let (db, _, _) = try registryFixture()
        let point = try db.addPoint(NewPoint(village: try DivisionCode(parsing: "330424101202"), name: "测试点"), context: testContext)
        let path: [PointStatus] =
            switch from {
            case .planned: []
            case .operating: [.operating]
            case .suspended: [.operating, .suspended]
            case .closed: [.closed]
            }
        for step in path { try db.changeStatus(point.code, to: step, reason: "准备", on: nil, context: testContext) }
        if Self.allowed.contains("\(from.rawValue)>\(to.rawValue)") {
            try db.changeStatus(point.code, to: to, reason: "测试", on: nil, context: testContext)
            #expect(try db.pointDetail(point.code).point.status == to)
        } else {
            #expect(throws: RegistryError.statusNotAllowed(from: from, to: to, allowed: from.allowedNext)) {
                try db.changeStatus(point.code, to: to, reason: "测试", on: nil, context: testContext)
            }
        }
    }

    @Test func statusDatesMayNotGoBackOrAhead() throws {
        let (db, point, _) = try registryFixture()
        try db.changeStatus(point.code, to: .suspended, reason: "病假", on: LocalDate(year: 2026, month: 6, day: 1), context: testContext)
        #expect(throws: RegistryError.statusDateBeforeLast(LocalDate(year: 2026, month: 5, day: 1)!, last: LocalDate(year: 2026, month: 6, day: 1)!))
        {
            try db.changeStatus(point.code, to: .operating, reason: "复业", on: LocalDate(year: 2026, month: 5, day: 1), context: testContext)
        }
        #expect(throws: RegistryError.dateInFuture(field: "date", LocalDate(year: 2026, month: 12, day: 1)!)) {
            try db.changeStatus(point.code, to: .operating, reason: "复业", on: LocalDate(year: 2026, month: 12, day: 1), context: testContext)
        }
        #expect(throws: RegistryError.reasonRequired) {
            try db.changeStatus(point.code, to: .operating, reason: " ", on: nil, context: testContext)
        }
        let history = try db.pointDetail(point.code).history
        #expect(history.map(\.status) == [.operating, .suspended])
        #expect(history.last?.reason == "病假")
    }

    @Test func closingEndsTheAssignmentThatDay() throws {
        let (db, point, _) = try registryFixture()
        try db.changeStatus(point.code, to: .closed, reason: "撤并", on: LocalDate(year: 2026, month: 10, day: 31), context: testContext)
        let detail = try db.pointDetail(point.code)
        #expect(detail.operators.first?.assignment.endedOn == LocalDate(year: 2026, month: 10, day: 31))
        #expect(detail.point.operatorName == nil)
    }

    @Test func creditCodesAreCheckedUnlessForcedWithAReason() throws {
        let (db, point, _) = try registryFixture()
        var edit = PointEdit()
        edit.businessName = "某某电子商务有限公司"
        edit.creditCode = "91350100M000100Y44"
        #expect(throws: RegistryError.invalid(field: "credit_code", .creditCodeCheck(expected: "3"))) {
            try db.editPoint(point.code, edit, context: testContext)
        }
        edit.force = true
        #expect(throws: RegistryError.forceNeedsReason) { try db.editPoint(point.code, edit, context: testContext) }
        edit.reason = "营业执照原件如此，已核实"
        let kept = try db.editPoint(point.code, edit, context: testContext)
        #expect(kept.creditCode == "91350100M000100Y44")
        #expect(kept.creditCodeOverride == "营业执照原件如此，已核实")
        let forced = try db.auditEntries(AuditFilter(pointCode: point.code)).last!
        #expect(forced.action == "point.force")
        #expect(forced.reason == "营业执照原件如此，已核实")
        #expect(forced.before == #"{"business_name":null,"credit_code":null}"#)
    }
}

@Suite struct OperatorTests {
    @Test func womenMustStateTheirRetirementGroup() throws {
        let (db, _, _) = try registryFixture()
        let woman = ResidentID.withCheckCharacter("33042419850315002")
        #expect(throws: RegistryError.retirementGroupRequired) {
            try db.addOperator(NewOperator(name: "李示例", idNumber: woman, phone: "13800002222"), context: testContext)
        }
        #expect(throws: RegistryError.retirementGroupNotForWomen) {
            try db.addOperator(NewOperator(name: "李示例", idNumber: woman, phone: "13800002222", retirementGroup: .male), context: testContext)
        }
        let man = try db.addOperator(
            NewOperator(name: "赵示例", idNumber: ResidentID.withCheckCharacter("33042419700101003"), phone: "13800003333"), context: testContext)
        #expect(man.retirementGroup == .male)
    }

    @Test func identitiesAreCheckedAndUnique() throws {
        let (db, _, _) = try registryFixture()
        #expect(throws: RegistryError.invalid(field: "id_number", .residentIDCheck)) {
            try db.addOperator(NewOperator(name: "x", idNumber: "110105194912310021", phone: "13800002222"), context: testContext)
        }
        #expect(throws: RegistryError.invalid(field: "phone", .phone)) {
            try db.addOperator(
                NewOperator(name: "x", idNumber: ResidentID.withCheckCharacter("33042419700101003"), phone: "1380000"), context: testContext)
        }
        #expect(throws: RegistryError.operatorExists(maskedID: "110105********002X", name: "王示例")) {
            try db.addOperator(
                NewOperator(name: "王二", idNumber: "11010519491231002x", phone: "13800002222", retirementGroup: .female55), context: testContext)
        }
        #expect(throws: RegistryError.difficultyIncomplete) {
            try db.addOperator(
                NewOperator(name: "x", idNumber: ResidentID.withCheckCharacter("33042419700101003"), phone: "13800002222", difficulty: .disabled),
                context: testContext)
        }
    }

    @Test func onePersonCannotRunTwoPointsAtOnce() throws {
        let (db, point, person) = try registryFixture()
        let other = try db.addPoint(NewPoint(village: try DivisionCode(parsing: "330424101202"), name: "另一个点"), context: testContext)
        #expect(throws: RegistryError.operatorBusy(maskedID: "110105********002X", otherPoint: point.code, otherName: "新丰村电商服务站")) {
            try db.assign(
                NewAssignment(pointCode: other.code, idNumber: person.idNumber, from: LocalDate(year: 2026, month: 1, day: 1)!), context: testContext)
        }
        // After leaving the first point, the person may take the other from that day.
        try db.unassign(point.code, on: LocalDate(year: 2026, month: 2, day: 1)!, reason: "调任", context: testContext)
        #expect(throws: RegistryError.operatorBusy(maskedID: "110105********002X", otherPoint: point.code, otherName: "新丰村电商服务站")) {
            try db.assign(
                NewAssignment(pointCode: other.code, idNumber: person.idNumber, from: LocalDate(year: 2026, month: 1, day: 31)!), context: testContext
            )
        }
        _ = try db.assign(
            NewAssignment(pointCode: other.code, idNumber: person.idNumber, from: LocalDate(year: 2026, month: 2, day: 1)!), context: testContext)
        #expect(try db.pointDetail(other.code).point.operatorName == "王示例")
    }

    @Test func aNewAssignmentEndsThePreviousOne() throws {
        let (db, point, _) = try registryFixture()
        let successor = try db.addOperator(
            NewOperator(name: "赵示例", idNumber: ResidentID.withCheckCharacter("33042419700101003"), phone: "13800003333"), context: testContext)
        #expect(
            throws: RegistryError.assignmentBeforeCurrent(LocalDate(year: 2025, month: 1, day: 1)!, current: LocalDate(year: 2025, month: 3, day: 1)!)
        ) {
            try db.assign(
                NewAssignment(pointCode: point.code, idNumber: successor.idNumber, from: LocalDate(year: 2025, month: 1, day: 1)!),
                context: testContext)
        }
        _ = try db.assign(
            NewAssignment(
                pointCode: point.code, idNumber: successor.idNumber, from: LocalDate(year: 2026, month: 7, day: 1)!, contractType: .civil,
                contractFrom: LocalDate(year: 2026, month: 7, day: 1)),
            context: testContext)
        let detail = try db.pointDetail(point.code)
        #expect(detail.operators.map(\.person.name) == ["王示例", "赵示例"])
        #expect(detail.operators[0].assignment.endedOn == LocalDate(year: 2026, month: 7, day: 1))
        #expect(detail.operators[1].assignment.endedOn == nil)
    }

    @Test func everyChangeIsAudited() throws {
        let (db, point, person) = try registryFixture()
        let actions = try db.auditEntries(AuditFilter()).map(\.action)
        #expect(actions.suffix(3) == ["point.add", "operator.add", "point.assign"])
        let forPerson = try db.auditEntries(AuditFilter(operatorIdNumber: person.idNumber))
        #expect(forPerson.map(\.action) == ["operator.add", "point.assign"])
        #expect(try db.auditEntries(AuditFilter(pointCode: point.code)).allSatisfy { $0.clerk == "测试员" })
        let masked = forPerson[0].cells(reveal: false).map { $0.text(reveal: false) }.joined()
        #expect(!masked.contains(person.idNumber) && !masked.contains(person.phone))
        #expect(masked.contains("110105********002X") && masked.contains("138****1111"))
    }
}

@Suite struct ChineseMessageTests {
    /// A Chinese message names a division's level in Chinese (not `330424001000 是 town 级区划`).
    @Test(arguments: DivisionLevel.allCases)
    func aLevelIsNamedInChinese(level: DivisionLevel) throws {
        let code = try DivisionCode(parsing: "330424001000")
        for error in [RegistryError.notAVillage(code, level), .notATown(code, level)] {
            #expect(!error.message.zh.contains { $0.isASCII && $0.isLetter }, "\(error.message.zh)")
        }
    }
}
