// The subsidy's rules, and why a point is not checked, read by their labels from the catalogue
// where a run's results show them.

extension SubsidyRule: Labelled { public var label: Message { .subsidyRule(self) } }
extension ScopeReason: Labelled { public var label: Message { .scopeReason(self) } }

extension Message {
    public static func subsidyRule(_ rule: SubsidyRule) -> Message {
        switch rule {
        case .pointNotInPlan: Message(zh: "服务点未纳入全省建设规划", en: "point not in the provincial plan")
        case .pointNotRural: Message(zh: "服务点不在行政村（村委会）", en: "point not in a rural village")
        case .pointNotVerified: Message(zh: "服务点未经人力社保部门核定", en: "point not verified by the HR bureau")
        case .pointNotOperating: Message(zh: "本月运营天数不足", en: "too few operating days in the month")
        case .operatorMissing: Message(zh: "本月没有站长", en: "no operator in the month")
        case .noDifficultyCert: Message(zh: "站长不是认定的就业困难人员", en: "the operator is not a certified person with employment difficulty")
        case .noContract: Message(zh: "没有覆盖本月的劳动合同或民事协议", en: "no contract or civil agreement covers the month")
        case .retired: Message(zh: "已到法定退休年龄", en: "statutory retirement age reached")
        case .monthsExhausted: Message(zh: "补贴月数已用满", en: "the maximum subsidised months are used")
        case .doublePost: Message(zh: "同月已享受其他公益性岗位补贴（双岗）", en: "subsidised in another post the same month")
        case .otherPostsMissing:
            Message(zh: "本月其他部门公益性岗位名单未导入，无法排除双岗", en: "the month's list of other departments' posts is missing")
        case .lowActivity: Message(zh: "本月业务量（包裹＋代购）不足", en: "too little activity (parcels and purchases) in the month")
        }
    }

    public static func scopeReason(_ reason: ScopeReason) -> Message {
        switch reason {
        case .registeredAfterMonth: Message(zh: "当月结束后才登记", en: "registered after the month")
        case .closedBeforeMonth: Message(zh: "当月之前已关闭", en: "closed before the month")
        case .notOperatingInMonth: Message(zh: "当月一天也未运营", en: "not operating on any day of the month")
        }
    }
}
