import Foundation
import Testing

@testable import WancunKit

/// `wancun user …` and the reviewer on `subsidy finalize`, through the binary.
@Suite struct UserCommandTests {
    /// A new database with the divisions, in a folder of its own.
    func database() throws -> String {
        let path = temporaryDirectory().appendingPathComponent("users.sqlite").path
        #expect(try wancun(["init", "--db", path]).status == 0)
        #expect(try wancun(["division", "import", haiyanCSV, "--db", path]).status == 0)
        return path
    }

    @Test func accountsAreAddedListedDisabledAndGivenPasswordsNeverOnTheCommandLine() throws {
        let db = try database()
        let added = try wancun(
            ["user", "add", "林镇办", "--role", "town-clerk", "--town", "330424101", "--password-stdin", "--db", db], input: "a long password\n")
        #expect(added.status == 0 && added.stdout.contains("已添加账号 林镇办（乡镇经办人）"), "\(added.stderr)")
        // A password as an argument is no option at all.
        let argument = try wancun(["user", "add", "x", "--role", "admin", "--password", "a long password", "--db", db])
        #expect(argument.status == 64)
        let short = try wancun(["user", "add", "x", "--role", "admin", "--password-stdin", "--db", db, "--lang", "en"], input: "short\n")
        #expect(short.status == 1 && short.stderr.contains("too short: 10 characters at least"))
        // Without a terminal and without --password-stdin there is nobody to ask.
        let noTerminal = try wancun(["user", "add", "x", "--role", "admin", "--db", db], input: "")
        #expect(noTerminal.status == 1 && noTerminal.stderr.contains("--password-stdin"))
        let noTown = try wancun(["user", "add", "x", "--role", "town-clerk", "--password-stdin", "--db", db], input: "a long password\n")
        #expect(noTown.status == 1 && noTown.stderr.contains("--town"))
        #expect(try wancun(["user", "add", "吴审核", "--role", "reviewer", "--password-stdin", "--db", db], input: "another password\n").status == 0)
        let list = try wancun(["user", "list", "--db", db, "--format", "json"])
        let users = try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as! [[String: Any]]
        #expect(users.map { $0["name"] as? String } == ["吴审核", "林镇办"])
        #expect(users[1]["role"] as? String == "town-clerk" && users[1]["town_code"] as? String == "330424101000")
        #expect(try wancun(["user", "password", "吴审核", "--password-stdin", "--db", db], input: "a third password\n").status == 0)
        #expect(try AppDatabase(path: db).authenticate("吴审核", password: "a third password") != nil)
        #expect(try wancun(["user", "disable", "吴审核", "--db", db]).status == 0)
        #expect(try wancun(["user", "list", "--db", db]).stdout.contains("是"))
        let unknown = try wancun(["user", "password", "无此人", "--password-stdin", "--db", db], input: "a long password\n")
        #expect(unknown.status == 1 && unknown.stderr.contains("没有账号 无此人"))
        // Nothing a person reads, nor the audit trail, holds a password or its hash.
        let audit = try wancun(["audit", "--db", db, "--format", "json"])
        for text in [audit.stdout, list.stdout, added.stdout] {
            #expect(!text.contains("$2b$") && !text.contains("a long password") && !text.contains("a third password"))
        }
        #expect(audit.stdout.contains("user.add") && audit.stdout.contains("user.password") && audit.stdout.contains("user.disable"))
    }

    @Test func onceAccountsExistFinalizeNeedsAReviewerOtherThanTheRunsClerk() throws {
        let db = try sharedDemoCopy()
        #expect(try wancun(["subsidy", "check", "--month", "2026-09", "--db", db]).status == 0)
        for (name, role) in [("吴审核", "reviewer"), ("测试员", "reviewer"), ("陈县办", "county-clerk")] {
            #expect(try wancun(["user", "add", name, "--role", role, "--password-stdin", "--db", db], input: "a long password\n").status == 0)
        }
        let none = try wancun(["subsidy", "finalize", "2", "--db", db])
        #expect(none.status == 1 && none.stderr.contains("--reviewer"))
        let own = try wancun(["subsidy", "finalize", "2", "--reviewer", "测试员", "--db", db, "--lang", "en"])
        #expect(own.status == 1 && own.stderr.contains("made this and cannot approve it"))
        let clerk = try wancun(["subsidy", "finalize", "2", "--reviewer", "陈县办", "--db", db])
        #expect(clerk.status == 1 && clerk.stderr.contains("不是审核人"))
        let done = try wancun(["subsidy", "finalize", "2", "--reviewer", "吴审核", "--db", db])
        #expect(done.status == 0 && done.stdout.contains("经办人 测试员，审核人 吴审核"), "\(done.stderr)")
        let runs =
            try JSONSerialization.jsonObject(with: Data(try wancun(["audit", "--db", db, "--format", "json"]).stdout.utf8)) as! [[String: Any]]
        let line = try #require(runs.last { $0["action"] as? String == "subsidy.finalize" })
        #expect((line["after"] as? String ?? "\(line["after"] ?? "")").contains("cli"))
    }

    /// What a terminal showed while `typed` lines were typed at wancun's prompts, and the exit status.
    func atATerminal(_ arguments: [String], typing typed: [String]) throws -> (screen: String, status: Int32) {
        let script = """
            import os, pty, sys, time, json
            pid, fd = pty.fork()
            if pid == 0:
                os.execv(sys.argv[1], sys.argv[1:2] + json.loads(sys.argv[2]))
            screen = b''
            def read():
                global screen
                time.sleep(0.5)
                try:
                    screen += os.read(fd, 65536)
                except OSError:
                    pass
            for line in json.loads(sys.argv[3]):
                read()
                os.write(fd, line.encode() + b'\\n')
            _, status = os.waitpid(pid, 0)
            read()
            sys.stdout.write(json.dumps({'screen': screen.decode(errors='replace'), 'status': os.waitstatus_to_exitcode(status)}))
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        let json = { (value: [String]) in String(decoding: try JSONSerialization.data(withJSONObject: value), as: UTF8.self) }
        process.arguments = ["python3", "-c", script, wancunExecutable, try json(arguments), try json(typed)]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let result = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        return (result["screen"] as? String ?? "", Int32(result["status"] as? Int ?? -1))
    }

    @Test(.enabled(if: OutsideTool.python3.isAvailable, OutsideTool.python3.skipReason))
    func thePromptAsksTwiceAndNeverEchoesThePassword() throws {
        let db = try database()
        let typed = try atATerminal(["user", "add", "周管理", "--role", "admin", "--db", db], typing: ["secret pass 123", "secret pass 123"])
        #expect(typed.status == 0 && typed.screen.contains("密码：") && typed.screen.contains("再输入一次："), "\(typed.screen)")
        #expect(!typed.screen.contains("secret"))
        #expect(try AppDatabase(path: db).authenticate("周管理", password: "secret pass 123") != nil)
        let differ = try atATerminal(["user", "password", "周管理", "--db", db], typing: ["secret pass 456", "secret pass 789"])
        #expect(differ.status == 1 && differ.screen.contains("两次输入的密码不一致") && !differ.screen.contains("secret"))
        #expect(try AppDatabase(path: db).authenticate("周管理", password: "secret pass 123") != nil)
    }
}
