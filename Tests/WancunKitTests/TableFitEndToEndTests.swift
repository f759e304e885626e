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
            (
                try String.fetchOne(db, sql: "SELECT id_number FROM operator ORDER BY id")!,
                try String.fetchOne(db, sql: "SELECT name FROM courier ORDER BY id")!,
                try String.fetchOne(db, sql: "SELECT name FROM route ORDER BY id")!
            )
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
        for command in [["point", "list"], ["operator", "list"], ["subsidy", "runs"], ["audit"], ["point", "show", "330424001200001"]] {
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

    @Test func showAndAuditPrintChangesAsSentencesWithPersonalValuesMasked() throws {
        let path = try sharedDemoCopy()
        let show = try wancun(["point", "show", "330424001200001", "--db", path])
        let trail = try #require(show.stdout.components(separatedBy: "【审计记录】\n").dropFirst().first)
        #expect(!trail.contains("{") && !trail.contains("\"phone\""))
        #expect(trail.contains("测试员  修改服务点"))
        #expect(trail.contains("经营主体：（空） → 海盐县示例电子商务服务有限公司"))
        #expect(trail.contains("离任日期：（空） → 2026-03-01") && trail.contains("    原因：由新站长接替"))
        #expect(Mask.residentIDCount(in: show.stdout) == 0)
        let audit = try wancun(["audit", "--db", path])
        #expect(!audit.stdout.contains("{") && audit.stdout.contains("登记站长") && audit.stdout.contains("公民身份号码：330424********"))
        #expect(Mask.residentIDCount(in: audit.stdout) == 0)
        let english = try wancun(["audit", "--db", path, "--lang", "en"])
        #expect(english.stdout.contains("operator registered") && english.stdout.contains("ID number: 330424********"))
        #expect(!english.stdout.contains("登记站长"))
        let revealed = try wancun(["audit", "--db", path, "--reveal", "--wide"])
        #expect(Mask.residentIDCount(in: revealed.stdout) > 0)
        // JSON keeps the stored data, masked as before.
        let json = try wancun(["audit", "--db", path, "--format", "json"])
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        let added = try #require(rows.first { $0["action"] as? String == "operator.add" })
        #expect((added["after"] as? String)?.hasPrefix("{\"name\":") == true)
        #expect(Mask.residentIDCount(in: json.stdout) == 0)
        let idNumber = try #require(try db(path).read { try String.fetchOne($0, sql: "SELECT id_number FROM operator ORDER BY id") })
        let person = try #require(try wancun(["operator", "show", idNumber, "--db", path]).stdout.components(separatedBy: "【审计记录】\n").last)
        #expect(person.contains("登记站长") && person.contains("联系电话：138****") && !person.contains("{"))
    }

    func db(_ path: String) throws -> DatabaseQueue { try DatabaseQueue(path: path) }

    @Test func everyActionAndFieldInTheDemoTrailHasALabel() throws {
        let db = try AppDatabase(path: try sharedDemoCopy())
        let entries = try db.auditEntries(AuditFilter())
        for entry in entries {
            #expect(Message.Audit.action(entry.action) != nil, "\(entry.action)")
            for change in entry.changes(language: .zh, reveal: false) {
                #expect(change.field.unicodeScalars.contains { !$0.isASCII }, "\(entry.action): \(change.field)")
            }
        }
    }
}
