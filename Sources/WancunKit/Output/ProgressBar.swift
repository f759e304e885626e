/// The line a long import redraws on a terminal: a bar for how much of the file is read, the
/// percentage, and the rows checked so far.
///
/// ```swift
/// ProgressBar.line(rows: 260_000, fraction: 0.52, language: .zh)
/// // "[████████████░░░░░░░░░░░░]  52%  已检查 260000 行……"
/// ```
public enum ProgressBar {
    public static func line(rows: Int, fraction: Double, width: Int = 24, language: Language) -> String {
        let done = max(0, min(1, fraction.isFinite ? fraction : 0))
        let filled = Int((done * Double(width)).rounded(.down))
        let percent = String(Int((done * 100).rounded(.down)))
        return "[" + String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled) + "] "
            + String(repeating: " ", count: 3 - percent.count) + percent + "%  " + Message.progressRows(rows).text(language)
    }
}
