import Foundation
import GRDB

/// The demo database: the real Haiyan divisions from `seed/`, then (as the registry grows)
/// fictional points, operators and a month of activity.
public enum Demo {
    public static let divisionsFile = "divisions-330424-haiyan.csv"
    public static let policyFile = "policy.csv"
    public static let county = try! DivisionCode(parsing: "330424000000")

    /// Finds `seed/`: `WANCUN_SEED`, the current directory, or above the executable.
    public static func seedDirectory(environment: [String: String], executable: String) -> String? {
        var candidates: [String] = []
        if let env = environment["WANCUN_SEED"] { candidates.append(env) }
        candidates.append(FileManager.default.currentDirectoryPath + "/seed")
        var dir = URL(fileURLWithPath: executable).resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<6 {
            candidates.append(dir.appendingPathComponent("seed").path)
            dir = dir.deletingLastPathComponent()
        }
        return candidates.first { FileManager.default.fileExists(atPath: $0 + "/" + divisionsFile) }
    }

    /// True when `path` is absent or holds a database an earlier demo built.
    public static func mayReplace(_ path: String) -> Bool {
        guard FileManager.default.fileExists(atPath: path) else { return true }
        guard let queue = try? DatabaseQueue(path: path) else { return false }
        defer { try? queue.close() }
        return
            (try? queue.read { db in
                try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM audit WHERE action = 'demo.build')")
            }) == true
    }

    /// Builds the demo database at `path`, replacing an earlier demo there.
    public static func build(at path: String, seed: String, context: ChangeContext) throws -> AppDatabase {
        removeEarlier(at: path)
        return try build(AppDatabase(path: path, create: true), seed: seed, context: context)
    }

    /// Removes the database at `path` with its `-wal` and `-shm`, for a demo to be built there
    /// afresh (`mayReplace` says whether it may).
    public static func removeEarlier(at path: String) {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }

    /// Fills `db`, a new database, with the demo's registry and month.
    public static func build(_ db: AppDatabase, seed: String, context: ChangeContext) throws -> AppDatabase {
        _ = try db.importDivisions(from: seed + "/" + divisionsFile, context: context)
        try addPointsAndOperators(db, context: context)
        _ = try db.importPolicy(from: seed + "/" + policyFile, context: context)
        try addActivity(db, context: context)
        try addSubsidyInputs(db, context: context)
        try db.write { db in try db.audit("demo.build", AuditSubject(), context: context) }
        return db
    }
}
