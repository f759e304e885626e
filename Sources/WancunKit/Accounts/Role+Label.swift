// An account's role, by its label from the catalogue where accounts are shown.

extension Message {
    public static func role(_ role: Role) -> Message {
        switch role {
        case .admin: Message(zh: "管理员", en: "administrator")
        case .countyClerk: Message(zh: "县级经办人", en: "county clerk")
        case .townClerk: Message(zh: "乡镇经办人", en: "town clerk")
        case .reviewer: Message(zh: "审核人", en: "reviewer")
        }
    }
}
