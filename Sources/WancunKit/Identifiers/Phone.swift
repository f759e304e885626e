/// A mainland mobile phone number: 11 digits starting `13`…`19`.
public struct Phone: Hashable, Sendable, CustomStringConvertible {
    public let rawValue: String

    public init(parsing input: String) throws(ValueError) {
        // On UTF-8 bytes, as for ID numbers: an import checks one phone per row.
        var bytes = Normalize.spreadsheetText(input).utf8.filter { $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: "-") }
        if bytes.starts(with: "+86".utf8) { bytes.removeFirst(3) }
        if bytes.isEmpty { throw .empty }
        guard bytes.count == 11, bytes.allSatisfy({ (0x30...0x39).contains($0) }), bytes[0] == UInt8(ascii: "1"),
            (UInt8(ascii: "3")...UInt8(ascii: "9")).contains(bytes[1])
        else { throw .phone }
        self.rawValue = String(decoding: bytes, as: UTF8.self)
    }

    /// `138****5678`.
    public var masked: String { Mask.phone(rawValue) }

    public var description: String { masked }
}
