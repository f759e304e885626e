import Foundation
import Testing

@testable import WancunKit

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
