import Foundation
import Testing

@testable import WancunKit

@Suite struct OutputTests {
    let table = Table(
        columns: [.init("name", Message.Header.name), .init("id_number", Message.Header.code), .init("amount", Message.Header.code)],
        rows: [
            [.text("沈荡镇"), .residentID("11010519491231002X"), .money(Fen(123450))],
            [.text("ab"), .phone("13812345678"), .null],
        ])

    @Test func alignsChineseByDisplayWidth() {
        let text = TableRenderer(language: .zh, reveal: false).aligned(table)
        let lines = text.split(separator: "\n").map(String.init)
        #expect(DisplayWidth.of("沈荡镇") == 6)
        // The second column starts at the same display column on every line.
        let starts = lines.map { line -> Int in
            let first = line.prefix { $0 != " " }
            return DisplayWidth.of(String(first)) + line.dropFirst(first.count).prefix { $0 == " " }.count
        }
        #expect(Set(starts).count == 1)
        #expect(text.contains("110105********002X"))
        #expect(text.contains("138****5678"))
        #expect(!text.contains("11010519491231002X"))
    }

    @Test func displayWidthCountsASCIIByTheByteAndWideCharactersTwice() {
        #expect(DisplayWidth.of("") == 0)
        #expect(DisplayWidth.of("2026-11") == 7)
        #expect(DisplayWidth.of("a\u{0}b") == 2)
        #expect(DisplayWidth.of("a沈b") == 4)
        #expect(DisplayWidth.of("e\u{301}") == 1)
        #expect(DisplayWidth.of("ＡＢ") == 4)
    }

    @Test func revealShowsPersonalValues() {
        let text = TableRenderer(language: .zh, reveal: true).render(table, as: .csv)
        #expect(text.contains("11010519491231002X") && text.contains("13812345678"))
    }

    @Test func csvHasABOMAndQuotes() {
        let data = TableRenderer(language: .en, reveal: false).csvData(
            Table(columns: [.init("name", Message.Header.name)], rows: [[.text("a,\"b\"")]]))
        #expect(Array(data.prefix(3)) == [0xEF, 0xBB, 0xBF])
        #expect(String(decoding: data.dropFirst(3), as: UTF8.self) == "Name\r\n\"a,\"\"b\"\"\"\r\n")
    }

    @Test func jsonKeepsKeysInColumnOrderWithTypedValues() throws {
        let json = TableRenderer(language: .en, reveal: false).json(table)
        let parsed = try JSONSerialization.jsonObject(with: Data(json.utf8)) as! [[String: Any]]
        #expect(parsed[0]["amount"] as? Int == 123450)
        #expect(parsed[0]["id_number"] as? String == "110105********002X")
        #expect(parsed[1]["amount"] is NSNull)
        #expect(json.range(of: "\"name\"")!.lowerBound < json.range(of: "\"id_number\"")!.lowerBound)
    }

    @Test func rowProblemLinesNameEverything() {
        let problem = RowProblem(file: "a.csv", row: 3, column: "代码", value: "x", rule: "DIVISION_CODE_FORMAT", message: .divisionNameEmpty)
        #expect(problem.line(.zh) == "a.csv 第3行 列“代码” 值“x”：名称为空 [DIVISION_CODE_FORMAT]")
        #expect(problem.line(.en) == "a.csv row 3 column \"代码\" value \"x\": the name is empty [DIVISION_CODE_FORMAT]")
    }
}

@Suite struct JSONWriterTests {
    @Test func nestedValuesAndEscapes() throws {
        let value = JSONValue.object([
            ("a", .array([.string("x\"y"), .number("1"), .object([("b", .null), ("c", .array([]))])])),
            ("d", .bool(true)), ("e", .string("中文\n\u{1}")), ("f", .object([])),
        ])
        let text = value.compact()
        #expect(text == #"{"a":["x\"y",1,{"b":null,"c":[]}],"d":true,"e":"中文\n\u0001","f":{}}"#)
        let parsed = try JSONSerialization.jsonObject(with: Data(text.utf8)) as! [String: Any]
        #expect(parsed["e"] as? String == "中文\n\u{1}")
    }
}

@Suite struct ProgressBarTests {
    @Test func theBarThePercentageAndTheRows() {
        #expect(ProgressBar.line(rows: 260_000, fraction: 0.52, language: .zh) == "[████████████░░░░░░░░░░░░]  52%  已检查 260000 行……")
        #expect(ProgressBar.line(rows: 0, fraction: 0, width: 4, language: .en) == "[░░░░]   0%  0 rows checked…")
        #expect(ProgressBar.line(rows: 9, fraction: 1, width: 4, language: .en) == "[████] 100%  9 rows checked…")
        #expect(ProgressBar.line(rows: 9, fraction: .nan, width: 4, language: .en) == "[░░░░]   0%  9 rows checked…")
        #expect(ProgressBar.line(rows: 9, fraction: 1.5, width: 4, language: .en) == "[████] 100%  9 rows checked…")
    }
}
