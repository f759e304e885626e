import Foundation
import FuzzSupport
import WancunKit

// The input is read as a CSV file in small chunks, so that records cross chunk ends, and as a
// table whose header is looked for.

let columns = [ColumnSpec("code", "代码"), ColumnSpec("name", "名称", required: false)]

@_cdecl("FuzzCSV_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv) { bytes, count in
        let input = bytes.map { Data(bytes: $0, count: count) } ?? Data()
        if let reader = try? CSVReader(data: input, chunkSize: 7, maxRecordBytes: 1 << 12) {
            while (try? reader.next()) != nil {}
        }
        if let reader = try? CSVReader(data: input), let table = try? TableReader(source: reader, columns: columns) {
            while let row = try? table.next() { _ = row.restoringFormulaText()["code"] }
        }
        return 0
    }
}
