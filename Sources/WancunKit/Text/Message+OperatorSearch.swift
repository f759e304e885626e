// The catalogue: the web's search of operators by whether they run a point.
extension Message.WebOperators {
    public static func assignmentState(_ state: AssignmentState) -> Message {
        switch state {
        case .current: Message(zh: "在任", en: "running a point")
        case .ended: Message(zh: "已离任", en: "no longer running a point")
        case .never: Message(zh: "从未任职", en: "never assigned")
        }
    }
}
