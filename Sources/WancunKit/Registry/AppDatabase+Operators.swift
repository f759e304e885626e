import GRDB

/// A person to register as an operator, as typed (checked here).
public struct NewOperator: Sendable {
    public var name: String
    public var idNumber: String
    public var phone: String
    public var difficulty: DifficultyCategory?
    public var difficultyNote: String?
    public var certificateNo: String?
    public var certifiedOn: LocalDate?
    public var retirementGroup: RetirementGroup?
    public var override: Override

    public init(
        name: String, idNumber: String, phone: String, difficulty: DifficultyCategory? = nil, difficultyNote: String? = nil,
        certificateNo: String? = nil, certifiedOn: LocalDate? = nil, retirementGroup: RetirementGroup? = nil,
        override: Override = .none
    ) {
        self.override = override
        self.name = name
        self.idNumber = idNumber
        self.phone = phone
        self.difficulty = difficulty
        self.difficultyNote = difficultyNote
        self.certificateNo = certificateNo
        self.certifiedOn = certifiedOn
        self.retirementGroup = retirementGroup
    }
}

/// Changes to an operator; nil leaves a field as it is.
public struct OperatorEdit: Sendable {
    public var name: String?
    public var phone: String?
    public var difficulty: DifficultyCategory?
    public var difficultyNote: String?
    public var certificateNo: String?
    public var certifiedOn: LocalDate?
    public var retirementGroup: RetirementGroup?
    /// The optional fields to empty, by column (`difficulty`, `difficulty_note`,
    /// `certificate_no`, `certified_on`): a category entered by mistake must be removable, or
    /// the person stays counted as in difficulty. Emptying some but not all of the category,
    /// its certificate and its date is refused as incomplete.
    public var cleared: Set<String> = []
    /// Keep a 4050 certificate the ID number cannot hold, for the reason given.
    public var force = false
    public var reason: String?

    public init() {}
}

/// An assignment to make.
public struct NewAssignment: Sendable {
    public var pointCode: String
    public var idNumber: String
    public var from: LocalDate
    public var contractType: ContractType?
    public var contractFrom: LocalDate?
    public var contractTo: LocalDate?
    public var override: Override

    public init(
        pointCode: String, idNumber: String, from: LocalDate, contractType: ContractType? = nil, contractFrom: LocalDate? = nil,
        contractTo: LocalDate? = nil, override: Override = .none
    ) {
        self.override = override
        self.pointCode = pointCode
        self.idNumber = idNumber
        self.from = from
        self.contractType = contractType
        self.contractFrom = contractFrom
        self.contractTo = contractTo
    }
}

extension AppDatabase {
    /// Registers a person. Men's retirement group is `male`; a woman's must be stated, since
    /// it depends on the post.
    /// `alsoRefused`: what the caller found already (a form's value that did not parse), told
    /// with the rest.
    public func addOperator(_ new: NewOperator, alsoRefused: [RegistryError] = [], context: ChangeContext) throws -> Operator {
        try addOperator(new, alsoRefused: alsoRefused, shownTo: nil, context: context)
    }

    /// The same, its refusals worded for `actor` (`shownTo`): another person is named only to
    /// an actor who may see them.
    func addOperator(_ new: NewOperator, alsoRefused: [RegistryError], shownTo actor: Actor?, context: ChangeContext) throws -> Operator {
        try write { db in try Self.addOperator(db, new, context: context, alsoRefused: alsoRefused, shownTo: actor) }
    }

    /// `knownNew` when the caller has just looked the ID number up and found nobody;
    /// `phoneKnownNew` when it knows no operator has the phone; `checked` when the caller has
    /// parsed the ID number and phone already (as of `context.today`), and the name (not
    /// empty) is as `FreeText.check` made it; `shownTo` the actor the refusals are worded for.
    static func addOperator(
        _ db: Database, _ new: NewOperator, context: ChangeContext, knownNew: Bool = false, phoneKnownNew: Bool = false, audited: Bool = true,
        checked: (id: ResidentID, phone: Phone)? = nil, alsoRefused: [RegistryError] = [], shownTo actor: Actor? = nil
    ) throws -> Operator {
        // Every refusal at once, the duplicate check's included.
        var refusals = alsoRefused
        var id = checked?.id
        if id == nil {
            do { id = try parse("id_number") { () throws(ValueError) in try ResidentID(parsing: new.idNumber, today: context.today) } } catch {
                refusals.append(error)
            }
        }
        var edit = OperatorEdit()
        (edit.retirementGroup, edit.difficulty, edit.difficultyNote, edit.certificateNo, edit.certifiedOn) =
            (new.retirementGroup, new.difficulty, new.difficultyNote, new.certificateNo, new.certifiedOn)
        var blank = Operator.blank
        blank.idNumber = id?.rawValue ?? ""
        // What the caller checked already is not checked again.
        if let checked {
            (blank.name, blank.phone) = (new.name, checked.phone.rawValue)
        } else {
            (edit.name, edit.phone) = (new.name, new.phone)
        }
        let (person, found) = Self.draftOperator(blank, edit, adding: true, today: context.today)
        refusals += found
        guard let id else { try RegistryError.refuseAll(refusals) }
        var added = person
        if !knownNew, let existing = try Operator.fetch(db, idNumber: id.rawValue) {
            let named = try Self.mayName(db, operator: existing.idNumber, to: actor)
            refusals.append(named ? .operatorExists(maskedID: id.masked, name: existing.name) : .operatorExistsElsewhere)
        }
        if let refusal = new.override.refusal { refusals.append(refusal) }
        let phoneSuspect =
            phoneKnownNew || person.phone.isEmpty ? nil : try DuplicateCheck.suspectPhone(db, phone: person.phone, excluding: nil, shownTo: actor)
        let suspects = [Self.age4050Suspect(person), phoneSuspect].compactMap { $0 }
        try new.override.refuse(refusals, suspects: suspects)
        try added.insertCached(db)
        try new.override.audit(db, suspects, subject: AuditSubject(operatorIdNumber: id.rawValue), context: context)
        if audited { try db.audit("operator.add", AuditSubject(operatorIdNumber: id.rawValue), after: added.auditJSON, context: context) }
        return added
    }

    /// The operator `edit` would make of `base`, and every refusal of the values it gives, each
    /// naming its field: the one check of add, edit and import (`adding` a person, whose
    /// retirement group is always worked out; `base` without an ID number when it was refused).
    static func draftOperator(_ base: Operator, _ edit: OperatorEdit, adding: Bool = false, today: LocalDate) -> (Operator, [RegistryError]) {
        var person = base
        var refusals: [RegistryError] = []
        if let phone = edit.phone {
            do throws(ValueError) { person.phone = try Phone(parsing: phone).rawValue } catch {
                refusals.append(.invalid(field: "phone", error))
                if adding { person.phone = "" }
            }
        }
        if let name = edit.name { person.name = Self.freeText("name", name, as: .personName, required: true, &refusals) }
        if let d = edit.difficulty { person.difficulty = d }
        if let n = edit.difficultyNote { person.difficultyNote = n }
        if let c = edit.certificateNo { person.certificateNo = c }
        if let c = edit.certifiedOn { person.certifiedOn = c }
        for column in edit.cleared {
            switch column {
            case "difficulty": (person.difficulty, person.difficultyNote) = (nil, nil)
            case "difficulty_note": person.difficultyNote = nil
            case "certificate_no": person.certificateNo = nil
            case "certified_on": person.certifiedOn = nil
            default: refusals.append(.fieldUnknown(column))
            }
        }
        if (adding || edit.retirementGroup != nil) && !person.idNumber.isEmpty {
            do throws(RegistryError) { person.retirementGroup = try Self.retirementGroup(edit.retirementGroup, for: person.residentID) } catch {
                refusals.append(error)
            }
        }
        if let refusal = Self.difficultyRefusal(person, today: today) { refusals.append(refusal) }
        return (person, refusals)
    }

    static func retirementGroup(_ given: RetirementGroup?, for id: ResidentID) throws(RegistryError) -> RetirementGroup {
        switch (id.sex, given) {
        case (.male, nil), (.male, .male): return .male
        case (.male, _): throw RegistryError.retirementGroupNotForMen
        case (.female, nil): throw RegistryError.retirementGroupRequired
        case (.female, .male): throw RegistryError.retirementGroupNotForWomen
        case (.female, let group?): return group
        }
    }

    /// A 4050 certificate the ID number cannot hold: a woman under 40, a man under 50, in full
    /// years on the day it was issued. Kept only by an override: the person's age stays unsaid.
    static func age4050Suspect(_ person: Operator) -> RegistryError? {
        guard person.difficulty == .age4050, let on = person.certifiedOn, !person.residentID.meets4050(on: on) else { return nil }
        return .difficulty4050Age(certifiedOn: on, person.residentID.sex)
    }

    static func difficultyRefusal(_ person: Operator, today: LocalDate) -> RegistryError? {
        let missing = [person.difficulty == nil, (person.certificateNo ?? "").isEmpty, person.certifiedOn == nil]
        if missing.contains(true) && missing.contains(false) { return .difficultyIncomplete }
        if person.difficulty == .other && (person.difficultyNote ?? "").isEmpty { return .difficultyNoteRequired }
        if let on = person.certifiedOn, on > today { return .dateInFuture(field: "certified_on", on) }
        return nil
    }

    static func `operator`(_ db: Database, _ idNumber: String, today: LocalDate) throws -> Operator {
        let id = try parse("id_number") { () throws(ValueError) in try ResidentID(parsing: idNumber, today: today) }
        guard let person = try Operator.fetch(db, idNumber: id.rawValue) else {
            throw RegistryError.operatorUnknown(maskedID: id.masked)
        }
        return person
    }

    /// Edits an operator. A 4050 certificate the person cannot hold is refused, when the edit
    /// changes the category or its date, unless `force` with a reason, which the audit keeps.
    /// `alsoRefused` as for `addOperator`.
    public func editOperator(_ idNumber: String, _ edit: OperatorEdit, alsoRefused: [RegistryError] = [], context: ChangeContext) throws
        -> Operator
    {
        try write { db in
            let before = try Self.operator(db, idNumber, today: context.today)
            // Every refusal at once.
            let (person, found) = Self.draftOperator(before, edit, today: context.today)
            var refusals = alsoRefused + found
            if edit.retirementGroup != nil {
                // Months already paid stay before retirement (the subsidy's own record of them).
                let retirement = Self.retirementMonth(person, overrides: try Self.retirementOverrides(db))
                if person.retirementGroup != before.retirementGroup, let lastPaid = try Self.lastPaidMonth(db, operator: person.id!),
                    retirement <= lastPaid
                {
                    refusals.append(.retirementBeforePaidMonth(retirement: retirement, lastPaid: lastPaid))
                }
            }
            let override = Override(force: edit.force, reason: edit.reason)
            if let refusal = override.refusal { refusals.append(refusal) }
            let certificateChanged = person.difficulty != before.difficulty || person.certifiedOn != before.certifiedOn
            let suspects = certificateChanged ? [Self.age4050Suspect(person)].compactMap { $0 } : []
            try override.refuse(refusals, suspects: suspects)
            if person != before {
                try person.update(db)
                try override.audit(db, suspects, subject: AuditSubject(operatorIdNumber: person.idNumber), context: context)
                try db.audit(
                    "operator.edit", AuditSubject(operatorIdNumber: person.idNumber), before: before.auditJSON,
                    after: person.auditJSON, reason: edit.reason, context: context)
            }
            return person
        }
    }

    /// Operators in name order, each with the point they run now.
    public func operators() throws -> [(Operator, String?)] {
        try read { db in
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT o.*, p.code AS point_code FROM operator o
                    LEFT JOIN assignment a ON a.operator_id = o.id AND \(RegistrySQL.open("a"))
                    LEFT JOIN point p ON p.id = a.point_id
                    ORDER BY o.name, o.id
                    """)
            return try rows.map { (try Operator(row: $0), $0["point_code"]) }
        }
    }

    /// One operator and their assignments, newest first, with each point's code.
    public func operatorDetail(_ idNumber: String, today: LocalDate) throws -> (Operator, [(Assignment, String)]) {
        try read { db in
            let person = try Self.operator(db, idNumber, today: today)
            let rows = try Row.fetchAll(
                db,
                sql: "SELECT a.*, p.code AS point_code FROM assignment a JOIN point p ON p.id = "
                    + "a.point_id WHERE a.operator_id = ? ORDER BY a.started_on DESC",
                arguments: [person.id])
            return (person, try rows.map { (try Assignment(row: $0), $0["point_code"]) })
        }
    }

    /// Puts an operator in charge of a point from a date. The point's current operator, if
    /// any, stops that day; a person already running another point then is refused.
    public func assign(_ new: NewAssignment, context: ChangeContext) throws -> Assignment {
        try assignEnding(new, context: context).0
    }

    /// The same, also telling whose assignment it ended, if the point had an operator.
    public func assignEnding(_ new: NewAssignment, context: ChangeContext) throws -> (Assignment, EndedAssignment?) {
        try assignEnding(new, shownTo: nil, context: context)
    }

    /// The same, its refusals worded for `actor` (`shownTo`), as `addOperator`'s are.
    func assignEnding(_ new: NewAssignment, shownTo actor: Actor?, context: ChangeContext) throws -> (Assignment, EndedAssignment?) {
        try write { db in
            var ended: EndedAssignment?
            // An unknown point and an unknown person are told together.
            var refusals: [RegistryError] = []
            let point = try RegistryError.gathering(&refusals) { try Self.point(db, new.pointCode) }
            let person = try RegistryError.gathering(&refusals) { try Self.operator(db, new.idNumber, today: context.today) }
            guard let point, let person else { try RegistryError.refuseAll(refusals) }
            let assignment = try Self.assign(db, point: point, person: person, new, context: context, shownTo: actor, ended: { ended = $0 })
            return (assignment, ended)
        }
    }

    /// Whether another operator with the phone runs a point now (the phone, the operator's id).
    private static let phoneRunningSQL =
        "SELECT EXISTS (SELECT 1 FROM operator o JOIN assignment a ON a.operator_id = o.id AND \(RegistrySQL.open("a")) "
        + "WHERE o.phone = ? AND o.id <> ?)"

    /// `newPoint` or `newPerson` when the caller created it in this change, so that it has no
    /// assignments to look at; `audited` false when the caller writes one line for it all;
    /// `shownTo` the actor the refusals are worded for (another point, another person named
    /// only to an actor who may see them).
    static func assign(
        _ db: Database, point: Point, person: Operator, _ new: NewAssignment, context: ChangeContext, newPoint: Bool = false,
        newPerson: Bool = false, audited: Bool = true, shownTo actor: Actor? = nil, ended: ((EndedAssignment) -> Void)? = nil
    ) throws -> Assignment {
        // Every refusal at once.
        var refusals = Self.assignmentRefusals(point, new, today: context.today)
        let others =
            newPerson
            ? []
            : try Row.fetchAll(
                db.cachedStatement(
                    sql: """
                        SELECT p.code, p.name FROM assignment a JOIN point p ON p.id = a.point_id
                        WHERE a.operator_id = ? AND a.point_id <> ? AND \(RegistrySQL.notEnded("a", by: "?"))
                        ORDER BY a.started_on LIMIT 1
                        """), arguments: [person.id, point.id, new.from])
        if let other = others.first {
            let code: String = other["code"]
            refusals.append(
                actor.map { AccessPolicy.canRead($0, pointCode: code) } ?? true
                    ? .operatorBusy(maskedID: person.residentID.masked, otherPoint: code, otherName: other["name"])
                    : .operatorBusyElsewhere(maskedID: person.residentID.masked))
        }
        let current = newPoint ? nil : try Assignment.fetchOpen(db, pointId: point.id!)
        if let open = current {
            if open.operatorId == person.id { refusals.append(.operatorAlreadyHere(maskedID: person.residentID.masked)) }
            if new.from < open.startedOn { refusals.append(.assignmentBeforeCurrent(new.from, current: open.startedOn)) }
        }
        // The current assignment is open, so the latest ended one is another's.
        if !newPoint,
            let ended = try LocalDate.fetchOne(
                db.cachedStatement(sql: "SELECT max(ended_on) FROM assignment WHERE point_id = ? AND ended_on > ?"), arguments: [point.id, new.from])
        {
            refusals.append(.assignmentOverlapsHistory(new.from, endedOn: ended))
        }
        if let refusal = new.override.refusal { refusals.append(refusal) }
        try RegistryError.refuse(refusals)
        if var open = current {
            try Self.end(db, &open, on: new.from, reason: Message.replacedByNewOperator.zh, pointCode: point.code, context: context)
            if let ended,
                let row = try Row.fetchOne(
                    db.cachedStatement(sql: "SELECT name, id_number FROM operator WHERE id = ?"), arguments: [open.operatorId])
            {
                ended(
                    EndedAssignment(
                        name: row["name"], maskedID: Mask.residentID(row["id_number"]), startedOn: open.startedOn, endedOn: new.from))
            }
        }
        // A phone shared with another operator who runs a point now hints at impersonation. A
        // person registered in this change had their phone checked against every operator.
        let phoneSuspect = newPerson ? nil : try DuplicateCheck.suspectPhone(db, phone: person.phone, excluding: person.id, shownTo: actor)
        let running =
            try phoneSuspect != nil
            && Bool.fetchOne(
                db.cachedStatement(sql: Self.phoneRunningSQL), arguments: [person.phone, person.id]) == true
        let suspects = running ? [phoneSuspect!] : []
        try new.override.refuse([], suspects: suspects)
        try new.override.audit(db, suspects, subject: AuditSubject(pointCode: point.code, operatorIdNumber: person.idNumber), context: context)
        var assignment = Assignment(
            pointId: point.id!, operatorId: person.id!, startedOn: new.from, contractType: new.contractType,
            contractFrom: new.contractFrom, contractTo: new.contractTo)
        try assignment.insertCached(db)
        if audited {
            try db.audit(
                "point.assign", AuditSubject(pointCode: point.code, operatorIdNumber: person.idNumber),
                after: assignment.auditJSON, context: context)
        }
        return assignment
    }

    /// What an assignment's own values break, each naming its field: the point closed, the
    /// first day in the future, a contract without its type or first day, or ending before it starts.
    static func assignmentRefusals(_ point: Point, _ new: NewAssignment, today: LocalDate) -> [RegistryError] {
        var refusals: [RegistryError] = []
        if point.status == .closed { refusals.append(.pointClosed(point.code)) }
        if new.from > today { refusals.append(.dateInFuture(field: "date", new.from)) }
        if (new.contractType == nil) != (new.contractFrom == nil) || (new.contractTo != nil && new.contractType == nil) {
            refusals.append(.contractIncomplete)
        }
        if let from = new.contractFrom, let to = new.contractTo, to < from { refusals.append(.contractEndsBeforeStart) }
        return refusals
    }

    /// Ends the point's current assignment on a date, for a reason.
    public func unassign(_ pointCode: String, on date: LocalDate, reason: String, context: ChangeContext) throws {
        try write { db in try Self.unassign(db, pointCode, on: date, reason: reason, context: context) }
    }

    static func unassign(_ db: Database, _ pointCode: String, on date: LocalDate, reason: String, context: ChangeContext) throws {
        do {
            let point = try Self.point(db, pointCode)
            guard var current = try Assignment.fetchOpen(db, pointId: point.id!) else {
                throw RegistryError.noActiveAssignment(pointCode)
            }
            // Every refusal at once.
            var refusals: [RegistryError] = []
            if reason.trimmingSpaces().isEmpty { refusals.append(.reasonRequired) }
            if date > context.today { refusals.append(.dateInFuture(field: "date", date)) }
            if date < current.startedOn { refusals.append(.unassignBeforeStart(date, started: current.startedOn)) }
            try RegistryError.refuse(refusals)
            try Self.end(db, &current, on: date, reason: reason, pointCode: pointCode, context: context)
        }
    }

    static func end(_ db: Database, _ assignment: inout Assignment, on date: LocalDate, reason: String, pointCode: String, context: ChangeContext)
        throws
    {
        if date < assignment.startedOn { throw RegistryError.unassignBeforeStart(date, started: assignment.startedOn) }
        let before = assignment.auditJSON
        assignment.endedOn = date
        assignment.endReason = reason
        try assignment.update(db)
        let idNumber = try String.fetchOne(db.cachedStatement(sql: "SELECT id_number FROM operator WHERE id = ?"), arguments: [assignment.operatorId])
        try db.audit(
            "point.unassign", AuditSubject(pointCode: pointCode, operatorIdNumber: idNumber), before: before,
            after: assignment.auditJSON, reason: reason, context: context)
    }
}
