import Foundation
import Hummingbird
import WancunKit

/// 审计: the audit trail with filters, one page at a time, each line as readable changes
/// ("field: before → after", personal values masked); and a thing's own trail for the
/// point and operator pages (`auditTrail`). Who reads which lines is the library's rule
/// (`searchAudit(_:as:)`).
extension WebApp {
    static let auditPageSize = 50
    /// How many of a thing's latest lines its own page shows.
    static let trailSize = 20

    /// A point's (`key`: its code) or an operator's (`key`: their ID number) audit trail as an
    /// HTML section, newest first, as the signed-in account may read it.
    func auditTrail(entity: AuditEntity, key: String, context: WebContext) -> String {
        auditTrail(entity: entity, key: key, actor: try? context.actor(), language: context.language)
    }

    func auditTrail(entity: AuditEntity, key: String, actor: Actor?, language lang: Language) -> String {
        do {
            guard let actor else { throw WebRefusal.notFound }
            let page = try database.searchAudit(AuditSearch(entity: entity, key: key, limit: Self.trailSize), as: actor)
            // An operator's ID number stays out of addresses.
            let more =
                page.total > page.entries.count && entity != .operator
                ? Pages.link("/audit", [("entity", entity.rawValue), ("key", key)]) : nil
            return Self.auditEntries(page.entries, lang, caption: Message.Section.audit, more: more)
        } catch {
            return Templates.render("auditEntries", ["caption": Message.Section.audit.text(lang), "empty": Message.Web.failed.text(lang)])
        }
    }

    static func auditEntries(_ entries: [AuditEntry], _ lang: Language, caption: Message?, more: String? = nil) -> String {
        var object: [String: Any] = [
            "empty": Message.Web.Trail.none.text(lang),
            "entries": entries.map { entry -> [String: Any] in
                let shown = entry.readable(language: lang, reveal: false)
                var line: [String: Any] = [
                    "at": shown.at, "clerk": shown.clerk, "action": shown.action, "subject": shown.subject,
                    "hasSubject": !shown.subject.isEmpty, "changes": shown.changes,
                ]
                if let code = entry.pointCode { line["href"] = "/points/" + Pages.pathComponent(code) }
                return line
            },
        ]
        if let caption { object["caption"] = caption.text(lang) }
        if let more {
            object["more"] = more
            object["moreLabel"] = Message.Web.Trail.all.text(lang)
        }
        return Templates.render("auditEntries", object)
    }

    /// The trail and its filters. The filter form posts, so that an ID number typed stays out
    /// of the address; its pager links name a long key by a saved search's token (`SearchFields`).
    func audit(_ request: Request, _ context: WebContext) throws -> Response {
        let lang = context.language
        let actor = try context.actor()
        var fields = SearchFields(request, context, saved: savedSearches)
        func text(_ name: String) -> String? { fields[name] }
        let entity = text("entity").flatMap(AuditEntity.init(rawValue:))
        var key = text("key")
        // An ID number typed with a small x, or with spaces, is the one the trail keeps.
        if entity == .operator, let typed = key, let id = try? ResidentID(parsing: typed, today: today()) { key = id.rawValue }
        let page = fields.page
        let search = AuditSearch(
            entity: entity, key: key, clerk: text("clerk"), action: text("action"), from: text("from").flatMap { try? LocalDate(parsing: $0) },
            to: text("to").flatMap { try? LocalDate(parsing: $0) }, offset: (page - 1) * Self.auditPageSize, limit: Self.auditPageSize)
        let found = try database.searchAudit(search, as: actor)
        let actions = try database.auditActions().filter { actor.role != .admin || $0.hasPrefix("user.") }
        typealias A = Message.Web.Trail
        let form = Templates.render(
            "auditSearch",
            [
                "entityLabel": A.entity.text(lang), "keyLabel": A.key.text(lang), "clerkLabel": Message.Header.clerk.text(lang),
                "actionLabel": Message.Header.action.text(lang), "fromLabel": A.from.text(lang), "toLabel": A.to.text(lang),
                "all": Message.Web.all.text(lang), "search": Message.Web.search.text(lang), "csrf": context.session?.csrfToken ?? "",
                // An ID number typed is not shown back (the lines show it masked).
                "key": entity == .operator ? "" : text("key") ?? "", "clerk": search.clerk ?? "", "from": search.from?.description ?? "",
                "to": search.to?.description ?? "",
                "entities": AuditEntity.allCases.map {
                    ["code": $0.rawValue, "name": A.entityLabel($0).text(lang), "selected": $0 == entity] as [String: Any]
                },
                "actions": actions.map {
                    ["code": $0, "name": Message.Audit.action($0)?.text(lang) ?? $0, "selected": $0 == search.action] as [String: Any]
                },
            ])
        let pages = max((found.total + Self.auditPageSize - 1) / Self.auditPageSize, 1)
        func pageLink(_ n: Int) -> String {
            fields.link(
                "/audit", page: n, order: ["entity", "key", "clerk", "action", "from", "to"], secret: "key", context: context, saved: savedSearches)
        }
        var pager: [String: Any] = [
            "summary": A.pageOf(min(page, pages), pages, total: found.total).text(lang),
            "previousLabel": Message.Web.previous.text(lang), "nextLabel": Message.Web.next.text(lang),
        ]
        if page > 1 { pager["previous"] = pageLink(min(page, pages + 1) - 1) }
        if page < pages { pager["next"] = pageLink(page + 1) }
        let body = form + Self.auditEntries(found.entries, lang, caption: nil) + Templates.render("pager", pager)
        return Pages.page(Message.Web.audit, body: body, context: context, current: "/audit")
    }
}
