import ArgumentParser
import Foundation
import WancunKit

/// A command line that cannot be parsed, said through the catalogue in the chosen language.
///
/// swift-argument-parser keeps its error types internal and says what went wrong in English, so
/// its messages are read by their shapes (one pattern each, below). Package.swift pins its
/// version exactly, and `UsageErrorTests` makes each shape happen, so that an upgrade which
/// words one differently fails a test rather than print English to a Chinese clerk.
enum UsageErrors {
    /// The message for the parser's English `text`, given the words of the command line.
    static func message(for text: String, arguments: [String]) -> Message {
        let path = CommandPath(arguments)
        let command = path.command
        let form = { (name: String) -> Message? in ArgumentForms.form(of: name, in: command) }
        // `wancun pont list --db x`: the parser speaks of --db, the clerk mistyped `point`.
        if let word = path.unknownWord, !path.subcommands.isEmpty {
            return .Usage.unknownSubcommand(word, of: path.words, suggestion: Suggestion.nearest(to: word, in: path.subcommands))
        }
        if let m = text.captures(#"^Unknown option '([^']+)'\. Did you mean '([^']+)'\?$"#) {
            return .Usage.unknownOption(m[0], suggestion: m[1])
        }
        if let m = text.captures(#"^Unknown option '([^']+)'$"#) { return .Usage.unknownOption(m[0], suggestion: nil) }
        if let m = text.captures(#"^Missing value for '(\S+)(?: <[^>]+>)?'$"#) { return .Usage.missingValue(m[0], form: form(m[0])) }
        if let m = text.captures(#"^The value '(.*)' is invalid for '(\S+)(?: <[^>]+>)?'(?:: .*|\. Please provide one of .*)?$"#) {
            return .Usage.invalidValue(m[0], for: m[1], form: form(m[1]))
        }
        if let m = text.captures(#"^Unexpected argument '(.*)'$"#) { return unexpected([m[0]], path) }
        if let m = text.captures(#"^\d+ unexpected arguments: '(.*)'$"#) { return unexpected(m[0].components(separatedBy: "', '"), path) }
        if let m = text.captures(#"^Missing expected argument '(.+)'$"#) {
            return .Usage.missingArgument([m[0]], form: form(m[0].components(separatedBy: " ")[0]))
        }
        if let m = text.captures(#"^Missing one of: '(.+)'$"#) { return .Usage.missingArgument(m[0].components(separatedBy: "', '"), form: nil) }
        if text == "Missing required subcommand." {
            return .Usage.missingSubcommand(path.words, path.subcommands)
        }
        if let m = text.captures(#"^The option '(\S+)' does not take any value, but '(.*)' was specified\.$"#) {
            return .Usage.flagTakesNoValue(m[0], value: m[1])
        }
        if let m = text.captures(#"^Value to be set with flag '([^']+)' had already been set with flag '([^']+)'$"#) {
            return .Usage.givenTwice(m[1], m[0])
        }
        if let m = text.captures(#"^Invalid option: (.+)$"#) { return .Usage.invalidOption(m[0]) }
        return .Usage.other(text)
    }

    /// A word where a subcommand was expected is a mistyped subcommand, with the nearest named.
    private static func unexpected(_ words: [String], _ path: CommandPath) -> Message {
        let subcommands = path.subcommands
        if let first = words.first, !subcommands.isEmpty, !first.hasPrefix("-") {
            return .Usage.unknownSubcommand(first, of: path.words, suggestion: Suggestion.nearest(to: first, in: subcommands))
        }
        return .Usage.unexpectedArguments(words)
    }

    /// Prints a parse error in the language of the command line and exits 64; anything else
    /// (help, version, a command's own exit) as the parser would.
    static func exit(for error: any Error, arguments: [String]) -> Never {
        guard let text = text(for: error, arguments: arguments) else { Wancun.exit(withError: error) }
        FileHandle.standardError.write(Data(text.utf8))
        Foundation.exit(ExitCode.validationFailure.rawValue)
    }

    /// What a parse error prints (to standard error, before exit 64) in the language of the
    /// command line; `nil` for help, version and a command's own exit, which the parser prints.
    static func text(
        for error: any Error, arguments: [String], environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> String? {
        guard Wancun.exitCode(for: error) == .validationFailure, !(error is ExitCode) else { return nil }
        let language = Language.of(arguments: arguments, environment: environment)
        let path = CommandPath(arguments)
        var text = Message.errorPrefix.text(language) + message(for: Wancun.message(for: error), arguments: arguments).text(language) + "\n"
        let usage = Wancun.fullMessage(for: error).components(separatedBy: "\n").first { $0.hasPrefix("Usage: ") }
        if let usage { text += Message.Usage.usage(String(usage.dropFirst("Usage: ".count))).text(language) + "\n" }
        text += "  " + Message.Usage.seeHelp(path.words).text(language) + "\n"
        return text
    }
}

/// The subcommands named at the start of a command line: `wancun point list` for
/// `point list --formt csv`, with the command they lead to.
struct CommandPath {
    var command: any ParsableCommand.Type = Wancun.self
    var words = "wancun"

    /// The word where a subcommand was looked for and none has that name, unless it may be an
    /// option's value.
    var unknownWord: String?

    init(_ arguments: [String]) {
        for (index, word) in arguments.enumerated() where !word.hasPrefix("-") {
            if word == "help" { break }
            guard let next = Self.subcommands(of: command).first(where: { $0._commandName == word }) else {
                if index == 0 || !arguments[index - 1].hasPrefix("-") { unknownWord = word }
                break
            }
            command = next
            words += " " + word
        }
    }

    /// The names of the subcommands of the command reached.
    var subcommands: [String] { Self.subcommands(of: command).map { $0._commandName } }

    private static func subcommands(of command: any ParsableCommand.Type) -> [any ParsableCommand.Type] {
        command.configuration.subcommands
    }
}

/// The nearest of some names to a mistyped one, if it is near enough to be meant.
enum Suggestion {
    static func nearest(to word: String, in names: [String]) -> String? {
        let scored = names.map { ($0, distance(word.lowercased(), $0)) }.min { $0.1 < $1.1 }
        guard let (name, score) = scored, score <= max(1, min(word.count, name.count) / 3) || name.hasPrefix(word.lowercased()) else { return nil }
        return name
    }

    /// Levenshtein distance, counting a swap of neighbours as one.
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a)
        let b = Array(b)
        guard !a.isEmpty, !b.isEmpty else { return max(a.count, b.count) }
        var d = Array(repeating: Array(repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { d[i][0] = i }
        for j in 0...b.count { d[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] { d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1) }
            }
        }
        return d[a.count][b.count]
    }
}

extension Language {
    /// `--lang` (or `--lang=`) on the command line, else `WANCUN_LANG`, else Chinese: read before
    /// the command line is parsed, for the error that says it cannot be.
    static func of(arguments: [String], environment: [String: String] = ProcessInfo.processInfo.environment) -> Language {
        for (index, word) in arguments.enumerated() {
            if word == "--lang", index + 1 < arguments.count, let language = Language(rawValue: arguments[index + 1].lowercased()) { return language }
            if word.hasPrefix("--lang="), let language = Language(rawValue: word.dropFirst("--lang=".count).lowercased()) { return language }
        }
        return fromEnvironment(environment)
    }
}

extension String {
    /// The groups of the first match of `pattern` over the whole text, or nil.
    func captures(_ pattern: String) -> [String]? {
        guard let regex = try? NSRegularExpression(pattern: pattern, options: .dotMatchesLineSeparators),
            let match = regex.firstMatch(in: self, range: NSRange(startIndex..., in: self))
        else { return nil }
        return (1..<match.numberOfRanges).map { index in
            Range(match.range(at: index), in: self).map { String(self[$0]) } ?? ""
        }
    }
}
