// The words of the pages `wancun serve` shows.

extension Message {
    public enum Web {
        public static let title = Message(zh: "万村服务点登记", en: "Wancun service points")
        public static let home = Message(zh: "首页", en: "Home")
        public static let points = Message(zh: "服务点", en: "Points")
        public static let operators = Message(zh: "站长", en: "Operators")
        public static let imports = Message(zh: "导入", en: "Import")
        public static let subsidy = Message(zh: "补贴", en: "Subsidy")
        public static let reconcile = Message(zh: "对账", en: "Reconcile")
        public static let reports = Message(zh: "报表", en: "Reports")
        public static let audit = Message(zh: "审计", en: "Audit")
        public static let signIn = Message(zh: "登录", en: "Sign in")
        public static let signOut = Message(zh: "退出", en: "Sign out")
        public static let userName = Message(zh: "用户名", en: "User name")
        public static let password = Message(zh: "密码", en: "Password")
        public static let signInRefused = Message(zh: "用户名或密码不正确。", en: "The user name or password is wrong.")
        public static let tooManyAttempts = Message(
            zh: "登录失败次数过多，请稍后再试。", en: "Too many failed sign-ins; try again later.")
        public static let noAccounts = Message(
            zh: "尚无用户，请在服务器上用 wancun user add 添加。", en: "There are no users yet; add one on the server with wancun user add.")
        public static let formExpired = Message(
            zh: "表单已过期或来源不明，请刷新页面后重新提交。", en: "The form has expired or did not come from this site; reload the page and send it again.")
        public static let notFound = Message(zh: "没有这个页面。", en: "There is no such page.")
        public static let failed = Message(zh: "服务器出错，请稍后再试。", en: "The server failed; try again later.")
        public static func tooLarge(limitBytes: Int) -> Message {
            let mib = Double(limitBytes) / 1_048_576
            let shown = mib >= 1 ? String(format: "%.0f MB", mib) : "\(limitBytes / 1024) KB"
            return Message(zh: "提交的内容太大：最多 \(shown)。", en: "What was sent is too large: at most \(shown).")
        }
        public static let search = Message(zh: "查询", en: "Search")
        public static let all = Message(zh: "全部", en: "All")
        public static func pageOf(_ page: Int, _ pages: Int, total: Int) -> Message {
            Message(zh: "第 \(page)/\(pages) 页，共 \(total) 个", en: "Page \(page) of \(pages), \(total) in all")
        }
        public static let previous = Message(zh: "上一页", en: "Previous")
        public static let next = Message(zh: "下一页", en: "Next")
        public static let noPoints = Message(zh: "没有符合条件的服务点。", en: "No point matches.")
        public static let none = Message(zh: "无", en: "None")
        public static let services = Message(zh: "服务", en: "Services")
        public static let couriers = Message(zh: "快递", en: "Couriers")
        public static let details = Message(zh: "基本信息", en: "Details")
        public static let byStatusAndTown = Message(zh: "各乡镇服务点状态", en: "Points by town and status")
        public static let signedInAs = Message(zh: "当前用户", en: "Signed in as")
        public static let total = Message(zh: "合计", en: "Total")
        /// A label and its value on one line: "当前用户：张三", "Signed in as: 张三".
        public static func labelled(_ label: Message, _ value: String) -> Message {
            Message(zh: label.zh + "：" + value, en: label.en + ": " + value)
        }
        /// A note after what it is about: "（张三）", " (张三)".
        public static func aside(_ text: String) -> Message { Message(zh: "（\(text)）", en: " (\(text))") }
        /// The switch between the languages of the pages.
        public static let language = Message(zh: "语言", en: "Language")
        /// Each language by its own name, as the switch shows it whatever the page's language.
        public static func languageName(_ language: Language) -> String {
            switch language {
            case .zh: "中文"
            case .en: "English"
            }
        }
    }
}

extension Message.Web {
    public static func serving(_ url: String, database: String) -> Message {
        Message(zh: "正在提供 \(database)：\(url)", en: "Serving \(database) at \(url) (Ctrl-C stops)")
    }
    public static func badListen(_ text: String) -> Message {
        Message(zh: "--listen 应为 主机:端口，例如 0.0.0.0:8080，而不是 \(text)", en: "--listen takes HOST:PORT, such as 0.0.0.0:8080, not \(text)")
    }
    public static let tlsPair = Message(zh: "--tls-cert 与 --tls-key 须一起给出。", en: "--tls-cert and --tls-key go together.")
    public static let stopped = Message(zh: "已停止。", en: "Stopped.")
}
