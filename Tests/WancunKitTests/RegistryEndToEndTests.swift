import Foundation
import Testing

@testable import WancunKit

/// The registry's refusals and privacy, through the built binary.
@Suite(.serialized) struct RegistryEndToEndTests {
    /// A demo database in a fresh directory.
    static func demoDatabase() throws -> String { try sharedDemoCopy() }

    @Test func demoIsCleanAndCoversAllFourStates() throws {
        let path = try Self.demoDatabase()
        let db = try AppDatabase(path: path)
        #expect(try db.integrityProblems().isEmpty)
        let points = try db.points()
        #expect((28...32).contains(points.count))
        #expect(Set(points.map(\.status)) == Set(PointStatus.allCases))
        let people = try db.operators()
        #expect(people.count >= 20)
        for (person, _) in people { #expect(throws: Never.self) { try ResidentID(parsing: person.idNumber, today: testContext.today) } }
    }

    /// Each command must fail with exit 1, one line on stderr naming the problem, and leave
    /// the database as it was.
    @Test(arguments: [
        (["operator", "add", "--name", "甲", "--id-number", "110105194912310021", "--phone", "13800005555"], "校验码"),
        (["operator", "add", "--name", "甲", "--id-number", ResidentID.withCheckCharacter("33042419900230123"), "--phone", "13800005555"], "出生日期"),
        (["point", "add", "--village", "330424101299", "--name", "甲"], "330424101299"),
        (["point", "add", "--village", "330424101000", "--name", "甲"], "不是村级"),
        (["point", "status", "330424001200001", "planned", "--reason", "x"], "允许的变更"),
        (["point", "status", "330424005200001", "operating", "--reason", "x"], "已关闭的服务点不能再变更"),
        (["point", "status", "330424002203001", "operating", "--reason", "复业", "--on", "2026-08-01"], "早于上一次变更"),
        (["point", "status", "330424002203001", "operating", "--reason", "复业", "--on", "2027-01-01"], "晚于今天"),
        (["point", "edit", "330424001200001", "--business", "某公司", "--credit-code", "91350100M000100Y44"], "--force --reason"),
        (["point", "show", "330424999999001"], "没有服务点"),
        (["point", "edit", "330424001200001", "--clear", "opened_on"], "没有可这样填写的字段 opened_on"),
    ])
    func refusalsLeaveTheDatabaseUnchanged(arguments: [String], expected: String) throws {
        let path = try Self.demoDatabase()
        let before = try databaseContent(path)
        let result = try wancun(arguments + ["--db", path])
        #expect(result.status == 1)
        #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
        #expect(result.stderr.contains(expected), "\(result.stderr)")
        #expect(try databaseContent(path) == before)
    }

    @Test func clearEmptiesAFieldAndTheAuditKeepsWhatItHeld() throws {
        let path = try Self.demoDatabase()
        let code = "330424001200001"
        #expect(try wancun(["point", "edit", code, "--lat", "30.51", "--lon", "120.92", "--db", path]).status == 0)
        let result = try wancun(["point", "edit", code, "--clear", "latitude", "--db", path])
        #expect(result.status == 0, "\(result.stderr)")
        let db = try AppDatabase(path: path)
        let point = try db.pointDetail(code).point
        #expect(point.latitude == nil && point.longitude == nil)
        let line = try #require(try db.pointDetail(code).audit.last)
        #expect(line.action == "point.edit" && line.before?.contains("120.92") == true)
    }

    @Test func everyRefusalOfOneCommandHasItsOwnLine() throws {
        let path = try Self.demoDatabase()
        let before = try databaseContent(path)
        let result = try wancun([
            "point", "add", "--village", "330424101201", "--name", "甲", "--lat", "30.6", "--plan-year", "1999", "--opened", "2099-01-01",
            "--db", path,
        ])
        #expect(result.status == 1)
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.count == 3, "\(result.stderr)")
        #expect(
            lines.allSatisfy { $0.hasPrefix("错误：") } && lines[0].contains("经度和纬度") && lines[1].contains("1999") && lines[2].contains("2099-01-01"))
        #expect(try databaseContent(path) == before)
    }

    @Test func aSecondConcurrentPostIsRefusedNamingTheOtherPoint() throws {
        let path = try Self.demoDatabase()
        let db = try AppDatabase(path: path)
        let busy = try db.points(PointFilter(status: .operating)).first { $0.operatorIdNumber != nil }!
        let planned = try db.points(PointFilter(status: .planned)).first!
        let before = try databaseContent(path)
        let result = try wancun(["point", "assign", planned.code, "--operator", busy.operatorIdNumber!, "--from", "2026-11-01", "--db", path])
        #expect(result.status == 1)
        #expect(result.stderr.contains(busy.code))
        #expect(!result.stderr.contains(busy.operatorIdNumber!))
        #expect(try databaseContent(path) == before)
    }

    @Test func noFullIDNumberOrPhoneWithoutReveal() throws {
        let path = try Self.demoDatabase()
        let db = try AppDatabase(path: path)
        let people = try db.operators().map(\.0)
        let secrets = people.flatMap { [$0.idNumber, $0.phone] }
        let point = try db.points(PointFilter(status: .operating)).first!
        var outputs: [String] = []
        for format in ["table", "csv", "json"] {
            for command in [
                ["point", "list"], ["operator", "list"], ["point", "show", point.code], ["audit"],
                ["operator", "show", people[0].idNumber],
            ] {
                let result = try wancun(command + ["--db", path, "--format", format])
                #expect(result.status == 0, "\(command) \(result.stderr)")
                outputs.append(result.stdout + result.stderr)
            }
        }
        // Errors too: a duplicate registration and a refused assignment.
        outputs.append(
            try wancun([
                "operator", "add", "--name", "x", "--id-number", people[0].idNumber, "--phone", people[0].phone,
                "--retirement-group", "female-50", "--db", path,
            ]).stderr)
        let all = outputs.joined()
        for secret in secrets { #expect(!all.contains(secret), "leaked \(Mask.residentID(secret))") }
        let revealed = try wancun(["operator", "list", "--db", path, "--reveal", "--format", "csv"]).stdout
        #expect(secrets.allSatisfy { revealed.contains($0) })
    }

    @Test func showAndAuditInJSON() throws {
        let path = try Self.demoDatabase()
        let code = try AppDatabase(path: path).points().first!.code
        let show = try wancun(["point", "show", code, "--db", path, "--format", "json"])
        let object = try JSONSerialization.jsonObject(with: Data(show.stdout.utf8)) as! [String: Any]
        #expect(object["code"] as? String == code)
        // Codes stay codes in JSON; people read labels in tables, in their language.
        #expect(object["status"] as? String == "operating")
        let list = try wancun(["point", "list", "--db", path, "--status", "operating"])
        #expect(list.stdout.contains("运营中") && !list.stdout.contains("operating"))
        let english = try wancun(["point", "list", "--db", path, "--status", "operating", "--lang", "en"])
        #expect(english.stdout.contains("Point code") && english.stdout.contains("operating"))
        #expect((object["operators"] as? [Any])?.count == 2)
        #expect((object["status_history"] as? [Any])?.isEmpty == false)
        let audit = try wancun(["audit", "--point", code, "--db", path, "--format", "json"])
        let rows = try JSONSerialization.jsonObject(with: Data(audit.stdout.utf8)) as! [[String: Any]]
        #expect(rows.map { $0["action"] as! String }.contains("point.unassign"))
    }
}
