import Foundation
import Testing

@testable import WancunKit

/// Nothing printed beside a masked ID number gives its hidden digits away.
///
/// The mask `330424********0024` hides digits 7–14, which are exactly the birth date; the
/// sequence digits and the check character stay visible. So the candidates for the number are
/// the dates consistent with what else is shown, and the visible check character keeps about
/// one date in eleven. Over a working life (~100 years, ~36,500 dates) that is ~3,300
/// candidates; a birth date leaves 1, a birth month (or a retirement month, which is the birth
/// month plus a fixed age for the group) ~3, an exact age on a known day ~33: each narrows the
/// number to far fewer than 1,000, so none may appear where the masked number (or the person's
/// name, which points to it) does.
@Suite struct MaskingTests {
    struct Person {
        var name: String
        var masked: String
        var leaks: [(what: String, pattern: String)]
    }

    /// `runMonths`: the months of the subsidy runs, which their outputs show by design; a
    /// retirement month that happens to be one of them is not looked for (it would be found
    /// whether or not it leaked).
    static func people(_ db: AppDatabase, today: LocalDate, runMonths: Set<String>) throws -> [Person] {
        try db.operators().map(\.0).map { person in
            let birth = person.residentID.birthDate
            let month = birth.monthValue.description
            let retirement = Retirement.month(born: birth.monthValue, group: person.retirementGroup).description
            let age = person.residentID.age(on: today)
            func token(_ text: String) -> String { "(?<![0-9-])" + NSRegularExpression.escapedPattern(for: text) + "(?![0-9-])" }
            return Person(
                name: person.name, masked: person.residentID.masked,
                leaks: [
                    ("birth date", token(birth.description)), ("birth date", token(birth.description.replacingOccurrences(of: "-", with: ""))),
                    ("birth month", token(month)),
                ] + (runMonths.contains(retirement) ? [] : [("statutory retirement month", token(retirement))]) + [
                    ("age", "(?<![0-9])\(age)\\s*(岁|周岁)"), ("age", "age[a-z_]*\"?\\s*[:=,]\\s*\"?\(age)(?![0-9])"),
                ])
        }
    }

    /// Every default output of the list, show, audit and subsidy commands, by command line.
    static func outputs(_ path: String, _ db: AppDatabase) throws -> [(String, String)] {
        var commands: [[String]] = [
            ["operator", "list"], ["point", "list"], ["audit"], ["subsidy", "runs"], ["subsidy", "show", "1"], ["subsidy", "summary", "1"],
            ["subsidy", "diff", "1", "2"], ["subsidy", "show", "2"],
        ]
        commands += try db.operators().map { ["operator", "show", $0.0.idNumber] }
        commands += try db.points().map { ["point", "show", $0.code] }
        var outputs: [(String, String)] = []
        for command in commands {
            for format in ["table", "csv", "json"] {
                let result = try wancun(command + ["--db", path, "--format", format])
                #expect(result.status == 0, "\(command) \(format): \(result.stderr)")
                outputs.append(((command + [format]).joined(separator: " "), result.stdout))
            }
        }
        for name in ["points.csv", "points.xlsx"] {
            let file = temporaryDirectory().appendingPathComponent(name).path
            #expect(try wancun(["point", "export", "--out", file, "--db", path]).status == 0)
            let text =
                name.hasSuffix(".csv")
                ? try String(contentsOfFile: file, encoding: .utf8)
                : try readAll(file).map { $0.joined(separator: ",") }.joined(separator: "\n")
            outputs.append(("point export " + name, text))
        }
        return outputs
    }

    @Test func digitsInsideAHexHashAreLeftAsTheyAre() {
        let head = "54da4f15457412875a3cdf878aaa0fe8e8dde0ca42e4dc4fe8a249606ab47fcb"
        #expect(Mask.personalValues(in: "审计链头：#281 \(head)") == "审计链头：#281 \(head)")
        #expect(Mask.personalValues(in: "电话13800001111，身份证 11010519491231002X。") == "电话138****1111，身份证 110105********002X。")
        #expect(Mask.personalValues(in: "phone 13800001111") == "phone 138****1111")
    }

    @Test func noOutputNarrowsAMaskedIDNumber() throws {
        let path = try sharedDemoCopy()
        // A second run, so that there is something to compare and a draft to show.
        #expect(try wancun(["subsidy", "check", "--month", "2026-09", "--db", path]).status == 0)
        let db = try AppDatabase(path: path)
        let runMonths = Set(try db.subsidyRuns().map(\.run.month.description))
        let people = try Self.people(db, today: testContext.today, runMonths: runMonths)
        #expect(people.count > 10)
        var leaks: [String] = []
        // Labels the same for everyone in a group (`男（60岁起）`, `女40周岁、男50周岁以上`) say nothing of a person.
        let labels = (RetirementGroup.allCases.map(Message.retirementGroup) + DifficultyCategory.allCases.map(Message.difficulty))
            .flatMap { [$0.zh, $0.en] }
        for (command, output) in try Self.outputs(path, db) {
            let text = labels.reduce(output) { $0.replacingOccurrences(of: $1, with: "") }
            for person in people where text.contains(person.masked) || text.contains(person.name) {
                for leak in person.leaks where text.range(of: leak.pattern, options: .regularExpression) != nil {
                    leaks.append("\(command): \(person.name)'s \(leak.what)")
                }
            }
        }
        #expect(leaks.isEmpty, "\(leaks.prefix(20).joined(separator: "\n"))")
    }

    @Test func revealShowsWhatTheMaskHides() throws {
        let path = try sharedDemoCopy()
        let db = try AppDatabase(path: path)
        let person = try #require(try db.operators().first?.0)
        let shown = try wancun(["operator", "show", person.idNumber, "--db", path, "--reveal"])
        #expect(shown.stdout.contains(person.residentID.birthDate.description))
        let json = try wancun(["subsidy", "show", "1", "--db", path, "--format", "json", "--reveal"])
        #expect(json.stdout.contains("\"retirement_month\": \"20"))
        let masked = try wancun(["subsidy", "show", "1", "--db", path, "--format", "json"])
        #expect(masked.stdout.contains("\"retirement_month\": \"****-**\"") && masked.stdout.contains("\"months_first_to_retirement\": \"**"))
    }

    @Test func evidenceKeysFromTheBirthDateAreMasked() {
        let outcome = RuleOutcome(
            rule: .retired, passed: false,
            evidence: [("retirement_month", "2025-05"), ("month", "2026-10"), ("age_on_certification", "41"), ("birth_date", "1985-03-15")])
        #expect(outcome.evidence(reveal: false).map(\.1) == ["****-**", "2026-10", "**", "****-**-**"])
        #expect(outcome.evidence(reveal: true).map(\.1) == ["2025-05", "2026-10", "41", "1985-03-15"])
        #expect(
            RuleOutcome.personalEvidenceKeys.isSuperset(of: [
                "retirement_month", "months_first_to_retirement", "age_on_certification", "birth_date", "statutory_retirement_month",
            ]))
    }
}
