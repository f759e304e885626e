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
            [.text("330424101201001"), .text("聚金村电商服务站"), .text(String(repeating: "海盐县沈荡镇聚金村村委会旁", count: 3)),
             .code("330424101201"), .text(String(repeating: "ab12", count: 16)), .text(String(repeating: "由新站长接替，", count: 6))],
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
