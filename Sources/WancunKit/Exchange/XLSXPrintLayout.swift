/// How a sheet prints: A4 landscape, every column fitted to one page wide and as many pages
/// tall as it takes, the header row repeated on each page (the workbook's print titles), the
/// title in each page's header and "第 N 页 共 M 页" in its footer; and the lines below a table
/// (totals, notes, signatures) kept together on the last page.
enum PrintLayout {
    // Inches, as `pageMargins` gives them.
    static let side = 0.5, top = 0.75, bottom = 0.75

    /// A4 landscape's width, in points.
    static let pageWidth = 841.89

    /// The sheet's print settings, after its merged cells.
    static func pageSetup(title: String?) -> String {
        var xml = #"<printOptions horizontalCentered="1"/>"#
        xml += "<pageMargins left=\"\(side)\" right=\"\(side)\" top=\"\(top)\" bottom=\"\(bottom)\" header=\"0.3\" footer=\"0.3\"/>"
        xml += #"<pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="0"/>"#
        xml += "<headerFooter>"
        // In a header, & starts a code: the title's own is doubled.
        if let title { xml += "<oddHeader>" + XLSXWriter.escape("&C" + title.replacingOccurrences(of: "&", with: "&&")) + "</oddHeader>" }
        xml += "<oddFooter>" + XLSXWriter.escape("&C第 &P 页 共 &N 页") + "</oddFooter></headerFooter>"
        return xml
    }

    /// A row's height in points: one line of 11-point text, a wrapped text's lines, the title.
    static let lineHeight = 15.0, titleHeight = 24.0
    static let mostLines = 20

    static func height(lines: Int) -> Double { lines == 1 ? lineHeight : Double(lines) * 14 + 2 }

    static func points(_ height: Double) -> String {
        height == height.rounded() ? String(Int(height)) : String(height)
    }

    // As LibreOffice prints a sheet (measured on its PDF, 11-point 宋体 or the CJK font standing
    // in for it): a column `width` characters wide takes about `width × characterWidth` points
    // before the sheet is scaled to the page's width, and the page holds about `bodyHeight`
    // points of rows once scaled (its header shrinks to the title's line).
    static let characterWidth = 7.2, bodyHeight = 505.0

    /// Where the rows fall on the printed pages, as the spreadsheet will lay them out: the
    /// columns scaled to the page's width, the header repeated at the top of each page.
    struct Pages {
        /// A page's height for rows, in the sheet's points (before scaling).
        let room: Double
        private(set) var page = 1
        private(set) var used = 0.0
        private var header = 0.0

        init(widths: [Int]) {
            let sheetWidth = Double(widths.reduce(0, +)) * characterWidth
            let scale = min(1, (pageWidth - 144 * side) / max(sheetWidth, 1))
            room = bodyHeight / scale
        }

        mutating func add(_ height: Double, header isHeader: Bool) {
            if isHeader { header = height }
            if used + height > room && used > header {
                page += 1
                used = header
            }
            used += height
        }

        /// Whether lines `height` tall still fit on this page, with a line to spare on each
        /// page so far for the estimate's error (another font, another program's rounding).
        func fits(_ height: Double) -> Bool {
            used + height + Double(page + 1) * lineHeight <= room
        }
    }
}
