import Foundation
import Testing

@testable import WancunKit

/// Exceptions a clerk may keep only with --force and a reason: a 4050 certificate the person is
/// too young for, a point in an urban community.
@Suite struct RegistryExceptionTests {
    static let youngWoman = ResidentID.withCheckCharacter("33042419850315002")  // 40 on 2025-03-15
    static let man = ResidentID.withCheckCharacter("33042419750601001")  // 50 on 2025-06-01
    static let urban = try! DivisionCode(parsing: "330424001001")  // 百可社区居委会

    static func day(_ text: String) -> LocalDate { try! LocalDate(parsing: text) }

    static func operator4050(_ id: String, on date: String, phone: String = "13800002222", override: Override = .none) -> NewOperator {
        NewOperator(
            name: "李示例", idNumber: id, phone: phone, difficulty: .age4050, certificateNo: "C1", certifiedOn: day(date),
            retirementGroup: try! ResidentID(parsing: id, today: testContext.today).sex == .male ? .male : .female50,
            override: override)
    }

    /// A refusal's words in both languages leave out the birth date and the age.
    static func keepsTheAgeUnsaid(_ error: RegistryError, born: String, age: Int) -> Bool {
        [error.message.zh, error.message.en].allSatisfy { !$0.contains(born) && !$0.contains(String(born.prefix(4))) && !$0.contains("\(age)") }
    }

    @Test(arguments: [
        (youngWoman, "2025-03-14", false), (youngWoman, "2025-03-15", true), (man, "2025-05-31", false), (man, "2025-06-01", true),
    ])
    func a4050CertificateNeedsTheAgeOnItsDay(id: String, certified: String, accepted: Bool) throws {
        let (db, _, _) = try registryFixture()
        if accepted {
            #expect(try db.addOperator(Self.operator4050(id, on: certified), context: testContext).difficulty == .age4050)
        } else {
            let error = try #require(throws: RegistryError.self) { try db.addOperator(Self.operator4050(id, on: certified), context: testContext) }
            #expect(error.rule == "DIFFICULTY_4050_AGE")
            #expect(error.message.zh.contains(certified) && error.message.zh.contains("不满"))
            #expect(Self.keepsTheAgeUnsaid(error, born: String(id.dropFirst(6).prefix(8)), age: id == Self.man ? 49 : 39))
            #expect(try db.operators().count == 1)
        }
    }

    @Test func a4050ExceptionIsKeptWithAReasonAndRefusedWithTheOtherProblems() throws {
        let (db, _, person) = try registryFixture()
        // Refused with every other problem: no retirement group, another operator's phone.
        var young = Self.operator4050(Self.youngWoman, on: "2025-03-01", phone: person.phone)
        young.retirementGroup = nil
        let error = try #require(throws: RegistryError.self) { try db.addOperator(young, context: testContext) }
        #expect(error.refusals.map(\.rule) == ["RETIREMENT_GROUP_REQUIRED", "DIFFICULTY_4050_AGE", "DUPLICATE_PHONE"])
        #expect(throws: RegistryError.forceNeedsReason) {
            try db.addOperator(Self.operator4050(Self.youngWoman, on: "2025-03-01", override: Override(force: true)), context: testContext)
        }
        let kept = try db.addOperator(
            Self.operator4050(Self.youngWoman, on: "2025-03-01", override: Override(force: true, reason: "人社局书面认定")), context: testContext)
        let audit = try db.auditEntries(AuditFilter(operatorIdNumber: kept.idNumber))
        #expect(audit.map(\.action) == ["check.force", "operator.add"])
        #expect(audit[0].reason == "人社局书面认定" && audit[0].after!.contains("DIFFICULTY_4050_AGE"))
        #expect(!audit[0].after!.contains("1985"))
    }

    @Test func anOperatorEditThatMakesAnImpossible4050IsRefused() throws {
        let (db, _, _) = try registryFixture()
        let person = try db.addOperator(
            NewOperator(name: "李示例", idNumber: Self.youngWoman, phone: "13800002222", retirementGroup: .female50), context: testContext)
        var edit = OperatorEdit()
        (edit.difficulty, edit.certificateNo, edit.certifiedOn) = (.age4050, "C1", Self.day("2025-01-01"))
        #expect(throws: RegistryError.difficulty4050Age(certifiedOn: Self.day("2025-01-01"), .female)) {
            try db.editOperator(person.idNumber, edit, context: testContext)
        }
        // Every problem at once.
        edit.phone = "123"
        let error = try #require(throws: RegistryError.self) { try db.editOperator(person.idNumber, edit, context: testContext) }
        #expect(error.refusals.map(\.rule) == ["PHONE_FORMAT", "DIFFICULTY_4050_AGE"])
        edit.phone = nil
        (edit.force, edit.reason) = (true, "人社局书面认定")
        #expect(try db.editOperator(person.idNumber, edit, context: testContext).difficulty == .age4050)
        #expect(try db.auditEntries(AuditFilter(operatorIdNumber: person.idNumber)).suffix(2).map(\.action) == ["check.force", "operator.edit"])
        // An edit that leaves the certificate as it is does not ask again.
        var phone = OperatorEdit()
        phone.phone = "13800004444"
        #expect(try db.editOperator(person.idNumber, phone, context: testContext).phone == "13800004444")
    }

    @Test func aPointInAnUrbanCommunityNeedsAReason() throws {
        let (db, _, _) = try registryFixture()
        let error = try #require(throws: RegistryError.self) {
            try db.addPoint(NewPoint(village: Self.urban, name: "百可社区电商服务站", planYear: 1999), context: testContext)
        }
        #expect(error.refusals.map(\.rule) == ["PLAN_YEAR_RANGE", "POINT_NOT_RURAL_VILLAGE"])
        #expect(error.refusals[1].message.zh.contains("330424001001") && error.refusals[1].message.zh.contains("百可社区居委会"))
        #expect(throws: RegistryError.pointNotRuralVillage(Self.urban, name: "百可社区居委会")) {
            try db.addPoint(NewPoint(village: Self.urban, name: "百可社区电商服务站"), context: testContext)
        }
        let point = try db.addPoint(
            NewPoint(village: Self.urban, name: "百可社区电商服务站", override: Override(force: true, reason: "县政府同意试点")), context: testContext)
        let audit = try db.auditEntries(AuditFilter(pointCode: point.code))
        #expect(audit.map(\.action) == ["check.force", "point.add"])
        #expect(audit[0].reason == "县政府同意试点" && audit[0].after!.contains("POINT_NOT_RURAL_VILLAGE"))
    }

    @Test func theSheetRefusesBothAsRowProblemsUnlessTheRowGivesAReason() throws {
        let db = try PointSheetTests.database()
        var rows: [[String: String]] = [
            ["village_code": "330424001001", "name": "百可社区服务站"],
            [
                "village_code": "330424101203", "name": "甲", "operator_name": "李示例", "id_number": Self.youngWoman, "phone": "13800002222",
                "retirement_group": "female-50", "difficulty": "4050", "certificate_no": "C1", "certified_on": "2025-03-01",
            ],
        ]
        let lines = { (rows: [[String: String]]) in
            ([PointSheetTests.header] + rows.map(PointSheetTests.row)).map { $0.map(CSVWriter.quoted).joined(separator: ",") }.joined(separator: "\n")
                + "\n"
        }
        let error = try #require(throws: RowProblems.self) {
            try db.importPoints(from: writeTemporaryFile("points.csv", lines(rows)), context: testContext)
        }
        #expect(
            error.errors.map { "\($0.row!) \($0.column ?? "-") \($0.rule)" } == [
                "2 村代码 POINT_NOT_RURAL_VILLAGE", "3 就业困难人员类别 DIFFICULTY_4050_AGE",
            ])
        #expect(error.errors.allSatisfy { !$0.message.zh.contains("1985") && !$0.message.zh.contains("39") })
        #expect(try db.points().isEmpty && db.operators().isEmpty)
        for i in rows.indices { rows[i]["force_reason"] = "县政府同意" }
        #expect(try db.importPoints(from: writeTemporaryFile("points.csv", lines(rows)), context: testContext).count(.created) == 2)
    }

    @Test func theCommandLineGivesEachRefusalItsLineAndKeepsAnExceptionForAReason() throws {
        let path = try sharedDemoCopy()
        let before = try databaseContent(path)
        let young = [
            "operator", "add", "--name", "甲演示", "--id-number", Self.youngWoman, "--phone", "13800005555", "--retirement-group", "female-50",
            "--difficulty", "4050", "--certificate", "C9", "--certified-on", "2025-03-01", "--db", path,
        ]
        let urban = ["point", "add", "--village", "330424001001", "--name", "百可社区电商服务站", "--db", path]
        for (arguments, expected) in [
            (young, ["认定日 2025-03-01 不满40周岁（女）"]), (young + ["--lang", "en"], ["under 40 on the certification day 2025-03-01"]),
            (urban + ["--plan-year", "1999"], ["1999", "330424001001（百可社区居委会）是居委会"]),
            (["point", "edit", "330424001200001", "--opened", "2026-01-01", "--db", path], ["--reason"]),
        ] {
            let result = try wancun(arguments)
            let lines = result.stderr.split(separator: "\n")
            #expect(result.status == 1)
            #expect(lines.count == expected.count && zip(lines, expected).allSatisfy { $0.contains($1) }, "\(result.stderr)")
            #expect(!result.stderr.contains("1985") && !result.stderr.contains("39"))
        }
        #expect(try databaseContent(path) == before)
        #expect(try wancun(young + ["--force", "--reason", "人社局书面认定"]).status == 0)
        #expect(try wancun(urban + ["--force", "--reason", "县政府同意试点"]).status == 0)
    }
}
