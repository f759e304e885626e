// The catalogue: reconciliations.
extension Message {
    /// A reconciliation's refusal; `surface` as for `UserFacingError.message(on:)`.
    static func reconError(_ error: ReconError, on surface: Surface = .commandLine) -> Message {
        switch error {
        case .alreadyReconciled(let id, let date) where surface != .commandLine:
            Message(
                zh: "这个文件已于 \(date) 对过账（第 \(id) 号对账）；确需再对一次，勾选“\(Message.Web.Reconcile.again.zh)”后重新上传",
                en: "this file was reconciled on \(date) (reconciliation \(id)); to do it again, tick "
                    + "“\(Message.Web.Reconcile.again.en)” and send it again")
        case .alreadyReconciled(let id, let date):
            Message(
                zh: "这个文件已于 \(date) 对过账（第 \(id) 号对账）；确需再对一次，加 --again",
                en: "this file was reconciled on \(date) (reconciliation \(id)); to do it again add --again")
        case .unknown(let id):
            Message(zh: "没有第 \(id) 号对账", en: "no reconciliation \(id)")
        case .runNotFinal(let id):
            Message(zh: "第 \(id) 次核查尚未定稿，不能与人社局反馈对账", en: "run \(id) is not final and cannot be reconciled")
        }
    }

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

    public static func reconHeadline(_ id: Int64, _ kind: ReconKind, _ subject: String) -> Message {
        Message(zh: "第 \(id) 号对账：\(reconKind(kind).zh)（\(subject)）", en: "reconciliation \(id): \(reconKind(kind).en) (\(subject))")
    }

}
