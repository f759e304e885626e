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
    /// note (or `defaultNote`) below it. The copy is CSV or XLSX by `output`'s extension;
    /// `ownerOnly` for a copy of a file that holds full ID numbers (the bureau's).
    @discardableResult
    public static func write(
        input: String, sheet: String?, headerRow: Int?, notes: [Int: String], title: String, defaultNote: String, to output: String,
        ownerOnly: Bool = false
    ) throws(RowProblem) -> String {
        try write(input: input, sheet: sheet, to: output, ownerOnly: ownerOnly) { number, cells in
            let isData = headerRow.map { number > $0 } ?? true
            return number == headerRow ? title : notes[number] ?? (isData && !cells.allSatisfy(\.isEmpty) ? defaultNote : "")
        }
        return output
    }

    /// The copy, each row's note from `note` (given the row's number and cells); the copy is
    /// given up when `note` returns nil.
    fileprivate static func write(
        input: String, sheet: String?, to destination: String, ownerOnly: Bool = false, note: (Int, [String]) -> String?
    ) throws(RowProblem) {
        // The widest row, so that the notes line up in one column.
        var width = 0
        let widths = try TableReader.openSource(path: input, sheet: sheet)
        while let row = try widths.next() { width = max(width, row.cells.count) }
        func annotated(_ number: Int, _ cells: [String]) -> [String]? {
            guard let note = note(number, cells) else { return nil }
            return cells + Array(repeating: "", count: width - cells.count) + [note]
        }
        let source = try TableReader.openSource(path: input, sheet: sheet)
        // Row by row: a copy of a large file never holds its cells all at once. The copy keeps
        // the input's rows where they were: its first row is the "header".
        var number = 1
        guard let header = annotated(number, try source.next()?.cells ?? []) else { return }
        let output = try TableFile.Output(path: destination, name: sheet ?? "Sheet1", header: header, ownerOnly: ownerOnly)
        do {
            while let row = try source.next() {
                number += 1
                guard let cells = annotated(number, row.cells) else { return output.discard() }
                try output.append(cells.map { SheetCell.text($0) })
            }
            try output.finish()
        } catch {
            output.discard()
            throw error
        }
    }

    /// A copy written on a thread of its own while an import decides its rows, so that the
    /// import does not read the file a second time when it is done. Each row's note comes from
    /// the import as soon as it is decided; the copy is kept only when `finish()` is called.
    ///
    /// `header(_:)`, `note(_:_:)`, `finish()` and `discard()` are called from one thread, rows
    /// in the file's order.
    public final class Stream: @unchecked Sendable {
        private let condition = NSCondition()
        /// Notes the copy's thread has not taken yet, by row number.
        private var notes: [Int: String] = [:]
        /// Every row up to this one has its note (rows without one get none).
        private var settled = 0
        private var ended = false
        private var discarded = false
        private var running = true
        private var failure: RowProblem?
        /// Notes not yet handed over: they go across in batches, not one lock per row.
        private var batch: [(Int, String)] = []
        private var batchEnd = 0
        private let output: String
        private let title: String

        /// Starts copying `input` to `output`; `title` heads the new column on the header row.
        public init(input: String, sheet: String?, title: String, to output: String) {
            self.output = output
            self.title = title
            // A thread does not inherit task-local values: the copy is allowed what its caller is.
            let overwrite = FileOutput.overwrite
            let thread = Thread { [self] in
                let written = FileOutput.$overwrite.withValue(overwrite) {
                    Result { () throws(RowProblem) in
                        try AnnotatedCopy.write(input: input, sheet: sheet, to: output) { number, _ in self.take(number) }
                    }
                }
                if case .failure(let error) = written {
                    condition.lock()
                    failure = error
                    condition.unlock()
                }
                condition.lock()
                running = false
                condition.broadcast()
                condition.unlock()
            }
            thread.start()
        }

        /// The file's header row: it gets the column's title.
        public func header(_ row: Int) { note(row, title) }

        /// A row's note; every row before it without one gets none.
        public func note(_ row: Int, _ text: String) {
            batch.append((row, text))
            batchEnd = row
            if batch.count >= 256 { handOver() }
        }

        private func handOver(ending: Bool = false) {
            condition.lock()
            for (row, text) in batch { notes[row] = text }
            settled = max(settled, batchEnd)
            ended = ended || ending
            condition.broadcast()
            condition.unlock()
            batch.removeAll(keepingCapacity: true)
        }

        /// On the copy's thread: the note of row `number`, once it is known; nil once discarded.
        private func take(_ number: Int) -> String? {
            condition.lock()
            defer { condition.unlock() }
            while settled < number && !ended && !discarded { condition.wait() }
            return discarded ? nil : notes.removeValue(forKey: number) ?? ""
        }

        /// Every row has its note: waits for the copy to be written, and returns its path.
        public func finish() throws(RowProblem) -> String {
            handOver(ending: true)
            wait()
            if let failure { throw failure }
            return output
        }

        /// The copy is not wanted: the thread stops and leaves no file behind.
        public func discard() {
            condition.lock()
            discarded = true
            condition.broadcast()
            condition.unlock()
            wait()
        }

        private func wait() {
            condition.lock()
            while running { condition.wait() }
            condition.unlock()
        }
    }
}
