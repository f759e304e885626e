import Foundation
import Testing

/// Tools from outside Swift that a few tests need. Such a test is enabled only when its tool is
/// there (`.enabled(if: OutsideTool.openpyxl.isAvailable, …)`) and is reported as skipped by
/// name otherwise, so that `swift test` passes on a machine with only the toolchain and SQLite.
/// `WANCUN_TOOLS_OFF=openpyxl,libreoffice,sqlite3,pdftotext,chromium,selenium` makes them count as absent (to try a bare machine);
/// with `WANCUN_REQUIRE_TOOLS=1`, as `.ci/run` sets it, a missing tool is a failure.
enum OutsideTool: String, CaseIterable, Sendable {
    /// openpyxl, through python3: reads back the workbooks wancun writes.
    case openpyxl
    /// LibreOffice's headless converter: opens a CSV as a spreadsheet would.
    case libreoffice
    /// The sqlite3 shell: edits a database behind wancun's back, as anyone with the file can.
    case sqlite3
    /// poppler-utils' pdftotext, pdfinfo and pdftoppm: read the pages LibreOffice prints.
    case pdftotext
    /// python3's pty module: types at a terminal's prompt as a person would.
    case python3
    /// Debian's chromium and chromium-driver: a real browser, headless, for the browser test.
    case chromium
    /// PyPI's selenium, through python3: drives that browser.
    case selenium

    static let switchedOff = Set(
        (ProcessInfo.processInfo.environment["WANCUN_TOOLS_OFF"] ?? "").split(separator: ",").map {
            $0.trimmingCharacters(in: .whitespaces)
        })

    var isAvailable: Bool { !Self.switchedOff.contains(rawValue) && found }

    /// Why a test that needs the tool is skipped.
    var skipReason: Comment {
        switch self {
        case .openpyxl: "openpyxl is not installed (python3 -m pip install openpyxl)"
        case .libreoffice: "LibreOffice (soffice) is not installed"
        case .sqlite3: "the sqlite3 shell is not installed (apt-get install sqlite3)"
        case .pdftotext: "pdftotext is not installed (apt-get install poppler-utils)"
        case .python3: "python3 is not installed"
        case .chromium: "chromium or chromedriver is not installed (apt-get install chromium chromium-driver)"
        case .selenium: "selenium is not installed (python3 -m pip install selenium)"
        }
    }

    private var found: Bool {
        switch self {
        case .openpyxl: Self.hasOpenpyxl
        case .libreoffice: Self.libreOfficePath != nil
        case .sqlite3: Self.sqlite3Path != nil
        case .pdftotext: Self.popplerDirectory != nil
        case .python3: Self.pythonRuns("import pty")
        case .chromium: Self.chromiumPath != nil && Self.chromedriverPath != nil
        case .selenium: Self.pythonRuns("import selenium")
        }
    }

    static let libreOfficePath: String? = [
        "/usr/bin/soffice", "/usr/bin/libreoffice", "/usr/local/bin/soffice", "/opt/homebrew/bin/soffice",
        "/Applications/LibreOffice.app/Contents/MacOS/soffice",
    ].first { FileManager.default.isExecutableFile(atPath: $0) }

    static let sqlite3Path: String? = ["/usr/bin/sqlite3", "/usr/local/bin/sqlite3", "/opt/homebrew/bin/sqlite3"].first {
        FileManager.default.isExecutableFile(atPath: $0)
    }

    static let chromiumPath: String? = ["/usr/bin/chromium", "/usr/local/bin/chromium", "/usr/bin/chromium-browser"].first {
        FileManager.default.isExecutableFile(atPath: $0)
    }

    static let chromedriverPath: String? = ["/usr/bin/chromedriver", "/usr/local/bin/chromedriver"].first {
        FileManager.default.isExecutableFile(atPath: $0)
    }

    /// Where pdftotext is, with pdfinfo and pdftoppm beside it.
    static let popplerDirectory: String? = ["/usr/bin", "/usr/local/bin", "/opt/homebrew/bin"].first {
        FileManager.default.isExecutableFile(atPath: $0 + "/pdftotext") && FileManager.default.isExecutableFile(atPath: $0 + "/pdfinfo")
    }

    static let hasOpenpyxl = pythonRuns("import openpyxl")

    static func pythonRuns(_ code: String) -> Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", code]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }
}

@Suite struct OutsideToolTests {
    /// In CI every tool must be there, so that a broken install cannot pass as skipped tests.
    @Test(.enabled(if: ProcessInfo.processInfo.environment["WANCUN_REQUIRE_TOOLS"] == "1", "WANCUN_REQUIRE_TOOLS is not set"))
    func everyOutsideToolIsThereWhenRequired() {
        for tool in OutsideTool.allCases {
            #expect(tool.isAvailable, "WANCUN_REQUIRE_TOOLS=1 but \(tool.rawValue) is missing: \(tool.skipReason)")
        }
    }
}
