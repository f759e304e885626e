// An operator's codes, read by their labels from the catalogue where a sheet, a command line
// or a table gives them.

extension DifficultyCategory: Labelled { public var label: Message { .difficulty(self) } }
extension RetirementGroup: Labelled { public var label: Message { .retirementGroup(self) } }
extension ContractType: Labelled {
    public var label: Message { .contractType(self) }
    public static var spellings: [String: ContractType] { ["labor": .labour] }
}

extension Message {
    public static func difficulty(_ category: DifficultyCategory) -> Message {
        switch category {
        case .age4050: Message(zh: "4050人员（女40周岁、男50周岁以上）", en: "4050 (women over 40, men over 50)")
        case .disabled: Message(zh: "残疾人", en: "disabled")
        case .zeroEmployment: Message(zh: "零就业家庭", en: "zero-employment household")
        case .minimumIncome: Message(zh: "最低生活保障家庭", en: "minimum-income household")
        case .landLost: Message(zh: "被征地农民", en: "land-lost farmer")
        case .longTermUnemployed: Message(zh: "连续失业一年以上", en: "unemployed a year or more")
        case .other: Message(zh: "其他", en: "other")
        }
    }

    public static func retirementGroup(_ group: RetirementGroup) -> Message {
        switch group {
        case .male: Message(zh: "男（60岁起）", en: "men (60 before the reform)")
        case .female55: Message(zh: "女干部（55岁起）", en: "women, cadre post (55)")
        case .female50: Message(zh: "女工人（50岁起）", en: "women, worker post (50)")
        }
    }

    public static func contractType(_ type: ContractType) -> Message {
        switch type {
        case .labour: Message(zh: "劳动合同", en: "labour contract")
        case .civil: Message(zh: "民事协议", en: "civil agreement")
        }
    }
}
