import Foundation
import GRDB

/// What happened to one row of a points file.
public struct PointImportRow: Sendable {
    public enum Action: String, Sendable { case created, updated, unchanged }
    public var row: Int
    public var pointCode: String
    public var action: Action
}

public struct PointImportSummary: Sendable {
    public var summary: ImportSummary
    public var rows: [PointImportRow]
    /// The copy of the file with every row's point code and what the import did with it,
    /// when one was asked for.
    public var resultCopy: String?
    /// Whether the file was imported as a large one (`BulkImport`).
    var large = false

    public func count(_ action: PointImportRow.Action) -> Int { rows.filter { $0.action == action }.count }
}

/// When a points file counts as large: judged at row `probeRow`, from how far into the file it
/// is, when the file will have `rows` rows or more. A large import reads the ID numbers and phones
/// registered, and which villages have points, once, to ask the database only about those it may
/// hold, and builds the indexes that none of its lookups read (`PointImportState.writeOnlyIndexes`)
/// once its rows are in.
struct BulkImport: Sendable {
    var probeRow = 1_000
    var rows = 20_000
}

/// What one import remembers between rows: divisions already looked up, which row first came
/// to each point, and (in a large import) the ID numbers and phones that may be registered.
private final class PointImportState {
    /// The actor the row problems are worded for, and whose reach an operator named by ID
    /// number must be in (nil for the person at the server and a county clerk).
    var shownTo: Actor?
    /// Divisions looked up, by code: files list a village's points in any order. At most
    /// `divisionsKept` are kept, then all are let go, for the same reason as `pointsKept`.
    var divisions: [DivisionCode: Division] = [:]
    static let divisionsKept = 20_000
    /// The current rural villages (`Division.ruralSQL`, not retired), as a large import reads
    /// them once: each code as a number beside the village's id, in code order. 16 bytes a
    /// village, where a national registry's 600,000 divisions kept as `Division`s take 100 MB.
    private var standingVillages: [(code: Int64, id: Int64)]?
    /// Current towns by name, read on the first row that names its village instead of coding it.
    var towns: [String: [Division]]?
    var villagesByTown: [Int64: [Division]] = [:]
    /// The row that first came to each point, by the point's id.
    var firstRowOfPoint: [Int64: Int32] = [:]
    /// How many rows a large file is expected to have, from how far into it the probe row is.
    private(set) var expectedRows: Int?
    /// Each village's points (by code, as `Point.fetchAll(villageId:)` gives them) once read,
    /// with the points the import added since; a village whose point the import edited is read
    /// again, and a row rolled back has them all read again (`forget`). At most
    /// `pointsKept` points are kept, then all are let go: a national file's villages are
    /// mostly met once, and keeping every point would cost more memory than reading is worth
    /// (150,000 took a national file of 500,000 points to 212 MB; 20,000 made a province's file
    /// read its villages' points again every few thousand rows).
    private var pointsOfVillage: [Int64: [Point]] = [:]
    /// Their names as the duplicate check compares them (`DuplicateCheck.normalizedPointName`),
    /// in the same order: each row looks for its point by name, then checks it against the rest.
    private var namesOfVillage: [Int64: [String]] = [:]
    private var pointsHeld = 0
    static let pointsKept = 60_000
    /// The hashes of the ID numbers and phones of every operator registered or added since, once
    /// a large import has read them: one whose hash is missing is nobody's, without asking the
    /// database. (Two values with one hash only cost a lookup.)
    var idNumberHashes: Set<Int>?
    var phoneHashes: Set<Int>?
    /// The villages that had points when a large import read them, with those it added points
    /// to since: a village missing here has none, without asking the database.
    private var villagesWithPoints: Set<Int64>?
    /// Whether the import counted the file as large.
    private(set) var large = false
    /// The indexes dropped until the rows are in, as `CREATE INDEX` statements.
    var droppedIndexes: [String] = []
    /// The audit chain's head, kept from line to line.
    let chain = AuditChain.Memo()
    let bulk: BulkImport
    let file: String

    init(file: String, bulk: BulkImport) {
        self.file = file
        self.bulk = bulk
    }

    /// Indexes that no lookup of a point import reads (open services are found through
    /// `service_one_open`); kept up to date row by row they cost more than built once at the end.
    static let writeOnlyIndexes = ["audit_on_operator_id_number", "audit_on_point_code", "service_on_point_id"]

    /// The village's points, and their names as the duplicate check compares them.
    func points(_ db: Database, village: Int64) throws -> (points: [Point], names: [String]) {
        if let known = pointsOfVillage[village], let names = namesOfVillage[village] { return (known, names) }
        let found = try villagesWithPoints?.contains(village) == false ? [] : Point.fetchAll(db, villageId: village)
        let names = found.map { DuplicateCheck.normalizedPointName($0.name) }
        if pointsHeld >= Self.pointsKept {
            pointsOfVillage.removeAll(keepingCapacity: true)
            namesOfVillage.removeAll(keepingCapacity: true)
            pointsHeld = 0
        }
        pointsOfVillage[village] = found
        namesOfVillage[village] = names
        pointsHeld += found.count + 1
        return (found, names)
    }

    /// A point the import added, `name` its name as the duplicate check compares it.
    func added(_ point: Point, name: String) {
        villagesWithPoints?.insert(point.villageId)
        guard pointsOfVillage[point.villageId] != nil else { return }
        pointsOfVillage[point.villageId]!.append(point)
        namesOfVillage[point.villageId]!.append(name)
        pointsHeld += 1
    }

    func edited(_ point: Point) { (pointsOfVillage[point.villageId], namesOfVillage[point.villageId]) = (nil, nil) }

    /// After a rollback: what was kept from before it is read again.
    func forget() {
        chain.forget()
        (pointsOfVillage, namesOfVillage, pointsHeld) = ([:], [:], 0)
    }

    func division(_ db: Database, _ code: DivisionCode) throws -> Division {
        // A current rural village, from the villages read once: what the import reads of it is
        // its id and its code. (Any other code is read in full: a community's name goes into the
        // exception its point needs, and a code not found at all into why it is refused.)
        if let villages = standingVillages, let number = Int64(code.rawValue) {
            var (low, high) = (0, villages.count)
            while low < high {
                let middle = (low + high) / 2
                if villages[middle].code < number { low = middle + 1 } else { high = middle }
            }
            if low < villages.count && villages[low].code == number {
                return Division(id: villages[low].id, code: code, name: "", level: DivisionLevel.village.rawValue, parentId: nil, retiredOn: nil)
            }
        }
        if let known = divisions[code] { return known }
        guard let found = try Division.fetch(db, code: code) else { throw RegistryError.villageUnknown(code) }
        if divisions.count >= Self.divisionsKept { divisions.removeAll(keepingCapacity: true) }
        divisions[code] = found
        return found
    }

    /// At the probe row, outside any row's savepoint: a large file's import reads the ID numbers
    /// and phones once, and which villages have points, and drops the write-only indexes (inside
    /// the import's transaction, so a failed import has them back).
    func probe(_ db: Database, row: TableRow, rowsSoFar: Int) throws {
        guard rowsSoFar == bulk.probeRow, Double(rowsSoFar) >= Double(bulk.rows) * row.fraction else { return }
        var ids = Set<Int>()
        var phones = Set<Int>()
        // The hashes of the text itself, as `mayBeRegistered` asks about (not of an optional).
        let all = try db.cachedStatement(sql: "SELECT id_number, phone FROM operator").rows { columns -> (String, String) in
            (columns[0, "id_number"] ?? "", columns[1, "phone"] ?? "")
        }
        for (id, phone) in all {
            ids.insert(id.hashValue)
            phones.insert(phone.hashValue)
        }
        villagesWithPoints = try Set(db.cachedStatement(sql: "SELECT DISTINCT village_id FROM point").rows { columns in columns.int64(0) ?? 0 })
        // Counted first, so that the list takes only the room it needs.
        let standing = "FROM division d WHERE \(Division.ruralSQL) AND \(RegistrySQL.standing("d"))"
        var villages: [(code: Int64, id: Int64)] = []
        villages.reserveCapacity(try Int.fetchOne(db, sql: "SELECT count(*) \(standing)") ?? 0)
        _ = try db.makeStatement(sql: "SELECT CAST(d.code AS INTEGER), d.id \(standing) ORDER BY 1").rows { columns in
            villages.append((code: columns.int64(0) ?? 0, id: columns.int64(1) ?? 0))
        }
        (standingVillages, divisions) = (villages, [:])
        // Room for the rest of the file's rows at once, rather than growing (and copying) in
        // steps, when how far into the file the row is tells how many there will be (a
        // workbook's reader reads ahead, so its rows do not).
        if row.fraction >= 0.001 {
            let expected = min(Int(Double(rowsSoFar) / row.fraction * 1.05), 2_000_000)
            ids.reserveCapacity(ids.count + expected)
            phones.reserveCapacity(phones.count + expected)
            firstRowOfPoint.reserveCapacity(expected)
            expectedRows = expected
        }
        (idNumberHashes, phoneHashes, large) = (ids, phones, true)
        let names = Self.writeOnlyIndexes.map { "'\($0)'" }.joined(separator: ", ")
        droppedIndexes = try String.fetchAll(db, sql: "SELECT sql FROM sqlite_schema WHERE type = 'index' AND name IN (\(names)) ORDER BY name")
        for name in Self.writeOnlyIndexes { try db.execute(sql: "DROP INDEX IF EXISTS \(name)") }
    }

    /// Whether the database may hold an operator with this ID number or phone, by the hash
    /// (`hashValue`) of its text.
    func mayBeRegistered(idNumber hash: Int) -> Bool { idNumberHashes?.contains(hash) ?? true }
    func mayBeRegistered(phone hash: Int) -> Bool { phoneHashes?.contains(hash) ?? true }

    /// An operator just registered, by the hashes of their ID number and phone.
    func registered(_ hashes: (idNumber: Int, phone: Int)) {
        idNumberHashes?.insert(hashes.idNumber)
        phoneHashes?.insert(hashes.phone)
    }

    /// The JSON of the row's audit line, written into buffers kept from row to row.
    private var before = JSONWriter(capacity: 512)
    private var after = JSONWriter(capacity: 1_024)
    private var newPoint = JSONWriter(capacity: 512)

    /// One line for the row: what it made or changed, and where it came from (`reason`). The same line as
    /// `Database.audit` writes of `{"point": existing}` before and `{"action", "point",
    /// "operator", "assignment", "services"}` after, each part present when the row has it,
    /// which keeps only what changed: the point when it did.
    func audit(
        _ db: Database, reason: String, action: PointImportRow.Action, point: Point, existing: Point?, operator person: Operator?,
        assignment: Assignment?, services: [Service], idNumber: String?, context: ChangeContext
    ) throws {
        var pointChanged = true
        if let existing {
            before.reset()
            before.object { existing.auditFields(&$0) }
            newPoint.reset()
            newPoint.object { point.auditFields(&$0) }
            pointChanged = before.bytes != newPoint.bytes
            before.reset()
            before.object { json in
                if pointChanged {
                    json.key("point")
                    json.object { existing.auditFields(&$0) }
                }
            }
        }
        after.reset()
        after.object { json in
            json.text("action", action)
            if pointChanged {
                json.key("point")
                json.object { point.auditFields(&$0) }
            }
            if let person {
                json.key("operator")
                json.object { person.auditFields(&$0) }
            }
            if let assignment {
                json.key("assignment")
                json.object { assignment.auditFields(&$0) }
            }
            if !services.isEmpty {
                json.key("services")
                json.beginArray()
                for service in services { json.object { service.auditFields(&$0) } }
                json.endArray()
            }
        }
        try db.auditLine(
            "point.import", AuditSubject(pointCode: point.code, operatorIdNumber: idNumber), before: existing == nil ? nil : before.bytes,
            after: after.bytes, reason: reason, context: context, chain: chain)
    }

    /// Once every row is in: the indexes dropped, built again as they were. What was kept
    /// for the rows is let go first, so that it does not add to what building the indexes takes.
    func finish(_ db: Database) throws {
        (divisions, standingVillages, villagesByTown, towns, firstRowOfPoint) = ([:], nil, [:], nil, [:])
        (pointsOfVillage, namesOfVillage, pointsHeld, idNumberHashes, phoneHashes, villagesWithPoints) = ([:], [:], 0, nil, nil, nil)
        for sql in droppedIndexes { try db.execute(sql: sql) }
        droppedIndexes = []
    }

    func towns(_ db: Database) throws -> [String: [Division]] {
        if let towns { return towns }
        var found: [String: [Division]] = [:]
        for d in try Division.fetchAll(db, sql: "SELECT * FROM division WHERE level = 'town' AND \(RegistrySQL.standing())") {
            found[Normalize.spreadsheetText(d.name), default: []].append(d)
        }
        towns = found
        return found
    }

    func villages(_ db: Database, town: Int64) throws -> [Division] {
        if let known = villagesByTown[town] { return known }
        let found = try Division.fetchAll(
            db.cachedStatement(sql: "SELECT * FROM division WHERE parent_id = ? AND level = 'village' AND \(RegistrySQL.standing())"),
            arguments: [town])
        villagesByTown[town] = found
        return found
    }
}

extension AppDatabase {
    /// Loads points from a township's spreadsheet. Every row is checked, the duplicate checks
    /// included (also between rows of the file), before anything is written; a row with a
    /// point code updates that point, a row without one updates the village's point of the
    /// same name or creates one. Importing the same file again changes nothing.
    ///
    /// Each row goes through the registry's own operations, with their checks, and leaves one
    /// `point.import` line in the audit trail with all it changed.
    ///
    /// `resultCopy`: where to write a copy of the file with every row's point code and what
    /// the import did with it (in `language`), once the import has succeeded. The copy is
    /// written from the rows the import read (the file is not read again), and only when the
    /// import succeeds (and is not a dry run).
    public func importPoints(
        from path: String, sheet: String? = nil, dryRun: Bool = false, context: ChangeContext, resultCopy: String? = nil,
        language: Language = .zh, progress: ((_ row: Int, _ fraction: Double) -> Void)? = nil
    ) throws -> PointImportSummary {
        try importPoints(
            from: path, sheet: sheet, dryRun: dryRun, context: context, resultCopy: resultCopy, language: language, bulk: BulkImport(),
            progress: progress)
    }

    /// The same, keeping to the points `scope` takes (by code): a row whose point lies outside
    /// it is refused (`OUTSIDE_SCOPE`), so that an actor's import changes only what they may;
    /// and, for `shownTo`, to the operators that actor may see: a row naming another by ID
    /// number is refused as registered already, without naming them.
    func importPoints(
        from path: String, sheet: String?, dryRun: Bool, context: ChangeContext, resultCopy: String?, language: Language,
        scope: ((String) -> Bool)?, shownTo: Actor? = nil, progress: ((_ row: Int, _ fraction: Double) -> Void)?
    ) throws -> PointImportSummary {
        try importPoints(
            from: path, sheet: sheet, dryRun: dryRun, context: context, resultCopy: resultCopy, language: language, bulk: BulkImport(),
            scope: scope, shownTo: shownTo, progress: progress)
    }

    /// The same, with what counts as a large file given (tests make small files large).
    func importPoints(
        from path: String, sheet: String? = nil, dryRun: Bool = false, context: ChangeContext, resultCopy: String? = nil,
        language: Language = .zh, bulk: BulkImport, scope: ((String) -> Bool)? = nil, shownTo: Actor? = nil,
        progress: ((_ row: Int, _ fraction: Double) -> Void)? = nil
    ) throws -> PointImportSummary {
        // A dry run leaves nothing behind, not even the copy.
        let copy = (dryRun ? nil : resultCopy).map {
            AnnotatedCopy.Stream(input: path, sheet: sheet, title: Message.Header.importResult.text(language), to: $0)
        }
        var summary: PointImportSummary
        do {
            // Rows run without a savepoint each: a savepoint copies every page a row touches,
            // and cost about a sixth of the import's time. A row that fails after writing
            // something would leave that behind for the rows after it to trip on, so then the
            // import starts over with a savepoint for each row (and fails again at that row: it
            // is never committed, so it needs no copy).
            do {
                summary = try importPoints(
                    from: path, sheet: sheet, dryRun: dryRun, context: context, rowSavepoints: false, copy: copy, language: language,
                    bulk: bulk, scope: scope, shownTo: shownTo, progress: progress)
            } catch is RowFailedAfterWriting {
                copy?.discard()
                summary = try importPoints(
                    from: path, sheet: sheet, dryRun: dryRun, context: context, rowSavepoints: true, copy: nil, language: language,
                    bulk: bulk, scope: scope, shownTo: shownTo, progress: progress)
            }
        } catch {
            copy?.discard()
            throw error
        }
        summary.resultCopy = try copy?.finish()
        return summary
    }

    private struct RowFailedAfterWriting: Error {}

    private func importPoints(
        from path: String, sheet: String?, dryRun: Bool, context: ChangeContext, rowSavepoints: Bool, copy: AnnotatedCopy.Stream?,
        language: Language, bulk: BulkImport, scope: ((String) -> Bool)?, shownTo: Actor?,
        progress: ((_ row: Int, _ fraction: Double) -> Void)?
    ) throws -> PointImportSummary {
        let state = PointImportState(file: (path as NSString).lastPathComponent, bulk: bulk)
        state.shownTo = shownTo
        var outcomes: [PointImportRow] = []
        var rowsSoFar = 0
        let today = context.today
        // What the copy says after each row's point code, made once for each action.
        let actionNotes =
            copy == nil
            ? [:]
            : Dictionary(
                uniqueKeysWithValues: [PointImportRow.Action.created, .updated, .unchanged].map {
                    ($0, " \(Message.importAction($0.rawValue).text(language)) [\($0.rawValue)]")
                })
        let summary = try importTable(
            path: path, sheet: sheet, columns: PointSheet.columnSpecs, dryRun: dryRun,
            opened: { copy?.header($0) },
            finish: state.finish,
            // An exported points file comes back as it went out: without the `'` its CSV puts
            // before text that starts like a formula.
            parse: { [file = state.file] row, check in Self.parsePointRow(row.restoringFormulaText(), &check, today: today, file: file) },
            row: { row, fields, check, db in
                let row = row.restoringFormulaText()
                progress?(row.number, row.fraction)
                rowsSoFar += 1
                try state.probe(db, row: row, rowsSoFar: rowsSoFar)
                if rowsSoFar == bulk.probeRow, let expected = state.expectedRows { outcomes.reserveCapacity(expected) }
                let before = check.problems.count
                let changes = db.totalChangesCount
                // A row whose cells have problems still goes through the registry's checks with
                // what it has, so that all its problems are listed at once; it fails all the same.
                func failed() -> Bool { fields.cellProblems || check.problems.count != before }
                if rowSavepoints { try db.cachedStatement(sql: "SAVEPOINT point_row").execute() }
                let found = try Self.importPointRow(row, fields, &check, db, state: state, context: context)
                // Two rows of one file that come to the same point are a duplicate.
                if let found, let first = state.firstRowOfPoint[found.pointId] {
                    check.add(row, "name", rule: "DUPLICATE_IN_FILE", message: .samePointAsRow(Int(first), found.row.pointCode))
                }
                if let scope, let found, !scope(found.row.pointCode) {
                    check.add(row, "village_code", value: found.row.pointCode, rule: "OUTSIDE_SCOPE", message: .outsideScope)
                }
                if rowSavepoints {
                    if failed() {
                        try db.cachedStatement(sql: "ROLLBACK TO point_row").execute()
                        state.forget()
                    }
                    try db.cachedStatement(sql: "RELEASE point_row").execute()
                } else if failed() && db.totalChangesCount != changes {
                    throw RowFailedAfterWriting()
                }
                guard !failed(), let found else { return false }
                let result = found.row
                state.firstRowOfPoint[found.pointId] = Int32(clamping: row.number)
                outcomes.append(result)
                copy?.note(row.number, result.pointCode + actionNotes[result.action]!)
                return result.action != .unchanged
            })
        return PointImportSummary(summary: summary, rows: outcomes, resultCopy: nil, large: state.large)
    }

    /// The point's plain fields the sheet has a column for, read like any other.
    static let plainSheetFields = PointSheet.pointFields.filter(\.plain)

    /// The columns about a point's operator, who is registered by ID number.
    static let operatorColumns = [
        "operator_name", "phone", "retirement_group", "difficulty", "certificate_no", "certified_on", "contract_type", "contract_from",
        "contract_to",
    ]

    /// The column a refusal is about, for the row problem.
    static func column(for error: RegistryError) -> String? {
        switch error {
        case .invalid(let field, _): ["id_number", "phone"].contains(field) || Point.field(field)?.plain == true ? field : nil
        case .villageUnknown, .notAVillage, .villageRetired, .pointNotRuralVillage: "village_code"
        case .phoneDuplicate, .phoneDuplicateElsewhere: "phone"
        case .pointNameDuplicate: "name"
        case .pointTooClose, .coordinatesIncomplete, .coordinatesOutOfRange: "latitude"
        case .planYearOutOfRange: "plan_year"
        case .valueOutOfRange(let field, _, _): field
        // The day an assignment or a service starts comes from more than one column.
        case .dateInFuture(let field, _): ["opened_on", "certified_on"].contains(field) ? field : nil
        case .operatorExistsElsewhere, .operatorBusy, .operatorBusyElsewhere, .operatorAlreadyHere, .retirementGroupRequired,
            .retirementGroupNotForMen,
            .retirementGroupNotForWomen:
            "id_number"
        case .difficultyIncomplete, .difficultyNoteRequired, .difficulty4050Age: "difficulty"
        case .contractIncomplete, .contractEndsBeforeStart: "contract_type"
        case .assignmentBeforeCurrent, .assignmentOverlapsHistory: "contract_from"
        case .forceNeedsReason: "force_reason"
        case .pointUnknown, .pointClosed: "point_code"
        case .serviceCategoryRequired, .serviceCategoryOnlyForPurchase, .medicinesNeedPharmacy, .financeNeedsBank, .serviceExists: "services"
        default: nil
        }
    }

    /// A row's cells as values, each checked on its own: no database needed, so the import does
    /// this on its reading thread.
    struct PointRowFields: Sendable {
        var village: DivisionCode?
        var name: String
        /// Nil when the cell breaks a rule: the point's address is then left as it is.
        var address: String?
        var operatorName: String
        var latitude: Double?
        var longitude: Double?
        var openedOn: LocalDate?
        /// The point's plain fields the row gives (`Point.plainFields`).
        var values: FieldValues
        var override: Override
        var idNumber: ResidentID?
        var phone: Phone?
        var group: RetirementGroup?
        var difficulty: DifficultyCategory?
        var certifiedOn: LocalDate?
        var contractType: ContractType?
        var contractFrom: LocalDate?
        var contractTo: LocalDate?
        var services: [(ServiceKind, PurchaseCategory?)]
        /// Whether the operator's cells are all usable: when one is not, the row's operator is
        /// left out of the registry's checks rather than checked with a value missing.
        var operatorUsable: Bool
        /// Whether any cell of the row had a problem.
        var cellProblems: Bool
        /// The name as the duplicate check compares it (`DuplicateCheck.normalizedPointName`).
        var normalizedName: String
        /// Where the row came from, as its audit line and a change of opening day give it.
        var reason: String
        /// The cells the database's side reads as they are, taken here once.
        var pointCode: String?
        var certificateNo: String?
        /// Whether the village is to be found by its town's name and its own.
        var villageByName = false
    }

    /// `file`: the file's name, for the reason its audit line gives.
    static func parsePointRow(_ row: TableRow, _ check: inout RowChecker, today: LocalDate, file: String) -> PointRowFields {
        // The village by code; by town and village names needs the database, later.
        var village: DivisionCode?
        if !row["village_code"].isEmpty {
            village = check.value(row, "village_code") { text throws(ValueError) in try DivisionCode(parsing: text) }
        } else if row["village_name"].isEmpty {
            check.add(row, "village_code", rule: "REQUIRED", message: .villageRequired)
        }
        // Names and addresses as the registry keeps them; one that breaks a rule is not shown.
        func freeText(_ key: String, _ kind: FreeText.Kind) -> String? {
            check.value(row, key, hidingValue: true) { text throws(ValueError) in try FreeText.check(text, as: kind) }
        }
        let name = freeText("name", .pointName) ?? ""
        if name.isEmpty && row["name"].isEmpty { check.add(row, "name", rule: "REQUIRED", message: ValueError.empty.message) }
        let address = freeText("address", .address)
        func optional<T>(_ key: String, _ parse: (String) throws(ValueError) -> T) -> T? {
            row[key].isEmpty ? nil : check.value(row, key, parse)
        }
        var latitude = optional("latitude") { text throws(ValueError) in try Self.degrees(text) }
        var longitude = optional("longitude") { text throws(ValueError) in try Self.degrees(text) }
        // One bad coordinate leaves the point without any, not with half a position.
        if (latitude == nil && !row["latitude"].isEmpty) || (longitude == nil && !row["longitude"].isEmpty) {
            (latitude, longitude) = (nil, nil)
        }
        var values = FieldValues()
        for field in Self.plainSheetFields where !row[field.column].isEmpty {
            if let value = check.value(row, field.column, { text throws(ValueError) in try field.value.parse(text) }) {
                values.set(field.column, value)
            }
        }
        let openedOn = optional("opened_on") { text throws(ValueError) in try LocalDate(parsing: text) }
        let override = Override(force: !row["force_reason"].isEmpty, reason: row["force_reason"].isEmpty ? nil : row["force_reason"])
        // The operator, when the row names one.
        let beforeOperator = check.problems.count
        let hasOperator = !row["id_number"].isEmpty
        let idNumber =
            hasOperator
            ? check.value(row, "id_number", personal: Mask.residentID) { text throws(ValueError) in try ResidentID(parsing: text, today: today) }
            : nil
        var phone: Phone?
        var operatorName = ""
        if hasOperator {
            if row["phone"].utf8.contains(UInt8(ascii: "*")) {
                check.add(
                    row, "phone", value: Mask.phone(row["phone"]), rule: "PHONE_MASKED", message: .phoneMasked, onTheWeb: .phoneMaskedInTheSheet)
            } else {
                phone = check.value(row, "phone", personal: Mask.phone) { text throws(ValueError) in try Phone(parsing: text) }
            }
            operatorName = freeText("operator_name", .personName) ?? ""
            if operatorName.isEmpty && row["operator_name"].isEmpty {
                check.add(row, "operator_name", rule: "REQUIRED", message: ValueError.empty.message)
            }
        } else if let filled = Self.operatorColumns.first(where: { !row[$0].isEmpty }) {
            // Operator details without the ID number they belong to would be dropped unsaid.
            check.add(row, "id_number", rule: "REQUIRED", message: .operatorNeedsIDNumber(row.header(filled)))
        }
        let group = optional("retirement_group") { text throws(ValueError) in try RetirementGroup(parsing: text) }
        let difficulty = optional("difficulty") { text throws(ValueError) in try DifficultyCategory(parsing: text) }
        let certifiedOn = optional("certified_on") { text throws(ValueError) in try LocalDate(parsing: text) }
        let contractType = optional("contract_type") { text throws(ValueError) in try ContractType(parsing: text) }
        let contractFrom = optional("contract_from") { text throws(ValueError) in try LocalDate(parsing: text) }
        let contractTo = optional("contract_to") { text throws(ValueError) in try LocalDate(parsing: text) }
        let operatorUsable = check.problems.count == beforeOperator
        var services: [(ServiceKind, PurchaseCategory?)] = []
        for item in Self.split(row["services"], by: UInt8(ascii: ","), or: ["，", "、"]) {
            let parts = Self.split(item, by: UInt8(ascii: ":"), or: ["："], maxSplits: 1).map { Normalize.spreadsheetText(String($0)) }
            let category = parts.count > 1 ? PurchaseCategory(label: parts[1]) : nil
            guard let kind = ServiceKind(label: parts[0]), kind != .finance, parts.count == 1 || category != nil,
                (kind == .agentPurchase) == (category != nil), category != .medicines
            else {
                check.add(row, "services", value: String(item), refusal: RegistryError.serviceUnknown(String(item)))
                continue
            }
            services.append((kind, category))
        }
        return PointRowFields(
            village: village, name: name, address: address, operatorName: operatorName, latitude: latitude, longitude: longitude, openedOn: openedOn,
            values: values, override: override, idNumber: idNumber, phone: phone, group: group, difficulty: difficulty, certifiedOn: certifiedOn,
            contractType: contractType, contractFrom: contractFrom, contractTo: contractTo, services: services,
            operatorUsable: operatorUsable, cellProblems: !check.problems.isEmpty,
            normalizedName: DuplicateCheck.normalizedPointName(name), reason: Message.importedFrom(file, row: row.number).zh,
            pointCode: row["point_code"].isEmpty ? nil : Normalize.spreadsheetText(row["point_code"]),
            certificateNo: row["certificate_no"].isEmpty ? nil : row["certificate_no"],
            villageByName: row["village_code"].isEmpty && !row["village_name"].isEmpty)
    }

    private static func importPointRow(
        _ row: TableRow, _ fields: PointRowFields, _ check: inout RowChecker, _ db: Database, state: PointImportState,
        context: ChangeContext
    ) throws -> (row: PointImportRow, pointId: Int64)? {
        // The village by town and village names, when they are unambiguous.
        var village = fields.village
        if fields.villageByName {
            let townMatches = try state.towns(db)[Normalize.spreadsheetText(row["town_name"])] ?? []
            if townMatches.count != 1 {
                check.add(
                    row, "town_name", rule: townMatches.isEmpty ? "TOWN_UNKNOWN" : "TOWN_AMBIGUOUS",
                    message: .townByName(row["town_name"], found: townMatches.count))
            } else {
                let wanted = Normalize.villageName(row["village_name"])
                let matches = try state.villages(db, town: townMatches[0].id!).filter { Normalize.villageName($0.name) == wanted }
                if matches.count == 1 {
                    village = matches[0].code
                } else {
                    check.add(
                        row, "village_name", rule: matches.isEmpty ? "VILLAGE_UNKNOWN" : "VILLAGE_AMBIGUOUS",
                        message: .villageByName(row["village_name"], codes: matches.map(\.code.rawValue)))
                }
            }
        }
        let (name, latitude, longitude, openedOn, override) = (fields.name, fields.latitude, fields.longitude, fields.openedOn, fields.override)
        let (idNumber, phone, group, difficulty, certifiedOn) = (fields.idNumber, fields.phone, fields.group, fields.difficulty, fields.certifiedOn)
        let (contractType, contractFrom, contractTo, services) = (fields.contractType, fields.contractFrom, fields.contractTo, fields.services)
        // A village that could not be found, or a point without a name, leaves nothing to check.
        guard let village, !name.isEmpty else { return nil }
        // Each of the row's registry operations runs even when one before it was refused, where
        // it does not need what was refused, so that all the row's problems are listed at once.
        // Their refusals become the row's problems here, and only here.
        let before = check.problems.count
        func attempt<T>(_ operation: () throws -> T) throws -> T? {
            do {
                return try operation()
            } catch let error as RegistryError {
                for refusal in error.refusals {
                    check.add(row, Self.column(for: refusal), rule: refusal.rule, message: refusal.message, onTheWeb: refusal.message(on: .sheet))
                }
                return nil
            }
        }

        // The point: by code, else the village's point of the same name, else a new one.
        guard let division = try attempt({ try state.division(db, village) }) else { return nil }
        let (sameVillage, sameVillageNames) = try state.points(db, village: division.id!)
        var existing: Point?
        var action = PointImportRow.Action.unchanged
        var point: Point?
        if let code = fields.pointCode {
            guard let found = try attempt({ try Self.point(db, code) }) else { return nil }
            if found.villageId != division.id {
                check.add(row, "point_code", rule: "POINT_VILLAGE_MISMATCH", message: .pointVillageMismatch(found.code, village))
                return nil
            }
            existing = found
        } else {
            existing = sameVillageNames.firstIndex(of: fields.normalizedName).map { sameVillage[$0] }
        }
        if let existing {
            var edit = PointEdit()
            if existing.name != name { edit.name = name }
            if let address = fields.address, !address.isEmpty, existing.address != address { edit.address = address }
            if let latitude, let longitude, existing.latitude != latitude || existing.longitude != longitude {
                edit.latitude = latitude
                edit.longitude = longitude
            }
            for field in Point.plainFields {
                if let given: DatabaseValue = fields.values[field.column], field.value.get(existing) != given { edit.values.set(field.column, given) }
            }
            if let openedOn, existing.openedOn != openedOn {
                edit.openedOn = openedOn
                edit.reason = fields.reason
            }
            let changed = edit.name != nil || edit.address != nil || edit.latitude != nil || !edit.values.isEmpty || edit.openedOn != nil
            point = try changed ? attempt { try Self.editPoint(db, existing.code, edit, context: context, audited: false) } : existing
            if changed {
                action = .updated
                state.edited(existing)
            }
        } else {
            let address = fields.address ?? ""
            var new = NewPoint(
                village: village, name: name, address: address.isEmpty ? nil : address, latitude: latitude, longitude: longitude,
                openedOn: openedOn, override: override)
            new.values = fields.values
            point = try attempt {
                try Self.addPoint(
                    db, new, context: context, village: division, sameVillage: sameVillage,
                    normalized: DuplicateCheck.NormalizedNames(name: fields.normalizedName, sameVillage: sameVillageNames), audited: false,
                    textChecked: true)
            }
            if let point { state.added(point, name: fields.normalizedName) }
            action = .created
        }
        let newPoint = existing == nil

        // The operator, registered by ID number even when the point was refused: their own
        // checks do not need it. Their assignment does.
        var person: Operator?
        var newPerson: Operator?
        var assignment: Assignment?
        if let idNumber, let phone, fields.operatorUsable {
            let hashes = (idNumber: idNumber.rawValue.hashValue, phone: phone.rawValue.hashValue)
            person = try state.mayBeRegistered(idNumber: hashes.idNumber) ? Operator.fetch(db, idNumber: idNumber.rawValue) : nil
            // A person outside the actor's reach is not theirs to assign, nor to be told of.
            var outOfReach = false
            if let found = person, try !Self.mayName(db, operator: found.idNumber, to: state.shownTo) {
                _ = try attempt { () throws -> Operator in throw RegistryError.operatorExistsElsewhere }
                (person, outOfReach) = (nil, true)
            }
            if person == nil && !outOfReach {
                person = try attempt {
                    try Self.addOperator(
                        db,
                        NewOperator(
                            name: fields.operatorName, idNumber: idNumber.rawValue, phone: phone.rawValue, difficulty: difficulty,
                            certificateNo: fields.certificateNo, certifiedOn: certifiedOn,
                            retirementGroup: group, override: override),
                        context: context, knownNew: true, phoneKnownNew: !state.mayBeRegistered(phone: hashes.phone), audited: false,
                        // The cells were parsed and checked on the reading thread; a name left
                        // empty by the check is refused there.
                        checked: fields.operatorName.isEmpty ? nil : (idNumber, phone), shownTo: state.shownTo)
                }
                if person != nil { state.registered(hashes) }
                newPerson = person
                if action == .unchanged { action = .updated }
            }
        }
        guard let point else { return nil }
        let current = try newPoint || person == nil ? nil : Assignment.fetchOpen(db, pointId: point.id!)
        if let person, let idNumber, current?.operatorId != person.id {
            assignment = try attempt {
                try Self.assign(
                    db, point: point, person: person,
                    NewAssignment(
                        pointCode: point.code, idNumber: idNumber.rawValue, from: contractFrom ?? openedOn ?? context.today,
                        contractType: contractType, contractFrom: contractType == nil ? nil : contractFrom ?? openedOn ?? context.today,
                        contractTo: contractTo, override: override),
                    context: context, newPoint: newPoint, newPerson: newPerson != nil, audited: false, shownTo: state.shownTo)
            }
            if action == .unchanged { action = .updated }
        }
        var open = newPoint ? [] : try Service.fetchOpen(db, pointId: point.id!)
        var added: [Service] = []
        for (kind, category) in services where !open.contains(where: { $0.kind == kind && $0.category == category }) {
            let new = NewService(pointCode: point.code, kind: kind, category: category, from: point.openedOn ?? context.today)
            guard let service = try attempt({ try Self.addService(db, point: point, open: open, new, context: context, audited: false) })
            else { continue }
            open.append(service)
            added.append(service)
            if action == .unchanged { action = .updated }
        }
        if action != .unchanged && check.problems.count == before {
            try state.audit(
                db, reason: fields.reason, action: action, point: point, existing: existing, operator: newPerson, assignment: assignment,
                services: added, idNumber: idNumber?.rawValue, context: context)
        }
        return (PointImportRow(row: row.number, pointCode: point.code, action: action), point.id!)
    }

    /// `text` split where `separator` or one of `others` is, leaving out empty pieces: by its bytes
    /// when it is all ASCII (each character a byte), else by its characters.
    static func split(_ text: some StringProtocol, by separator: UInt8, or others: [Character], maxSplits: Int = .max) -> [Substring] {
        let whole = Substring(text)
        guard whole.utf8.allSatisfy({ $0 < 0x80 }) else {
            return whole.split(maxSplits: maxSplits, whereSeparator: { $0 == Character(Unicode.Scalar(separator)) || others.contains($0) })
        }
        return whole.utf8.split(separator: separator, maxSplits: maxSplits).map { whole[$0.startIndex..<$0.endIndex] }
    }

    static func degrees(_ text: String) throws(ValueError) -> Double {
        guard let value = Double(Normalize.spreadsheetText(text)), value.isFinite else { throw .decimal(text) }
        return value
    }
}
