/// What a list or show command prints: columns with keys and headers, and rows of cells.
/// The CLI renders it as an aligned table, CSV or JSON.
public struct Table: Sendable {
    public struct Column: Sendable {
        /// The JSON key and CSV-for-machines name: snake_case, as in `schema.sql`.
        public var key: String
        public var header: Message

        public init(_ key: String, _ header: Message) {
            self.key = key
            self.header = header
        }
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
    case money(Fen)
    case bool(Bool)
    case residentID(String)
    case phone(String)
    case null

    public static func optional(_ text: String?) -> Cell { text.map(Cell.text) ?? .null }

    /// The cell as text: personal values masked unless `reveal`.
    public func text(reveal: Bool) -> String {
        switch self {
        case .text(let s): s
        case .integer(let n): String(n)
        case .money(let fen): fen.yuanText
        case .bool(let b): b ? "true" : "false"
        case .residentID(let s): reveal ? s : Mask.residentID(s)
        case .phone(let s): reveal ? s : Mask.phone(s)
        case .null: ""
        }
    }
}
