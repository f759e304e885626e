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

    public static func reconHeadline(_ id: Int64, _ kind: ReconKind, _ subject: String) -> Message {
        Message(zh: "第 \(id) 号对账：\(reconKind(kind).zh)（\(subject)）", en: "reconciliation \(id): \(reconKind(kind).en) (\(subject))")
    }
}
