/// One problem with one place in a file a person sent: the one type every import reports.
///
/// `row` is numbered as the spreadsheet shows it (the header is row 1, or 2 under a title); `value` and `column`
/// are masked where they look like an ID number or a phone number (a cell quoted by a
/// registry refusal, a header cell that is a person's number), whatever the caller passed.
public struct RowProblem: Error, Sendable, Hashable {
    public enum Severity: String, Sendable { case error, warning }

    public var file: String
    public var row: Int?
    public var column: String?
    public var value: String?
    public var rule: String
    public var message: Message
    /// The words of an import from the web, where `message`'s name a command-line option: the
    /// sheet's column to fill in, what to do on the page.
    public var onTheWeb: Message?
    public var severity: Severity

    public init(
        file: String, row: Int?, column: String? = nil, value: String? = nil, rule: String,
        message: Message, onTheWeb: Message? = nil, severity: Severity = .error
    ) {
        self.onTheWeb = onTheWeb
        self.file = file
        self.row = row
        self.column = column.map(Mask.personalValues)
        self.value = value.map(Mask.personalValues)
        self.rule = rule
        self.message = message
        self.severity = severity
    }

    /// The problem's words where it is read.
    public func message(on surface: Surface) -> Message { surface == .commandLine ? message : onTheWeb ?? message }

    /// The problem as one line: `FILE 第3行 列“代码” 值“x”：message [RULE]`.
    public func line(_ language: Language) -> String {
        var place = [file]
        if let row { place.append(Message.rowLabel(row).text(language)) }
        if let column { place.append(Message.columnLabel(column).text(language)) }
        if let value { place.append(Message.valueLabel(value).text(language)) }
        let prefix = severity == .warning ? Message.warningLabel.text(language) : ""
        let separator = language == .zh ? "：" : ": "
        return prefix + place.joined(separator: " ") + separator + message.text(language) + " [\(rule)]"
    }
}

/// Problems found in a file: nothing was written.
public struct RowProblems: Error, Sendable {
    public var problems: [RowProblem]
    /// The file the problems are in, and where its header is, for the annotated copy.
    public var input: String?
    public var sheet: String?
    public var headerRow: Int?

    public init(_ problems: [RowProblem], input: String? = nil, sheet: String? = nil, headerRow: Int? = nil) {
        self.problems = problems
        self.input = input
        self.sheet = sheet
        self.headerRow = headerRow
    }

    public var errors: [RowProblem] { problems.filter { $0.severity == .error } }
}

extension RowProblems: UserFacingError {
    public var message: Message { .problemsFound(errors.count) }
}
