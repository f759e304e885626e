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
        case .auditUnprotected(let trigger):
            Message(
                zh: "审计记录已不受保护（触发器 \(trigger) 被删除或改动），拒绝写入：请管理员运行 wancun check",
                en: "the audit trail is no longer protected (trigger \(trigger) dropped or changed); nothing written: an administrator should run wancun check")
        case .sqlite(let path, let code, let detail):
            Message(zh: "数据库 \(path) 出错（SQLite \(code)）：\(detail)", en: "database \(path) failed (SQLite \(code)): \(detail)")
        }
    }
}

// The catalogue: the audit trail's hash chain.
extension Message {
    /// The chain's head, for the paper copy: `审计链头 #12 3f5a…`.
    public static func auditHead(_ head: AuditHead?) -> Message {
        guard let head else { return Message(zh: "审计链头：（尚无审计记录）", en: "audit chain head: (no audit lines yet)") }
        return Message(zh: "审计链头：\(head.text)", en: "audit chain head: \(head.text)")
    }

    public static func auditChainIntact(lines: Int64) -> Message {
        Message(zh: "审计链完好：共 \(lines) 行，逐行核对无误", en: "audit chain intact: \(lines) lines, each checked")
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

    public static let auditDamageFound = Message(
        zh: "审计记录有损：请与最近一份纸质花名册、对账报告或备份上的审计链头核对", en: "the audit trail is damaged: compare with the chain head on the latest paper roster, reconciliation report or backup")
}
