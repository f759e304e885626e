import Foundation
import GRDB

/// What an import did: rows read, rows written (none on a dry run), warnings.
public struct ImportSummary: Sendable {
    public var file: String
    public var rows: Int
    public var written: Int
    public var dryRun: Bool
    public var warnings: [RowProblem]
    /// Where the file's header row was.
    public var headerRow: Int
    /// Copies of the file's problems from an earlier run, removed now that it was imported.
    public var removedCopies: [String] = []
}

extension AppDatabase {
    /// The one import pipeline: reads a CSV or XLSX table, hands each row to `row` inside one
    /// immediate transaction, and commits only when no row had a problem (and it is not a dry
    /// run). Otherwise every problem is thrown together and nothing is written.
    ///
    /// `row` returns true when it wrote the row. It records problems in the checker; it may
    /// keep going after one, so that a file's problems are all listed at once.
    ///
    /// A file with a header and no data rows under it is refused (`NO_DATA_ROWS`, with
    /// `noRows`'s words): an import of nothing is a wrong file or sheet far more often than
    /// news. (A reconciliation reads its files itself, and takes an empty one as an answer.)
    ///
    /// `audited` (an action and who): an import that writes no line per row records one line
    /// for the whole file: its name, sha256, rows read and rows written.
    func importTable(
        path: String, sheet: String?, columns: [ColumnSpec], dryRun: Bool, audited: (String, ChangeContext)? = nil,
        prepare: (Database) throws -> Void = { _ in },
        noRows: (_ headerRow: Int, _ surface: Surface) -> Message = Message.noDataRows,
        progress: ((_ row: Int, _ fraction: Double) -> Void)? = nil,
        row handle: (TableRow, inout RowChecker, Database) throws -> Bool
    ) throws -> ImportSummary {
        try importTable(
            path: path, sheet: sheet, columns: columns, dryRun: dryRun, audited: audited, prepare: prepare, noRows: noRows,
            progress: progress, parse: { _, _ in () },
            row: { row, _, check, db in try handle(row, &check, db) })
    }

    /// The same, with each row first given to `parse` on a reading thread of its own (see
    /// `RowPipeline`), while the database works on the rows before: what `parse` makes of a
    /// row, and the problems it records, come to `row` with it. `opened` learns where the
    /// file's header row is before any row comes; `finish` runs after the last row of an import
    /// that is to be committed, inside its transaction.
    func importTable<Parsed: Sendable>(
        path: String, sheet: String?, columns: [ColumnSpec], dryRun: Bool, audited: (String, ChangeContext)? = nil,
        prepare: (Database) throws -> Void = { _ in },
        opened: (_ headerRow: Int) -> Void = { _ in },
        finish: (Database) throws -> Void = { _ in },
        noRows: (_ headerRow: Int, _ surface: Surface) -> Message = Message.noDataRows,
        progress: ((_ row: Int, _ fraction: Double) -> Void)? = nil,
        parse: @escaping @Sendable (TableRow, inout RowChecker) -> Parsed,
        row handle: (TableRow, Parsed, inout RowChecker, Database) throws -> Bool
    ) throws -> ImportSummary {
        let table = try TableReader(path: path, columns: columns, sheet: sheet)
        opened(table.headerRowNumber)
        let file = (path as NSString).lastPathComponent
        var check = RowChecker(file: file)
        var rows = 0
        var written = 0
        let pipeline = RowPipeline(table: table, file: file, parse: parse)
        // Whatever happens here, the reading thread is done with the table before it is read.
        defer { pipeline.finish() }
        do {
            try writer.writeWithoutTransaction { db in
                // A larger page cache for the bulk writes, back to the default afterwards.
                let cacheSize = try Int.fetchOne(db, sql: "PRAGMA cache_size") ?? -2000
                let tempStore = try Int.fetchOne(db, sql: "PRAGMA temp_store") ?? 0
                // Statement and savepoint journals in memory: on disk they cost a write per page.
                try db.execute(sql: "PRAGMA cache_size = -65536; PRAGMA temp_store = MEMORY")
                defer { try? db.execute(sql: "PRAGMA cache_size = \(cacheSize); PRAGMA temp_store = \(tempStore)") }
                try db.inTransaction(.immediate) {
                    try AuditChain.requireProtection(db)
                    try prepare(db)
                    reading: while let item = pipeline.next() {
                        switch item {
                        case .failure(let problem):
                            check.add(problem)
                            break reading
                        case .rows(let batch):
                            for (row, parsed, problems) in batch {
                                rows += 1
                                progress?(row.number, row.fraction)
                                guard check.readable(row) else { continue }
                                for problem in problems { check.add(problem) }
                                if try handle(row, parsed, &check, db) { written += 1 }
                            }
                        }
                    }
                    if rows == 0 && check.problems.isEmpty {
                        check.add(
                            RowProblem(
                                file: file, row: nil, rule: "NO_DATA_ROWS", message: noRows(table.headerRowNumber, .commandLine),
                                onTheWeb: noRows(table.headerRowNumber, .web)))
                    }
                    guard check.problems.isEmpty && !dryRun else { return .rollback }
                    try finish(db)
                    if let (action, context) = audited {
                        try db.audit(
                            action, AuditSubject(),
                            after: .object([
                                ("file", .string(file)), ("sha256", .string(try Digest.sha256(fileAt: path))),
                                ("rows", .number(String(rows))), ("written", .number(String(written))),
                            ]), context: context)
                    }
                    return .commit
                }
            }
        } catch let error as DatabaseError {
            throw StoreError(error, path: writer.path)
        }
        pipeline.finish()
        if !check.problems.isEmpty {
            throw RowProblems(check.problems + table.warnings + check.warnings, input: path, sheet: sheet, headerRow: table.headerRowNumber)
        }
        return ImportSummary(
            file: path, rows: rows, written: dryRun ? 0 : written, dryRun: dryRun, warnings: table.warnings + check.warnings,
            headerRow: table.headerRowNumber, removedCopies: dryRun ? [] : AnnotatedCopy.removeStale(for: path))
    }
}
