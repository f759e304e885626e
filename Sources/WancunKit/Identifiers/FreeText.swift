/// Names and addresses people type: what they may hold and how long they may be.
///
/// Refused anywhere in them: control characters (line breaks, tabs, the escape that starts a
/// terminal's colour codes) and the characters that turn the direction of text (U+202A–202E,
/// U+2066–2069, U+200E, U+200F, U+061C), which make a name look like another in a list or a
/// duplicate check. A name's middle dot (买买提·艾力) is U+00B7; its look-alikes U+2022, U+2027,
/// U+30FB and U+FF65 become U+00B7, so that the same name is always written the same way.
public enum FreeText {
    public enum Kind: Sendable {
        case personName, pointName, businessName, address

        /// The most characters it may have.
        public var limit: Int {
            switch self {
            case .personName: 40
            case .pointName, .businessName: 60
            case .address: 200
            }
        }
    }

    /// The text as kept (`Normalize.spreadsheetText`, names' middle dots as U+00B7), or the rule
    /// it breaks. Empty text is returned empty: whether it is required is the caller's rule.
    public static func check(_ text: String, as kind: Kind) throws(ValueError) -> String {
        var value = Normalize.spreadsheetText(text)
        // Most names are plain: printable ASCII and CJK only need the length counted.
        if value.unicodeScalars.contains(where: {
            $0.value < 0x20 || ($0.value >= 0x7F && $0.value < 0x3000) || $0.value == 0x30FB || $0.value >= 0xFF00
        }) {
            var scalars = String.UnicodeScalarView()
            for scalar in value.unicodeScalars {
                if scalar.properties.generalCategory == .control { throw .controlCharacter }
                if scalar.properties.isBidiControl { throw .bidiControl }
                let isDotLookAlike = [0x2022, 0x2027, 0x30FB, 0xFF65].contains(scalar.value)
                scalars.append(kind != .address && isDotLookAlike ? "\u{00B7}" : scalar)
            }
            value = String(scalars)
        }
        if value.count > kind.limit { throw .tooLong(limit: kind.limit, count: value.count) }
        return value
    }
}
