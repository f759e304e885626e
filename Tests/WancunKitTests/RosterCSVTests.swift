import Foundation
import Testing

@testable import WancunKit

/// Where LibreOffice is: its headless converter stands in for a spreadsheet opening a CSV.
let libreOffice = OutsideTool.libreOfficePath

/// Codes in a CSV stay text when a spreadsheet opens it, and read back as their digits.
@Suite struct RosterCSVTests {
    static func demoRosterCSV() throws -> (db: String, csv: String) {
        let db = try sharedDemoCopy()
        let csv = temporaryDirectory().appendingPathComponent("花名册.csv").path
        #expect(try wancun(["subsidy", "export", "1", "--out", csv, "--db", db]).status == 0)
        return (db, csv)
    }

    @Test func theRosterCSVKeepsIDNumbersAndCodesAsText() throws {
        let (_, csv) = try Self.demoRosterCSV()
        let lines = try String(contentsOfFile: csv, encoding: .utf8).components(separatedBy: "\r\n")
        let first = try #require(lines.first { $0.hasPrefix("1,") })
        #expect(first.range(of: #","=""330424[0-9]{9}""","#, options: .regularExpression) != nil)  // the point code
        #expect(first.range(of: #","=""330424[0-9]{11}[0-9X]""","#, options: .regularExpression) != nil)  // the ID number
        // Free text, amounts and the phone are as they were.
        #expect(!first.contains("=\"\"1380") && first.contains(",1500.00,"))
        #expect(try readAll(csv).contains { $0.count > 7 && $0[7].count == 18 && $0[3].count == 15 })
    }

    @Test func onlyDigitsTakeTheConvention() {
        #expect(CodeText.wrap("33042419750308800X") == "=\"33042419750308800X\"")
        #expect(CodeText.wrap("330424********800X") == "330424********800X")
        #expect(CodeText.wrap("") == "" && CodeText.wrap("91330424MA2B3C4D5E") == "91330424MA2B3C4D5E")
        #expect(CodeText.unwrap("=\"330424101201\"") == "330424101201")
        #expect(CodeText.unwrap("=\"SUM(A1)\"") == "=\"SUM(A1)\"" && CodeText.unwrap("=1+2") == "=1+2")
    }

    @Test func anExportedPointsFileImportsBackUnchanged() throws {
        let db = try sharedDemoCopy()
        let csv = temporaryDirectory().appendingPathComponent("服务点.csv").path
        #expect(try wancun(["point", "export", "--out", csv, "--reveal", "--db", db]).status == 0)
        #expect(try String(contentsOfFile: csv, encoding: .utf8).contains("\"=\"\"330424"))
        let rows = try readAll(csv)
        #expect(rows.dropFirst().allSatisfy { $0[0].count == 15 && $0[1].count == 12 && !$0[0].contains("=") })
        let result = try wancun(["point", "import", csv, "--db", db])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("更新 0 个") && result.stdout.contains("未变 \(rows.count - 1) 个"))
    }

    @Test(
        .enabled(if: OutsideTool.libreoffice.isAvailable, OutsideTool.libreoffice.skipReason),
        .enabled(if: OutsideTool.openpyxl.isAvailable, OutsideTool.openpyxl.skipReason))
    func libreOfficeOpensTheRosterCSVWithIDNumbersAsText() throws {
        let (_, csv) = try Self.demoRosterCSV()
        let out = temporaryDirectory()
        let profile = temporaryDirectory()
        let convert = Process()
        convert.executableURL = URL(fileURLWithPath: libreOffice!)
        // 44,34,76: comma-separated, quoted with ", UTF-8, as its text-import dialog offers it.
        convert.arguments = [
            "-env:UserInstallation=\(profile.absoluteString)", "--headless", "--infilter=CSV:44,34,76,1",
            "--convert-to", "xlsx", "--outdir", out.path, csv,
        ]
        convert.standardOutput = Pipe()
        convert.standardError = Pipe()
        try convert.run()
        convert.waitUntilExit()
        let xlsx = out.appendingPathComponent("花名册.xlsx").path
        #expect(convert.terminationStatus == 0 && FileManager.default.fileExists(atPath: xlsx))
        let read = Process()
        read.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        read.arguments = ["python3", repositoryRoot.appendingPathComponent("scripts/check_xlsx.py").path, "--values", xlsx]
        let pipe = Pipe()
        read.standardOutput = pipe
        try read.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        read.waitUntilExit()
        let json = try JSONSerialization.jsonObject(with: data) as! [String: Any]
        let cells = (json["sheets"] as! [[String: Any]])[0]["cells"] as! [[[String: Any]]]
        let row = try #require(cells.first { ($0.first?["v"] as? Int) == 1 })
        let id = row[7]
        #expect(id["type"] as? String == "str")
        #expect((id["v"] as? String)?.range(of: #"^330424[0-9]{11}[0-9X]$"#, options: .regularExpression) != nil)
        #expect((row[3]["v"] as? String)?.count == 15)
    }
}
