import GRDB

/// The point forms of the web: each reads what was typed (`FormInput`, by the field list's
/// columns), checks that the actor may make the change, and makes it or refuses it with every
/// problem at once, each naming its field (`RegistryError.field`). The change's clerk is the
/// actor's name, as `--clerk` names the CLI's, so that the audit trail names who made it.
extension AppDatabase {
    /// Refuses a change's form: an actor who may change nothing with the policy's reason, a
    /// point outside the actor's reach as unknown, one they may see but not change with the reason.
    public func requireChangeForm(pointCode: String?, as actor: Actor) throws {
        try AccessPolicy.require(actor, .changeRegistry)
        if let pointCode { try requireChange(pointCode: pointCode, as: actor) }
    }

    public func addPoint(form: FormInput, as actor: Actor, context: ChangeContext) throws -> Point {
        try requireChangeForm(pointCode: nil, as: actor)
        let context = context.made(by: actor)
        var refusals: [RegistryError] = []
        let (village, new) = NewPoint.reading(form, &refusals)
        guard let village else { try RegistryError.refuseAll(refusals + Self.draftPoint(Point.blank, new.edit, today: context.today).1) }
        guard AccessPolicy.canChange(actor, pointCode: village.rawValue) else { throw AccountError.notAllowed(actor.name, .changeRegistry) }
        return try write { db in try RegistryError.refusing(with: refusals) { try Self.addPoint(db, new, context: context) } }
    }

    public func editPoint(_ code: String, form: FormInput, as actor: Actor, context: ChangeContext) throws -> Point {
        try requireChangeForm(pointCode: code, as: actor)
        let context = context.made(by: actor)
        return try write { db in
            var refusals: [RegistryError] = []
            let edit = PointEdit.reading(form, base: try Self.point(db, code), &refusals)
            return try RegistryError.refusing(with: refusals) { try Self.editPoint(db, code, edit, context: context) }
        }
    }

    /// `status`, `on_date` (blank for today) and `reason`.
    public func changeStatus(_ code: String, form: FormInput, as actor: Actor, context: ChangeContext) throws {
        try requireChangeForm(pointCode: code, as: actor)
        let context = context.made(by: actor)
        var refusals: [RegistryError] = []
        let status = form.required("status", &refusals) { text throws(ValueError) in try PointStatus(parsing: text) }
        let day = form.parsed("on_date", &refusals) { text throws(ValueError) in try LocalDate(parsing: text) }
        let reason = form.text["reason"] ?? ""
        guard let status else {
            try RegistryError.refuseAll(refusals + (reason.trimmingSpaces().isEmpty ? [.reasonRequired] : []))
        }
        try write { db in
            try RegistryError.refusing(with: refusals) { try Self.changeStatus(db, code, to: status, reason: reason, on: day, context: context) }
        }
    }

    /// The operator by `operator_id` (their registered id) or `id_number`, from `started_on`,
    /// with `contract_type`, `contract_from` and `contract_to`; `force` and `reason` past a
    /// duplicate check.
    public func assign(_ code: String, form: FormInput, as actor: Actor, context: ChangeContext) throws -> Assignment {
        try requireChangeForm(pointCode: code, as: actor)
        let context = context.made(by: actor)
        var refusals: [RegistryError] = []
        var idNumber = try formOperator(form, today: context.today, &refusals)
        if let known = idNumber {
            do { try requireOperator(known, as: actor) } catch let error as RegistryError {
                // By `operator_id`, a person out of reach is refused as one who does not exist:
                // with what was typed, so that counting through the ids tells nothing.
                refusals += form.given("operator_id").map { [.operatorUnknown(maskedID: $0)] } ?? error.refusals
                idNumber = nil
            }
        }
        let from = form.required("started_on", &refusals) { text throws(ValueError) in try LocalDate(parsing: text) }
        let new = NewAssignment(
            pointCode: code, idNumber: idNumber ?? "", from: from ?? context.today,
            contractType: form.parsed("contract_type", of: Assignment.self, &refusals),
            contractFrom: form.parsed("contract_from", of: Assignment.self, &refusals),
            contractTo: form.parsed("contract_to", of: Assignment.self, &refusals), override: form.override)
        return try write { db in
            var refusals = refusals
            let point = try Self.point(db, code)
            let person = try idNumber.flatMap { id in try RegistryError.gathering(&refusals) { try Self.operator(db, id, today: context.today) } }
            guard let person else { try RegistryError.refuseAll(refusals + Self.assignmentRefusals(point, new, today: context.today)) }
            return try RegistryError.refusing(with: refusals) {
                try Self.assign(db, point: point, person: person, new, context: context, shownTo: actor)
            }
        }
    }

    /// The ID number of the operator a form names: by `operator_id`, else by `id_number`.
    func formOperator(_ form: FormInput, today: LocalDate, _ refusals: inout [RegistryError]) throws -> String? {
        if let id = form.given("operator_id") {
            let person = try Int64(id).flatMap { key in try read { db in try Operator.fetchOne(db, key: key) } }
            if person == nil { refusals.append(.operatorUnknown(maskedID: id)) }
            return person?.idNumber
        }
        return form.required("id_number", &refusals) { text throws(ValueError) in try ResidentID(parsing: text, today: today) }?.rawValue
    }

    /// `ended_on` and `end_reason`.
    public func unassign(_ code: String, form: FormInput, as actor: Actor, context: ChangeContext) throws {
        try requireChangeForm(pointCode: code, as: actor)
        let context = context.made(by: actor)
        var refusals: [RegistryError] = []
        let day = form.required("ended_on", &refusals) { text throws(ValueError) in try LocalDate(parsing: text) }
        try write { db in
            try RegistryError.refusing(with: refusals) {
                try Self.unassign(db, code, on: day ?? context.today, reason: form.text["end_reason"] ?? "", context: context)
            }
        }
    }

    public func assign(_ new: NewAssignment, as actor: Actor, context: ChangeContext) throws -> Assignment {
        try requireChangeForm(pointCode: new.pointCode, as: actor)
        try requireOperator(new.idNumber, as: actor)
        return try assignEnding(new, shownTo: actor, context: context.made(by: actor)).0
    }

    public func unassign(_ code: String, on date: LocalDate, reason: String, as actor: Actor, context: ChangeContext) throws {
        try requireChangeForm(pointCode: code, as: actor)
        try unassign(code, on: date, reason: reason, context: context.made(by: actor))
    }
}

extension ChangeContext {
    /// The context of a change the actor makes: the audit trail names them.
    func made(by actor: Actor) -> ChangeContext {
        var context = self
        (context.clerk, context.clerkGiven) = (actor.name, true)
        return context
    }
}

extension FormInput {
    /// A value the form must give: blank is refused as empty.
    func required<T>(_ column: String, _ refusals: inout [RegistryError], _ read: (String) throws(ValueError) -> T) -> T? {
        guard given(column) != nil else {
            refusals.append(.invalid(field: column, .empty))
            return nil
        }
        return parsed(column, &refusals, read)
    }
}
