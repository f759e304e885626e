import Foundation
import Testing

@testable import WancunKit

/// No message shows an ID number or a phone number in full, whatever value reaches it.
@Suite struct PersonalMessageTests {
    static let id = ResidentID.withCheckCharacter("33042419850315002")
    static let man = ResidentID.withCheckCharacter("33042419750601001")
    static let phone = "13800001234"

    static func leaks(_ text: String) -> [String] {
        [id, man, phone].filter { text.contains($0) }
    }

    @Test func maskingFindsNumbersInsideText() {
        #expect(Mask.personalValues(in: "值“\(Self.id)”，电话\(Self.phone)。") == "值“\(Mask.residentID(Self.id))”，电话\(Mask.phone(Self.phone))。")
        #expect(Mask.personalValues(in: "+86\(Self.phone)") == "+86\(Mask.phone(Self.phone))")
        #expect(Mask.personalValues(in: "330424101201 2025-03-01 123456789012") == "330424101201 2025-03-01 123456789012")
        #expect(Mask.personalValues(in: Mask.residentID(Self.id)) == Mask.residentID(Self.id))
    }

    @Test func everyCatalogueMessageThatCarriesAValueMasksIt() throws {
        let v = Self.id
        let p = Self.phone
        let date = LocalDate(year: 2026, month: 1, day: 1)!
        let month = try Month(parsing: "2026-01")
        let values: [ValueError] = [
            .date(v), .month(v), .time(v), .scientificNotation(v), .divisionCodeFormat(v), .money(v), .moneyPrecision(v),
            .choice(v, [p]), .number(v), .decimal(p), .date(p),
        ]
        var registry: [RegistryError] = values.flatMap {
            [RegistryError.invalid(field: v, $0), .invalid(field: "id_number", $0), .invalid(field: "phone", $0)]
        }
        registry += [
            .pointUnknown(v), .operatorUnknown(maskedID: v), .operatorExists(maskedID: v, name: p), .operatorExistsElsewhere,
            .operatorBusy(maskedID: v, otherPoint: p, otherName: v), .operatorBusyElsewhere(maskedID: v), .phoneDuplicateElsewhere(maskedPhone: p),
            .operatorAlreadyHere(maskedID: v), .pointClosed(v), .noActiveAssignment(v), .serviceExists(v, p), .serviceNotOpen(p),
            .courierExists(v), .courierUnknown(p), .linkOverlaps(v, date, nil), .stationExists(v), .stationUnknown(p), .plateInvalid(v),
            .routeExists(v), .routeUnknown(p), .routeStopRepeated(v), .stopsNotServed([v], [p], date),
            .phoneDuplicate(maskedPhone: p, otherName: v, otherMaskedID: v), .pointNameDuplicate(code: v, name: p),
            .pointTooClose(code: v, name: p, meters: 3), .dateInFuture(field: v, date), .retirementGroupNotForMen, .retirementGroupNotForWomen,
        ]
        registry.append(.several(registry))
        let subsidy: [SubsidyError] = [
            .policyKeyUnknown(v), .policyValueInvalid(v, p), .policyMissing([v, p], date), .runNotDraft(1, v), .draftStale(1, changes: [v, p]),
            .approvalOverCap(maskedID: v, months: 1, maximum: 2), .approvalNotPayable(maskedID: p, month: month), .profileFieldUnknown(v),
        ]
        var messages: [Message] = registry.map(\.message) + subsidy.map(\.message) + values.map(\.message)
        var lines: [String] = []
        for refusal in registry {
            for value in [v, p] {
                let problem = RowProblem(file: "points.csv", row: 3, column: value, value: value, rule: refusal.rule, message: refusal.message)
                messages.append(problem.message)
                lines += [problem.line(.zh), problem.line(.en), problem.column!, problem.value!]
            }
        }
        lines += [RowProblem(file: "p.csv", row: 1, column: p, rule: "UNKNOWN_COLUMN", message: .unknownColumn, severity: .warning)].flatMap {
            [$0.line(.zh), $0.line(.en)]
        }
        let texts = messages.flatMap { [$0.text(.zh), $0.text(.en)] } + lines
        #expect(texts.count > 200)
        for text in texts { #expect(Self.leaks(text).isEmpty, "\(text)") }
    }

    @Test func aPointImportQuotesNoNumberInFullOnStderrOrInTheCopysProblems() throws {
        let dir = temporaryDirectory()
        let db = dir.appendingPathComponent("w.sqlite").path
        #expect(try wancun(["init", "--db", db]).status == 0)
        #expect(try wancun(["division", "import", haiyanCSV, "--db", db]).status == 0)
        func file(_ name: String, _ rows: [[String: String]], extra: [String] = []) throws -> String {
            let table = [PointSheetTests.header + extra] + rows.map { PointSheetTests.row($0) + extra.map { _ in "x" } }
            let path = dir.appendingPathComponent(name).path
            try Data(table.map { $0.map(CSVWriter.quoted).joined(separator: ",") }.joined(separator: "\n").appending("\n").utf8)
                .write(to: URL(fileURLWithPath: path))
            return path
        }
        func person(_ village: String, _ name: String, _ id: String, _ phone: String, _ group: String) -> [String: String] {
            [
                "village_code": village, "name": name + "服务点", "operator_name": name, "id_number": id, "phone": phone, "retirement_group": group,
                "contract_type": "civil", "contract_from": "2025-03-01", "contract_to": "2027-02-28",
            ]
        }
        let first = try file("first.csv", [person("330424101201", "甲演示", Self.id, Self.phone, "female-50")])
        let loaded = try wancun(["point", "import", first, "--db", db])
        #expect(loaded.status == 0, "\(loaded.stderr)")
        let second = try file(
            "second.csv",
            [
                person("330424101202", "乙演示", Self.id, "13800009999", "female-50"),  // OPERATOR_HAS_OTHER_POST
                person("330424101203", "丙演示", Self.man, Self.phone, "female-50"),  // RETIREMENT_GROUP_SEX, DUPLICATE_PHONE
            ], extra: [Self.id, Self.phone])
        for language in ["zh", "en"] {
            let result = try wancun(["point", "import", second, "--db", db, "--lang", language])
            #expect(result.status == 1)
            for rule in ["OPERATOR_HAS_OTHER_POST", "RETIREMENT_GROUP_SEX", "DUPLICATE_PHONE", "UNKNOWN_COLUMN"] {
                #expect(result.stderr.contains(rule), "\(rule): \(result.stderr)")
            }
            #expect(Self.leaks(result.stderr).isEmpty, "\(result.stderr)")
            let reader = try CSVReader(path: AnnotatedCopy.path(for: second))
            var rows: [[String]] = []
            while let row = try reader.next() { rows.append(row.cells) }
            #expect(rows.count == 3)
            let problems = rows.dropFirst().map { $0.last! }
            #expect(problems.allSatisfy { !$0.isEmpty })
            for text in problems { #expect(Self.leaks(text).isEmpty, "\(text)") }
            #expect(rows[1].contains(Self.id))  // the sender's own data stays in the copy
        }
    }
}
