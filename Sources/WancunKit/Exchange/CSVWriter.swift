import Foundation

/// Writes CSV as Excel reads it best: UTF-8 with a byte-order mark, `\r\n` line ends, and
/// quotes only where a cell needs them.
public struct CSVWriter {
    public private(set) var data = Data(TextEncoding.bom)
    /// For a large file: a temporary file beside the destination that takes the rows as they
    /// come, so that they are never all in memory.
    private var spill: (handle: FileHandle, path: String)?

    public init() {}

    /// A writer for a file that may be too large to hold: rows go to a temporary file beside
    /// `path`, which replaces `path` in `write(to:)`.
    /// `ownerOnly`: the file is readable by its owner only from the moment it is created.
    public init(streamingBeside path: String, ownerOnly: Bool = false) throws(RowProblem) {
        try FileOutput.admit(path)
        let temporary = FileOutput.temporaryPath(for: path)
        guard FileManager.default.createFile(atPath: temporary, contents: nil),
            (try? ownerOnly ? FileOutput.restrict(temporary) : ()) != nil,
            let handle = FileHandle(forWritingAtPath: temporary)
        else {
            throw RowProblem(file: path, row: nil, rule: "FILE_UNWRITABLE", message: .cannotWrite(temporary))
        }
        spill = (handle, temporary)
    }

    public mutating func append(_ cells: [String]) {
        // On UTF-8 bytes: looking for quotes Character by Character cost more than the rest.
        var line: [UInt8] = []
        line.reserveCapacity(256)
        for (index, cell) in cells.enumerated() {
            if index > 0 { line.append(UInt8(ascii: ",")) }
            Self.put(cell.utf8, into: &line)
        }
        end(line)
    }

    /// A row of text cells given as UTF-8 bytes, each kept from being read as a formula
    /// (`FormulaText`), as `append(_:)` writes `SheetCell.text` cells: for a copy written from
    /// the bytes a file was read as.
    public mutating func append(textBytes cells: [UnsafeBufferPointer<UInt8>]) {
        var line: [UInt8] = []
        line.reserveCapacity(256)
        for (index, cell) in cells.enumerated() {
            if index > 0 { line.append(UInt8(ascii: ",")) }
            if FormulaText.mayBeFormulaLike(first: cell.first) {
                // Rare: the text itself decides.
                let text = FormulaText.neutralise(String(decoding: cell, as: UTF8.self))
                Self.put(text.utf8, into: &line)
            } else {
                Self.put(cell, into: &line)
            }
        }
        end(line)
    }

    /// Ends the line and adds it to the file.
    private mutating func end(_ line: [UInt8]) {
        var line = line
        line.append(contentsOf: [0x0D, 0x0A])
        data.append(contentsOf: line)
        if let spill, data.count > 1 << 20 {
            spill.handle.write(data)
            data.removeAll(keepingCapacity: true)
        }
    }

    private static func put(_ cell: some Collection<UInt8>, into line: inout [UInt8]) {
        guard cell.contains(where: Self.needsQuotes) else { return line.append(contentsOf: cell) }
        line.append(UInt8(ascii: "\""))
        for byte in cell {
            if byte == UInt8(ascii: "\"") { line.append(byte) }
            line.append(byte)
        }
        line.append(UInt8(ascii: "\""))
    }

    private static func needsQuotes(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: ",") || byte == UInt8(ascii: "\"") || byte == 0x0A || byte == 0x0D
    }

    static func quoted(_ cell: String) -> String {
        guard cell.utf8.contains(where: needsQuotes) else { return cell }
        return "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// Gives up a file that will not be finished: its temporary file is removed.
    public func discard() {
        guard let spill else { return }
        try? spill.handle.close()
        try? FileManager.default.removeItem(atPath: spill.path)
    }

    /// Writes the file whole, replacing any file at `path` only once the new one is complete.
    /// `ownerOnly` (for a writer that is not streaming; a streaming one was told at its start).
    public func write(to path: String, ownerOnly: Bool = false) throws(RowProblem) {
        guard let spill else { return try FileOutput.write(data, to: path, ownerOnly: ownerOnly) }
        do {
            try spill.handle.write(contentsOf: data)
            try spill.handle.close()
            try FileOutput.commit(spill.path, to: path)
        } catch {
            try? FileManager.default.removeItem(atPath: spill.path)
            throw RowProblem(file: path, row: nil, rule: "FILE_UNWRITABLE", message: .cannotWrite(error.localizedDescription))
        }
    }
}

/// Free text in a CSV, kept from being run as a formula (OWASP, "CSV Injection"): a cell that
/// starts with `=`, `+`, `-`, `@`, a tab or a carriage return (or the full-width ＝＋－＠) is
/// written with a `'` before it, which Excel, WPS and LibreOffice take as "this is text".
/// A plain number (`-150.00`) is left as it is: it cannot be a formula.
///
/// Text that already starts with quotes before such a character gets one more, so that
/// `restore` gives back exactly what was written: `'=x` is written `''=x` and read back `'=x`.
/// The readers do not restore; the imports that take exported files back do (`TableRow`).
public enum FormulaText {
    public static func neutralise(_ text: String) -> String {
        isFormulaLike(text) ? "'" + text : text
    }

    /// The text `neutralise` was given.
    public static func restore(_ cell: String) -> String {
        cell.utf8.first == UInt8(ascii: "'") && isFormulaLike(cell) ? String(cell.dropFirst()) : cell
    }

    /// Whether text whose first UTF-8 byte is `first` needs a closer look (`isFormulaLike`):
    /// only text starting below `0`, with `=` or `@`, or with a full-width form (lead byte EF).
    static func mayBeFormulaLike(first: UInt8?) -> Bool {
        guard let first else { return false }
        return first < 0x30 || first == UInt8(ascii: "=") || first == UInt8(ascii: "@") || first == 0xEF
    }

    /// Whether the text, past any leading quotes, starts as a formula would and is not a
    /// plain number.
    static func isFormulaLike(_ text: String) -> Bool {
        // Most cells start with a letter, a digit or a Chinese character: nothing to look at.
        guard mayBeFormulaLike(first: text.utf8.first) else { return false }
        let rest = text.unicodeScalars.drop(while: { $0 == "'" })
        guard let lead = rest.first else { return false }
        switch lead {
        case "=", "@", "\t", "\r", "\u{FF1D}", "\u{FF0B}", "\u{FF0D}", "\u{FF20}": return true
        case "+", "-": return !isPlainNumber(rest.dropFirst())
        default: return false
        }
    }

    /// Digits, with a decimal point between digits.
    private static func isPlainNumber(_ scalars: Substring.UnicodeScalarView) -> Bool {
        let digit = { (s: Unicode.Scalar) in s.value >= 0x30 && s.value <= 0x39 }
        let parts = scalars.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        return parts.allSatisfy { !$0.isEmpty && $0.allSatisfy(digit) }
    }
}

/// How a CSV keeps an identifier's digits as text: `="330424198503150023"`. Opened from a
/// CSV, Excel turns a bare 18-digit number into 3.30424E+17 and keeps only 15 digits; WPS
/// does the same; Excel, WPS and LibreOffice all evaluate this formula to the text itself.
/// (A leading tab also stops the conversion, but LibreOffice keeps the tab in the cell.)
///
/// Only for cells typed as codes (`SheetCell.code`, `Cell.code`, `Cell.residentID`) whose value
/// is digits (an ID number may end in X): such a formula can only ever give back those digits.
/// It is not `FormulaText`, the neutralising of formulas in free text: that applies to every
/// other text cell (and to a code cell that is not digits), never to these, and turns any
/// leading `=` of free text into `'=`, so free text can never come out in this shape, and this
/// shape never passes through it. `csvText(code:)` is where the two meet.
public enum CodeText {
    /// `="digits"` for digits; anything else (a masked number, an empty cell) as it is.
    public static func wrap(_ value: String) -> String {
        isDigits(value) ? "=\"" + value + "\"" : value
    }

    /// A code cell as a CSV holds it: digits as `="digits"`, anything else as free text.
    public static func csvText(code value: String) -> String {
        isDigits(value) ? "=\"" + value + "\"" : FormulaText.neutralise(value)
    }

    /// The digits inside `="digits"`; any other text as it is. Every reader of CSV calls it.
    public static func unwrap(_ cell: String) -> String {
        let utf8 = cell.utf8
        guard utf8.count > 3, utf8.first == UInt8(ascii: "="), utf8.dropFirst().first == UInt8(ascii: "\""),
            utf8.last == UInt8(ascii: "\"")
        else { return cell }
        let inner = String(cell.dropFirst(2).dropLast())
        return isDigits(inner) ? inner : cell
    }

    static func isDigits(_ value: String) -> Bool {
        guard let last = value.utf8.last, value.utf8.dropLast().allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return false }
        return (last >= 0x30 && last <= 0x39) || last == UInt8(ascii: "X")
    }
}
