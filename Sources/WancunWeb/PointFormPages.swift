import Foundation
import Hummingbird
import WancunKit

/// The point forms: add, edit, change status, assign and unassign. Each shows every refusal
/// at once beside its input with what was typed (422), and on success sends the browser to
/// the point's page with a short confirmation (303). The library checks who may change what.
extension WebApp {
    func addPointFormRoutes(to router: Router<WebContext>) {
        router.get("/points/new") { _, context in try newPointForm(context) }
        router.post("/points/new") { _, context in try addPoint(context) }
        router.get("/points/{code}/edit") { _, context in try editPointForm(context) }
        router.post("/points/{code}/edit") { _, context in try editPoint(context) }
        router.post("/points/{code}/status") { _, context in try changeStatus(context) }
        router.get("/points/{code}/assign") { _, context in try assignForm(context) }
        router.post("/points/{code}/assign") { _, context in try assign(context) }
        router.post("/points/{code}/unassign") { _, context in try unassign(context) }
    }

    /// The confirmations a change's redirect names (`?done=`), shown on the point's page.
    enum Done: String {
        case added, edited, status, assigned, unassigned

        func message(_ point: PointListing) -> Message {
            switch self {
            case .added: Message.pointAdded(point.code, point.name)
            case .edited: Message.pointEdited(point.code)
            case .status: Message.pointStatusChanged(point.code, point.status)
            case .assigned: Message.operatorAssigned(point.code)
            case .unassigned: Message.operatorUnassigned(point.code)
            }
        }
    }

    /// The change's context: the signed-in user is its clerk, so the audit trail names them.

    func pointCode(_ context: WebContext) -> String { context.parameters.get("code") ?? "" }

    /// Makes a change: on success to the point's page; refused, `form` shown again with the refusals (422).
    func submit(_ context: WebContext, code: String? = nil, done: Done, form: ([RegistryError]) throws -> Response, _ change: () throws -> String)
        throws -> Response
    {
        do {
            let made = try change()
            return .redirect(to: "/points/" + Pages.pathComponent(made) + "?done=" + done.rawValue, type: .normal)
        } catch RegistryError.pointUnknown(let unknown) where unknown == code {
            throw WebRefusal.notFound
        } catch let error as RegistryError {
            return try form(error.refusals)
        }
    }

    // MARK: Add and edit

    func newPointForm(_ context: WebContext, typed: [String: String] = [:], refusals: [RegistryError] = []) throws -> Response {
        let actor = try context.actor()
        try database.requireChangeForm(pointCode: nil, as: actor)
        let lang = context.language
        let towns = try database.divisions(DivisionFilter(level: .town)).filter { AccessPolicy.canChange(actor, pointCode: $0.code.rawValue) }
        let villages = try database.divisions(DivisionFilter(level: .village)).filter { AccessPolicy.canChange(actor, pointCode: $0.code.rawValue) }
        let chosen = typed["village_code"] ?? ""
        let groups = towns.map { town in
            FormControl.Group(
                label: town.name,
                options: villages.filter { $0.parentCode == town.code }.map { ($0.code.rawValue, $0.name + " " + $0.code.rawValue) })
        }
        let village = FormControl(
            "village_code", Message.Header.village.text(lang), value: chosen, required: true,
            kind: .select([FormControl.Group(label: nil, options: [("", Message.WebPoints.choose.text(lang))])] + groups))
        let controls = [village] + Point.addFormFields.map { FormControl($0, lang, value: typed[$0.column] ?? "") } + overrideControls(typed, lang)
        let body = recordForm(
            FormControl.filled(controls, refusals, lang), action: "/points/new", id: "point-form", button: "point-save", context: context,
            refused: refusals)
        return Pages.page(
            Message.WebPoints.add, body: body, context: context, current: "/points", status: refusals.isEmpty ? .ok : .unprocessableContent)
    }

    func addPoint(_ context: WebContext) throws -> Response {
        try submit(context, done: .added, form: { try newPointForm(context, typed: context.form, refusals: $0) }) {
            try database.addPoint(form: FormInput(context.form), as: context.actor(), context: changeContext(context)).code
        }
    }

    func editPointForm(_ context: WebContext, typed: [String: String]? = nil, refusals: [RegistryError] = []) throws -> Response {
        let code = pointCode(context)
        let actor = try context.actor()
        let point = try changeablePoint(code, actor)
        let lang = context.language
        let controls =
            Point.editFormFields.map { FormControl($0, lang, value: typed?[$0.column] ?? point.point.formText($0.column)) }
            + overrideControls(typed ?? [:], lang)
        let body = recordForm(
            FormControl.filled(controls, refusals, lang), action: "/points/\(Pages.pathComponent(code))/edit", id: "point-form",
            button: "point-save", context: context, refused: refusals)
        return Pages.page(
            title: Message.WebPoints.edit.text(lang) + " " + point.code + " " + point.name, body: body, context: context, current: "/points",
            status: refusals.isEmpty ? .ok : .unprocessableContent)
    }

    func editPoint(_ context: WebContext) throws -> Response {
        let code = pointCode(context)
        return try submit(context, code: code, done: .edited, form: { try editPointForm(context, typed: context.form, refusals: $0) }) {
            try database.editPoint(code, form: FormInput(context.form), as: context.actor(), context: changeContext(context)).code
        }
    }

    /// The point, when the actor may change it: another town's is not found, a reader is refused.
    func changeablePoint(_ code: String, _ actor: Actor) throws -> PointListing {
        do {
            try database.requireChangeForm(pointCode: code, as: actor)
            return try database.pointDetail(code, as: actor).point
        } catch RegistryError.pointUnknown { throw WebRefusal.notFound }
    }

    /// The box that goes past a duplicate check or exception, and the reason the audit trail keeps.
    func overrideControls(_ typed: [String: String], _ lang: Language) -> [FormControl] {
        [
            FormControl("force", Message.WebPoints.force.text(lang), value: typed["force"] ?? "", kind: .checkbox),
            FormControl("reason", Message.Header.reason.text(lang), value: typed["reason"] ?? ""),
        ]
    }

    // MARK: Status

    /// The status form of the point's page, or alone with its refusals.
    func statusControls(_ point: PointListing, today: LocalDate, typed: [String: String], _ lang: Language) -> [FormControl] {
        let next = point.status.allowedNext.map { ($0.rawValue, $0.label(in: lang)) }
        return [
            FormControl(
                "status", Message.Header.status.text(lang), value: typed["status"] ?? "", required: true,
                kind: .select([FormControl.Group(label: nil, options: [("", Message.WebPoints.choose.text(lang))] + next)])),
            FormControl("on_date", Message.Header.date.text(lang), value: typed["on_date"] ?? today.description, kind: .date),
            FormControl("reason", Message.Header.reason.text(lang), value: typed["reason"] ?? "", required: true),
        ]
    }

    func changeStatus(_ context: WebContext) throws -> Response {
        try change(context, .status, done: .status) { point, lang in
            try statusControls(point, today: changeContext(context).today, typed: context.form, lang)
        } change: { code in
            try database.changeStatus(code, form: FormInput(context.form), as: context.actor(), context: changeContext(context))
        }
    }

    /// A form of the point's page that is also shown alone: its title, id, path, and the
    /// form's inputs that the library's refusals of a change's date and reason are beside.
    struct ChangeForm {
        var title: Message
        var id: String
        var path: String
        var aliases: [String: String]
        /// The submit button's id: `point-status-save` for `point-status-form`.
        var button: String { id.replacingOccurrences(of: "-form", with: "-save") }
        func action(_ code: String) -> String { "/points/\(Pages.pathComponent(code))/\(path)" }

        static let status = ChangeForm(title: Message.WebPoints.changeStatus, id: "point-status-form", path: "status", aliases: ["date": "on_date"])
        static let assign = ChangeForm(title: Message.WebPoints.assign, id: "assign-form", path: "assign", aliases: ["date": "started_on"])
        static let unassign = ChangeForm(
            title: Message.WebPoints.unassign, id: "unassign-form", path: "unassign", aliases: ["date": "ended_on", "reason": "end_reason"])
    }

    /// The form alone, with its refusals (422); the actor is refused before its inputs are read.
    func changeForm(
        _ context: WebContext, _ form: ChangeForm, refusals: [RegistryError], controls: (PointListing, Language) throws -> [FormControl]
    ) throws -> Response {
        let code = pointCode(context)
        let point = try changeablePoint(code, context.actor())
        let lang = context.language
        let body = recordForm(
            FormControl.filled(try controls(point, lang), refusals, lang, aliases: form.aliases),
            action: form.action(code), id: form.id, button: form.button, context: context, refused: refusals)
        return Pages.page(
            title: form.title.text(lang) + " " + point.code + " " + point.name, body: body, context: context, current: "/points",
            status: refusals.isEmpty ? .ok : .unprocessableContent)
    }

    /// Makes the change the form asks for, or shows the form again with its refusals.
    func change(
        _ context: WebContext, _ form: ChangeForm, done: Done, controls: (PointListing, Language) throws -> [FormControl],
        change: (String) throws -> Void
    ) throws -> Response {
        let code = pointCode(context)
        return try submit(context, code: code, done: done, form: { try changeForm(context, form, refusals: $0, controls: controls) }) {
            try change(code)
            return code
        }
    }

    // MARK: Assign and unassign

    func assignControls(_ context: WebContext, typed: [String: String]) throws -> [FormControl] {
        let lang = context.language
        let today = try changeContext(context).today
        let free = try database.operators(as: context.actor()).filter { $0.1 == nil }.map { $0.0 }
        // An ID number typed in is never shown back: the person it found is chosen instead, else it is shown masked.
        var chosen = typed["operator_id"] ?? ""
        var hint: String?
        if let typedID = typed["id_number"]?.trimmingCharacters(in: .whitespaces), !typedID.isEmpty {
            if let found = free.first(where: { $0.idNumber == typedID.uppercased() }), let id = found.id {
                chosen = String(id)
            } else {
                hint = Message.WebPoints.typedIDNumber(Mask.residentID(typedID)).text(lang)
            }
        }
        let people = free.compactMap { person in person.id.map { (String($0), person.name + " " + Mask.residentID(person.idNumber)) } }
        let contracts = ContractType.allCases.map { ($0.rawValue, $0.label(in: lang)) }
        return [
            FormControl(
                "operator_id", Message.WebPoints.registeredOperator.text(lang), value: chosen,
                kind: .select([FormControl.Group(label: nil, options: [("", Message.WebPoints.choose.text(lang))] + people)])),
            FormControl("id_number", Message.WebPoints.byIDNumber.text(lang), hint: hint),
            FormControl(
                "started_on", Message.Header.startedOn.text(lang), value: typed["started_on"] ?? today.description, required: true, kind: .date),
            FormControl(
                "contract_type", Message.Header.contractType.text(lang), value: typed["contract_type"] ?? "",
                kind: .select([FormControl.Group(label: nil, options: [("", Message.WebPoints.noContract.text(lang))] + contracts)])),
            FormControl("contract_from", Message.Header.contractFrom.text(lang), value: typed["contract_from"] ?? "", kind: .date),
            FormControl("contract_to", Message.Header.contractTo.text(lang), value: typed["contract_to"] ?? "", kind: .date),
        ] + overrideControls(typed, lang)
    }

    func assignForm(_ context: WebContext) throws -> Response {
        try changeForm(context, .assign, refusals: []) { _, _ in try assignControls(context, typed: [:]) }
    }

    func assign(_ context: WebContext) throws -> Response {
        try change(context, .assign, done: .assigned) { _, _ in
            try assignControls(context, typed: context.form)
        } change: { code in
            _ = try database.assign(code, form: FormInput(context.form), as: context.actor(), context: changeContext(context))
        }
    }

    func unassignControls(today: LocalDate, typed: [String: String], _ lang: Language) -> [FormControl] {
        [
            FormControl("ended_on", Message.Header.endedOn.text(lang), value: typed["ended_on"] ?? today.description, required: true, kind: .date),
            FormControl("end_reason", Message.Header.reason.text(lang), value: typed["end_reason"] ?? "", required: true),
        ]
    }

    func unassign(_ context: WebContext) throws -> Response {
        try change(context, .unassign, done: .unassigned) { _, lang in
            try unassignControls(today: changeContext(context).today, typed: context.form, lang)
        } change: { code in
            try database.unassign(code, form: FormInput(context.form), as: context.actor(), context: changeContext(context))
        }
    }

    // MARK: On the point's page and the list

    /// The links and forms of changes on the point's page, for an actor who may change the point.
    func pointChanges(_ detail: PointDetail, _ context: WebContext) throws -> String {
        let actor = try context.actor()
        let point = detail.point
        guard AccessPolicy.canChange(actor, pointCode: point.code) else { return "" }
        let lang = context.language
        let path = "/points/" + Pages.pathComponent(point.code)
        let today = try changeContext(context).today
        var links = [["href": path + "/edit", "id": "point-edit-link", "label": Message.WebPoints.edit.text(lang)]]
        if point.status != .closed {
            links.append(["href": path + "/assign", "id": "point-assign-link", "label": Message.WebPoints.assign.text(lang)])
        }
        var html = Templates.render("actions", ["links": links])
        if !point.status.allowedNext.isEmpty {
            html += recordForm(statusControls(point, today: today, typed: [:], lang), .status, code: point.code, context: context)
        }
        if detail.operators.contains(where: { $0.assignment.endedOn == nil }) {
            html += recordForm(unassignControls(today: today, typed: [:], lang), .unassign, code: point.code, context: context)
        }
        return html
    }

    /// The link to add a point on the list, for an actor who may change the registry.
    func newPointLink(_ actor: Actor, _ lang: Language) -> String {
        guard AccessPolicy.allows(actor, .changeRegistry) else { return "" }
        return Templates.render("actions", ["links": [["href": "/points/new", "id": "point-new-link", "label": Message.WebPoints.add.text(lang)]]])
    }

    /// The confirmation a change's redirect asked for.
    func doneNotice(_ request: Request, _ point: PointListing, _ lang: Language) -> String {
        guard let done = request.uri.queryParameters["done"].flatMap({ Done(rawValue: String($0)) }) else { return "" }
        return Templates.render("done", ["text": done.message(point).text(lang)])
    }

    func recordForm(
        _ controls: (controls: [FormControl], general: [String]), action: String, id: String, button: String, context: WebContext,
        refused: [RegistryError]
    ) -> String {
        let lang = context.language
        var object: [String: Any] = [
            "action": action, "id": id, "formId": id, "button": button, "csrf": context.session?.csrfToken ?? "",
            "save": Message.WebPoints.save.text(lang), "controls": controls.controls.map(\.object), "general": controls.general,
        ]
        if !refused.isEmpty { object["refused"] = Message.WebPoints.refused.text(lang) }
        return Templates.render("recordForm", object)
    }

    /// A form of the point's page, under its heading.
    func recordForm(_ controls: [FormControl], _ form: ChangeForm, code: String, context: WebContext) -> String {
        Templates.render("heading", ["text": form.title.text(context.language)])
            + recordForm((controls, []), action: form.action(code), id: form.id, button: form.button, context: context, refused: [])
    }
}

/// One input of a form: its name is its field's column.
struct FormControl {
    struct Group {
        var label: String?
        /// Each option's value and text.
        var options: [(String, String)]
    }

    enum Kind {
        case text, date, checkbox
        case select([Group])
    }

    var name: String
    var label: String
    var value = ""
    var required = false
    var kind = Kind.text
    var hint: String?
    var errors: [String] = []

    init(_ name: String, _ label: String, value: String = "", required: Bool = false, kind: Kind = .text, hint: String? = nil) {
        (self.name, self.label, self.value, self.required, self.kind, self.hint) = (name, label, value, required, kind, hint)
    }

    init(_ field: FormField, _ lang: Language, value: String) {
        self.init(field.column, field.label.text(lang), value: value, required: field.required, kind: field.column.hasSuffix("_on") ? .date : .text)
    }

    /// The controls with each refusal beside the input it names (`aliases` renames a refusal's
    /// field to the form's input); the others are the form's own.
    static func filled(_ controls: [FormControl], _ refusals: [RegistryError], _ lang: Language, aliases: [String: String] = [:])
        -> (controls: [FormControl], general: [String])
    {
        var controls = controls
        var general: [String] = []
        for refusal in refusals {
            let text = refusal.message(on: .web).text(lang)
            let field = refusal.field.map { aliases[$0] ?? $0 }
            if let i = controls.firstIndex(where: { $0.name == field }) { controls[i].errors.append(text) } else { general.append(text) }
        }
        return (controls, general)
    }

    var object: [String: Any] {
        var object: [String: Any] = [
            "name": name, "label": label, "value": value, "required": required, "invalid": !errors.isEmpty, "errors": errors, "type": "text",
        ]
        if let hint { object["hint"] = hint }
        switch kind {
        case .text: break
        case .date: object["type"] = "date"
        case .checkbox:
            object["checkbox"] = true
            object["checked"] = !value.isEmpty
        case .select(let groups):
            object["select"] = true
            object["groups"] = groups.map { group -> [String: Any] in
                var item: [String: Any] = [
                    "options": group.options.map { ["value": $0.0, "text": $0.1, "selected": $0.0 == value] as [String: Any] }
                ]
                if let label = group.label { item["group"] = label }
                return item
            }
        }
        return object
    }
}
