// The catalogue: the database file.
extension Message {
    static func storeError(_ error: StoreError) -> Message {
        switch error {
        case .missing(let path):
            Message(
                zh: "没有数据库文件 \(path)：先运行 wancun init，或用 --db 指定文件",
                en: "no database at \(path): run wancun init first, or name the file with --db")
        case .busy:
            Message(
                zh: "数据库忙：另一个 wancun 正在写入，等待超时。请稍后再试",
                en: "database busy: another wancun is writing and the wait timed out; try again shortly")
        case .newerVersion(let path):
            Message(
                zh: "\(path) 由更新版本的 wancun 写入，本版本不能使用：请升级 wancun",
                en: "\(path) was written by a newer wancun and this version cannot use it: upgrade wancun")
        case .notWancun(let path, let why):
            notWancun(path, why)
        case .damaged(let path, let detail):
            Message(
                zh: "\(path) 已损坏（\(detail)）：wancun check 列出问题，wancun restore 从备份恢复",
                en: "\(path) is damaged (\(detail)): wancun check lists the problems, wancun restore brings back a backup")
        case .failsCheck(let path, let check, let problem):
            Message(
                zh: "\(path) 未通过检查“\(checkName(check).zh)”：\(checkProblem(problem).zh)。wancun check 列出全部问题",
                en: "\(path) fails the check \(checkName(check).en): \(checkProblem(problem).en); wancun check lists every problem")
        case .cutShort(let path, let size, let pageSize):
            Message(
                zh: "\(path) 不完整：\(size) 字节不是整数个 \(pageSize) 字节的页（也许是中断的复制）：wancun restore 从备份恢复",
                en: "\(path) is cut short: \(size) bytes is not a whole number of \(pageSize)-byte "
                    + "pages (perhaps a copy that was interrupted); wancun restore brings back a backup")
        case .backupExists(let path):
            Message(zh: "备份文件 \(path) 已存在，不会覆盖", en: "backup file \(path) exists already and is not overwritten")
        case .backupMissing(let path):
            Message(zh: "没有备份文件 \(path)", en: "no backup file at \(path)")
        case .restoreOverForeignFile(let path):
            Message(
                zh: "\(path) 是别的程序的数据库，wancun restore 不会替换它：请用 --db 指定 wancun 数据库",
                en: "\(path) is another program's database and restore does not replace it: name the wancun database with --db")
        case .restoreFromItself(let path):
            Message(zh: "\(path) 就是要恢复的数据库本身：请指定一个备份文件", en: "\(path) is the database being restored itself: name a backup file")
        case .auditUnprotected(let trigger):
            Message(
                zh: "审计记录已不受保护（触发器 \(trigger) 被删除或改动），拒绝写入：请管理员运行 wancun check",
                en: "the audit trail is no longer protected (trigger \(trigger) dropped or changed); "
                    + "nothing written: an administrator should run wancun check")
        case .sqlite(let path, let code, let detail):
            Message(zh: "数据库 \(path) 出错（SQLite \(code)）：\(detail)", en: "database \(path) failed (SQLite \(code)): \(detail)")
        }
    }

    private static func notWancun(_ path: String, _ why: StoreError.NotWancun) -> Message {
        switch why {
        case .empty:
            Message(
                zh: "\(path) 是空文件，不是 wancun 数据库（也许是中断的备份），不会把它当作新数据库：新数据库用 wancun init 在还没有文件的地方创建",
                en: "\(path) is empty, not a wancun database (perhaps a backup that was cut short), "
                    + "and is not set up as a new one: wancun init creates a new database where no " + "file exists")
        case .notSQLite:
            Message(zh: "\(path) 不是 SQLite 数据库文件", en: "\(path) is not a SQLite database file")
        case .otherDatabase:
            Message(zh: "\(path) 是 SQLite 数据库，但不是 wancun 数据库", en: "\(path) is a SQLite database but not a wancun database")
        case .unfinishedWrite:
            Message(
                zh: "\(path) 旁边的 -journal 文件里有未完成的写入，本操作不修改该文件，所以不能使用它",
                en: "\(path) has an unfinished write in the -journal file beside it, and this command does not change the file, so it cannot use it")
        }
    }
}

// The catalogue: wancun check.
extension Message {
    public static func checkProblem(_ problem: CheckProblem) -> Message {
        switch problem {
        case .sqlite(let line):
            Message(zh: line, en: line)
        case .cutShort(let size, let pageSize):
            Message(
                zh: "\(size) 字节不是整数个 \(pageSize) 字节的页：文件不完整",
                en: "\(size) bytes is not a whole number of \(pageSize)-byte pages: the file is cut short")
        case .foreignKey(let table, let rowid, let parent):
            Message(zh: "\(table) 第 \(rowid) 行引用的 \(parent) 不存在", en: "\(table) row \(rowid) refers to a \(parent) that does not exist")
        case .missing(let kind, let name):
            Message(zh: "缺少 \(kind) \(name)", en: "\(kind) \(name) is missing")
        case .unexpected(let kind, let name):
            Message(zh: "多出 \(kind) \(name)（本版本 wancun 不建）", en: "\(kind) \(name) is not one this version of wancun makes")
        case .differs(let kind, let name):
            Message(zh: "\(kind) \(name) 与本版本 wancun 所建的不同", en: "\(kind) \(name) differs from the one this version of wancun makes")
        case .audit(let damage):
            auditDamage(damage)
        }
    }

    public static func checkFound(_ name: String, _ problem: CheckProblem) -> Message {
        Message(zh: "\(checkName(name).zh)：\(checkProblem(problem).zh)", en: "\(checkName(name).en): \(checkProblem(problem).en)")
    }

}

// The catalogue: the audit trail's hash chain.
extension Message {
    /// The chain's head, for the paper copy: `审计链头 #12 3f5a…`.
    public static func auditHead(_ head: AuditHead?) -> Message {
        guard let head else { return Message(zh: "审计链头：（尚无审计记录）", en: "audit chain head: (no audit lines yet)") }
        return Message(zh: "审计链头：\(head.text)", en: "audit chain head: \(head.text)")
    }

    public static func auditDamage(_ damage: AuditDamage) -> Message {
        switch damage {
        case .triggerMissing(let name):
            Message(
                zh: "审计记录的只增保护已被删除或改动：触发器 \(name)",
                en: "the audit trail's append-only protection was dropped or changed: trigger \(name)")
        case .linesMissing(let from, let to):
            from == to
                ? Message(zh: "审计链断裂：第 \(from) 行已被删除", en: "audit chain broken: line \(from) was deleted")
                : Message(zh: "审计链断裂：第 \(from)–\(to) 行已被删除", en: "audit chain broken: lines \(from)–\(to) were deleted")
        case .lineBroken(let id):
            Message(
                zh: "审计链断裂：第 \(id) 行的内容与其哈希不符（该行被改动，或其前一行被替换）",
                en: "audit chain broken at line \(id): its content does not match its hash (the line was edited, or the line before it replaced)")
        }
    }

}
