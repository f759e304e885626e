// What a reconciliation found, and of what kind it is, read by their labels from the catalogue.

extension ReconOutcome: Labelled { public var label: Message { .reconOutcome(self) } }
extension ReconKind: Labelled { public var label: Message { .reconKind(self) } }

extension Message {
    public static func reconOutcome(_ outcome: ReconOutcome) -> Message {
        switch outcome {
        case .matched: Message(zh: "一致", en: "matched")
        case .amountMismatch: Message(zh: "金额不符", en: "amount differs")
        case .fieldMismatch: Message(zh: "内容不符", en: "field differs")
        case .onlyInRegistry: Message(zh: "仅登记系统有", en: "only in the registry")
        case .onlyInFile: Message(zh: "仅对方文件有", en: "only in the file")
        case .duplicateInFile: Message(zh: "文件中重复", en: "repeated in the file")
        case .unknownKey: Message(zh: "登记系统不认识", en: "unknown to the registry")
        case .invalidRow: Message(zh: "无法读取的行", en: "unreadable row")
        }
    }

    public static func reconKind(_ kind: ReconKind) -> Message {
        switch kind {
        case .hr: Message(zh: "人社局反馈", en: "HR bureau's answer")
        case .parcels: Message(zh: "快递到件清单", en: "courier manifest")
        case .fees: Message(zh: "快递费用结算单", en: "courier fee statement")
        case .purchases: Message(zh: "平台订单对账单", en: "platform statement")
        }
    }
}
