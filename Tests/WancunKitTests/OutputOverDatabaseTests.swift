import Foundation
import Testing

@testable import WancunKit

/// No file wancun writes ever replaces the database that is open, or its `-wal` and `-shm`,
/// however the output's path is spelled.
@Suite struct OutputOverDatabaseTests {
    /// A migrated database file in a directory of its own, with a subdirectory and a symbolic
    /// link to the directory for other spellings of its path.
    func database() throws -> (db: AppDatabase, dir: URL, path: String) {
        let dir = temporaryDirectory()
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("sub"), withIntermediateDirectories: true)
        let path = dir.appendingPathComponent("v.sqlite").path
        let db = try AppDatabase(path: path, create: true)
        _ = try db.importDivisions(from: haiyanCSV, context: testContext)
        return (db, dir, path)
    }

    @Test func everySpellingOfTheDatabaseOrItsWALIsRefusedAndTheDatabaseIsUntouched() throws {
        let (db, dir, path) = try database()
        let link = dir.appendingPathComponent("link.xlsx").path
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: path)
        let linkedDir = temporaryDirectory().appendingPathComponent("d").path
        try FileManager.default.createSymbolicLink(atPath: linkedDir, withDestinationPath: dir.path)
        let hardLink = dir.appendingPathComponent("hard.csv").path
        try FileManager.default.linkItem(atPath: path, toPath: hardLink)
        let before = try databaseContent(path)
        let spellings = [
            path, dir.path + "/./v.sqlite", dir.path + "/sub/../v.sqlite", link, linkedDir + "/v.sqlite", hardLink,
            path + "-wal", path + "-shm", linkedDir + "/v.sqlite-wal",
        ]
        let sheet = Worksheet(name: "s", header: ["a"], rows: [[.text("x")]])
        for spelling in spellings {
            let problem = try #require(throws: RowProblem.self, "\(spelling)") { try TableFile.write(sheet, to: spelling) }
            #expect(problem.rule == "OUTPUT_IS_DATABASE")
            #expect(problem.line(.en).contains(spelling))
            #expect(throws: RowProblem.self) { try FileOutput.write(Data("x".utf8), to: spelling) }
            #expect(throws: RowProblem.self) { try db.exportPoints(to: spelling, reveal: false, context: testContext) }
        }
        #expect(try databaseContent(path) == before)
        #expect(try db.integrityProblems().isEmpty)
        #expect(leftovers(beside: path).isEmpty)
        // Another file beside it is written as ever.
        try TableFile.write(sheet, to: dir.appendingPathComponent("v.csv").path)
    }

    @Test func aDatabaseNoLongerOpenIsNoLongerProtected() throws {
        let path = temporaryDirectory().appendingPathComponent("closed.sqlite").path
        do { _ = try AppDatabase(path: path, create: true) }
        // wancun did not write the file: it is replaced only when the user says so.
        try FileOutput.$overwrite.withValue(true) { try FileOutput.write(Data("x".utf8), to: path) }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "x")
    }
}

/// Through the built binary: an export or a conversion aimed at the database exits 1 with one
/// line naming the file.
@Suite(.serialized) struct OutputOverDatabaseEndToEndTests {
    @Test func exportAndConvertOverTheDatabaseExitOneAndLeaveItAsItWas() throws {
        let dir = temporaryDirectory()
        #expect(try wancunProcess(["init", "--db", "v.sqlite"], in: dir).status == 0)
        #expect(try wancunProcess(["division", "import", haiyanCSV, "--db", "v.sqlite"], in: dir).status == 0)
        let path = dir.appendingPathComponent("v.sqlite").path
        let before = try databaseContent(path)
        for arguments in [
            ["point", "export", "--out", "v.sqlite", "--db", "v.sqlite"],
            ["point", "export", "--out", "./v.sqlite", "--db", path],
            ["template", "points", "--out", "v.sqlite-wal", "--db", "v.sqlite"],
            ["file", "convert", fixture("roster-gb18030.csv"), "../" + dir.lastPathComponent + "/v.sqlite", "--db", "v.sqlite"],
        ] {
            let result = try wancunProcess(arguments, in: dir)
            #expect(result.status == 1, "\(arguments) \(result.stderr)")
            #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
            #expect(result.stderr.contains("v.sqlite"))
            #expect(result.stderr.contains("OUTPUT_IS_DATABASE"))
        }
        #expect(try databaseContent(path) == before)
        #expect(try AppDatabase(path: path).integrityProblems().isEmpty)
    }
}
