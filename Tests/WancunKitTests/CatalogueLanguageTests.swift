import Foundation
import Testing

@testable import WancunKit

/// Chinese all the way through in Chinese, English all the way through in English.
///
/// The catalogue is static functions and constants, which Swift cannot list, so its source is
/// read instead: every string literal inside a `Message(zh:…, en:…)` is rendered with sample
/// arguments chosen by the shape of what is interpolated (`\(x.rawValue)` is a code, so an
/// English word; `\(x.zh)` Chinese; `\(x.en)` English; anything else digits), and the Chinese
/// ones may hold no English word, the English ones no Chinese character. The labels of every
/// code, and messages built from codes, are rendered as they are.
@Suite struct CatalogueLanguageTests {
    struct Literal {
        var file: String
        var language: Language
        var text: String
    }

    /// Every Chinese and English literal of the catalogue, rendered.
    static func literals() throws -> [Literal] {
        // The catalogue's words (Messages), those it gives the domains' errors (Text), and the
        // labels each domain gives its codes beside them (`Registry/PointStatus+Label.swift`).
        var found: [Literal] = []
        let kit = repositoryRoot.appendingPathComponent("Sources/WancunKit")
        for folder in try FileManager.default.contentsOfDirectory(atPath: kit.path).sorted().map({ kit.appendingPathComponent($0) }) {
            let whole = ["Messages", "Text"].contains(folder.lastPathComponent)
            for name in try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
            where name.hasSuffix(".swift") && (whole || name.hasSuffix("+Label.swift") || name.hasSuffix("+Labels.swift")) {
                let source = Array(try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8))
                var scanner = CatalogueScanner(source: source)
                found += scanner.literals().map { Literal(file: name, language: $0.0, text: $0.1) }
            }
        }
        return found
    }

    /// English words left in a Chinese text once what may stand there is taken out: a command
    /// line (`wancun …`), an option and its value, a file name or extension, a code in capitals
    /// or with underscores, and the names of Excel and SQLite.
    static func englishWords(in text: String) -> [String] {
        var rest = text
        for pattern in [
            #"wancun(?: [\x21-\x7e]+)*"#, #"--[a-z][a-z0-9-]*(?: (?:[a-z]+|[A-Z_]+|[a-z]+-[a-z0-9-]+))?"#, #"[\w/-]*\.[a-z]{2,8}\b"#,
            #"(?<![\w-])-[a-z]+\b"#, #"\bseed/"#, #"\b\w*_\w*\b"#,
        ] {
            rest = rest.replacingOccurrences(of: pattern, with: " ", options: .regularExpression)
        }
        let words = rest.components(separatedBy: CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ").inverted)
        return words.filter { $0.count >= 3 && $0.uppercased() != $0 && !["Excel", "SQLite", "sha"].contains($0) }
    }

    static func chineseCharacters(in text: String) -> [Character] {
        // Data in an example command line (`wancun route show 沈荡—百步拼车线`) is the clerk's own.
        let rest = text.replacingOccurrences(of: #"wancun(?: \S+)*"#, with: " ", options: .regularExpression)
        return rest.filter { character in
            character.unicodeScalars.contains {
                (0x3000...0x303F).contains($0.value) || (0x3400...0x9FFF).contains($0.value) || (0xFF00...0xFFEF).contains($0.value)
            }
        }
    }

    @Test func theScannerFindsTheCatalogue() throws {
        let literals = try Self.literals()
        #expect(literals.filter { $0.language == .zh }.count > 400 && literals.filter { $0.language == .en }.count > 400)
        #expect(literals.contains { $0.text == "12 是样例级区划，不是村级：服务点必须建在村（社区）" })
        // What the scan would catch: a code inside a Chinese message, Chinese inside an English one.
        #expect(Self.englishWords(in: "330424001000 是 town 级区划") == ["town"])
        #expect(Self.englishWords(in: "用 wancun point list --status operating 查看 a.xlsx 或 .csv [POINT_NOT_RURAL]").isEmpty)
        #expect(Self.chineseCharacters(in: "a town, not a 村") == ["村"])
    }

    @Test func noChineseMessageHoldsAnEnglishWord() throws {
        let bad = try Self.literals().filter { $0.language == .zh }.compactMap { literal -> String? in
            let words = Self.englishWords(in: literal.text)
            return words.isEmpty ? nil : "\(literal.file): \(literal.text) \(words)"
        }
        #expect(bad.isEmpty, "\(bad.joined(separator: "\n"))")
    }

    @Test func noEnglishMessageHoldsAChineseCharacter() throws {
        let bad = try Self.literals().filter { $0.language == .en }.compactMap { literal -> String? in
            Self.chineseCharacters(in: literal.text).isEmpty ? nil : "\(literal.file): \(literal.text)"
        }
        #expect(bad.isEmpty, "\(bad.joined(separator: "\n"))")
    }

    /// Labels and messages made from codes, rendered with every case.
    static func renderedSamples() -> [Message] {
        func labels<Code: Labelled>(_ type: Code.Type) -> [Message] { Code.allCases.map(\.label) }
        var samples = LabelTests.types.flatMap { labels($0) }
        samples += DivisionLevel.allCases.flatMap { level in
            [
                RegistryError.notAVillage(DivisionCode(trusted: "330424001000"), level).message,
                RegistryError.notATown(DivisionCode(trusted: "330424001000"), level).message,
                Message.divisionLevelMismatch(stated: "x", shape: level),
            ]
        }
        samples += PointStatus.allCases.flatMap { status in
            [
                Message.statusList(status.allowedNext), Message.pointStatusChanged("330424101201001", status), Message.Coverage.pointsIn(status),
                RegistryError.statusNotAllowed(from: status, to: .closed, allowed: status.allowedNext).message,
            ]
        }
        samples += ServiceKind.allCases.flatMap { kind in
            [
                Message.serviceAdded("330424101201001", kind), Message.serviceEnded("330424101201001", kind),
                RegistryError.serviceExists(kind.rawValue, PurchaseCategory.farmInputs.rawValue).message,
                RegistryError.serviceNotOpen(kind.rawValue).message,
            ]
        }
        samples += [
            Message.serviceItemUnknown("x"), Message.subsidyRules(SubsidyRule.allCases), Message.outOfScopeCounted([.closedBeforeMonth: 1]),
            SubsidyError.profileFieldUnknown("x").message, SubsidyError.policyKeyUnknown("x").message,
            ValueError.label("x", zh: ["男"], en: ["male"]).message, Message.Form.oneOf(RetirementGroup.self),
            Message.Usage.invalidValue("x", for: "--month", form: Message.Form.month), Message.Section.heading(Message.Section.audit),
        ]
        return samples
    }

    @Test func labelsAndMessagesMadeFromCodesAreInOneLanguage() {
        for message in Self.renderedSamples() {
            #expect(Self.englishWords(in: message.zh).isEmpty, "\(message.zh)")
            #expect(Self.chineseCharacters(in: message.en).isEmpty, "\(message.en)")
        }
    }

    /// The tour in English: no table's header holds Chinese; in Chinese, none holds English.
    @Test func theDemoTourHasHeadersInTheChosenLanguage() throws {
        let dir = temporaryDirectory()
        for language in Language.allCases {
            let db = dir.appendingPathComponent("demo-\(language).sqlite").path
            let tour = try wancunProcess(["demo", "--db", db, "--lang", language.rawValue], in: repositoryRoot)
            #expect(tour.status == 0, "\(tour.stderr)")
            let lines = tour.stdout.components(separatedBy: "\n")
            var headers = 0
            for (index, line) in lines.enumerated().dropFirst() where line.hasPrefix("---") && line.allSatisfy({ $0 == "-" || $0 == " " }) {
                let header = lines[index - 1]
                headers += 1
                if language == .en { #expect(Self.chineseCharacters(in: header).isEmpty, "\(header)") }
                if language == .zh { #expect(Self.englishWords(in: header).isEmpty, "\(header)") }
            }
            #expect(headers >= 4)
        }
    }
}

/// Reads the string literals of a catalogue file, knowing which are a `Message`'s `zh:` and
/// which its `en:`, and renders their interpolations with sample arguments.
struct CatalogueScanner {
    var source: [Character]
    var index = 0

    init(source: [Character]) { self.source = source }

    mutating func literals() -> [(Language, String)] {
        var found: [(Language, String)] = []
        // One entry per open parenthesis: whether it opened `Message(`, and the label last seen in it.
        var stack: [(message: Bool, language: Language?)] = []
        while index < source.count {
            let c = source[index]
            if starts(with: "//") {
                while index < source.count, source[index] != "\n" { index += 1 }
                continue
            }
            if c == "\"" {
                let text = literal()
                if let language = stack.last(where: \.message)?.language { found.append((language, text)) }
                continue
            }
            if c == "(" {
                stack.append((message: index >= 7 && String(source[(index - 7)..<index]) == "Message", language: nil))
            } else if c == ")" {
                _ = stack.popLast()
            } else if stack.last?.message == true, starts(with: "zh:") || starts(with: "en:"),
                index == 0 || !(source[index - 1].isLetter || source[index - 1].isNumber)
            {
                stack[stack.count - 1].language = source[index] == "z" ? .zh : .en
            }
            index += 1
        }
        return found
    }

    private func starts(with text: String) -> Bool {
        let characters = Array(text)
        return index + characters.count <= source.count && Array(source[index..<(index + characters.count)]) == characters
    }

    /// The literal starting at `index` (a `"`), rendered; `index` is left past its end.
    mutating func literal() -> String {
        index += 1
        var out = ""
        while index < source.count {
            let c = source[index]
            if c == "\\", index + 1 < source.count {
                let next = source[index + 1]
                if next == "(" {
                    index += 2
                    out += interpolation()
                    continue
                }
                out.append(next == "n" ? "\n" : next == "t" ? "\t" : next)
                index += 2
                continue
            }
            index += 1
            if c == "\"" { return out }
            out.append(c)
        }
        return out
    }

    /// The expression of `\(…)` up to its closing parenthesis, rendered as a sample of its kind,
    /// with the literals inside it after.
    private mutating func interpolation() -> String {
        var depth = 1
        var expression = ""
        var nested: [String] = []
        while index < source.count {
            let c = source[index]
            if c == "\"" {
                nested.append(literal())
                expression += "\"…\""
                continue
            }
            if c == "(" { depth += 1 }
            if c == ")" {
                depth -= 1
                if depth == 0 {
                    index += 1
                    break
                }
            }
            expression.append(c)
            index += 1
        }
        let trimmed = expression.trimmingCharacters(in: .whitespaces)
        let sample = trimmed.hasSuffix(".rawValue") ? "code" : trimmed.hasSuffix(".en") ? "sample" : trimmed.hasSuffix(".zh") ? "样例" : "12"
        return ([sample] + nested).joined(separator: " ")
    }
}
