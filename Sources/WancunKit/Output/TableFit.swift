/// Which columns of an aligned table are shown, and how wide each is, so that the table fits
/// `width` display columns: long text is cut to 40 columns, then `detail` columns are left
/// out from the right, text cut to 24, `main` columns left out from the right, text cut to
/// 12; what room is left is shared out again among the text that was cut. A column holds
/// text that may be cut when one of its cells has a space, a comma or a character outside
/// ASCII (a name, a reason, a list); codes, dates, numbers and ID numbers are never cut. A column is never
/// narrower than its header.
struct TableFit {
    /// The indexes of the columns shown, in order.
    private(set) var shown: [Int]
    /// The width of each column shown.
    private(set) var widths: [Int]
    /// The indexes of the columns left out.
    private(set) var leftOut: [Int] = []

    init(columns: [Table.Column], headers: [String], body: [[String]], width: Int?) {
        let natural = columns.indices.map { index in
            body.reduce(DisplayWidth.of(headers[index])) { max($0, DisplayWidth.of($1[index])) }
        }
        shown = Array(columns.indices)
        widths = natural
        guard let width else { return }
        let floor = headers.map(DisplayWidth.of)
        let cuttable = columns.indices.map { index in body.contains { Self.isProse($0[index]) } }
        var current = natural
        var kept = Array(columns.indices)
        var dropped: [Int] = []
        func total() -> Int { kept.reduce(2 * max(kept.count - 1, 0)) { $0 + current[$1] } }
        func cap(_ limit: Int) {
            for index in columns.indices where cuttable[index] { current[index] = min(current[index], max(limit, floor[index])) }
        }
        func leaveOut(_ use: Table.Use) {
            for index in kept.reversed() where columns[index].use == use && total() > width && kept.count > 1 {
                kept.removeAll { $0 == index }
                dropped.insert(index, at: 0)
            }
        }
        let steps: [() -> Void] = [{ cap(40) }, { leaveOut(.detail) }, { cap(24) }, { leaveOut(.main) }, { cap(12) }]
        for step in steps where total() > width { step() }
        var room = width - total()
        var short = kept.filter { current[$0] < natural[$0] }
        while room > 0 && !short.isEmpty {
            for index in short where room > 0 {
                current[index] += 1
                room -= 1
            }
            short.removeAll { current[$0] == natural[$0] }
        }
        shown = kept
        leftOut = dropped.sorted()
        widths = kept.map { current[$0] }
    }

    /// Text people read (with a space, a comma or a character outside ASCII), which may be cut.
    static func isProse(_ text: String) -> Bool {
        text.unicodeScalars.contains { !$0.isASCII || $0 == " " || $0 == "," }
    }
}

extension DisplayWidth {
    /// `text` within `width` display columns: cut at a whole character, ending in "…".
    public static func cut(_ text: String, to width: Int) -> String {
        guard of(text) > width else { return text }
        var out = ""
        var used = 0
        for character in text {
            let w = of(String(character))
            if used + w > width - 1 { break }
            out.append(character)
            used += w
        }
        return out + "…"
    }

    /// A SHA-256 or other hash (40 or more hexadecimal digits) shortened to its first 12, as
    /// a terminal shows it; anything else as it is.
    public static func shortHash(_ text: String) -> String {
        guard text.utf8.count >= 40, text.utf8.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x61 && $0 <= 0x66) }) else { return text }
        return String(text.prefix(12))
    }
}
