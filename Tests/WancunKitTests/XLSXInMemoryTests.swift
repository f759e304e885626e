import Foundation
import Testing
import ZIPFoundation

@testable import WancunKit

/// Every row of the workbook in `data`, read as bytes.
func readAll(workbook data: Data) throws -> [[String]] {
    let reader = try XLSXReader(data: data)
    var rows: [[String]] = []
    while let row = try reader.next() { rows.append(row.cells) }
    return rows
}

@Suite struct XLSXInMemoryTests {
    @Test(arguments: ["roster-openpyxl.xlsx", "roster-libreoffice.xlsx", "inline-1904.xlsx"])
    func aFixtureReadsTheSameAsBytesAsFromItsFile(name: String) throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: fixture(name)))
        #expect(try readAll(workbook: data) == readAll(fixture(name)))
    }

    @Test(arguments: XLSXLimitsTests.damages)
    func aDamagedWorkbookIsRefusedAsBytesToo(damage: XLSXLimitsTests.Damage) throws {
        let data = try workbookBytes(sheet: damage.sheet, sharedStrings: damage.sharedStrings, styles: damage.styles, parts: damage.parts)
        let problem = try #require(throws: RowProblem.self) { try readAll(workbook: data) }
        #expect(problem.rule == "XLSX_UNREADABLE" && problem.message.en.contains(damage.says), "\(problem.message.en)")
    }

    @Test func textsPastTheSharedTableLimitAreWrittenInlineAndReadTheSame() throws {
        let rows: [[SheetCell]] = [
            [.text("甲"), .code("330424001200001"), .integer(3)],
            [.text("乙"), .text("甲"), .text(" 前后有空格 ")],
            [.text("丙 & <丁>"), .text("乙"), .text("两行\n文字")],
        ]
        let sheet = Worksheet(name: "s", header: ["a", "b", "c"], rows: rows)
        let data = try XLSXWriter.$sharedStringLimit.withValue(4) { try XLSXWriter.data([sheet]) }
        let expected = [["a", "b", "c"], ["甲", "330424001200001", "3"], ["乙", "甲", " 前后有空格 "], ["丙 & <丁>", "乙", "两行\n文字"]]
        #expect(try readAll(workbook: data) == expected)
        // The header's three texts and 甲 fill the table; every other text is inline, 乙 both
        // times, while 甲 written again is found in the table.
        let archive = try Archive(data: data, accessMode: .read)
        func part(_ name: String) throws -> String {
            var bytes = Data()
            _ = try archive.extract(try #require(archive[name])) { bytes.append($0) }
            return String(decoding: bytes, as: UTF8.self)
        }
        #expect(try part("xl/sharedStrings.xml").contains(#"uniqueCount="4""#))
        let xml = try part("xl/worksheets/sheet1.xml")
        #expect(xml.components(separatedBy: #"t="inlineStr""#).count - 1 == 6)
        #expect(xml.contains(#"<t xml:space="preserve"> 前后有空格 </t>"#))
        #expect(xml.contains("丙 &amp; &lt;丁&gt;"))
        // Without the limit, the same sheet has no inline text.
        #expect(try readAll(workbook: XLSXWriter.data([sheet])) == expected)
    }

    @Test func aCellWithAStyleAndNoValueIsNoCell() throws {
        let sheet = """
            <row r="1"><c r="A1" t="inlineStr"><is><t>a</t></is></c><c r="B1" s="1"/><c r="C1"><v>3</v></c><c r="D1" s="1"/></row>\
            <row r="2"><c r="A2" s="1"/><c r="B2" s="1"></c></row><row r="3"><c t="inlineStr"><is><t></t></is></c><c s="1"/><c><v>1</v></c></row>
            """
        #expect(try readAll(workbook: workbookBytes(sheet: sheet)) == [["a", "", "3"], [], ["", "", "1"]])
    }

    @Test func aGenuineWorkbookOf100000RowsReadsWithinTheLimits() throws {
        // What a roster holds, with an empty column between: the limits leave it whole.
        let path = temporaryDirectory().appendingPathComponent("large.xlsx").path
        func row(_ i: Int) -> [SheetCell] {
            [.code(String(330_424_198_503_150_026 + i)), .text(i % 5 == 0 ? "备注 & <注>" : "王示例"), .empty, .money(Fen(Int64(i) * 37))]
        }
        try XLSXWriter.write([Worksheet(name: "花名册", header: ["公民身份号码", "姓名", "", "金额(元)"], rows: (0..<100_000).map(row))], to: path)
        let reader = try XLSXReader(path: path)
        var count = 0
        var last: SourceRow?
        while let row = try reader.next() {
            count += 1
            last = row
        }
        #expect(count == 100_001 && last?.number == 100_001)
        #expect(last?.cells == ["330424198503250025", "王示例", "", "36999.63"])
    }

    @Test func everyByteUnpackedCountsAgainstTheBounds() throws {
        let data = try workbookBytes(sheet: "<row r=\"1\"><c><v>1</v></c></row>", parts: ["xl/media/big.bin": Data(count: 2 << 20)])
        let archive = try Archive(data: data, accessMode: .read)
        let big = try #require(archive["xl/media/big.bin"])
        let layout = try #require(ZipLayout(.data(data)))
        func damage(_ unpacker: Unpacker, limit: Int) -> XLSXDamage? {
            do throws(XLSXDamage) { try unpacker.unpack(big, limit: limit) { _ in } } catch { return error }
            return nil
        }
        #expect(damage(Unpacker(archive: archive, layout: layout), limit: 4 << 20) == nil)
        #expect(damage(Unpacker(archive: archive, layout: layout), limit: 1 << 20)?.reason == .partTooLarge(1 << 20))
        let unpacker = Unpacker(archive: archive, layout: layout, inflatedBytes: 3 << 20)
        #expect(damage(unpacker, limit: 4 << 20) == nil)
        #expect(damage(unpacker, limit: 4 << 20) == XLSXDamage(.inflatedTooLarge(3 << 20), part: "xl/media/big.bin"))
    }

    @Test(.timeLimit(.minutes(1)))
    func aPackedStreamThatRunsPastItsPartIsRefusedNotFollowed() throws {
        let rows = (1...2000).map { "<row r=\"\($0)\"><c r=\"A\($0)\"><v>\($0 * 7919 % 10007)</v></c></row>" }.joined()
        var data = try workbookBytes(sheet: rows)
        // The directory says the sheet's packed bytes are half what they are: the stream goes on past them.
        let name = Array("xl/worksheets/sheet1.xml".utf8)
        let bytes = [UInt8](data)
        let signature: [UInt8] = [0x50, 0x4B, 0x01, 0x02]
        func isSheetsDirectoryEntry(_ i: Int) -> Bool {
            Array(bytes[i..<i + 4]) == signature && Array(bytes[i + 46..<i + 46 + name.count]) == name
        }
        let found: Int? = (0..<bytes.count - 46 - name.count).first(where: isSheetsDirectoryEntry)
        let at = try #require(found)
        let packed = (0..<4).reduce(0) { $0 | Int(bytes[at + 20 + $1]) << (8 * $1) }
        #expect(packed > 1000)
        for k in 0..<4 { data[at + 20 + k] = UInt8((packed / 2) >> (8 * k) & 0xFF) }
        let problem = try #require(throws: RowProblem.self) { try readAll(workbook: data) }
        #expect(problem.rule == "XLSX_UNREADABLE")
        // Refused for its packed data ending, for what zlib makes of the end, or for its checksum: never followed on.
        #expect(problem.line(.en).contains("cannot read the workbook (xl/worksheets/sheet1.xml)"), "\(problem.line(.en))")
        let file = writeTemporaryFile("half.xlsx", data)
        #expect(throws: RowProblem.self) { try readAll(file) }
    }
}
