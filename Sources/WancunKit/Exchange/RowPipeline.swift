import Foundation

/// Reads a table's rows on a thread of its own, and parses each with `parse`, while the caller
/// works on the rows before: an import's reading and parsing then take the second core instead
/// of adding to the database's time. Rows come in the file's order, in batches.
///
/// The reading thread owns the table until it stops: call `finish()` (which waits for it)
/// before touching the table again.
final class RowPipeline<Parsed: Sendable>: @unchecked Sendable {
    enum Item {
        /// Rows with what `parse` made of them and the problems it found.
        case rows([(row: TableRow, parsed: Parsed, problems: [RowProblem])])
        /// The file could not be read on from here.
        case failure(RowProblem)
    }

    private let condition = NSCondition()
    private var items: [Item] = []
    private var ended = false
    private var stopped = false
    private var running = true
    /// Batches read ahead, at most: memory stays small however large the file.
    private let ahead = 4
    private let batchSize = 256

    init(table: TableReader, file: String, parse: @escaping @Sendable (TableRow, inout RowChecker) -> Parsed) {
        // The table is only ever touched by the reading thread until `finish()` has waited for it.
        nonisolated(unsafe) let table = table
        let thread = Thread { [self] in
            read(table, file: file, parse: parse)
            condition.lock()
            running = false
            condition.broadcast()
            condition.unlock()
        }
        thread.start()
    }

    private func read(_ table: TableReader, file: String, parse: (TableRow, inout RowChecker) -> Parsed) {
        while true {
            condition.lock()
            while items.count >= ahead && !stopped { condition.wait() }
            let stop = stopped
            condition.unlock()
            if stop { return }
            var batch: [(row: TableRow, parsed: Parsed, problems: [RowProblem])] = []
            var last: Item?
            do {
                while batch.count < batchSize, let row = try table.next() {
                    var check = RowChecker(file: file)
                    let parsed = parse(row, &check)
                    batch.append((row, parsed, check.problems))
                }
            } catch {
                last = .failure(error)
            }
            let atEnd = last != nil || batch.count < batchSize
            condition.lock()
            if !batch.isEmpty { items.append(.rows(batch)) }
            if let last { items.append(last) }
            ended = atEnd
            condition.broadcast()
            condition.unlock()
            if atEnd { return }
        }
    }

    /// The next batch, waiting for it; nil after the last.
    func next() -> Item? {
        condition.lock()
        defer { condition.unlock() }
        while items.isEmpty && !ended { condition.wait() }
        if items.isEmpty { return nil }
        let item = items.removeFirst()
        condition.broadcast()
        return item
    }

    /// Stops reading (the caller may not have taken every row) and waits for the thread to end.
    func finish() {
        condition.lock()
        stopped = true
        condition.broadcast()
        while running { condition.wait() }
        condition.unlock()
    }
}
