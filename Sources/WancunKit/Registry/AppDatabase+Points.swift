import GRDB

/// A point to register.
public struct NewPoint: Sendable {
    public var village: DivisionCode
    public var name: String
    public var address: String?
    public var latitude: Double?
    public var longitude: Double?
    public var openedOn: LocalDate?
    public var override: Override
    /// The point's plain fields (`Point.plainFields`) by column: a field the list adds is given
    /// here, typed or as text.
    public var values = FieldValues()

    public var planYear: Int? {
        get { values["plan_year"] }
        set { values.set("plan_year", newValue) }
    }

    /// The point as an edit of `Point.blank` that gives its name (`draftPoint`).
    var edit: PointEdit {
        var edit = PointEdit()
        (edit.name, edit.address, edit.latitude, edit.longitude) = (name, address ?? "", latitude, longitude)
        (edit.openedOn, edit.values) = (openedOn, values)
        return edit
    }

    public init(
        village: DivisionCode, name: String, address: String? = nil, latitude: Double? = nil, longitude: Double? = nil,
        planYear: Int? = nil, openedOn: LocalDate? = nil, override: Override = .none
    ) {
        self.override = override
        self.village = village
        self.name = name
        self.address = address
        self.latitude = latitude
        self.longitude = longitude
        self.openedOn = openedOn
        self.planYear = planYear
    }
}

/// Changes to a point; nil leaves a field as it is.
public struct PointEdit: Sendable {
    public var name: String?
    public var address: String?
    public var latitude: Double?
    public var longitude: Double?
    public var openedOn: LocalDate?
    public var businessName: String?
    public var creditCode: String?
    /// Keep a credit code whose check character is wrong, for the reason given.
    public var force = false
    /// Why: needed with `force`, and when the opening day changes (the status history keeps it).
    public var reason: String?
    /// The plain fields to change (`Point.plainFields`), by column.
    public var values = FieldValues()
    /// The optional fields to empty, by column: `latitude` or `longitude` (both go),
    /// `business_name`, `credit_code`. A credit code needs its business.
    public var cleared: Set<String> = []

    public var planYear: Int? {
        get { values["plan_year"] }
        set { values.set("plan_year", newValue) }
    }

    public init() {}
}

extension AppDatabase {
    /// Registers a point in a village that is current. It gets the village's code and the next
    /// 3-digit number, never reused; it starts planned, or operating when it has opened. A point
    /// that may be a duplicate, or in a village that is not rural, needs an override.
    public func addPoint(_ new: NewPoint, context: ChangeContext) throws -> Point {
        try write { db in try Self.addPoint(db, new, context: context) }
    }

    /// `village` and `sameVillage` (its points, and `normalized`, their names and the new one
    /// as the duplicate check compares them) when the caller has them already; `audited`
    /// false when the caller writes one audit line for several changes; `textChecked` when the
    /// name (not empty) and address are as `FreeText.check` made them already.
    static func addPoint(
        _ db: Database, _ new: NewPoint, context: ChangeContext, village known: Division? = nil, sameVillage: [Point]? = nil,
        normalized: DuplicateCheck.NormalizedNames? = nil, audited: Bool = true, textChecked: Bool = false
    ) throws -> Point {
        let village = try known.map { try Self.checkActive($0) } ?? Self.activeVillage(db, new.village)
        // Every refusal at once, the duplicate checks' and the exceptions' included.
        let (draft, found) = Self.draftPoint(Point.blank, new.edit, today: context.today, textChecked: textChecked)
        var refusals = found
        let name = draft.name
        if let refusal = new.override.refusal { refusals.append(refusal) }
        // A 居委会-type community is not a rural village: a point there is an exception.
        let suspects = try [
            village.code.isRuralVillage ? nil : RegistryError.pointNotRuralVillage(village.code, name: village.name),
            DuplicateCheck.suspectPoint(
                db, villageId: village.id!, name: name, latitude: new.latitude, longitude: new.longitude, excluding: nil, sameVillage: sameVillage,
                normalized: normalized),
        ].compactMap { $0 }
        try new.override.refuse(refusals, suspects: suspects)
        // Points never leave their village, so the village's points hold its highest number.
        // A range, not GLOB: a bound GLOB pattern makes SQLite compile the statement anew each time.
        let last =
            try sameVillage.map { points in points.indices.lazy.map { points[$0].code }.max() }
            ?? String.fetchOne(
                db.cachedStatement(sql: "SELECT max(code) FROM point WHERE code BETWEEN ? AND ?"),
                arguments: [new.village.rawValue + "000", new.village.rawValue + "999"])
        let number = (last.flatMap { Int($0.suffix(3)) } ?? 0) + 1
        guard number <= 999 else { throw RegistryError.pointCodesExhausted(new.village) }
        var point = draft
        point.code = PointCode(village: new.village, number: number).rawValue
        point.villageId = village.id!
        point.status = new.openedOn == nil ? .planned : .operating
        try point.insertCached(db)
        try new.override.audit(db, suspects, subject: AuditSubject(pointCode: point.code), context: context)
        var first = PointStatusChange(
            pointId: point.id!, fromStatus: nil, status: point.status, onDate: new.openedOn ?? context.today,
            reason: Message.registered.zh, clerk: context.clerk)
        try first.insertCached(db)
        if audited { try db.audit("point.add", AuditSubject(pointCode: point.code), after: point.auditJSON, context: context) }
        return point
    }

    /// The point `edit` would make of `base`, and every refusal of the values it gives, each
    /// naming its field: the one check of add, edit and import (a new point is an edit of
    /// `Point.blank` that gives its name). The opening day is checked, not set: the status
    /// history keeps it.
    /// `textChecked` when the name (not empty) and address are as `FreeText.check` made them already.
    static func draftPoint(_ base: Point, _ edit: PointEdit, today: LocalDate, textChecked: Bool = false) -> (Point, [RegistryError]) {
        var point = base
        var refusals: [RegistryError] = []
        if let name = edit.name { point.name = textChecked ? name : Self.freeText("name", name, as: .pointName, required: true, &refusals) }
        if let address = edit.address {
            let kept = textChecked ? address : Self.freeText("address", address, as: .address, &refusals)
            point.address = kept.isEmpty ? nil : kept
        }
        if let business = edit.businessName {
            let kept = Self.freeText("business_name", business, as: .businessName, &refusals)
            point.businessName = kept.isEmpty ? nil : kept
        }
        if edit.latitude != nil || edit.longitude != nil || base.code.isEmpty {
            if let refusal = Self.coordinatesRefusal(edit.latitude, edit.longitude) { refusals.append(refusal) }
            point.latitude = edit.latitude
            point.longitude = edit.longitude
        }
        point = point.applying(edit.values, today: today, &refusals)
        if let opened = edit.openedOn, opened != base.openedOn {
            refusals += Self.openedOnField.refusals(opened.databaseValue, today: today)
            if !base.code.isEmpty && (edit.reason?.trimmingSpaces() ?? "").isEmpty { refusals.append(.reasonRequired) }
            point.openedOn = opened
        }
        if edit.force && (edit.reason ?? "").trimmingSpaces().isEmpty { refusals.append(.forceNeedsReason) }
        if let text = edit.creditCode {
            do {
                let code = try parse("credit_code") { () throws(ValueError) in try CreditCode(parsing: text, allowingBadCheck: edit.force) }
                point.creditCode = code.rawValue
                point.creditCodeOverride = code.checkCharacterValid ? nil : edit.reason
            } catch {
                refusals.append(error)
            }
        }
        for column in edit.cleared {
            switch column {
            case "latitude", "longitude": (point.latitude, point.longitude) = (nil, nil)
            case "business_name": point.businessName = nil
            case "credit_code": (point.creditCode, point.creditCodeOverride) = (nil, nil)
            default: refusals.append(.fieldUnknown(column))
            }
        }
        if point.creditCode != nil && point.businessName == nil && (edit.creditCode != nil || edit.businessName != nil || !edit.cleared.isEmpty) {
            refusals.append(.businessNameRequired)
        }
        return (point, refusals)
    }

    /// Looked up once: every new point of an import with an opening day is checked by it.
    private static let openedOnField = Point.field("opened_on")!

    /// A name or address as kept (`FreeText`); what it breaks is added to `refusals`.
    static func freeText(
        _ field: String, _ text: String, as kind: FreeText.Kind, required: Bool = false, _ refusals: inout [RegistryError]
    ) -> String {
        do {
            let value = try FreeText.check(text, as: kind)
            if required && value.isEmpty { refusals.append(.invalid(field: field, .empty)) }
            return value
        } catch {
            refusals.append(.invalid(field: field, error))
            return ""
        }
    }

    static func activeVillage(_ db: Database, _ code: DivisionCode) throws -> Division {
        guard let village = try Division.fetch(db, code: code) else {
            throw RegistryError.villageUnknown(code)
        }
        return try checkActive(village)
    }

    /// The division, when it is a current village.
    static func checkActive(_ village: Division) throws -> Division {
        guard village.code.level == .village else { throw RegistryError.notAVillage(village.code, village.code.level) }
        if let retired = village.retiredOn { throw RegistryError.villageRetired(village.code, retired) }
        return village
    }

    static func coordinatesRefusal(_ latitude: Double?, _ longitude: Double?) -> RegistryError? {
        if (latitude == nil) != (longitude == nil) { return .coordinatesIncomplete }
        if let latitude, let longitude, !(-90...90).contains(latitude) || !(-180...180).contains(longitude) {
            return .coordinatesOutOfRange
        }
        return nil
    }

    static func point(_ db: Database, _ code: String) throws -> Point {
        guard let point = try Point.fetch(db, code: code) else {
            throw RegistryError.pointUnknown(code)
        }
        return point
    }

    /// Edits a point's details. A credit code that fails GB 32100 is refused unless `force`
    /// with a reason, which the audit trail keeps. A new opening day, with a reason, rewrites
    /// the opening in the status history (a planned point then opens).
    public func editPoint(_ code: String, _ edit: PointEdit, context: ChangeContext) throws -> Point {
        try write { db in try Self.editPoint(db, code, edit, context: context) }
    }

    static func editPoint(_ db: Database, _ code: String, _ edit: PointEdit, context: ChangeContext, audited: Bool = true) throws -> Point {
        let before = try Self.point(db, code)
        let (draft, refusals) = Self.draftPoint(before, edit, today: context.today)
        try RegistryError.refuse(refusals)
        var point = draft
        if let opened = edit.openedOn, opened != before.openedOn {
            // The opening day is the status history's: it is rewritten there, for a reason.
            point.openedOn = before.openedOn
            try Self.recordOpening(db, &point, on: opened, reason: edit.reason!.trimmingSpaces(), context: context)
        }
        if point != before {
            try point.update(db)
            if audited {
                try db.audit(
                    edit.force ? "point.force" : "point.edit", AuditSubject(pointCode: code), before: before.auditJSON,
                    after: point.auditJSON, reason: edit.reason, context: context)
            }
        }
        return point
    }

    /// Moves a point through its lifecycle: planned → operating or closed; operating ⇄
    /// suspended; operating or suspended → closed. Closing ends the operator's assignment.
    /// A change may not be dated before the last one, except a first opening, which may be
    /// dated before the registration.
    public func changeStatus(_ code: String, to status: PointStatus, reason: String, on date: LocalDate?, context: ChangeContext) throws {
        try write { db in try Self.changeStatus(db, code, to: status, reason: reason, on: date, context: context) }
    }

    static func changeStatus(_ db: Database, _ code: String, to status: PointStatus, reason: String, on date: LocalDate?, context: ChangeContext)
        throws
    {
        do {
            var point = try Self.point(db, code)
            // Every refusal at once.
            var refusals: [RegistryError] = []
            if !point.status.allowedNext.contains(status) {
                refusals.append(.statusNotAllowed(from: point.status, to: status, allowed: point.status.allowedNext))
            }
            let reason = reason.trimmingSpaces()
            if reason.isEmpty { refusals.append(.reasonRequired) }
            let day = date ?? context.today
            if day > context.today { refusals.append(.dateInFuture(field: "date", day)) }
            try RegistryError.refuse(refusals)
            let from = point.status
            if from == .planned && status == .operating {
                // A first opening may be dated before the registration: a point is often
                // registered after it opened.
                try Self.recordOpening(db, &point, on: day, reason: reason, context: context)
            } else {
                // The last real change: a day's status is its last row, and rows that only restate
                // the status (those a first opening dated before the registration leaves on the
                // registration day) change nothing.
                let history = try Row.fetchAll(
                    db, sql: "SELECT on_date, status FROM point_status WHERE point_id = ? ORDER BY on_date, id", arguments: [point.id]
                ).map { ($0[0] as LocalDate, $0[1] as PointStatus) }
                var lastChange: LocalDate?
                var current: PointStatus?
                for (i, (date, rowStatus)) in history.enumerated() where i + 1 == history.count || history[i + 1].0 != date {
                    if rowStatus != current { lastChange = date }
                    current = rowStatus
                }
                if let lastChange, day < lastChange { throw RegistryError.statusDateBeforeLast(day, last: lastChange) }
                var change = PointStatusChange(
                    pointId: point.id!, fromStatus: from, status: status, onDate: day, reason: reason, clerk: context.clerk)
                try change.insertCached(db)
                // Restating rows after the change would undo it on their days: it is restated
                // after the rows of each later day.
                for later in Set(history.map(\.0).filter { $0 > day }).sorted() {
                    var restated = PointStatusChange(
                        pointId: point.id!, fromStatus: from, status: status, onDate: later, reason: reason, clerk: context.clerk)
                    try restated.insertCached(db)
                }
                point.status = status  // as the trigger on point_status just set it
            }
            try db.audit(
                "point.status", AuditSubject(pointCode: code), before: .object([("status", .string(from.rawValue))]),
                after: .object([("status", .string(status.rawValue)), ("on_date", .string(day.description))]), reason: reason,
                context: context)
            if status == .closed, var open = try Assignment.fetchOpen(db, pointId: point.id!) {
                try Self.end(db, &open, on: day, reason: reason, pointCode: code, context: context)
            }
        }
    }

    /// Points in code order with their village, town and current operator.
    public func points(_ filter: PointFilter = PointFilter()) throws -> [PointListing] {
        let (whereClause, arguments) = Self.pointsWhere(under: filter.under, status: filter.status)
        return try read { db in
            try PointListing.fetchAll(db, sql: PointListing.selectSQL + " \(whereClause) ORDER BY p.code", arguments: arguments)
        }
    }

    /// The `WHERE` clause (empty when nothing is asked) that keeps the points (`p`) under a
    /// division, in a status, whose name holds `name` and whose code starts with `code`.
    static func pointsWhere(
        under: DivisionCode?, status: PointStatus?, name: String? = nil, code: String? = nil
    ) -> (sql: String, arguments: StatementArguments) {
        var conditions: [String] = []
        var arguments: StatementArguments = []
        if let under {
            conditions.append("p.code GLOB ?")
            arguments += [under.significantPrefix + "*"]
        }
        if let status {
            conditions.append("p.status = ?")
            arguments += [status.rawValue]
        }
        if let name, !name.isEmpty {
            conditions.append("instr(p.name, ?) > 0")
            arguments += [name]
        }
        if let code, !code.isEmpty {
            conditions.append("substr(p.code, 1, length(?)) = ?")
            arguments += [code, code]
        }
        return (conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND "), arguments)
    }
}
