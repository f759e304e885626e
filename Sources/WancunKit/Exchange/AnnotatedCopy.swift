import Foundation

/// A copy of a file someone sent, with a column saying what is wrong with each row, written
/// beside it (`NAME.errors.csv` or `NAME.errors.xlsx`) so that the sender can fix and resend.
public enum AnnotatedCopy {
    /// The copy's path for an input: `points.xlsx` → `points.errors.xlsx`; CSV and other
    /// text files give `.errors.csv`.
    public static func path(for input: String) -> String { path(for: input, role: "errors") }

    /// The path of the copy a whole import writes, each row's outcome marked: `points.result.xlsx`.
    public static func resultPath(for input: String) -> String { path(for: input, role: "result") }

    /// `NAME.ROLE.xlsx` beside a workbook, `NAME.ROLE.csv` beside any other file.
    static func path(for input: String, role: String) -> String {
        let url = URL(fileURLWithPath: input)
        let base = url.deletingPathExtension().lastPathComponent
        return url.deletingLastPathComponent().appendingPathComponent(base + "." + role + (TableFile.readsWorkbook(input) ? ".xlsx" : ".csv")).path
    }

    /// After `input` was imported whole: removes the copy marking its problems that an earlier
    /// run left beside it (`path(for:)`), now out of date, when wancun wrote it and nobody has
    /// changed it since. Returns the path removed. (`points.csv` never takes `points.errors.xlsx`,
    /// the copy of `points.xlsx`.)
    public static func removeStale(for input: String) -> [String] {
        let copy = path(for: input)
        guard FileManager.default.fileExists(atPath: copy), let recorded = WrittenFiles.sha256(of: copy),
            (try? Digest.sha256(fileAt: copy)) == recorded, (try? FileManager.default.removeItem(atPath: copy)) != nil
        else { return [] }
        return [copy]
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
    /// note (or `defaultNote`) below it. The copy is CSV or XLSX by `output`'s extension;
    /// `ownerOnly` for a copy of a file that holds full ID numbers (the bureau's).
    @discardableResult
    public static func write(
        input: String, sheet: String?, headerRow: Int?, notes: [Int: String], title: String, defaultNote: String, to output: String,
        ownerOnly: Bool = false
    ) throws(RowProblem) -> String {
        try write(input: input, sheet: sheet, to: output, ownerOnly: ownerOnly) { number, blank in
            let isData = headerRow.map { number > $0 } ?? true
            return number == headerRow ? title : notes[number] ?? (isData && !blank ? defaultNote : "")
        }
        return output
    }

    /// The copy, each row's note from `note` (given the row's number and whether its cells are
    /// all empty); the copy is given up when `note` returns nil. The rows come from those the
    /// command read of the file (`RowSpool`), the file itself being read again only when none
    /// were kept.
    fileprivate static func write(
        input: String, sheet: String?, to destination: String, ownerOnly: Bool = false, note: (Int, Bool) -> String?
    ) throws(RowProblem) {
        // The widest row, so that the notes line up in one column.
        var width = 0
        let next: () throws(RowProblem) -> [String]?
        if let spool = RowSpool.latest(path: input, sheet: sheet), let reader = RowSpool.Reader(spool) {
            // Rows that ended at a problem make no copy, as reading the file again would not.
            if case .failure(let problem) = spool.ending { throw problem }
            // A CSV copy goes from the kept bytes to the file's, without a string for each cell.
            guard TableFile.writesWorkbook(destination) else {
                return try writeCSV(reader, width: spool.width, to: destination, ownerOnly: ownerOnly, note: note)
            }
            width = spool.width
            next = { reader.next() }
        } else {
            let widths = try TableReader.openSource(path: input, sheet: sheet)
            while let row = try widths.next() { width = max(width, row.cells.count) }
            let source = try TableReader.openSource(path: input, sheet: sheet)
            next = { () throws(RowProblem) in try source.next()?.cells }
        }
        func annotated(_ number: Int, _ cells: [String]) -> [String]? {
            guard let note = note(number, cells.allSatisfy(\.isEmpty)) else { return nil }
            return cells + Array(repeating: "", count: width - cells.count) + [note]
        }
        // Row by row: a copy of a large file never holds its cells all at once. The copy keeps
        // the input's rows where they were: its first row is the "header".
        var number = 1
        guard let header = annotated(number, try next() ?? []) else { return }
        let output = try TableFile.Output(path: destination, name: sheet ?? "Sheet1", header: header, ownerOnly: ownerOnly)
        do {
            while let cells = try next() {
                number += 1
                guard let cells = annotated(number, cells) else { return output.discard() }
                try output.append(cells.map { SheetCell.text($0) })
            }
            try output.finish()
        } catch {
            output.discard()
            throw error
        }
    }

    /// The same copy as CSV, from the kept rows' bytes: the same cells and lines as
    /// `TableFile.Output` writes of them as text cells.
    private static func writeCSV(
        _ reader: RowSpool.Reader, width: Int, to destination: String, ownerOnly: Bool, note: (Int, Bool) -> String?
    ) throws(RowProblem) {
        var csv = try CSVWriter(streamingBeside: destination, ownerOnly: ownerOnly)
        var number = 0
        var givenUp = false
        let none = UnsafeBufferPointer<UInt8>(start: nil, count: 0)
        func add(_ cells: [UnsafeBufferPointer<UInt8>]) {
            number += 1
            guard var text = note(number, cells.allSatisfy(\.isEmpty)) else {
                givenUp = true
                return
            }
            text.withUTF8 { csv.append(textBytes: cells + Array(repeating: none, count: width - cells.count) + [$0]) }
        }
        do {
            while !givenUp, try reader.nextRow({ add($0) }) {}
            // A file without rows still gets its header's note, on a line of its own.
            if number == 0 { add([]) }
            if givenUp { return csv.discard() }
            try csv.write(to: destination)
        } catch {
            csv.discard()
            throw error
        }
    }

    /// A copy whose notes come from an import as it decides its rows, written once the import
    /// is done from the rows it read (`RowSpool`), so that the file is not read a second time.
    /// The notes wait in a spool of their own meanwhile: a large file's notes are never all
    /// held at once. The copy is written only when `finish()` is called.
    ///
    /// `header(_:)`, `note(_:_:)`, `finish()` and `discard()` are called from one thread, rows
    /// in the file's order.
    public final class Stream {
        private let input: String
        private let sheet: String?
        private let output: String
        private let title: String
        /// Each note as a row of two cells: the row's number and the note.
        private var notes = RowSpool()
        private var held: [(Int, String)] = []

        /// Gets ready to copy `input` to `output`; `title` heads the new column on the header row.
        public init(input: String, sheet: String?, title: String, to output: String) {
            (self.input, self.sheet, self.output, self.title) = (input, sheet, output, title)
        }

        /// The file's header row: it gets the column's title.
        public func header(_ row: Int) { note(row, title) }

        /// A row's note; every row before it without one gets none.
        public func note(_ row: Int, _ text: String) {
            if let notes { notes.append([String(row), text]) } else { held.append((row, text)) }
        }

        /// Every row has its note: writes the copy, and returns its path.
        public func finish() throws(RowProblem) -> String {
            var next: () -> (Int, String)?
            if let spool = notes {
                spool.end(nil)
                let reader = RowSpool.Reader(spool)
                next = { reader?.next().flatMap { cells in Int(cells[0]).map { ($0, cells[1]) } } }
            } else {
                var index = 0
                next = { [held] in
                    defer { index += 1 }
                    return index < held.count ? held[index] : nil
                }
            }
            var coming = next()
            try AnnotatedCopy.write(input: input, sheet: sheet, to: output) { number, _ in
                while let (row, _) = coming, row < number { coming = next() }
                guard let (row, text) = coming, row == number else { return "" }
                coming = next()
                return text
            }
            notes = nil
            return output
        }

        /// The copy is not wanted: nothing is written.
        public func discard() {
            notes = nil
            held = []
        }
    }
}

extension RowProblems {
    /// What became of the copy marking a file's problems row by row.
    public enum CopyOutcome: Sendable {
        /// Written beside the file, at this path.
        case written(String)
        /// Not written, for a reason not among the problems already told.
        case failed(RowProblem)
    }

    /// Writes the copy of the file marking each row's problems beside it (`AnnotatedCopy.path`),
    /// when the problems are in rows of a file that can be read again; nil when there is no
    /// copy to write, or the file cannot be read past a problem already told.
    public func writeCopy(language: Language) -> CopyOutcome? {
        guard let input, errors.contains(where: { $0.row != nil }) else { return nil }
        do {
            return .written(try AnnotatedCopy.write(input: input, sheet: sheet, headerRow: headerRow, problems: problems, language: language))
        } catch  where !problems.contains(error) {
            return .failed(error)
        } catch {
            return nil
        }
    }
}
