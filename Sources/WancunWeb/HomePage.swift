import Foundation
import Hummingbird
import WancunKit

/// 首页: points by status and town, coverage by town as a chart, this month's check, and
/// what needs attention; each kept to what the signed-in account may see.
extension WebApp {
    func home(_ context: WebContext) throws -> Response {
        let lang = context.language
        let actor = try context.actor()
        let counts = try database.pointCounts(as: actor)
        var towns: [(code: DivisionCode, name: String)] = []
        var byTown: [DivisionCode: [PointStatus: Int]] = [:]
        for count in counts {
            if byTown[count.townCode] == nil { towns.append((count.townCode, count.townName)) }
            byTown[count.townCode, default: [:]][count.status] = count.count
        }
        let statuses = PointStatus.allCases
        let columns =
            [Table.Column("town", Message.Header.town)] + statuses.map { Table.Column($0.rawValue, $0.label) }
            + [Table.Column("total", Message.Web.total)]
        func row(_ name: String, _ numbers: [PointStatus: Int]) -> [Cell] {
            [.text(name)] + statuses.map { .integer(Int64(numbers[$0] ?? 0)) } + [.integer(Int64(numbers.values.reduce(0, +)))]
        }
        var rows = towns.map { row($0.name, byTown[$0.code] ?? [:]) }
        if towns.count > 1 {
            rows.append(row(Message.Web.total.text(lang), byTown.values.reduce(into: [:]) { all, town in all.merge(town, uniquingKeysWith: +) }))
        }
        let today = today()
        let body =
            Pages.table(Table(columns: columns, rows: rows), lang, caption: Message.Web.byStatusAndTown, empty: Message.Web.noPoints)
            + coverageChart(try database.coverage(asOf: today, as: actor), lang)
            + monthCheck(try database.monthCheck(today.monthValue, as: actor), month: today.monthValue, lang)
            + attention(try database.attention(today: today, as: actor), lang)
        return Pages.page(Message.Web.home, body: body, context: context, current: "/")
    }

    /// Today in Asia/Shanghai, by the app's clock.
    func today() -> LocalDate { LocalDate.today(now: now()) }

    /// The rural-village coverage of each town, as bars of 0 to 100 %.
    func coverageChart(_ report: CoverageReport, _ lang: Language) -> String {
        let chart = BarChart(
            title: Message.Web.Overview.coverageChart.text(lang),
            bars: report.rows.map { .init(label: $0.townName, value: Double($0.coveragePermille) / 10, text: $0.coverageText + "%") }, maximum: 100)
        var object: [String: Any] = ["caption": Message.Web.Overview.coverageChart.text(lang), "svg": chart.svg]
        if report.rows.isEmpty { object["empty"] = Message.Web.Overview.noTowns.text(lang) }
        return Templates.render("chart", object)
    }

    func monthCheck(_ run: SubsidyRun?, month: Month, _ lang: Language) -> String {
        typealias O = Message.Web.Overview
        var object: [String: Any] = ["caption": O.monthCheck.text(lang), "open": O.openRun.text(lang)]
        if let run, let id = run.id {
            object["text"] = (run.status == .final ? O.checkFinal(month, run: id) : O.checkDraft(month, run: id)).text(lang)
            object["href"] = "/subsidy/\(id)"
        } else {
            object["text"] = O.checkNone(month).text(lang)
        }
        return Templates.render("monthCheck", object)
    }

    func attention(_ found: Attention, _ lang: Language) -> String {
        typealias O = Message.Web.Overview
        func point(_ p: AttentionPoint) -> [String: Any] {
            var note = [p.townName, p.operatorName].compactMap { $0 }.joined(separator: " ")
            if let date = p.date { note += " " + O.endsOn(date).text(lang) }
            return ["href": "/points/" + Pages.pathComponent(p.code), "label": p.code + " " + p.name, "note": note]
        }
        func person(_ o: AttentionOperator, _ note: Message) -> [String: Any] {
            [
                "href": Self.operatorLink(o.id), "label": o.name + " " + Mask.residentID(o.idNumber),
                "note": o.pointName + " " + note.text(lang),
            ]
        }
        let groups: [(Message, [[String: Any]])] = [
            (O.withoutCourier(found.withoutCourier.count), found.withoutCourier.map(point)),
            (O.verificationsEnding(found.verificationsEnding.count, days: found.days), found.verificationsEnding.map(point)),
            (O.contractsEnding(found.contractsEnding.count, days: found.days), found.contractsEnding.map(point)),
            (O.nearCap(found.nearCap.count, months: found.months), found.nearCap.map { person($0, O.monthsUsed($0.monthsUsed, cap: $0.monthsCap)) }),
            (O.nearRetirement(found.nearRetirement.count, months: found.months), found.nearRetirement.map { person($0, O.retiresIn($0.retirement)) }),
        ]
        return Templates.render(
            "attention",
            [
                "caption": O.attention.text(lang),
                "groups": groups.map { ["title": $0.0.text(lang), "items": $0.1, "empty": O.nothing.text(lang)] as [String: Any] },
            ])
    }

    /// An operator's page.
    static func operatorLink(_ id: Int64) -> String { "/operators/\(id)" }
}
