import Foundation
import GRDB
import Testing

@testable import WancunKit

/// Every command that prints a table, over the demo database, through the built binary.
@Suite(.serialized) struct TableFitEndToEndTests {
    /// Each list and show command, with what it needs from the demo.
    static func commands(_ path: String) throws -> [[String]] {
        let queue = try DatabaseQueue(path: path)
        defer { try? queue.close() }
        let (idNumber, courier, route) = try queue.read { db in
            (try String.fetchOne(db, sql: "SELECT id_number FROM operator ORDER BY id")!,
             try String.fetchOne(db, sql: "SELECT name FROM courier ORDER BY id")!,
             try String.fetchOne(db, sql: "SELECT name FROM route ORDER BY id")!)
        }
        return [
            ["division", "list"], ["point", "list"], ["point", "show", "330424001200001"], ["operator", "list"],
            ["operator", "show", idNumber], ["audit"], ["service", "list"], ["courier", "list"], ["courier", "show", courier],
            ["station", "list"], ["route", "list"], ["route", "show", route], ["parcel", "overdue"], ["purchase", "list"],
            ["policy", "show"], ["subsidy", "runs"], ["subsidy", "show", "1"], ["subsidy", "summary", "1"], ["subsidy", "diff", "1", "1"],
            ["reconcile", "list"], ["reconcile", "show", "1"], ["report", "coverage"],
            ["file", "inspect", repositoryRoot.appendingPathComponent("Tests/Fixtures/roster-openpyxl.xlsx").path],
        ]
    }

    /// The headers a table's last line names as left out (`Message.columnsLeftOut`).
    static func leftOut(_ output: String, language: Language) -> [String] {
        let (open, close, separator) = language == .zh ? ("列：", "；加 --wide", "、") : ("not shown: ", "; --wide", ", ")
        return output.split(separator: "\n").flatMap { line -> [String] in
            guard let start = line.range(of: open), let end = line.range(of: close) else { return [] }
            return line[start.upperBound..<end.lowerBound].components(separatedBy: separator)
        }
    }

    @Test(arguments: [Language.zh, .en])
    func everyTableFitsOneHundredAndTwentyColumnsAndWideShowsWhatItLeftOut(language: Language) throws {
        let path = try sharedDemoCopy()
        var leftOutSomewhere = false
        for command in try Self.commands(path) {
            let base = command + ["--db", path, "--lang", language.rawValue]
            let result = try wancun(base)
            #expect(result.status == 0, "\(command): \(result.stderr)")
            for line in result.stdout.split(separator: "\n") {
                #expect(DisplayWidth.of(String(line)) <= 120, "\(command.joined(separator: " ")): \(line)")
            }
            let wide = try wancun(base + ["--wide"])
            #expect(wide.status == 0)
            #expect(Self.leftOut(wide.stdout, language: language).isEmpty)
            for header in Self.leftOut(result.stdout, language: language) {
                leftOutSomewhere = true
                #expect(wide.stdout.contains(header), "\(command): --wide shows \(header)")
            }
            #expect(!wide.stdout.contains("…") || result.stdout.contains("…"))
        }
        #expect(leftOutSomewhere)
    }

    @Test func csvAndJsonAreTheSameWithOrWithoutWide() throws {
        let path = try sharedDemoCopy()
        for command in [["point", "list"], ["operator", "list"], ["subsidy", "runs"], ["point", "show", "330424001200001"]] {
            for format in ["csv", "json"] {
                let base = command + ["--db", path, "--format", format]
                let plain = try wancun(base)
                #expect(plain.status == 0)
                #expect(plain.stdout == (try wancun(base + ["--wide"])).stdout)
                #expect(!plain.stdout.contains("…") && !plain.stdout.contains("--wide"))
            }
        }
        let runs = try wancun(["subsidy", "runs", "--db", path, "--format", "json"]).stdout
        let hashes = try #require((try JSONSerialization.jsonObject(with: Data(runs.utf8)) as? [[String: Any]])?.first?["policy_sha256"] as? String)
        #expect(hashes.count == 64)
        let table = try wancun(["subsidy", "runs", "--db", path, "--wide"]).stdout
        #expect(table.contains(hashes))
        #expect(try wancun(["subsidy", "runs", "--db", path]).stdout.contains(String(hashes.prefix(12)) + " "))
    }
}
