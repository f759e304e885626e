// The catalogue: what commands print around their results.
extension Message {
    public static let errorPrefix = Message(zh: "错误：", en: "error: ")
    public static func badToday(_ text: String) -> Message {
        Message(
            zh: "WANCUN_TODAY 的值“\(text)”不是日期：请写成 YYYY-MM-DD，如 2026-11-26",
            en: "WANCUN_TODAY \"\(text)\" is not a date: write it as YYYY-MM-DD, e.g. 2026-11-26")
    }
    public static func badBusyTimeout(_ text: String) -> Message {
        Message(
            zh: "WANCUN_BUSY_TIMEOUT 的值“\(text)”不是等待的秒数：请写成不小于 0 的数，如 10 或 0.5",
            en: "WANCUN_BUSY_TIMEOUT \"\(text)\" is not a number of seconds to wait: write a number not below 0, e.g. 10 or 0.5")
    }
    public static func birthMonthOutOfRange(_ month: Month, latest: Month) -> Message {
        Message(zh: "出生月份 \(month) 不合理：应在 1900-01 至 \(latest) 之间", en: "birth month \(month) is out of range: it must be from 1900-01 to \(latest)")
    }
    public static func databaseReady(_ path: String) -> Message {
        Message(zh: "数据库已就绪：\(path)", en: "database ready: \(path)")
    }
    public static func backupWritten(_ path: String, sha256: String) -> Message {
        Message(zh: "已写入并检查备份：\(path)（sha256 \(sha256)）", en: "backup written and checked: \(path) (sha256 \(sha256))")
    }
    public static func restoreUnconfirmed(_ backup: String, into live: String) -> Message {
        Message(
            zh: "备份 \(backup) 检查通过；wancun restore 会用它替换 \(live) 的全部内容（原内容先另存）。确认请加 --yes；未做任何修改",
            en: "backup \(backup) passes every check; restore replaces all of \(live) with it "
                + "(the current content kept aside first). Add --yes to go ahead; nothing was " + "changed")
    }
    public static func restored(_ live: String, from backup: String, keptAside: String?) -> Message {
        guard let keptAside else {
            return Message(zh: "已从备份 \(backup) 恢复出 \(live)", en: "\(live) restored from the backup \(backup)")
        }
        return Message(
            zh: "已用备份 \(backup) 恢复 \(live)；原内容另存为 \(keptAside)",
            en: "\(live) restored from the backup \(backup); its previous content is kept in \(keptAside)")
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

extension Message {
    public static func pointAdded(_ code: String, _ name: String) -> Message {
        Message(zh: "已登记服务点 \(code)（\(name)）", en: "point \(code) registered (\(name))")
    }
    public static func pointEdited(_ code: String) -> Message { Message(zh: "已修改服务点 \(code)", en: "point \(code) edited") }
    public static func operatorAssigned(_ code: String) -> Message { Message(zh: "已任命服务点 \(code) 的站长", en: "operator assigned to point \(code)") }
    public static func operatorUnassigned(_ code: String) -> Message { Message(zh: "服务点 \(code) 的站长已离任", en: "operator of point \(code) unassigned") }
    public static func operatorAdded(_ name: String, _ masked: String) -> Message {
        Message(zh: "已登记站长 \(name)（\(masked)）", en: "operator \(name) registered (\(masked))")
    }
    public static func operatorEdited(_ name: String, _ masked: String) -> Message {
        Message(zh: "已修改站长 \(name)（\(masked)）", en: "operator \(name) edited (\(masked))")
    }
}

extension Message {
    public static let tourPoints = Message(zh: "【二】服务点与站长", en: "[2] Service points and operators")
    public static func tourPointCounts(total: Int, byStatus: String) -> Message {
        Message(zh: "共 \(total) 个服务点：\(byStatus)。未在运营的服务点：", en: "\(total) points: \(byStatus). Those not operating:")
    }
    public static func tourPointsNext(_ code: String) -> Message {
        Message(
            zh: "身份证号和手机号默认遮蔽（--reveal 显示）。\n试试：wancun point show \(code)（状态记录、站长更替、审计），wancun audit --since 2026-01-01",
            en: "ID numbers and phones are masked unless --reveal.\nTry: wancun point show "
                + "\(code) (history, operators, audit), wancun audit --since 2026-01-01")
    }
}

extension Message {
    public static func fileConverted(_ path: String, _ rows: Int) -> Message {
        Message(zh: "已写出 \(path)（\(rows) 行）", en: "\(path) written (\(rows) rows)")
    }
}

extension Message {
    public static func courierAdded(_ name: String, _ id: Int64) -> Message {
        Message(zh: "已登记快递企业 \(name)（编号 \(id)）", en: "courier \(name) registered (id \(id))")
    }
    public static func courierLinked(_ point: String, _ courier: String) -> Message {
        Message(zh: "已登记 \(courier) 服务 \(point)", en: "\(courier) now serves \(point)")
    }
    public static func stationAdded(_ name: String) -> Message { Message(zh: "已登记中转站 \(name)", en: "station \(name) registered") }
    public static func routeAdded(_ name: String) -> Message { Message(zh: "已登记拼车线路 \(name)", en: "route \(name) registered") }
}

extension Message {
    public static let tourCoverage = Message(zh: "【三】服务、快递与覆盖情况", en: "[3] Services, couriers and coverage")
    public static let tourCoverageNext = Message(
        zh: "试试：wancun report coverage --as-of 2026-06-30，wancun courier list，\n      wancun route show 沈荡—百步拼车线，wancun parcel overdue",
        en: "Try: wancun report coverage --as-of 2026-06-30, wancun courier list,\n     wancun route show 沈荡—百步拼车线, wancun parcel overdue")
}

extension Message {
    public static let tourSubsidy = Message(zh: "【四】2026年10月公益性岗位补贴核查", en: "[4] The subsidy check for October 2026")
    public static func tourSubsidyNext(_ run: Int64) -> Message {
        Message(
            zh: "不符合条件的服务点如上（每条规则的依据见 wancun subsidy show \(run) --format json）。\n"
                + "试试：wancun subsidy summary \(run)，wancun retirement --born 1976-05 --group male",
            en: "The points above did not qualify (each rule's evidence: wancun subsidy show "
                + "\(run) --format json).\nTry: wancun subsidy summary \(run), wancun retirement " + "--born 1976-05 --group male")
    }
}

extension Message {
    public static let tourReconcile = Message(zh: "【五】与人社局反馈对账", en: "[5] Reconciling the HR bureau's answer")
    public static func tourReconcileNext(_ file: String, _ id: Int64) -> Message {
        Message(
            zh: "人社局反馈文件：\(file)。被退回的月份不再计入已享受月数。\n试试：wancun reconcile show \(id)，wancun reconcile list",
            en: "The bureau's file: \(file). A rejected month no longer counts as used.\nTry: wancun reconcile show \(id), wancun reconcile list")
    }
}

extension Message {
    public static func importAction(_ action: String) -> Message {
        switch action {
        case "created": Message(zh: "新建", en: "created")
        case "updated": Message(zh: "更新", en: "updated")
        default: Message(zh: "未变", en: "unchanged")
        }
    }
    public static func progressRows(_ rows: Int) -> Message {
        Message(zh: "已检查 \(rows) 行……", en: "\(rows) rows checked…")
    }
}

extension Message.Header {
    public static let importResult = Message(zh: "导入结果", en: "Import result")
}
