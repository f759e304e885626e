// The catalogue: what commands print around their results.
extension Message {
    public static let errorPrefix = Message(zh: "错误：", en: "error: ")
    public static func databaseReady(_ path: String) -> Message {
        Message(zh: "数据库已就绪：\(path)", en: "database ready: \(path)")
    }
    public static func backupWritten(_ path: String) -> Message {
        Message(zh: "已写入备份：\(path)", en: "backup written: \(path)")
    }
    public static func fileEncoding(_ encoding: String) -> Message {
        Message(zh: "文件编码：\(encoding)", en: "file encoding: \(encoding)")
    }
    public static let dryRunNothingWritten = Message(zh: "（试运行，未写入）", en: "(dry run: nothing written)")
    public static func demoExists(_ path: String) -> Message {
        Message(
            zh: "\(path) 已存在且不是演示数据库，不会覆盖：请用 --db 指定另一个文件",
            en: "\(path) exists and is not a demo database, so it is not replaced: name another file with --db")
    }
    public static let seedMissing = Message(
        zh: "找不到 seed/ 目录：请在项目根目录运行，或设置 WANCUN_SEED",
        en: "seed/ not found: run from the project root or set WANCUN_SEED")
    public static func demoBuilt(_ path: String) -> Message {
        Message(zh: "演示数据库已建好：\(path)", en: "demo database built: \(path)")
    }
    public static let tourDivisions = Message(zh: "【一】行政区划", en: "[1] Divisions")
    public static func tourDivisionCounts(county: String, towns: Int, villages: Int, rural: Int) -> Message {
        Message(
            zh: "\(county)：\(towns) 个乡镇（街道），\(villages) 个村级单位，其中行政村 \(rural) 个（“万村”覆盖按行政村计）",
            en: "\(county): \(towns) towns, \(villages) village-level units, \(rural) of them rural villages (what coverage counts)")
    }
    public static let tourNext = Message(
        zh: "试试：wancun division list --under 330424101000 --rural（加 --db 指向演示数据库）",
        en: "Try: wancun division list --under 330424101000 --rural (with --db naming the demo database)")
    public enum TownHeader {
        public static let town = Message(zh: "乡镇（街道）", en: "Town")
        public static let villages = Message(zh: "村级单位", en: "Village-level units")
        public static let rural = Message(zh: "行政村", en: "Rural villages")
    }
}
