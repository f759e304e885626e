import Crypto

/// A SHA-256 digest over every cell of a file as read, so that two readers can show they read
/// the same text: each row's cells in UTF-8, up to its last non-empty one, joined by U+001F and
/// each row ended by U+001E. In Python, for rows of strings:
/// `h.update(("\x1f".join(row).rstrip("\x1f") + "\x1e").encode())`.
public struct RowDigest {
    private var hasher = SHA256()
    private var pending: [UInt8] = []

    public init() { pending.reserveCapacity(1 << 16) }

    public mutating func add(_ cells: [String]) {
        var last = cells.count - 1
        while last >= 0 && cells[last].isEmpty { last -= 1 }
        if last >= 0 {
            for index in 0...last {
                if index > 0 { pending.append(0x1F) }
                var cell = cells[index]
                cell.withUTF8 { pending.append(contentsOf: $0) }
            }
        }
        pending.append(0x1E)
        if pending.count >= 1 << 16 { drain() }
    }

    private mutating func drain() {
        hasher.update(data: pending)
        pending.removeAll(keepingCapacity: true)
    }

    /// The digest as lowercase hex.
    public mutating func finish() -> String {
        drain()
        return Digest.hex(hasher.finalize())
    }
}
