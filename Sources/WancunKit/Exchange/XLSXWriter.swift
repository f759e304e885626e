import Foundation
import ZIPFoundation

/// A cell of a sheet to write.
public enum SheetCell: Sendable, Hashable {
    /// Text, stored as text with the Text number format, so ID numbers and codes stay text
    /// when a user edits them.
    case text(String, bold: Bool = false)
    case integer(Int64, bold: Bool = false)
    /// An amount, written as a number of yuan with two decimals.
    case money(Fen, bold: Bool = false)
    case empty

    var displayText: String {
        switch self {
        case .text(let s, _): s
        case .integer(let n, _): String(n)
        case .money(let fen, _): fen.yuanText
        case .empty: ""
        }
    }
}

/// One sheet: an optional title line above the header, the header (bold, frozen), the rows,
/// and lines below the table (totals, signatures).
public struct Worksheet: Sendable {
    public var name: String
    public var title: String?
    public var header: [String]
    public var rows: [[SheetCell]]
    public var footer: [[SheetCell]]

    public init(name: String, title: String? = nil, header: [String], rows: [[SheetCell]], footer: [[SheetCell]] = []) {
        self.name = name
        self.title = title
        self.header = header
        self.rows = rows
        self.footer = footer
    }
}

/// Writes `.xlsx` workbooks that Excel, WPS Office, LibreOffice and openpyxl open.
/// The same sheets always give the same bytes: fixed timestamps, fixed part order.
public enum XLSXWriter {
    public static func data(_ sheets: [Worksheet]) throws -> Data {
        var strings = SharedStrings()
        let sheetXML = sheets.enumerated().map { index, sheet in worksheetXML(sheet, selected: index == 0, strings: &strings) }
        var parts: [(String, String)] = [
            ("[Content_Types].xml", contentTypes(sheets.count)),
            ("_rels/.rels", rootRelationships),
            ("docProps/app.xml", appProperties),
            ("docProps/core.xml", coreProperties),
            ("xl/workbook.xml", workbookXML(sheets)),
            ("xl/_rels/workbook.xml.rels", workbookRelationships(sheets.count)),
            ("xl/styles.xml", stylesXML),
            ("xl/sharedStrings.xml", strings.xml),
        ]
        for (index, xml) in sheetXML.enumerated() { parts.append(("xl/worksheets/sheet\(index + 1).xml", xml)) }
        let archive = try Archive(data: Data(), accessMode: .create)
        // 1980-01-01 00:00, the earliest time a ZIP entry can carry, in the zone ZIPFoundation
        // converts with, so the stored fields are the same on every machine.
        let fixedDate = Calendar.current.date(from: DateComponents(year: 1980, month: 1, day: 1, hour: 0, minute: 0))!
        for (name, xml) in parts {
            let bytes = Data(xml.utf8)
            try archive.addEntry(
                with: name, type: .file, uncompressedSize: Int64(bytes.count), modificationDate: fixedDate,
                permissions: 0o644, compressionMethod: .deflate
            ) { position, size in
                bytes.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        return archive.data!
    }

    /// Writes the workbook, replacing any file at `path` only once the new one is complete.
    public static func write(_ sheets: [Worksheet], to path: String) throws(RowProblem) {
        let bytes: Data
        do { bytes = try data(sheets) } catch {
            throw RowProblem(file: path, row: nil, rule: "FILE_UNWRITABLE", message: .cannotWrite(error.localizedDescription))
        }
        try FileOutput.write(bytes, to: path)
    }

    // Style indexes in `stylesXML`'s cellXfs.
    enum Style: Int {
        case general = 0, text, header, money, integer, title, boldText, boldMoney, boldInteger
    }

    static func style(_ cell: SheetCell) -> Style {
        switch cell {
        case .text(_, let bold): bold ? .boldText : .text
        case .integer(_, let bold): bold ? .boldInteger : .integer
        case .money(_, let bold): bold ? .boldMoney : .money
        case .empty: .general
        }
    }

    static func worksheetXML(_ sheet: Worksheet, selected: Bool, strings: inout SharedStrings) -> String {
        let width = max(sheet.header.count, (sheet.rows + sheet.footer).map(\.count).max() ?? 0, 1)
        let headerRow = sheet.title == nil ? 1 : 2
        let lastRow = headerRow + sheet.rows.count + sheet.footer.count
        var xml = xmlHeader
        xml += #"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" "#
        xml += #"xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">"#
        xml += "<dimension ref=\"A1:\(XLSX.columnName(width - 1))\(lastRow)\"/>"
        xml += "<sheetViews><sheetView\(selected ? " tabSelected=\"1\"" : "") workbookViewId=\"0\">"
        xml += "<pane ySplit=\"\(headerRow)\" topLeftCell=\"A\(headerRow + 1)\" activePane=\"bottomLeft\" state=\"frozen\"/>"
        xml += "<selection pane=\"bottomLeft\" activeCell=\"A\(headerRow + 1)\" sqref=\"A\(headerRow + 1)\"/>"
        xml += "</sheetView></sheetViews><sheetFormatPr defaultRowHeight=\"15\"/><cols>"
        for column in 0..<width {
            var widest = column < sheet.header.count ? DisplayWidth.of(sheet.header[column]) : 0
            for row in sheet.rows where column < row.count { widest = max(widest, DisplayWidth.of(row[column].displayText)) }
            let chars = min(60, max(6, widest + 2))
            xml += "<col min=\"\(column + 1)\" max=\"\(column + 1)\" width=\"\(chars)\" customWidth=\"1\"/>"
        }
        xml += "</cols><sheetData>"
        var rowNumber = 0
        func row(_ cells: [SheetCell], header: Bool = false, title: Bool = false) {
            rowNumber += 1
            xml += "<row r=\"\(rowNumber)\">"
            for (column, cell) in cells.enumerated() {
                let ref = XLSX.columnName(column) + String(rowNumber)
                let s = title ? Style.title : header ? Style.header : style(cell)
                switch cell {
                case .text(let text, _):
                    xml += "<c r=\"\(ref)\" s=\"\(s.rawValue)\" t=\"s\"><v>\(strings.index(text))</v></c>"
                case .integer(let n, _):
                    xml += "<c r=\"\(ref)\" s=\"\(s.rawValue)\"><v>\(n)</v></c>"
                case .money(let fen, _):
                    xml += "<c r=\"\(ref)\" s=\"\(s.rawValue)\"><v>\(fen.yuanText)</v></c>"
                case .empty:
                    continue
                }
            }
            xml += "</row>"
        }
        if let title = sheet.title { row([.text(title)], title: true) }
        row(sheet.header.map { .text($0) }, header: true)
        for cells in sheet.rows { row(cells) }
        for cells in sheet.footer { row(cells) }
        xml += "</sheetData>"
        if sheet.title != nil && width > 1 {
            xml += "<mergeCells count=\"1\"><mergeCell ref=\"A1:\(XLSX.columnName(width - 1))1\"/></mergeCells>"
        }
        xml += "<pageMargins left=\"0.7\" right=\"0.7\" top=\"0.75\" bottom=\"0.75\" header=\"0.3\" footer=\"0.3\"/>"
        xml += "</worksheet>"
        return xml
    }

    struct SharedStrings {
        var order: [String] = []
        var indexes: [String: Int] = [:]
        var uses = 0

        mutating func index(_ text: String) -> Int {
            uses += 1
            if let i = indexes[text] { return i }
            indexes[text] = order.count
            order.append(text)
            return order.count - 1
        }

        var xml: String {
            var xml = xmlHeader
            xml += "<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" count=\"\(uses)\" uniqueCount=\"\(order.count)\">"
            for text in order {
                let preserve = text.first?.isWhitespace == true || text.last?.isWhitespace == true || text.contains("\n")
                xml += preserve ? "<si><t xml:space=\"preserve\">\(escape(text))</t></si>" : "<si><t>\(escape(text))</t></si>"
            }
            return xml + "</sst>"
        }
    }

    /// Escapes text for XML, dropping the control characters XML 1.0 cannot hold.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
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

    static let xmlHeader = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"

    static func contentTypes(_ sheetCount: Int) -> String {
        var xml = xmlHeader + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
        xml += "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
        xml += "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
        xml += "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
        for i in 1...max(sheetCount, 1) {
            xml += "<Override PartName=\"/xl/worksheets/sheet\(i).xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
        }
        xml += "<Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>"
        xml += "<Override PartName=\"/xl/sharedStrings.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml\"/>"
        xml += "<Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>"
        xml += "<Override PartName=\"/docProps/app.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.extended-properties+xml\"/>"
        return xml + "</Types>"
    }

    static let rootRelationships = xmlHeader
        + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
        + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/>"
        + "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/>"
        + "<Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties\" Target=\"docProps/app.xml\"/>"
        + "</Relationships>"

    static let appProperties = xmlHeader
        + "<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\"><Application>Wancun</Application></Properties>"

    static let coreProperties = xmlHeader
        + "<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" "
        + "xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" "
        + "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"><dc:creator>Wancun</dc:creator>"
        + "<dcterms:created xsi:type=\"dcterms:W3CDTF\">2000-01-01T00:00:00Z</dcterms:created>"
        + "<dcterms:modified xsi:type=\"dcterms:W3CDTF\">2000-01-01T00:00:00Z</dcterms:modified></cp:coreProperties>"

    static func workbookXML(_ sheets: [Worksheet]) -> String {
        var xml = xmlHeader
        xml += "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
        xml += "<bookViews><workbookView activeTab=\"0\"/></bookViews><sheets>"
        for (index, sheet) in sheets.enumerated() {
            xml += "<sheet name=\"\(escape(sheetName(sheet.name)))\" sheetId=\"\(index + 1)\" r:id=\"rId\(index + 1)\"/>"
        }
        return xml + "</sheets></workbook>"
    }

    /// Excel's rules: at most 31 characters, none of `[]:*?/\`.
    static func sheetName(_ name: String) -> String {
        let cleaned = name.filter { !"[]:*?/\\".contains($0) }
        return String((cleaned.isEmpty ? "Sheet" : cleaned).prefix(31))
    }

    static func workbookRelationships(_ sheetCount: Int) -> String {
        var xml = xmlHeader + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
        for i in 1...max(sheetCount, 1) {
            xml += "<Relationship Id=\"rId\(i)\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet\(i).xml\"/>"
        }
        xml += "<Relationship Id=\"rId\(sheetCount + 1)\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>"
        xml += "<Relationship Id=\"rId\(sheetCount + 2)\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings\" Target=\"sharedStrings.xml\"/>"
        return xml + "</Relationships>"
    }

    static let stylesXML = xmlHeader
        + "<styleSheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
        + "<fonts count=\"3\">"
        + "<font><sz val=\"11\"/><name val=\"宋体\"/><charset val=\"134\"/></font>"
        + "<font><b/><sz val=\"11\"/><name val=\"宋体\"/><charset val=\"134\"/></font>"
        + "<font><b/><sz val=\"14\"/><name val=\"宋体\"/><charset val=\"134\"/></font>"
        + "</fonts>"
        + "<fills count=\"2\"><fill><patternFill patternType=\"none\"/></fill><fill><patternFill patternType=\"gray125\"/></fill></fills>"
        + "<borders count=\"1\"><border><left/><right/><top/><bottom/><diagonal/></border></borders>"
        + "<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>"
        + "<cellXfs count=\"9\">"
        + "<xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/>"
        + "<xf numFmtId=\"49\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/>"
        + "<xf numFmtId=\"49\" fontId=\"1\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\" applyFont=\"1\" applyAlignment=\"1\"><alignment horizontal=\"center\"/></xf>"
        + "<xf numFmtId=\"2\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/>"
        + "<xf numFmtId=\"1\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/>"
        + "<xf numFmtId=\"49\" fontId=\"2\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\" applyFont=\"1\" applyAlignment=\"1\"><alignment horizontal=\"center\"/></xf>"
        + "<xf numFmtId=\"49\" fontId=\"1\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\" applyFont=\"1\"/>"
        + "<xf numFmtId=\"2\" fontId=\"1\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\" applyFont=\"1\"/>"
        + "<xf numFmtId=\"1\" fontId=\"1\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\" applyFont=\"1\"/>"
        + "</cellXfs>"
        + "<cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles>"
        + "</styleSheet>"
}
