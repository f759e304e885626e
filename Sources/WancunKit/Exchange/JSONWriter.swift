/// Writes compact JSON straight into UTF-8 bytes: what `JSONValue.compact()` uses, and what
/// code that writes thousands of small documents (a month's subsidy run) calls directly.
public struct JSONWriter {
    public private(set) var bytes: [UInt8] = []
    private var needsComma: [Bool] = [false]

    public init(capacity: Int = 256) { bytes.reserveCapacity(capacity) }

    public var text: String { String(decoding: bytes, as: UTF8.self) }

    /// Empties the writer, keeping its buffer.
    public mutating func reset() {
        bytes.removeAll(keepingCapacity: true)
        // Its storage kept too: an import resets its writers on every row.
        needsComma.removeAll(keepingCapacity: true)
        needsComma.append(false)
        keyPending = false
    }

    private mutating func separate() {
        if needsComma[needsComma.count - 1] { bytes.append(0x2C) }
        needsComma[needsComma.count - 1] = true
    }

    public mutating func beginObject() { open(0x7B) }
    public mutating func endObject() { close(0x7D) }
    public mutating func beginArray() { open(0x5B) }
    public mutating func endArray() { close(0x5D) }

    private mutating func open(_ bracket: UInt8) {
        value { $0.bytes.append(bracket) }
        needsComma.append(false)
    }

    private mutating func close(_ bracket: UInt8) {
        needsComma.removeLast()
        bytes.append(bracket)
    }

    /// A key inside an object; the value written next belongs to it.
    public mutating func key(_ key: String) {
        separate()
        quote(key)
        bytes.append(0x3A)
        needsComma[needsComma.count - 1] = false
        keyPending = true
    }

    private var keyPending = false

    private mutating func value(_ write: (inout JSONWriter) -> Void) {
        if keyPending {
            keyPending = false
            needsComma[needsComma.count - 1] = true
        } else {
            separate()
        }
        write(&self)
    }

    public mutating func string(_ s: String) { value { $0.quote(s) } }
    public mutating func number(_ n: String) { value { $0.bytes.append(contentsOf: n.utf8) } }
    public mutating func number(_ n: Int) { number(String(n)) }
    public mutating func bool(_ b: Bool) { value { $0.bytes.append(contentsOf: (b ? "true" : "false").utf8) } }
    public mutating func null() { value { $0.bytes.append(contentsOf: "null".utf8) } }

    /// `"key":"value"` in one call.
    public mutating func field(_ k: String, _ s: String) {
        key(k)
        string(s)
    }

    private mutating func quote(_ s: String) {
        bytes.append(0x22)
        // Most text has nothing to escape: copy it whole, from its contiguous UTF-8 when it has it.
        let copied = s.utf8.withContiguousStorageIfAvailable { utf8 in
            if utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }) { return false }
            bytes.append(contentsOf: utf8)
            return true
        }
        if copied == true {
            bytes.append(0x22)
            return
        }
        for byte in s.utf8 {
            switch byte {
            case 0x22: bytes.append(contentsOf: [0x5C, 0x22])
            case 0x5C: bytes.append(contentsOf: [0x5C, 0x5C])
            case 0x0A: bytes.append(contentsOf: [0x5C, 0x6E])
            case 0x0D: bytes.append(contentsOf: [0x5C, 0x72])
            case 0x09: bytes.append(contentsOf: [0x5C, 0x74])
            case ..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                bytes.append(contentsOf: [0x5C, 0x75, 0x30, 0x30, hex[Int(byte >> 4)], hex[Int(byte & 0xF)]])
            default: bytes.append(byte)
            }
        }
        bytes.append(0x22)
    }
}
