import Foundation
import Hummingbird
import NIOCore
import WancunKit

/// 导入: upload a file, see its dry run row by row, confirm, follow the import.
extension WebApp {
    func addImportRoutes(to router: Router<WebContext>) {
        router.get("/imports") { _, context in try importsPage(context) }
        router.post("/imports") { _, context in try await startImport(context) }
        router.get("/imports.js") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "text/javascript; charset=utf-8", .cacheControl: "max-age=3600"],
                body: .init(byteBuffer: ByteBuffer(string: ImportScript.source)))
        }
        router.get("/imports/{job}") { _, context in try await importJobPage(context) }
        router.get("/imports/{job}/status") { _, context in try await importStatus(context) }
        router.get("/imports/{job}/annotated") { _, context in
            let job = try await importJob(context)
            // The other departments' list is of full ID numbers.
            guard case .otherPosts = job.kind else { return try await download(job.annotatedCopy()) }
            return try await download(job.annotatedCopy(), audited: ("import-other-posts", context))
        }
        router.get("/imports/{job}/result") { _, context in try await download(try await importJob(context).snapshot.result) }
        router.post("/imports/{job}/confirm") { _, context in try await confirmImport(context) }
    }

    func importsPage(_ context: WebContext, error: Message? = nil, status: HTTPResponse.Status = .ok) throws -> Response {
        let actor = try context.actor()
        try AccessPolicy.require(actor, .changeRegistry)
        let lang = context.language
        let chosen = context.form["kind"]
        var object: [String: Any] = [
            "csrf": context.session?.csrfToken ?? "", "kindLabel": Message.Web.Imports.kind.text(lang),
            "fileLabel": Message.Web.Imports.file.text(lang), "monthLabel": Message.Web.Imports.month.text(lang),
            "check": Message.Web.Imports.check.text(lang), "importNow": Message.Web.Imports.importNow.text(lang),
            "hint": Message.Web.Imports.hint.text(lang),
            "month": context.form["month"] ?? "", "sheetLabel": Message.Web.Imports.sheet.text(lang), "sheet": context.form["sheet"] ?? "",
            "kinds": ImportKind.codes.map {
                ["code": $0, "label": Message.Web.Imports.kindLabel($0).text(lang), "selected": $0 == chosen] as [String: Any]
            },
        ]
        if let error { object["error"] = error.text(lang) }
        return Pages.page(Message.Web.imports, body: Templates.render("importForm", object), context: context, current: "/imports", status: status)
    }

    func startImport(_ context: WebContext) async throws -> Response {
        let actor = try context.actor()
        try AccessPolicy.require(actor, .changeRegistry)
        typealias M = Message.Web.Imports
        let kind: ImportKind
        switch context.form["kind"] ?? "" {
        case "points": kind = .points
        case "parcels": kind = .parcels
        case "purchases": kind = .purchases
        case "other-posts":
            guard let month = try? Month(parsing: (context.form["month"] ?? "").trimmingCharacters(in: .whitespaces)) else {
                return try importsPage(context, error: M.monthRequired, status: .badRequest)
            }
            kind = .otherPosts(month)
        default: return try importsPage(context, error: M.badKind, status: .badRequest)
        }
        try AccessPolicy.requireImport(actor, kind)
        guard let upload = context.uploads["file"], upload.size > 0 else { return try importsPage(context, error: M.noFile, status: .badRequest) }
        guard ["csv", "xlsx", "xlsm"].contains((upload.fileName as NSString).pathExtension.lowercased()) else {
            return try importsPage(context, error: M.notATable, status: .badRequest)
        }
        let folder = try UploadFolder.makeFolder()
        let input = try keep(upload, in: folder)
        let now = context.form["mode"] == "import"
        let sheet = (context.form["sheet"] ?? "").trimmingCharacters(in: .whitespaces)
        let job = ImportJob(
            actor: actor, kind: kind, input: input, sheet: sheet.isEmpty ? nil : sheet, folder: folder, language: context.language,
            today: configuration.today, importing: now)
        await importJobs.add(job)
        let database = database
        runInBackground { now ? job.run(database) : job.check(database) }
        return .redirect(to: "/imports/" + job.id, type: .normal)
    }

    func importJob(_ context: WebContext) async throws -> ImportJob {
        let actor = try context.actor()
        guard let id = context.parameters.get("job"), let job = await importJobs.job(id, for: actor.name) else { throw WebRefusal.notFound }
        return job
    }

    func importStatus(_ context: WebContext) async throws -> Response {
        let s = try await importJob(context).snapshot
        let json = "{\"state\": \"\(s.state.rawValue)\", \"done\": \(s.done), \"total\": \(s.total), \"problems\": \(s.errors)}"
        return Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: json)))
    }

    func confirmImport(_ context: WebContext) async throws -> Response {
        let job = try await importJob(context)
        if job.startImport() {
            let database = database
            runInBackground { job.run(database) }
        }
        return .redirect(to: "/imports/" + job.id, type: .normal)
    }

    func importJobPage(_ context: WebContext) async throws -> Response {
        let job = try await importJob(context)
        let s = job.snapshot
        let lang = context.language
        typealias M = Message.Web.Imports
        let base = "/imports/" + job.id
        let working = s.state == .checking || s.state == .importing
        var object: [String: Any] = [
            "csrf": context.session?.csrfToken ?? "", "file": Message.Web.labelled(M.fileName, job.fileName).text(lang),
            "kind": Message.Web.labelled(M.kind, M.kindLabel(job.kind.code).text(lang)).text(lang), "state": s.state.rawValue,
            "stateText": M.state(s.state.rawValue).text(lang),
        ]
        if working {
            var bar: [String: Any] = ["status": base + "/status", "done": String(s.done), "hint": M.refreshHint.text(lang)]
            if s.total > 0 { bar["total"] = String(s.total) }
            object["working"] = bar
        }
        var notes: [String] = []
        if let failure = s.failure { object["failure"] = failure.text(lang) }
        if s.state == .checked {
            notes.append(s.errors > 0 ? M.problems(s.errors).text(lang) : M.readyRows(s.rows).text(lang))
            if s.errors == 0 {
                object["confirm"] = ["action": base + "/confirm", "label": M.confirm.text(lang)]
            }
        }
        notes += s.summary.map { $0.text(lang) }
        if s.state == .done { notes.append(M.state("done").text(lang)) }
        object["notes"] = notes
        if !s.problems.isEmpty {
            object["problems"] = [
                "headers": [M.row, M.column, M.value, M.rule, M.message].map { $0.text(lang) },
                "rows": s.problems.map { p in
                    ["cells": [p.row.map(String.init) ?? "", p.column ?? "", p.value ?? "", p.rule, p.message(on: .web).text(lang)]]
                },
            ]
        }
        if s.annotated != nil { object["annotated"] = ["href": base + "/annotated", "label": M.annotated.text(lang)] }
        if s.result != nil { object["result"] = ["href": base + "/result", "label": M.result.text(lang)] }
        return Pages.page(
            title: M.kindLabel(job.kind.code).text(lang) + " · " + job.fileName,
            body: Templates.render("importJob", object), context: context, current: "/imports")
    }

    /// A file a job made, sent as a download under its own name.
    /// A file to download; one holding full ID numbers (`audited`: what it is, and the request
    /// of the user taking it) leaves only once its download is audited under their name, as
    /// the roster's is.
    func download(_ path: String?, audited: (kind: String, context: WebContext)? = nil) async throws -> Response {
        guard let path, let data = FileManager.default.contents(atPath: path) else { throw WebRefusal.notFound }
        if let (kind, context) = audited {
            let actor = try context.actor()
            try database.recordCopyDownload(path, kind: kind, as: actor, context: changeContext(actor))
        }
        let name = (path as NSString).lastPathComponent
        let type =
            TableFile.readsWorkbook(path) ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" : "text/csv; charset=utf-8"
        let encoded = name.addingPercentEncoding(withAllowedCharacters: Pages.queryValue) ?? "download"
        return Response(
            status: .ok,
            headers: [.contentType: type, .contentDisposition: "attachment; filename=\"download\"; filename*=UTF-8''" + encoded],
            body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}

/// Moves the progress bar of a job at work by asking its status each second, and reloads the
/// page when the job's state changes; without it the page shows the state as of each reload.
enum ImportScript {
    static let source = """
        (function () {
          "use strict";
          var bar = document.getElementById("import-progress");
          var state = document.getElementById("import-state");
          if (!bar || !state) { return; }
          var url = bar.getAttribute("data-status");
          var started = state.getAttribute("data-state");
          function poll() {
            fetch(url, { credentials: "same-origin", cache: "no-store" })
              .then(function (response) { return response.json(); })
              .then(function (status) {
                if (status.state !== started) { window.location.reload(); return; }
                if (status.total > 0) { bar.max = status.total; bar.value = Math.min(status.done, status.total); }
                bar.textContent = String(status.done);
                window.setTimeout(poll, 1000);
              })
              .catch(function () { window.setTimeout(poll, 3000); });
          }
          window.setTimeout(poll, 500);
        })();
        """
}

extension Templates {
    static let importForm = """
        {{#error}}<p class="error" role="alert">{{error}}</p>{{/error}}
        <form method="post" action="/imports" enctype="multipart/form-data" id="import-form" class="search">
        <input type="hidden" name="_csrf" value="{{csrf}}">
        <label>{{kindLabel}} <select name="kind">
        {{#kinds}}<option value="{{code}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/kinds}}</select></label>
        <label>{{monthLabel}} <input name="month" value="{{month}}" placeholder="YYYY-MM" inputmode="numeric"></label>
        <label>{{fileLabel}} <input type="file" name="file" accept=".xlsx,.csv" required></label>
        <label>{{sheetLabel}} <input name="sheet" value="{{sheet}}"></label>
        <button type="submit" id="import-check">{{check}}</button>
        <button type="submit" name="mode" value="import" id="import-now">{{importNow}}</button>
        </form>
        <p class="notice">{{hint}}</p>
        """

    static let importJob = """
        <p>{{kind}} · {{file}}</p>
        <p id="import-state" data-state="{{state}}"><strong>{{stateText}}</strong></p>
        {{#working}}<p><progress id="import-progress" data-status="{{status}}"
        {{#total}} max="{{total}}" value="{{done}}"{{/total}}>{{done}}</progress></p>
        <p class="notice">{{hint}}</p><script src="/imports.js" defer></script>{{/working}}
        {{#failure}}<p class="error" role="alert">{{failure}}</p>{{/failure}}
        {{#notes}}<p class="notice">{{.}}</p>{{/notes}}
        {{#problems}}<table id="import-problems"><thead><tr>{{#headers}}<th>{{.}}</th>{{/headers}}</tr></thead>
        <tbody>{{#rows}}<tr>{{#cells}}<td>{{.}}</td>{{/cells}}</tr>
        {{/rows}}</tbody></table>{{/problems}}
        {{#annotated}}<p><a id="import-annotated" href="{{href}}">{{label}}</a></p>{{/annotated}}
        {{#result}}<p><a id="import-result" href="{{href}}">{{label}}</a></p>{{/result}}
        {{#confirm}}<form method="post" action="{{action}}" id="import-confirm-form"><input type="hidden" name="_csrf" value="{{csrf}}">
        <button type="submit" id="import-confirm">{{label}}</button></form>{{/confirm}}
        """
}
