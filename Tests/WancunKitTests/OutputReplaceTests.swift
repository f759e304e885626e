import Foundation
import Testing

@testable import WancunKit

/// An output replaces an existing file only when wancun wrote it and nobody changed it since,
/// or when the user says `--overwrite`; a run that dies leaves nothing the next one keeps.
@Suite struct OutputReplaceTests {
    let sheet = Worksheet(name: "s", header: ["a"], rows: [[.text("新")]])

    @Test(arguments: ["t.csv", "t.xlsx", "t.txt"])
    func aFileWancunWroteIsReplacedAndAnyOtherIsRefused(name: String) throws {
        let path = temporaryDirectory().appendingPathComponent(name).path
        func write() throws(RowProblem) {
            if name.hasSuffix(".txt") { try FileOutput.write(Data("新".utf8), to: path) } else { try TableFile.write(sheet, to: path) }
        }
        try write()
        let written = try Data(contentsOf: URL(fileURLWithPath: path))
        // Written again: it is the file wancun wrote, unchanged, so it is replaced.
        try write()
        // Somebody else's file, or wancun's changed since, is left as it is.
        for foreign in [Data("别人的".utf8), written + Data(" ".utf8)] {
            try foreign.write(to: URL(fileURLWithPath: path))
            let problem = try #require(throws: RowProblem.self) { try write() }
            #expect(problem.rule == "OUTPUT_EXISTS")
            #expect(problem.line(.en).contains(path) && problem.line(.en).contains("--overwrite"))
            #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == foreign)
            #expect(leftovers(beside: path).isEmpty)
        }
        // Told to, it replaces it; then it is wancun's again.
        try FileOutput.$overwrite.withValue(true) { try write() }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == written)
        try write()
    }

    @Test func theRecordOfWrittenFilesStaysBoundedAndKeepsTheNewestFiles() throws {
        let folder = temporaryDirectory()
        let record = folder.appendingPathComponent("written-files.tsv").path
        // Long names, so that a few hundred files fill the record.
        let long = folder.appendingPathComponent(String(repeating: "长", count: 80)).path
        try FileManager.default.createDirectory(atPath: long, withIntermediateDirectories: true)
        var paths: [String] = []
        var sizes: [Int] = []
        for i in 0..<3_000 {
            let path = long + "/" + String(repeating: "文", count: 60) + "-\(i).csv"
            _ = FileManager.default.createFile(atPath: path, contents: Data())
            paths.append(path)
            WrittenFiles.record(path, sha256: String(repeating: "a", count: 63) + "\(i % 10)", in: record)
            sizes.append(try FileManager.default.attributesOfItem(atPath: record)[.size] as! Int)
        }
        // Every file still exists, so compaction must let the oldest go: the record never
        // passes its limit, and is rewritten once in a while, not on every write.
        #expect(sizes.max()! <= WrittenFiles.compactionSize + 1_000)
        let rewrites = zip(sizes, sizes.dropFirst()).filter { $1 < $0 }.count
        #expect(rewrites >= 1 && rewrites <= 3)
        #expect(WrittenFiles.sha256(of: paths.last!, in: record) == String(repeating: "a", count: 63) + "9")
        #expect(WrittenFiles.sha256(of: paths[0], in: record) == nil)
        // A file written again counts as new: it outlives the files written after its first
        // write and before its second.
        WrittenFiles.record(paths[2_000], sha256: String(repeating: "b", count: 64), in: record)
        var i = 3_000
        while i < 6_000 && (i % 100 != 0 || WrittenFiles.sha256(of: paths[2_001], in: record) != nil) {
            let path = long + "/" + String(repeating: "文", count: 60) + "-\(i).csv"
            _ = FileManager.default.createFile(atPath: path, contents: Data())
            WrittenFiles.record(path, sha256: String(repeating: "c", count: 64), in: record)
            i += 1
        }
        #expect(i < 6_000)
        #expect(WrittenFiles.sha256(of: paths[2_000], in: record) == String(repeating: "b", count: 64))
    }

    @Test func aStaleTemporaryFileIsRemovedByTheNextWriteIntoItsFolderAndALiveOneIsKept() throws {
        let dir = temporaryDirectory()
        let dead = try deadProcessID()
        let stale = [
            "points.result.csv.partial-\(dead)", "roster.xlsx.partial-\(dead)", "roster.xlsx.partial-sheets-\(dead)",
        ]
        for name in stale where !name.contains("sheets") {
            try Data("330424194912310021".utf8).write(to: dir.appendingPathComponent(name))
        }
        try FileManager.default.createDirectory(at: dir.appendingPathComponent(stale[2]), withIntermediateDirectories: false)
        // pid 1 is always running: its file may be a write in progress.
        let live = dir.appendingPathComponent("other.csv.partial-1")
        try Data("x".utf8).write(to: live)
        let unrelated = dir.appendingPathComponent("notes.partial-draft")
        try Data("x".utf8).write(to: unrelated)
        try TableFile.write(sheet, to: dir.appendingPathComponent("out.csv").path)
        let left = try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
        #expect(left == ["notes.partial-draft", "other.csv.partial-1", "out.csv"])
    }

    @Test func aNewDatabaseIsSetUpUnderATemporaryNameAndWhatAKilledOneLeftIsRemoved() throws {
        let dir = temporaryDirectory()
        let path = dir.appendingPathComponent("county.sqlite").path
        let dead = try deadProcessID()
        // What `init` killed before its first migration committed leaves: never `county.sqlite` itself.
        for suffix in ["", "-wal", "-shm"] {
            try Data().write(to: URL(fileURLWithPath: path + ".partial-\(dead)" + suffix))
        }
        let db = try AppDatabase(path: path, create: true)
        #expect(try db.integrityProblems().isEmpty)
        #expect(try db.schemaSQL() == (try AppDatabase().schemaSQL()))
        #expect(leftovers(beside: path).isEmpty)
        #expect(FileOutput.stalePID("county.sqlite.partial-42-wal") == 42)
        #expect(FileOutput.stalePID("county.sqlite.partial-42-journal") == 42)
    }

    @Test func aFileBeingWrittenIsNamedForItsProcess() throws {
        let path = temporaryDirectory().appendingPathComponent("big.csv").path
        let output = try TableFile.Output(path: path, name: "s", header: ["a"])
        #expect(leftovers(beside: path) == ["big.csv.partial-\(getpid())"])
        output.discard()
        #expect(leftovers(beside: path).isEmpty)
        #expect(FileOutput.stalePID("big.csv.partial-sheets-123") == 123)
        #expect(FileOutput.stalePID("big.csv.partial-12a") == nil)
        #expect(FileOutput.stalePID("big.csv.partial") == nil)
    }

    @Test func aDryRunWritesNoResultCopy() throws {
        let db = try AppDatabase(path: try sharedDemoCopy())
        let dir = temporaryDirectory()
        let input = dir.appendingPathComponent("points.csv").path
        _ = try db.exportPoints(to: input, reveal: true, context: testContext)
        let copy = dir.appendingPathComponent("points.result.csv").path
        _ = try db.importPoints(from: input, dryRun: true, context: testContext, resultCopy: copy)
        #expect(!FileManager.default.fileExists(atPath: copy))
        _ = try db.importPoints(from: input, context: testContext, resultCopy: copy)
        #expect(FileManager.default.fileExists(atPath: copy))
    }

    /// The id of a process that has ended.
    func deadProcessID() throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/true")
        try process.run()
        process.waitUntilExit()
        return process.processIdentifier
    }
}

/// Through the built binary: `--out` over a file wancun did not write exits 1 naming it, and
/// `--overwrite` replaces it.
@Suite(.serialized) struct OutputReplaceEndToEndTests {
    @Test func anExportOverSomebodysFileNeedsOverwrite() throws {
        let db = try sharedDemoCopy()
        let dir = temporaryDirectory()
        let out = dir.appendingPathComponent("服务点.csv").path
        try Data("手工表格".utf8).write(to: URL(fileURLWithPath: out))
        let refused = try wancun(["point", "export", "--out", out, "--db", db])
        #expect(refused.status == 1)
        #expect(refused.stderr.split(separator: "\n").count == 1)
        #expect(refused.stderr.contains(out) && refused.stderr.contains("--overwrite"))
        #expect(try String(contentsOfFile: out, encoding: .utf8) == "手工表格")
        let replaced = try wancun(["point", "export", "--out", out, "--db", db, "--overwrite"])
        #expect(replaced.status == 0, "\(replaced.stderr)")
        // Exported again without the flag: the file is the one wancun wrote.
        #expect(try wancun(["point", "export", "--out", out, "--db", db]).status == 0)
    }

    @Test func aDryRunImportLeavesNoResultCopy() throws {
        let db = try sharedDemoCopy()
        let dir = temporaryDirectory()
        let input = dir.appendingPathComponent("points.csv").path
        #expect(try wancun(["point", "export", "--out", input, "--db", db, "--reveal"]).status == 0)
        let dry = try wancun(["point", "import", input, "--dry-run", "--db", db])
        #expect(dry.status == 0, "\(dry.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["points.csv"])
    }
}
