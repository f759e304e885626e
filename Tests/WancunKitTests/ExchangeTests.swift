import Foundation
import Testing
import ZIPFoundation

@testable import WancunKit

func fixture(_ name: String) -> String {
    repositoryRoot.appendingPathComponent("Tests/Fixtures/\(name)").path
}

/// Every row of a file as its cells' text, checking rows come numbered from 1.
func readAll(_ path: String, sheet: String? = nil) throws -> [[String]] {
    let source = try TableReader.openSource(path: path, sheet: sheet)
    var rows: [[String]] = []
    while let row = try source.next() {
        #expect(row.number == rows.count + 1)
        rows.append(row.cells)
    }
    return rows
}

@Suite struct ReadingTests {
    static let rosterBody: [[String]] = [
        ["序号", "姓名", "公民身份号码", "服务点编码", "金额(元)", "日期", "是否通过"],
        ["1", "王示例", "11010519491231002X", "330424101201001", "1500.5", "2026-01-31", "TRUE"],
        ["2", "李演示", "330424198503150026", "330424102203001", "1500", "2026-02-01", "FALSE"],
        ["3", "赵样例", "330424197001010031", "330424105211001", "12.3", "2026-01-05 09:30", "TRUE"],
        ["", "", "", "", "", "", "备注"],
        // An ID stored as a number shows as Excel shows it: 15 digits, the rest lost.
        ["", "", "3.3042419850315E+17"],
    ]

    @Test(arguments: ["roster-openpyxl.xlsx", "roster-libreoffice.xlsx"])
    func xlsxFromOtherToolsCellByCell(name: String) throws {
        let rows = try readAll(fixture(name))
        #expect(rows[0].first == "海盐县2026年1月村级电商服务点公益性岗位补贴花名册")
        #expect(rows[0].dropFirst().allSatisfy { $0.isEmpty })
        #expect(Array(rows.dropFirst()) == Self.rosterBody)
        #expect(try readAll(fixture(name), sheet: "第二页") == [["代码", "名称"], ["330424000000", "海盐县"]])
    }

    @Test func inlineStringsTheDate1904SystemAndGaps() throws {
        let rows = try readAll(fixture("inline-1904.xlsx"))
        #expect(rows == [["运单号", "到站日期", "件数"], [], [" SF1234567890 ", "2027-01-01", "2", "", "TRUE"]])
    }

    @Test func aMissingSheetNamesTheOnesThere() throws {
        let error = try #require(throws: RowProblem.self) { try XLSXReader(path: fixture("roster-openpyxl.xlsx"), sheet: "Sheet9") }
        #expect(error.rule == "SHEET_NOT_FOUND")
        #expect(error.message.zh.contains("花名册, 第二页"))
    }

    @Test func gb18030RosterWithTitleAndSignatures() throws {
        let reader = try CSVReader(path: fixture("roster-gb18030.csv"))
        #expect(reader.encoding == .gb18030)
        let rows = try readAll(fixture("roster-gb18030.csv"))
        #expect(
            rows == [
                ["海盐县2026年1月村级电商服务点公益性岗位补贴花名册", "", "", ""],
                ["序号", "姓名", "公民身份号码", "金额(元)"],
                ["1", "王示例", "11010519491231002X", "1500.50"],
                ["2", "李演示", "330424198503150026", "1500.00"],
                ["", "", "", ""],
                ["制表单位：海盐县商务局", "", "制表人：张三", ""],
            ])
    }

    @Test func quotedFieldsAndEmbeddedNewlinesWithBOM() throws {
        #expect(try CSVReader(path: fixture("quoted-bom.csv")).encoding == .utf8BOM)
        #expect(
            try readAll(fixture("quoted-bom.csv")) == [
                ["代码", "名称", "备注"],
                ["330424000000", "海盐县", "含逗号,和\"引号\""],
                ["330424101000", "沈荡镇", "两行\n备注"],
            ])
    }

    @Test func anUnclosedQuoteIsAProblemOnItsRow() throws {
        let path = writeTemporaryFile("cut.csv", "a,b\n1,2\n3,\"cut\n")
        let reader = try CSVReader(path: path)
        _ = try reader.next()
        _ = try reader.next()
        let error = try #require(throws: RowProblem.self) { try reader.next() }
        #expect(error.rule == "CSV_UNCLOSED_QUOTE" && error.row == 3)
    }

    @Test(arguments: [1, 2, 3, 5, 7, 64])
    func rowsAcrossReadChunksAndMidFieldQuotes(chunkSize: Int) throws {
        let text = "a,b,c\r\n\"x\r\ny\",\"q\"\"q\",z\r\nab\"c,,\"\"\r\n1,\"2\"tail,3\n\u{7}é,中文,\n"
        // 70,000 bytes of plain rows first, so the tricky ones arrive in chunks of `chunkSize`.
        let padding = String(repeating: "pad,ding,row\n", count: 70_000 / 13 + 1)
        let path = writeTemporaryFile("chunks.csv", Data(TextEncoding.bom) + Data((padding + text).utf8))
        let reader = try CSVReader(path: path, chunkSize: chunkSize)
        var rows: [[String]] = []
        while let row = try reader.next() { rows.append(row.cells) }
        #expect(rows.count == 70_000 / 13 + 1 + 5)
        rows.removeFirst(70_000 / 13 + 1)
        #expect(rows == [["a", "b", "c"], ["x\r\ny", "q\"q", "z"], ["ab\"c", "", ""], ["1", "2tail", "3"], ["\u{7}é", "中文", ""]])
        #expect(reader.encoding == .utf8BOM)
    }

    @Test func excelDamageIsRecognisedAndNormalised() throws {
        let rows = try readAll(fixture("damaged.csv"))
        let today = testContext.today
        let error = try #require(throws: ValueError.self) { try ResidentID(parsing: rows[1][1], today: today) }
        #expect(error == .scientificNotation("1.10105E+17"))
        #expect(error.message.zh.contains("设为“文本”格式"))
        #expect(error.message.en.contains("format the column as Text"))
        #expect(try ResidentID(parsing: rows[2][1], today: today).rawValue == "11010519491231002X")
        #expect(try ResidentID(parsing: rows[3][1], today: today).rawValue == "11010519491231002X")
        #expect(try Phone(parsing: rows[2][2]).rawValue == "13800002222")
        #expect(try Phone(parsing: rows[3][2]).rawValue == "13800003333")
    }

    @Test func oldXlsFilesAreRefusedWithAFix() throws {
        let error = try #require(throws: RowProblem.self) { try TableReader.openSource(path: "/tmp/x.xls") }
        #expect(error.message.zh.contains("另存为"))
    }
}

@Suite struct HeaderTests {
    static let columns = [
        ColumnSpec("id_number", "公民身份号码", "身份证号"),
        ColumnSpec("name", "姓名"),
        ColumnSpec("amount", "金额(元)", "核定金额(元)"),
        ColumnSpec("remark", "备注", required: false),
    ]

    @Test(arguments: ["roster-gb18030.csv", "roster-openpyxl.xlsx", "roster-libreoffice.xlsx"])
    func headerBelowATitleIsFoundAndColumnsMappedByName(name: String) throws {
        let table = try TableReader(path: fixture(name), columns: Self.columns)
        #expect(table.headerRowNumber == 2)
        let first = try #require(try table.next())
        #expect(first.number == 3)
        #expect(first["id_number"] == "11010519491231002X")
        #expect(first["name"] == "王示例")
        #expect(first.header("amount") == "金额(元)")
        #expect(Set(table.warnings.map(\.column)).isSuperset(of: ["序号"]))
        #expect(table.warnings.allSatisfy { $0.severity == .warning && $0.rule == "UNKNOWN_COLUMN" })
    }

    @Test func englishKeysFullWidthBracketsAnyOrder() throws {
        let path = writeTemporaryFile("en.csv", "Amount,NAME,ID_Number\n1.00,王示例,11010519491231002X\n")
        let table = try TableReader(path: path, columns: Self.columns)
        #expect(try table.next()?["id_number"] == "11010519491231002X")
        let fullWidth = writeTemporaryFile("fw.csv", "姓名,身份证号,金额（元）\n王示例,11010519491231002X,1\n")
        #expect(try TableReader(path: fullWidth, columns: Self.columns).next()?["amount"] == "1")
    }

    @Test func missingAndDuplicateColumnsAreReported() throws {
        let path = writeTemporaryFile("m.csv", "姓名,备注,备注\n王示例,a,b\n")
        let error = try #require(throws: RowProblems.self) { try TableReader(path: path, columns: Self.columns) }
        #expect(error.problems.map(\.rule).sorted() == ["DUPLICATE_COLUMN", "MISSING_COLUMN", "MISSING_COLUMN"])
        #expect(error.problems.allSatisfy { $0.row == 1 })
    }
}

@Suite struct WritingTests {
    @Test func aStreamedCSVIsTheSameFileAsOneWrittenWhole() throws {
        let path = temporaryDirectory().appendingPathComponent("big.csv").path
        try TableFile.write(Worksheet(name: "s", header: ["old"], rows: []), to: path)
        var whole = CSVWriter()
        var streamed = try CSVWriter(streamingBeside: path)
        for i in 0..<40_000 {
            let row = ["330424101201\(i)", "聚金村,电商\"服务站\"", ""]
            whole.append(row)
            streamed.append(row)
        }
        try streamed.write(to: path)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == whole.data)
        #expect(whole.data.count > 1 << 20)  // so that some rows went to the file before the end
        #expect(leftovers(beside: path).isEmpty)
    }

    @Test func aCopyThatFailsHalfwayLeavesNoFileBehind() throws {
        let input = writeTemporaryFile("unclosed.csv", "a,b\n1,2\n3,\"4\n")
        let output = (input as NSString).deletingPathExtension + ".result.csv"
        #expect(throws: RowProblem.self) {
            try AnnotatedCopy.write(input: input, sheet: nil, headerRow: 1, notes: [:], title: "t", defaultNote: "", to: output)
        }
        #expect(!FileManager.default.fileExists(atPath: output))
        #expect(leftovers(beside: output).isEmpty)
    }

    static let sheets = [
        Worksheet(
            name: "花名册", title: "海盐县2026年1月村级电商服务点公益性岗位补贴花名册",
            header: ["序号", "姓名", "公民身份号码", "本月补贴金额(元)"],
            rows: [
                [.integer(1), .text("王示例"), .text("11010519491231002X"), .money(Fen(150050))],
                [.integer(2), .text("李演示 & <某>"), .text("330424198503150026"), .money(Fen(5))],
            ],
            footer: [[.text("合计", bold: true), .empty, .empty, .money(Fen(150055), bold: true)], [], [.text("制表单位："), .empty, .text("制表人：")]]),
        Worksheet(name: "说明", header: ["列", "说明"], rows: [[.text("公民身份号码"), .text("18 位，文本格式")]]),
    ]

    @Test func sameContentGivesTheSameBytes() throws {
        let a = try XLSXWriter.data(Self.sheets)
        let b = try XLSXWriter.data(Self.sheets)
        #expect(a == b)
        var changed = Self.sheets
        changed[0].rows[1][1] = .text("李演示")
        #expect(try XLSXWriter.data(changed) != a)
    }

    @Test func readBackByThisReader() throws {
        let path = temporaryDirectory().appendingPathComponent("out.xlsx").path
        try XLSXWriter.write(Self.sheets, to: path)
        #expect(
            try readAll(path) == [
                ["海盐县2026年1月村级电商服务点公益性岗位补贴花名册"],
                ["序号", "姓名", "公民身份号码", "本月补贴金额(元)"],
                ["1", "王示例", "11010519491231002X", "1500.5"],
                ["2", "李演示 & <某>", "330424198503150026", "0.05"],
                ["合计", "", "", "1500.55"],
                [],
                ["制表单位：", "", "制表人："],
            ])
        #expect(try readAll(path, sheet: "说明") == [["列", "说明"], ["公民身份号码", "18 位，文本格式"]])
    }

    @Test(.enabled(if: OutsideTool.openpyxl.isAvailable, OutsideTool.openpyxl.skipReason))
    func readBackByOpenpyxl() throws {
        let path = temporaryDirectory().appendingPathComponent("out.xlsx").path
        try XLSXWriter.write(Self.sheets, to: path)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", repositoryRoot.appendingPathComponent("scripts/check_xlsx.py").path, path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "openpyxl must be installed: pip install openpyxl")
        let json = try JSONSerialization.jsonObject(with: data) as! [String: Any]
        let sheets = json["sheets"] as! [[String: Any]]
        #expect(sheets.map { $0["name"] as! String } == ["花名册", "说明"])
        let first = sheets[0]
        #expect(first["freeze"] as? String == "A3")
        #expect(first["merged"] as? [String] == ["A1:D1"])
        let cells = first["cells"] as! [[[String: Any]]]
        let id = cells[2][2]
        #expect(id["v"] as? String == "11010519491231002X")
        #expect(id["type"] as? String == "str")
        #expect(id["format"] as? String == "@")
        #expect((cells[3][2]["v"] as? String)?.count == 18)
        #expect(cells[1].allSatisfy { $0["bold"] as? Bool == true })
        #expect(cells[2][3]["v"] as? Double == 1500.5)
        #expect(cells[2][3]["format"] as? String == "0.00")
        #expect(cells[4][3]["bold"] as? Bool == true)
        let widths = first["widths"] as! [String: Double]
        // 公民身份号码 needs 18 columns of digits; 姓名's widest cell is 李演示 & <某> (13).
        #expect(widths["C"] == 20 && widths["B"] == 15)
    }

    @Test func aLargeSheetIsReadWholeAndInOrderAndCanBeLeftHalfRead() throws {
        let path = temporaryDirectory().appendingPathComponent("large.xlsx").path
        let rows = (0..<5_000).map { i in [SheetCell.text("第\(i)行"), .integer(Int64(i)), i % 7 == 0 ? .empty : .text("x")] }
        try XLSXWriter.write([Worksheet(name: "s", header: ["a", "b", "c"], rows: rows)], to: path)
        let reader = try XLSXReader(path: path)
        var seen: [SourceRow] = []
        var fractions: [Double] = []
        while let row = try reader.next() {
            seen.append(row)
            fractions.append(reader.fractionRead)
        }
        #expect(seen.map(\.number) == Array(1...5_001))
        // Row 0 ends with an empty cell, which is not stored.
        #expect(seen[1].cells == ["第0行", "0"] && seen[5_000].cells == ["第4999行", "4999", "x"])
        #expect(seen[1].numeric == [false, true] && seen[2].numeric == [false, true, false])
        #expect(zip(fractions, fractions.dropFirst()).allSatisfy { $0 <= $1 } && fractions[2_500] < 0.6 && fractions.last == 1)
        // A reader left after a few rows stops its parsing thread; another reads the file anew.
        for _ in 0..<20 {
            let partial = try XLSXReader(path: path)
            _ = try partial.next()
        }
        #expect(try readAll(path).count == 5_001)
    }

    @Test func aSheetThatBreaksOffIsRefusedNotCutShort() throws {
        let dir = temporaryDirectory()
        let whole = dir.appendingPathComponent("whole.xlsx")
        try XLSXWriter.write([Worksheet(name: "s", header: ["a"], rows: (0..<2_000).map { [.text("行\($0)")] })], to: whole.path)
        // The same workbook with its sheet's XML broken off half-way.
        let source = try Archive(url: whole, accessMode: .read)
        let broken = dir.appendingPathComponent("broken.xlsx")
        let target = try Archive(url: broken, accessMode: .create)
        for entry in source {
            var data = Data()
            _ = try source.extract(entry) { data.append($0) }
            if entry.path == "xl/worksheets/sheet1.xml" { data = data.prefix(data.count / 2) }
            try target.addEntry(with: entry.path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        let error = try #require(throws: RowProblem.self) { try readAll(broken.path) }
        #expect(error.rule == "XLSX_UNREADABLE")
    }

    @Test func csvRoundTrip() throws {
        var writer = CSVWriter()
        let rows = [["代码", "备注"], ["330424000000", "含逗号,\"引号\"\n两行"], ["", "尾"]]
        for row in rows { writer.append(row) }
        let path = writeTemporaryFile("rt.csv", writer.data)
        #expect(try CSVReader(path: path).encoding == .utf8BOM)
        #expect(try readAll(path) == rows)
    }

    @Test func annotatedCopyOfAnXLSXInput() throws {
        let dir = temporaryDirectory()
        let input = dir.appendingPathComponent("roster.xlsx").path
        try FileManager.default.copyItem(atPath: fixture("roster-openpyxl.xlsx"), toPath: input)
        let problems = [
            RowProblem(
                file: "roster.xlsx", row: 4, column: "公民身份号码", value: "330424********0026", rule: "ID_CHECK_CHARACTER",
                message: .valueError(.residentIDCheck)),
            RowProblem(file: "roster.xlsx", row: 4, column: "金额(元)", value: "1500", rule: "X", message: .divisionNameEmpty),
        ]
        let copy = try AnnotatedCopy.write(input: input, headerRow: 2, problems: problems, language: .zh)
        #expect(copy == dir.appendingPathComponent("roster.errors.xlsx").path)
        let rows = try readAll(copy)
        #expect(rows[1].last == "问题说明")
        #expect(rows[3].prefix(3) == ["2", "李演示", "330424198503150026"])
        #expect(rows[3].last == "列“公民身份号码” 身份证号校验码不对，请核对号码 [ID_CHECK_CHARACTER]；列“金额(元)” 名称为空 [X]")
        #expect(rows[2].last == "")
    }
}

@Suite struct MissingFileTests {
    /// A file that is not there is refused as missing, whatever its extension (not as a broken zip).
    @Test(arguments: ["no-such.xlsx", "no-such.csv"])
    func aMissingFileSaysItDoesNotExist(name: String) throws {
        let path = temporaryDirectory().appendingPathComponent(name).path
        #expect(throws: RowProblem.self) { _ = try TableReader.openSource(path: path) }
        do {
            _ = try TableReader.openSource(path: path)
        } catch {
            #expect(error.rule == "FILE_NOT_FOUND" && error.message.zh.contains("不存在"))
        }
    }
}
