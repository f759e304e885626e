import Foundation
import Hummingbird
import NIOCore
import WancunKit

/// 补贴: the runs and a month's check, a run's results, a point's rule-by-rule explanation,
/// two runs compared, finalizing (maker-checker) and the HR roster with its manifest.
/// What each account may see and do is the library's access policy.
extension WebApp {
    func addSubsidyRoutes(to router: Router<WebContext>) {
        router.get("/subsidy") { _, context in try subsidyRuns(context) }
        router.post("/subsidy") { _, context in try runSubsidyCheck(context) }
        router.post("/subsidy/other-posts-none") { _, context in try recordNoOtherPosts(context) }
        router.get("/subsidy/diff") { request, context in try subsidyDiff(request, context) }
        router.get("/subsidy/{run}") { request, context in try subsidyRun(request, context) }
        router.get("/subsidy/{run}/points/{code}") { _, context in try subsidyExplanation(context) }
        router.post("/subsidy/{run}/finalize") { request, context in try finalizeSubsidyRun(request, context, replacing: false) }
        router.post("/subsidy/{run}/replace") { request, context in try finalizeSubsidyRun(request, context, replacing: true) }
        router.get("/subsidy/{run}/roster.xlsx") { _, context in try subsidyRoster(context, manifest: false) }
        router.get("/subsidy/{run}/roster.manifest.json") { _, context in try subsidyRoster(context, manifest: true) }
    }

    /// A change made through the web: audited under the signed-in user's name, at the server's time.

    /// The run named in the path; a run that does not exist is not found.
    func runInfo(_ context: WebContext, as actor: Actor) throws -> SubsidyRunInfo {
        guard let id = context.parameters.get("run", as: Int64.self) else { throw WebRefusal.notFound }
        do { return try database.subsidyRun(id, as: actor) } catch SubsidyError.runUnknown { throw WebRefusal.notFound }
    }

    // MARK: The runs

    func subsidyRuns(
        _ context: WebContext, month: String? = nil, againstFinal: Bool = false, waiver: String = "", error: Message? = nil,
        noneError: Message? = nil, source: String = "", done: Message? = nil
    ) throws -> Response {
        let lang = context.language
        let actor = try context.actor()
        let runs = try database.subsidyRuns(as: actor)
        typealias H = Message.Header
        typealias S = Message.Web.Subsidy
        let table = Table(
            columns: [
                .init("id", H.id), .init("month", H.month), .init("status", H.status), .init("clerk", H.clerk), .init("reviewer", S.reviewer),
                .init("points", H.points), .init("eligible", H.eligible), .init("amount_fen", H.amountYuan), .init("created_at", H.at),
            ],
            rows: runs.reversed().map { info in
                [
                    .integer(info.run.id!), .text(info.run.month.description), .label(code: info.run.status.rawValue, .runStatus(info.run.status)),
                    .text(info.run.clerk), .optional(info.run.reviewer), .integer(Int64(info.points)), .integer(Int64(info.eligible)),
                    .money(info.total), .text(info.run.createdAt),
                ]
            })
        var body = ""
        if actor.role == .townClerk { body += Pages.notice(S.townOnly, lang) }
        if AccessPolicy.allows(actor, .runSubsidy) {
            let today = changeContext(actor).today
            var form: [String: Any] = [
                "csrf": context.session?.csrfToken ?? "", "caption": S.newRun.text(lang), "monthLabel": S.month.text(lang),
                "month": month ?? today.monthValue.description, "againstFinalLabel": S.againstFinal.text(lang), "againstFinal": againstFinal,
                "runLabel": S.runCheck.text(lang), "waiverLabel": S.waiverLabel.text(lang), "waiver": waiver,
            ]
            if let error { form["error"] = error.text(lang) }
            if let done { body += Pages.notice(done, lang) }
            body += Templates.subsidyPart("runForm", form)
            var none: [String: Any] = [
                "csrf": context.session?.csrfToken ?? "", "caption": S.noOtherPostsCaption.text(lang), "how": S.noOtherPostsHow.text(lang),
                "monthLabel": S.month.text(lang), "month": month ?? today.monthValue.description, "sourceLabel": S.source.text(lang),
                "source": source, "recordLabel": S.recordNone.text(lang),
            ]
            if let noneError { none["error"] = noneError.text(lang) }
            body += Templates.subsidyPart("noneForm", none)
        } else {
            body += Pages.notice(AccountError.notAllowed(actor.name, .runSubsidy).message(on: .web), lang)
        }
        body += Pages.table(
            table, lang, caption: S.runs, empty: S.noRuns, links: ["id": { "/subsidy/" + $0.text(reveal: false) }])
        let status: HTTPResponse.Status = error == nil && noneError == nil ? .ok : .unprocessableContent
        return Pages.page(Message.Web.subsidy, body: body, context: context, current: "/subsidy", status: status)
    }

    /// 登记为无: the other departments have no post this month; the check then needs no list.
    func recordNoOtherPosts(_ context: WebContext) throws -> Response {
        let actor = try context.actor()
        try AccessPolicy.require(actor, .runSubsidy)
        let text = (context.form["month"] ?? "").trimmingCharacters(in: .whitespaces)
        let source = (context.form["source"] ?? "").trimmingCharacters(in: .whitespaces)
        let month: Month
        switch Self.month(text) {
        case .success(let parsed): month = parsed
        case .failure(let error): return try subsidyRuns(context, month: text, noneError: error.message, source: source)
        }
        guard !source.isEmpty else { return try subsidyRuns(context, month: text, noneError: Message.Web.Subsidy.sourceRequired, source: source) }
        do {
            try database.recordNoOtherPosts(month: month, source: source, as: actor, context: changeContext(actor))
        } catch let error as SubsidyError {
            return try subsidyRuns(context, month: text, noneError: error.message, source: source)
        }
        return try subsidyRuns(context, month: text, done: Message.Web.Subsidy.noneRecorded(month))
    }

    func runSubsidyCheck(_ context: WebContext) throws -> Response {
        let actor = try context.actor()
        try AccessPolicy.require(actor, .runSubsidy)
        let text = (context.form["month"] ?? "").trimmingCharacters(in: .whitespaces)
        let againstFinal = context.form["against_final"] == "1"
        let waiver = (context.form["without_other_posts"] ?? "").trimmingCharacters(in: .whitespaces)
        func refused(_ message: Message) throws -> Response {
            try subsidyRuns(context, month: text, againstFinal: againstFinal, waiver: waiver, error: message)
        }
        let month: Month
        switch Self.month(text) {
        case .success(let parsed): month = parsed
        case .failure(let error): return try refused(error.message(on: .web))
        }
        let info: SubsidyRunInfo
        do {
            info = try database.runSubsidyCheck(
                month: month, withoutOtherPosts: waiver.isEmpty ? nil : waiver, unlessFinal: !againstFinal, as: actor, context: changeContext(actor))
        } catch SubsidyError.finalExists(let month, let id) {
            return try refused(Message.Web.Subsidy.finalExists(month, id))
        } catch let error as SubsidyError {
            return try refused(error.message(on: .web))
        }
        return .redirect(to: "/subsidy/\(info.run.id!)", type: .normal)
    }

    static func month(_ text: String) -> Result<Month, ValueError> {
        do { return .success(try Month(parsing: text)) } catch { return .failure(error) }
    }

    // MARK: One run

    func subsidyRun(_ request: Request, _ context: WebContext, error: Message? = nil) throws -> Response {
        let lang = context.language
        let actor = try context.actor()
        let info = try runInfo(context, as: actor)
        let run = info.run
        let id = run.id!
        typealias H = Message.Header
        typealias S = Message.Web.Subsidy
        var body = actor.role == .townClerk ? Pages.notice(S.townOnly, lang) : ""
        var fields: [(Message, String)] = [
            (H.month, run.month.description), (H.status, Message.runStatus(run.status).text(lang)), (H.clerk, run.clerk),
            (H.at, run.createdAt),
        ]
        if let reviewer = run.reviewer { fields.append((S.reviewer, reviewer)) }
        if let via = run.reviewedVia { fields.append((S.via, Message.Web.reviewedVia(via).text(lang))) }
        if let finalized = run.finalizedAt { fields.append((S.finalizedAt, finalized)) }
        fields += [
            (H.points, String(info.points)), (H.eligible, String(info.eligible)), (H.amountYuan, info.total.yuanText),
            (H.outOfScope, String(info.outOfScope.values.reduce(0, +))),
        ]
        if let asOf = run.asOf { fields.append((S.asOf, asOf.description)) }
        if let reason = run.withoutOtherPostsReason { fields.append((S.withoutOtherPosts, reason)) }
        if let reason = run.replacedReason { fields.append((S.replacedReason, reason)) }
        body += Templates.render(
            "fields", ["caption": S.summary.text(lang), "fields": fields.map { ["label": $0.0.text(lang), "value": $0.1] }])
        body += try finalizeSection(info, actor: actor, context: context, error: error)
        if run.status == .final {
            if AccessPolicy.allows(actor, .reveal) {
                body += Templates.subsidyPart(
                    "downloads",
                    [
                        "roster": "/subsidy/\(id)/roster.xlsx", "rosterLabel": S.roster.text(lang), "manifest": "/subsidy/\(id)/roster.manifest.json",
                        "manifestLabel": S.manifest.text(lang), "audited": S.rosterAudited.text(lang),
                    ])
            } else {
                body += Pages.notice(AccountError.notAllowed(actor.name, .reveal).message(on: .web), lang)
            }
        }
        body += try diffForm(from: nil, to: id, context: context)
        body += try resultList(request, info, actor: actor, context: context)
        return Pages.page(
            S.runTitle(id, run.month), body: body, context: context, current: "/subsidy", status: error == nil ? .ok : .unprocessableContent)
    }

    /// For a draft: the finalize (or replace) form for a reviewer who may, else why not.
    func finalizeSection(_ info: SubsidyRunInfo, actor: Actor, context: WebContext, error: Message?) throws -> String {
        let lang = context.language
        typealias S = Message.Web.Subsidy
        guard info.run.status == .draft else { return "" }
        if let refusal = AccessPolicy.finalizeRefusal(actor, run: info.run) {
            return Templates.subsidyPart("cannot", ["label": S.cannotFinalize.text(lang), "reason": refusal.message(on: .web).text(lang)])
        }
        let final = try database.subsidyRuns(month: info.run.month).first { $0.run.status == .final }?.run.id
        var object: [String: Any] = [
            "csrf": context.session?.csrfToken ?? "", "id": String(info.run.id!), "finalizeLabel": S.finalize.text(lang),
            "how": (final.map(S.replaceHow) ?? S.finalizeHow).text(lang), "replaceLabel": S.replace.text(lang),
            "reasonLabel": S.reason.text(lang), "reason": context.form["reason"] ?? "",
        ]
        if final != nil { object["replacing"] = true }
        if let error { object["error"] = error.text(lang) }
        return Templates.subsidyPart("finalizeForm", object)
    }

    /// The run's results, filtered by outcome, town, name and code, one page at a time.
    func resultList(_ request: Request, _ info: SubsidyRunInfo, actor: Actor, context: WebContext) throws -> String {
        let lang = context.language
        typealias S = Message.Web.Subsidy
        func text(_ name: String) -> String? { request.queryText(name) }
        let only = text("only").flatMap(ResultFilter.init(rawValue:))
        let town = text("town").flatMap { try? DivisionCode(parsing: $0) }
        let page = request.pageNumber
        let search = SubsidyResultSearch(
            only: only, town: town, name: text("name"), code: text("code"), offset: (page - 1) * Self.pageSize, limit: Self.pageSize)
        let id = info.run.id!
        let found = try database.searchSubsidyResults(id, search, as: actor)
        let outcomes: [(ResultFilter?, Message)] = [
            (nil, S.checked), (.eligible, S.eligibleOnly), (.ineligible, S.ineligibleOnly), (.outOfScope, S.outOfScopeOnly), (.all, S.everyPoint),
        ]
        let form = Templates.subsidyPart(
            "resultSearch",
            [
                "caption": S.results.text(lang), "action": "/subsidy/\(id)", "outcomeLabel": S.outcome.text(lang),
                "townLabel": Message.Header.town.text(lang),
                "nameLabel": S.name.text(lang), "codeLabel": Message.Header.pointCode.text(lang),
                "all": Message.Web.all.text(lang), "search": Message.Web.search.text(lang), "name": search.name ?? "", "code": search.code ?? "",
                "outcomes": outcomes.map { ["code": $0.0?.rawValue ?? "", "name": $0.1.text(lang), "selected": $0.0 == only] },
                "townOptions": try townOptions(actor, selected: town),
            ])
        let table = Pages.table(
            Table(columns: SubsidyResult.columns, rows: found.results.map { $0.cells(lang) }), lang, empty: S.noResults,
            links: ["point_code": { "/subsidy/\(id)/points/" + Pages.pathComponent($0.text(reveal: false)) }])
        let pages = max((found.total + Self.pageSize - 1) / Self.pageSize, 1)
        func pageLink(_ n: Int) -> String {
            Pages.link(
                "/subsidy/\(id)",
                [
                    ("only", only?.rawValue), ("town", town?.rawValue), ("name", search.name), ("code", search.code),
                    ("page", n == 1 ? nil : String(n)),
                ])
        }
        var pager: [String: Any] = [
            "summary": Message.Web.pageOf(min(page, pages), pages, total: found.total).text(lang),
            "previousLabel": Message.Web.previous.text(lang), "nextLabel": Message.Web.next.text(lang),
        ]
        if page > 1 { pager["previous"] = pageLink(min(page, pages + 1) - 1) }
        if page < pages { pager["next"] = pageLink(page + 1) }
        return form + table + Templates.render("pager", pager)
    }

    func finalizeSubsidyRun(_ request: Request, _ context: WebContext, replacing: Bool) throws -> Response {
        let actor = try context.actor()
        let info = try runInfo(context, as: actor)
        let id = info.run.id!
        if let refusal = AccessPolicy.finalizeRefusal(actor, run: info.run) { throw refusal }
        do {
            try database.finalizeRun(id, replacing: replacing, reason: context.form["reason"], as: actor, context: changeContext(actor))
        } catch SubsidyError.finalExists(_, let final) {
            return try subsidyRun(request, context, error: Message.Web.Subsidy.replaceHow(final))
        } catch let error as SubsidyError {
            return try subsidyRun(request, context, error: error.message(on: .web))
        }
        return .redirect(to: "/subsidy/\(id)", type: .normal)
    }

    // MARK: A point's rules

    func subsidyExplanation(_ context: WebContext) throws -> Response {
        let lang = context.language
        let actor = try context.actor()
        let info = try runInfo(context, as: actor)
        let id = info.run.id!
        let code = context.parameters.get("code") ?? ""
        let result: SubsidyResult
        do { result = try database.subsidyResult(id, pointCode: code, as: actor) } catch RegistryError.pointUnknown { throw WebRefusal.notFound }
        typealias H = Message.Header
        typealias S = Message.Web.Subsidy
        var fields = zip(SubsidyResult.columns, result.cells(lang)).map { ($0.header, $1) }
        fields.insert((H.village, .text(result.village)), at: 3)
        let details = Templates.render(
            "fields",
            [
                "caption": S.summary.text(lang),
                "fields": fields.map { ["label": $0.0.text(lang), "value": $0.1.text(reveal: false, language: lang)] },
            ])
        let rules = Templates.subsidyPart(
            "ruleTable",
            [
                "caption": S.rules.text(lang), "ruleLabel": S.rule.text(lang), "outcomeLabel": S.applies.text(lang),
                "factsLabel": S.facts.text(lang), "none": Message.Web.none.text(lang), "hasNone": result.outcomes.isEmpty,
                "rules": result.outcomes.map { o -> [String: Any] in
                    [
                        "label": Message.subsidyRule(o.rule).text(lang), "code": o.rule.rawValue, "passed": o.passed,
                        "outcome": (o.passed ? S.passed : S.failed).text(lang),
                        "facts": o.evidence(reveal: false).map { ["key": $0.0, "value": $0.1] },
                    ]
                },
            ])
        let back = Templates.subsidyPart("back", ["href": "/subsidy/\(id)", "label": S.backToRun.text(lang)])
        return Pages.page(
            S.explanationTitle(id, result.pointCode, result.pointName), body: details + rules + back, context: context, current: "/subsidy")
    }

    // MARK: Two runs compared

    func subsidyDiff(_ request: Request, _ context: WebContext) throws -> Response {
        let lang = context.language
        let actor = try context.actor()
        typealias H = Message.Header
        typealias S = Message.Web.Subsidy
        let query = request.uri.queryParameters
        let from = query["from"].flatMap { Int64(String($0)) }
        let to = query["to"].flatMap { Int64(String($0)) }
        var body = try diffForm(from: from, to: to, context: context)
        guard let from, let to else {
            body += Pages.notice(S.diffNeedsRuns, lang)
            return Pages.page(S.diff, body: body, context: context, current: "/subsidy")
        }
        let changes: [(code: String, name: String, before: SubsidyResult?, after: SubsidyResult?)]
        do { changes = try database.subsidyDiff(from, to, as: actor) } catch SubsidyError.runUnknown { throw WebRefusal.notFound }
        let table = Table(
            columns: [
                .init("point_code", H.pointCode), .init("point_name", H.pointName), .init("operator_name", H.operatorName),
                .init("run_a", H.runA), .init("run_b", H.runB),
            ],
            rows: changes.map { c in
                [
                    .code(c.code), .text(c.name), .optional((c.after ?? c.before)?.operatorName), c.before?.outcomeCell ?? .text("—"),
                    c.after?.outcomeCell ?? .text("—"),
                ]
            })
        body += Pages.table(
            table, lang, empty: Message.noDifferences,
            links: ["point_code": { "/subsidy/\(to)/points/" + Pages.pathComponent($0.text(reveal: false)) }])
        return Pages.page(S.diffTitle(from, to), body: body, context: context, current: "/subsidy")
    }

    /// The form choosing two runs to compare; on a run's page the earlier run defaults to the
    /// one before it.
    func diffForm(from: Int64?, to: Int64?, context: WebContext) throws -> String {
        let lang = context.language
        typealias S = Message.Web.Subsidy
        let runs = try database.subsidyRuns(as: context.actor()).map(\.run)
        let earlier = from ?? to.flatMap { to in runs.last { $0.id! < to }?.id }
        func options(_ chosen: Int64?) -> [[String: Any]] {
            runs.reversed().map { run in
                ["id": String(run.id!), "name": S.runTitle(run.id!, run.month).text(lang), "selected": run.id == chosen] as [String: Any]
            }
        }
        return Templates.subsidyPart(
            "diffForm",
            [
                "caption": S.diff.text(lang), "fromLabel": S.from.text(lang), "toLabel": S.to.text(lang), "compare": S.compare.text(lang),
                "from": options(earlier), "to": options(to),
            ])
    }

    // MARK: The roster

    /// The roster of a final run as `wancun subsidy export` writes it, or its manifest; each
    /// download is an export, audited under the user's name.
    func subsidyRoster(_ context: WebContext, manifest: Bool) throws -> Response {
        let actor = try context.actor()
        let info = try runInfo(context, as: actor)
        let name = "roster-\(info.run.month)-run-\(info.run.id!).xlsx"
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("wancun-web-roster-" + SessionStore.randomToken())
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        defer { try? FileManager.default.removeItem(at: dir) }
        let export: RosterExport
        do {
            export = try database.exportRoster(run: info.run.id!, to: dir.appendingPathComponent(name).path, as: actor, context: changeContext(actor))
        } catch let error as SubsidyError {
            let body = Pages.notice(error.message(on: .web), context.language)
            return Pages.page(error.message(on: .web), body: body, context: context, current: "/subsidy", status: .conflict)
        }
        let path = manifest ? export.manifestPath : export.path
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        let type = manifest ? "application/json" : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        let file = (path as NSString).lastPathComponent
        return Response(
            status: .ok, headers: [.contentType: type, .contentDisposition: "attachment; filename=\"\(file)\""],
            body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}

extension Templates {
    static let subsidyRunForm = """
        <h2>{{caption}}</h2>
        <form method="post" action="/subsidy" id="subsidy-run-form" class="search">
        <input type="hidden" name="_csrf" value="{{csrf}}">
        <label>{{monthLabel}} <input name="month" value="{{month}}" inputmode="numeric" placeholder="2026-10"
        {{#error}} aria-invalid="true" aria-describedby="month-error"{{/error}}>
        {{#error}}<span class="error" id="month-error" role="alert">{{error}}</span>{{/error}}</label>
        <label class="check"><input type="checkbox" name="against_final" value="1"{{#againstFinal}} checked{{/againstFinal}}>
        {{againstFinalLabel}}</label>
        <label>{{waiverLabel}} <input name="without_other_posts" value="{{waiver}}"></label>
        <button type="submit" id="subsidy-run">{{runLabel}}</button>
        </form>
        """

    static let subsidyNoneForm = """
        <h2>{{caption}}</h2>
        <form method="post" action="/subsidy/other-posts-none" id="other-posts-none-form" class="search">
        <input type="hidden" name="_csrf" value="{{csrf}}">
        <p class="notice">{{how}}</p>
        <label>{{monthLabel}} <input name="month" value="{{month}}" inputmode="numeric" placeholder="2026-10"></label>
        <label>{{sourceLabel}} <input name="source" value="{{source}}"{{#error}} aria-invalid="true" aria-describedby="none-error"{{/error}}>
        {{#error}}<span class="error" id="none-error" role="alert">{{error}}</span>{{/error}}</label>
        <button type="submit" id="other-posts-none">{{recordLabel}}</button>
        </form>
        """

    static let subsidyFinalize = """
        {{^replacing}}<form method="post" action="/subsidy/{{id}}/finalize" id="subsidy-finalize-form" class="search">
        <input type="hidden" name="_csrf" value="{{csrf}}">
        <p class="notice">{{how}}</p>
        {{#error}}<p class="error" id="finalize-error" role="alert">{{error}}</p>{{/error}}
        <button type="submit" id="subsidy-finalize">{{finalizeLabel}}</button>
        </form>{{/replacing}}{{#replacing}}<form method="post" action="/subsidy/{{id}}/replace" id="subsidy-replace-form" class="search">
        <input type="hidden" name="_csrf" value="{{csrf}}">
        <p class="notice">{{how}}</p>
        <label>{{reasonLabel}} <input name="reason" value="{{reason}}"{{#error}} aria-invalid="true" aria-describedby="reason-error"{{/error}}>
        {{#error}}<span class="error" id="reason-error" role="alert">{{error}}</span>{{/error}}</label>
        <button type="submit" id="subsidy-replace">{{replaceLabel}}</button>
        </form>{{/replacing}}
        """

    static let subsidyCannot = """
        <p class="notice" id="subsidy-cannot-finalize">{{label}}{{reason}}</p>
        """

    static let subsidyDownloads = """
        <p class="downloads"><a href="{{roster}}" id="roster-download" download>{{rosterLabel}}</a>
        <a href="{{manifest}}" id="manifest-download" download>{{manifestLabel}}</a>
        <span class="notice">{{audited}}</span></p>
        """

    static let subsidyResultSearch = """
        <h2>{{caption}}</h2>
        <form method="get" action="{{action}}" class="search" id="subsidy-filter-form">
        <label>{{outcomeLabel}} <select name="only">
        {{#outcomes}}<option value="{{code}}"{{#selected}} selected{{/selected}}>{{name}}</option>{{/outcomes}}</select></label>
        <label>{{townLabel}} <select name="town"><option value="">{{all}}</option>
        {{{townOptions}}}</select></label>
        <label>{{nameLabel}} <input name="name" value="{{name}}"></label>
        <label>{{codeLabel}} <input name="code" value="{{code}}" inputmode="numeric"></label>
        <button type="submit" id="subsidy-filter">{{search}}</button>
        </form>
        """

    static let subsidyDiffForm = """
        <h2>{{caption}}</h2>
        <form method="get" action="/subsidy/diff" class="search" id="subsidy-diff-form">
        <label>{{fromLabel}} <select name="from">
        {{#from}}<option value="{{id}}"{{#selected}} selected{{/selected}}>{{name}}</option>{{/from}}</select></label>
        <label>{{toLabel}} <select name="to">
        {{#to}}<option value="{{id}}"{{#selected}} selected{{/selected}}>{{name}}</option>{{/to}}</select></label>
        <button type="submit" id="subsidy-diff">{{compare}}</button>
        </form>
        """

    static let subsidyRules = """
        <h2>{{caption}}</h2>
        {{#hasNone}}<p class="notice">{{none}}</p>{{/hasNone}}{{^hasNone}}
        <table class="rules"><thead><tr><th>{{ruleLabel}}</th><th>{{outcomeLabel}}</th><th>{{factsLabel}}</th></tr></thead>
        <tbody>{{#rules}}<tr><td>{{label}} <code>{{code}}</code></td><td class="{{#passed}}pass{{/passed}}{{^passed}}fail{{/passed}}">{{outcome}}</td>
        <td>{{#facts}}<code>{{key}}</code> {{value}}<br>{{/facts}}</td></tr>
        {{/rules}}</tbody></table>{{/hasNone}}
        """

    static let subsidyBack = """
        <p><a href="{{href}}">{{label}}</a></p>
        """

    /// The parts above as one template, each within a section of its own name: a page renders
    /// a part with `subsidyPart(name, object)`.
    static let subsidy = [
        ("runForm", subsidyRunForm), ("noneForm", subsidyNoneForm), ("finalizeForm", subsidyFinalize), ("cannot", subsidyCannot),
        ("downloads", subsidyDownloads),
        ("resultSearch", subsidyResultSearch), ("diffForm", subsidyDiffForm), ("ruleTable", subsidyRules), ("back", subsidyBack),
    ].map { "{{#\($0.0)}}" + $0.1 + "{{/\($0.0)}}" }.joined()

    static func subsidyPart(_ part: String, _ object: [String: Any]) -> String { render("subsidy", [part: object]) }
}
