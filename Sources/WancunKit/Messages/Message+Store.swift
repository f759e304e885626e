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
                zh: "\(path) 已损坏（\(detail)）",
                en: "\(path) is damaged (\(detail))")
        case .cutShort(let path, let size, let pageSize):
            Message(
                zh: "\(path) 不完整：\(size) 字节不是整数个 \(pageSize) 字节的页（也许是中断的复制）",
                en: "\(path) is cut short: \(size) bytes is not a whole number of \(pageSize)-byte pages (perhaps a copy that was interrupted)")
        case .backupExists(let path):
            Message(zh: "备份文件 \(path) 已存在，不会覆盖", en: "backup file \(path) exists already and is not overwritten")
        case .sqlite(let path, let code, let detail):
            Message(zh: "数据库 \(path) 出错（SQLite \(code)）：\(detail)", en: "database \(path) failed (SQLite \(code)): \(detail)")
        }
    }

    private static func notWancun(_ path: String, _ why: StoreError.NotWancun) -> Message {
        switch why {
        case .empty:
            Message(
                zh: "\(path) 是空文件，不是 wancun 数据库（也许是中断的备份），不会把它当作新数据库：新数据库用 wancun init 在还没有文件的地方创建",
                en: "\(path) is empty, not a wancun database (perhaps a backup that was cut short), and is not set up as a new one: wancun init creates a new database where no file exists")
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

