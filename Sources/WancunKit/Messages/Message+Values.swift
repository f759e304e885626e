// The catalogue: wording for values that fail to parse.
extension Message {
    /// A value's refusal; `surface` as for `UserFacingError.message(on:)`.
    static func valueError(_ error: ValueError, on surface: Surface = .commandLine) -> Message {
        switch error {
        case .residentIDMasked where surface != .commandLine:
            Message(zh: "身份证号已被遮蔽（含 *），请填写完整号码", en: "the ID number is masked (has *): enter the full number")
        case .creditCodeCheck(let expected) where surface != .commandLine:
            Message(
                zh: "统一社会信用代码校验码不对（应为 \(expected)）；确属真实代码时可\(keepAnyway(on: surface).zh)后保存",
                en: "the credit code's check character is wrong (expected \(expected)); if the code is real, \(keepAnyway(on: surface).en)")
        case .date(let text):
            Message(zh: "日期“\(text)”格式不对，应为 YYYY-MM-DD", en: "date \"\(text)\" is not in the form YYYY-MM-DD")
        case .month(let text):
            Message(zh: "月份“\(text)”格式不对，应为 YYYY-MM", en: "month \"\(text)\" is not in the form YYYY-MM")
        case .time(let text):
            Message(
                zh: "时间“\(text)”格式不对，应为 YYYY-MM-DD HH:MM 或 ISO 8601",
                en: "time \"\(text)\" is not in the form YYYY-MM-DD HH:MM or ISO 8601")
        case .futureDate(let date):
            Message(zh: "日期 \(date) 晚于今天", en: "date \(date) is in the future")
        case .residentIDLength(let count):
            Message(zh: "身份证号应为 18 位，这里是 \(count) 位", en: "an ID number has 18 characters, this one has \(count)")
        case .residentIDCharacters:
            Message(zh: "身份证号应为 17 位数字加 1 位数字或 X", en: "an ID number is 17 digits and a digit or X")
        case .residentIDCheck:
            Message(zh: "身份证号校验码不对，请核对号码", en: "the ID number's check character is wrong: check the number")
        case .residentIDBirthDate:
            Message(zh: "身份证号中的出生日期不是真实日期", en: "the birth date inside the ID number is not a real date")
        case .residentIDFutureBirth:
            Message(zh: "身份证号中的出生日期晚于今天", en: "the birth date inside the ID number is in the future")
        case .residentIDMasked:
            Message(
                zh: "身份证号已被遮蔽（含 *），请用 --reveal 导出的完整号码",
                en: "the ID number is masked (has *): use the full number, as exported with --reveal")
        case .scientificNotation(let text):
            Message(
                zh: "“\(Mask.excelNumber(text))”是被 Excel 转成科学计数法的长数字，原号码已丢失：请把该列设为“文本”格式后重新填写",
                en: "\"\(Mask.excelNumber(text))\" is a long number Excel turned into scientific "
                    + "notation and the digits are lost: format the column as Text and enter it again")
        case .excelDigitsLost(let text):
            Message(
                zh: "“\(Mask.excelNumber(text))”末三位是 000：像是 Excel 把身份证号当作数字保存，只留下 15 位有效数字，后三位已丢失：请把该列设为“文本”格式后重新填写",
                en: "\"\(Mask.excelNumber(text))\" ends in 000: Excel seems to have kept this ID "
                    + "number as a number, with 15 significant digits, and the last three are lost: " + "format the column as Text and enter it again"
            )
        case .creditCodeLength(let count):
            Message(zh: "统一社会信用代码应为 18 位，这里是 \(count) 位", en: "a credit code has 18 characters, this one has \(count)")
        case .creditCodeCharacters:
            Message(
                zh: "统一社会信用代码含有不允许的字符（不用 I、O、Z、S、V）",
                en: "the credit code has characters it cannot hold (I, O, Z, S, V are not used)")
        case .creditCodeCheck(let expected):
            Message(
                zh: "统一社会信用代码校验码不对（应为 \(expected)）；确属真实代码时可用 --force --reason 说明后保存",
                en: "the credit code's check character is wrong (expected \(expected)); if the code is real, keep it with --force --reason")
        case .divisionCodeFormat(let text):
            Message(zh: "区划代码“\(text)”应为 12 位数字", en: "division code \"\(text)\" must be 12 digits")
        case .pointCodeFormat(let text):
            Message(zh: "服务点编码“\(text)”应为 15 位数字（村代码＋3位序号）", en: "point code \"\(text)\" must be 15 digits (the village's code and 3)")
        case .phone:
            Message(zh: "手机号应为 11 位数字，以 13–19 开头", en: "a mobile number is 11 digits starting 13 to 19")
        case .money(let text):
            Message(zh: "金额“\(text)”不是数字（元，如 12.30）", en: "amount \"\(text)\" is not a number of yuan such as 12.30")
        case .moneyPrecision(let text):
            Message(zh: "金额“\(text)”超过两位小数（分）", en: "amount \"\(text)\" has more than two decimals (fen)")
        case .empty:
            Message(zh: "必填项为空", en: "a required value is empty")
        case .choice(let text, let choices):
            Message(zh: "“\(text)”应为 \(choices.joined(separator: " 或 "))", en: "\"\(text)\" must be \(choices.joined(separator: " or "))")
        case .label(let text, let zh, let en):
            Message(
                zh: "“\(text)”应为 \(Message.list(zh, last: " 或 ", separator: "、"))",
                en: "\"\(text)\" must be \(Message.list(en, last: " or ", separator: ", "))")
        case .number(let text):
            Message(zh: "“\(text)”不是非负整数", en: "\"\(text)\" is not a whole number")
        case .decimal(let text):
            Message(zh: "“\(text)”不是数字（如 30.5125）", en: "\"\(text)\" is not a number such as 30.5125")
        case .controlCharacter:
            Message(
                zh: "含有控制字符（换行、制表符或终端转义序列等），请删去后重新填写",
                en: "holds a control character (a line break, a tab, a terminal escape): remove it")
        case .bidiControl:
            Message(
                zh: "含有改变文字方向的隐藏字符（U+202A–202E、U+2066–2069 等），请删去后重新填写",
                en: "holds a hidden character that turns the direction of text (U+202A–202E, U+2066–2069): remove it")
        case .tooLong(let limit, let count):
            Message(zh: "超过 \(limit) 个字（这里有 \(count) 个）", en: "is longer than \(limit) characters (it has \(count))")
        }
    }
}

extension Message {
    /// `a、b 或 c`, `a, b or c`.
    static func list(_ items: [String], last: String, separator: String) -> String {
        guard items.count > 1 else { return items.first ?? "" }
        return items.dropLast().joined(separator: separator) + last + items.last!
    }
}
