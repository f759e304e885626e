/// A worksheet's cells, row by row, with gaps filled by empty cells, handed to `deliver` in
/// batches; every limit of `XLSXLimits` on rows and cells is kept here.
final class SheetPart: XMLHandler {
    /// Takes a batch of rows and the last row the sheet says it has; false once the reader has stopped.
    var deliver: (_ rows: [SourceRow], _ lastRow: Int) -> Bool = { _, _ in true }
    /// The last row the sheet says it has (0 when it does not say).
    private(set) var lastRow = 0
    /// Whether the sheet's data ended as it should.
    private(set) var complete = false
    private(set) var stopped = false
    private var batch: [SourceRow] = []
    private var batchCells = 0
    private var totalCells = 0
    private var lastNumber = 0
    private let strings: SharedStringTable
    private let dateStyles: Set<Int>
    private let date1904: Bool
    private var inRow = false
    private var rowNumber = 0
    private var cells: [String] = []
    private var numeric: [Bool] = []
    private var inCell = false
    private var column = 0
    private var reference = ""
    private var type = ""
    private var style = 0
    private var value = ""
    private var valueLength = 0
    private var collecting = false
    private var phonetic = 0
    /// Whether the cell has a value: one with none (only a style, such as its borders) is no
    /// cell, so that a row ends at its last value.
    private var hasValue = false

    init(strings: SharedStringTable, dateStyles: Set<Int>, date1904: Bool) {
        self.strings = strings
        self.dateStyles = dateStyles
        self.date1904 = date1904
    }

    /// Hands over the rows parsed so far. Once the reader has stopped, `stopped` is set and the
    /// parse is given up with an error nobody reads.
    func flush() throws(XLSXDamage) {
        guard !batch.isEmpty else { return }
        defer { (batch, batchCells) = ([], 0) }
        if !deliver(batch, lastRow) {
            stopped = true
            throw XLSXDamage(.cutShort)
        }
    }

    /// After the last byte: the rows left, then a refusal if the sheet broke off.
    func finish() throws(XLSXDamage) {
        try flush()
        if !complete { throw XLSXDamage(.cutShort) }
    }

    private func damage(_ reason: XLSXDamage.Reason, value: String? = nil) -> XLSXDamage {
        XLSXDamage(reason, row: rowNumber > 0 ? rowNumber : nil, cell: reference.isEmpty ? nil : reference, value: value)
    }

    private func append(_ row: SourceRow) throws(XLSXDamage) {
        batch.append(row)
        batchCells += row.cells.count
        lastNumber = row.number
        if batch.count >= 256 || batchCells >= 1 << 16 { try flush() }
    }

    func start(_ tag: XMLTag) throws(XLSXDamage) {
        switch tag.name {
        case .dimension:
            // "A1:V500001": the last row, for how far the reading has come.
            if let ref = try tag.value("ref"), let last = ref.split(separator: ":").last, let number = Int(last.drop { $0.isLetter }) {
                lastRow = min(number, XLSXLimits.rows)
            }
        case .row:
            reference = ""
            if let raw = try tag.raw("r") {
                guard let number = XMLText.integer(raw), (1...XLSXLimits.rows).contains(number) else {
                    throw damage(.rowNumber, value: String(decoding: raw.prefix(20), as: UTF8.self))
                }
                rowNumber = number
            } else {
                rowNumber = lastNumber + 1
                guard rowNumber <= XLSXLimits.rows else { throw damage(.rowNumber, value: String(rowNumber)) }
            }
            guard rowNumber > lastNumber else { throw damage(.rowOutOfOrder(lastNumber)) }
            (inRow, cells, numeric, column) = (true, [], [], 0)
        case .c where inRow:
            if let raw = try tag.raw("r") {
                reference = String(decoding: raw.prefix(20), as: UTF8.self)
                guard let index = XLSX.columnIndex(raw) else { throw damage(.columnReference) }
                guard index >= cells.count else { throw damage(.cellOutOfOrder) }
                column = index
            } else {
                reference = XLSX.columnName(min(column, XLSXLimits.columns - 1)) + String(rowNumber)
                guard column < XLSXLimits.columns else { throw damage(.columnReference) }
            }
            type = try tag.value("t") ?? "n"
            style = try tag.integer("s") ?? 0
            (inCell, value, valueLength, phonetic, hasValue) = (true, "", 0, 0, false)
        case .v where inCell, .t where inCell:
            collecting = phonetic == 0
            hasValue = true
        case .rPh where inCell:
            phonetic += 1
        default: break
        }
    }

    func text(_ bytes: UnsafeBufferPointer<UInt8>, verbatim: Bool) throws(XLSXDamage) {
        guard collecting else { return }
        let piece: String
        do { piece = try XMLText.decode(bytes, verbatim: verbatim) } catch { throw damage(error.reason) }
        valueLength += piece.utf16.count
        if valueLength > XLSXLimits.cellLength { throw damage(.cellTooLong(XLSXLimits.cellLength)) }
        value += piece
    }

    func end(_ name: XMLElementName) throws(XLSXDamage) {
        switch name {
        case .sheetData: complete = true
        case .v, .t: collecting = false
        case .rPh where inCell: phonetic -= 1
        case .c where inCell:
            inCell = false
            guard hasValue else {
                column += 1
                return
            }
            let (text, isNumber) = try cellText()
            totalCells += column + 1 - cells.count
            guard totalCells <= XLSXLimits.cells else { throw damage(.tooManyCells(XLSXLimits.cells)) }
            while cells.count < column {
                cells.append("")
                numeric.append(false)
            }
            cells.append(text)
            numeric.append(isNumber)
            column += 1
        case .row where inRow:
            inRow = false
            // Blank rows in the XML still count: fill any rows skipped before this one.
            for missing in stride(from: lastNumber + 1, to: rowNumber, by: 1) {
                try append(SourceRow(number: missing, cells: [], hasBadBytes: false))
            }
            try append(SourceRow(number: rowNumber, cells: cells, hasBadBytes: false, numeric: numeric))
        default: break
        }
    }

    /// The cell's text as Excel shows it, and whether it is a number.
    private func cellText() throws(XLSXDamage) -> (String, Bool) {
        switch type {
        case "s":
            guard let index = Int(value), strings.indices.contains(index) else {
                throw damage(.sharedStringIndex(strings.count), value: String(value.prefix(20)))
            }
            return (strings[index], false)
        case "b":
            return (value == "1" ? "TRUE" : "FALSE", false)
        case "n":
            guard let number = Double(value) else { return (value, false) }
            guard number.isFinite else { throw damage(.notANumber, value: String(value.prefix(20))) }
            guard dateStyles.contains(style) else { return (XLSX.numberText(number), true) }
            guard XLSXLimits.dateSerials.contains(number) else { throw damage(.dateOutOfRange, value: String(value.prefix(20))) }
            return (XLSX.dateText(serial: number, date1904: date1904), true)
        default:
            return (value, false)
        }
    }
}
