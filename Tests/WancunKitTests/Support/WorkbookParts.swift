import Foundation
import ZIPFoundation

/// A workbook made of the XML parts given, as bytes: for tests of damaged and extreme files.
/// `sheet` is the sheet's `<sheetData>` content unless it starts with `<?xml` or `<worksheet`.
func workbookBytes(sheet: String, sharedStrings: String? = nil, styles: String? = nil, parts: [String: Data] = [:]) throws -> Data {
    let sheetXML =
        sheet.hasPrefix("<?xml") || sheet.hasPrefix("<worksheet")
        ? sheet
        : "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>\(sheet)</sheetData></worksheet>"
    var all: [String: Data] = [
        "xl/workbook.xml": Data(
            """
            <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" \
            xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">\
            <sheets><sheet name="s" sheetId="1" r:id="rId1"/></sheets></workbook>
            """.utf8),
        "xl/_rels/workbook.xml.rels": Data(
            """
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
            <Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>
            """.utf8),
        "xl/worksheets/sheet1.xml": Data(sheetXML.utf8),
    ]
    if let sharedStrings { all["xl/sharedStrings.xml"] = Data(sharedStrings.utf8) }
    if let styles { all["xl/styles.xml"] = Data(styles.utf8) }
    all.merge(parts) { $1 }
    let archive = try Archive(data: Data(), accessMode: .create)
    for (path, data) in all.sorted(by: { $0.key < $1.key }) {
        try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) { position, size in
            data.subdata(in: Int(position)..<Int(position) + size)
        }
    }
    return archive.data!
}

/// A shared-string table of the texts given.
func sharedStringsXML(_ texts: [String]) -> String {
    "<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
        + texts.map { "<si><t>\($0)</t></si>" }.joined() + "</sst>"
}

/// Styles whose cell style 1 shows a date (built-in format 14).
let dateStylesXML = """
    <styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">\
    <cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/></cellXfs></styleSheet>
    """
