/// Writing one sheet as the file's extension asks: `.xlsx` as a workbook, anything else as
/// CSV (UTF-8 with BOM) with the title, header, rows and footer lines in order.
public enum TableFile {
    public static func write(_ sheet: Worksheet, to path: String) throws(RowProblem) {
        if path.lowercased().hasSuffix(".xlsx") {
            try XLSXWriter.write([sheet], to: path)
            return
        }
        var csv = CSVWriter()
        if let title = sheet.title { csv.append([title]) }
        csv.append(sheet.header)
        for row in sheet.rows + sheet.footer { csv.append(row.map(\.displayText)) }
        try csv.write(to: path)
    }
}
