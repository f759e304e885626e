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
        // Written without its type, `.high` reaches up as surely; a value's member (`x.high`, a chain's
        // `.high` on the next line) does not, nor a name a folder at or below declares as well
        // (`Level.shared`), which the use may mean instead. A nested namespace's `Words.Header.high`
        // is not one: `.high` cannot mean it.
        let implicit = entries.merging([
            "Bottom": [
                "Catalogue.swift": "public enum Words {}\nextension Words {\n    static let low = 1\n}\n",
                "Words+Header.swift": "extension Words {\n    enum Header {}\n}\nextension Words.Header {\n    static let high = Words()\n}\n",
            ],
            "Middle": [
                "Use.swift": "func words(_ w: Words) {}\nlet a: Words = .low\nlet b = [words(.high)]\nlet c = x.high\nlet d = y\n    .high()\n",
                "Shared.swift": "enum Level { case other(Int), shared }\nenum Kind {\n    case a,\n        spare\n}\n"
                    + "func pick(_ l: Level = .shared, _ k: Kind = .spare) {}\n",
            ],
            "Top": [
                "Words+High.swift": "extension Words {\n    public static func high() -> Words { Words() }\n"
                    + "    static let shared = Words()\n    static let spare = Words()\n}\n"
            ],
        ]) { $1 }
        #expect(checker.violations(in: implicit).map(\.description) == ["Middle/Use.swift names Words.high (as .high), declared in Top"])
        let returned = implicit.merging(["Bottom": ["Catalogue.swift": "public enum Words {}\nfunc f() -> Words { return .high }\n"]]) { $1 }
        #expect(checker.violations(in: returned).map(\.description).contains("Bottom/Catalogue.swift names Words.high (as .high), declared in Top"))
        #expect(LayerChecker.declaredTypes(in: "public final class High {\n    struct Nested {}\n}\ntypealias Alias = Int\n") == ["High", "Alias"])
    }

    @Test func theCheckerFindsAConformanceDeclaredAboveItsTypeAndProtocol() {
        // `Kind.a.name` reads a conformance Top declares, naming neither it nor anything of Top.
        let tree = [
            "Bottom": ["Named.swift": "public protocol Named {\n    var name: String { get }\n}\npublic enum Level { case a }\n"],
            "Middle": ["Kind.swift": "public enum Kind: String { case a }\nlet x = Kind.a.name\n"],
            "Top": [
                "Kind+Name.swift": "extension Kind: Named { public var name: String { \"a\" } }\n"
                    + "extension Level: Equatable, Named {\n    public var name: String { \"a\" }\n}\n"
            ],
        ]
        let checker = LayerChecker(order: ["Bottom", "Middle", "Top"], heldLow: ["Named"])
        #expect(
            checker.violations(in: tree).map(\.description) == [
                "Top/Kind+Name.swift declares Kind: Named, which belongs in Middle",
                "Top/Kind+Name.swift declares Level: Named, which belongs in Bottom",
            ])
        // In the higher of the type's folder and the protocol's, none is found; a protocol not
        // held low may be conformed to anywhere above both.
        let placed = [
            "Bottom": ["Named.swift": "public protocol Named {}\npublic enum Level { case a }\nextension Level: Named {}\n"],
            "Middle": ["Kind.swift": "public enum Kind: String { case a }\n", "Kind+Name.swift": "extension Kind: Named {}\n"],
            "Top": ["Kind+Other.swift": "extension Kind: CustomStringConvertible, Other {}\nprotocol Other {}\n"],
        ]
        #expect(checker.violations(in: placed).isEmpty)
        // Without the rule, nothing in the first tree names a type from above.
        #expect(LayerChecker(order: ["Bottom", "Middle", "Top"], heldLow: []).violations(in: tree).isEmpty)
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
        /// For a conformance declared too high (`type` is then `T: P`), the folder it belongs in.
        var belongsIn: String?
        var description: String {
            if let belongsIn { return "\(folder)/\(file) declares \(type), which belongs in \(belongsIn)" }
            return "\(folder)/\(file) names \(type), declared in \(declaredIn)"
        }
    }

    let order: [String]
    /// Protocols whose members a folder uses on a value without naming where it conforms (a code's
    /// `.label`, `T(parsing:)`), so that a conformance a higher folder declares by extension is
    /// reached up to unseen. Each `extension T: P` of these is declared in the higher of T's
    /// folder and P's: the lowest folder that knows both, and so below every one that uses it.
    var heldLow: Set<String> = ["Labelled"]

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
        // Written as `.member` (`message: .divisionDuplicate(firstRow: 2)`), the type is left to the
        // compiler. A static member of a type's own type, added by a higher folder's extension, is
        // reached up to by such a use when no folder at or below the using one declares a static
        // member or an enum case of that name that the use may mean instead.
        var lowestTarget: [String: Int] = [:]
        var byName: [String: (member: String, folder: String)] = [:]
        for (folder, files) in tree {
            guard let r = rank[folder] else { continue }
            for source in files.values {
                let code = Self.code(source)
                for name in Self.implicitTargets(in: code) where lowestTarget[name].map({ $0 > r }) ?? true {
                    lowestTarget[name] = r
                }
                for member in Self.implicitMembers(in: code) {
                    let name = String(member.split(separator: ".")[1])
                    if let other = byName[name], rank[other.folder]! <= r { continue }
                    byName[name] = (member, folder)
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
                for name in Self.implicitMemberUses(in: code) {
                    guard let (member, home) = byName[name], rank[home]! > r else { continue }
                    if let target = lowestTarget[name], target <= r { continue }
                    found.append(Violation(folder: folder, file: file, type: member + " (as ." + name + ")", declaredIn: home))
                }
                for (type, proto) in Self.conformances(in: code) where heldLow.contains(proto) {
                    let homes = [lowest[String(type.split(separator: ".")[0])], lowest[proto]].compactMap { $0 }
                    guard let home = homes.max(by: { rank[$0]! < rank[$1]! }), home != folder else { continue }
                    found.append(Violation(folder: folder, file: file, type: type + ": " + proto, declaredIn: home, belongsIn: home))
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

    /// `(Type, Protocol)` for each protocol a top-level `extension Type: A, B { … }` conforms to.
    static func conformances(in code: String) -> [(String, String)] {
        let regex = try! NSRegularExpression(
            pattern: #"(?m)^(?:(?:public|internal|fileprivate|private)\s+)?extension\s+([A-Z][\w.]*)\s*:\s*([^{\n]*?)\s*(?:\bwhere\b[^{\n]*)?\{"#)
        let ns = code as NSString
        return regex.matches(in: code, range: NSRange(location: 0, length: ns.length)).flatMap { match in
            let type = ns.substring(with: match.range(at: 1))
            return ns.substring(with: match.range(at: 2)).split(whereSeparator: { $0 == "," || $0 == "&" }).map {
                (type, $0.trimmingCharacters(in: .whitespaces))
            }
        }
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

    /// `Type.member` for each static member of a top-level `extension Type { … }` that is a
    /// `Type` itself (`static let x = Type(…)`, `static let x: Type`, `static func x(…) -> Type`),
    /// which `.x` may name where a `Type` is expected.
    static func implicitMembers(in code: String) -> [String] {
        let block = try! NSRegularExpression(pattern: #"(?ms)^extension ([A-Z]\w*)[^{\n.]*\{\n(.*?)^\}"#)
        let ns = code as NSString
        return block.matches(in: code, range: NSRange(location: 0, length: ns.length)).flatMap { match in
            let type = ns.substring(with: match.range(at: 1))
            let modifiers = #"(?m)^    (?:(?:public|internal|fileprivate|private|nonisolated)\s+)*static\s+"#
            let itself = "(?:\(type)|Self)"
            let body = ns.substring(with: match.range(at: 2))
            let values = matches(modifiers + #"(?:let|var)\s+(\w+)\s*(?::\s*"# + itself + #"\b|=\s*\#(type)\()"#, in: body)
            let functions = matches(modifiers + #"func\s+(\w+)[^{]*?->\s*"# + itself + #"\s*\{"#, in: body)
            return (values + functions).map { type + "." + $0 }
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

    /// The names `.name` stands for where the type is left to the compiler: `.high` in
    /// `f(message: .high)`, `return .high(1)`, `[.a, .b]`, `x ? .a : .b`; not a member of a value
    /// (`x.high`, `f().high`, `x?.high`, a chain's `\n    .high`), a key path or a range.
    static func implicitMemberUses(in code: String) -> Set<String> {
        let regex = try! NSRegularExpression(pattern: #"\.([a-z]\w*)"#)
        let chars = Array(code.utf16)
        func isWord(_ c: UInt16) -> Bool { c == 95 || (48...57).contains(c) || (65...90).contains(c) || (97...122).contains(c) || c > 127 }
        func isSpace(_ c: UInt16) -> Bool { c == 32 || c == 10 || c == 9 || c == 13 }
        let keywords: Set<String> = ["return", "case", "in", "else", "where", "throw", "await", "try"]
        var uses: Set<String> = []
        for match in regex.matches(in: code, range: NSRange(location: 0, length: chars.count)) {
            var i = match.range.location - 1
            guard i >= 0 else { continue }
            if !isSpace(chars[i]) {
                // Right after a value, a `?`/`!`, a key path's backslash, a dot of `..<` or a generic's `>`.
                if isWord(chars[i]) || Array(")]}?!\"\\.>`".utf16).contains(chars[i]) { continue }
            } else {
                while i >= 0 && isSpace(chars[i]) { i -= 1 }
                if i >= 0 && Array(")]}\"`".utf16).contains(chars[i]) { continue }
                if i >= 0 && isWord(chars[i]) {
                    var start = i
                    while start > 0 && isWord(chars[start - 1]) { start -= 1 }
                    guard keywords.contains(String(decoding: chars[start...i], as: UTF16.self)) else { continue }
                }
            }
            uses.insert((code as NSString).substring(with: match.range(at: 1)))
        }
        return uses
    }

    /// What a file declares that `.name` could stand for: enum cases and the static members of a
    /// type itself (not those of a nested namespace, `extension Message.Header`, `enum Header`
    /// inside an extension, whose members a `.name` does not reach).
    static func implicitTargets(in code: String) -> [String] {
        let block = try! NSRegularExpression(
            pattern: #"(?ms)^(?:(?:public|internal|fileprivate|private|final|indirect)\s+)*"#
                + #"(?:extension|struct|enum|class|actor|protocol)\s+([A-Z]\w*)\b(?!\.)[^{\n]*\{\n(.*?)^\}"#)
        let ns = code as NSString
        let statics = block.matches(in: code, range: NSRange(location: 0, length: ns.length)).flatMap { match in
            matches(
                #"(?m)^    (?:(?:public|internal|fileprivate|private|nonisolated|final|override)\s+)*(?:static|class)\s+(?:func|let|var)\s+(\w+)"#,
                in: ns.substring(with: match.range(at: 2)))
        }
        // `case a, b(Int)` and `case c = "c"` declare; `case .a:`, `case let x` and `case x where …:` match.
        let declarations = matches(#"\bcase\s+([a-z](?:[^\n]*,[ \t]*\n)*[^\n]*)"#, in: code).filter {
            !$0.hasSuffix(":") && !$0.hasPrefix("let ") && !$0.hasPrefix("var ")
        }
        let cases = declarations.flatMap { list in
            list.replacingOccurrences(of: #"\([^()]*(?:\([^()]*\)[^()]*)*\)|=[^,]*"#, with: "", options: .regularExpression)
                .split(separator: ",").compactMap { $0.split(whereSeparator: \.isWhitespace).first.map(String.init) }
        }
        return statics + cases
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
