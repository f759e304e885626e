import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

@testable import WancunKit
@testable import WancunWeb

/// A demo registry of its own, for tests that change it.
func freshDemo(_ name: String) throws -> AppDatabase {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("wancun-web-\(name)-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    return try Demo.build(
        at: dir.appendingPathComponent("\(name).sqlite").path, seed: repositoryRoot.appendingPathComponent("seed").path, context: webContext)
}

/// 2026-11-26, ten in the morning in Beijing: the day the demo was built.
let demoDay = ISO8601DateFormatter().date(from: "2026-11-26T02:00:00Z")!

/// The app over `database` with its clock on `demoDay` and cheap password hashes.
func overviewApp(_ database: AppDatabase) -> WebApp {
    var configuration = WebConfiguration()
    configuration.passwordHasher = PasswordHasher(cost: 4)
    return WebApp(database: database, configuration: configuration, signIn: AccountSignIn(database: database), now: { demoDay })
}

/// Opens `path` as `user`.
func get(_ web: WebApp, _ path: String, as user: WebUser) async throws -> TestResponseCopy {
    let session = await web.sessions.create(for: user)
    return try await withClient(web) { client async throws in
        let response = try await client.execute(uri: path, method: .get, headers: cookieHeader(session))
        return TestResponseCopy(status: response.status, text: response.text, location: response.headers[.location])
    }
}

/// Text as the templates escape it.
func escaped(_ text: String) -> String {
    text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
        .replacingOccurrences(of: "\"", with: "&quot;")
}

/// The server's bar chart.
@Suite struct BarChartTests {
    @Test func labelsAreInertAndBarsAreToScale() {
        let chart = BarChart(
            title: "覆盖率 <b>",
            bars: [
                .init(label: hostileScript, value: 50, text: "50.0%"), .init(label: "\"'&", value: 150, text: "x"),
                .init(label: "零", value: -3, text: "0%"),
            ], maximum: 100)
        let svg = chart.svg
        #expect(!svg.contains("<script") && svg.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(svg.contains("&quot;&#39;&amp;") && svg.contains("覆盖率 &lt;b&gt;"))
        #expect(!svg.contains("style="))
        let track = chart.width - chart.labelWidth - chart.valueWidth
        #expect(chart.length(50) == track / 2 && chart.length(150) == track && chart.length(-3) == 0)
        #expect(svg.contains("width=\"\(track / 2)\"") && svg.contains("y=\"\(chart.top(2))\""))
        #expect(chart.height == chart.gap + 3 * (chart.barHeight + chart.gap))
        #expect(chart.width <= 1366 - 2 * 16)
        #expect(svg.components(separatedBy: "<rect").count - 1 == 6)
        #expect(BarChart(title: "", bars: [.init(label: "a", value: 1, text: "1")], maximum: 0).length(1) == 0)
    }
}

/// 首页, 报表 and 审计 for each role.
@Suite struct WebOverviewTests {
    @Test func aCountyClerksHomeShowsCoverageTheMonthsCheckAndWhatNeedsAttention() async throws {
        let db = try freshDemo("home")
        let open = try db.points().filter { $0.status != .closed }
        let point = open[0]
        // Its earlier verifications gone, the one entered here is the one in force.
        try db.write {
            try $0.execute(sql: "DELETE FROM point_verification WHERE point_id = (SELECT id FROM point WHERE code = ?)", arguments: [point.code])
        }
        try db.verifyPoint(
            point.code, hrRef: "HR-20", on: LocalDate(year: 2026, month: 1, day: 2)!, until: LocalDate(year: 2026, month: 12, day: 16)!,
            context: webContext)
        let web = overviewApp(db)
        let home = try await get(web, "/", as: countyClerk)
        #expect(home.status == .ok)
        #expect(home.text.contains(Message.Web.byStatusAndTown.zh))
        #expect(home.text.contains("<svg class=\"chart\""))
        let coverage = try db.coverage(asOf: webContext.today)
        for row in coverage.rows { #expect(home.text.contains(">\(row.townName)</text>") && home.text.contains(row.coverageText + "%")) }
        #expect(home.text.contains(Message.Web.Overview.monthCheck.zh))
        let runs = try db.subsidyRuns(month: Month(year: 2026, month: 11)!)
        if let run = runs.last(where: { $0.run.status == .final }) ?? runs.last {
            #expect(home.text.contains("href=\"/subsidy/\(run.run.id!)\""))
        } else {
            #expect(home.text.contains(Message.Web.Overview.checkNone(Month(year: 2026, month: 11)!).zh))
        }
        let attention = try db.attention(today: webContext.today)
        #expect(home.text.contains(Message.Web.Overview.verificationsEnding(attention.verificationsEnding.count, days: 60).zh))
        #expect(home.text.contains("href=\"/points/\(point.code)\">\(point.code) "))
        #expect(home.text.contains(Message.Web.Overview.endsOn(LocalDate(year: 2026, month: 12, day: 16)!).zh))
        #expect(home.text.contains(Message.Web.Overview.withoutCourier(coverage.total.withoutCourier).zh))
        for person in attention.nearCap + attention.nearRetirement {
            #expect(home.text.contains("href=\"/operators/\(person.id)\""))
            #expect(!home.text.contains(person.idNumber))
        }
        // Later, the verification no longer ends within 60 days of today.
        let later = WebApp(database: db, now: { demoDay + 30 * 86400 })
        #expect(
            !(try await get(later, "/", as: countyClerk)).text.contains(Message.Web.Overview.endsOn(LocalDate(year: 2026, month: 12, day: 16)!).zh))
        let english = try await get(web, "/?lang=en", as: countyClerk)
        #expect(english.text.contains("Needs attention"))
    }

    @Test func aTownClerksHomeShowsTheirTownOnly() async throws {
        let registry = AccountRegistry.shared
        let web = overviewApp(registry.database)
        let home = try await get(web, "/", as: WebUser(name: "镇办", role: .townClerk, town: registry.ownTown))
        #expect(home.status == .ok)
        #expect(!home.text.contains(registry.otherTown.name))
        #expect(!home.text.contains("/points/" + registry.otherPoint))
        #expect(home.text.components(separatedBy: "<rect").count - 1 == 2)
    }

    @Test func theReportsPageShowsTheCoverageAndItsWorkbookReadsBack() async throws {
        let web = overviewApp(demoDatabase)
        let page = try await get(web, "/reports", as: countyClerk)
        #expect(page.status == .ok)
        #expect(page.text.contains("<svg class=\"chart\"") && page.text.contains("id=\"coverage-download\""))
        let report = try demoDatabase.coverage(asOf: webContext.today)
        #expect(page.text.contains(Message.Coverage.percent.zh) && page.text.contains("<td>\(report.total.coverageText)</td>"))
        let session = await web.sessions.create(for: countyClerk)
        let bytes = try await withClient(web) { client async throws in
            let response = try await client.execute(uri: "/reports/coverage.xlsx", method: .get, headers: cookieHeader(session))
            #expect(response.status == .ok)
            #expect(response.headers[.contentType]?.contains("spreadsheetml") == true)
            #expect(response.headers[.contentDisposition]?.hasPrefix("attachment") == true)
            return Data(response.body.readableBytesView)
        }
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("coverage-\(UUID().uuidString).xlsx").path
        try bytes.write(to: URL(fileURLWithPath: path))
        let reader = try XLSXReader(path: path, sheet: nil)
        var rows: [[String]] = []
        while let row = try reader.next() { rows.append(row.cells) }
        let sheet = report.worksheet(scope: try demoDatabase.coverageScope(report), language: .zh)
        #expect(rows.first?.first == sheet.title)
        #expect(rows[1] == sheet.header)
        #expect(rows.count == 2 + report.rows.count + 1)
        for (row, town) in zip(rows.dropFirst(2), report.rows) { #expect(row.contains(town.townName)) }
        // A town clerk's workbook holds their town.
        let registry = AccountRegistry.shared
        let townWeb = overviewApp(registry.database)
        let townPage = try await get(townWeb, "/reports", as: WebUser(name: "镇办", role: .townClerk, town: registry.ownTown))
        #expect(townPage.status == .ok && !townPage.text.contains(registry.otherTown.name))
        #expect(try await get(townWeb, "/reports", as: WebUser(name: "管理员", role: .admin)).status == .forbidden)
    }

    @Test func theAuditPageFiltersAndShowsChangesAsBeforeAndAfter() async throws {
        let db = try freshDemo("audit")
        let point = try #require(try db.points().first { $0.status != .closed })
        try db.changeStatus(point.code, to: .suspended, reason: "测试停业", on: webContext.today, context: webContext)
        let web = overviewApp(db)
        let shown = try await get(web, "/audit?entity=point&key=" + point.code, as: countyClerk)
        #expect(shown.status == .ok)
        let lines = try db.searchAudit(AuditSearch(entity: .point, key: point.code))
        let arrow = try #require(lines.entries.flatMap { $0.readable(language: .zh, reveal: false).changes }.first { $0.contains(" → ") })
        #expect(shown.text.contains("<li>\(escaped(arrow))</li>"))
        #expect(shown.text.contains(Message.Web.Trail.pageOf(1, 1, total: lines.total).zh))
        #expect(!shown.text.contains("{&quot;"))
        #expect(shown.text.contains("value=\"point\" selected"))
        // Other points' lines are left out; an action and days narrow further.
        let other = try #require(try db.points().first { $0.code != point.code })
        #expect(!shown.text.contains(">\(other.code)</a>"))
        let byAction = try await get(web, "/audit?action=point.status&from=2026-11-26&to=2026-11-26", as: countyClerk)
        let statusLines = try db.searchAudit(
            AuditSearch(action: "point.status", from: webContext.today, to: webContext.today, limit: 1000))
        #expect(byAction.text.contains(Message.Web.Trail.pageOf(1, max(1, (statusLines.total + 49) / 50), total: statusLines.total).zh))
        #expect(try await get(web, "/audit?clerk=无此人", as: countyClerk).text.contains(Message.Web.Trail.none.zh))
        // Personal values are masked.
        let person = try #require(try db.operators().first?.0)
        let theirs = try await get(web, "/audit?entity=operator&key=" + person.idNumber, as: countyClerk)
        #expect(theirs.status == .ok && !theirs.text.contains(person.idNumber) && theirs.text.contains(Mask.residentID(person.idNumber)))
        // The helper the point and operator pages show.
        let trail = web.auditTrail(entity: .point, key: point.code, actor: countyClerk.actor, language: .zh)
        #expect(trail.contains("<h2>\(Message.Section.audit.zh)</h2>") && trail.contains(escaped(arrow)))
    }

    @Test func eachRoleReadsItsShareOfTheAuditTrail() async throws {
        let registry = AccountRegistry.shared
        let web = overviewApp(registry.database)
        let town = try await get(web, "/audit", as: WebUser(name: "镇办", role: .townClerk, town: registry.ownTown))
        #expect(town.status == .ok)
        #expect(!town.text.contains("/points/" + registry.otherPoint + "\""))
        #expect(!town.text.contains(Message.Audit.action("user.add")!.zh + "</span>"))
        let otherTown = try await get(
            web, "/audit?entity=point&key=" + registry.otherPoint, as: WebUser(name: "镇办", role: .townClerk, town: registry.ownTown))
        #expect(otherTown.text.contains(Message.Web.Trail.none.zh))
        let admin = try await get(web, "/audit", as: WebUser(name: "管理员", role: .admin))
        #expect(admin.status == .ok)
        #expect(admin.text.contains(Message.Audit.action("user.add")!.zh) && !admin.text.contains("/points/"))
        let county = try await get(web, "/audit?entity=point&key=" + registry.otherPoint, as: countyClerk)
        #expect(county.text.contains("/points/" + registry.otherPoint + "\""))
    }
}
