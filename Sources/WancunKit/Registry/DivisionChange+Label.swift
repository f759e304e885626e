// What a division import did to a division, read by its label from the catalogue.

extension DivisionChange.Kind: Labelled { public var label: Message { .divisionChangeKind(self) } }

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
