import Foundation
import WancunKit

/// One uploaded file on its way in: checked (a dry run), then, once confirmed, imported. Its
/// state is read by the page and the status route while the import's thread moves it on.
final class ImportJob: UploadJob, @unchecked Sendable {
    enum State: String { case checking, checked, importing, done, failed }

    let id: String
    let owner: String
    let actor: Actor
    let kind: ImportKind
    /// The upload, under the name it was sent with.
    let input: String
    let folder: URL
    let created = Date()
    let language: Language
    /// The workbook's sheet to read; nil for its first.
    let sheet: String?
    /// Today as the server fixes it (`WANCUN_TODAY`), nil for the day in Asia/Shanghai.
    let today: LocalDate?

    private let lock = NSLock()
    private var state = State.checking
    private var done = 0
    private var total = 0
    private var problems: [RowProblem] = []
    private var rows = 0
    private var annotated: String?
    /// A clean file's annotated copy is written only when asked for (the CLI writes none):
    /// the header row and warnings it needs.
    private var cleanCopy: (headerRow: Int, warnings: [RowProblem])?
    private let copyLock = NSLock()
    private var result: String?
    private var summary: [Message] = []
    private var failure: Message?

    struct Snapshot {
        var state: State
        var done: Int
        var total: Int
        var problems: [RowProblem]
        var errors: Int
        var rows: Int
        var annotated: String?
        var result: String?
        var summary: [Message]
        var failure: Message?
    }

    /// `importing`: imported straight away, all or nothing, as the CLI's import does (a file with
    /// a problem is then shown as a check's, nothing written).
    init(
        actor: Actor, kind: ImportKind, input: String, sheet: String? = nil, folder: URL, language: Language, today: LocalDate?,
        importing: Bool = false
    ) {
        id = SessionStore.randomToken()
        if importing { state = .importing }
        owner = actor.name
        self.actor = actor
        self.kind = kind
        self.input = input
        self.folder = folder
        self.sheet = sheet
        self.today = today
        self.language = language
    }

    var fileName: String { (input as NSString).lastPathComponent }
    var busy: Bool { lock.withLock { state == .checking || state == .importing } }

    var snapshot: Snapshot {
        lock.withLock {
            Snapshot(
                state: state, done: done, total: total, problems: problems, errors: problems.filter { $0.severity == .error }.count, rows: rows,
                annotated: annotated, result: result, summary: summary, failure: failure)
        }
    }

    /// A row read: the total is what the rows so far and how far into the file they reach make of it.
    func progress(_ fraction: Double) {
        lock.withLock {
            done += 1
            if fraction > 0 { total = max(done, Int((Double(done) / fraction).rounded())) }
        }
    }

    /// Moves on to importing, when checked with no problem; false otherwise.
    func startImport() -> Bool {
        lock.withLock {
            guard state == .checked, !problems.contains(where: { $0.severity == .error }) else { return false }
            state = .importing
            done = 0
            return true
        }
    }

    /// The annotated copy, written now if it was put off.
    func annotatedCopy() -> String? {
        copyLock.withLock {
            guard let path = snapshot.annotated else { return nil }
            if let clean = lock.withLock({ cleanCopy }), !FileManager.default.fileExists(atPath: path) {
                _ = try? AnnotatedCopy.write(
                    input: input, sheet: sheet, headerRow: clean.headerRow, problems: clean.warnings, language: language, to: path)
            }
            return path
        }
    }

    /// Runs the dry run: every row checked, nothing written; the annotated copy made (a clean
    /// file's when it is first downloaded).
    func check(_ database: AppDatabase) {
        do {
            let found = try database.importFile(
                kind, from: input, sheet: sheet, dryRun: true, as: actor, context: ChangeContext(clerk: actor.name, today: today), language: language,
                progress: { [self] _, fraction in progress(fraction) })
            lock.withLock { cleanCopy = (found.summary.headerRow, found.summary.warnings) }
            finish(.checked, problems: found.summary.warnings, rows: found.summary.rows, annotated: AnnotatedCopy.path(for: input))
        } catch {
            stopped(error)
        }
    }

    /// Runs the import, all or nothing, and records what it did as the CLI tells it.
    func run(_ database: AppDatabase) {
        do {
            let copy = kind == .points ? AnnotatedCopy.resultPath(for: input) : nil
            let done = try database.importFile(
                kind, from: input, sheet: sheet, dryRun: false, as: actor, context: ChangeContext(clerk: actor.name, today: today), resultCopy: copy,
                language: language,
                progress: { [self] _, fraction in progress(fraction) })
            var words: [Message]
            if let points = done.points {
                words = [.pointsImported(created: points.count(.created), updated: points.count(.updated), unchanged: points.count(.unchanged))]
            } else {
                words = [.imported(rows: done.summary.rows, written: done.summary.written)]
                if done.summary.notOperatingRows > 0 { words.append(.importedNotOperating(done.summary.notOperatingRows)) }
            }
            lock.withLock {
                state = .done
                summary = words
                result = done.points?.resultCopy
                rows = done.summary.rows
                total = done.summary.rows
                self.done = done.summary.rows
            }
        } catch {
            // The registry may have changed since the check: new problems are shown as the check's were.
            stopped(error)
        }
    }

    /// A check or an import that stopped: its problems shown row by row with the annotated
    /// copy, or the refusal's words.
    private func stopped(_ error: any Error) {
        guard let found = error as? RowProblems else { return finish(.failed, failure: errorMessage(error)) }
        copyLock.withLock { lock.withLock { cleanCopy = nil } }
        var copy: String?
        if case .written(let path)? = found.writeCopy(language: language) { copy = path }
        finish(.checked, problems: found.problems, rows: lock.withLock { done }, annotated: copy)
    }

    private func finish(
        _ new: State, problems found: [RowProblem] = [], rows read: Int = 0, annotated copy: String? = nil, failure why: Message? = nil
    ) {
        lock.withLock {
            state = new
            problems = found
            rows = read
            if let copy { annotated = copy }
            failure = why
            if new == .checked { total = max(done, total) }
        }
    }
}
