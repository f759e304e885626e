// The words of the web's 补贴 pages: runs, results, a point's rules, diffs and finalizing.

extension Message.Web {
    public enum Subsidy {
        public static let runs = Message(zh: "历次核查", en: "Runs")
        public static let noRuns = Message(zh: "尚无核查记录。", en: "No run yet.")
        public static let newRun = Message(zh: "核查一个月", en: "Check a month")
        public static let month = Message(zh: "月份（YYYY-MM）", en: "Month (YYYY-MM)")
        public static let runCheck = Message(zh: "开始核查", en: "Run the check")
        public static let againstFinal = Message(
            zh: "本月已定稿时仍重新核查（新核查须经审核替换定稿）", en: "Check again though the month is final (the new run replaces it once approved)")
        public static let waiverLabel = Message(
            zh: "尚未取得本月其他部门公益性岗位名单时，写明原因照常核查（记入审计）",
            en: "Without this month's list of the other departments' posts yet, give the reason to check all the same (audited)")
        public static let noOtherPostsCaption = Message(zh: "本月其他部门无公益性岗位", en: "No other department's post this month")
        public static let noOtherPostsHow = Message(
            zh: "其他部门确认本月没有公益性岗位时在此登记（有名单时请在“导入”上传）。",
            en: "When the other departments confirm they have no post this month, record it here (a list is uploaded under Imports).")
        public static let source = Message(zh: "依据（来文或确认人、日期）", en: "On whose word (letter, or who confirmed it and when)")
        public static let sourceRequired = Message(zh: "请写明依据", en: "Say on whose word")
        public static let recordNone = Message(zh: "登记为无", en: "Record none")
        public static func noneRecorded(_ month: Month) -> Message {
            Message(zh: "已登记 \(month) 其他部门无公益性岗位。", en: "Recorded: no other department's post in \(month).")
        }
        public static let reviewer = Message(zh: "审核人", en: "Reviewer")
        public static let via = Message(zh: "审核途径", en: "Approved through")
        public static let finalizedAt = Message(zh: "定稿时间", en: "Finalized")
        public static let asOf = Message(zh: "核查截至", en: "Checked as of")
        public static let withoutOtherPosts = Message(zh: "未取得其他部门名单的原因", en: "Checked without the other departments' list because")
        public static let replacedReason = Message(zh: "替换原因", en: "Why it was replaced")
        public static let townOnly = Message(zh: "只显示本乡镇的服务点及其合计。", en: "Only your town's points and their totals are shown.")

        public static func runTitle(_ id: Int64, _ month: Month) -> Message {
            Message(zh: "第 \(id) 次核查（\(month)）", en: "Run \(id) (\(month))")
        }
        public static func explanationTitle(_ id: Int64, _ code: String, _ name: String) -> Message {
            Message(zh: "第 \(id) 次核查 · \(code) \(name)", en: "Run \(id) · \(code) \(name)")
        }
        public static let summary = Message(zh: "概况", en: "Summary")
        public static let results = Message(zh: "核查结果", en: "Results")
        public static let outcome = Message(zh: "结果", en: "Outcome")
        public static let checked = Message(zh: "已核查的服务点", en: "Points checked")
        public static let eligibleOnly = Message(zh: "符合条件", en: "Eligible")
        public static let ineligibleOnly = Message(zh: "不符合条件", en: "Not eligible")
        public static let outOfScopeOnly = Message(zh: "不在核查范围", en: "Out of scope")
        public static let everyPoint = Message(zh: "全部（含范围外）", en: "All, out of scope too")
        public static let name = Message(zh: "服务点名称或站长姓名", en: "Point or operator name")
        public static let noResults = Message(zh: "没有符合条件的结果。", en: "No result matches.")

        public static let rules = Message(zh: "逐条核查", en: "Rule by rule")
        public static let rule = Message(zh: "不予补贴的情形", en: "Reason to refuse")
        public static let applies = Message(zh: "是否存在", en: "Applies")
        public static let passed = Message(zh: "否（通过）", en: "no (passed)")
        public static let failed = Message(zh: "是（不通过）", en: "yes (failed)")
        public static let facts = Message(zh: "依据", en: "Facts read")
        public static let backToRun = Message(zh: "返回本次核查", en: "Back to the run")

        public static let diff = Message(zh: "比较两次核查", en: "Compare two runs")
        public static let from = Message(zh: "前次", en: "Earlier run")
        public static let to = Message(zh: "本次", en: "Later run")
        public static let compare = Message(zh: "比较", en: "Compare")
        public static func diffTitle(_ a: Int64, _ b: Int64) -> Message {
            Message(zh: "比较第 \(a) 次与第 \(b) 次核查", en: "Run \(a) against run \(b)")
        }
        public static let diffNeedsRuns = Message(zh: "请选择要比较的两次核查。", en: "Choose the two runs to compare.")

        public static let finalize = Message(zh: "定稿", en: "Finalize")
        public static let finalizeHow = Message(
            zh: "定稿后本次核查即为本月的正式结果，可导出人社局花名册；定稿人记为审核人。",
            en: "Once finalized the run is the month's result and its roster can be taken; you are recorded as its reviewer.")
        public static let replace = Message(zh: "替换定稿", en: "Replace the final run")
        public static func replaceHow(_ final: Int64) -> Message {
            Message(
                zh: "本月已有定稿的第 \(final) 次核查：以本次核查替换它须写明原因。",
                en: "The month already has final run \(final): replacing it with this run needs a reason.")
        }
        public static let reason = Message(zh: "替换原因", en: "Reason")
        public static let cannotFinalize = Message(zh: "不能由你定稿：", en: "You cannot finalize this run: ")
        public static let roster = Message(zh: "下载人社局花名册（Excel 表格）", en: "Download the HR roster (xlsx)")
        public static let manifest = Message(zh: "下载花名册校验清单", en: "Download the roster's manifest")
        public static let rosterAudited = Message(
            zh: "花名册含完整身份证号，每次下载都记入审计。", en: "The roster carries full ID numbers; every download is audited.")

        /// A month with a final run, asked to be checked again from the web.
        public static func finalExists(_ month: Month, _ id: Int64) -> Message {
            Message(
                zh: "\(month) 已有定稿的第 \(id) 次核查；如需重新核查以替换它，请勾选下面的选项",
                en: "\(month) already has final run \(id); to check it again and replace that run, tick the box below")
        }
        public static let replaceNeedsReason = Message(zh: "替换定稿须写明原因", en: "Replacing a final run needs a reason")
    }
}
