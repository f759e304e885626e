import Foundation
import Testing
import ZIPFoundation

@testable import WancunKit

/// The workbooks as they print: LibreOffice turns them into PDF, pdftotext reads the pages back.
/// With `WANCUN_UPDATE_GOLDEN=1` the demo roster's and coverage report's first pages are
/// rendered to `Tests/Golden/print/` for people to look at (they are not compared).
@Suite(
    .serialized, .enabled(if: OutsideTool.libreoffice.isAvailable, OutsideTool.libreoffice.skipReason),
    .enabled(if: OutsideTool.pdftotext.isAvailable, OutsideTool.pdftotext.skipReason))
struct PrintTests {
    struct Printed {
        var pages: [String]
        var landscape: Bool
    }

    static func run(_ tool: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(tool) \(arguments) failed")
        return String(decoding: data, as: UTF8.self)
    }

    /// The workbook printed to PDF by LibreOffice with a profile of its own (so that runs side
    /// by side do not share one), its pages as `pdftotext -layout` reads them; `png`, when
    /// given, gets the first page at 80 dpi.
    static func print(_ xlsx: String, png: String? = nil) throws -> Printed {
        let out = temporaryDirectory()
        let profile = temporaryDirectory()
        _ = try run(
            libreOffice!, ["-env:UserInstallation=\(profile.absoluteString)", "--headless", "--convert-to", "pdf", "--outdir", out.path, xlsx])
        let pdf = out.appendingPathComponent(((xlsx as NSString).lastPathComponent as NSString).deletingPathExtension + ".pdf").path
        let poppler = OutsideTool.popplerDirectory!
        let text = try run(poppler + "/pdftotext", ["-layout", pdf, "-"])
        let info = try run(poppler + "/pdfinfo", [pdf])
        // "Page size:      841.89 x 595.304 pts (A4)"
        let size = info.split(separator: "\n").first { $0.hasPrefix("Page size:") }?.split(separator: " ").compactMap { Double($0) } ?? []
        if let png {
            _ = try run(poppler + "/pdftoppm", ["-png", "-r", "80", "-singlefile", pdf, (png as NSString).deletingPathExtension])
        }
        var pages = text.components(separatedBy: "\u{0C}")
        if pages.last?.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty == true { pages.removeLast() }
        return Printed(pages: pages, landscape: size.count == 2 && size[0] > size[1])
    }

    /// Where a golden picture goes, when they are being rewritten.
    static func golden(_ name: String) -> String? {
        guard ProcessInfo.processInfo.environment["WANCUN_UPDATE_GOLDEN"] == "1", let poppler = OutsideTool.popplerDirectory,
            FileManager.default.isExecutableFile(atPath: poppler + "/pdftoppm")
        else { return nil }
        let folder = repositoryRoot.appendingPathComponent("Tests/Golden/print")
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder.appendingPathComponent(name).path
    }

    static func demoRoster() throws -> String {
        let db = try sharedDemoCopy()
        let out = temporaryDirectory().appendingPathComponent("花名册.xlsx").path
        #expect(try wancun(["subsidy", "export", "1", "--out", out, "--db", db]).status == 0)
        return out
    }

    /// Text with its spaces taken out, as pdftotext spaces a line at will.
    static func squeezed(_ text: String) -> String { text.filter { !$0.isWhitespace } }

    @Test func theDemoRosterPrintsOnOneLandscapePageWithEveryColumn() throws {
        let printed = try Self.print(try Self.demoRoster(), png: Self.golden("roster-demo.png"))
        #expect(printed.landscape)
        #expect(printed.pages.count == 1)
        let page = Self.squeezed(printed.pages.first ?? "")
        for field in RosterField.allCases { #expect(page.contains(field.header), "\(field.header) is not on the page") }
        #expect(page.contains("海盐县2026年10月村级电商服务点公益性岗位补贴花名册") && page.contains("第1页共1页"))
        #expect(page.contains("制表单位") && page.contains("制表日期") && page.contains("16500.00"))
    }

    /// A roster of `count`: the demo's rows over and over, with its header, totals and
    /// signatures; the others end near the foot of the first or second page.
    @Test(arguments: [60, 52, 54, 56, 57, 58, 116, 118])
    func aLongRosterRepeatsItsHeaderAndKeepsTheSignaturesOnTheLastPage(count: Int) throws {
        let demo = try readAll(try Self.demoRoster())
        let header = demo[1]
        let people = demo[2...].prefix { Int($0.first ?? "") != nil }
        let footer = demo[(2 + people.count)...]
        func cell(_ text: String, _ column: Int) -> SheetCell {
            switch column {
            case 3, 7: .code(text)
            case 12: .integer(Int64(text)!)
            case 13: .money(Fen(Int64(Double(text)! * 100)))
            default: text.isEmpty ? .empty : .text(text)
            }
        }
        let rows = (0..<count).map { n in
            [.integer(Int64(n + 1))] + people[people.startIndex + n % people.count].enumerated().dropFirst().map { cell($1, $0) }
        }
        var totals = header.map { _ in SheetCell.empty }
        totals[0] = .text("合计", bold: true)
        totals[5] = .text("\(count)人", bold: true)
        totals[13] = .money(Fen(Int64(count) * 150000), bold: true)
        let below = footer.dropFirst().map { $0.map { $0.isEmpty ? SheetCell.empty : .text($0) } }
        let path = temporaryDirectory().appendingPathComponent("花名册.xlsx").path
        try XLSXWriter.write([Worksheet(name: "花名册", title: demo[0][0], header: header, rows: rows, footer: [totals] + below)], to: path)
        let printed = try Self.print(path)
        #expect(printed.landscape)
        #expect(count < 60 || printed.pages.count >= 2)
        let pages = printed.pages.map(Self.squeezed)
        #expect(pages.allSatisfy { $0.contains(header.joined()) }, "the header is not on every page")
        #expect(pages.dropLast().allSatisfy { !$0.contains("合计") && !$0.contains("制表单位") && !$0.contains("制表日期") })
        let last = try #require(pages.last)
        #expect(last.contains("合计\(count)人") && last.contains("制表单位") && last.contains("审核人") && last.contains("制表日期"))
        #expect(pages.last?.contains("第\(pages.count)页共\(pages.count)页") == true)
        // Every row is printed once.
        let printedRows = pages.joined().components(separatedBy: "330424").count - 1
        #expect(printedRows == count * 2)
    }

    @Test func theCoverageReportPrintsOnOneLandscapePageWithPercentages() throws {
        let db = try sharedDemoCopy()
        let out = temporaryDirectory().appendingPathComponent("覆盖情况.xlsx").path
        #expect(try wancun(["report", "coverage", "--db", db, "--as-of", "2026-11-26", "--format", "xlsx", "--out", out]).status == 0)
        let printed = try Self.print(out, png: Self.golden("coverage-demo.png"))
        #expect(printed.landscape && printed.pages.count == 1)
        let page = Self.squeezed(printed.pages.first ?? "")
        for column in CoverageReport.columns { #expect(page.contains(column.header.zh), "\(column.header.zh) is not on the page") }
        #expect(page.range(of: #"[0-9]+\.[0-9]%"#, options: .regularExpression) != nil)
    }
}

/// The print settings and cell formats as the workbook holds them, without a spreadsheet.
@Suite struct PrintLayoutTests {
    static func parts(_ sheets: [Worksheet]) throws -> [String: String] {
        let archive = try Archive(data: try XLSXWriter.data(sheets), accessMode: .read)
        var parts: [String: String] = [:]
        for entry in archive {
            var bytes = Data()
            _ = try archive.extract(entry) { bytes.append($0) }
            parts[entry.path] = String(decoding: bytes, as: UTF8.self)
        }
        return parts
    }

    static func roster(_ count: Int) -> Worksheet {
        let header = ["序号", "姓名", "公民身份号码", "本月补贴金额(元)", "备注"]
        let rows = (0..<count).map { n -> [SheetCell] in
            [.integer(Int64(n + 1)), .text("王示例"), .code("330424198503150026"), .money(Fen(150000)), .empty]
        }
        let footer: [[SheetCell]] = [
            [.text("合计", bold: true), .text("\(count)人", bold: true), .empty, .money(Fen(Int64(count) * 150000), bold: true), .empty],
            [], [.text("制表单位："), .empty, .text("制表人："), .empty, .text("制表日期：2026-11-26")],
        ]
        return Worksheet(name: "花名册", title: "海盐县2026年10月花名册", header: header, rows: rows, footer: footer)
    }

    @Test func everySheetPrintsOnA4LandscapeOnePageWideWithItsHeaderOnEachPage() throws {
        let parts = try Self.parts([Self.roster(3), Worksheet(name: "说明's", header: ["列"], rows: [[.text("x")]])])
        let sheet = try #require(parts["xl/worksheets/sheet1.xml"])
        #expect(sheet.contains(#"<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>"#))
        #expect(sheet.contains(#"<pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="0"/>"#))
        #expect(sheet.contains("<oddHeader>&amp;C海盐县2026年10月花名册</oddHeader><oddFooter>&amp;C第 &amp;P 页 共 &amp;N 页</oddFooter>"))
        #expect(!sheet.contains("<rowBreaks"))
        let book = try #require(parts["xl/workbook.xml"])
        #expect(book.contains(#"<definedName name="_xlnm.Print_Titles" localSheetId="0">'花名册'!$2:$2</definedName>"#))
        #expect(book.contains(#"<definedName name="_xlnm.Print_Titles" localSheetId="1">'说明''s'!$1:$1</definedName>"#))
        #expect(parts["xl/styles.xml"]?.contains(#"<numFmt numFmtId="164" formatCode="0.0%"/>"#) == true)
    }

    @Test func theTableIsRuledAndItsEmptyCellsTooButNotTheSignatures() throws {
        let sheet = try #require(try Self.parts([Self.roster(1)])["xl/worksheets/sheet1.xml"])
        let seq = XLSXWriter.CellStyle.index(.sequence, bold: false, inTable: true)
        let text = XLSXWriter.CellStyle.index(.text, bold: false, inTable: true)
        let money = XLSXWriter.CellStyle.index(.money, bold: true, inTable: true)
        let plain = XLSXWriter.CellStyle.index(.text, bold: false, inTable: false)
        #expect(sheet.contains(#"<c r="A3" s="\#(seq)"><v>1</v></c>"#) && sheet.contains(#"<c r="E3" s="\#(text)"/>"#))
        #expect(sheet.contains(#"<c r="D4" s="\#(money)"><v>1500.00</v></c>"#) && sheet.contains(#"<c r="E4" s="\#(text)"/>"#))
        #expect(sheet.contains(#"<c r="A6" s="\#(plain)""#) && !sheet.contains(#"<c r="B6""#))
    }

    @Test(arguments: [(11, false), (57, false), (58, true), (88, false), (90, true)])
    func theLinesBelowALongTableStartAPageWhenTheyWouldNotFit(count: Int, breaks: Bool) throws {
        let sheet = try #require(try Self.parts([Self.roster(count)])["xl/worksheets/sheet1.xml"])
        #expect(sheet.contains(#"<rowBreaks count="1" manualBreakCount="1"><brk id="\#(count + 2)" max="16383" man="1"/></rowBreaks>"#) == breaks)
    }

    @Test func percentagesAreNumbersAndColumnsAsWideAsTheirText() throws {
        #expect(XLSXWriter.hundredth("62.5") == "0.625" && XLSXWriter.hundredth("100.0") == "1.000")
        #expect(XLSXWriter.hundredth("0.0") == "0.000" && XLSXWriter.hundredth("5") == "0.05" && XLSXWriter.hundredth("-12.5") == "-0.125")
        let long = String(repeating: "很长的服务点名称", count: 6)
        let book = try XLSXWriter.data([Worksheet(name: "s", header: ["覆盖率(%)", "名称"], rows: [[.percent("62.5"), .text(long)]])])
        #expect(try readAll(workbook: book) == [["覆盖率(%)", "名称"], ["0.625", long]])
        let sheet = try #require(
            try Self.parts([Worksheet(name: "s", header: ["覆盖率(%)", "名称"], rows: [[.percent("62.5"), .text(long)]])])["xl/worksheets/sheet1.xml"])
        // 覆盖率(%) is 11 columns wide; the name (96) is held to 40 and wraps onto three lines.
        #expect(sheet.contains(#"<col min="1" max="1" width="11" customWidth="1"/><col min="2" max="2" width="40" customWidth="1"/>"#))
        #expect(sheet.contains(#"<row r="2" ht="44" customHeight="1">"#))
    }
}
