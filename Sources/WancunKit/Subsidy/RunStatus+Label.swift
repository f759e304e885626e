// A run's status, read by its label from the catalogue where a run is shown.

extension RunStatus: Labelled { public var label: Message { .runStatus(self) } }

extension Message {
    public static func runStatus(_ status: RunStatus) -> Message {
        switch status {
        case .draft: Message(zh: "草稿", en: "draft")
        case .final: Message(zh: "已定稿", en: "final")
        case .replaced: Message(zh: "已被替换", en: "replaced")
        }
    }
}
