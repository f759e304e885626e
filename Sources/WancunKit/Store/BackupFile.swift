import Foundation

/// How a copy of the database (a backup, or a new database `init` sets up) reaches its name:
/// written whole beside it under a temporary name, checked, flushed to disk, then linked to its
/// name in one step, so a copy that is cut short never sits under the name and never looks like one.
///
/// The temporary name is `<target>.partial-<pid>` (`FileOutput.temporaryPath`); the next file
/// written into the folder removes those whose process has ended, with their `-journal`,
/// `-wal` and `-shm` (`FileOutput.sweepStale`).
enum BackupFile {
    /// Removes the temporary file and what SQLite kept beside it.
    static func remove(_ partial: String) {
        for suffix in ["", "-journal", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: partial + suffix) }
    }

    /// A new empty file, readable by its owner only; refuses one that exists.
    static func createOwnerOnly(_ path: String) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL, FileOutput.ownerOnlyMode)
        guard descriptor >= 0 else { throw StoreError.sqlite(path: path, code: errno, detail: String(cString: strerror(errno))) }
        close(descriptor)
        try FileOutput.restrict(path)
    }

    /// Gives the finished, flushed copy its name (never replacing a file made there
    /// meanwhile), and flushes the directory so the name survives a power cut.
    static func place(_ partial: String, at target: String) throws {
        if link(partial, target) == 0 {
            unlink(partial)
        } else if errno == EEXIST {
            throw StoreError.backupExists(path: target)
        } else {
            // A file system without hard links (FAT, exFAT on a USB stick): rename, after looking.
            if FileManager.default.fileExists(atPath: target) { throw StoreError.backupExists(path: target) }
            guard rename(partial, target) == 0 else {
                throw StoreError.sqlite(path: target, code: errno, detail: String(cString: strerror(errno)))
            }
        }
        syncDirectory(of: target)
    }

    /// Flushes the directory holding `path`, so a name just given survives a power cut.
    static func syncDirectory(of path: String) {
        try? sync(URL(fileURLWithPath: path).deletingLastPathComponent().path)
    }

    static func sync(_ path: String) throws {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { throw StoreError.sqlite(path: path, code: errno, detail: String(cString: strerror(errno))) }
        defer { close(descriptor) }
        guard fsync(descriptor) == 0 else { throw StoreError.sqlite(path: path, code: errno, detail: String(cString: strerror(errno))) }
    }
}
