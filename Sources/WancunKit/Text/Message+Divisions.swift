// The catalogue: divisions and their import.
extension Message {
    public static func divisionChangeKind(_ kind: DivisionChange.Kind) -> Message {
        switch kind {
        case .added: Message(zh: "新增", en: "added")
        case .renamed: Message(zh: "更名", en: "renamed")
        case .retired: Message(zh: "停用", en: "retired")
        case .restored: Message(zh: "恢复", en: "restored")
        }
    }
}
