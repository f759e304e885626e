import Foundation

/// A copy of a file someone sent, with a column saying what is wrong with each row, written
/// beside it (`NAME.errors.csv` or `NAME.errors.xlsx`) so that the sender can fix and resend.
public enum AnnotatedCopy {
    /// The copy's path for an input: `points.xlsx` → `points.errors.xlsx`; CSV and other
    /// text files give `.errors.csv`.
    public static func path(for input: String) -> String {
        let url = URL(fileURLWithPath: input)
        let isXLSX = ["xlsx", "xlsm"].contains(url.pathExtension.lowercased())
        let base = url.deletingPathExtension().lastPathComponent
        return url.deletingLastPathComponent().appendingPathComponent(base + (isXLSX ? ".errors.xlsx" : ".errors.csv")).path
    }

    /// Writes the copy: every row of the input as it was, plus a last column with each row's
    /// problems. `headerRow` gets the column's title. Returns the copy's path.
    @discardableResult
    public static func write(
        input: String, sheet: String? = nil, headerRow: Int?, problems: [RowProblem], language: Language,
        to output: String? = nil
    ) throws(RowProblem) -> String {
        var byRow: [Int: [String]] = [:]
        for problem in problems {
            guard let row = problem.row else { continue }
            var text = problem.message.text(language) + " [\(problem.rule)]"
            if let column = problem.column { text = Message.columnLabel(column).text(language) + " " + text }
            byRow[row, default: []].append(text)
        }
        return try write(
            input: input, sheet: sheet, headerRow: headerRow, notes: byRow.mapValues { $0.joined(separator: "；") },
            title: Message.problemsColumn.text(language), defaultNote: "", to: output ?? path(for: input))
    }

    /// Writes a copy of `input` with one more column: `title` on the header row, each row's
    /// note (or `defaultNote`) below it. The copy is CSV or XLSX by `output`'s extension.
    /// `width`: the most cells a row of the input has, when the caller read it all already.
    @discardableResult
    public static func write(
        input: String, sheet: String?, headerRow: Int?, notes: [Int: String], title: String, defaultNote: String, to output: String,
        width known: Int? = nil
    ) throws(RowProblem) -> String {
        let destination = output
        // The widest row, so that the notes line up in one column.
        var width = known ?? 0
        if known == nil {
            let widths = try TableReader.openSource(path: input, sheet: sheet)
            while let row = try widths.next() { width = max(width, row.cells.count) }
        }
        func annotated(_ number: Int, _ cells: [String]) -> [String] {
            let padded = cells + Array(repeating: "", count: width - cells.count)
            let isData = headerRow.map { number > $0 } ?? true
            let note = number == headerRow ? title : notes[number] ?? (isData && !cells.allSatisfy(\.isEmpty) ? defaultNote : "")
            return padded + [note]
        }
        let source = try TableReader.openSource(path: input, sheet: sheet)
        var number = 0
        if !destination.lowercased().hasSuffix(".xlsx") {
            // Row by row: a copy of a large CSV file never holds its cells all at once.
            var csv = try CSVWriter(streamingBeside: destination)
            do {
                while let row = try source.next() {
                    number += 1
                    csv.append(annotated(number, row.cells))
                }
                try csv.write(to: destination)
            } catch {
                csv.discard()
                throw error
            }
            return destination
        }
        var rows: [[String]] = []
        while let row = try source.next() {
            number += 1
            rows.append(annotated(number, row.cells))
        }
        // The copy keeps the input's rows where they were: its first row is the "header".
        try TableFile.write(
            Worksheet(name: sheet ?? "Sheet1", header: rows.first ?? [title], rows: rows.dropFirst().map { $0.map { SheetCell.text($0) } }),
            to: destination)
        return destination
    }
}
