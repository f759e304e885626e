// The catalogue's plain entries: texts that need no domain type to be written, so that
// any layer may use them.

extension Message {
    public static func userDisabled(_ name: String) -> Message { Message(zh: "账号 \(name) 已停用", en: "account \(name) disabled") }
    public static func passwordChanged(_ name: String) -> Message {
        Message(zh: "账号 \(name) 的密码已更改", en: "the password of \(name) is changed")
    }
    public static let passwordPrompt = Message(zh: "密码：", en: "Password: ")
    public static let passwordAgainPrompt = Message(zh: "再输入一次：", en: "Again: ")
    public static func runReviewed(_ id: Int64, clerk: String, reviewer: String) -> Message {
        Message(zh: "第 \(id) 次核查：经办人 \(clerk)，审核人 \(reviewer)", en: "run \(id): made by \(clerk), approved by \(reviewer)")
    }
    /// The demo's accounts, with their passwords: for trying the demo only.
    public static let demoUsersHeading = Message(
        zh: "演示账号（仅供演示，密码随演示数据库公开，切勿用于真实数据）：",
        en: "Demo accounts (for the demo only: these passwords are printed for anyone to see; never use them with real data):")
    static let divisionLevelUnknown = Message(
        zh: "级别应为 省、市、县、乡镇 或 村",
        en: "level must be province, city, county, town or village")
    static func divisionLevelMismatch(stated: String, shape: DivisionLevel) -> Message {
        Message(
            zh: "级别写的是“\(stated)”，但代码的形态是\(divisionLevel(shape).zh)级",
            en: "level says \"\(stated)\" but the code's shape is \(shape.rawValue)")
    }
    static func divisionDuplicate(firstRow: Int) -> Message {
        Message(zh: "代码重复，第\(firstRow)行已有", en: "duplicate code, first on row \(firstRow)")
    }
    static func divisionParentNotPrefix(expected: DivisionCode) -> Message {
        Message(
            zh: "上级代码应为 \(expected)（代码的前缀）", en: "the parent code must be \(expected), the code's prefix")
    }
    static let divisionParentMissing = Message(
        zh: "上级代码在文件和数据库中都不存在", en: "the parent code is neither in the file nor in the database")
    static let divisionParentForProvince = Message(
        zh: "省级区划不应有上级代码", en: "a province has no parent code")
    static let divisionNameEmpty = Message(zh: "名称为空", en: "the name is empty")
    static func divisionsUnchanged(_ count: Int) -> Message {
        Message(zh: "文件中 \(count) 个区划与数据库一致，没有变化", en: "all \(count) divisions in the file match the database: nothing changed")
    }
    static func divisionsImported(added: Int, renamed: Int, retired: Int, restored: Int) -> Message {
        Message(
            zh: "新增 \(added) 个，更名 \(renamed) 个，停用 \(retired) 个，恢复 \(restored) 个",
            en: "\(added) added, \(renamed) renamed, \(retired) retired, \(restored) restored")
    }
    static func divisionScope(_ name: String, _ code: DivisionCode?) -> Message {
        if let code {
            return Message(zh: "比对范围：\(name)（\(code)）以下", en: "compared below \(name) (\(code))")
        }
        return Message(zh: "比对范围：全部区划", en: "compared against all divisions")
    }
    static func divisionUnknown(_ code: DivisionCode) -> Message {
        Message(zh: "没有区划 \(code)", en: "no division \(code)")
    }
    public static func divisionLevel(_ level: DivisionLevel) -> Message {
        switch level {
        case .province: Message(zh: "省", en: "province")
        case .city: Message(zh: "市", en: "city")
        case .county: Message(zh: "县", en: "county")
        case .town: Message(zh: "乡镇", en: "town")
        case .village: Message(zh: "村", en: "village")
        }
    }
    static func duplicateInFile(firstRow: Int) -> Message {
        Message(zh: "与第\(firstRow)行重复", en: "repeats row \(firstRow)")
    }
    public static func imported(rows: Int, written: Int) -> Message {
        Message(zh: "读取 \(rows) 行，写入 \(written) 行", en: "\(rows) rows read, \(written) written")
    }
    public static func importedNotOperating(_ rows: Int) -> Message {
        Message(
            zh: "其中 \(rows) 行的日期服务点未在营业：已导入，不计入补贴核查的业务量（见上面的提醒）",
            en: "\(rows) of them are dated on a day their point was not operating: imported, not "
                + "counted in the subsidy check's activity (see the warnings above)")
    }
    public static let parcelArrived = Message(zh: "已登记到站", en: "arrival recorded")
    public static let parcelPickedUp = Message(zh: "已登记取件", en: "pickup recorded")
    public static let purchaseAdded = Message(zh: "已登记代购订单", en: "purchase recorded")
    public static func reconTotals(expected: String, actual: String, difference: String, unit: String) -> Message {
        let zhUnit = unit == "fen" ? "元" : "件"
        let enUnit = unit == "fen" ? "yuan" : "parcels"
        return Message(
            zh: "应为 \(expected) \(zhUnit)，对方 \(actual) \(zhUnit)，差额 \(difference) \(zhUnit)",
            en: "expected \(expected) \(enUnit), file \(actual) \(enUnit), difference \(difference) \(enUnit)")
    }
    public static let reconAllMatched = Message(zh: "全部一致", en: "everything matches")
    public static func sex(_ sex: Sex) -> Message {
        switch sex {
        case .male: Message(zh: "男", en: "male")
        case .female: Message(zh: "女", en: "female")
        }
    }
    static func fieldName(_ field: String) -> Message {
        switch field {
        case "id_number": Message(zh: "身份证号", en: "ID number")
        case "phone": Message(zh: "手机号", en: "phone")
        case "name": Message(zh: "名称", en: "name")
        case "address": Message(zh: "地址", en: "address")
        case "business_name": Message(zh: "经营主体名称", en: "business name")
        case "credit_code": Message(zh: "统一社会信用代码", en: "credit code")
        case "village": Message(zh: "村", en: "village")
        case "date": Message(zh: "日期", en: "date")
        case "certified_on": Message(zh: "认定日期", en: "certification date")
        case "opened_on": Message(zh: "开业日期", en: "opening date")
        default: Header.byColumn[field] ?? Message(zh: field, en: field)
        }
    }
    /// The label of a code an error carries as text; the code itself if it is none.
    static func codeLabel<Code: Labelled>(_ type: Code.Type, _ code: String) -> Message {
        Code(rawValue: code)?.label ?? Message(zh: code, en: code)
    }
    static let registered = Message(zh: "登记", en: "registered")
    /// The audit reason of a row loaded from a file.
    static func importedFrom(_ file: String, row: Int) -> Message { Message(zh: "导入 \(file) 第 \(row) 行", en: "imported from \(file), row \(row)") }
    static let replacedByNewOperator = Message(zh: "由新站长接替", en: "replaced by a new operator")
    static func townByName(_ name: String, found: Int) -> Message {
        found == 0
            ? Message(zh: "没有名为“\(name)”的乡镇（街道）", en: "no town named \"\(name)\"")
            : Message(zh: "有 \(found) 个乡镇都叫“\(name)”：请改填村代码", en: "\(found) towns are named \"\(name)\": give the village code instead")
    }
    static func villageByName(_ name: String, codes: [String]) -> Message {
        codes.isEmpty
            ? Message(zh: "该乡镇没有名为“\(name)”的村", en: "the town has no village named \"\(name)\"")
            : Message(
                zh: "该乡镇有多个村名为“\(name)”（\(codes.joined(separator: "、"))）：村名会重复，请改填村代码",
                en: "several villages are named \"\(name)\" (\(codes.joined(separator: ", "))): names repeat, give the village code")
    }
    static func operatorNeedsIDNumber(_ column: String) -> Message {
        Message(
            zh: "填写了“\(column)”但没有公民身份号码：站长按公民身份号码登记", en: "“\(column)” is filled but the ID number is not: operators are registered by ID number")
    }
    static let villageRequired = Message(zh: "请填写村代码，或乡镇和行政村名称", en: "give the village code, or the town and village names")
    static let phoneMasked = Message(
        zh: "手机号已被遮蔽（含 *），请用 --reveal 导出的完整号码", en: "the phone is masked (has *): use the full number, as exported with --reveal")
    static let phoneMaskedInTheSheet = Message(
        zh: "手机号已被遮蔽（含 *），请填写完整号码", en: "the phone is masked (has *): enter the full number")
    static func pointVillageMismatch(_ code: String, _ village: DivisionCode) -> Message {
        Message(zh: "服务点 \(code) 不在村 \(village)", en: "point \(code) is not in village \(village)")
    }
    public static func pointsImported(created: Int, updated: Int, unchanged: Int) -> Message {
        Message(zh: "新建 \(created) 个，更新 \(updated) 个，未变 \(unchanged) 个", en: "\(created) created, \(updated) updated, \(unchanged) unchanged")
    }
    static func samePointAsRow(_ row: Int, _ code: String) -> Message {
        Message(zh: "与第\(row)行是同一个服务点（\(code)）：同一文件不能重复登记", en: "the same point as row \(row) (\(code)): a file lists a point once")
    }
    /// A check's label; a check without one is shown by its name.
    public static func checkName(_ name: String) -> Message {
        switch name {
        case "file": Message(zh: "文件", en: "file")
        case "integrity": Message(zh: "完整性（integrity_check）", en: "integrity (integrity_check)")
        case "foreign_keys": Message(zh: "外键（foreign_key_check）", en: "foreign keys (foreign_key_check)")
        case "schema": Message(zh: "表、索引和视图", en: "tables, indexes and views")
        case "triggers": Message(zh: "触发器", en: "triggers")
        case "audit_chain": Message(zh: "审计链", en: "audit chain")
        default: Message(zh: name, en: name)
        }
    }
    public static func checkPassed(_ name: String) -> Message {
        Message(zh: "\(checkName(name).zh)：正常", en: "\(checkName(name).en): ok")
    }
    public static func databaseSound(_ path: String) -> Message {
        Message(zh: "\(path) 检查通过，没有发现损坏", en: "\(path) passes every check: no damage found")
    }
    public static func databaseDamaged(_ path: String, problems: Int) -> Message {
        Message(
            zh: "\(path) 发现 \(problems) 处问题：用 wancun restore 从备份恢复",
            en: "\(path): \(problems) problem(s) found; wancun restore brings back a backup")
    }
    public static func auditChainIntact(lines: Int64) -> Message {
        Message(zh: "审计链完好：共 \(lines) 行，逐行核对无误", en: "audit chain intact: \(lines) lines, each checked")
    }
    public static let auditDamageFound = Message(
        zh: "审计记录有损：请与最近一份纸质花名册、对账报告或备份上的审计链头核对",
        en: "the audit trail is damaged: compare with the chain head on the latest paper roster, reconciliation report or backup")
    public static func runRecorded(_ id: Int64, _ month: Month, points: Int, eligible: Int, total: Fen) -> Message {
        Message(
            zh: "已记录第 \(id) 次核查（\(month)）：\(points) 个服务点，符合条件 \(eligible) 个，合计 \(total.yuanText) 元（草稿，定稿后方可导出）",
            en: "run \(id) recorded (\(month)): \(points) points, \(eligible) eligible, \(total.yuanText) yuan in all (draft; finalize before export)"
        )
    }
    public static func runFinalized(_ id: Int64) -> Message { Message(zh: "第 \(id) 次核查已定稿", en: "run \(id) is final") }
    public static func rosterWritten(_ path: String, rows: Int, total: Fen, manifest: String) -> Message {
        Message(
            zh: "已写出花名册 \(path)：\(rows) 人，合计 \(total.yuanText) 元；\n清单 \(manifest)",
            en: "roster \(path) written: \(rows) people, \(total.yuanText) yuan;\nmanifest \(manifest)")
    }
    public static func retirementAnswer(years: Int, months: Int, month: Month) -> Message {
        Message(zh: "法定退休年龄 \(years) 岁 \(months) 个月，退休月份 \(month)", en: "retirement age \(years) years \(months) months, retiring \(month)")
    }
    public static let policySet = Message(zh: "参数已设置（已记入审计）", en: "parameter set (audited)")
    public static let verified = Message(zh: "已记录人社部门核定", en: "HR verification recorded")
    public static let openingBalanceSet = Message(zh: "已记录期初已享受月数", en: "opening balance recorded")
    public static let retirementOverridden = Message(zh: "已调整退休月份（已记入审计）", en: "retirement month overridden (audited)")
    public static func noOtherPostsRecorded(_ month: Month) -> Message {
        Message(zh: "已登记 \(month) 没有其他部门公益性岗位（已记入审计）", en: "recorded that \(month) has no other departments' posts (audited)")
    }
    public static func eligibleAmount(_ amount: Fen) -> Message {
        Message(zh: "符合条件 \(amount.yuanText)", en: "eligible \(amount.yuanText)")
    }
    public static let noDifferences = Message(zh: "两次核查结果相同", en: "the two runs agree")
    /// An other departments' list with a header and no one under it: "none" is said on purpose.
    static func noOtherPostRows(headerRow: Int, on surface: Surface = .commandLine) -> Message {
        if surface != .commandLine {
            return Message(
                zh: "表头（第\(headerRow)行）下面没有数据行：如本月确实没有其他部门公益性岗位，不要导入空表，请在“补贴”页用“登记为无”登记（须写明依据）",
                en: "there are no data rows below the header (row \(headerRow)): if the month has no such posts, do not import an "
                    + "empty list; record that on the Subsidy page with Record none, with its source")
        }
        return Message(
            zh: "表头（第\(headerRow)行）下面没有数据行：如本月确实没有其他部门公益性岗位，请用 wancun subsidy other-posts none --month … --source … 登记",
            en: "there are no data rows below the header (row \(headerRow)): if the month has no "
                + "such posts, record that with wancun subsidy other-posts none --month … --source " + "…")
    }
}

extension Message.Header {
    public static let role = Message(zh: "角色", en: "Role")
    public static let disabled = Message(zh: "已停用", en: "Disabled")
    public static let createdAt = Message(zh: "创建时间", en: "Created")
    public static let changedAt = Message(zh: "修改时间", en: "Changed")
    public static let outcome = Message(zh: "结果", en: "Outcome")
    public static let key = Message(zh: "对账键", en: "Key")
    public static let fileRow = Message(zh: "文件行号", en: "File row")
    public static let expected = Message(zh: "登记系统", en: "Registry")
    public static let actual = Message(zh: "对方文件", en: "File")
    public static let kind = Message(zh: "类型", en: "Kind")
    public static let count = Message(zh: "数量", en: "Count")
    public static let difference = Message(zh: "差额", en: "Difference")
    public static let differences = Message(zh: "差异", en: "Differences")
    public static let policyKey = Message(zh: "参数", en: "Parameter")
    public static let unit = Message(zh: "单位", en: "Unit")
    public static let source = Message(zh: "依据", en: "Source")
    public static let month = Message(zh: "月份", en: "Month")
    public static let points = Message(zh: "服务点数", en: "Points")
    public static let eligible = Message(zh: "符合条件", en: "Eligible")
    public static let policyHash = Message(zh: "参数哈希", en: "Policy sha256")
    public static let inputsHash = Message(zh: "输入哈希", en: "Inputs sha256")
    public static let monthsUsed = Message(zh: "已享受月数", en: "Months used")
    public static let statutoryRetirementMonth = Message(zh: "法定退休月份", en: "Statutory retirement month")
    public static let agreedRetirementMonth = Message(zh: "约定退休月份", en: "Agreed retirement month")
    public static let overrideReason = Message(zh: "调整原因", en: "Reason for the change")
    public static let failingRules = Message(zh: "不符合的条件", en: "Failing rules")
    public static let runA = Message(zh: "前次", en: "Run A")
    public static let runB = Message(zh: "本次", en: "Run B")
    public static let outOfScope = Message(zh: "范围外", en: "Out of scope")
}

extension Message.Section {
    public static let differences = Message(zh: "差异明细", en: "Differences")
}

extension Message.Coverage {
    /// The header of the column counting a coverage row's points of one status.
    public static func pointsIn(_ status: Message) -> Message {
        Message(zh: "\(status.zh)服务点", en: "Points \(status.en)")
    }
}

extension Message {
    /// A ledger row dated on a day its point was not operating (`status` that day, by its label;
    /// nil before its status history begins).
    static func notOperatingOnDate(_ day: LocalDate, _ status: Message?) -> Message {
        let zh = status.map { "（\($0.zh)）" } ?? "（尚无营业记录）"
        let en = status.map { " (\($0.en))" } ?? " (no status recorded yet)"
        return Message(
            zh: "服务点 \(day) 未在营业\(zh)：已导入，但不计入补贴核查的业务量",
            en: "the point was not operating on \(day)\(en): imported, but not counted in the subsidy check's activity")
    }

    /// Failing rules by their labels, in reading order.
    public static func ruleList(_ labels: [Message]) -> Message {
        Message(zh: labels.map(\.zh).joined(separator: "；"), en: labels.map(\.en).joined(separator: "; "))
    }
}
