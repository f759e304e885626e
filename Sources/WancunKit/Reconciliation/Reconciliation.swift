import Foundation
import GRDB

/// What a row, or a registry entry, came to when the two sides were put together.
public enum ReconOutcome: String, Sendable, CaseIterable, Codable {
    case matched
    case amountMismatch = "amount_mismatch"
    case fieldMismatch = "field_mismatch"
    case onlyInRegistry = "only_in_registry"
    case onlyInFile = "only_in_file"
    case duplicateInFile = "duplicate_in_file"
    case unknownKey = "unknown_key"
    case invalidRow = "invalid_row"
}

public enum ReconKind: String, Sendable, CaseIterable {
    case hr, parcels, fees, purchases
}

/// One difference found: the key, the row of the file (if any), the field and both values.
public struct ReconItem: Sendable, Hashable {
    public var outcome: ReconOutcome
    public var key: String
    public var row: Int?
    public var field: String?
    public var expected: String?
    public var actual: String?
}

/// A finished reconciliation: counts per outcome, totals (expected, actual, difference, the
/// way hledger reports a failed balance assertion), and the differences. Matched rows are
/// counted, not stored.
public struct ReconReport: Sendable {
    public var id: Int64
    public var kind: ReconKind
    public var subject: String
    public var month: Month?
    public var fileName: String
    public var createdAt: String
    /// `fen` or `parcels`.
    public var unit: String
    public var expectedTotal: Int64
    public var actualTotal: Int64
    public var counts: [ReconOutcome: Int]
    public var items: [ReconItem]
    /// The hash of the report's own audit line: the chain's head when it was made (nil for a
    /// report made before the chain).
    public var auditHead: AuditHead?
    /// Where the file's header was, for the annotated copy (nil for a report read back).
    public var headerRow: Int? = nil
    /// An HR answer's changes to the decisions already recorded for the run, before it recorded them.
    public var decisionChanges: [DecisionChange] = []
    /// A dry run's report: what would be recorded, nothing written (its `id` is the one it would take).
    public var dryRun = false

    public var difference: Int64 { actualTotal - expectedTotal }
    public var allMatched: Bool { ReconOutcome.allCases.allSatisfy { $0 == .matched || counts[$0, default: 0] == 0 } }

    func total(_ n: Int64) -> String { unit == "fen" ? Fen(n).yuanText : String(n) }
    public var expectedText: String { total(expectedTotal) }
    public var actualText: String { total(actualTotal) }
    public var differenceText: String { total(difference) }
}

/// A field both sides carry: its header in the file and how a file's cell becomes the
/// canonical text the registry side holds (amounts as fen, times to the minute).
struct ReconField {
    var key: String
    var header: String
    var isAmount: Bool
    var parse: (String) throws(ValueError) -> String
    /// False for what the file carries only to be recorded (a payment date, a remark).
    var compared = true
    var required = true
}

/// What one kind of reconciliation reads: the file's columns and key, the fields compared,
/// the registry side as SQL (`key, v1 … vn`), and SQL telling whether an unmatched key is
/// known to the registry at all (`f.key` names it).
struct ReconSpec {
    var kind: ReconKind
    var subject: String
    var month: Month?
    var runId: Int64?
    var keyColumn: ColumnSpec
    var parseKey: (String) throws(ValueError) -> String
    var maskKey: ((String) -> String)?
    var fields: [ReconField]
    /// The amount field the totals add up; nil to count rows.
    var totalField: Int?
    var unit: String
    var registrySQL: String
    var registryArguments: StatementArguments
    var knownSQL: String
    var knownArguments: StatementArguments
}

/// Why a reconciliation was refused.
public enum ReconError: Error, Equatable, Sendable {
    case alreadyReconciled(id: Int64, date: String)
    case unknown(Int64)
    case runNotFinal(Int64)

    public var rule: String {
        switch self {
        case .alreadyReconciled: "FILE_ALREADY_RECONCILED"
        case .unknown: "RECONCILIATION_UNKNOWN"
        case .runNotFinal: "RUN_NOT_FINAL"
        }
    }
}

/// Options every reconcile takes.
public struct ReconOptions: Sendable {
    public var again = false
    /// Record rows that cannot be read as `invalid_row` instead of refusing the file.
    public var skipInvalid = false
    public var sheet: String?
    /// A reviewer's approval, which an HR answer that changes decisions already recorded
    /// needs once accounts exist.
    public var review: Review?
    /// Reconcile and roll back: the report, and an HR answer's changes to recorded decisions,
    /// as the reconciliation would make them, with no approval needed and nothing written.
    public var dryRun: Bool

    public init(again: Bool = false, skipInvalid: Bool = false, sheet: String? = nil, review: Review? = nil, dryRun: Bool = false) {
        self.again = again
        self.skipInvalid = skipInvalid
        self.sheet = sheet
        self.review = review
        self.dryRun = dryRun
    }
}

extension AppDatabase {
    /// The one reconciliation core. Reads the whole file into a temporary table (every row
    /// checked; problems refuse the file unless `skipInvalid`), puts the registry side beside
    /// it, finds each outcome with SQL, and records the report with its differences (with
    /// `dryRun`, all of it rolled back). `record` runs in the same transaction, for what a kind
    /// keeps besides the report.
    func reconcile(
        _ spec: ReconSpec, file path: String, options: ReconOptions, context: ChangeContext,
        record: (Database, Int64) throws -> Void = { _, _ in }
    ) throws -> ReconReport {
        let sha = try Digest.sha256(fileAt: path)
        let fileName = (path as NSString).lastPathComponent
        let table = try TableReader(
            path: path, columns: [spec.keyColumn] + spec.fields.map { ColumnSpec($0.key, $0.header, required: $0.required) }, sheet: options.sheet)
        let n = spec.fields.count
        func transaction(_ work: (Database) throws -> ReconReport) throws -> ReconReport {
            try options.dryRun ? writeAndRollBack(work) : write(work)
        }
        return try transaction { db in
            // The file side lives in a temporary table; a larger page cache keeps it quick.
            try db.execute(sql: "PRAGMA cache_size = -65536")
            if !options.again,
                let earlier = try Row.fetchOne(
                    db, sql: "SELECT id, created_at FROM reconciliation WHERE kind = ? AND file_sha256 = ? ORDER BY id DESC LIMIT 1",
                    arguments: [spec.kind.rawValue, sha])
            {
                throw ReconError.alreadyReconciled(id: earlier["id"], date: String((earlier["created_at"] as String).prefix(10)))
            }
            let columns = (1...n).map { "v\($0) TEXT" }.joined(separator: ", ")
            try db.execute(
                sql: """
                    DROP TABLE IF EXISTS temp.recon_file; DROP TABLE IF EXISTS temp.recon_registry;
                    CREATE TEMP TABLE recon_file (row INTEGER PRIMARY KEY, key TEXT NOT NULL, \(columns));
                    CREATE TEMP TABLE recon_registry (key TEXT NOT NULL, \(columns));
                    """)
            defer {
                try? db.execute(
                    sql: "DROP TABLE IF EXISTS temp.recon_file; DROP TABLE IF EXISTS temp.recon_registry; DROP TABLE IF EXISTS temp.recon_dup")
            }
            // The file side, every row checked.
            var check = RowChecker(file: fileName)
            var invalid: [ReconItem] = []
            let insert = try db.makeStatement(
                sql: "INSERT INTO recon_file (row, key, " + "\((1...n).map { "v\($0)" }.joined(separator: ", "))) VALUES (?, "
                    + "?\(String(repeating: ", ?", count: n)))")
            while true {
                let next: TableRow?
                do { next = try table.next() } catch let problem as RowProblem {
                    check.add(problem)
                    break
                }
                guard let row = next else { break }
                let before = check.problems.count
                guard check.readable(row) else { continue }
                let key = check.value(row, spec.keyColumn.key, personal: spec.maskKey) { text throws(ValueError) in try spec.parseKey(text) }
                let values = spec.fields.map { field in check.value(row, field.key) { text throws(ValueError) in try field.parse(text) } }
                guard check.problems.count == before, let key else {
                    if options.skipInvalid {
                        let text = row[spec.keyColumn.key]
                        invalid.append(
                            ReconItem(
                                outcome: .invalidRow, key: spec.maskKey?(text) ?? text, row: row.number,
                                field: check.problems.last?.column, expected: nil, actual: check.problems.last?.rule))
                    }
                    continue
                }
                let first: [(any DatabaseValueConvertible)?] = [row.number, key]
                try insert.execute(arguments: StatementArguments(first + values.map { $0 as (any DatabaseValueConvertible)? }))
            }
            if !options.skipInvalid && !check.problems.isEmpty {
                throw RowProblems(check.problems + table.warnings, input: path, sheet: options.sheet, headerRow: table.headerRowNumber)
            }
            // Indexes are built once the tables are full: a sort, not a million random inserts.
            try db.execute(
                sql: "INSERT INTO recon_registry (key, \((1...n).map { "v\($0)" }.joined(separator: ", "))) \(spec.registrySQL)",
                arguments: spec.registryArguments)
            try db.execute(
                sql: """
                    CREATE INDEX temp.recon_file_on_key ON recon_file(key, row);
                    CREATE UNIQUE INDEX temp.recon_registry_on_key ON recon_registry(key);
                    DROP TABLE IF EXISTS temp.recon_dup;
                    CREATE TEMP TABLE recon_dup AS
                      SELECT f.row, f.key FROM recon_file f
                      JOIN (SELECT key, min(row) AS first FROM recon_file GROUP BY key HAVING count(*) > 1) d ON d.key = f.key
                      WHERE f.row > d.first;
                    """)
            // A key's first row in the file is the one compared; later ones are duplicates.
            let first = "f.row NOT IN (SELECT row FROM recon_dup)"
            var items: [ReconItem] = invalid
            for row in try Row.fetchAll(db, sql: "SELECT row, key FROM recon_dup ORDER BY row") {
                items.append(ReconItem(outcome: .duplicateInFile, key: row["key"], row: row["row"], field: nil, expected: nil, actual: nil))
            }
            // Both sides: any other field that differs makes a field mismatch; else any amount.
            let differs = spec.fields.indices.filter { spec.fields[$0].compared }.map { "f.v\($0 + 1) IS NOT r.v\($0 + 1)" }
                .joined(separator: " OR ")
            let pick = (1...n).map { "f.v\($0) AS f\($0), r.v\($0) AS r\($0)" }.joined(separator: ", ")
            var matched = try Int.fetchOne(db, sql: "SELECT count(*) FROM recon_file f JOIN recon_registry r ON r.key = f.key WHERE \(first)") ?? 0
            for row in try Row.fetchAll(
                db,
                sql: "SELECT f.row, f.key, \(pick) FROM recon_file f JOIN recon_registry r ON r.key = "
                    + "f.key WHERE \(first) AND (\(differs)) ORDER BY f.row")
            {
                matched -= 1
                let diffs = spec.fields.indices.filter {
                    spec.fields[$0].compared && (row["f\($0 + 1)"] as String?) != (row["r\($0 + 1)"] as String?)
                }
                let fieldDiffs = diffs.filter { !spec.fields[$0].isAmount }
                let outcome: ReconOutcome = fieldDiffs.isEmpty ? .amountMismatch : .fieldMismatch
                for i in (fieldDiffs.isEmpty ? diffs : fieldDiffs) {
                    let field = spec.fields[i]
                    func show(_ v: String?) -> String? { field.isAmount ? v.flatMap { Int64($0) }.map { Fen($0).yuanText } : v }
                    items.append(
                        ReconItem(
                            outcome: outcome, key: row["key"], row: row["row"], field: field.header, expected: show(row["r\(i + 1)"]),
                            actual: show(row["f\(i + 1)"])))
                }
            }
            for row in try Row.fetchAll(
                db,
                sql: """
                    SELECT f.row, f.key, \(spec.knownSQL) AS known FROM recon_file f
                    WHERE \(first) AND NOT EXISTS (SELECT 1 FROM recon_registry r WHERE r.key = f.key) ORDER BY f.row
                    """, arguments: spec.knownArguments)
            {
                items.append(
                    ReconItem(
                        outcome: (row["known"] as Bool) ? .onlyInFile : .unknownKey, key: row["key"], row: row["row"], field: nil, expected: nil,
                        actual: nil))
            }
            for row in try Row.fetchAll(
                db, sql: "SELECT r.key FROM recon_registry r WHERE NOT EXISTS (SELECT 1 FROM recon_file f WHERE f.key = r.key) ORDER BY r.key")
            {
                items.append(ReconItem(outcome: .onlyInRegistry, key: row["key"], row: nil, field: nil, expected: nil, actual: nil))
            }
            func total(_ table: String) -> String {
                spec.totalField.map { "coalesce(sum(CAST(\(table).v\($0 + 1) AS INTEGER)), 0)" } ?? "count(*)"
            }
            let expected = try Int64.fetchOne(db, sql: "SELECT \(total("r")) FROM recon_registry r") ?? 0
            let actual = try Int64.fetchOne(db, sql: "SELECT \(total("f")) FROM recon_file f WHERE \(first)") ?? 0
            // Counts are per row (or registry entry), not per differing field.
            var counts = Dictionary(uniqueKeysWithValues: ReconOutcome.allCases.map { ($0, 0) })
            counts[.matched] = matched
            var seenRows = Set<String>()
            for item in items where seenRows.insert("\(item.outcome.rawValue)|\(item.row ?? -1)|\(item.key)").inserted {
                counts[item.outcome, default: 0] += 1
            }
            // The report's own audit line comes first, so that the report records its hash:
            // the chain's head when the report was made, as printed for the paper copy.
            let id = (try Int64.fetchOne(db, sql: "SELECT max(id) FROM reconciliation") ?? 0) + 1
            let head = try db.audit(
                "reconcile.\(spec.kind.rawValue)", AuditSubject(),
                after: .object([("reconciliation", .number(String(id))), ("file", .string(fileName)), ("subject", .string(spec.subject))]),
                context: context)
            try db.execute(
                sql: """
                    INSERT INTO reconciliation (id, kind, subject, month, run_id, file_name, file_sha256, created_at, clerk, unit,
                      expected_total, actual_total, audit_id, audit_hash, matched, amount_mismatch, field_mismatch, only_in_registry,
                      only_in_file, duplicate_in_file, unknown_key, invalid_row)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: StatementArguments(
                    [
                        id, spec.kind.rawValue, spec.subject, spec.month, spec.runId, fileName, sha, context.timestamp, context.clerk, spec.unit,
                        expected, actual, head.id, head.hash,
                    ] as [(any DatabaseValueConvertible)?]) + StatementArguments(ReconOutcome.allCases.map { counts[$0, default: 0] }))
            let itemInsert = try db.makeStatement(
                sql: "INSERT INTO reconciliation_item (reconciliation_id, outcome, key, file_row, "
                    + "field, expected, actual) VALUES (?, ?, ?, ?, ?, ?, ?)")
            for item in items {
                try itemInsert.execute(arguments: [id, item.outcome.rawValue, item.key, item.row, item.field, item.expected, item.actual])
            }
            try record(db, id)
            return ReconReport(
                id: id, kind: spec.kind, subject: spec.subject, month: spec.month, fileName: fileName, createdAt: context.timestamp, unit: spec.unit,
                expectedTotal: expected, actualTotal: actual, counts: counts, items: items, auditHead: options.dryRun ? nil : head,
                headerRow: table.headerRowNumber, dryRun: options.dryRun)
        }
    }

    /// Past reports, newest first.
    public func reconciliations() throws -> [ReconReport] {
        try read { db in try Row.fetchAll(db, sql: "SELECT * FROM reconciliation ORDER BY id DESC").map { try Self.report(db, $0, items: false) } }
    }

    public func reconciliation(_ id: Int64) throws -> ReconReport {
        try read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM reconciliation WHERE id = ?", arguments: [id]) else {
                throw ReconError.unknown(id)
            }
            return try Self.report(db, row, items: true)
        }
    }

    static func report(_ db: Database, _ row: Row, items: Bool) throws -> ReconReport {
        let id: Int64 = row["id"]
        var counts: [ReconOutcome: Int] = [:]
        for outcome in ReconOutcome.allCases { counts[outcome] = row[outcome.rawValue] }
        let list =
            items
            ? try Row.fetchAll(
                db, sql: "SELECT * FROM reconciliation_item WHERE reconciliation_id = ? ORDER BY file_row IS NULL, file_row, id", arguments: [id]
            )
            .map { r in
                ReconItem(
                    outcome: ReconOutcome(rawValue: r["outcome"])!, key: r["key"], row: r["file_row"], field: r["field"],
                    expected: r["expected"], actual: r["actual"])
            } : []
        return ReconReport(
            id: id, kind: ReconKind(rawValue: row["kind"])!, subject: row["subject"], month: row["month"], fileName: row["file_name"],
            createdAt: row["created_at"], unit: row["unit"], expectedTotal: row["expected_total"], actualTotal: row["actual_total"],
            counts: counts, items: list,
            auditHead: (row["audit_id"] as Int64?).flatMap { id in (row["audit_hash"] as String?).map { AuditHead(id: id, hash: $0) } })
    }
}

extension ReconReport {
    /// Writes a copy of the file reconciled with a last column giving each row's outcome (and
    /// the field that differs, expected → found); `ownerOnly` for a copy holding full ID numbers.
    public func writeCopy(of input: String, sheet: String?, to output: String, ownerOnly: Bool, language: Language) throws(RowProblem) {
        var notes: [Int: String] = [:]
        for item in items {
            guard let row = item.row else { continue }
            var note = item.outcome.label.text(language) + " [\(item.outcome.rawValue)]"
            if let field = item.field {
                note += " \(field)：\(item.expected ?? "") → \(item.actual ?? "")"
            }
            notes[row] = notes[row].map { $0 + "；" + note } ?? note
        }
        try AnnotatedCopy.write(
            input: input, sheet: sheet, headerRow: headerRow, notes: notes, title: Message.Header.outcome.text(language),
            defaultNote: ReconOutcome.matched.label.text(language) + " [matched]", to: output, ownerOnly: ownerOnly)
    }
}
