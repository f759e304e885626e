import Testing

@testable import WancunKit

/// The writer's byte-level escaping and white-space test agree with what XML asks, scalar by scalar.
@Suite struct XLSXEscapeTests {
    /// The rule, written out by scalar: the five XML specials, the control characters XML 1.0
    /// cannot hold dropped (but tab, line feed and carriage return), U+FFFE and U+FFFF dropped.
    static func reference(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            case _ where scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF: continue
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    static let samples = [
        "", "海盐县", "A&B <c> \"d\"", "tab\there", "line\nbreak", "\u{1}\u{8}\u{B}\u{1F}x", "\u{FFFE}\u{FFFF}\u{FFFD}\u{FFEF}",
        "\u{EFBF}", "ends with \u{FFFE}", "😀&😀", "\r\n", "'单引号'", "&amp;",
    ]

    @Test(arguments: samples)
    func escapingMatchesTheRuleScalarByScalar(_ text: String) {
        #expect(XLSXWriter.escape(text) == Self.reference(text))
        var bytes = Array("prefix".utf8)
        XLSXWriter.escape(text, into: &bytes)
        #expect(bytes == Array(("prefix" + Self.reference(text)).utf8))
    }

    @Test func whiteSpaceAtEitherEndOrALineBreakIsPreserved() {
        for text in [" a", "a ", "\ta", "a\n", "a\nb", "\u{3000}全角", "全角\u{3000}", "\u{A0}x", "a\r\nb"] {
            #expect(XLSXWriter.SharedStrings.preserves(text), "\(text.debugDescription)")
        }
        for text in ["", "a", "海盐县", "a b", "全\u{3000}角"] {
            #expect(!XLSXWriter.SharedStrings.preserves(text), "\(text.debugDescription)")
        }
    }
}
