import Foundation
import Hummingbird
import NIOCore
import WancunKit

/// One uploaded file reconciled: its report and annotated copy, or held until a reviewer
/// approves or rejects it when it changes the bureau's recorded decisions (maker-checker),
/// with a dry run's report for the reviewer to judge it by.
final class ReconcileJob: UploadJob, @unchecked Sendable {
    enum State: String {
        case done, failed, rejected
        case awaitingReview = "awaiting-review"
    }

    struct Snapshot {
        var state = State.failed
        var report: ReconReport?
        /// While awaiting review: what the reconciliation would record, nothing written.
        var preview: ReconReport?
        var copy: String?
        var failure: Message?
        /// Who approved or rejected it.
        var reviewer: String?
    }

    let id = SessionStore.randomToken()
    let maker: Actor
    let request: ReconRequest
    let input: String
    let folder: URL
    let created = Date()
    let language: Language
    /// Today as the server fixes it (`WANCUN_TODAY`), nil for the day in Asia/Shanghai.
    let today: LocalDate?
    /// Reconciles a file reconciled before (`ReconOptions.again`).
    let again: Bool
    private let lock = NSLock()
    private var stored = Snapshot()

    init(maker: Actor, request: ReconRequest, input: String, folder: URL, language: Language, today: LocalDate?, again: Bool = false) {
        self.again = again
        self.maker = maker
        self.request = request
        self.input = input
        self.folder = folder
        self.today = today
        self.language = language
    }

    var owner: String { maker.name }
    var busy: Bool { false }
    var fileName: String { (input as NSString).lastPathComponent }
    var current: Snapshot { lock.withLock { stored } }

    /// Reconciles as the clerk who sent it, or, given `reviewer`, as approved by them.
    func run(_ database: AppDatabase, reviewer: Actor? = nil) {
        do {
            let report =
                try reviewer.map {
                    try database.approveReconciliation(
                        request, file: input, options: ReconOptions(again: again), maker: maker.name, as: $0,
                        context: ChangeContext(clerk: $0.name, today: today))
                }
                ?? database.reconcile(
                    request, file: input, options: ReconOptions(again: again), as: maker, context: ChangeContext(clerk: maker.name, today: today))
            let copy = AnnotatedCopy.resultPath(for: input)
            try report.writeCopy(of: input, sheet: nil, to: copy, ownerOnly: request.kind == .hr, language: language)
            lock.withLock { stored = Snapshot(state: .done, report: report, copy: copy, reviewer: reviewer?.name) }
        } catch AccountError.reviewerRequired where reviewer == nil {
            // The reviewer judges it by what it would record: a dry run, nothing written.
            var held = Snapshot(state: .awaitingReview)
            do {
                held.preview = try database.reconcile(
                    request, file: input, options: ReconOptions(again: again, dryRun: true), as: maker,
                    context: ChangeContext(clerk: maker.name, today: today))
            } catch {
                held.failure = errorMessage(error)
            }
            lock.withLock { stored = held }
        } catch {
            lock.withLock {
                // A reviewer refused keeps the file waiting for another.
                if reviewer != nil, stored.state == .awaitingReview {
                    stored.failure = errorMessage(error)
                } else {
                    stored = Snapshot(state: .failed, failure: errorMessage(error))
                }
            }
        }
    }

    /// Rejects the held file as `reviewer`: nothing is recorded but the rejection, audited.
    func reject(_ database: AppDatabase, reviewer: Actor, context: ChangeContext) throws {
        guard current.state == .awaitingReview else { return }
        try database.rejectReconciliation(request, file: input, maker: maker.name, as: reviewer, context: context)
        lock.withLock {
            stored.state = .rejected
            (stored.reviewer, stored.failure) = (reviewer.name, nil)
        }
    }
}

/// 对账: upload the bureau's answer or a courier's or platform's statement, see the outcomes,
/// download the annotated copy; an answer that changes recorded decisions waits for a reviewer.
extension WebApp {
    func addReconcileRoutes(to router: Router<WebContext>) {
        router.get("/reconcile") { _, context in try await reconcilePage(context) }
        router.post("/reconcile") { _, context in try await startReconcile(context) }
        router.get("/reconcile/{job}") { _, context in try await reconcileJobPage(context) }
        router.get("/reconcile/{job}/annotated") { _, context in
            let job = try await reconcileJob(context)
            // The HR answer's copy holds the bureau's full ID numbers.
            return try await download(job.current.copy, audited: job.request.kind == .hr ? ("reconcile-hr", context) : nil)
        }
        router.post("/reconcile/{job}/approve") { _, context in try await approveReconcile(context) }
        router.post("/reconcile/{job}/reject") { _, context in try await rejectReconcile(context) }
    }

    func reconcilePage(_ context: WebContext, error: Message? = nil, status: HTTPResponse.Status = .ok) async throws -> Response {
        let actor = try context.actor()
        guard AccessPolicy.allows(actor, .runSubsidy) || AccessPolicy.allows(actor, .approve) else {
            throw AccountError.notAllowed(actor.name, .runSubsidy)
        }
        let lang = context.language
        typealias M = Message.Web.Reconcile
        var object: [String: Any] = [:]
        if AccessPolicy.allows(actor, .runSubsidy) {
            var form: [String: Any] = [
                "csrf": context.session?.csrfToken ?? "", "kindLabel": Message.Web.Imports.kind.text(lang),
                "fileLabel": Message.Web.Imports.file.text(lang), "monthLabel": Message.Web.Imports.month.text(lang),
                "runLabel": M.run.text(lang), "courierLabel": M.courier.text(lang), "platformLabel": M.platform.text(lang),
                "check": M.check.text(lang), "againLabel": M.again.text(lang), "again": context.form["again"] == "1",
                "month": context.form["month"] ?? "", "run": context.form["run"] ?? "",
                "courier": context.form["courier"] ?? "", "platform": context.form["platform"] ?? "",
                "kinds": ReconKind.allCases.map {
                    ["code": $0.rawValue, "label": M.kindLabel($0.rawValue).text(lang), "selected": $0.rawValue == context.form["kind"]]
                        as [String: Any]
                },
            ]
            if let error { form["error"] = error.text(lang) }
            object["form"] = form
        }
        let waiting = await reconcileJobs.all().filter {
            $0.current.state == .awaitingReview && ($0.owner == actor.name || AccessPolicy.allows(actor, .approve))
        }
        if !waiting.isEmpty {
            object["pending"] = [
                "caption": M.pending.text(lang),
                "jobs": waiting.map { ["href": "/reconcile/" + $0.id, "file": $0.fileName, "maker": Message.Web.aside($0.maker.name).text(lang)] },
            ]
        }
        return Pages.page(
            Message.Web.reconcile, body: Templates.render("reconcileForm", object), context: context, current: "/reconcile", status: status)
    }

    func startReconcile(_ context: WebContext) async throws -> Response {
        let actor = try context.actor()
        try AccessPolicy.require(actor, .runSubsidy)
        typealias M = Message.Web.Reconcile
        func field(_ name: String) -> String { (context.form[name] ?? "").trimmingCharacters(in: .whitespaces) }
        let month = try? Month(parsing: field("month"))
        let request: ReconRequest
        switch field("kind") {
        case "hr":
            guard let run = Int64(field("run")) else { return try await reconcilePage(context, error: M.runRequired, status: .badRequest) }
            request = .hr(run: run)
        case "parcels", "fees":
            guard !field("courier").isEmpty else { return try await reconcilePage(context, error: M.courierRequired, status: .badRequest) }
            guard let month else { return try await reconcilePage(context, error: Message.Web.Imports.monthRequired, status: .badRequest) }
            request = field("kind") == "fees" ? .fees(courier: field("courier"), month: month) : .parcels(courier: field("courier"), month: month)
        case "purchases":
            guard !field("platform").isEmpty else { return try await reconcilePage(context, error: M.platformRequired, status: .badRequest) }
            guard let month else { return try await reconcilePage(context, error: Message.Web.Imports.monthRequired, status: .badRequest) }
            request = .purchases(platform: field("platform"), month: month)
        default: return try await reconcilePage(context, error: Message.Web.Imports.badKind, status: .badRequest)
        }
        guard let upload = context.uploads["file"], upload.size > 0 else {
            return try await reconcilePage(context, error: Message.Web.Imports.noFile, status: .badRequest)
        }
        guard ["csv", "xlsx", "xlsm"].contains((upload.fileName as NSString).pathExtension.lowercased()) else {
            return try await reconcilePage(context, error: Message.Web.Imports.notATable, status: .badRequest)
        }
        let folder = try UploadFolder.makeFolder()
        let job = ReconcileJob(
            maker: actor, request: request, input: try keep(upload, in: folder), folder: folder, language: context.language,
            today: configuration.today, again: field("again") == "1")
        await inBackground { job.run(database) }
        await reconcileJobs.add(job)
        return .redirect(to: "/reconcile/" + job.id, type: .normal)
    }

    /// The job, for the clerk who sent it, and for a reviewer while it awaits review or once they approved it.
    func reconcileJob(_ context: WebContext) async throws -> ReconcileJob {
        let actor = try context.actor()
        let reviewer = AccessPolicy.allows(actor, .approve)
        guard let id = context.parameters.get("job"),
            let job = await reconcileJobs.job(
                id, for: actor.name, also: { reviewer && ($0.current.state == .awaitingReview || $0.current.reviewer == actor.name) })
        else { throw WebRefusal.notFound }
        return job
    }

    func approveReconcile(_ context: WebContext) async throws -> Response {
        let actor = try context.actor()
        let job = try await reconcileJob(context)
        try AccessPolicy.require(actor, .approve)
        if job.current.state == .awaitingReview { await inBackground { job.run(database, reviewer: actor) } }
        return .redirect(to: "/reconcile/" + job.id, type: .normal)
    }

    func rejectReconcile(_ context: WebContext) async throws -> Response {
        let actor = try context.actor()
        let job = try await reconcileJob(context)
        try AccessPolicy.require(actor, .approve)
        try job.reject(database, reviewer: actor, context: changeContext(actor))
        return .redirect(to: "/reconcile/" + job.id, type: .normal)
    }

    /// A report's lines: its counts per outcome and its totals.
    func reportLines(_ report: ReconReport, _ lang: Language) -> [String] {
        [
            ReconOutcome.allCases.compactMap { outcome in
                let n = report.counts[outcome, default: 0]
                return n == 0 && outcome != .matched ? nil : "\(Message.reconOutcome(outcome).text(lang)) \(n)"
            }.joined(separator: lang == .zh ? "，" : ", "),
            Message.reconTotals(
                expected: report.expectedText, actual: report.actualText, difference: report.differenceText, unit: report.unit
            ).text(lang),
        ]
    }

    /// A report's differences as a table, ID numbers masked.
    func outcomesTable(_ report: ReconReport, _ lang: Language) -> String? {
        typealias H = Message.Header
        let items = Table(
            columns: [
                .init("outcome", H.outcome), .init("key", H.key), .init("file_row", H.fileRow), .init("field", H.field),
                .init("expected", H.expected), .init("actual", H.actual),
            ],
            rows: report.items.map { item in
                [
                    .label(code: item.outcome.rawValue, .reconOutcome(item.outcome)),
                    report.kind == .hr && item.key.count == 18 ? .residentID(item.key) : .text(item.key),
                    item.row.map { .integer(Int64($0)) } ?? .null, .optional(item.field), .optional(item.expected), .optional(item.actual),
                ]
            })
        return report.items.isEmpty ? nil : Pages.table(items, lang, caption: Message.Section.differences)
    }

    /// The recorded decisions an HR answer changes, one line per value, ID numbers masked.
    func decisionsTable(_ changes: [DecisionChange], _ lang: Language) -> String {
        typealias H = Message.Header
        let table = Table(
            columns: [
                .init("id_number", H.idNumber), .init("name", H.operatorName), .init("field", H.field), .init("before", H.before),
                .init("after", H.after),
            ],
            rows: changes.flatMap { change in
                change.values.map { value in
                    [.residentID(change.idNumber), .text(change.name), .text(value.field), .optional(value.before), .optional(value.after)]
                }
            })
        return Pages.table(table, lang, caption: Message.Web.Reconcile.decisionsChanged)
    }

    func reconcileJobPage(_ context: WebContext) async throws -> Response {
        let actor = try context.actor()
        let job = try await reconcileJob(context)
        let lang = context.language
        typealias M = Message.Web.Reconcile
        let now = job.current
        var object: [String: Any] = [
            "kind": M.kindLabel(job.request.kind.rawValue).text(lang), "file": job.fileName, "state": now.state.rawValue,
            "stateText": Message.Web.Imports.state(now.state.rawValue).text(lang), "csrf": context.session?.csrfToken ?? "",
        ]
        if let failure = now.failure { object["failure"] = failure.text(lang) }
        if now.state == .awaitingReview {
            object["awaiting"] = M.awaiting.text(lang)
            if let preview = now.preview {
                object["lines"] =
                    [M.preview.text(lang)] + reportLines(preview, lang) + [M.decisionsChangedCount(preview.decisionChanges.count).text(lang)]
                object["decisions"] = decisionsTable(preview.decisionChanges, lang)
                object["outcomes"] = outcomesTable(preview, lang)
            }
            if AccessPolicy.allows(actor, .approve) {
                object["approve"] = ["action": "/reconcile/" + job.id + "/approve", "label": M.approve.text(lang)]
                object["reject"] = ["action": "/reconcile/" + job.id + "/reject", "label": M.reject.text(lang)]
            }
        }
        if now.state == .rejected, let reviewer = now.reviewer { object["lines"] = [M.rejectedBy(job.maker.name, reviewer).text(lang)] }
        if let report = now.report {
            var lines = [Message.reconHeadline(report.id, report.kind, report.subject).text(lang)] + reportLines(report, lang)
            if report.allMatched { lines.append(Message.reconAllMatched.text(lang)) }
            if let reviewer = now.reviewer { lines.append(M.approvedBy(job.maker.name, reviewer).text(lang)) }
            object["lines"] = lines
            if !report.decisionChanges.isEmpty { object["decisions"] = decisionsTable(report.decisionChanges, lang) }
            object["outcomes"] = outcomesTable(report, lang)
            object["annotated"] = ["href": "/reconcile/" + job.id + "/annotated", "label": Message.Web.Imports.annotated.text(lang)]
        }
        return Pages.page(
            title: Message.Web.reconcile.text(lang) + " · " + job.fileName, body: Templates.render("reconcileJob", object), context: context,
            current: "/reconcile")
    }

    /// Waits for blocking work done on a thread of its own.
    func inBackground(_ work: @escaping @Sendable () -> Void) async {
        await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
            runInBackground {
                work()
                done.resume()
            }
        }
    }
}

extension Templates {
    static let reconcileForm = """
        {{#form}}{{#error}}<p class="error" role="alert">{{error}}</p>{{/error}}
        <form method="post" action="/reconcile" enctype="multipart/form-data" id="reconcile-form" class="search">
        <input type="hidden" name="_csrf" value="{{csrf}}">
        <label>{{kindLabel}} <select name="kind">
        {{#kinds}}<option value="{{code}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/kinds}}</select></label>
        <label>{{runLabel}} <input name="run" value="{{run}}" inputmode="numeric"></label>
        <label>{{courierLabel}} <input name="courier" value="{{courier}}"></label>
        <label>{{platformLabel}} <input name="platform" value="{{platform}}"></label>
        <label>{{monthLabel}} <input name="month" value="{{month}}" placeholder="YYYY-MM" inputmode="numeric"></label>
        <label>{{fileLabel}} <input type="file" name="file" accept=".xlsx,.csv" required></label>
        <label class="check"><input type="checkbox" name="again" value="1"{{#again}} checked{{/again}}> {{againLabel}}</label>
        <button type="submit" id="reconcile-check">{{check}}</button>
        </form>{{/form}}
        {{#pending}}<h2>{{caption}}</h2>
        <ul id="reconcile-pending">{{#jobs}}<li><a href="{{href}}">{{file}}</a>{{maker}}</li>{{/jobs}}</ul>{{/pending}}
        """

    static let reconcileJob = """
        <p>{{kind}} · {{file}}</p>
        <p id="reconcile-state" data-state="{{state}}"><strong>{{stateText}}</strong></p>
        {{#failure}}<p class="error" role="alert">{{failure}}</p>{{/failure}}
        {{#awaiting}}<p class="notice">{{awaiting}}</p>{{/awaiting}}
        {{#lines}}<p class="notice">{{.}}</p>{{/lines}}
        {{{decisions}}}
        {{{outcomes}}}
        {{#approve}}<form method="post" action="{{action}}" id="reconcile-approve-form"><input type="hidden" name="_csrf" value="{{csrf}}">
        <button type="submit" id="reconcile-approve">{{label}}</button></form>{{/approve}}
        {{#reject}}<form method="post" action="{{action}}" id="reconcile-reject-form"><input type="hidden" name="_csrf" value="{{csrf}}">
        <button type="submit" id="reconcile-reject">{{label}}</button></form>{{/reject}}
        {{#annotated}}<p><a id="reconcile-annotated" href="{{href}}">{{label}}</a></p>{{/annotated}}
        """
}
