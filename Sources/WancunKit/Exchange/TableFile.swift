import Foundation

/// Writing one sheet as the file's extension asks: `.xlsx` as a workbook, anything else as
/// CSV (UTF-8 with BOM) with the title, header, rows and footer lines in order.
public enum TableFile {
    /// Whether a file wancun writes at `path` is a workbook: `.xlsx`; any other name is CSV.
    public static func writesWorkbook(_ path: String) -> Bool { path.lowercased().hasSuffix(".xlsx") }

    /// Whether a file read from `path` is a workbook: `.xlsx`, or `.xlsm` as Excel saves one
    /// with macros (read as its sheets, the macros left alone).
    public static func readsWorkbook(_ path: String) -> Bool { ["xlsx", "xlsm"].contains((path as NSString).pathExtension.lowercased()) }

    /// `ownerOnly`: the file holds full ID numbers and is readable by its owner only.
    public static func write(_ sheet: Worksheet, to path: String, ownerOnly: Bool = false) throws(RowProblem) {
        let output = try Output(path: path, name: sheet.name, title: sheet.title, header: sheet.header, ownerOnly: ownerOnly)
        do {
            for row in sheet.rows { try output.append(row) }
            try output.finish(footer: sheet.footer)
        } catch {
            output.discard()
            throw error
        }
    }

    /// One sheet written a row at a time, for tables too large to hold: the rows go to a
    /// temporary file, and nothing is at `path` until `finish`, which replaces any file there.
    public final class Output {
        private let path: String
        private var csv: CSVWriter?
        private let book: XLSXWriter.Workbook?

        public init(path: String, name: String, title: String? = nil, header: [String], ownerOnly: Bool = false) throws(RowProblem) {
            self.path = path
            if TableFile.writesWorkbook(path) {
                let book = try XLSXWriter.Workbook(path: path, ownerOnly: ownerOnly)
                do { try book.beginSheet(name: name, title: title, header: header) } catch {
                    book.discard()
                    throw error
                }
                self.book = book
            } else {
                var csv = try CSVWriter(streamingBeside: path, ownerOnly: ownerOnly)
                if let title { csv.append([FormulaText.neutralise(title)]) }
                // An annotated copy or a conversion carries the sender's own header.
                csv.append(header.map(FormulaText.neutralise))
                self.csv = csv
                book = nil
            }
        }

        public func append(_ cells: [SheetCell]) throws(RowProblem) {
            if let book { try book.append(cells) } else { csv!.append(cells.map(\.csvText)) }
        }

        /// Writes the lines below the table (totals, signatures) and puts the file at `path`.
        public func finish(footer: [[SheetCell]] = []) throws(RowProblem) {
            if let book {
                for row in footer { try book.append(row, footer: true) }
                try book.finish()
            } else {
                for row in footer { csv!.append(row.map(\.csvText)) }
                try csv!.write(to: path)
            }
        }

        /// Gives up the file: its temporary files are removed and `path` is left as it was.
        public func discard() {
            book?.discard()
            csv?.discard()
        }
    }
}
