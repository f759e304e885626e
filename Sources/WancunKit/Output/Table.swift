/// What a list or show command prints: columns with keys and headers, and rows of cells.
/// The CLI renders it as an aligned table, CSV or JSON.
public struct Table: Sendable {
    public struct Column: Sendable {
        /// The JSON key and CSV-for-machines name: snake_case, as in `schema.sql`.
        public var key: String
        public var header: Message
        /// Which columns a table that would not fit the terminal keeps (`TableRenderer.width`).
        public var use: Use

        public init(_ key: String, _ header: Message, use: Use = .main) {
            self.key = key
            self.header = header
            self.use = use
        }
    }

    /// How much a column is worth to someone reading the table in a terminal: when the table
    /// is too wide, `detail` columns are left out first, then `main` ones, each from the right;
    /// a `key` column (what a row is) is always shown, cut if it must be.
    public enum Use: Int, Sendable, Comparable {
        case key, main, detail

        public static func < (a: Use, b: Use) -> Bool { a.rawValue < b.rawValue }
    }

    public var columns: [Column]
    public var rows: [[Cell]]

    public init(columns: [Column], rows: [[Cell]] = []) {
        self.columns = columns
        self.rows = rows
    }
}

/// One value in a table. Personal values know how to mask themselves.
public enum Cell: Sendable, Hashable {
    case text(String)
    case integer(Int64)
    /// A decimal number kept as written (`62.5`): a number in JSON.
    case decimal(String)
    case money(Fen)
    case bool(Bool)
    case residentID(String)
    /// An identifier or code of digits (a division, point or credit code): text that a CSV
    /// keeps as text for Excel (`CodeText`).
    case code(String)
    case phone(String)
    /// A value worked out from an ID number's hidden digits (birth date, age, retirement
    /// month): masked wherever the ID number is, else it would give the number away.
    case birthDerived(String)
    /// A code (`operating`, `female-50`): people read its label, JSON carries the code.
    case label(code: String, Message)
    case null

    public static func optional(_ text: String?) -> Cell { text.map(Cell.text) ?? .null }

    public static func optional(_ code: String?, _ label: (String) -> Message) -> Cell {
        code.map { .label(code: $0, label($0)) } ?? .null
    }

    /// The cell as people read it: personal values masked unless `reveal`, codes by label.
    public func text(reveal: Bool, language: Language = .zh) -> String {
        switch self {
        case .text(let s): s
        case .integer(let n): String(n)
        case .decimal(let d): d
        case .money(let fen): fen.yuanText
        case .bool(let b): (b ? Message.yes : Message.no).text(language)
        case .residentID(let s): reveal ? s : Mask.residentID(s)
        case .code(let s): s
        case .phone(let s): reveal ? s : Mask.phone(s)
        case .birthDerived(let s): reveal ? s : Mask.derived(s)
        case .label(_, let message): message.text(language)
        case .null: ""
        }
    }
}

extension Labelled {
    /// The cell a table shows: the label, and the code in CSV and JSON.
    public var cell: Cell { .label(code: rawValue, label) }
}
