import Foundation
import Testing

/// The folders of `WancunKit` are layers, lowest first, and the CLI is on top of them all.
/// One module cannot hold the direction by itself, so the sources are read: a file may name the
/// types of its own folder and of folders below it, never a type declared in a folder above.
@Suite struct LayerTests {
    /// Lowest first. A new folder is placed here, or the test fails naming it.
    static let order = [
        "Identifiers", "Messages", "Exchange", "Store", "Output", "Accounts", "Registry", "Ledgers", "Subsidy", "Reconciliation",
        "Reports", "Access", "Text", "Demo", "wancun",
    ]

    /// Every folder's Swift sources, by folder and file name.
    static func sources() throws -> [String: [String: String]] {
        var tree: [String: [String: String]] = [:]
        let kit = repositoryRoot.appendingPathComponent("Sources/WancunKit")
        let manager = FileManager.default
        for folder in try manager.contentsOfDirectory(atPath: kit.path) {
            tree[folder] = try LayerChecker.swiftFiles(in: kit.appendingPathComponent(folder))
        }
        tree["wancun"] = try LayerChecker.swiftFiles(in: repositoryRoot.appendingPathComponent("Sources/wancun"))
        return tree
    }

    @Test func noFolderNamesATypeOfAFolderAboveIt() throws {
        let tree = try Self.sources()
        let unplaced = Set(tree.keys).subtracting(Self.order)
        #expect(unplaced.isEmpty, "folders not placed in LayerTests.order: \(unplaced.sorted())")
        let violations = LayerChecker(order: Self.order).violations(in: tree)
        #expect(violations.isEmpty, "\(violations.map(\.description).joined(separator: "\n"))")
        #expect(tree.values.map(\.count).reduce(0, +) > 100)
    }

    @Test func theCheckerFindsAFileNamingATypeFromAbove() {
        let tree = [
            "Bottom": [
                "Low.swift": "public struct Low {}\n/// Not `High`: a comment.\nlet text = \"High\"\n",
                "Reaching.swift": "extension Low {\n    func up() -> High? { nil }\n}\n",
            ],
            "Middle": ["Mid.swift": "enum Mid { case low(Low) }\n"],
            "Top": ["High.swift": "public final class High {\n    struct Nested {}\n    let low = Low()\n}\n"],
        ]
        let checker = LayerChecker(order: ["Bottom", "Middle", "Top"])
        let violations = checker.violations(in: tree)
        #expect(violations.map(\.description) == ["Bottom/Reaching.swift names High, declared in Top"])
        // Low.swift names High only in a comment and a string: not a use. A middle file
        // reaching up is caught too; reaching down never is.
        let middle = tree.merging(["Middle": ["Mid.swift": "enum Mid { case high(High) }\n"]]) { $1 }
        #expect(checker.violations(in: middle).map(\.description).contains("Middle/Mid.swift names High, declared in Top"))
        // A catalogue entry a higher folder adds by extension is reached up to when named with its type.
        let entries = [
            "Bottom": ["Catalogue.swift": "public enum Words {}\nextension Words {\n    static let low = 1\n}\n"],
            "Middle": ["Use.swift": "let a = Words.low\nlet b = Words.high\n"],
            "Top": ["Words+High.swift": "extension Words {\n    public static func high() -> Int { 2 }\n}\n"],
        ]
        #expect(checker.violations(in: entries).map(\.description) == ["Middle/Use.swift names Words.high, declared in Top"])
        #expect(LayerChecker.declaredTypes(in: "public final class High {\n    struct Nested {}\n}\ntypealias Alias = Int\n") == ["High", "Alias"])
    }
}

/// Reads Swift sources for the types each file declares at its top level and the capitalised
/// names it uses, comments and string literals left out.
struct LayerChecker {
    struct Violation: CustomStringConvertible {
        var folder: String
        var file: String
        var type: String
        var declaredIn: String
        var description: String { "\(folder)/\(file) names \(type), declared in \(declaredIn)" }
    }

    let order: [String]

    func violations(in tree: [String: [String: String]]) -> [Violation] {
        let rank = Dictionary(uniqueKeysWithValues: order.enumerated().map { ($1, $0) })
        var lowest: [String: String] = [:]
        for (folder, files) in tree {
            guard let r = rank[folder] else { continue }
            for source in files.values {
                for type in Self.declaredTypes(in: Self.code(source)) where lowest[type].map({ rank[$0]! > r }) ?? true {
                    lowest[type] = folder
                }
            }
        }
        // A static member a higher folder adds to a lower type by extension (a catalogue entry
        // written in Text, say) is reached up to as surely as a type is, when named with its type.
        var lowestMember: [String: String] = [:]
        for (folder, files) in tree {
            guard let r = rank[folder] else { continue }
            for source in files.values {
                for member in Self.extensionMembers(in: Self.code(source)) where lowestMember[member].map({ rank[$0]! > r }) ?? true {
                    lowestMember[member] = folder
                }
            }
        }
        var found: [Violation] = []
        for (folder, files) in tree {
            guard let r = rank[folder] else { continue }
            for (file, source) in files {
                let code = Self.code(source)
                for name in Self.names(in: code) {
                    if let home = lowest[name], rank[home]! > r {
                        found.append(Violation(folder: folder, file: file, type: name, declaredIn: home))
                    }
                }
                for member in Self.memberUses(in: code) {
                    if let home = lowestMember[member], rank[home]! > r {
                        found.append(Violation(folder: folder, file: file, type: member, declaredIn: home))
                    }
                }
            }
        }
        return found.sorted { ($0.folder, $0.file, $0.type) < ($1.folder, $1.file, $1.type) }
    }

    /// The folder's Swift files and those of its subfolders, by path inside it.
    static func swiftFiles(in folder: URL) throws -> [String: String] {
        var files: [String: String] = [:]
        for name in try FileManager.default.subpathsOfDirectory(atPath: folder.path) where name.hasSuffix(".swift") {
            files[name] = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
        }
        return files
    }

    /// Types declared at a file's top level (not indented): nested ones are named through them.
    static func declaredTypes(in code: String) -> [String] {
        matches(
            #"(?m)^(?:(?:public|internal|fileprivate|private|final|indirect|open)\s+)*(?:struct|enum|class|protocol|actor|typealias)\s+([A-Z]\w*)"#,
            in: code)
    }

    /// `Type.member` for each static member declared in a top-level `extension Type { … }`.
    static func extensionMembers(in code: String) -> [String] {
        let block = try! NSRegularExpression(pattern: #"(?ms)^extension ([A-Z][\w.]*)[^{\n]*\{\n(.*?)^\}"#)
        let ns = code as NSString
        return block.matches(in: code, range: NSRange(location: 0, length: ns.length)).flatMap { match in
            let type = ns.substring(with: match.range(at: 1))
            let body = ns.substring(with: match.range(at: 2))
            return matches(#"(?m)^    (?:(?:public|internal|fileprivate|private|nonisolated)\s+)*static\s+(?:func|let|var)\s+(\w+)"#, in: body).map {
                type + "." + $0
            }
        }
    }

    /// Static members named with their type, `Message.Coverage.pointsIn` for `Message.Coverage.pointsIn(…)`.
    static func memberUses(in code: String) -> Set<String> {
        let regex = try! NSRegularExpression(pattern: #"\b([A-Z]\w*(?:\.[A-Z]\w*)*)\.([a-z]\w*)"#)
        let ns = code as NSString
        return Set(
            regex.matches(in: code, range: NSRange(location: 0, length: ns.length)).map {
                ns.substring(with: $0.range(at: 1)) + "." + ns.substring(with: $0.range(at: 2))
            })
    }

    static func names(in code: String) -> Set<String> { Set(matches(#"\b([A-Z]\w*)\b"#, in: code)) }

    /// The source with comments and string literals (multi-line, raw and plain) blanked out.
    static func code(_ source: String) -> String {
        // One pass, so that whichever starts first wins: `"//"` is a string, `// "` a comment.
        source.replacingOccurrences(
            of: ##"(?s)#*""".*?"""#*|/\*.*?\*/|//[^\n]*|#*"(?:\\.|[^"\\\n])*"#*"##, with: "\"\"", options: .regularExpression)
    }

    private static func matches(_ pattern: String, in text: String) -> [String] {
        let regex = try! NSRegularExpression(pattern: pattern)
        let ns = text as NSString
        return regex.matches(in: text, range: NSRange(location: 0, length: ns.length)).map { ns.substring(with: $0.range(at: 1)) }
    }
}
