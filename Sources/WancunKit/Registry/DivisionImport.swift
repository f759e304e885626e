import Foundation
import GRDB

/// One difference between an imported release and the database.
public struct DivisionChange: Sendable, Hashable {
    public enum Kind: String, Sendable, CaseIterable { case added, renamed, retired, restored }
    public var kind: Kind
    public var code: DivisionCode
    public var name: String
    public var oldName: String?
}

/// What `importDivisions` did, or would do.
public struct DivisionImportReport: Sendable {
    public var file: String
    public var encoding: TextEncoding?
    public var rowCount: Int
    /// Codes absent from the file are retired only below this division (nil: everywhere).
    public var scope: DivisionCode?
    public var scopeName: String?
    public var changes: [DivisionChange]
    public var warnings: [RowProblem]
    /// Copies of the file's problems from an earlier run, removed now that it was read whole.
    public var removedCopies: [String] = []

    public var isUnchanged: Bool { changes.isEmpty }
    public func count(_ kind: DivisionChange.Kind) -> Int { changes.filter { $0.kind == kind }.count }

    public var summary: Message {
        isUnchanged
            ? .divisionsUnchanged(rowCount)
            : .divisionsImported(
                added: count(.added), renamed: count(.renamed), retired: count(.retired), restored: count(.restored))
    }
    public var scopeMessage: Message { .divisionScope(scopeName ?? "", scope) }
}

/// A checked row of a division file.
struct DivisionRow {
    var row: Int
    var code: DivisionCode
    var name: String
    var parent: DivisionCode?
    /// The file's header for the parent column, for messages.
    var header: String
}

enum DivisionFile {
    static let columns = [
        ColumnSpec("code", "代码", "区划代码", "统计用区划代码"),
        ColumnSpec("name", "名称", "区划名称"),
        ColumnSpec("level", "级别", "层级"),
        ColumnSpec("parent_code", "上级代码", "上级区划代码"),
    ]

    static let levelNames: [String: DivisionLevel] = [
        "province": .province, "省": .province, "省级": .province,
        "city": .city, "市": .city, "地级": .city, "市级": .city,
        "county": .county, "县": .county, "县级": .county, "区县": .county,
        "town": .town, "乡镇": .town, "乡": .town, "镇": .town, "街道": .town, "乡级": .town,
        "village": .village, "村": .village, "村级": .village, "社区": .village,
    ]

    /// Reads and checks every row; throws all the problems found, or returns the rows.
    static func read(path: String, sheet: String?, known: (DivisionCode) throws -> Bool) throws -> (
        rows: [DivisionRow], encoding: TextEncoding?, warnings: [RowProblem]
    ) {
        let source: any RowSource
        do { source = try TableReader.openSource(path: path, sheet: sheet) } catch { throw RowProblems([error]) }
        let table = try TableReader(source: source, columns: columns)
        var check = RowChecker(file: (path as NSString).lastPathComponent)
        var rows: [DivisionRow] = []
        var firstRowByCode: [DivisionCode: Int] = [:]
        var read = 0
        while true {
            let next: TableRow?
            do { next = try table.next() } catch {
                check.add(error)
                break
            }
            guard let row = next else { break }
            read += 1
            guard check.readable(row) else { continue }
            let code = check.value(row, "code") { text throws(ValueError) in try DivisionCode(padding: text) }
            let name = Normalize.spreadsheetText(row["name"])
            if name.isEmpty { check.add(row, "name", rule: "REQUIRED", message: .divisionNameEmpty) }
            let level = levelNames[ColumnSpec.normalize(row["level"])]
            if level == nil { check.add(row, "level", rule: "LEVEL_UNKNOWN", message: .divisionLevelUnknown) }
            var parent: DivisionCode?
            if let code {
                if let level, level != code.level {
                    check.add(row, "level", rule: "LEVEL_MISMATCH", message: .divisionLevelMismatch(stated: row["level"], shape: code.level))
                }
                if let first = firstRowByCode[code] {
                    check.add(row, "code", rule: "DUPLICATE_CODE", message: .divisionDuplicate(firstRow: first))
                } else {
                    firstRowByCode[code] = row.number
                }
                if code.level == .province {
                    if !row["parent_code"].isEmpty {
                        check.add(row, "parent_code", rule: "PARENT_UNEXPECTED", message: .divisionParentForProvince)
                    }
                } else if let p = check.value(row, "parent_code", { text throws(ValueError) in try DivisionCode(padding: text) }) {
                    if p == code.parent {
                        parent = p
                    } else {
                        check.add(row, "parent_code", rule: "PARENT_NOT_PREFIX", message: .divisionParentNotPrefix(expected: code.parent!))
                    }
                }
            }
            if let code, !name.isEmpty {
                rows.append(DivisionRow(row: row.number, code: code, name: name, parent: parent, header: row.header("parent_code")))
            }
        }
        if read == 0 && check.problems.isEmpty {
            check.add(RowProblem(file: check.file, row: nil, rule: "NO_DATA_ROWS", message: .noDataRows(headerRow: table.headerRowNumber)))
        }
        // Parents must exist in the file or the database.
        for row in rows {
            guard let parent = row.parent, firstRowByCode[parent] == nil else { continue }
            if try !known(parent) {
                check.add(
                    RowProblem(
                        file: check.file, row: row.row, column: row.header, value: parent.rawValue, rule: "PARENT_MISSING",
                        message: .divisionParentMissing))
            }
        }
        if !check.problems.isEmpty {
            throw RowProblems(check.problems + table.warnings, input: path, sheet: sheet, headerRow: table.headerRowNumber)
        }
        return (rows, (source as? CSVReader)?.encoding, table.warnings)
    }

    /// The deepest division under which every leaf of the file lies: the part of the tree
    /// the file speaks for.
    static func scope(of rows: [DivisionRow]) -> DivisionCode? {
        let codes = Set(rows.map(\.code))
        let parents = Set(rows.compactMap(\.parent))
        let leaves = codes.subtracting(parents)
        guard var candidate = leaves.min() else { return nil }
        while !leaves.allSatisfy({ $0 == candidate || candidate.isAncestor(of: $0) }) {
            guard let up = candidate.parent else { return nil }
            candidate = up
        }
        return candidate
    }
}

extension AppDatabase {
    /// Loads a division release (CSV `code,name,level,parent_code`).
    ///
    /// Every row is checked first and all problems are thrown together as `RowProblems`;
    /// then, in one transaction, new codes are added, renamed ones updated, codes the file no
    /// longer lists below its scope retired (never deleted), and reappearing ones restored.
    /// A file that matches the database changes nothing.
    public func importDivisions(from path: String, sheet: String? = nil, context: ChangeContext, dryRun: Bool = false) throws -> DivisionImportReport
    {
        var report = try importDivisionRows(from: path, sheet: sheet, context: context, dryRun: dryRun)
        if !dryRun { report.removedCopies = AnnotatedCopy.removeStale(for: path) }
        return report
    }

    private func importDivisionRows(from path: String, sheet: String?, context: ChangeContext, dryRun: Bool) throws -> DivisionImportReport {
        try write { db in
            let existing = try Division.fetchAll(db)
            var byCode: [DivisionCode: Division] = [:]
            for d in existing { byCode[d.code] = d }
            let (rows, encoding, warnings) = try DivisionFile.read(path: path, sheet: sheet, known: { byCode[$0] != nil })
            let scope = DivisionFile.scope(of: rows)
            var report = DivisionImportReport(
                file: path, encoding: encoding, rowCount: rows.count, scope: scope,
                scopeName: scope.flatMap { code in rows.first { $0.code == code }?.name ?? byCode[code]?.name },
                changes: [], warnings: warnings)
            let inFile = Set(rows.map(\.code))
            for row in rows.sorted(by: { $0.code.level < $1.code.level || ($0.code.level == $1.code.level && $0.code < $1.code) }) {
                if var current = byCode[row.code] {
                    if current.retiredOn != nil {
                        report.changes.append(DivisionChange(kind: .restored, code: row.code, name: row.name))
                        current.retiredOn = nil
                    }
                    if current.name != row.name {
                        report.changes.append(DivisionChange(kind: .renamed, code: row.code, name: row.name, oldName: current.name))
                    }
                    if !dryRun && (current.name != row.name || current.retiredOn != byCode[row.code]!.retiredOn) {
                        let before = byCode[row.code]!
                        current.name = row.name
                        try current.update(db)
                        try db.audit(
                            current.name != before.name ? "division.rename" : "division.restore",
                            AuditSubject(divisionCode: row.code.rawValue),
                            before: .object([
                                ("name", .string(before.name)), ("retired_on", before.retiredOn.map { .string($0.description) } ?? .null),
                            ]),
                            after: .object([("name", .string(current.name)), ("retired_on", .null)]),
                            reason: (path as NSString).lastPathComponent, context: context)
                    }
                    byCode[row.code] = current
                } else {
                    report.changes.append(DivisionChange(kind: .added, code: row.code, name: row.name))
                    var division = Division(
                        code: row.code, name: row.name, level: row.code.level.rawValue,
                        parentId: row.parent.flatMap { byCode[$0]?.id })
                    if !dryRun { try division.insert(db) }
                    byCode[row.code] = division
                }
            }
            for division in existing.sorted(by: { $0.code < $1.code })
            where division.retiredOn == nil && !inFile.contains(division.code)
                && (scope.map { $0.isAncestor(of: division.code) } ?? true)
            {
                report.changes.append(DivisionChange(kind: .retired, code: division.code, name: division.name))
                guard !dryRun else { continue }
                var retired = division
                retired.retiredOn = context.today
                try retired.update(db)
                try db.audit(
                    "division.retire", AuditSubject(divisionCode: division.code.rawValue),
                    before: .object([("retired_on", .null)]),
                    after: .object([("retired_on", .string(context.today.description))]),
                    reason: (path as NSString).lastPathComponent, context: context)
            }
            if !dryRun && report.count(.added) > 0 {
                try db.audit(
                    "division.import", AuditSubject(divisionCode: scope?.rawValue),
                    after: .object([
                        ("file", .string((path as NSString).lastPathComponent)), ("rows", .number(String(rows.count))),
                        ("added", .number(String(report.count(.added)))),
                    ]), context: context)
            }
            return report
        }
    }
}
