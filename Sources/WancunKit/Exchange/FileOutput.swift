import Foundation

/// Where every file wancun writes is put: whole, replacing any file at the path only once it
/// is complete, and never over the database that is open or its `-wal` and `-shm` files.
///
/// Whoever opens a database says so (`protect(databaseAt:)`: `AppDatabase` and the command
/// line do); every writer (`FileOutput.write`, `CSVWriter`, the XLSX workbook, so `TableFile`,
/// annotated copies, reports, rosters and conversions) asks `admit` before it creates
/// anything, and puts the finished file in place with `commit`.
public enum FileOutput {
    /// `ownerOnly`: the file holds full ID numbers (the HR roster and its manifest, `--reveal`
    /// exports, copies of the bureau's file), so it is created readable by its owner only.
    public static func write(_ data: Data, to path: String, ownerOnly: Bool = false) throws(RowProblem) {
        try admit(path)
        let partial = temporaryPath(for: path)
        do {
            try? FileManager.default.removeItem(atPath: partial)
            let descriptor = open(partial, O_WRONLY | O_CREAT | O_EXCL, ownerOnly ? ownerOnlyMode : 0o666)
            guard descriptor >= 0 else { throw CocoaError(.fileWriteNoPermission) }
            let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
            do {
                if ownerOnly { try restrict(partial) }
                try handle.write(contentsOf: data)
                try handle.close()
                try commit(partial, to: path)
            } catch {
                try? FileManager.default.removeItem(atPath: partial)
                throw error
            }
        } catch {
            throw RowProblem(file: path, row: nil, rule: "FILE_UNWRITABLE", message: .cannotWrite(error.localizedDescription))
        }
    }

    /// Read and write for the owner only: the mode of every file that holds full ID numbers.
    public static let ownerOnlyMode: mode_t = 0o600

    /// Makes the file at `path` readable and writable by its owner only, whatever the umask;
    /// a file system that keeps no permissions (FAT, some network shares) is left as it is.
    public static func restrict(_ path: String, mode: mode_t = ownerOnlyMode) throws {
        guard chmod(path, mode) == 0 else {
            if errno == EPERM || errno == ENOTSUP || errno == EROFS { return }
            throw CocoaError(.fileWriteNoPermission)
        }
    }

    /// Keeps outputs off the database at `path` (and its `-wal` and `-shm`) for as long as the
    /// returned value lives.
    public static func protect(databaseAt path: String) -> Protection { Protection(path) }

    /// A database no output may replace while this lives.
    public final class Protection: Sendable {
        let path: String

        init(_ path: String) {
            self.path = path
            Protected.shared.add(path)
        }

        deinit { Protected.shared.remove(path) }
    }

    /// Refuses `path` when it is the open database or its `-wal` or `-shm`, however it is
    /// spelled: through symbolic links, `./` and `../`, or (for a file that exists) any other
    /// name of the same file, compared by device and inode.
    static func refuseProtected(_ path: String) throws(RowProblem) {
        for database in Protected.shared.paths where FileIdentity.sameFile(path, asAnyOf: FileIdentity.databaseFiles(database)) {
            throw RowProblem(file: path, row: nil, rule: "OUTPUT_IS_DATABASE", message: .outputIsDatabase(database))
        }
    }

    private final class Protected: @unchecked Sendable {
        static let shared = Protected()
        private let lock = NSLock()
        private var counts: [String: Int] = [:]

        func add(_ path: String) { lock.withLock { counts[path, default: 0] += 1 } }

        func remove(_ path: String) {
            lock.withLock {
                counts[path, default: 1] -= 1
                if counts[path] == 0 { counts[path] = nil }
            }
        }

        var paths: [String] { lock.withLock { Array(counts.keys) } }
    }
}

/// Whether two paths name the same file.
enum FileIdentity {
    /// The database file and the files SQLite keeps beside it, by the name given and by its
    /// real path (SQLite names them after the file a symbolic link leads to).
    static func databaseFiles(_ path: String) -> [String] {
        let real = canonical(path)
        return [path, path + "-wal", path + "-shm", real + "-wal", real + "-shm"]
    }

    static func sameFile(_ path: String, asAnyOf others: [String]) -> Bool {
        let name = canonical(path)
        let node = inode(path)
        return others.contains { other in
            if let node, let otherNode = inode(other) { return node == otherNode }
            return name == canonical(other)
        }
    }

    /// The absolute path with every symbolic link, `.` and `..` resolved; for a file that does
    /// not exist yet, its directory's real path and its name.
    static func canonical(_ path: String) -> String {
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
        if let real = realPath(absolute) { return real }
        let directory = (absolute as NSString).deletingLastPathComponent
        let base = realPath(directory) ?? directory
        return (base as NSString).appendingPathComponent((absolute as NSString).lastPathComponent)
    }

    private static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    private struct Node: Equatable {
        var device: UInt64
        var inode: UInt64
    }

    private static func inode(_ path: String) -> Node? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return Node(device: UInt64(info.st_dev), inode: UInt64(info.st_ino))
    }
}
