import ArgumentParser
import Foundation
import Testing

@testable import WancunKit
@testable import wancun

/// A command line that cannot be parsed is told through the catalogue. swift-argument-parser
/// words its errors in English and keeps their types internal, so each shape it uses is made to
/// happen here: an upgrade that words one differently fails its case.
@Suite struct UsageErrorTests {
    /// What the catalogue says for a command line, read from the parser's own error.
    static func said(_ arguments: [String]) -> Message? {
        do {
            _ = try Wancun.parseAsRoot(arguments)
            return nil
        } catch {
            return UsageErrors.message(for: Wancun.message(for: error), arguments: arguments)
        }
    }

    static let shapes: [(arguments: [String], expected: Message)] = [
        (["point", "list", "--formt", "csv"], .Usage.unknownOption("--formt", suggestion: "--format")),
        (["point", "list", "--zzzzzz"], .Usage.unknownOption("--zzzzzz", suggestion: nil)),
        (["subsidy", "runs", "--month"], .Usage.missingValue("--month", form: Message.Form.month)),
        (["subsidy", "check", "--month", "2026/10"], .Usage.invalidValue("2026/10", for: "--month", form: Message.Form.month)),
        (["point", "list", "--status", "open"], .Usage.invalidValue("open", for: "--status", form: .Form.oneOf(PointStatus.self))),
        (
            ["point", "list", "--format", "xml"],
            .Usage.invalidValue("xml", for: "--format", form: .Form.oneOf(zh: ["table", "csv", "json"], en: ["table", "csv", "json"]))
        ),
        // Six values and more are listed one a line.
        (
            ["operator", "edit", "x", "--difficulty", "zz"],
            .Usage.invalidValue("zz", for: "--difficulty", form: .Form.oneOf(DifficultyCategory.self))
        ),
        (["service", "add", "330424101201001", "zz"], .Usage.invalidValue("zz", for: "<kind>", form: .Form.oneOf(ServiceKind.self))),
        // Two are joined by "and".
        (["point", "list", "--lang", "fr"], .Usage.invalidValue("fr", for: "--lang", form: .Form.oneOf(zh: ["zh", "en"], en: ["zh", "en"]))),
        (["point", "list", "--under", "33x"], .Usage.invalidValue("33x", for: "--under", form: Message.Form.divisionCode)),
        (["subsidy", "show", "abc"], .Usage.invalidValue("abc", for: "<run>", form: Message.Form.wholeNumber)),
        (["pont", "list"], .Usage.unknownSubcommand("pont", of: "wancun", suggestion: "point")),
        (["pont", "list", "--db", "x.sqlite"], .Usage.unknownSubcommand("pont", of: "wancun", suggestion: "point")),
        (["point", "lsit"], .Usage.unknownSubcommand("lsit", of: "wancun point", suggestion: "list")),
        (["point", "zzzzzz"], .Usage.unknownSubcommand("zzzzzz", of: "wancun point", suggestion: nil)),
        (["point", "list", "extra"], .Usage.unexpectedArguments(["extra"])),
        (["point", "list", "one", "two"], .Usage.unexpectedArguments(["one", "two"])),
        (["subsidy", "check"], .Usage.missingArgument(["--month <month>"], form: Message.Form.month)),
        (["subsidy", "show"], .Usage.missingArgument(["<run>"], form: Message.Form.wholeNumber)),
        (["point", "list", "--reveal=yes"], .Usage.flagTakesNoValue("--reveal", value: "yes")),
        (["point", "list", "---x"], .Usage.invalidOption("---x")),
    ]

    @Test(arguments: 0..<shapes.count)
    func eachShapeOfTheParsersErrorsIsSaidThroughTheCatalogue(index: Int) {
        let (arguments, expected) = Self.shapes[index]
        #expect(Self.said(arguments) == expected, "\(arguments)")
    }

    @Test func aShapeNotKnownIsShownAsTheParserSaidIt() {
        #expect(UsageErrors.message(for: "Something new.", arguments: []) == .Usage.other("Something new."))
    }

    @Test func theParserIsPinnedToTheVersionWhoseShapesAreKnown() throws {
        let manifest = try String(contentsOf: repositoryRoot.appendingPathComponent("Package.swift"), encoding: .utf8)
        #expect(manifest.contains(#".package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2")"#))
    }

    @Test func theNearestSubcommandIsSuggestedOnlyWhenItIsNear() {
        #expect(Suggestion.nearest(to: "pont", in: ["point", "operator"]) == "point")
        #expect(Suggestion.nearest(to: "opeartor", in: ["point", "operator"]) == "operator")
        #expect(Suggestion.nearest(to: "sub", in: ["subsidy", "service"]) == "subsidy")
        #expect(Suggestion.nearest(to: "xyz", in: ["point", "operator"]) == nil)
    }

    @Test func theBinarySaysItInTheChosenLanguageAndExits64() throws {
        let chinese = try wancunProcess(["subsidy", "check", "--month", "2026/10"])
        #expect(chinese.status == 64)
        #expect(chinese.stderr.hasPrefix("错误：--month 应为 YYYY-MM，如 2026-10（不是“2026/10”）\n用法：wancun subsidy check "))
        #expect(chinese.stderr.hasSuffix("  详见 wancun subsidy check --help\n"))
        let english = try wancunProcess(["subsidy", "check", "--month", "2026/10", "--lang", "en"])
        #expect(english.status == 64)
        #expect(english.stderr.hasPrefix("error: --month expects YYYY-MM, e.g. 2026-10 (not \"2026/10\")\nUsage: wancun subsidy check "))
        let environment = try wancunProcess(["pont", "list"], environment: ["WANCUN_LANG": "en"])
        #expect(environment.status == 64 && environment.stderr.hasPrefix("error: wancun has no subcommand \"pont\": did you mean wancun point?\n"))
        // Help is not an error.
        let help = try wancunProcess(["point", "list", "--help"])
        #expect(help.status == 0 && help.stderr.isEmpty && help.stdout.contains("--format"))
    }

    @Test func xlsxWithoutAFileIsAUsageErrorInTheChosenLanguage() throws {
        let db = temporaryDirectory().appendingPathComponent("w.sqlite").path
        #expect(try wancun(["init", "--db", db]).status == 0)
        let result = try wancun(["report", "coverage", "--db", db, "--format", "xlsx"])
        #expect(result.status == 64 && result.stderr == "错误：--format xlsx 须用 --out 指定要写出的 .xlsx 文件\n")
    }

    /// Every option, flag and argument of every command says what it is for in `--help`.
    @Test func everyOptionAndArgumentHasAHelpLine() throws {
        var dump = ""
        do { _ = try Wancun.parseAsRoot(["--experimental-dump-help"]) } catch { dump = Wancun.fullMessage(for: error) }
        let root = try #require(try JSONSerialization.jsonObject(with: Data(dump.utf8)) as? [String: Any])
        var missing: [String] = []
        var seen = 0
        func walk(_ command: [String: Any], _ path: String) {
            for argument in command["arguments"] as? [[String: Any]] ?? [] {
                seen += 1
                let name = (argument["names"] as? [[String: Any]])?.first?["name"] as? String ?? argument["valueName"] as? String ?? "?"
                if ((argument["abstract"] as? String) ?? "").trimmingCharacters(in: .whitespaces).isEmpty { missing.append("\(path) \(name)") }
            }
            // The parser's own `help` command is not ours to word.
            for sub in command["subcommands"] as? [[String: Any]] ?? [] where sub["commandName"] as? String != "help" {
                walk(sub, path + " " + (sub["commandName"] as? String ?? "?"))
            }
        }
        walk(try #require(root["command"] as? [String: Any]), "wancun")
        #expect(seen > 300)
        #expect(missing.isEmpty, "no help: \(missing)")
    }
}
