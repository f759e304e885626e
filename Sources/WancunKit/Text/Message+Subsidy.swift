// The catalogue: the subsidy check, its rules and runs.
extension Message {
    /// A subsidy refusal; `surface` as for `UserFacingError.message(on:)`. The web's words say
    /// which button of which page to press; the parameters and the other departments' "none"
    /// are set on the server.
    static func subsidyError(_ error: SubsidyError, on surface: Surface = .commandLine) -> Message {
        guard surface == .commandLine else { return subsidyErrorOnThePage(error) ?? subsidyError(error) }
        switch error {
        case .policyKeyUnknown(let key):
            return Message(
                zh: "没有参数“\(key)”；可用：\(PolicyKey.allCases.map(\.rawValue).joined(separator: ", "))",
                en: "no parameter \"\(key)\"; known: \(PolicyKey.allCases.map(\.rawValue).joined(separator: ", "))")
        case .policyValueInvalid(let key, let value):
            return Message(zh: "参数 \(key) 的值“\(value)”不合要求", en: "\"\(value)\" is not a valid value for \(key)")
        case .policySourceRequired:
            return Message(zh: "请用 --source 写明依据（文件名和条款）", en: "give the source with --source (document and article)")
        case .policyMissing(let keys, let date):
            return Message(
                zh: "\(date) 时以下参数没有生效的值：\(keys.joined(separator: ", "))；用 wancun policy set 设置",
                en: "on \(date) these parameters have no value: \(keys.joined(separator: ", ")); set them with wancun policy set")
        case .overrideOutOfRange(let month, let earliest, let latest):
            return Message(
                zh: "退休月份 \(month) 超出可调整范围（\(earliest) 至 \(latest)：最多提前三年且不低于原退休年龄，最多推迟三年）",
                en: "retirement month \(month) is outside \(earliest) to \(latest) (at most three "
                    + "years early, never below the old age, or three years late)")
        case .runUnknown(let id):
            return Message(zh: "没有第 \(id) 次核查", en: "no run \(id)")
        case .runNotDraft(let id, let status):
            let label = RunStatus(rawValue: status).map(runStatus) ?? Message(zh: status, en: status)
            return Message(zh: "第 \(id) 次核查\(label.zh)，只有草稿可以定稿", en: "run \(id) is \(label.en); only a draft can be finalized")
        case .runNotFinal(let id):
            return Message(
                zh: "第 \(id) 次核查尚未定稿：先运行 wancun subsidy finalize \(id)", en: "run \(id) is not final: run wancun subsidy finalize \(id) first")
        case .runReplaced(let id, let replacement?):
            return Message(
                zh: "第 \(id) 次核查已被第 \(replacement) 次核查替换：请导出 wancun subsidy export \(replacement)",
                en: "run \(id) was replaced by run \(replacement): export wancun subsidy export \(replacement)")
        case .runReplaced(let id, nil):
            return Message(zh: "第 \(id) 次核查已被替换，本月现无定稿的核查", en: "run \(id) was replaced; the month has no final run now")
        case .finalExists(let month, let id):
            return Message(
                zh: "\(month) 已有定稿的第 \(id) 次核查；如需替换，加 --replace --reason 说明原因",
                en: "\(month) already has final run \(id); to replace it add --replace --reason")
        case .replaceNeedsReason:
            return Message(zh: "替换定稿须用 --reason 写明原因", en: "replacing a final run needs --reason")
        case .reconciled(let id):
            return Message(
                zh: "第 \(id) 次核查已与人社局反馈对账，不能再替换", en: "run \(id) has been reconciled with the bureau's answer and cannot be replaced")
        case .nothingToCheck(let month):
            return Message(zh: "\(month) 没有需要核查的服务点", en: "no points to check in \(month)")
        case .monthInFuture(let month):
            return Message(zh: "\(month) 尚未到来", en: "\(month) has not come yet")
        case .monthNotOver(let month, let today, let fromDay):
            if let fromDay {
                return Message(
                    zh: "\(month) 尚未结束（今天 \(today)）；按本县参数，自当月 \(fromDay) 日起方可提前核查",
                    en: "\(month) has not ended (today is \(today)); the county's policy allows an early check from day \(fromDay)")
            }
            return Message(
                zh: "\(month) 尚未结束（今天 \(today)），月份结束后方可核查；如本县须提前报送，用 wancun policy set check_from_day 设置",
                en: "\(month) has not ended (today is \(today)); check it once it has, or set check_from_day for early reports")
        case .draftStale(let id, let changes):
            let list = changes.prefix(10).joined(separator: "；") + (changes.count > 10 ? "……" : "")
            return Message(
                zh: "第 \(id) 次核查之后登记信息已有变化，请重新核查（wancun subsidy check）再定稿：\(list)",
                en: "the registry changed since run \(id) was made; run the check again before finalizing: \(list)")
        case .withoutOtherPostsNeedsReason:
            return Message(zh: "--without-other-posts 须用 --reason 写明原因", en: "--without-other-posts needs --reason")
        case .otherPostsLoaded(let month):
            return Message(
                zh: "\(month) 的其他部门公益性岗位名单已从文件导入，登记为无会删去名单上的岗位：名单有误时请重新导入更正后的文件；确要以“无”替换请加 --replace-list",
                en: "the other departments' list for \(month) was imported from a file and recording none would drop its posts: "
                    + "import the corrected file, or add --replace-list to replace it with none")
        case .otherPostsKnown(let month):
            return Message(
                zh: "\(month) 的其他部门公益性岗位名单已导入或已登记为无，不必用 --without-other-posts",
                en: "the other departments' list for \(month) is known; --without-other-posts is not needed")
        case .openingBalanceOverlapsFinal(let asOf, let firstPaid):
            return Message(
                zh: "期初截至月 \(asOf) 不早于已定稿发放的首月 \(firstPaid)：期初只能记录登记系统之前的月份",
                en: "the opening balance as of \(asOf) is not before \(firstPaid), the first month a "
                    + "final run paid: it may only cover months before the registry")
        case .openingBalanceOverCap(let months, let paid, let maximum):
            return Message(
                zh: "期初 \(months) 个月加上已定稿发放的 \(paid) 个月超过最长 \(maximum) 个月：请先核对已发放月份（人社局不通过的月份不计）",
                en: "\(months) opening months and \(paid) months final runs paid pass the maximum of "
                    + "\(maximum): check the paid months first (months the bureau rejected do not " + "count)")
        case .approvalOverCap(let masked, let months, let maximum):
            return Message(
                zh: "人社局反馈把 \(masked) 此前不通过的月份改为通过，其已享受月数将达 \(months) 个月，超过最长 \(maximum) 个月（之后的月份已按未享受计算并定稿）：请与人社局核对，本次对账未记录",
                en: "the bureau's answer approves a month it had rejected for \(masked): months used "
                    + "would be \(months), past the maximum of \(maximum) (later months were finalized "
                    + "without it); check with the bureau; nothing was recorded")
        case .approvalNotPayable(let masked, let month):
            return Message(
                zh: "人社局反馈把 \(masked) \(month) 此前不通过的月份改为通过，但该月已不可发放（已到调整后的退休月份，或已计入期初月数）：请与人社局核对，本次对账未记录",
                en: "the bureau's answer approves \(month) for \(masked), a month it had rejected, "
                    + "that can no longer be paid (at or after an agreed retirement, or in the opening "
                    + "balance); check with the bureau; nothing was recorded")
        case .overrideBeforePaidMonth(let month, let lastPaid):
            return Message(
                zh: "已定稿发放至 \(lastPaid)，退休月份 \(month) 须晚于已发放的月份",
                en: "final runs paid up to \(lastPaid); the retirement month \(month) must come after the months paid")
        case .openingBalanceFirstMonth:
            return Message(
                zh: "期初月数或首月不合理（0–600 个月，首月不晚于截至月）", en: "opening months or first month out of range (0–600 months, first month not after as-of)")
        case .profileFieldUnknown(let field):
            return Message(
                zh: "花名册模板中的字段“\(field)”不认识；可用：\(RosterField.allCases.map(\.header).joined(separator: "、"))（也可填英文代码）",
                en: "roster profile field \"\(field)\" is unknown; known: \(RosterField.allCases.map(\.rawValue).joined(separator: ", "))")
        }
    }

    static func subsidyErrorOnThePage(_ error: SubsidyError) -> Message? {
        typealias S = Message.Web.Subsidy
        switch error {
        case .policySourceRequired:
            return Message(zh: "请写明依据（文件名和条款）", en: "give the source (document and article)")
        case .policyMissing(let keys, let date):
            return Message(
                zh: "\(date) 时以下参数没有生效的值：\(keys.joined(separator: ", "))；请管理员在服务器上设置",
                en: "on \(date) these parameters have no value: \(keys.joined(separator: ", ")); an administrator sets them on the server")
        case .runNotFinal(let id):
            return Message(
                zh: "第 \(id) 次核查尚未定稿：先由审核人在该次核查的页面上按“\(S.finalize.zh)”",
                en: "run \(id) is not final: a reviewer presses “\(S.finalize.en)” on the run's page first")
        case .runReplaced(let id, let replacement?):
            return Message(
                zh: "第 \(id) 次核查已被第 \(replacement) 次核查替换：请在第 \(replacement) 次核查的页面上下载花名册",
                en: "run \(id) was replaced by run \(replacement): take the roster from run \(replacement)'s page")
        case .finalExists(let month, let id):
            return Message(
                zh: "\(month) 已有定稿的第 \(id) 次核查；如需替换，勾选“\(S.againstFinal.zh)”后重新核查，再由审核人在新核查的页面上按“\(S.replace.zh)”并写明原因",
                en: "\(month) already has final run \(id); to replace it, tick “\(S.againstFinal.en)” and check again, then a "
                    + "reviewer presses “\(S.replace.en)” on the new run's page and gives the reason")
        case .replaceNeedsReason:
            return S.replaceNeedsReason
        case .monthNotOver(let month, let today, nil):
            return Message(
                zh: "\(month) 尚未结束（今天 \(today)），月份结束后方可核查；如本县须提前报送，请管理员在服务器上设置参数 check_from_day",
                en: "\(month) has not ended (today is \(today)); check it once it has, or have an administrator set check_from_day for early reports")
        case .draftStale(let id, let changes):
            let list = changes.prefix(10).joined(separator: "；") + (changes.count > 10 ? "……" : "")
            return Message(
                zh: "第 \(id) 次核查之后登记信息已有变化，请在补贴页面重新核查本月再定稿：\(list)",
                en: "the registry changed since run \(id) was made; check the month again on the subsidy page before finalizing: \(list)")
        case .withoutOtherPostsNeedsReason:
            return Message(zh: "未取得其他部门名单而核查须写明原因", en: "checking without the other departments' list needs the reason")
        case .otherPostsLoaded(let month):
            return Message(
                zh: "\(month) 的其他部门公益性岗位名单已从文件导入，不能登记为无；名单有误时请重新导入更正后的文件",
                en: "the other departments' list for \(month) was imported from a file and cannot be recorded as none; "
                    + "import the corrected file instead")
        case .otherPostsKnown(let month):
            return Message(
                zh: "\(month) 的其他部门公益性岗位名单已导入或已登记为无，不必说明未取得名单的原因",
                en: "the other departments' list for \(month) is known; no reason for checking without it is needed")
        default:
            return nil
        }
    }

    public static func outOfScopeCounted(_ counts: [ScopeReason: Int]) -> Message {
        let parts = ScopeReason.allCases.compactMap { r in counts[r].map { (r, $0) } }
        return Message(
            zh: "另有 \(counts.values.reduce(0, +)) 个服务点不在本月核查范围内（" + parts.map { "\(Message.scopeReason($0.0).zh) \($0.1) 个" }.joined(separator: "，")
                + "），\n用 wancun subsidy show RUN --only out-of-scope 查看",
            en: "\(counts.values.reduce(0, +)) more points were not in the month's scope\n("
                + parts.map { "\(Message.scopeReason($0.0).en): \($0.1)" }.joined(separator: ", ")
                + ");\nsee wancun subsidy show RUN --only out-of-scope")
    }
    /// Failing rules by label, in reading order.
    public static func subsidyRules(_ rules: [SubsidyRule]) -> Message {
        ruleList(rules.map(subsidyRule))
    }
}
