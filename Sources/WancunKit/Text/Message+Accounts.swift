// The catalogue: accounts, roles and a reviewer's approval.
extension Message {
    static func accessAction(_ action: AccessAction) -> Message {
        switch action {
        case .readRegistry: Message(zh: "查看登记信息", en: "read the registry")
        case .changeRegistry: Message(zh: "修改登记信息", en: "change the registry")
        case .reveal: Message(zh: "显示完整身份证号", en: "show ID numbers in full")
        case .approve: Message(zh: "审核", en: "approve")
        case .manageUsers: Message(zh: "管理账号", en: "manage accounts")
        case .runSubsidy: Message(zh: "核查补贴", en: "run the subsidy check")
        }
    }

    /// An account's refusal; `surface` as for `UserFacingError.message(on:)`.
    static func accountError(_ error: AccountError, on surface: Surface = .commandLine) -> Message {
        switch error {
        case .userUnknown(let name) where surface != .commandLine:
            Message(zh: "没有账号 \(name)", en: "no account \(name)")
        case .passwordEmpty where surface != .commandLine:
            Message.Web.Users.passwordRequired
        case .townRequired where surface != .commandLine:
            Message.Web.Users.townRequired
        case .townNotForRole(let role) where surface != .commandLine:
            Message(
                zh: "只有乡镇经办人的账号指定乡镇，\(Message.role(role).zh)不选乡镇",
                en: "only a town clerk's account names a town; for a \(Message.role(role).en) leave the town empty")
        case .townUnknown(let code) where surface != .commandLine:
            Message(zh: "\(code) 不是登记中的乡镇：请从列表中选择乡镇", en: "\(code) is not a town of the registry: choose one from the list")
        case .reviewerRequired where surface != .commandLine:
            Message(
                zh: "已有账号，此操作须经另一人审核：请审核人用自己的账号登录后在本页审核（不能是经办人本人）",
                en: "accounts exist, so this needs another person's approval: a reviewer signs in with their own account "
                    + "and approves it on this page (not the clerk)")
        case .nameInvalid(let name):
            Message(
                zh: "账号名“\(name)”不可用：须为 1 至 32 个字符，不含冒号和控制字符",
                en: "the account name \"\(name)\" cannot be used: 1 to 32 characters, no colon and no control characters")
        case .userExists(let name):
            Message(zh: "账号 \(name) 已存在", en: "the account \(name) exists already")
        case .userUnknown(let name):
            Message(zh: "没有账号 \(name)：wancun user list 列出全部账号", en: "no account \(name): wancun user list shows every account")
        case .userDisabled(let name):
            Message(zh: "账号 \(name) 已停用", en: "the account \(name) is disabled")
        case .passwordTooShort(let minimum):
            Message(zh: "密码太短：至少 \(minimum) 个字符", en: "the password is too short: \(minimum) characters at least")
        case .passwordTooLong(let maximum):
            Message(
                zh: "密码太长：最多 \(maximum) 字节（一个汉字占 3 字节）",
                en: "the password is too long: \(maximum) bytes at most (a Chinese character takes 3)")
        case .passwordsDiffer:
            Message(zh: "两次输入的密码不一致，密码未更改", en: "the two passwords typed differ; nothing changed")
        case .passwordEmpty:
            Message(
                zh: "没有读到密码：在提示处输入，或用 --password-stdin 从标准输入读取",
                en: "no password read: type it at the prompt, or give it on standard input with --password-stdin")
        case .townRequired:
            Message(zh: "乡镇经办人的账号须用 --town 指定乡镇代码", en: "a town clerk's account needs its town's code with --town")
        case .townNotForRole(let role):
            Message(
                zh: "只有乡镇经办人的账号指定乡镇，\(Message.role(role).zh)不指定 --town",
                en: "only a town clerk's account names a town; a \(Message.role(role).en) takes no --town")
        case .townUnknown(let code):
            Message(
                zh: "\(code) 不是登记中的乡镇：wancun division list --level town 列出乡镇",
                en: "\(code) is not a town of the registry: wancun division list --level town lists the towns")
        case .lastAdmin(let name):
            Message(
                zh: "\(name) 是最后一个启用的管理员账号，不能停用：先添加另一个管理员",
                en: "\(name) is the last enabled administrator and cannot be disabled: add another administrator first")
        case .notAllowed(let name, let action):
            Message(
                zh: "账号 \(name) 无权\(accessAction(action).zh)",
                en: "the account \(name) may not \(accessAction(action).en)")
        case .reviewerRequired:
            Message(
                zh: "已有账号，此操作须经另一人审核：用 --reviewer 指定审核人账号（不能是经办人本人）",
                en: "accounts exist, so this needs another person's approval: name a reviewer's account with --reviewer (not the clerk's own)")
        case .notReviewer(let name, let role):
            Message(
                zh: "\(name) 是\(Message.role(role).zh)，不是审核人：审核须由审核人账号进行",
                en: "\(name) is a \(Message.role(role).en), not a reviewer: only a reviewer's account approves")
        case .reviewerIsMaker(let name):
            Message(
                zh: "\(name) 是经办人本人，不能审核自己的操作：须由另一位审核人审核",
                en: "\(name) made this and cannot approve it: another reviewer must")
        }
    }

    public static func userAdded(_ name: String, _ role: Role) -> Message {
        Message(zh: "已添加账号 \(name)（\(Message.role(role).zh)）", en: "account \(name) added (\(Message.role(role).en))")
    }
    public static func demoUser(_ name: String, _ role: Role, town: String?, password: String) -> Message {
        Message(
            zh: "  \(name)（\(Message.role(role).zh)\(town.map { "，\($0)" } ?? "")）  演示密码：\(password)",
            en: "  \(name) (\(Message.role(role).en)\(town.map { ", \($0)" } ?? "")) demo password: \(password)")
    }
}

extension Message.Web {
    /// Where a reviewer approved a run.
    public static func reviewedVia(_ via: Review.Via) -> Message {
        switch via {
        case .cli: Message(zh: "命令行", en: "Command line")
        case .web: Message(zh: "网页", en: "Web pages")
        }
    }
}
