// A policy parameter, read by its label from the catalogue where the policy is shown.

extension PolicyKey: Labelled { public var label: Message { .policyKey(self) } }

extension Message {
    public static func policyKey(_ key: PolicyKey) -> Message {
        switch key {
        case .monthlyAmount: Message(zh: "每月补贴金额（分）", en: "monthly amount (fen)")
        case .maxMonths: Message(zh: "最长补贴月数", en: "maximum months")
        case .nearRetirementWindow: Message(zh: "临近退休延续期（月）", en: "near-retirement window (months)")
        case .minMonthlyActivity: Message(zh: "每月最低业务量", en: "minimum monthly activity")
        case .acceptedCategories: Message(zh: "认可的就业困难类别", en: "accepted difficulty categories")
        case .minOperatingDays: Message(zh: "每月最少运营天数", en: "minimum operating days")
        case .checkFromDay: Message(zh: "月末前可核查的起始日（未设则月份结束后）", en: "day from which a month may be checked early (none: after it ends)")
        case .tieRule: Message(zh: "在岗天数相同时的归属规则", en: "tie rule for equal days")
        case .factCoverage: Message(zh: "核定、认定、合同须覆盖的天数", en: "days a verification, certificate or contract must cover")
        case .requireRural: Message(zh: "仅限行政村（村委会）服务点", en: "rural villages only")
        }
    }
}
