import Foundation
import Hummingbird
import NIOCore
import WancunKit

/// 站长: the operator list, an operator's page, its forms and the reveal of an ID number in full.
extension WebApp {
    func addOperatorRoutes(to router: Router<WebContext>) {
        router.get("/operators") { request, context in try operators(request, context) }
        router.post("/operators") { request, context in try operators(request, context) }
        router.get("/operators/new") { _, context in try operatorForm(context, editing: nil) }
        router.post("/operators/new") { _, context in try saveOperator(context, editing: nil) }
        router.get("/operators/{id}") { _, context in try operatorPage(context) }
        router.get("/operators/{id}/edit") { _, context in try operatorForm(context, editing: try operatorIDNumber(context, change: true)) }
        router.post("/operators/{id}/edit") { _, context in try saveOperator(context, editing: try operatorIDNumber(context, change: true)) }
        router.post("/operators/{id}/reveal") { _, context in try operatorPage(context, reveal: true) }
    }

    /// The list and its search. The search form posts, so that an ID number typed stays out of
    /// the address; its pager links name a long one by a saved search's token (`SearchFields`).
    func operators(_ request: Request, _ context: WebContext) throws -> Response {
        let lang = context.language
        var fields = SearchFields(request, context, saved: savedSearches)
        func text(_ name: String) -> String? { fields[name] }
        let town = text("town").flatMap { try? DivisionCode(parsing: $0) }
        let state = text("assignment").flatMap(AssignmentState.init(rawValue:))
        let page = fields.page
        let search = OperatorSearch(
            town: town, name: text("name"), idNumber: text("id_number"), assignment: state, offset: (page - 1) * Self.pageSize,
            limit: Self.pageSize)
        let actor = try context.actor()
        let found = try database.searchOperators(search, as: actor)
        let form = Templates.render(
            "operatorSearch",
            [
                "townLabel": Message.Header.town.text(lang), "nameLabel": Message.Header.operatorName.text(lang),
                "idLabel": Message.WebOperators.idNumberOrEnd.text(lang), "assignmentLabel": Message.WebOperators.assignment.text(lang),
                "all": Message.Web.all.text(lang), "search": Message.Web.search.text(lang), "csrf": context.session?.csrfToken ?? "",
                "name": search.name ?? "", "idNumber": search.idNumber ?? "",
                "townOptions": try townOptions(actor, selected: town),
                "states": AssignmentState.allCases.map {
                    ["code": $0.rawValue, "name": Message.WebOperators.assignmentState($0).text(lang), "selected": $0 == state] as [String: Any]
                },
            ])
        let shown = Operator.columns.indices.filter { Operator.columns[$0].use == .main }
        let listings = found.operators
        let table = Pages.table(
            Table(
                columns: shown.map { Operator.columns[$0] },
                rows: listings.map { row in
                    let cells = row.cells(lang); return shown.map { cells[$0] }
                }),
            lang, empty: Message.WebOperators.noOperators,
            links: ["point_code": { "/points/" + Pages.pathComponent($0.text(reveal: false)) }],
            rowLink: ("name", { "/operators/" + String(listings[$0].person.id ?? 0) }))
        let pager = Pages.pager(page: page, total: found.total, size: Self.pageSize, lang) { n in
            fields.link(
                "/operators", page: n, order: ["town", "name", "id_number", "assignment"], secret: "id_number", context: context,
                saved: savedSearches)
        }
        let add = AccessPolicy.allows(actor, .changeRegistry) ? Templates.render("operatorNew", ["label": Message.WebOperators.add.text(lang)]) : ""
        return Pages.page(Message.Web.operators, body: add + form + table + pager, context: context, current: "/operators")
    }

    /// The ID number of the operator the path names, if the signed-in user may see (and, for
    /// `change`, change) them; else not found (or refused with the policy's reason).
    func operatorIDNumber(_ context: WebContext, change: Bool = false) throws -> String {
        guard let id = context.parameters.get("id").flatMap(Int64.init) else { throw WebRefusal.notFound }
        let actor = try context.actor()
        let idNumber: String
        do { idNumber = try database.operatorIDNumber(id: id, as: actor) } catch RegistryError.operatorUnknown { throw WebRefusal.notFound }
        if change { try database.requireChange(operatorIDNumber: idNumber, as: actor) }
        return idNumber
    }

    /// The operator's page; with `reveal`, the ID number (and what it tells) and phone in full
    /// for a role allowed to see them, the library recording that it was seen.
    func operatorPage(_ context: WebContext, reveal: Bool = false) throws -> Response {
        let lang = context.language
        let actor = try context.actor()
        let idNumber = try operatorIDNumber(context)
        let today = changeContext(actor).today
        if reveal { _ = try database.revealIDNumber(idNumber, as: actor, context: changeContext(context)) }
        let (person, assignments) = try database.operatorDetail(idNumber, today: today, as: actor)
        let standing = try database.operatorStanding(idNumber, today: today)
        typealias H = Message.Header
        let current = assignments.first { $0.0.endedOn == nil }?.1
        let fields = zip(Operator.columns + OperatorStanding.columns, person.cells(lang, pointCode: current) + standing.cells)
        let details = Templates.render(
            "fields",
            [
                "caption": Message.Web.details.text(lang),
                "fields": fields.map { ["label": $0.header.text(lang), "value": $1.text(reveal: reveal, language: lang)] },
            ])
        let history = Table(
            columns: [
                .init("point_code", H.pointCode), .init("started_on", H.startedOn), .init("ended_on", H.endedOn),
                .init("end_reason", H.reason), .init("contract_type", H.contractType), .init("contract_to", H.contractTo),
            ],
            rows: assignments.map { a, code in
                [
                    .code(code), .text(a.startedOn.description), .optional(a.endedOn?.description),
                    .optional(a.endReason.map { Mask.personalValues(in: $0) }),
                    a.contractType.map { .label(code: $0.rawValue, .contractType($0)) } ?? .null, .optional(a.contractTo?.description),
                ]
            })
        let path = "/operators/" + String(person.id ?? 0)
        var actions: [String: Any] = [
            "editLabel": Message.WebOperators.edit.text(lang), "revealLabel": Message.WebOperators.reveal.text(lang),
            "csrf": context.session?.csrfToken ?? "",
        ]
        if (try? database.requireChange(operatorIDNumber: idNumber, as: actor)) != nil { actions["edit"] = path + "/edit" }
        if reveal {
            actions["revealed"] = Message.WebOperators.revealed.text(lang)
        } else if AccessPolicy.allows(actor, .reveal) {
            actions["reveal"] = path + "/reveal"
        }
        let body =
            Templates.render("operatorActions", actions) + details
            + Pages.table(
                history, lang, caption: Message.Section.assignments,
                links: ["point_code": { "/points/" + Pages.pathComponent($0.text(reveal: false)) }])
            + auditTrail(entity: .operator, key: idNumber, context: context)
        return Pages.page(title: person.name + " " + Mask.residentID(person.idNumber), body: body, context: context, current: "/operators")
    }
}
