import Foundation
import GRDB
import Testing

@testable import WancunKit

/// Tables printed for a terminal fit 120 columns; `--wide`, CSV and JSON hold everything.
@Suite struct TableFitTests {
    @Test func cutsAtDisplayWidthWithoutHalvingAChineseCharacter() {
        #expect(DisplayWidth.cut("聚金村电商服务站", to: 16) == "聚金村电商服务站")
        #expect(DisplayWidth.cut("聚金村电商服务站", to: 10) == "聚金村电…")
        #expect(DisplayWidth.cut("聚金村电商服务站", to: 9) == "聚金村电…")
        // An odd width cannot hold half a character: one column is left empty instead.
        #expect(DisplayWidth.cut("聚金村电商服务站", to: 6) == "聚金…")
        #expect(DisplayWidth.cut("ab聚金村", to: 5) == "ab聚…")
        #expect(DisplayWidth.cut("abcdef", to: 4) == "abc…")
        for width in 1...17 {
            #expect(DisplayWidth.of(DisplayWidth.cut("海盐县沈荡镇聚金村 village", to: width)) <= width)
        }
    }

    @Test func shortensHashesOnly() {
        let hash = String(repeating: "4f9c70f245f2", count: 5) + "abcd"
        #expect(DisplayWidth.shortHash(hash) == "4f9c70f245f2")
        #expect(DisplayWidth.shortHash("330424101201001") == "330424101201001")
        #expect(DisplayWidth.shortHash(hash.uppercased()) == hash.uppercased())
    }

    static let wideTable = Table(
        columns: [
            .init("code", Message.Header.pointCode, use: .key), .init("name", Message.Header.pointName),
            .init("address", Message.Header.address), .init("village_code", Message.Header.villageCode, use: .detail),
            .init("hash", Message.Header.auditHead), .init("reason", Message.Header.reason),
        ],
        rows: [
            [
                .text("330424101201001"), .text("聚金村电商服务站"), .text(String(repeating: "海盐县沈荡镇聚金村村委会旁", count: 3)),
                .code("330424101201"), .text(String(repeating: "ab12", count: 16)), .text(String(repeating: "由新站长接替，", count: 6)),
            ],
            [.text("330424101202001"), .text("董司村电商服务站"), .text("董司村"), .code("330424101202"), .text("x"), .text("—")],
        ])

    @Test func aWideTableLeavesOutDetailsCutsTextAndSaysWhatItLeftOut() {
        let text = TableRenderer(language: .zh, reveal: false, width: 120).aligned(Self.wideTable)
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines.allSatisfy { DisplayWidth.of($0) <= 120 }, "\(text)")
        #expect(!lines[0].contains("村代码"))
        #expect(lines.last == "（未显示 1 列：村代码；加 --wide 显示全部列）")
        #expect(text.contains("330424101201001") && text.contains("聚金村电商服务站"))
        #expect(text.contains("ab12ab12ab12 ") && !text.contains("ab12ab12ab12a"))
        #expect(text.contains("…"))
        // Every cut cell still starts its column where the header does.
        let reasonColumn = DisplayWidth.of(String(lines[0].prefix { $0 != "原" }))
        #expect(DisplayWidth.of(String(lines[2].prefix { $0 != "由" })) == reasonColumn)

        let english = TableRenderer(language: .en, reveal: false, width: 120).aligned(Self.wideTable)
        #expect(english.hasSuffix("(1 column not shown: Village code; --wide shows every column)\n"))
    }

    @Test func withoutAWidthEveryColumnIsShownInFull() {
        let text = TableRenderer(language: .zh, reveal: false).aligned(Self.wideTable)
        #expect(text.contains("村代码") && text.contains(String(repeating: "ab12", count: 16)))
        #expect(text.contains(String(repeating: "由新站长接替，", count: 6)))
        #expect(!text.contains("…") && !text.contains("未显示"))
    }

    @Test func aTableThatFitsIsPrintedAsBefore() {
        let table = Table(columns: [.init("name", Message.Header.name, use: .detail)], rows: [[.text("沈荡镇")]])
        #expect(TableRenderer(language: .zh, reveal: false, width: 120).aligned(table) == TableRenderer(language: .zh, reveal: false).aligned(table))
        #expect(TableRenderer(language: .zh, reveal: false, width: 120).aligned(table) == "名称\n------\n沈荡镇\n")
    }

    @Test func csvAndJsonHoldEveryColumnWhateverTheWidth() {
        for format in [OutputFormat.csv, .json] {
            #expect(
                TableRenderer(language: .zh, reveal: false, width: 120).render(Self.wideTable, as: format)
                    == TableRenderer(language: .zh, reveal: false).render(Self.wideTable, as: format))
        }
    }
}

/// The audit trail read as sentences: 时间 经办人 动作 字段：原值 → 新值.
@Suite struct AuditLinesTests {
    static func entry(_ action: String, before: String?, after: String?, reason: String? = nil, operatorID: String? = nil) -> AuditEntry {
        AuditEntry(
            id: 1, at: "2026-11-26T10:23:45+08:00", clerk: "王经办", action: action, divisionCode: nil, pointCode: nil,
            operatorIdNumber: operatorID, before: before, after: after, reason: reason)
    }

    static let id = "11010519491231002X"

    @Test func anEditIsOneLinePerFieldWithTheOldAndNewValueMasked() {
        let edit = Self.entry(
            "operator.edit", before: #"{"phone":"13800000001","difficulty":null,"name":"王一"}"#,
            after: #"{"phone":"13900000002","difficulty":"land-lost","name":"王二"}"#, reason: "更正", operatorID: Self.id)
        let lines = AuditEntry.readableLines([edit], language: .zh, reveal: false, subjects: false)
        #expect(
            lines == [
                "2026-11-26 10:23:45  王经办  修改站长  联系电话：138****0001 → 139****0002",
                "    就业困难人员类别：（空） → \(Message.difficulty(.landLost).zh)",
                "    姓名：王一 → 王二",
                "    原因：更正",
            ])
        let revealed = AuditEntry.readableLines([edit], language: .zh, reveal: true, subjects: true)
        #expect(revealed[0] == "2026-11-26 10:23:45  王经办  修改站长  \(Self.id)  联系电话：13800000001 → 13900000002")
        let english = AuditEntry.readableLines([edit], language: .en, reveal: false, subjects: true)
        #expect(english[0] == "2026-11-26 10:23:45  王经办  operator edited  110105********002X  Phone: 138****0001 → 139****0002")
        #expect(english[1] == "    Difficulty category: (none) → \(Message.difficulty(.landLost).en)")
        #expect(english[3] == "    Reason: 更正")
    }

    @Test func aNewRecordListsWhatItHoldsAndLeavesOutEmptyFields() {
        let add = Self.entry(
            "operator.add", before: nil,
            after: #"{"name":"张三","id_number":"11010519491231002X","phone":"13812345678","birth_date":"1949-12-31","certificate_no":null}"#)
        let lines = AuditEntry.readableLines([add], language: .zh, reveal: false, subjects: false)
        #expect(
            lines == [
                "2026-11-26 10:23:45  王经办  登记站长  姓名：张三", "    公民身份号码：110105********002X", "    联系电话：138****5678",
                "    出生日期：****-**-**",
            ])
        #expect(!lines.joined().contains("{") && !lines.joined().contains("1949"))
    }

    @Test func partsOfAnImportAreLabelledAndAmountsAreInYuan() {
        let entry = Self.entry(
            "point.import", before: nil,
            after: #"{"action":"add","point":{"name":"聚金村电商服务站","status":"operating"},"operator":{"name":"李四","phone":"13812345678"}}"#)
        let lines = AuditEntry.readableLines([entry], language: .zh, reveal: false, subjects: false)
        #expect(lines.contains("    服务点·名称：聚金村电商服务站"))
        #expect(lines.contains("    服务点·状态：\(Message.pointStatus(.operating).zh)"))
        #expect(lines.contains("    站长·姓名：李四"))
        #expect(lines.contains("    站长·联系电话：138****5678"))
        let fee = Self.entry("courier.link", before: nil, after: #"{"courier":"顺丰","fee_fen":80}"#)
        #expect(AuditEntry.readableLines([fee], language: .en, reveal: false, subjects: false)[1] == "    Fee per parcel (yuan): 0.80")
    }

    @Test func columnsOfSeveralLinesLineUpAndALineWithNothingChangedEndsAtItsAction() {
        let lines = AuditEntry.readableLines(
            [
                Self.entry("demo.build", before: nil, after: nil),
                Self.entry("point.status", before: #"{"status":"operating"}"#, after: #"{"status":"suspended"}"#),
            ],
            language: .zh, reveal: false, subjects: false)
        #expect(lines[0] == "2026-11-26 10:23:45  王经办  建立演示数据库")
        #expect(lines[1] == "2026-11-26 10:23:45  王经办  变更状态        状态：运营中 → 暂停")
    }

    @Test func aFirstChangeTooLongForItsLineStartsALineOfItsOwn() {
        let entry = Self.entry("point.edit", before: #"{"address":"甲"}"#, after: "{\"address\":\"\(String(repeating: "海盐县沈荡镇", count: 9))\"}")
        let lines = AuditEntry.readableLines([entry], language: .zh, reveal: false, subjects: false, width: 120)
        #expect(lines[0] == "2026-11-26 10:23:45  王经办  修改服务点")
        #expect(lines[1].hasPrefix("    地址：甲 → 海盐县"))
        #expect(AuditEntry.readableLines([entry], language: .zh, reveal: false, subjects: false).count == 1)
    }

    @Test func storedJsonReadsBackWithItsKeysInOrder() throws {
        let value = try #require(JSONReader.value(#" {"b":[1,-2.5e3,true,null],"a":{"x":"\u4e2d\"\n"}} "#))
        #expect(value == .object([("b", .array([.number("1"), .number("-2.5e3"), .bool(true), .null])), ("a", .object([("x", .string("中\"\n"))]))]))
        #expect(JSONReader.value(#"{"a":1"#) == nil)
        #expect(JSONReader.value("[1] x") == nil)
    }
}
