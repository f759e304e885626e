// A point's status, read by its label from the catalogue where a status is shown or written.

extension PointStatus: Labelled { public var label: Message { .pointStatus(self) } }

extension Message {
    public static func pointStatus(_ status: PointStatus) -> Message {
        switch status {
        case .planned: Message(zh: "规划中", en: "planned")
        case .operating: Message(zh: "运营中", en: "operating")
        case .suspended: Message(zh: "暂停", en: "suspended")
        case .closed: Message(zh: "已关闭", en: "closed")
        }
    }
}
