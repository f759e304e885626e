// The catalogue: what a command line that cannot be parsed gets told, and the form each kind of
// value is written in.
extension Message {
    public enum Usage {
        public static func unknownOption(_ option: String, suggestion: String?) -> Message {
            guard let suggestion else { return Message(zh: "没有选项 \(option)", en: "there is no option \(option)") }
            return Message(zh: "没有选项 \(option)：是不是要用 \(suggestion)？", en: "there is no option \(option): did you mean \(suggestion)?")
        }
        public static func unknownSubcommand(_ word: String, of command: String, suggestion: String?) -> Message {
            guard let suggestion else {
                return Message(zh: "\(command) 没有子命令“\(word)”", en: "\(command) has no subcommand \"\(word)\"")
            }
            return Message(
                zh: "\(command) 没有子命令“\(word)”：是不是要用 \(command) \(suggestion)？",
                en: "\(command) has no subcommand \"\(word)\": did you mean \(command) \(suggestion)?")
        }
        public static func unexpectedArguments(_ words: [String]) -> Message {
            let list = words.map { "“\($0)”" }.joined(separator: "、")
            return Message(zh: "多余的参数：\(list)", en: "unexpected arguments: \(words.map { "\"\($0)\"" }.joined(separator: ", "))")
        }
        public static func missingValue(_ option: String, form: Message?) -> Message {
            guard let form else { return Message(zh: "\(option) 后面缺少值", en: "\(option) needs a value") }
            return Message(zh: "\(option) 后面缺少值：应为 \(form.zh)", en: "\(option) needs a value: it expects \(form.en)")
        }
        public static func invalidValue(_ value: String, for option: String, form: Message?) -> Message {
            guard let form else { return Message(zh: "\(option) 的值“\(value)”不对", en: "\(option) does not take \"\(value)\"") }
            return Message(zh: "\(option) 应为 \(form.zh)（不是“\(value)”）", en: "\(option) expects \(form.en) (not \"\(value)\")")
        }
        public static func missingArgument(_ names: [String], form: Message?) -> Message {
            let zh = names.joined(separator: " 或 ")
            let en = names.joined(separator: " or ")
            guard let form else { return Message(zh: "缺少 \(zh)", en: "\(en) is missing") }
            return Message(zh: "缺少 \(zh)（\(form.zh)）", en: "\(en) is missing (\(form.en))")
        }
        public static func missingSubcommand(_ command: String, _ subcommands: [String]) -> Message {
            Message(
                zh: "\(command) 后面须跟一个子命令：\(subcommands.joined(separator: "、"))",
                en: "\(command) needs a subcommand: \(subcommands.joined(separator: ", "))")
        }
        public static func flagTakesNoValue(_ flag: String, value: String) -> Message {
            Message(zh: "\(flag) 不带值（这里给了“\(value)”）", en: "\(flag) takes no value (\"\(value)\" was given)")
        }
        public static func givenTwice(_ first: String, _ second: String) -> Message {
            Message(zh: "\(second) 与 \(first) 只能用一个", en: "\(second) and \(first) cannot be given together")
        }
        public static func invalidOption(_ text: String) -> Message {
            Message(zh: "“\(text)”不是选项的写法（应为 --选项名 或 -字母）", en: "\"\(text)\" is not how an option is written (--name or -letter)")
        }
        /// A shape this build does not know: shown as the parser said it.
        public static func other(_ text: String) -> Message {
            Message(zh: "命令行有误（\(text)）", en: text)
        }
        public static func usage(_ synopsis: String) -> Message {
            Message(zh: "用法：\(synopsis)", en: "Usage: \(synopsis)")
        }
        public static func seeHelp(_ command: String) -> Message {
            Message(zh: "详见 \(command) --help", en: "See \(command) --help")
        }
        public static let xlsxNeedsOut = Message(
            zh: "--format xlsx 须用 --out 指定要写出的 .xlsx 文件", en: "--format xlsx needs --out FILE.xlsx")
    }

    /// How a kind of value is written, for a usage error that names what was expected.
    public enum Form {
        public static let month = Message(zh: "YYYY-MM，如 2026-10", en: "YYYY-MM, e.g. 2026-10")
        public static let date = Message(zh: "YYYY-MM-DD，如 2026-10-31", en: "YYYY-MM-DD, e.g. 2026-10-31")
        public static let time = Message(zh: "YYYY-MM-DD HH:MM，如 2026-10-31 09:30", en: "YYYY-MM-DD HH:MM, e.g. 2026-10-31 09:30")
        public static let divisionCode = Message(
            zh: "12 位区划代码，如 330424101201，或省略末尾 0 的 330424",
            en: "a 12-digit division code, e.g. 330424101201, or 330424 with its trailing zeros left off")
        public static let wholeNumber = Message(zh: "整数，如 3", en: "a whole number, e.g. 3")
        public static let number = Message(zh: "数字，如 30.5125", en: "a number, e.g. 30.5125")
        public static func oneOf(zh: [String], en: [String]) -> Message {
            Message(zh: Message.list(zh, last: " 或 ", separator: "、"), en: "one of " + Message.list(en, last: " or ", separator: ", "))
        }
        /// A code's labels in Chinese, its codes in English (both are accepted).
        public static func oneOf<Code: Labelled>(_ type: Code.Type) -> Message {
            oneOf(zh: Code.allCases.map(\.shortLabel), en: Code.allCases.map(\.rawValue))
        }
    }
}
