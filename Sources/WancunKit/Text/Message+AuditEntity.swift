extension Message.Web.Trail {
    /// What an audit line is about, as the audit page's filter names it.
    public static func entityLabel(_ entity: AuditEntity) -> Message {
        switch entity {
        case .point: Message(zh: "服务点", en: "Point")
        case .operator: Message(zh: "站长", en: "Operator")
        case .division: Message(zh: "区划", en: "Division")
        case .user: Message(zh: "账号", en: "Account")
        }
    }
}
