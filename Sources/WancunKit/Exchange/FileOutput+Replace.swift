import Foundation

/// When a file wancun writes may replace one that is there, and where it lies until it is whole.
///
/// wancun records the real path and SHA-256 of every file it writes (`WrittenFiles`). A file
/// at the output's path is replaced only when it is one wancun wrote and nobody has changed
/// since, or when the user said `--overwrite` (`FileOutput.$overwrite`); any other file is
/// refused in one line naming it (`OUTPUT_EXISTS`), before anything is written.
///
/// A file being written lies beside its destination as `NAME.partial-PID` (a workbook's rows
/// in `NAME.partial-sheets-PID/`), on the same disk so that the last step is one rename. A run
/// that dies leaves them behind; the next run that writes into the same folder removes every
/// one whose process has ended (`sweepStale`).
extension FileOutput {
    /// Replace an existing file even when wancun did not write it, or it has changed since.
    @TaskLocal public static var overwrite = false

    /// Checks, before anything is created, that a file may be written at `path`: not the open
    /// database, and not an existing file that wancun did not write or that has changed since
    /// (unless `overwrite`). Removes stale temporary files beside it.
    static func admit(_ path: String) throws(RowProblem) {
        try refuseProtected(path)
        sweepStale(beside: path)
        guard !overwrite, FileManager.default.fileExists(atPath: path) else { return }
        if let recorded = WrittenFiles.sha256(of: path), (try? Digest.sha256(fileAt: path)) == recorded { return }
        throw RowProblem(file: path, row: nil, rule: "OUTPUT_EXISTS", message: .outputExists(path))
    }

    /// The name a file lies under beside `path` while it is written by this process.
    static func temporaryPath(for path: String, _ kind: String = "partial") -> String {
        "\(path).\(kind)-\(getpid())"
    }

    /// Puts the complete file at `temporary` at `path` in one step (rename(2) replaces any file
    /// there) and records what was written.
    static func commit(_ temporary: String, to path: String) throws {
        let sha256 = try Digest.sha256(fileAt: temporary)
        guard rename(temporary, path) == 0 else { throw CocoaError(.fileWriteUnknown) }
        WrittenFiles.record(path, sha256: sha256)
    }

    /// Removes the temporary files (`NAME.partial-PID`, `NAME.partial-sheets-PID`) in the folder
    /// of `path` whose process is no longer running.
    static func sweepStale(beside path: String) {
        let directory = (FileIdentity.canonical(path) as NSString).deletingLastPathComponent
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return }
        for name in names {
            guard let pid = stalePID(name), pid != getpid(), kill(pid, 0) != 0, errno == ESRCH else { continue }
            try? FileManager.default.removeItem(atPath: (directory as NSString).appendingPathComponent(name))
        }
    }

    /// The process that owns a temporary file, from its name: `….partial-PID`, `….partial-sheets-PID`,
    /// `….partial-rows-PID`
    /// (and a database's `….partial-PID-wal`, `-shm`, `-journal`).
    static func stalePID(_ name: String) -> pid_t? {
        for marker in [".partial-sheets-", ".partial-rows-", ".partial-"] {
            guard let range = name.range(of: marker, options: .backwards) else { continue }
            var digits = name[range.upperBound...]
            // A database being set up has SQLite's own files beside it.
            for suffix in ["-wal", "-shm", "-journal"] where digits.hasSuffix(suffix) { digits = digits.dropLast(suffix.count) }
            guard !digits.isEmpty, digits.allSatisfy(\.isASCII), let pid = pid_t(digits), pid > 0 else { return nil }
            return pid
        }
        return nil
    }
}

/// The files wancun has written: each one's real path and the SHA-256 of what was written, one
/// line each (`HASH<TAB>PATH`), newest last, in `written-files.tsv` in the user's state folder
/// (`$WANCUN_STATE_DIR`, else `$XDG_STATE_HOME/wancun`, else `~/.local/state/wancun`).
///
/// A record that cannot be kept (no home folder, a read-only disk) only means the file will
/// need `--overwrite` to be replaced.
enum WrittenFiles {
    static var location: String? {
        let environment = ProcessInfo.processInfo.environment
        let folder: String
        if let dir = environment["WANCUN_STATE_DIR"], !dir.isEmpty {
            folder = dir
        } else if let state = environment["XDG_STATE_HOME"], !state.isEmpty {
            folder = state + "/wancun"
        } else if let home = environment["HOME"], !home.isEmpty {
            folder = home + "/.local/state/wancun"
        } else {
            return nil
        }
        return folder + "/written-files.tsv"
    }

    /// The record is rewritten without the lines of files since replaced or removed when it
    /// grows past this many bytes, keeping at most half as many (the newest files'), so that it
    /// is rewritten once in every half-megabyte of new lines, not on every write once the files
    /// it names fill it. A file whose line was let go needs `--overwrite` to be replaced.
    static let compactionSize = 1 << 20

    /// The hash recorded last for the file at `path`, if wancun wrote it.
    static func sha256(of path: String, in location: String? = WrittenFiles.location) -> String? {
        guard let location, let text = try? String(contentsOfFile: location, encoding: .utf8) else { return nil }
        let key = FileIdentity.canonical(path)
        var found: String?
        for line in text.split(separator: "\n") {
            guard let tab = line.firstIndex(of: "\t"), line[line.index(after: tab)...] == key else { continue }
            found = String(line[..<tab])
        }
        return found
    }

    /// Records that wancun wrote the file at `path` with this content.
    static func record(_ path: String, sha256: String, in location: String? = WrittenFiles.location) {
        let key = FileIdentity.canonical(path)
        guard let location, !key.contains("\n"), !key.contains("\t") else { return }
        try? FileManager.default.createDirectory(
            atPath: (location as NSString).deletingLastPathComponent, withIntermediateDirectories: true,
            attributes: [.posixPermissions: 0o700])
        let descriptor = open(location, O_RDWR | O_CREAT | O_APPEND, 0o600)
        guard descriptor >= 0 else { return }
        defer { close(descriptor) }
        // One writer at a time, across processes: a line is never torn, and compaction loses none.
        guard flock(descriptor, LOCK_EX) == 0 else { return }
        defer { flock(descriptor, LOCK_UN) }
        let line = Array("\(sha256)\t\(key)\n".utf8)
        _ = line.withUnsafeBytes { Foundation.write(descriptor, $0.baseAddress, $0.count) }
        if lseek(descriptor, 0, SEEK_END) > compactionSize { compact(location, descriptor) }
    }

    /// Keeps only the last line of each file that is still there, the newest up to half of
    /// `compactionSize`, rewriting the file in place (other processes wait on its lock, not on a
    /// name that a rename would take away).
    private static func compact(_ location: String, _ descriptor: Int32) {
        guard let text = try? String(contentsOfFile: location, encoding: .utf8) else { return }
        let lines = text.split(separator: "\n")
        var seen = Set<Substring>()
        var kept: [Substring] = []
        var size = 0
        // Newest first: a file's last line is its record, and the newest files are kept.
        for line in lines.reversed() {
            guard let tab = line.firstIndex(of: "\t") else { continue }
            let key = line[line.index(after: tab)...]
            guard seen.insert(key).inserted, FileManager.default.fileExists(atPath: String(key)) else { continue }
            size += line.utf8.count + 1
            guard size <= compactionSize / 2 else { break }
            kept.append(line)
        }
        guard ftruncate(descriptor, 0) == 0 else { return }
        let bytes = Array(kept.reversed().map { $0 + "\n" }.joined().utf8)
        _ = bytes.withUnsafeBytes { Foundation.write(descriptor, $0.baseAddress, $0.count) }
    }
}
