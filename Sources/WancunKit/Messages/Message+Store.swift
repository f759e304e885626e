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
        case .newerVersion:
            Message(
                zh: "该数据库由更新版本的 wancun 写入，本版本不能使用：请升级 wancun",
                en: "this database was written by a newer wancun and this version cannot use it: upgrade wancun")
        case .notWancun:
            Message(zh: "该文件不是 wancun 数据库", en: "this file is not a wancun database")
        case .backupExists(let path):
            Message(zh: "备份文件 \(path) 已存在，不会覆盖", en: "backup file \(path) exists already and is not overwritten")
        case .sqlite(let path, let code, let detail):
            Message(zh: "数据库 \(path) 出错（SQLite \(code)）：\(detail)", en: "database \(path) failed (SQLite \(code)): \(detail)")
        }
    }
}
