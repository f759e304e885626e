import Foundation
import GRDB
import Testing

@testable import WancunKit
@testable import wancun

/// The repository root, found from this file's path.
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

let haiyanCSV = repositoryRoot.appendingPathComponent("seed/divisions-330424-haiyan.csv").path

let testContext = ChangeContext(clerk: "测试员", today: LocalDate(year: 2026, month: 11, day: 26)!)

/// A fresh temporary directory, removed when the test process ends.
func temporaryDirectory() -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("wancun-tests-\(UUID().uuidString)")
    try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// Writes `text` to a file in a new temporary directory and returns its path.
func writeTemporaryFile(_ name: String, _ data: Data) -> String {
    let url = temporaryDirectory().appendingPathComponent(name)
    try! data.write(to: url)
    return url.path
}

func writeTemporaryFile(_ name: String, _ text: String) -> String {
    writeTemporaryFile(name, Data(text.utf8))
}

/// Every row of every table, as text: to show that a refused command left the database as
/// it was (the file's bytes may change when SQLite checkpoints its WAL).
func databaseContent(_ path: String) throws -> String {
    let queue = try DatabaseQueue(path: path)
    defer { try? queue.close() }
    return try queue.read { db in
        let tables = try String.fetchAll(db, sql: "SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")
        return try tables.map { table in
            let rows = try Row.fetchAll(db, sql: "SELECT * FROM \"\(table)\" ORDER BY rowid")
            return table + "\n" + rows.map(\.description).joined(separator: "\n")
        }.joined(separator: "\n")
    }
}

/// The built `wancun` executable, beside the test bundle.
let wancunExecutable: String = {
    let candidates = [
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent(),
        Bundle.main.bundleURL, Bundle.main.bundleURL.deletingLastPathComponent(),
    ]
    for dir in candidates {
        let path = dir.appendingPathComponent("wancun").path
        if FileManager.default.isExecutableFile(atPath: path) { return path }
    }
    return repositoryRoot.appendingPathComponent(".build/debug/wancun").path
}()

struct RunResult {
    var status: Int32
    var stdout: String
    var stderr: String
}

/// Runs `wancun` with `arguments` in this process, as the built `wancun` would run them
/// (`Wancun.runInProcess`), with a fixed clerk and day: what it prints and its exit status.
/// What needs a process of its own (a working directory, where standard output goes, two
/// processes at once, signals, the binary's own exit) runs through `wancunProcess`.
@discardableResult
func wancun(
    _ arguments: [String], environment extra: [String: String] = [:], removing unset: [String] = [], input: String? = nil
) throws -> RunResult {
    // What a command reads from standard input needs a standard input of its own.
    if let input { return try wancunProcess(arguments, environment: extra, removing: unset, input: input) }
    let environment = try commandEnvironment(adding: extra, removing: unset)
    for key in WrittenFilesEnvironment.keys where extra[key] != nil || unset.contains(key) {
        throw NeedsProcess(reason: "\(key) is read from the process's environment")
    }
    let result = Wancun.runInProcess(arguments, environment: environment)
    return RunResult(status: result.status, stdout: result.stdout, stderr: result.stderr)
}

/// The environment a command runs with in a test: the test process's, with a fixed clerk, day
/// and seed folder, no language or database, and `extra` and `unset` applied.
func commandEnvironment(adding extra: [String: String], removing unset: [String]) throws -> [String: String] {
    var environment = ProcessInfo.processInfo.environment
    environment["WANCUN_CLERK"] = "测试员"
    environment["WANCUN_TODAY"] = "2026-11-26"
    environment["WANCUN_SEED"] = repositoryRoot.appendingPathComponent("seed").path
    environment.removeValue(forKey: "WANCUN_LANG")
    environment.removeValue(forKey: "WANCUN_DB")
    for (key, value) in extra { environment[key] = value }
    for key in unset { environment.removeValue(forKey: key) }
    return environment
}

/// The variables the record of written files reads from the process's own environment, which
/// an in-process run cannot give it: a test that sets them runs `wancunProcess`.
enum WrittenFilesEnvironment {
    static let keys = ["WANCUN_STATE_DIR", "XDG_STATE_HOME", "HOME"]
}

struct NeedsProcess: Error {
    var reason: String
}

/// Runs the built `wancun` with `arguments`, in `directory`, with a fixed clerk and day;
/// `standardOutput`: a file its output goes to (as a shell's `>` sends it), instead of a pipe;
/// `input`: what it reads on standard input.
@discardableResult
func wancunProcess(
    _ arguments: [String], in directory: URL? = nil, environment extra: [String: String] = [:], removing unset: [String] = [],
    standardOutput: String? = nil, input: String? = nil
) throws -> RunResult {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: wancunExecutable)
    process.arguments = arguments
    process.environment = try commandEnvironment(adding: extra, removing: unset)
    if let directory { process.currentDirectoryURL = directory }
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    if let standardOutput {
        _ = FileManager.default.createFile(atPath: standardOutput, contents: nil)
        process.standardOutput = FileHandle(forWritingAtPath: standardOutput)
        try out.fileHandleForWriting.close()
    }
    process.standardError = err
    let stdin = Pipe()
    if input != nil { process.standardInput = stdin }
    try process.run()
    if let input {
        stdin.fileHandleForWriting.write(Data(input.utf8))
        try stdin.fileHandleForWriting.close()
    }
    let outData = standardOutput == nil ? out.fileHandleForReading.readDataToEndOfFile() : Data()
    let errData = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return RunResult(
        status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
        stderr: String(decoding: errData, as: UTF8.self))
}

/// Runs a program found on PATH (`arguments[0]`) in `directory`, its standard output and error
/// read together.
func runTool(_ arguments: [String], in directory: URL? = nil) throws -> (status: Int32, output: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = arguments
    if let directory { process.currentDirectoryURL = directory }
    let output = Pipe()
    process.standardOutput = output
    process.standardError = output
    try process.run()
    let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    return (process.terminationStatus, text)
}

/// A copy of one demo database, built once per test run through the binary.
func sharedDemoCopy() throws -> String {
    let built = try DemoOnce.path()
    let copy = temporaryDirectory().appendingPathComponent("demo.sqlite").path
    try FileManager.default.copyItem(atPath: built, toPath: copy)
    return copy
}

private enum DemoOnce {
    static let lock = NSLock()
    nonisolated(unsafe) static var built: String?

    static func path() throws -> String {
        lock.lock()
        defer { lock.unlock() }
        if let built { return built }
        let path = temporaryDirectory().appendingPathComponent("demo.sqlite").path
        // Without accounts: the CLI's tests on the demo work as before maker-checker.
        let result = try wancunProcess(["demo", "--no-users", "--db", path])
        guard result.status == 0 else { throw DemoFailed(stderr: result.stderr) }
        // One file, no WAL beside it, so that copies are whole.
        let db = try DatabaseQueue(path: path)
        try db.writeWithoutTransaction { try $0.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE); PRAGMA journal_mode = DELETE") }
        try db.close()
        built = path
        return path
    }
}

struct DemoFailed: Error {
    var stderr: String
}

/// The temporary files (`….partial-PID`, `….partial-sheets-PID`) left in the folder of `path`.
func leftovers(beside path: String) -> [String] {
    let folder = (path as NSString).deletingLastPathComponent
    return ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.contains(".partial") }
}
