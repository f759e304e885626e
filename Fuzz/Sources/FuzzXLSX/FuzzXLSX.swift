import Foundation
import FuzzSupport
import WancunKit

// An input that starts as a ZIP archive does is read as a workbook. Any other is split at its
// NUL bytes into a sheet's XML, shared strings and styles, and put in a workbook as they are.

let workbookXML = Data(
    """
    <workbook xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><workbookPr date1904="0"/>\
    <sheets><sheet name="s" sheetId="1" r:id="rId1"/></sheets></workbook>
    """.utf8)
let relationshipsXML = Data(#"<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>"#.utf8)

func workbook(_ input: Data) -> Data {
    if input.starts(with: [0x50, 0x4B, 0x03, 0x04]) { return input }
    let pieces = input.split(separator: 0, maxSplits: 2, omittingEmptySubsequences: false).map { Data($0) }
    var entries: [(path: String, data: Data)] = [
        ("xl/workbook.xml", workbookXML), ("xl/_rels/workbook.xml.rels", relationshipsXML),
        ("xl/worksheets/sheet1.xml", pieces[0]),
    ]
    if pieces.count > 1 { entries.append(("xl/sharedStrings.xml", pieces[1])) }
    if pieces.count > 2 { entries.append(("xl/styles.xml", pieces[2])) }
    return StoredZip.archive(entries)
}

@_cdecl("FuzzXLSX_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv) { bytes, count in
        let input = bytes.map { Data(bytes: $0, count: count) } ?? Data()
        guard let reader = try? XLSXReader(data: workbook(input)) else { return 0 }
        while (try? reader.next()) != nil {}
        return 0
    }
}
