import Foundation
import Hummingbird
import WancunKit

/// The forms that register and edit an operator: each input named by its field's column, every
/// refusal shown at once beside its field, what was typed kept.
extension WebApp {
    /// An input of the form: its column, label and, for a code, the codes to choose from.
    struct OperatorInput {
        var column: String
        var label: Message
        var type = "text"
        var choices: [(code: String, label: Message)]? = nil
        var note: Message? = nil
    }

    static func operatorInputs(adding: Bool) -> [OperatorInput] {
        typealias H = Message.Header
        return [
            OperatorInput(column: "name", label: H.operatorName),
            adding ? OperatorInput(column: "id_number", label: H.idNumber) : nil,
            OperatorInput(column: "phone", label: H.phone, type: "tel"),
            OperatorInput(
                column: "difficulty", label: H.difficulty, choices: DifficultyCategory.allCases.map { (code: $0.rawValue, label: $0.label) }),
            OperatorInput(column: "difficulty_note", label: Message.WebOperators.difficultyNote),
            OperatorInput(column: "certificate_no", label: H.certificate),
            OperatorInput(column: "certified_on", label: H.certifiedOn, type: "date"),
            OperatorInput(
                column: "retirement_group", label: H.retirementGroup, choices: RetirementGroup.allCases.map { (code: $0.rawValue, label: $0.label) },
                note: Message.WebOperators.retirementGroupNote),
            // The override of a shared phone or a 4050 certificate the ID number cannot hold,
            // as the point forms have it: the box and the reason the audit trail keeps.
            OperatorInput(column: "force", label: Message.WebPoints.force, type: "checkbox"),
            OperatorInput(column: "reason", label: H.reason),
        ].compactMap { $0 }
    }

    /// The form, empty to register someone, else with the operator's values (their phone only
    /// masked, as a hint: an empty phone keeps it).
    func operatorForm(_ context: WebContext, editing idNumber: String?) throws -> Response {
        let actor = try context.actor()
        try AccessPolicy.require(actor, .changeRegistry)
        guard let idNumber else { return operatorFormPage(context, editing: nil, values: [:], refusals: []) }
        let person = try database.operatorDetail(idNumber, today: changeContext(actor).today, as: actor).0
        let values = [
            "name": person.name, "difficulty": person.difficulty?.rawValue, "difficulty_note": person.difficultyNote,
            "certificate_no": person.certificateNo, "certified_on": person.certifiedOn?.description,
            "retirement_group": person.retirementGroup.rawValue,
        ].compactMapValues { $0 }
        return operatorFormPage(context, editing: person, values: values, refusals: [])
    }

    func operatorFormPage(
        _ context: WebContext, editing person: Operator?, values: [String: String], refusals: [RegistryError],
        status: HTTPResponse.Status = .ok
    ) -> Response {
        let lang = context.language
        let inputs = Self.operatorInputs(adding: person == nil)
        let columns = Set(inputs.map(\.column))
        // A refusal's words never repeat what was typed: a personal value in them is masked.
        func words(_ refusal: RegistryError) -> String { Mask.personalValues(in: refusal.message(on: .web).text(lang)) }
        let general = refusals.filter { !columns.contains($0.field ?? "") }.map(words)
        let objects = inputs.map { input -> [String: Any] in
            let value = values[input.column] ?? ""
            let errors = refusals.filter { $0.field == input.column }.map(words)
            var object: [String: Any] = [
                "name": input.column, "label": input.label.text(lang), "type": input.type, "value": value, "invalid": !errors.isEmpty,
                "errors": errors,
            ]
            if input.type == "checkbox" {
                object["checkbox"] = true
                object["checked"] = !value.isEmpty
            }
            if let choices = input.choices {
                object["options"] = true
                object["choices"] =
                    [["code": "", "text": Message.WebOperators.choose.text(lang), "chosen": value.isEmpty] as [String: Any]]
                    + choices.map { ["code": $0.code, "text": $0.label.text(lang), "chosen": $0.code == value] as [String: Any] }
            }
            if input.column == "phone", let person { object["hint"] = Message.WebOperators.phoneKept(Mask.phone(person.phone)).text(lang) }
            if let note = input.note { object["note"] = note.text(lang) }
            return object
        }
        var form: [String: Any] = [
            "action": person.map { "/operators/\($0.id ?? 0)/edit" } ?? "/operators/new", "csrf": context.session?.csrfToken ?? "",
            "inputs": objects, "general": general, "save": Message.WebOperators.save.text(lang),
        ]
        if !refusals.isEmpty { form["refused"] = Message.WebOperators.refused.text(lang) }
        if person != nil { form["intro"] = Message.WebOperators.emptyKept.text(lang) }
        let title = person.map { Message.WebOperators.edit.text(lang) + " " + $0.name + " " + Mask.residentID($0.idNumber) }
        return Pages.page(
            title: title ?? Message.WebOperators.add.text(lang), body: Templates.render("operatorForm", form), context: context,
            current: "/operators", status: status)
    }

    /// Registers or edits from the form: 303 to the operator's page, else the form again (422)
    /// with every refusal beside its field.
    func saveOperator(_ context: WebContext, editing idNumber: String?) throws -> Response {
        let actor = try context.actor()
        try AccessPolicy.require(actor, .changeRegistry)
        let form = context.form.mapValues { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        func given(_ column: String) -> String? { form[column].flatMap { $0.isEmpty ? nil : $0 } }
        var refusals: [RegistryError] = []
        func parsed<T>(_ column: String, _ parse: (String) throws(ValueError) -> T) -> T? {
            guard let text = given(column) else { return nil }
            do throws(ValueError) { return try parse(text) } catch {
                refusals.append(.invalid(field: column, error))
                return nil
            }
        }
        var edit = OperatorEdit()
        edit.name = idNumber == nil ? (form["name"] ?? "") : form["name"]
        edit.phone = idNumber == nil ? (form["phone"] ?? "") as String? : given("phone")
        edit.difficulty = parsed("difficulty") { text throws(ValueError) in try DifficultyCategory(parsing: text) }
        edit.difficultyNote = given("difficulty_note")
        edit.certificateNo = given("certificate_no")
        edit.certifiedOn = parsed("certified_on") { text throws(ValueError) in try LocalDate(parsing: text) }
        edit.retirementGroup = parsed("retirement_group") { text throws(ValueError) in try RetirementGroup(parsing: text) }
        (edit.force, edit.reason) = (given("force") != nil, given("reason"))
        if idNumber != nil {
            // The edit form shows what the operator holds: a field sent empty is removed (the
            // phone, shown masked, is kept when empty), and the retirement group, which everyone
            // has, is refused empty rather than kept unsaid. A field not sent is left as it is.
            func emptied(_ column: String) -> Bool { form[column] != nil && given(column) == nil }
            edit.cleared = Set(["difficulty", "difficulty_note", "certificate_no", "certified_on"].filter(emptied))
            if emptied("retirement_group") { refusals.append(.invalid(field: "retirement_group", .empty)) }
        }
        let audit = try changeContext(context)
        let saved: Operator
        do {
            if let idNumber {
                saved = try database.editOperator(idNumber, edit, alsoRefused: refusals, as: actor, context: audit)
            } else {
                let new = NewOperator(
                    name: edit.name ?? "", idNumber: form["id_number"] ?? "", phone: edit.phone ?? "", difficulty: edit.difficulty,
                    difficultyNote: edit.difficultyNote, certificateNo: edit.certificateNo, certifiedOn: edit.certifiedOn,
                    retirementGroup: edit.retirementGroup, override: Override(force: edit.force, reason: edit.reason))
                saved = try database.addOperator(new, alsoRefused: refusals, as: actor, context: audit)
            }
        } catch let error as RegistryError {
            let person = try idNumber.map { try database.operatorDetail($0, today: audit.today, as: actor).0 }
            return operatorFormPage(context, editing: person, values: form, refusals: error.refusals, status: .unprocessableContent)
        }
        return .redirect(to: "/operators/" + String(saved.id ?? 0), type: .normal)
    }
}

extension WebApp {
    /// The `<option>`s of the towns a search form offers: those the actor may see, `selected`
    /// marked; the template puts them in unescaped (`{{{townOptions}}}`), each name escaped
    /// here. Written by hand, not by the template, and from a list read at most once a minute:
    /// a province's thousand towns on every list page were most of the page's cost.
    func townOptions(_ actor: Actor, selected: DivisionCode?) throws -> String {
        var html = ""
        for town in try towns.current(database) where AccessPolicy.canRead(actor, pointCode: town.code) {
            html += "<option value=\"" + town.code + "\"" + (town.code == selected?.rawValue ? " selected" : "") + ">"
            html += BarChart.escape(town.name) + "</option>"
        }
        return html
    }
}

/// The county's towns (code and name), read again once `lifetime` has passed: divisions change
/// when a clerk imports them, and a new town may take a minute to appear in the search forms.
final class TownList: @unchecked Sendable {
    private let lock = NSLock()
    private var read: (at: Date, towns: [(code: String, name: String)])?
    let lifetime: TimeInterval = 60

    func current(_ database: AppDatabase) throws -> [(code: String, name: String)] {
        if let read = lock.withLock({ read }), Date().timeIntervalSince(read.at) < lifetime { return read.towns }
        let towns = try database.divisions(DivisionFilter(level: .town)).map { (code: $0.code.rawValue, name: $0.name) }
        lock.withLock { read = (Date(), towns) }
        return towns
    }
}

extension Pages {
    /// The pager under a list: where this page is, and links to the pages either side.
    static func pager(page: Int, total: Int, size: Int, _ lang: Language, link: (Int) -> String) -> String {
        let pages = max((total + size - 1) / size, 1)
        var pager: [String: Any] = [
            "summary": Message.Web.pageOf(min(page, pages), pages, total: total).text(lang),
            "previousLabel": Message.Web.previous.text(lang), "nextLabel": Message.Web.next.text(lang),
        ]
        if page > 1 { pager["previous"] = link(min(page, pages + 1) - 1) }
        if page < pages { pager["next"] = link(page + 1) }
        return Templates.render("pager", pager)
    }
}
