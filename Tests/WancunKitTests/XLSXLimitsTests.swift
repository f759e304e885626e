import Foundation
import Testing

@testable import WancunKit

/// The problem reading every row of `data` as a workbook file raises, or nil when it reads.
private func refusal(_ data: Data) -> RowProblem? {
    let path = writeTemporaryFile("damaged.xlsx", data)
    do {
        let reader = try XLSXReader(path: path)
        while try reader.next() != nil {}
        return nil
    } catch {
        return error
    }
}

private let wideText = String(repeating: "宽", count: 32_768)
/// `<sst><s\xFFi/></sst>`: an element whose name is not UTF-8.
private let invalidUTF8Name = Data("<sst><s".utf8) + Data([0xFF]) + Data("i/></sst>".utf8)

@Suite struct XLSXLimitsTests {
    struct Damage: CustomTestStringConvertible, Sendable {
        var name: String
        var sheet: String
        var sharedStrings: String?
        var styles: String?
        var parts: [String: Data] = [:]
        /// Words the English message has.
        var says: String
        var testDescription: String { name }
    }

    static let damages: [Damage] = [
        Damage(
            name: "negative shared-string index", sheet: #"<row r="1"><c r="A1" t="s"><v>-1</v></c></row>"#,
            sharedStrings: sharedStringsXML(["a"]), says: "shared string"),
        Damage(
            name: "shared-string index past the table", sheet: #"<row r="1"><c r="A1" t="s"><v>1</v></c></row>"#,
            sharedStrings: sharedStringsXML(["a"]), says: "shared string"),
        Damage(name: "twenty-letter column", sheet: #"<row r="1"><c r="AAAAAAAAAAAAAAAAAAAA1"><v>1</v></c></row>"#, says: "XFD"),
        Damage(name: "column past XFD", sheet: #"<row r="1"><c r="XFE1"><v>1</v></c></row>"#, says: "XFD"),
        Damage(
            name: "date cell holding NaN", sheet: #"<row r="1"><c r="A1" s="1"><v>nan</v></c></row>"#, styles: dateStylesXML,
            says: "finite"),
        Damage(
            name: "date cell holding infinity", sheet: #"<row r="1"><c r="A1" s="1"><v>-inf</v></c></row>"#, styles: dateStylesXML,
            says: "finite"),
        Damage(
            name: "date cell holding 1e308", sheet: #"<row r="1"><c r="A1" s="1"><v>1e308</v></c></row>"#, styles: dateStylesXML,
            says: "Excel's dates"),
        Damage(
            name: "invalid UTF-8 in a shared-strings name", sheet: #"<row r="1"><c r="A1"><v>1</v></c></row>"#,
            parts: ["xl/sharedStrings.xml": invalidUTF8Name], says: "not UTF-8"),
        Damage(
            name: "invalid UTF-8 in a styles name", sheet: #"<row r="1"><c r="A1"><v>1</v></c></row>"#,
            parts: ["xl/styles.xml": invalidUTF8Name], says: "not UTF-8"),
        Damage(
            name: "invalid UTF-8 in a text", sheet: #"<row r="1"><c r="A1" t="s"><v>0</v></c></row>"#,
            parts: ["xl/sharedStrings.xml": Data("<sst><si><t>\u{1}".utf8) + Data([0xC3, 0x28]) + Data("</t></si></sst>".utf8)],
            says: "not UTF-8"),
        Damage(name: "row past 1048576", sheet: #"<row r="1048577"><c r="A1048577"><v>1</v></c></row>"#, says: "1048576"),
        Damage(name: "row 2000000000", sheet: #"<row r="2000000000"><c><v>1</v></c></row>"#, says: "1048576"),
        Damage(
            name: "rows out of order", sheet: #"<row r="5"><c><v>1</v></c></row><row r="3"><c><v>1</v></c></row>"#,
            says: "out of order"),
        Damage(
            name: "cells out of order", sheet: #"<row r="1"><c r="C1"><v>1</v></c><c r="A1"><v>1</v></c></row>"#,
            says: "column order"),
        Damage(
            name: "cell longer than Excel's limit", sheet: #"<row r="1"><c r="A1" t="inlineStr"><is><t>\#(wideText)</t></is></c></row>"#,
            says: "32767"),
        Damage(
            name: "shared string longer than Excel's limit", sheet: #"<row r="1"><c r="A1" t="s"><v>0</v></c></row>"#,
            sharedStrings: sharedStringsXML([wideText]), says: "32767"),
        Damage(
            name: "shared strings that break off", sheet: #"<row r="1"><c r="A1" t="s"><v>0</v></c></row>"#,
            sharedStrings: "<sst><si><t>a</t></si><si><t>b", says: "the XML"),
        Damage(
            name: "an entity declared in a DOCTYPE", sheet: #"<row r="1"><c r="A1" t="s"><v>0</v></c></row>"#,
            sharedStrings: #"<!DOCTYPE sst [<!ENTITY e SYSTEM "file:///etc/passwd">]><sst><si><t>&e;</t></si></sst>"#,
            says: "DOCTYPE"),
    ]

    @Test(arguments: damages)
    func aDamagedWorkbookIsRefusedWithItsReason(damage: Damage) throws {
        let data = try workbookBytes(sheet: damage.sheet, sharedStrings: damage.sharedStrings, styles: damage.styles, parts: damage.parts)
        let problem = try #require(refusal(data))
        #expect(problem.rule == "XLSX_UNREADABLE")
        #expect(problem.message.en.contains(damage.says), "\(problem.message.en)")
    }

    @Test func aSharedStringTableThatUnpacksAThousandfoldIsRefused() throws {
        // 33 MiB of spaces pack to some 32 KiB: a bomb, not a spreadsheet.
        let bomb = "<sst>" + String(repeating: String(repeating: " ", count: 3 << 20) + "<x/>", count: 11) + "</sst>"
        let data = try workbookBytes(sheet: #"<row r="1"><c r="A1"><v>1</v></c></row>"#, sharedStrings: bomb)
        #expect(data.count < 1 << 20)
        let problem = try #require(refusal(data))
        #expect(problem.message.en.contains("times its packed size"), "\(problem.message.en)")
    }

    @Test func aDateSerialAtExcelsLastDayStillReads() throws {
        let data = try workbookBytes(
            sheet: #"<row r="1048576"><c r="XFD1048576" s="1"><v>2958465</v></c></row>"#, styles: dateStylesXML)
        #expect(refusal(data) == nil)
    }

    @Test func readingAWorkbookWritesNoSheetToTheTemporaryFolder() throws {
        let path = temporaryDirectory().appendingPathComponent("big.xlsx").path
        try XLSXWriter.write([Worksheet(name: "s", header: ["a"], rows: (0..<5_000).map { [.text("行\($0)")] })], to: path)
        let reader = try XLSXReader(path: path)
        _ = try reader.next()
        // The sheet is parsed as it is unpacked: a run killed now leaves nothing behind.
        let open = try FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd").compactMap {
            try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/fd/\($0)")
        }
        #expect(!open.contains { $0.contains("wancun-sheet-") })
        #expect(try reader.next()?.cells == ["行0"])
    }
}
