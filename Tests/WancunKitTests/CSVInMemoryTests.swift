import Foundation
import Testing

@testable import WancunKit

@Suite struct CSVInMemoryTests {
    /// Every row's number, cells and bad-bytes mark, until the end or the first problem.
    private func rows(_ reader: CSVReader) -> [String] {
        var seen: [String] = []
        do {
            while let row = try reader.next() { seen.append("\(row.number) \(row.hasBadBytes) \(row.cells)") }
        } catch {
            seen.append(error.rule)
        }
        return seen
    }

    @Test(arguments: ["damaged.csv", "quoted-bom.csv", "roster-gb18030.csv"])
    func csvBytesReadAsTheirFileDoes(name: String) throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: fixture(name)))
        let fromFile = try CSVReader(path: fixture(name), chunkSize: 5)
        let fromBytes = try CSVReader(data: data, name: name, chunkSize: 5)
        #expect(fromBytes.encoding == fromFile.encoding)
        #expect(rows(fromBytes) == rows(fromFile))
        #expect(fromBytes.fractionRead == 1)
    }
}
