import Foundation
import Testing

@testable import WancunKit

@Suite struct RowSpoolTests {
    /// Reads a file through a table to its end, as an import does.
    private func readThrough(_ path: String, column: ColumnSpec = ColumnSpec("a", "甲")) throws {
        let table = try TableReader(path: path, columns: [column])
        while try table.next() != nil {}
    }

    @Test func aCopyIsWrittenFromTheRowsReadNotFromTheFileAgain() throws {
        let input = writeTemporaryFile("spooled.csv", "a,b\n1,二\n\n3,\"4,5\",x\n")
        try readThrough(input)
        // The file changes after it was read: the copy still shows what was read.
        try Data("a,b\nchanged\n".utf8).write(to: URL(fileURLWithPath: input))
        let output = (input as NSString).deletingPathExtension + ".result.csv"
        try AnnotatedCopy.write(input: input, sheet: nil, headerRow: 1, notes: [2: "n2"], title: "t", defaultNote: "ok", to: output)
        let rows = try CSVReader(path: output)
        var seen: [[String]] = []
        while let row = try rows.next() { seen.append(row.cells) }
        #expect(seen == [["a", "b", "", "t"], ["1", "二", "", "n2"], ["", "", "", ""], ["3", "4,5", "x", "ok"]])
        #expect(leftovers(beside: output).isEmpty)
    }

    @Test func theSameCopyComesFromTheSpoolAsFromTheFile() throws {
        let dir = temporaryDirectory()
        let input = dir.appendingPathComponent("roster.xlsx").path
        try FileManager.default.copyItem(atPath: fixture("roster-openpyxl.xlsx"), toPath: input)
        let fromFile = dir.appendingPathComponent("from-file.xlsx").path
        let fromSpool = dir.appendingPathComponent("from-spool.xlsx").path
        try AnnotatedCopy.write(input: input, sheet: nil, headerRow: 2, notes: [3: "x"], title: "t", defaultNote: "d", to: fromFile)
        try readThrough(input, column: ColumnSpec("name", "姓名"))
        try AnnotatedCopy.write(input: input, sheet: nil, headerRow: 2, notes: [3: "x"], title: "t", defaultNote: "d", to: fromSpool)
        #expect(try readAll(fromFile) == readAll(fromSpool))
    }

    /// A CSV copy is written from the kept bytes (`CSVWriter.append(textBytes:)`), a copy read
    /// again from the file through strings: the two are the same bytes, formula-like text, quoted
    /// cells, a wider row, a blank row and a file of its header alone included.
    @Test(arguments: [
        "a,b\n=1+1,+86 138\n-5,'=x\n＝全角,@a,\"say \"\"hi\"\"\"\n\n\"two\nlines\",\"4,5\",\t三,wide\n-,+\n",
        "a,b\n",
    ])
    func theSameCSVCopyComesFromTheSpoolAsFromTheFile(content: String) throws {
        let dir = temporaryDirectory()
        let input = dir.appendingPathComponent("points.csv").path
        try Data(content.utf8).write(to: URL(fileURLWithPath: input))
        let fromFile = dir.appendingPathComponent("from-file.csv").path
        let fromSpool = dir.appendingPathComponent("from-spool.csv").path
        let notes = [3: "=note", 4: "n,4"]
        try AnnotatedCopy.write(input: input, sheet: nil, headerRow: 1, notes: notes, title: "结果", defaultNote: "ok", to: fromFile)
        try readThrough(input)
        #expect(RowSpool.latest(path: input, sheet: nil) != nil)
        try AnnotatedCopy.write(input: input, sheet: nil, headerRow: 1, notes: notes, title: "结果", defaultNote: "ok", to: fromSpool)
        let copy = try Data(contentsOf: URL(fileURLWithPath: fromSpool))
        #expect(try Data(contentsOf: URL(fileURLWithPath: fromFile)) == copy)
        if content.count > 4 {
            // Written as a clerk's spreadsheet should show it: formulas kept as text, cells whole.
            let rows = try CSVReader(path: fromSpool)
            var seen: [[String]] = []
            while let row = try rows.next() { seen.append(row.cells) }
            #expect(seen.count == 7)
            #expect(seen[1] == ["'=1+1", "'+86 138", "", "", "ok"])
            #expect(seen[2] == ["-5", "''=x", "", "", "'=note"])
            #expect(seen[3] == ["'＝全角", "'@a", "say \"hi\"", "", "n,4"])
            #expect(seen[5] == ["two\nlines", "4,5", "'\t三", "wide", "ok"])
        }
    }

    @Test func rowsThatEndedAtAProblemMakeNoCopy() throws {
        let input = writeTemporaryFile("unclosed-spool.csv", "a,b\n1,2\n3,\"4\n")
        #expect(throws: RowProblems.self) { try readThrough(input) }
        let output = (input as NSString).deletingPathExtension + ".result.csv"
        #expect(throws: RowProblem.self) {
            try AnnotatedCopy.write(input: input, sheet: nil, headerRow: 1, notes: [:], title: "t", defaultNote: "", to: output)
        }
        #expect(!FileManager.default.fileExists(atPath: output))
    }

    @Test func aSpoolIsOwnerOnlyAndGoneWhenReplaced() throws {
        let input = writeTemporaryFile("replaced.csv", "a\n1\n")
        try readThrough(input)
        let first = try #require(RowSpool.latest(path: input, sheet: nil)).path
        let mode = try #require(try FileManager.default.attributesOfItem(atPath: first)[.posixPermissions] as? Int)
        #expect(mode & 0o777 == 0o600)
        try readThrough(input)
        #expect(!FileManager.default.fileExists(atPath: first))
        #expect(FileOutput.stalePID("wancun-X.partial-rows-77") == 77)
    }
}
