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
                pairs.append(
                    (
                        section.key,
                        .array(
                            section.table.rows.map { row in
                                .object(zip(section.table.columns, row).map { ($0.key, jsonValue($1)) })
                            })
                    ))
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
    /// Writes a table to `path`: as `format` prints it, or, when `format` is nil, as a workbook of
    /// one sheet (`worksheet`).
    public func write(
        _ table: Table, as format: OutputFormat?, to path: String, sheet: String, title: String?, boldLastRow: Bool = false
    ) throws(RowProblem) {
        if let format {
            try FileOutput.write(Data(render(table, as: format).utf8), to: path)
        } else {
            try XLSXWriter.write([worksheet(table, name: sheet, title: title, boldLastRow: boldLastRow)], to: path)
        }
    }

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
