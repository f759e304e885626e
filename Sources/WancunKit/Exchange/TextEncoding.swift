import Foundation

/// The encodings users' CSV files come in: UTF-8 (with or without a byte-order mark) and
/// GB18030, which Chinese Excel writes unless "CSV UTF-8" was chosen.
public enum TextEncoding: String, Sendable {
    case utf8 = "UTF-8"
    case utf8BOM = "UTF-8 BOM"
    case gb18030 = "GB18030"

    static let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
    static let foundationGB18030 = String.Encoding(rawValue: 0x8000_0632)

    /// Guesses from the first bytes of a file: a BOM means UTF-8; bytes that are valid UTF-8
    /// (a sequence cut at the end of the sample allowed) mean UTF-8; anything else GB18030.
    static func detect(_ sample: ArraySlice<UInt8>) -> TextEncoding {
        if sample.starts(with: bom) { return .utf8BOM }
        var iterator = sample.makeIterator()
        var decoder = UTF8()
        var consumed = 0
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar): consumed += scalar.utf8Length
            case .emptyInput: return .utf8
            case .error:
                // An error in the last three bytes may be a sequence cut by the sample's end.
                return sample.count - consumed <= 3 ? .utf8 : .gb18030
            }
        }
    }

    /// Decodes one field; nil when its bytes are not valid in this encoding.
    func decode(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        if self == .gb18030 && bytes.contains(where: { $0 >= 0x80 }) {
            return String(data: Data(bytes), encoding: TextEncoding.foundationGB18030)
        }
        return TextEncoding.utf8(bytes)
    }

    /// The bytes as UTF-8 text, nil when they are not valid UTF-8. `String(validating:as:)` is
    /// generic and looks up its encoding's metadata on every call (a quarter of reading a CSV);
    /// decoding repairs each invalid sequence with U+FFFD, so valid bytes are exactly those
    /// that decode to themselves.
    static func utf8(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        var text = String(decoding: bytes, as: UTF8.self)
        let same = text.withUTF8 { decoded in
            decoded.count == bytes.count && (bytes.isEmpty || memcmp(decoded.baseAddress!, bytes.baseAddress!, bytes.count) == 0)
        }
        return same ? text : nil
    }
}

extension Unicode.Scalar {
    fileprivate var utf8Length: Int {
        switch value {
        case 0..<0x80: 1
        case 0x80..<0x800: 2
        case 0x800..<0x10000: 3
        default: 4
        }
    }
}
