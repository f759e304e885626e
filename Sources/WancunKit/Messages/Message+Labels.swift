import Foundation

// The catalogue: the one place each code people read is given its label.

/// A code (`female-50`, `land-lost`, `POINT_NOT_RURAL`) that people read by its label from the
/// catalogue, while `--format csv|json`, the database and the audit trail keep the code.
public protocol Labelled: RawRepresentable, CaseIterable, Sendable, Hashable where RawValue == String {
    /// The label in both languages.
    var label: Message { get }
    /// Other spellings of codes people write (`labor` for `labour`).
    static var spellings: [String: Self] { get }
}

extension Labelled {
    public func label(in language: Language) -> String { label.text(language) }

    /// The value a person wrote: its code, or its label in either language. A Chinese label is
    /// also taken without its note in brackets (`女工人` for `女工人（50岁起）`), and English
    /// without regard to case, so that what a sheet or a table shows is read back as it was.
    public init?(label text: String) {
        if let exact = Self(rawValue: text) {
            self = exact
            return
        }
        guard let found = Self.labelIndex.byKey[LabelIndex<Self>.key(text)] else { return nil }
        self = found
    }

    /// The same, or the error that lists what may be written: short labels in Chinese, codes in English.
    public init(parsing text: String) throws(ValueError) {
        guard let value = Self(label: text) else {
            throw .label(text, zh: Self.allCases.map(\.shortLabel), en: Self.allCases.map(\.rawValue))
        }
        self = value
    }

    public static var spellings: [String: Self] { [:] }

    /// Its codes and labels for reading them back, built the first time they are read.
    static var labelIndex: LabelIndex<Self> { LabelIndexes.shared.index(of: Self.self) }

    /// The Chinese label without its note in brackets: `女工人` for `女工人（50岁起）`.
    public var shortLabel: String { String(label.zh.prefix { $0 != "（" && $0 != "(" }) }

    /// The Chinese label, as a sheet that is Chinese whatever the language shows it.
    public var chineseLabel: String { Self.labelIndex.chinese[self] ?? label.zh }
}

/// Every way each code of a type may be written, built once, the first time it is read: a
/// points file of 50,000 rows reads three labels a row.
struct LabelIndex<Code: Labelled>: Sendable {
    let byKey: [String: Code]
    let chinese: [Code: String]

    init() {
        var byKey: [String: Code] = [:]
        for value in Code.allCases {
            for written in [value.rawValue, value.label.zh, value.shortLabel, value.label.en] { byKey[Self.key(written)] = value }
        }
        for (written, value) in Code.spellings { byKey[Self.key(written)] = value }
        self.byKey = byKey
        chinese = Dictionary(uniqueKeysWithValues: Code.allCases.map { ($0, $0.label.zh) })
    }

    /// Written as a sheet's cell is read (full-width forms folded), without case or spaces.
    static func key(_ text: String) -> String {
        String(Normalize.spreadsheetText(text).lowercased().filter { !$0.isWhitespace })
    }
}

/// The index of each labelled type, kept for the life of the process.
final class LabelIndexes: @unchecked Sendable {
    static let shared = LabelIndexes()
    private let lock = NSLock()
    private var indexes: [ObjectIdentifier: any Sendable] = [:]

    func index<Code: Labelled>(of type: Code.Type) -> LabelIndex<Code> {
        lock.lock()
        defer { lock.unlock() }
        if let index = indexes[ObjectIdentifier(type)] as? LabelIndex<Code> { return index }
        let index = LabelIndex<Code>()
        indexes[ObjectIdentifier(type)] = index
        return index
    }
}

// The codes `Identifiers/` declares take their labels here; a domain's codes take theirs in the
// domain's folder (`PointStatus+Label.swift`), where a sheet or a row reads them.

extension Sex: Labelled { public var label: Message { .sex(self) } }
extension DivisionLevel: Labelled { public var label: Message { .divisionLevel(self) } }
