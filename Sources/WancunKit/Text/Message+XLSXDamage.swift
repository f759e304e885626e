// What is wrong with a workbook, told from the reason its reader found.
extension Message {
    static func damagedXLSX(_ part: String, _ reason: XLSXDamage.Reason) -> Message {
        let why = xlsxDamageReason(reason)
        return Message(zh: "无法读取 Excel 文件（\(part)）：\(why.zh)", en: "cannot read the workbook (\(part)): \(why.en)")
    }
    private static func xlsxDamageReason(_ reason: XLSXDamage.Reason) -> Message {
        switch reason {
        case .notZip: Message(zh: "文件可能损坏或不是 .xlsx", en: "it may be damaged or not .xlsx")
        case .missingPart: Message(zh: "缺少这一部分，文件可能损坏或不是 .xlsx", en: "this part is missing: it may be damaged or not .xlsx")
        case .notXML(let found): Message(zh: "XML 格式损坏（\(found)）", en: "the XML is broken (\(found))")
        case .notUTF8: Message(zh: "含有不是 UTF-8 文字的字节", en: "it has bytes that are not UTF-8 text")
        case .encoding(let name): Message(zh: "声明的编码是 \(name)，不是 UTF-8", en: "it declares the encoding \(name), not UTF-8")
        case .doctype: Message(zh: "含有 DOCTYPE 声明（.xlsx 不应有），未读取", en: "it has a DOCTYPE declaration, which .xlsx never has, and was not read")
        case .unknownEntity(let name): Message(zh: "含有未知的实体 &\(name);", en: "it has an unknown entity &\(name);")
        case .tokenTooLong(let bytes): Message(zh: "一个标签或一段文字超过 \(byteSize(bytes))", en: "a tag or a text runs past \(byteSize(bytes))")
        case .inflatedTooLarge(let bytes):
            Message(zh: "解压后超过 \(byteSize(bytes))，未读完", en: "it unpacks to more than \(byteSize(bytes)) and was not read")
        case .compressionRatio(let ratio):
            Message(zh: "解压后是压缩大小的 \(ratio) 倍以上，不像正常的表格", en: "it unpacks to more than \(ratio) times its packed size, unlike any spreadsheet")
        case .partTooLarge(let bytes):
            Message(zh: "这一部分解压后超过 \(byteSize(bytes))", en: "this part unpacks to more than \(byteSize(bytes))")
        case .rowNumber: Message(zh: "行号不在 1 到 1048576 之间（Excel 的上限）", en: "a row number is not between 1 and 1048576 (Excel's limit)")
        case .rowOutOfOrder(let previous):
            Message(zh: "行号没有按顺序排列（在第\(previous)行之后）", en: "the row numbers are out of order (after row \(previous))")
        case .columnReference:
            Message(zh: "单元格的列超出 A 到 XFD（Excel 的 16384 列）", en: "a cell's column is not between A and XFD (Excel's 16384 columns)")
        case .cellOutOfOrder: Message(zh: "一行中的单元格没有按列的顺序排列", en: "the cells of a row are out of column order")
        case .tooManyCells(let count):
            Message(zh: "单元格（含中间的空格）超过 \(count) 个", en: "it has more than \(count) cells, counting the empty ones between them")
        case .sharedStringIndex(let count):
            Message(zh: "单元格指向不存在的共享文字（共 \(count) 条）", en: "a cell points at a shared string that is not there (there are \(count))")
        case .notANumber: Message(zh: "数字单元格里不是有限的数", en: "a number cell holds no finite number")
        case .dateOutOfRange:
            Message(zh: "日期单元格的值不在 Excel 的日期范围（1900 年到 9999 年）内", en: "a date cell's value is outside Excel's dates (1900 to 9999)")
        case .cellTooLong(let limit):
            Message(zh: "单元格超过 Excel 的上限 \(limit) 个字符", en: "a cell is longer than Excel's limit of \(limit) characters")
        case .cutShort: Message(zh: "工作表在最后一行之前中断，文件可能不完整", en: "the sheet breaks off before its last row: the file may be incomplete")
        case .packedDataEnds:
            Message(zh: "压缩数据在该部分结束之前就已用完，文件可能不完整或已损坏", en: "its packed data ends before the part does: the file may be incomplete or damaged")
        }
    }
}

extension XLSXDamage {
    var message: Message { .damagedXLSX(part ?? "zip", reason) }
}
