import ArgumentParser
import Foundation
import Testing

@testable import WancunKit
@testable import wancun

/// Codes people read by their labels: one catalogue entry per case, read back from a sheet or
/// a command line whichever way it was written, and kept as codes in CSV and JSON.
@Suite struct LabelTests {
    static let types: [any Labelled.Type] = [
        PointStatus.self, Sex.self, DifficultyCategory.self, ContractType.self, RetirementGroup.self, ServiceKind.self,
        PurchaseCategory.self, DivisionLevel.self, DivisionChange.Kind.self, ReconOutcome.self, ReconKind.self, SubsidyRule.self,
        ScopeReason.self, RunStatus.self, PolicyKey.self,
    ]

    @Test func everyCaseIsReadBackFromItsCodeAndEachOfItsLabels() {
        func check<Code: Labelled>(_ type: Code.Type) {
            for value in Code.allCases {
                for written in [value.rawValue, value.label.zh, value.shortLabel, value.label.en, value.label.en.uppercased(), " \(value.label.zh) "]
                {
                    #expect(Code(label: written) == value, "\(Code.self): \(written)")
                }
            }
            #expect(Code(label: "no such thing") == nil)
        }
        for type in Self.types { check(type) }
    }

    @Test func noTwoCasesShareALabel() {
        func check<Code: Labelled>(_ type: Code.Type) {
            for language in Language.allCases {
                let labels = Code.allCases.map { $0.label(in: language) }
                #expect(Set(labels).count == labels.count, "\(Code.self) \(language)")
            }
            #expect(Set(Code.allCases.map(\.shortLabel)).count == Code.allCases.count, "\(Code.self)")
        }
        for type in Self.types { check(type) }
    }

    @Test func labourIsAlsoSpeltLabor() throws {
        #expect(ContractType(label: "labor") == .labour && ContractType(label: "LABOR") == .labour)
        let command = try #require(
            try Wancun.parseAsRoot(["point", "assign", "330424101201001", "--operator", "x", "--from", "2026-01-01", "--contract", "labor"])
                as? PointAssign)
        #expect(command.contract == .labour)
    }

    @Test func aCommandLineTakesALabelForACode() throws {
        let command = try #require(
            try Wancun.parseAsRoot(["operator", "edit", "x", "--retirement-group", "女工人", "--difficulty", "被征地农民"]) as? OperatorEditCommand)
        #expect(command.retirementGroup == .female50 && command.difficulty == .landLost)
        #expect(try Wancun.parseAsRoot(["point", "list", "--status", "运营中"]) is PointList)
    }

    @Test func aTableShowsTheLabelAndCSVAndJSONTheCode() {
        let table = Table(
            columns: [.init("retirement_group", Message.Header.retirementGroup), .init("difficulty", Message.Header.difficulty)],
            rows: [[RetirementGroup.female50.cell, DifficultyCategory.landLost.cell]])
        let zh = TableRenderer(language: .zh, reveal: false)
        let en = TableRenderer(language: .en, reveal: false)
        #expect(zh.render(table, as: .table).contains("女工人（50岁起）  被征地农民"))
        #expect(en.render(table, as: .table).contains("women, worker post (50)  land-lost farmer"))
        for renderer in [zh, en] {
            #expect(renderer.render(table, as: .csv).hasSuffix("\r\nfemale-50,land-lost\r\n"))
            #expect(renderer.render(table, as: .json).contains(#""retirement_group": "female-50""#))
        }
    }

    /// The points sheet is Chinese whatever the language: labels out, and labels or codes in.
    @Test func thePointsSheetShowsLabelsAndReadsThemBackAsCodesAreRead() throws {
        let db = try PointSheetTests.database()
        let coded = [PointSheetTests.header] + PointSheetTests.good.map(PointSheetTests.row)
        let path = writeTemporaryFile("coded.csv", coded.map { $0.map(CSVWriter.quoted).joined(separator: ",") }.joined(separator: "\n") + "\n")
        _ = try db.importPoints(from: path, context: testContext)
        let out = temporaryDirectory().appendingPathComponent("labelled.xlsx").path
        #expect(try db.exportPoints(to: out, reveal: true, context: testContext) == 2)
        let sheet = try readAll(out)
        let column = { (key: String) in PointSheet.columns.firstIndex { $0.key == key }! }
        #expect(sheet[1][column("retirement_group")] == "女工人（50岁起）")
        #expect(sheet[1][column("difficulty")] == "4050人员（女40周岁、男50周岁以上）")
        #expect(sheet[1][column("contract_type")] == "民事协议")
        #expect(sheet[1][column("services")] == "包裹存取,代购:农资")
        #expect(sheet[2][column("services")] == "缴费")
        let again = try db.importPoints(from: out, context: testContext)
        #expect(again.rows.map(\.action) == [.unchanged, .unchanged])
        // Short labels, English labels and full-width colons are read too.
        var row = PointSheetTests.good[0]
        row["town_name"] = nil
        row["village_name"] = nil
        row["village_code"] = "330424101205"
        row["name"] = "民利村服务点"
        row["id_number"] = ResidentID.withCheckCharacter("33042419800315010")
        row["phone"] = "13800000002"
        row["retirement_group"] = "女工人"
        row["difficulty"] = "4050人员"
        row["contract_type"] = "Labour contract"
        row["services"] = "包裹存取，代购：日用品"
        let other = writeTemporaryFile(
            "short.csv",
            [PointSheetTests.header, PointSheetTests.row(row)].map { $0.map(CSVWriter.quoted).joined(separator: ",") }.joined(separator: "\n") + "\n")
        let result = try db.importPoints(from: other, context: testContext)
        let code = try #require(result.rows.first?.pointCode)
        let services = try db.services(pointCode: code).map(\.service)
        #expect(Set(services.map(\.kind)) == [.parcel, .agentPurchase] && services.contains { $0.category == .dailyGoods })
        #expect(try db.operators().contains { $0.0.idNumber == row["id_number"] && $0.0.retirementGroup == .female50 && $0.0.difficulty == .age4050 })
    }

    @Test func aValueThatIsNoneOfThemListsTheLabelsInChineseAndTheCodesInEnglish() throws {
        let error = #expect(throws: ValueError.self) { try RetirementGroup(parsing: "女") }
        #expect(error?.message.zh == "“女”应为 男、女干部 或 女工人")
        #expect(error?.message.en == "\"女\" must be male, female-55 or female-50")
        #expect(error?.rule == "NOT_A_CHOICE")
    }

    @Test func theTemplateShowsLabelsAndItsExampleLoads() throws {
        let example = Dictionary(uniqueKeysWithValues: PointSheet.columns.map { ($0.key, $0.example) })
        #expect(example["retirement_group"] == "女工人（50岁起）" && example["contract_type"] == "民事协议")
        #expect(example["difficulty"] == "被征地农民" && example["services"] == "包裹存取,缴费,代购:农资")
    }

    @Test func aRosterProfileNamesAFieldByItsCodeOrByTheFormsHeader() throws {
        let profile = writeTemporaryFile("profile.csv", "字段,表头\n序号,序号\n姓名,姓名\nid_number,身份证号码\n本月补贴金额(元),金额\n")
        #expect(try RosterProfile.load(path: profile).fields.map(\.0) == [.seq, .name, .idNumber, .amount])
        let error = SubsidyError.profileFieldUnknown("昵称").message
        #expect(error.zh.hasPrefix("花名册模板中的字段“昵称”不认识；可用：序号、乡镇、行政村、"))
    }
}
