import Foundation
import WancunKit

/// Work on an uploaded file that outlives the request that sent it: kept in the server under a
/// random id, with the folder of its files, for the account that started it.
protocol UploadJob: AnyObject, Sendable {
    var id: String { get }
    var owner: String { get }
    var folder: URL { get }
    var created: Date { get }
    /// Whether the job is at work now (it is then never let go).
    var busy: Bool { get }
}

/// The jobs under way or done, by id. A job is let go, and its folder removed, `keep` after it
/// was started (unless still at work); a restart forgets every job (their folders are in the
/// process's own upload folder).
actor UploadJobs<Job: UploadJob> {
    private var jobs: [String: Job] = [:]
    let keep: TimeInterval

    init(keep: TimeInterval = 6 * 3600) { self.keep = keep }

    func add(_ job: Job) {
        sweep()
        jobs[job.id] = job
    }

    /// The job, for the account that started it (or any account `also` lets see it); nil
    /// (a 404) for anyone else.
    func job(_ id: String, for user: String, also: (Job) -> Bool = { _ in false }) -> Job? {
        sweep()
        guard let job = jobs[id], job.owner == user || also(job) else { return nil }
        return job
    }

    func all() -> [Job] {
        sweep()
        return jobs.values.sorted { $0.created > $1.created }
    }

    private func sweep() {
        let now = Date()
        for (id, job) in jobs where !job.busy && now.timeIntervalSince(job.created) > keep {
            try? FileManager.default.removeItem(at: job.folder)
            jobs[id] = nil
        }
    }
}

/// Runs blocking work (an import, a reconciliation) on a thread of its own, off the server's
/// threads.
func runInBackground(_ work: @escaping @Sendable () -> Void) {
    Thread.detachNewThread(work)
}

/// Moves an upload into a job's folder under the name it was sent with, so that problems and
/// the audit trail name the file as the clerk knows it.
func keep(_ upload: Upload, in folder: URL) throws -> String {
    let name = upload.fileName.isEmpty ? "upload.csv" : upload.fileName
    let path = folder.appendingPathComponent(name).path
    try FileManager.default.moveItem(atPath: upload.path, toPath: path)
    return path
}

/// The words of an error for a page: the catalogue's when it has them.
func errorMessage(_ error: any Error) -> Message {
    switch error {
    case let refused as RegistryError: (refused.refusals.first ?? refused).message(on: .web)
    case let known as any UserFacingError: known.message(on: .web)
    case let problem as RowProblem: problem.message(on: .web)
    default: Message.Web.failed
    }
}
