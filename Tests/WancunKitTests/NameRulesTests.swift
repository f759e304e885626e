import Foundation
import Testing

@testable import WancunKit

/// Names and addresses refuse control characters and direction overrides, keep a name's
/// middle dot, and have a length limit: at registration and in the point import.
@Suite struct NameRulesTests {
    static let woman = ResidentID.withCheckCharacter("33042419800315002")

    @Test(arguments: [
        ("\u{1B}[31m王演示", FreeText.Kind.personName, ValueError.controlCharacter), ("王\n演示", .personName, .controlCharacter),
        ("王\u{7F}演示", .personName, .controlCharacter), ("\u{202E}聚金村服务站", .pointName, .bidiControl),
        ("聚金村\u{2066}服务站", .pointName, .bidiControl), ("村东\u{200F}", .address, .bidiControl), ("东\u{0085}侧", .address, .controlCharacter),
        (String(repeating: "王", count: 41), .personName, .tooLong(limit: 40, count: 41)),
        (String(repeating: "站", count: 61), .pointName, .tooLong(limit: 60, count: 61)),
        (String(repeating: "村", count: 201), .address, .tooLong(limit: 200, count: 201)),
    ])
    func refuses(text: String, kind: FreeText.Kind, error: ValueError) {
        #expect(throws: error) { try FreeText.check(text, as: kind) }
        #expect(!error.message.zh.contains(text) && !error.message.en.contains(text))
    }

    @Test(arguments: [
        ("买买提·艾力", "买买提·艾力"), ("买买提・艾力", "买买提·艾力"), ("买买提•艾力", "买买提·艾力"), ("买买提･艾力", "买买提·艾力"),
        ("  王演示　", "王演示"), (String(repeating: "王", count: 40), String(repeating: "王", count: 40)), ("ＡＢ", "AB"),
    ])
    func acceptsNamesWithTheirMiddleDot(text: String, kept: String) throws {
        #expect(try FreeText.check(text, as: .personName) == kept)
    }

    @Test func registrationRefusesEachWithItsRule() throws {
        let db = try PointSheetTests.database()
        let village = try DivisionCode(parsing: "330424101201")
        func rules(_ work: () throws -> Void) -> [String] {
            do { try work() } catch let error as RegistryError { return error.refusals.map(\.rule) } catch { return ["?"] }
            return []
        }
        #expect(rules { _ = try db.addPoint(NewPoint(village: village, name: "\u{202E}聚金村服务站"), context: testContext) } == ["TEXT_BIDI_CONTROL"])
        #expect(
            rules {
                _ = try db.addPoint(NewPoint(village: village, name: "聚金村服务站", address: String(repeating: "村", count: 201)), context: testContext)
            } == ["TEXT_TOO_LONG"])
        let point = try db.addPoint(NewPoint(village: village, name: "聚金村服务站"), context: testContext)
        var edit = PointEdit()
        edit.name = "聚金村\u{1B}[2J服务站"
        #expect(rules { _ = try db.editPoint(point.code, edit, context: testContext) } == ["TEXT_CONTROL_CHARACTER"])
        edit = PointEdit()
        edit.businessName = String(repeating: "商", count: 61)
        #expect(rules { _ = try db.editPoint(point.code, edit, context: testContext) } == ["TEXT_TOO_LONG"])
        let name = "\u{1B}]8;;http://x\u{07}王演示"
        let refused: () throws -> Void = {
            _ = try db.addOperator(
                NewOperator(name: name, idNumber: Self.woman, phone: "13800000001", retirementGroup: .female50), context: testContext)
        }
        #expect(rules(refused) == ["TEXT_CONTROL_CHARACTER"])
        do { try refused() } catch let error as RegistryError { #expect(!error.message.zh.contains("王演示")) }
        let person = try db.addOperator(
            NewOperator(name: "买买提・艾力", idNumber: Self.woman, phone: "13800000001", retirementGroup: .female50), context: testContext)
        #expect(person.name == "买买提·艾力")
        var personEdit = OperatorEdit()
        personEdit.name = String(repeating: "王", count: 41)
        #expect(rules { _ = try db.editOperator(person.idNumber, personEdit, context: testContext) } == ["TEXT_TOO_LONG"])
        #expect(
            rules { _ = try db.addCourier(NewCourier(name: "中通\u{202D}快递", brand: "中通", creditCode: nil), context: testContext) } == [
                "TEXT_BIDI_CONTROL"
            ])
        #expect(try db.points().map(\.name) == ["聚金村服务站"])
    }

    @Test func theImportGivesEachAsTheRowsProblemNamingTheColumnNotTheValue() throws {
        let db = try PointSheetTests.database()
        let rows = [
            PointSheetTests.good[0].merging(["operator_name": "王\u{1B}[31m演示"]) { $1 },
            ["village_code": "330424101202", "name": "\u{202E}董司村服务点", "address": String(repeating: "村", count: 201)],
        ]
        let path = writeTemporaryFile(
            "names.csv",
            ([PointSheetTests.header] + rows.map(PointSheetTests.row)).map { $0.map(CSVWriter.quoted).joined(separator: ",") }
                .joined(separator: "\n") + "\n")
        let error = try #require(throws: RowProblems.self) { try db.importPoints(from: path, context: testContext) }
        let found = error.errors.map { "\($0.row ?? 0) \($0.column ?? "") \($0.rule)" }
        #expect(found == ["2 站长姓名 TEXT_CONTROL_CHARACTER", "3 服务点名称 TEXT_BIDI_CONTROL", "3 地址 TEXT_TOO_LONG"])
        #expect(error.errors.allSatisfy { $0.value == nil })
        #expect(error.errors.allSatisfy { !$0.line(.zh).contains("\u{1B}") && !$0.line(.zh).contains("\u{202E}") && !$0.line(.zh).contains("演示") })
        #expect(try db.points().isEmpty)
    }
}
