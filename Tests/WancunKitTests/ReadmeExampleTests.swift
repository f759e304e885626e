import ArgumentParser
import Foundation
import GRDB
import Testing

@testable import WancunKit
@testable import wancun

/// The examples people copy: the README's "Using it" block and every command's help.
@Suite struct ReadmeExampleTests {
    /// The fenced `sh` block under "## Using it", read at test time.
    static func readmeExamples() throws -> String {
        let readme = try String(contentsOf: repositoryRoot.appendingPathComponent("README.md"), encoding: .utf8)
        let section = try #require(readme.components(separatedBy: "## Using it").dropFirst().first)
        return try #require(section.components(separatedBy: "```sh").dropFirst().first?.components(separatedBy: "```").first)
    }

    /// Every command's `--help`, found by walking the SUBCOMMANDS lists from the root.
    static func allHelp() throws -> [String: String] {
        var pages: [String: String] = [:]
        var pending: [[String]] = [[]]
        while let path = pending.popLast() {
            let help = try wancun(path + ["--help"]).stdout
            pages[path.joined(separator: " ")] = help
            guard path.count < 3, let list = help.components(separatedBy: "SUBCOMMANDS:").dropFirst().first?.components(separatedBy: "\n\n").first
            else { continue }
            for line in list.components(separatedBy: "\n") where line.hasPrefix("  ") && !line.hasPrefix("   ") {
                guard let name = line.split(separator: " ").first.map(String.init), name != "help",
                    name.allSatisfy({ $0.isLowercase || $0 == "-" })
                else { continue }
                pending.append(path + [name])
            }
        }
        return pages
    }

    static func creditCodes(in text: String) -> [String] {
        let regex = try! NSRegularExpression(pattern: "--credit-code\\s+([0-9A-Z]+)")
        return regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).map { String(text[Range($0.range(at: 1), in: text)!]) }
    }

    @Test func everyCreditCodeInTheExamplesPassesItsCheck() throws {
        let help = try Self.allHelp()
        #expect(help.keys.contains("point edit") && help.keys.contains("courier add"))
        let codes = try Self.creditCodes(in: Self.readmeExamples()) + help.values.flatMap(Self.creditCodes)
        #expect(codes.count >= 3)
        for code in codes {
            #expect(throws: Never.self, "\(code) fails the GB 32100 check") { try CreditCode(parsing: code) }
        }
    }
}

/// Every example a clerk may copy runs, against the demo, with the files it names, and exits
/// as the README says.
extension ReadmeExampleTests {
    /// The fenced `sh` blocks under "## The two commands" and "## Using it", read at test time.
    static func readmeLines() throws -> [String] {
        let readme = try String(contentsOf: repositoryRoot.appendingPathComponent("README.md"), encoding: .utf8)
        return try ["## The two commands", "## Using it"].flatMap { heading in
            let section = try #require(
                readme.components(separatedBy: "\n" + heading + "\n").dropFirst().first?.components(separatedBy: "\n## ").first)
            let blocks = section.components(separatedBy: "```sh\n").dropFirst().map { $0.components(separatedBy: "```").first ?? "" }
            #expect(!blocks.isEmpty, "no sh block under \(heading)")
            return blocks.flatMap(ShellLine.lines)
        }
    }

    /// Every `Example: wancun …` line of every command's discussion (and the lines under the
    /// root's "Examples:", whose descriptions follow two or more spaces), from the command tree.
    static func helpExamples() -> [(command: String, line: String)] {
        var found: [(String, String)] = []
        func walk(_ command: any ParsableCommand.Type, _ path: [String]) {
            var inList = false
            for line in command.configuration.discussion.components(separatedBy: "\n") {
                let trimmed = line.trimmingCharacters(in: .whitespaces)
                if let start = line.range(of: "Example: wancun ") {
                    found.append((path.joined(separator: " "), String(line[line.index(start.lowerBound, offsetBy: "Example: ".count)...])))
                } else if trimmed == "Examples:" {
                    inList = true
                } else if inList && trimmed.hasPrefix("wancun ") {
                    found.append((path.joined(separator: " "), trimmed.components(separatedBy: "  ")[0]))
                } else {
                    inList = false
                }
            }
            for sub in command.configuration.subcommands {
                walk(sub, path + [sub.configuration.commandName ?? String(describing: sub)])
            }
        }
        walk(Wancun.self, ["wancun"])
        return found
    }

    /// Examples that cannot run as written in a test: a path rewritten into the example's
    /// directory, and why.
    static let rewrittenPaths: [(prefix: String, into: String, why: String)] = [
        ("/mnt/usb/", "usb/", "backup: a USB stick mounted at /mnt/usb, which a test machine does not have")
    ]

    /// README lines that are not `wancun` commands and are not run, and why.
    static let notRun: [String: String] = [
        "swift run wancun demo": "the suite builds its demo through the built binary (sharedDemoCopy); swift run would build the package again",
        "swift test": "this is swift test",
    ]

    /// `N` in an example is the run the last `subsidy check` printed ("已记录第 N 次核查").
    static func substituting(_ words: [String], run: Int64?) -> [String] {
        words.map { $0 == "N" ? run.map(String.init) ?? $0 : $0 }.map { word in
            for path in rewrittenPaths where word.hasPrefix(path.prefix) { return path.into + word.dropFirst(path.prefix.count) }
            return word
        }
    }

    static func recordedRun(_ stdout: String) -> Int64? {
        guard let match = stdout.range(of: "第 [0-9]+ 次核查", options: .regularExpression) else { return nil }
        return Int64(stdout[match].filter(\.isNumber))
    }

    /// The exit code a README comment gives (`# exit 3 when …`), else 0.
    static func expectedStatus(_ line: ShellLine) -> Int32 {
        guard let comment = line.comment, let match = comment.range(of: "exit [0-9]+", options: .regularExpression) else { return 0 }
        return Int32(comment[match].dropFirst(5))!
    }

    /// Runs one example in `directory`: its fixtures first, its `> FILE` written there.
    static func run(_ line: ShellLine, words: [String], in directory: URL, environment: [String: String], run: Int64?) throws -> RunResult? {
        for path in rewrittenPaths where words.contains(where: { $0.hasPrefix(path.into) }) {
            try FileManager.default.createDirectory(at: directory.appendingPathComponent(path.into), withIntermediateDirectories: true)
        }
        let arguments = Array(words.dropFirst())
        let database = arguments.firstIndex(of: "--db").map { arguments[$0 + 1] } ?? environment["WANCUN_DB"] ?? "wancun.sqlite"
        try ExampleFixtures.prepare(
            .init(
                directory: directory, database: database.hasPrefix("/") ? database : directory.appendingPathComponent(database).path,
                words: arguments, run: run))
        let result = try wancunProcess(arguments, in: directory, environment: environment)
        if let file = line.stdoutFile { try Data(result.stdout.utf8).write(to: directory.appendingPathComponent(file)) }
        return result
    }

    /// What the README sequence left: its directory and database, the run it recorded, what
    /// went wrong. Run once; both tests below read it.
    struct ReadmeRun: @unchecked Sendable {
        var directory: URL
        var database: String
        var run: Int64?
        var commands: [[String]] = []
        var failures: [String] = []
    }

    private static let readmeRun: Result<ReadmeRun, any Error> = Result {
        // The demo's registry before its tour checks October (Demo.build, as `wancun demo`
        // does): the README's monthly job is then October's first run, which it can finalize,
        // export and reconcile. (The tour's own run is final and reconciled, so a second
        // October run could not be finalized.) `init --db county.sqlite` upgrades it.
        let directory = temporaryDirectory()
        let database = directory.appendingPathComponent("county.sqlite").path
        _ = try Demo.build(at: database, seed: repositoryRoot.appendingPathComponent("seed").path, context: testContext)
        var state = ReadmeRun(directory: directory, database: database)
        var environment: [String: String] = [:]
        for text in try readmeLines() {
            let line = ShellLine(text)
            guard let first = line.words.first else { continue }
            switch first {
            case "export":
                for assignment in line.words.dropFirst() {
                    let parts = assignment.split(separator: "=", maxSplits: 1).map(String.init)
                    environment[parts[0]] = parts.count > 1 ? parts[1] : ""
                }
            case "swift":
                if notRun[line.words.joined(separator: " ")] == nil { state.failures.append("\(text): a swift command the test does not know") }
            case "wancun":
                let words = substituting(line.words, run: state.run)
                state.commands.append(line.words)
                let result: RunResult
                do { result = try run(line, words: words, in: directory, environment: environment, run: state.run)! } catch {
                    state.failures.append("\(words.joined(separator: " ")): \(error)")
                    continue
                }
                let expected = expectedStatus(line)
                if result.status != expected {
                    state.failures.append("\(words.joined(separator: " ")): exit \(result.status), expected \(expected)\n\(result.stderr)")
                }
                if words.dropFirst().starts(with: ["subsidy", "check"]), let run = recordedRun(result.stdout) { state.run = run }
            default:
                state.failures.append("\(text): not a wancun command")
            }
        }
        return state
    }

    @Test func everyReadmeExampleRunsInOrderAndExitsAsDocumented() throws {
        let state = try Self.readmeRun.get()
        for failure in state.failures { Issue.record(Comment(rawValue: failure)) }
        #expect(state.commands.count >= 30, "README examples: \(state.commands.count)")
        #expect(state.run != nil, "no subsidy check in the README printed its run")
    }

    /// Each help example on its own copy of the registry the README left (its point
    /// 330424101201001 and operator are the ones the help names); one that is also a README
    /// line already ran there, in its place.
    @Test func everyHelpExampleRunsAndExitsZero() throws {
        let state = try Self.readmeRun.get()
        let examples = Self.helpExamples()
        #expect(examples.count >= 30, "help examples: \(examples.count)")
        let source = try DatabaseQueue(path: state.database)
        defer { try? source.close() }
        var ran = 0
        for (command, text) in examples {
            let line = ShellLine(text)
            #expect(line.words.first == "wancun" && line.stdoutFile.map { !$0.isEmpty } ?? true, "\(command): \(text)")
            if state.commands.contains(line.words) { continue }
            let directory = temporaryDirectory()
            let database = directory.appendingPathComponent("registry.sqlite").path
            let copy = try DatabaseQueue(path: database)
            try source.backup(to: copy)
            try copy.close()
            let words = Self.substituting(line.words, run: state.run)
            let result = try #require(try Self.run(line, words: words, in: directory, environment: ["WANCUN_DB": database], run: state.run))
            ran += 1
            #expect(result.status == 0, "\(command): \(words.joined(separator: " ")): exit \(result.status)\n\(result.stderr)")
        }
        #expect(ran >= 20)
    }
}

/// "First steps in a county" runs, line after line, on a new database: from `init` to the
/// bureau's answer reconciled.
extension ReadmeExampleTests {
    static func firstStepsLines() throws -> [String] {
        let readme = try String(contentsOf: repositoryRoot.appendingPathComponent("README.md"), encoding: .utf8)
        let section = try #require(
            readme.components(separatedBy: "\n## First steps in a county\n").dropFirst().first?.components(separatedBy: "\n## ").first)
        let block = try #require(section.components(separatedBy: "```sh\n").dropFirst().first?.components(separatedBy: "```").first)
        return ShellLine.lines(of: block)
    }

    @Test func theFirstStepsRunInOrderOnANewDatabase() throws {
        let directory = temporaryDirectory()
        var environment = ["WANCUN_STATE_DIR": directory.appendingPathComponent("state").path]
        var run: Int64?
        var commands: [String] = []
        for text in try Self.firstStepsLines() {
            let line = ShellLine(text)
            guard let first = line.words.first else { continue }
            if first == "export" {
                for assignment in line.words.dropFirst() {
                    let parts = assignment.split(separator: "=", maxSplits: 1).map(String.init)
                    environment[parts[0]] = parts.count > 1 ? parts[1] : ""
                }
                continue
            }
            #expect(first == "wancun", "\(text)")
            let words = Self.substituting(line.words, run: run)
            commands.append(words.dropFirst().prefix(2).joined(separator: " "))
            let result = try #require(try Self.run(line, words: words, in: directory, environment: environment, run: run))
            #expect(result.status == Self.expectedStatus(line), "\(words.joined(separator: " ")): exit \(result.status)\n\(result.stderr)")
            if words.dropFirst().starts(with: ["subsidy", "check"]) { run = Self.recordedRun(result.stdout) }
        }
        #expect(commands.first == "init --db" && commands.contains("division import") && commands.contains("courier add"))
        #expect(commands.contains("point add") && commands.contains("subsidy check") && commands.last == "reconcile hr")
        // The month was paid, and the bureau's answer agrees with it.
        let db = try AppDatabase(path: directory.appendingPathComponent("county.sqlite").path)
        let results = try db.subsidyResults(try #require(run), only: .eligible)
        #expect(results.map(\.pointCode) == [ExampleFixtures.readmePoint])
        #expect(try db.subsidyRun(try #require(run)).run.status == .final)
        #expect(FileManager.default.fileExists(atPath: directory.appendingPathComponent("海盐县2026年10月花名册.xlsx").path))
    }
}
