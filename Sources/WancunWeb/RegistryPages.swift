import Foundation
import Hummingbird
import NIOCore
import WancunKit

/// 首页, 服务点 and a point's page.
extension WebApp {
    static let pageSize = 50

    func points(_ request: Request, _ context: WebContext) throws -> Response {
        let lang = context.language
        func text(_ name: String) -> String? { request.queryText(name) }
        let town = text("town").flatMap { try? DivisionCode(parsing: $0) }
        let status = text("status").flatMap(PointStatus.init(rawValue:))
        let page = request.pageNumber
        let search = PointSearch(
            town: town, status: status, name: text("name"), code: text("code"),
            offset: (page - 1) * Self.pageSize, limit: Self.pageSize)
        let actor = try context.actor()
        let found = try database.searchPoints(search, as: actor)
        let form = Templates.render(
            "pointSearch",
            [
                "townLabel": Message.Header.town.text(lang), "statusLabel": Message.Header.status.text(lang),
                "nameLabel": Message.Header.pointName.text(lang), "codeLabel": Message.Header.pointCode.text(lang),
                "all": Message.Web.all.text(lang), "search": Message.Web.search.text(lang),
                "name": search.name ?? "", "code": search.code ?? "",
                "townOptions": try townOptions(actor, selected: town),
                "statuses": PointStatus.allCases.map {
                    ["code": $0.rawValue, "name": $0.label(in: lang), "selected": $0 == status] as [String: Any]
                },
            ])
        let table = Pages.table(
            Table(columns: PointListing.columns, rows: found.points.map { $0.cells(lang) }), lang, empty: Message.Web.noPoints,
            links: ["code": { "/points/" + Pages.pathComponent($0.text(reveal: false)) }])
        let pager = Pages.pager(page: page, total: found.total, size: Self.pageSize, lang) { n in
            Pages.link(
                "/points",
                [
                    ("town", town?.rawValue), ("status", status?.rawValue), ("name", search.name), ("code", search.code),
                    ("page", n == 1 ? nil : String(n)),
                ])
        }
        let body = newPointLink(actor, lang) + form + table + pager
        return Pages.page(Message.Web.points, body: body, context: context, current: "/points")
    }

    func point(_ request: Request, _ context: WebContext) throws -> Response {
        let lang = context.language
        let code = context.parameters.get("code") ?? ""
        let detail: PointDetail
        do { detail = try database.pointDetail(code, as: context.actor()) } catch RegistryError.pointUnknown { throw WebRefusal.notFound }
        let p = detail.point
        typealias H = Message.Header
        // The fields `point show` shows: the list's, then those only `show` shows.
        let fields = zip(PointListing.columns + PointListing.detailColumns, p.cells(lang) + p.detailCells()).map { ($0.header, $1) }
        let details = Templates.render(
            "fields",
            [
                "caption": Message.Web.details.text(lang),
                "fields": fields.map { ["label": $0.0.text(lang), "value": $0.1.text(reveal: false, language: lang)] },
            ])
        let history = Table(
            columns: [
                .init("on_date", H.date), .init("from_status", H.fromStatus), .init("status", H.status),
                .init("reason", H.reason), .init("clerk", H.clerk),
            ],
            rows: detail.history.map {
                [
                    .text($0.onDate.description), $0.fromStatus.map { .label(code: $0.rawValue, .pointStatus($0)) } ?? .null,
                    .label(code: $0.status.rawValue, .pointStatus($0.status)), .text(Mask.personalValues(in: $0.reason)), .text($0.clerk),
                ]
            })
        let operators = Table(
            columns: [
                .init("name", H.operatorName), .init("id_number", H.idNumber), .init("phone", H.phone),
                .init("started_on", H.startedOn), .init("ended_on", H.endedOn), .init("end_reason", H.reason),
                .init("contract_type", H.contractType), .init("contract_to", H.contractTo),
            ],
            rows: detail.operators.map { a, o in
                [
                    .text(o.name), .residentID(o.idNumber), .phone(o.phone), .text(a.startedOn.description),
                    .optional(a.endedOn?.description), .optional(a.endReason.map(Mask.personalValues(in:))),
                    a.contractType.map { .label(code: $0.rawValue, .contractType($0)) } ?? .null, .optional(a.contractTo?.description),
                ]
            })
        let services = try database.services(pointCode: code)
        let serviceTable = Table(columns: Array(ServiceListing.columns.dropFirst(2)), rows: services.map { Array($0.cells.dropFirst(2)) })
        let couriers = Table(
            columns: [
                .init("name", H.name), .init("brand", H.brand), .init("started_on", H.fromDate), .init("ended_on", H.toDate),
                .init("days_per_week", H.daysPerWeek),
            ],
            rows: try database.pointCouriers(code).map { link, courier in
                [
                    .text(courier.name), .text(courier.brand), .text(link.startedOn.description), .optional(link.endedOn?.description),
                    link.daysPerWeek.map { .integer(Int64($0)) } ?? .null,
                ]
            })
        let body =
            try doneNotice(request, p, lang) + details + pointChanges(detail, context)
            + Pages.table(history, lang, caption: Message.Section.statusHistory)
            + Pages.table(operators, lang, caption: Message.Section.operators)
            + Pages.table(serviceTable, lang, caption: Message.Web.services)
            + Pages.table(couriers, lang, caption: Message.Web.couriers)
            + auditTrail(entity: .point, key: p.code, context: context)
        return Pages.page(title: p.code + " " + p.name, body: body, context: context, current: "/points")
    }
}
