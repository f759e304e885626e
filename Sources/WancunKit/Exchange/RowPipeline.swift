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

    private let handover: Handover<Item>
    private let batchSize = 256

    init(table: TableReader, file: String, parse: @escaping @Sendable (TableRow, inout RowChecker) -> Parsed) {
        // Batches read ahead, at most: memory stays small however large the file.
        let handover = Handover<Item>(capacity: 4)
        self.handover = handover
        // The table is only ever touched by the reading thread until `finish()` has waited for it.
        nonisolated(unsafe) let table = table
        let batchSize = batchSize
        let thread = Thread {
            defer { handover.end() }
            while !handover.isStopped {
                var batch: [(row: TableRow, parsed: Parsed, problems: [RowProblem])] = []
                var failure: RowProblem?
                do throws(RowProblem) {
                    while batch.count < batchSize, let row = try table.next() {
                        var check = RowChecker(file: file)
                        let parsed = parse(row, &check)
                        batch.append((row, parsed, check.problems))
                    }
                } catch {
                    failure = error
                }
                if !batch.isEmpty && !handover.put(.rows(batch)) { return }
                if let failure { _ = handover.put(.failure(failure)) }
                if failure != nil || batch.count < batchSize { return }
            }
        }
        thread.start()
    }

    /// The next batch, waiting for it; nil after the last.
    func next() -> Item? { handover.take() }

    /// Stops reading (the caller may not have taken every row) and waits for the thread to end.
    func finish() {
        handover.stop()
        handover.waitForEnd()
    }
}
