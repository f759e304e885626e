// The catalogue: how a refusal says to keep what a check doubts, where the user reads it.
extension Message {
    /// What to do to keep a value a check doubts, said after "确属例外时" / "if it is an exception, ":
    /// the options on the command line, the box and the reason on a web form, the column of an
    /// import sheet.
    static func keepAnyway(on surface: Surface) -> Message {
        switch surface {
        case .commandLine: Message(zh: "用 --force --reason 说明", en: "use --force --reason")
        case .web: Message(zh: "勾选“仍要保存”并写明原因", en: "tick “Save anyway” and give the reason")
        case .sheet: Message(zh: "在“强制原因”列写明原因", en: "give the reason in the sheet's force_reason column")
        }
    }
}
