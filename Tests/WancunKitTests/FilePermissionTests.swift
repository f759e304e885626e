import Foundation
import Testing

@testable import WancunKit

/// Files that hold full ID numbers are made readable by their owner only, whatever the umask.
@Suite struct FilePermissionTests {
    static func mode(_ path: String) throws -> Int {
        try #require(FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int)
    }

    @Test func theDatabaseItsJournalsAndBackupsAreOwnerOnly() throws {
        _ = umask(0o022)
        let dir = temporaryDirectory()
        let path = dir.appendingPathComponent("w.sqlite").path
        let db = try AppDatabase(path: path, create: true)
        _ = try db.importDivisions(from: haiyanCSV, context: testContext)
        #expect(FileManager.default.fileExists(atPath: path + "-wal") && FileManager.default.fileExists(atPath: path + "-shm"))
        for file in [path, path + "-wal", path + "-shm"] { #expect(try Self.mode(file) == 0o600, "\(file)") }
        let backup = dir.appendingPathComponent("backup.sqlite").path
        try db.backup(to: backup, context: testContext)
        #expect(try Self.mode(backup) == 0o600)
        let cli = dir.appendingPathComponent("cli.sqlite").path
        #expect(try wancun(["init", "--db", cli]).status == 0)
        #expect(try Self.mode(cli) == 0o600)
        let cliBackup = dir.appendingPathComponent("cli-backup.sqlite").path
        #expect(try wancun(["backup", cliBackup, "--db", cli]).status == 0)
        #expect(try Self.mode(cliBackup) == 0o600)
    }

    @Test func theRosterItsManifestRevealedExportsAndBureauCopiesAreOwnerOnly() throws {
        _ = umask(0o022)
        let db = try sharedDemoCopy()
        let dir = temporaryDirectory()
        let eligible = try AppDatabase(path: db).subsidyResults(1, only: .eligible)
        var answer = [["公民身份号码", "姓名", "核定结果", "核定金额(元)", "发放金额(元)", "发放日期", "备注"]]
        answer += eligible.map { [$0.idNumber!, $0.operatorName!, "通过", $0.amount.yuanText, $0.amount.yuanText, "2026-11-20", ""] }
        for ext in ["xlsx", "csv"] {
            let roster = dir.appendingPathComponent("roster.\(ext)").path
            let exported = try wancun(["subsidy", "export", "1", "--out", roster, "--db", db])
            #expect(exported.status == 0, "\(exported.stderr)")
            #expect(try Self.mode(roster) == 0o600)
            #expect(try Self.mode(roster + ".manifest.json") == 0o600)
            let revealed = dir.appendingPathComponent("points-revealed.\(ext)").path
            #expect(try wancun(["point", "export", "--out", revealed, "--reveal", "--db", db]).status == 0)
            #expect(try Self.mode(revealed) == 0o600)
            let masked = dir.appendingPathComponent("points.\(ext)").path
            #expect(try wancun(["point", "export", "--out", masked, "--db", db]).status == 0)
            #expect(try Self.mode(masked) == 0o644)
            let copy = dir.appendingPathComponent("outcome.\(ext)").path
            let bureau = dir.appendingPathComponent("answer.\(ext)").path
            if ext == "csv" {
                var csv = CSVWriter()
                for row in answer { csv.append(row) }
                try csv.write(to: bureau)
            } else {
                try XLSXWriter.write(
                    [Worksheet(name: "审核", header: answer[0], rows: answer.dropFirst().map { $0.map { SheetCell.text($0) } })], to: bureau)
            }
            let reconciled = try wancun(["reconcile", "hr", "1", bureau, "--out", copy, "--again", "--db", db])
            #expect([0, 3].contains(reconciled.status), "\(reconciled.stderr)\(reconciled.stdout)")
            #expect(try Self.mode(copy) == 0o600)
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).allSatisfy { !$0.contains("partial") })
    }

    @Test func ownerOnlyWritesReplaceAFileWhole() throws {
        _ = umask(0o022)
        let path = temporaryDirectory().appendingPathComponent("a.csv").path
        try FileOutput.write(Data("old".utf8), to: path)
        #expect(try Self.mode(path) == 0o644)
        try FileOutput.write(Data("new".utf8), to: path, ownerOnly: true)
        #expect(try Self.mode(path) == 0o600 && String(decoding: FileManager.default.contents(atPath: path)!, as: UTF8.self) == "new")
    }
}
