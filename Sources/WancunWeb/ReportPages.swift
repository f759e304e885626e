import Foundation
import Hummingbird
import NIOCore
import WancunKit

/// 报表: the coverage report as a chart and a table, and the same workbook `wancun report
/// coverage --format xlsx` writes.
extension WebApp {
    /// 报表, 审计 and the administrator's account page.
    func addOverviewRoutes(to router: Router<WebContext>) {
        router.get("/reports") { _, context in try reports(context) }
        router.get("/reports/coverage.xlsx") { _, context in try coverageWorkbook(context) }
        router.get("/audit") { request, context in try audit(request, context) }
        router.post("/audit") { request, context in try audit(request, context) }
        router.get("/users") { _, context in try users(context) }
        router.post("/users") { _, context in try addUser(context) }
        router.post("/users/disable") { _, context in try disableUser(context) }
        router.post("/users/password") { _, context in try resetPassword(context) }
    }

    func reports(_ context: WebContext) throws -> Response {
        let lang = context.language
        let report = try database.coverage(asOf: today(), as: context.actor())
        let scope = try database.coverageScope(report)
        let table = report.table
        // The page keeps the main columns; the workbook has them all.
        let kept = table.columns.indices.filter { table.columns[$0].use == .main }
        let shown = Table(columns: kept.map { table.columns[$0] }, rows: table.rows.map { row in kept.map { row[$0] } })
        let body =
            coverageChart(report, lang)
            + Pages.table(shown, lang, caption: Message.Web.Overview.coverageTable, empty: Message.Web.Overview.noTowns)
            + Templates.render(
                "download",
                ["id": "coverage-download", "href": "/reports/coverage.xlsx", "label": Message.Web.Overview.download.text(lang)])
        return Pages.page(title: Message.Coverage.title(scope, report.asOf).text(lang), body: body, context: context, current: "/reports")
    }

    func coverageWorkbook(_ context: WebContext) throws -> Response {
        let report = try database.coverage(asOf: today(), as: context.actor())
        let scope = try database.coverageScope(report)
        let sheet = report.worksheet(scope: scope, language: context.language)
        let name = Message.Web.Overview.coverageTable.text(context.language) + "-" + report.asOf.description + ".xlsx"
        return try Self.workbook(sheet, fileName: name)
    }

    /// A sheet as an xlsx download, written by the library's `TableFile` as the CLI writes it.
    static func workbook(_ sheet: Worksheet, fileName: String) throws -> Response {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("wancun-web-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("sheet.xlsx").path
        try TableFile.write(sheet, to: path)
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        let encoded = fileName.addingPercentEncoding(withAllowedCharacters: Pages.queryValue) ?? "download.xlsx"
        return Response(
            status: .ok,
            headers: [
                .contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                .contentDisposition: "attachment; filename=\"download.xlsx\"; filename*=UTF-8''" + encoded,
            ],
            body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
