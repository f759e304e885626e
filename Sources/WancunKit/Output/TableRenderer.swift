import Foundation

/// The output formats of every list and show command.
public enum OutputFormat: String, Sendable, CaseIterable {
    case table, csv, json
}

/// Renders a `Table` in the chosen format and language.
public struct TableRenderer: Sendable {
    public var language: Language
    public var reveal: Bool
    /// The display columns an aligned table may take (`terminalWidth` for the CLI); `nil`
    /// shows every column in full, as `--wide` does.
    public var width: Int?

    /// What a table printed for a terminal fits by default.
    public static let terminalWidth = 120

    public init(language: Language, reveal: Bool, width: Int? = nil) {
        self.language = language
        self.reveal = reveal
        self.width = width
    }

    public func render(_ table: Table, as format: OutputFormat) -> String {
        switch format {
        case .table: aligned(table)
        case .csv: String(decoding: csvData(table), as: UTF8.self)
        case .json: json(table)
        }
    }

    /// Columns padded to the widest cell, counting a CJK character as two columns. Within
    /// `width`, hashes are shortened and, when all would not fit, the least useful columns left
    /// out (named on a last line) and long text cut (`TableFit`).
    public func aligned(_ table: Table) -> String {
        let headers = table.columns.map { $0.header.text(language) }
        var body = table.rows.map { $0.map { $0.text(reveal: reveal, language: language) } }
        if width != nil { body = body.map { $0.map(DisplayWidth.shortHash) } }
        let fit = TableFit(columns: table.columns, headers: headers, body: body, width: width)
        func line(_ cells: [String]) -> String {
            var out = ""
            for (index, column) in fit.shown.enumerated() {
                let cell = DisplayWidth.cut(cells[column], to: fit.widths[index])
                let last = index == fit.shown.count - 1
                out += last ? cell : cell + String(repeating: " ", count: fit.widths[index] - DisplayWidth.of(cell) + 2)
            }
            return out
        }
        var lines = [line(headers), fit.widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")]
        lines += body.map(line)
        if !fit.leftOut.isEmpty {
            let note = Message.columnsLeftOut(fit.leftOut.map { headers[$0] }, separator: language == .zh ? "、" : ", ")
            lines.append(DisplayWidth.cut(note.text(language), to: width ?? Int.max))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// CSV with a byte-order mark; the header row in the chosen language.
    public func csvData(_ table: Table) -> Data {
        var writer = CSVWriter()
        writer.append(table.columns.map { $0.header.text(language) })
        for row in table.rows { writer.append(row.map(csvText)) }
        return writer.data
    }

    /// A cell as CSV holds it: codes and ID numbers in full kept as text for Excel (`CodeText`),
    /// numbers as they are, a labelled code as its code (as JSON has it), any other text never
    /// a formula (`FormulaText`).
    func csvText(_ cell: Cell) -> String {
        let text = cell.text(reveal: reveal, language: language)
        switch cell {
        case .code, .residentID: return CodeText.csvText(code: text)
        case .integer, .decimal, .money, .bool, .null: return text
        case .label(let code, _): return FormulaText.neutralise(code)
        case .text, .phone, .birthDerived: return FormulaText.neutralise(text)
        }
    }

    /// An array of objects keyed by the columns' snake_case keys, in column order.
    public func json(_ table: Table) -> String {
        let objects = table.rows.map { row in
            JSONValue.object(zip(table.columns, row).map { ($0.key, jsonValue($1)) })
        }
        return JSONValue.array(objects).serialized() + "\n"
    }

    public func jsonValue(_ cell: Cell) -> JSONValue {
        switch cell {
        case .integer(let n): .number(String(n))
        case .decimal(let d): .number(d)
        case .money(let fen): .number(String(fen.value))
        case .bool(let b): .bool(b)
        case .null: .null
        case .label(let code, _): .string(code)
        default: .string(cell.text(reveal: reveal))
        }
    }
}

/// A JSON value whose objects keep their keys in order. Foundation's encoders sort keys or
/// leave the order unspecified; clerks read these files, so column order is kept by hand.
/// Not `indirect`: arrays already hold their elements apart, and boxing every value cost an
/// allocation per field in each audit line.
public enum JSONValue: Sendable, Hashable {
    case string(String)
    case number(String)
    case bool(Bool)
    case null
    case array([JSONValue])
    case object([(String, JSONValue)])

    public static func == (a: JSONValue, b: JSONValue) -> Bool { a.serialized() == b.serialized() }
    public func hash(into hasher: inout Hasher) { hasher.combine(serialized()) }

    /// Pretty-printed with two-space indents; non-ASCII text is written as is.
    public func serialized(indent: Int = 0) -> String {
        let pad = String(repeating: "  ", count: indent + 1)
        let close = String(repeating: "  ", count: indent)
        switch self {
        case .string(let s): return JSONValue.quote(s)
        case .number(let n): return n
        case .bool(let b): return b ? "true" : "false"
        case .null: return "null"
        case .array(let items):
            if items.isEmpty { return "[]" }
            return "[\n" + items.map { pad + $0.serialized(indent: indent + 1) }.joined(separator: ",\n") + "\n\(close)]"
        case .object(let pairs):
            if pairs.isEmpty { return "{}" }
            return "{\n"
                + pairs.map { pad + JSONValue.quote($0.0) + ": " + $0.1.serialized(indent: indent + 1) }
                .joined(separator: ",\n") + "\n\(close)}"
        }
    }

    static func quote(_ s: String) -> String {
        var writer = JSONWriter(capacity: s.utf8.count + 2)
        writer.string(s)
        return writer.text
    }

    /// Writes this value through `writer`.
    func write(to writer: inout JSONWriter) {
        switch self {
        case .string(let s): writer.string(s)
        case .number(let n): writer.number(n)
        case .bool(let b): writer.bool(b)
        case .null: writer.null()
        case .array(let items):
            writer.beginArray()
            for item in items { item.write(to: &writer) }
            writer.endArray()
        case .object(let pairs):
            writer.beginObject()
            for (key, value) in pairs {
                writer.key(key)
                value.write(to: &writer)
            }
            writer.endObject()
        }
    }
}

/// Terminal display width: East Asian wide and full-width characters take two columns.
/// No package on this machine provides wcwidth for Swift, so the ranges are listed here.
public enum DisplayWidth {
    public static func of(_ text: String) -> Int {
        // ASCII, as codes, numbers and dates are, is one column a byte (but NUL).
        var ascii = 0
        for byte in text.utf8 {
            guard byte < 0x80 else { return text.unicodeScalars.reduce(0) { $0 + width($1) } }
            if byte != 0 { ascii += 1 }
        }
        return ascii
    }

    static func width(_ scalar: Unicode.Scalar) -> Int {
        let v = scalar.value
        if v == 0 || (0x300...0x36F).contains(v) || (0x200B...0x200F).contains(v) || v == 0xFE0F { return 0 }
        if (0x1100...0x115F).contains(v) || (0x2E80...0x303E).contains(v) || (0x3041...0x33FF).contains(v)
            || (0x3400...0x4DBF).contains(v) || (0x4E00...0x9FFF).contains(v) || (0xA000...0xA4CF).contains(v)
            || (0xAC00...0xD7A3).contains(v) || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v)
            || (0xFF00...0xFF60).contains(v) || (0xFFE0...0xFFE6).contains(v) || (0x1F300...0x1F64F).contains(v)
            || (0x1F900...0x1F9FF).contains(v) || (0x20000...0x3FFFD).contains(v)
        {
            return 2
        }
        return 1
    }
}

/// What a show command prints: one record's fields, then tables of related rows.
public struct Record: Sendable {
    public struct Section: Sendable {
        public var key: String
        public var title: Message
        public var table: Table
        /// What the table format prints instead of `table`, one line each (an audit trail
        /// read as sentences); CSV and JSON keep `table`.
        public var lines: [String]?

        public init(key: String, title: Message, table: Table, lines: [String]? = nil) {
            self.key = key
            self.title = title
            self.table = table
            self.lines = lines
        }
    }

    public var fields: [(Table.Column, Cell)]
    public var sections: [Section]

    public init(fields: [(Table.Column, Cell)], sections: [Section] = []) {
        self.fields = fields
        self.sections = sections
    }
}

extension TableRenderer {
    public func render(_ record: Record, as format: OutputFormat) -> String {
        switch format {
        case .json:
            var pairs = record.fields.map { ($0.0.key, jsonValue($0.1)) }
            for section in record.sections {
                pairs.append((section.key, .array(section.table.rows.map { row in
                    .object(zip(section.table.columns, row).map { ($0.key, jsonValue($1)) })
                })))
            }
            return JSONValue.object(pairs).serialized() + "\n"
        case .table, .csv:
            let fieldTable = Table(
                columns: [.init("field", Message.Header.field), .init("value", Message.Header.value)],
                rows: record.fields.map { [.text($0.0.header.text(language)), $0.1] })
            var out = format == .table ? aligned(fieldTable) : render(fieldTable, as: .csv)
            for section in record.sections {
                if format == .table {
                    out += "\n" + Message.Section.heading(section.title).text(language) + "\n"
                    if section.table.rows.isEmpty {
                        out += "—\n"
                    } else if let lines = section.lines {
                        out += fitted(lines)
                    } else {
                        out += aligned(section.table)
                    }
                } else {
                    out += "\r\n" + String(render(section.table, as: .csv).dropFirst())
                }
            }
            return out
        }
    }
}

extension TableRenderer {
    /// Lines each cut to `width`, for the terminal.
    public func fitted(_ lines: [String]) -> String {
        lines.map { DisplayWidth.cut($0, to: width ?? Int.max) + "\n" }.joined()
    }
}

extension TableRenderer {
    /// A table as a sheet: headers in the chosen language, codes by label, money as amounts,
    /// personal values masked unless `reveal`; the last row bold when it holds totals. A decimal
    /// in a column whose key ends in `_percent` is a percentage, a number with a percent format.
    public func worksheet(_ table: Table, name: String, title: String?, boldLastRow: Bool = false) -> Worksheet {
        let percent = table.columns.map { $0.key.hasSuffix("_percent") }
        func sheetCell(_ cell: Cell, column: Int, bold: Bool) -> SheetCell {
            switch cell {
            case .integer(let n): .integer(n, bold: bold)
            case .money(let fen): .money(fen, bold: bold)
            case .decimal(let d) where column < percent.count && percent[column]: .percent(d, bold: bold)
            case .null: .empty
            case .code, .residentID: .code(cell.text(reveal: reveal, language: language))
            default: .text(cell.text(reveal: reveal, language: language), bold: bold)
            }
        }
        func sheetRow(_ row: [Cell], bold: Bool) -> [SheetCell] {
            row.enumerated().map { sheetCell($1, column: $0, bold: bold) }
        }
        var rows = table.rows.map { sheetRow($0, bold: false) }
        var footer: [[SheetCell]] = []
        if boldLastRow, let last = table.rows.last {
            rows.removeLast()
            footer = [sheetRow(last, bold: true)]
        }
        return Worksheet(name: name, title: title, header: table.columns.map { $0.header.text(language) }, rows: rows, footer: footer)
    }
}
