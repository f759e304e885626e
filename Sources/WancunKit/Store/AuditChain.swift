import Crypto
import Foundation
import GRDB

/// The audit trail as a hash chain: each line stores `hash`, the SHA-256 (lowercase hex) of
/// the previous line's hash (its 64 hex characters as ASCII; `genesis` before the first line)
/// followed by the line's canonical content. An edit, a deletion or a line slipped in breaks
/// the chain from there on; a rewrite of the whole chain changes the head, which rosters,
/// reconciliation reports and backups record for comparison with the paper copy.
///
/// The canonical content is the ten columns `id, at, clerk, action, division_code,
/// point_code, operator_id_number, before, after, reason`, in that order, each as a netstring
/// of its UTF-8 bytes (`<byte count in decimal>:<bytes>,`) or `~` when NULL; `id` as its
/// decimal digits. So the line `id 7, at 2026-11-26T09:00:00+08:00, clerk 张三, action
/// point.add, point_code 330424101201001`, the rest NULL, is
/// `1:7,25:2026-11-26T09:00:00+08:00,6:张三,9:point.add,~15:330424101201001,~~~~`.
/// This form is frozen: migration v8 computes the first hashes with its own copy of it.
enum AuditChain {
    /// The previous hash of the first line.
    static let genesis = [UInt8](repeating: UInt8(ascii: "0"), count: 64)

    /// The append-only triggers, as the schema must hold them (`sqlite_schema.sql`); a write
    /// is refused when one is missing or different.
    static let triggers: [(name: String, sql: String)] = [
        ("audit_no_delete", "CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit\n  BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END"),
        ("audit_no_update", "CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit\n  BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END"),
    ]

    /// The line's canonical content (see the type's summary).
    static func canonical(id: Int64, _ fields: [[UInt8]?]) -> [UInt8] {
        var out = Canonical()
        out.start(id: id)
        for field in fields { out.field(bytes: field) }
        return out.bytes
    }

    /// Writes a line's canonical content field by field into one buffer, kept from line to line.
    struct Canonical {
        private(set) var bytes: [UInt8] = []

        /// Empties the buffer (keeping its storage) and writes the line's id.
        mutating func start(id: Int64) {
            bytes.removeAll(keepingCapacity: true)
            netstring(length: decimalCount(id))
            decimal(id)
            bytes.append(UInt8(ascii: ","))
        }

        mutating func field(_ text: String?) {
            guard var text else { return bytes.append(UInt8(ascii: "~")) }
            text.withUTF8 { netstring($0) }
        }

        mutating func field(bytes field: [UInt8]?) {
            guard let field else { return bytes.append(UInt8(ascii: "~")) }
            field.withUnsafeBufferPointer { netstring($0) }
        }

        private mutating func netstring(_ utf8: UnsafeBufferPointer<UInt8>) {
            netstring(length: utf8.count)
            bytes.append(contentsOf: utf8)
            bytes.append(UInt8(ascii: ","))
        }

        /// `<count>:`
        private mutating func netstring(length: Int) {
            decimal(Int64(length))
            bytes.append(UInt8(ascii: ":"))
        }

        private func decimalCount(_ n: Int64) -> Int {
            var count = n < 0 ? 2 : 1
            var rest = n.magnitude / 10
            while rest > 0 {
                count += 1
                rest /= 10
            }
            return count
        }

        private mutating func decimal(_ n: Int64) {
            if n < 0 { bytes.append(UInt8(ascii: "-")) }
            let start = bytes.count
            var rest = n.magnitude
            repeat {
                bytes.append(UInt8(ascii: "0") + UInt8(rest % 10))
                rest /= 10
            } while rest > 0
            bytes[start...].reverse()
        }
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// The line's hash, as 64 lowercase hex characters in ASCII.
    static func hash(previous: [UInt8], canonical: [UInt8]) -> [UInt8] {
        // The bytes in place, not through `DataProtocol`'s regions: an import hashes a line per row.
        var hasher = SHA256()
        previous.withUnsafeBytes { hasher.update(bufferPointer: $0) }
        canonical.withUnsafeBytes { hasher.update(bufferPointer: $0) }
        return hasher.finalize().withUnsafeBytes { digest in
            [UInt8](unsafeUninitializedCapacity: 64) { out, count in
                for (i, byte) in digest.enumerated() {
                    out[2 * i] = hexDigits[Int(byte >> 4)]
                    out[2 * i + 1] = hexDigits[Int(byte & 0x0F)]
                }
                count = 64
            }
        }
    }

    /// The chain's head as the last line written with it left it, so that an import writing a
    /// line per row need not read the head back for each. A line written without it since (any
    /// line in the process counts: `written`), or a rollback (`forget`), has it read again.
    final class Memo {
        private var head: (id: Int64, hash: [UInt8], stamp: Int)?
        /// The buffer the last line's canonical content was written into, for the next.
        private var canonical = Canonical()

        func forget() { head = nil }

        func takeCanonical() -> Canonical {
            defer { canonical = Canonical() }
            return canonical
        }

        func keepCanonical(_ buffer: Canonical) { canonical = buffer }

        /// The last line's id and hash: as remembered, when no line was written since.
        func last(_ db: Database) throws -> (id: Int64, hash: [UInt8])? {
            if let head, head.stamp == AuditChain.written.current { return (head.id, head.hash) }
            return try AuditChain.last(db)
        }

        fileprivate func remember(id: Int64, hash: [UInt8], stamp: Int) { head = (id, hash, stamp) }
    }

    /// Counts a line just written, and has `memo` (if any) remember it as the head.
    static func wrote(id: Int64, hash: [UInt8], memo: Memo?) {
        let stamp = written.next()
        memo?.remember(id: id, hash: hash, stamp: stamp)
    }

    /// Lines written by this process, as a stamp for `Memo`.
    private static let written = LineCount()

    private final class LineCount: @unchecked Sendable {
        private let lock = NSLock()
        private var count = 0

        var current: Int { lock.withLock { count } }

        func next() -> Int {
            lock.withLock {
                count += 1
                return count
            }
        }
    }

    /// The last line's id and hash, if the trail has any line.
    static func last(_ db: Database) throws -> (id: Int64, hash: [UInt8])? {
        try db.cachedStatement(sql: "SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1").firstRow({ _ in }) { row in
            let id: Int64? = row[0, "id"]
            let hash: String? = row[1, "hash"]
            return (id ?? 0, Array((hash ?? "").utf8))
        }
    }

    /// The append-only triggers missing or changed, by name.
    static func missingTriggers(_ db: Database) throws -> [String] {
        let present = try Row.fetchAll(db, sql: "SELECT name, sql FROM sqlite_schema WHERE type = 'trigger' AND tbl_name = 'audit'")
        let found = Dictionary(present.map { ($0["name"] as String, $0["sql"] as String? ?? "") }, uniquingKeysWith: { a, _ in a })
        return triggers.filter { found[$0.name] != $0.sql }.map(\.name)
    }

    /// Refuses a write to a database whose audit trail is no longer append-only.
    static func requireProtection(_ db: Database) throws {
        if let name = try missingTriggers(db).first { throw StoreError.auditUnprotected(trigger: name) }
    }
}

/// The newest line of the audit trail: what a roster, a report or a backup records.
public struct AuditHead: Sendable, Equatable {
    public var id: Int64
    public var hash: String

    /// `#id hash`, as printed and stored in manifests.
    public var text: String { "#\(id) \(hash)" }

    public var json: JSONValue { .object([("id", .number(String(id))), ("hash", .string(hash))]) }
}

/// What `audit verify` found wrong.
public enum AuditDamage: Sendable, Equatable {
    /// An append-only trigger was dropped or replaced.
    case triggerMissing(String)
    /// Lines `from…to` are missing before line `to + 1`.
    case linesMissing(from: Int64, to: Int64)
    /// The line's content or hash does not follow from the line before (edited, or a line
    /// before it was replaced).
    case lineBroken(id: Int64)
}

extension AppDatabase {
    /// The newest audit line's id and hash; nil for an empty trail.
    public func auditChainHead() throws -> AuditHead? {
        try read { db in try AuditChain.last(db).map { AuditHead(id: $0.id, hash: String(decoding: $0.hash, as: UTF8.self)) } }
    }

    /// Walks the whole chain: the triggers missing, and the first line where the chain breaks,
    /// if any. Empty when the trail is intact.
    public func auditChainProblems() throws -> [AuditDamage] {
        try read { db in
            var damage = try AuditChain.missingTriggers(db).map(AuditDamage.triggerMissing)
            var previous = AuditChain.genesis
            var previousID: Int64 = 0
            let rows = try Row.fetchCursor(
                db,
                sql: """
                    SELECT id, at, clerk, action, division_code, point_code, operator_id_number, before, after, reason, hash
                    FROM audit ORDER BY id
                    """)
            while let row = try rows.next() {
                let id: Int64 = row[0]
                if id != previousID + 1 {
                    damage.append(.linesMissing(from: previousID + 1, to: id - 1))
                    break
                }
                let fields: [[UInt8]?] = (1...9).map { (row[$0] as String?).map { Array($0.utf8) } }
                let hash = AuditChain.hash(previous: previous, canonical: AuditChain.canonical(id: id, fields))
                guard let stored = row[10] as String?, Array(stored.utf8) == hash else {
                    damage.append(.lineBroken(id: id))
                    break
                }
                previous = hash
                previousID = id
            }
            return damage
        }
    }
}
