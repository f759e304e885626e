// The catalogue: divisions and their import.
extension Message {
    static let divisionLevelUnknown = Message(
        zh: "级别应为 省、市、县、乡镇 或 村",
        en: "level must be province, city, county, town or village")
    static func divisionLevelMismatch(stated: String, shape: DivisionLevel) -> Message {
        Message(
            zh: "级别写的是“\(stated)”，但代码的形态是\(divisionLevel(shape).zh)级",
            en: "level says \"\(stated)\" but the code's shape is \(shape.rawValue)")
    }
    static func divisionDuplicate(firstRow: Int) -> Message {
        Message(zh: "代码重复，第\(firstRow)行已有", en: "duplicate code, first on row \(firstRow)")
    }
    static func divisionParentNotPrefix(expected: DivisionCode) -> Message {
        Message(
            zh: "上级代码应为 \(expected)（代码的前缀）", en: "the parent code must be \(expected), the code's prefix")
    }
    static let divisionParentMissing = Message(
        zh: "上级代码在文件和数据库中都不存在", en: "the parent code is neither in the file nor in the database")
    static let divisionParentForProvince = Message(
        zh: "省级区划不应有上级代码", en: "a province has no parent code")
    static let divisionNameEmpty = Message(zh: "名称为空", en: "the name is empty")

    static func divisionsUnchanged(_ count: Int) -> Message {
        Message(zh: "文件中 \(count) 个区划与数据库一致，没有变化", en: "all \(count) divisions in the file match the database: nothing changed")
    }
    static func divisionsImported(added: Int, renamed: Int, retired: Int, restored: Int) -> Message {
        Message(
            zh: "新增 \(added) 个，更名 \(renamed) 个，停用 \(retired) 个，恢复 \(restored) 个",
            en: "\(added) added, \(renamed) renamed, \(retired) retired, \(restored) restored")
    }
    static func divisionScope(_ name: String, _ code: DivisionCode?) -> Message {
        if let code {
            return Message(zh: "比对范围：\(name)（\(code)）以下", en: "compared below \(name) (\(code))")
        }
        return Message(zh: "比对范围：全部区划", en: "compared against all divisions")
    }
    public static func divisionChangeKind(_ kind: DivisionChange.Kind) -> Message {
        switch kind {
        case .added: Message(zh: "新增", en: "added")
        case .renamed: Message(zh: "更名", en: "renamed")
        case .retired: Message(zh: "停用", en: "retired")
        case .restored: Message(zh: "恢复", en: "restored")
        }
    }
    static func divisionUnknown(_ code: DivisionCode) -> Message {
        Message(zh: "没有区划 \(code)", en: "no division \(code)")
    }
}

extension Message {
    public static func divisionLevel(_ level: DivisionLevel) -> Message {
        switch level {
        case .province: Message(zh: "省", en: "province")
        case .city: Message(zh: "市", en: "city")
        case .county: Message(zh: "县", en: "county")
        case .town: Message(zh: "乡镇", en: "town")
        case .village: Message(zh: "村", en: "village")
        }
    }
}
