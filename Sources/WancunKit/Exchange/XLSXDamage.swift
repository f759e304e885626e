/// Why a workbook is refused, all under `XLSX_UNREADABLE`: the part at fault and, when one cell
/// is, its row, reference and value. The catalogue gives each reason its own words.
struct XLSXDamage: Error, Equatable {
    enum Reason: Equatable, Sendable {
        /// Not a ZIP archive, or a damaged one.
        case notZip
        case missingPart
        /// The XML is broken: what was found where a tag or text was expected.
        case notXML(String)
        case notUTF8
        /// An XML declaration naming another encoding than UTF-8.
        case encoding(String)
        /// A document type declaration, which may define entities: never expanded.
        case doctype
        case unknownEntity(String)
        /// A tag or a text longer than this many bytes.
        case tokenTooLong(Int)
        /// The parts unpack to more than this many bytes in all.
        case inflatedTooLarge(Int)
        /// The part unpacks to more than this many times its packed size.
        case compressionRatio(Int)
        /// The part alone unpacks to more than this many bytes.
        case partTooLarge(Int)
        case rowNumber
        /// The row comes after a row with this number or a higher one.
        case rowOutOfOrder(Int)
        case columnReference
        case cellOutOfOrder
        /// The sheet has more cells than this, counting the empty ones between them.
        case tooManyCells(Int)
        /// A shared-string index that is not one of this many strings.
        case sharedStringIndex(Int)
        case notANumber
        case dateOutOfRange
        /// A cell longer than Excel's limit of this many characters.
        case cellTooLong(Int)
        /// The sheet ended before its last row.
        case cutShort
        /// A part's packed stream runs past its packed bytes (or they are cut short).
        case packedDataEnds
    }

    var reason: Reason
    var part: String?
    var row: Int?
    var cell: String?
    var value: String?

    init(_ reason: Reason, part: String? = nil, row: Int? = nil, cell: String? = nil, value: String? = nil) {
        self.reason = reason
        self.part = part
        self.row = row
        self.cell = cell
        self.value = value
    }

    /// The damage as the problem a command reports for `file`.
    func problem(file: String) -> RowProblem {
        RowProblem(
            file: file, row: row, column: cell, value: value, rule: rule, message: message)
    }
}

/// The limits a workbook is read within: Excel's own, and bounds on unpacking that no workbook
/// Excel, WPS Office or LibreOffice writes comes near.
enum XLSXLimits {
    static let rows = 1_048_576
    static let columns = 16_384
    /// Characters in a cell, in UTF-16 units as Excel counts them.
    static let cellLength = 32_767
    /// The last day Excel shows (9999-12-31) is serial 2958465.
    static let dateSerials = 0.0..<2_958_466.0
    /// The largest CSV file read is as large.
    static let inflatedBytes = 4 << 30
    /// Shared strings are held whole while the sheet is read.
    static let sharedStringsBytes = 1 << 30
    /// The workbook, its relationships and its styles.
    static let smallPartBytes = 64 << 20
    /// Deflate packs at most about 1032:1; genuine sheet XML packs at well under 200:1.
    static let compressionRatio = 1_000
    /// A part is only judged by its ratio once it has unpacked this far.
    static let ratioFloorBytes = 16 << 20
    /// Cells handed out, empty ones between stored cells included: ten times the 1,000,000-row
    /// benchmark's twenty columns.
    static let cells = 200_000_000
    /// One tag, or one text between tags: ten times the longest cell written with entities.
    static let tokenBytes = 4 << 20
}

extension XLSXDamage: RuleError {
    var rule: String { "XLSX_UNREADABLE" }
}
