// The words of the web's 首页, 报表, 审计 and account pages.

extension Message.Web {
    public static let users = Message(zh: "账号", en: "Accounts")

    public enum Overview {
        public static let coverageChart = Message(zh: "各乡镇行政村覆盖率", en: "Rural-village coverage by town")
        public static let coverageTable = Message(zh: "覆盖情况", en: "Coverage")
        public static let download = Message(zh: "下载 Excel", en: "Download Excel")
        public static let noTowns = Message(zh: "没有乡镇。", en: "No town.")
        public static let monthCheck = Message(zh: "本月补贴核算", en: "This month's check")
        public static func checkNone(_ month: Month) -> Message {
            Message(zh: "\(month) 尚未核算。", en: "\(month) has not been checked yet.")
        }
        public static func checkDraft(_ month: Month, run: Int64) -> Message {
            Message(zh: "\(month) 已核算（第 \(run) 号，草稿，待审核定稿）", en: "\(month) checked (run \(run), a draft waiting for review)")
        }
        public static func checkFinal(_ month: Month, run: Int64) -> Message {
            Message(zh: "\(month) 已定稿（第 \(run) 号）", en: "\(month) finalized (run \(run))")
        }
        public static let openRun = Message(zh: "查看核算", en: "Open the run")
        public static let attention = Message(zh: "待处理事项", en: "Needs attention")
        public static func withoutCourier(_ n: Int) -> Message {
            Message(zh: "无快递合作的服务点（\(n)）", en: "Points with no courier (\(n))")
        }
        public static func verificationsEnding(_ n: Int, days: Int) -> Message {
            Message(zh: "\(days) 天内人社核验到期（\(n)）", en: "HR verifications ending within \(days) days (\(n))")
        }
        public static func contractsEnding(_ n: Int, days: Int) -> Message {
            Message(zh: "\(days) 天内合同到期（\(n)）", en: "Contracts ending within \(days) days (\(n))")
        }
        public static func nearCap(_ n: Int, months: Int) -> Message {
            Message(zh: "距补贴月数上限 \(months) 个月以内的站长（\(n)）", en: "Operators within \(months) months of the months cap (\(n))")
        }
        public static func nearRetirement(_ n: Int, months: Int) -> Message {
            Message(zh: "\(months) 个月内到退休年龄的站长（\(n)）", en: "Operators reaching retirement within \(months) months (\(n))")
        }
        public static func endsOn(_ date: LocalDate) -> Message { Message(zh: "\(date) 到期", en: "ends \(date)") }
        public static func monthsUsed(_ used: Int, cap: Int?) -> Message {
            Message(zh: "已补贴 \(used)/\(cap.map(String.init) ?? "—") 个月", en: "\(used)/\(cap.map(String.init) ?? "—") months paid")
        }
        public static func retiresIn(_ month: Month) -> Message { Message(zh: "\(month) 退休", en: "retires \(month)") }
        public static let nothing = Message(zh: "无", en: "None")
    }

    public enum Trail {
        public static let entity = Message(zh: "对象类型", en: "About")
        public static let key = Message(zh: "编码、身份证号或账号", en: "Code, ID number or account")
        public static let from = Message(zh: "起始日期", en: "From")
        public static let to = Message(zh: "截止日期", en: "To")
        public static let none = Message(zh: "没有符合条件的审计记录。", en: "No audit line matches.")
        public static let all = Message(zh: "查看全部审计记录", en: "The whole audit trail")
        public static func pageOf(_ page: Int, _ pages: Int, total: Int) -> Message {
            Message(zh: "第 \(page)/\(pages) 页，共 \(total) 条", en: "Page \(page) of \(pages), \(total) in all")
        }
    }

    public enum Users {
        public static let add = Message(zh: "添加账号", en: "Add an account")
        public static let passwordRepeat = Message(zh: "再次输入密码", en: "Password again")
        public static let save = Message(zh: "添加", en: "Add")
        public static let disable = Message(zh: "停用", en: "Disable")
        public static let resetPassword = Message(zh: "重设密码", en: "Reset password")
        public static let newPassword = Message(zh: "新密码", en: "New password")
        public static let enabled = Message(zh: "启用", en: "Enabled")
        public static let state = Message(zh: "状态", en: "State")
        public static let disabledState = Message(zh: "已停用", en: "Disabled")
        public static let actions = Message(zh: "操作", en: "Actions")
        public static let noTown = Message(zh: "（不指定）", en: "(none)")
        public static let passwordRequired = Message(zh: "请输入密码", en: "type a password")
        public static let townRequired = Message(zh: "乡镇经办人的账号须选择乡镇", en: "a town clerk's account needs its town")
        public static func added(_ name: String) -> Message { Message(zh: "已添加账号 \(name)。", en: "Account \(name) added.") }
        public static func disabled(_ name: String) -> Message { Message(zh: "已停用账号 \(name)。", en: "Account \(name) disabled.") }
        public static func passwordSet(_ name: String) -> Message {
            Message(zh: "已重设账号 \(name) 的密码。", en: "The password of \(name) was reset.")
        }
        public static let notSaved = Message(zh: "未保存，请改正标出的项目。", en: "Nothing saved; correct what is marked.")
    }
}
