import Foundation

/// The rows a reader gave, kept in a compact file of their own while a command runs, so that
/// a copy of the file (`AnnotatedCopy`) is written from the rows already read and never by
/// reading the file again. Rows go in as the import reads them (`SpoolingSource`); the spool
/// knows the widest row, and whether the rows ended as the file did or at a problem.
///
/// The file lives in a folder of the user's own in the temporary folder, readable by its owner
/// only (its cells may hold full ID numbers), named `wancun-….partial-rows-PID` so that one left by a process that
/// died is swept (`FileOutput.sweepStale`); it is removed when replaced, when a newer spool
/// pushes it out, and when the process ends.
///
/// Each row is its cell count, then each cell's byte count and UTF-8 bytes (counts as 4 bytes,
/// little-endian).
final class RowSpool: @unchecked Sendable {
    let path: String
    private(set) var width = 0
    private(set) var rows = 0
    /// Set once the rows have ended: nil when they ended with the file, else the problem that ended them.
    private(set) var ending: Result<Void, RowProblem>?
    private var descriptor: Int32
    private var pending: [UInt8] = []
    private var failed = false

    init?() {
        // A folder of the user's own, so that nobody else can see even the spool's name.
        let folder = (NSTemporaryDirectory() as NSString).appendingPathComponent("wancun-rows-\(getuid())")
        if mkdir(folder, 0o700) != 0 && errno != EEXIST { return nil }
        var info = stat()
        guard lstat(folder, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR, info.st_uid == getuid(), info.st_mode & 0o077 == 0 else {
            return nil
        }
        FileOutput.sweepStale(beside: (folder as NSString).appendingPathComponent("wancun"))
        path = FileOutput.temporaryPath(for: (folder as NSString).appendingPathComponent("wancun-\(UUID().uuidString)"), "partial-rows")
        descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, FileOutput.ownerOnlyMode)
        guard descriptor >= 0 else { return nil }
        pending.reserveCapacity(1 << 20)
    }

    deinit {
        if descriptor >= 0 { close(descriptor) }
        unlink(path)
    }

    func append(_ cells: [String]) {
        guard !failed else { return }
        rows += 1
        width = max(width, cells.count)
        put(UInt32(cells.count))
        for var cell in cells {
            cell.withUTF8 { bytes in
                put(UInt32(bytes.count))
                pending.append(contentsOf: bytes)
            }
        }
        if pending.count >= 1 << 20 { drain() }
    }

    private func put(_ value: UInt32) {
        withUnsafeBytes(of: value.littleEndian) { pending.append(contentsOf: $0) }
    }

    private func drain() {
        var done = 0
        pending.withUnsafeBytes { bytes in
            while done < bytes.count {
                let wrote = write(descriptor, bytes.baseAddress! + done, bytes.count - done)
                if wrote <= 0 {
                    failed = true
                    return
                }
                done += wrote
            }
        }
        pending.removeAll(keepingCapacity: true)
    }

    /// The rows have ended, with the file or at `problem`.
    func end(_ problem: RowProblem?) {
        guard ending == nil else { return }
        drain()
        close(descriptor)
        descriptor = -1
        pending = []
        ending = problem.map { .failure($0) } ?? .success(())
    }

    /// Whether the spool holds every row the reader gave, up to its end.
    var usable: Bool { ending != nil && !failed }

    /// Reads the rows back in order, one at a time.
    final class Reader {
        private let handle: FileHandle
        private var buffer: [UInt8] = []
        private var position = 0
        /// Where the row being read starts: bytes before it may be let go, not after.
        private var rowStart = 0
        private var atEnd = false

        init?(_ spool: RowSpool) {
            guard spool.usable, let handle = FileHandle(forReadingAtPath: spool.path) else { return nil }
            self.handle = handle
        }

        deinit { try? handle.close() }

        /// Makes `count` more bytes ready; false when the spool ends first.
        private func need(_ count: Int) -> Bool {
            while buffer.count - position < count {
                guard !atEnd else { return false }
                if rowStart > 0 {
                    buffer.removeFirst(rowStart)
                    position -= rowStart
                    rowStart = 0
                }
                let more = (try? handle.read(upToCount: max(1 << 20, count))) ?? Data()
                if more.isEmpty { atEnd = true }
                buffer.append(contentsOf: more)
            }
            return true
        }

        private func take() -> Int {
            let value = buffer.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: position, as: UInt32.self) }
            position += 4
            return Int(UInt32(littleEndian: value))
        }

        /// The next row's cells, or nil after the last.
        func next() -> [String]? {
            rowStart = position
            guard need(4) else { return nil }
            let count = take()
            var cells: [String] = []
            cells.reserveCapacity(count)
            for _ in 0..<count {
                guard need(4) else { return nil }
                let length = take()
                guard need(length) else { return nil }
                cells.append(buffer.withUnsafeBufferPointer { String(decoding: $0[position..<(position + length)], as: UTF8.self) })
                position += length
            }
            return cells
        }

        /// The next row's cells as UTF-8 bytes, given to `body` (valid only inside it), without
        /// making a string of each; false after the last row.
        func nextRow(_ body: ([UnsafeBufferPointer<UInt8>]) throws(RowProblem) -> Void) throws(RowProblem) -> Bool {
            rowStart = position
            guard need(4) else { return false }
            let count = take()
            // Each cell's place from the row's start: reading on may move the row in the buffer.
            var places: [Range<Int>] = []
            places.reserveCapacity(count)
            for _ in 0..<count {
                guard need(4) else { return false }
                let length = take()
                guard need(length) else { return false }
                places.append((position - rowStart)..<(position - rowStart + length))
                position += length
            }
            let start = rowStart
            return try buffer.withUnsafeBufferPointer { (bytes) throws(RowProblem) -> Bool in
                try body(places.map { UnsafeBufferPointer(rebasing: bytes[(start + $0.lowerBound)..<(start + $0.upperBound)]) })
                return true
            }
        }
    }
}

extension RowSpool {
    private static let lock = NSLock()
    /// The latest spools, by file and sheet read, newest last; a few are kept.
    nonisolated(unsafe) private static var recent: [(key: String, spool: RowSpool)] = []
    private static let kept = 4

    static func key(_ path: String, _ sheet: String?) -> String { FileIdentity.canonical(path) + "\u{0}" + (sheet ?? "") }

    /// Keeps `spool` as what was read of `path` (its `sheet`), in place of any earlier one.
    static func record(_ spool: RowSpool, path: String, sheet: String?) {
        let key = key(path, sheet)
        var dropped: [RowSpool] = []
        lock.lock()
        if recent.isEmpty { atexit { RowSpool.removeAll() } }
        recent.removeAll { entry in
            guard entry.key == key else { return false }
            dropped.append(entry.spool)
            return true
        }
        recent.append((key, spool))
        if recent.count > kept { dropped.append(recent.removeFirst().spool) }
        lock.unlock()
        withExtendedLifetime(dropped) {}
    }

    /// The rows last read of `path` (its `sheet`), when they were read to their end.
    static func latest(path: String, sheet: String?) -> RowSpool? {
        let key = key(path, sheet)
        lock.lock()
        defer { lock.unlock() }
        return recent.last { $0.key == key && $0.spool.usable }?.spool
    }

    private static func removeAll() {
        lock.lock()
        let all = recent
        recent = []
        lock.unlock()
        for entry in all { unlink(entry.spool.path) }
    }
}

/// A row source that keeps every row it gives in a `RowSpool`, for a copy written afterwards.
final class SpoolingSource: RowSource {
    private let source: any RowSource
    private let spool: RowSpool

    /// `source`, its rows kept as what was read of `path` (its `sheet`); `source` itself when
    /// no spool can be made.
    static func wrap(_ source: any RowSource, path: String, sheet: String?) -> any RowSource {
        guard let spool = RowSpool() else { return source }
        RowSpool.record(spool, path: path, sheet: sheet)
        return SpoolingSource(source, spool)
    }

    private init(_ source: any RowSource, _ spool: RowSpool) {
        self.source = source
        self.spool = spool
    }

    var path: String { source.path }
    var fractionRead: Double { source.fractionRead }

    func next() throws(RowProblem) -> SourceRow? {
        do {
            guard let row = try source.next() else {
                spool.end(nil)
                return nil
            }
            spool.append(row.cells)
            return row
        } catch {
            spool.end(error)
            throw error
        }
    }
}
