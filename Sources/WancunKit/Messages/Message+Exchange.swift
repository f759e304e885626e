// The catalogue: reading and writing files.
extension Message {
    static func rowLabel(_ row: Int) -> Message { Message(zh: "第\(row)行", en: "row \(row)") }
    static func columnLabel(_ column: String) -> Message { Message(zh: "列“\(column)”", en: "column \"\(column)\"") }
    static func valueLabel(_ value: String) -> Message { Message(zh: "值“\(value)”", en: "value \"\(value)\"") }
    static let warningLabel = Message(zh: "提醒：", en: "warning: ")

    static func problemsFound(_ count: Int) -> Message {
        Message(zh: "发现 \(count) 个问题，未写入任何数据", en: "\(count) problem(s) found; nothing was written")
    }

    static let badBytes = Message(
        zh: "这一行有无法识别的字符（文件编码损坏）：请用 UTF-8 或 GB18030 重新保存",
        en: "this row has bytes that are not text (damaged encoding): save the file again as UTF-8 or GB18030")
    static let unclosedQuote = Message(
        zh: "引号没有闭合，文件可能被截断", en: "a quote is not closed: the file may be cut short")
    /// No header row among the top rows (none at all when the file is `empty`): the columns
    /// expected are named (optional ones marked).
    static func headerNotFound(required: [String], optional: [String], empty: Bool) -> Message {
        let zh = required.joined(separator: "、") + (optional.isEmpty ? "" : "（可选：" + optional.joined(separator: "、") + "）")
        let en = required.joined(separator: ", ") + (optional.isEmpty ? "" : " (optional: " + optional.joined(separator: ", ") + ")")
        return empty
            ? Message(
                zh: "文件是空的：应有一行表头，列为 \(zh)，下面每行一条数据",
                en: "the file is empty: it needs a header row naming the columns \(en), and a row for each record below it")
            : Message(
                zh: "找不到表头行：前 \(TableReader.headerSearchDepth) 行中没有一行写着这些列名：\(zh)",
                en: "no header row found: none of the first \(TableReader.headerSearchDepth) rows names the columns \(en)")
    }
    static let missingColumn = Message(zh: "缺少这一列", en: "this column is missing")
    static let unknownColumn = Message(zh: "不认识这一列，已忽略", en: "this column is not known and is ignored")
    static let duplicateColumn = Message(zh: "这一列出现了两次", en: "this column appears twice")
    static func fileNotFound(_ path: String) -> Message {
        Message(zh: "无法读取文件：\(path) 不存在（请核对文件名和所在文件夹）", en: "cannot read \(path): no such file (check the name and the folder)")
    }

    static func cannotRead(_ detail: String) -> Message {
        Message(zh: "无法读取文件：\(detail)", en: "cannot read the file: \(detail)")
    }
    static func cannotWrite(_ detail: String) -> Message {
        Message(zh: "无法写入文件：\(detail)", en: "cannot write the file: \(detail)")
    }
    static func outputExists(_ path: String) -> Message {
        Message(
            zh: "文件 \(path) 已存在，且不是 wancun 写的或写后被改过，不会覆盖：请换一个输出文件，确要替换请加 --overwrite",
            en: "\(path) exists and was not written by wancun, or has changed since, and is not "
                + "replaced: choose another output file, or add --overwrite to replace it")
    }
    static func outputIsDatabase(_ database: String) -> Message {
        Message(
            zh: "这是正在使用的数据库（\(database)）或它的 -wal/-shm 文件，不能写入：请换一个输出文件；数据库未改动",
            en: "this is the open database (\(database)) or its -wal/-shm file and is never "
                + "written over: choose another output file; the database is unchanged")
    }
    static let tooManyColumns = Message(
        zh: "这一行的列数多于表头", en: "this row has more cells than the header")
    static func cellTooLong(_ length: Int, limit: Int) -> Message {
        Message(
            zh: "这一格有 \(length) 个字符，超过 Excel 单元格的上限 \(limit) 个：文件可能损坏，或分隔符不是逗号",
            en: "this cell has \(length) characters, more than Excel's limit of \(limit): the file may be damaged, or not separated by commas")
    }
    static func recordTooLong(_ bytes: Int) -> Message {
        Message(
            zh: "这一行超过 \(byteSize(bytes)) 仍未结束：可能有引号没有闭合，或这不是 CSV 文本文件",
            en: "this row goes on past \(byteSize(bytes)) without ending: a quote may not be closed, or this is not a CSV text file")
    }
    static func fileTooLarge(_ bytes: Int) -> Message {
        Message(
            zh: "文件超过 \(byteSize(bytes))，未读完：请分成几个文件导入，或检查是否选错了文件",
            en: "the file is larger than \(byteSize(bytes)) and was not read: split it into several files, or check it is the right one")
    }
    static func noDataRows(headerRow: Int, on _: Surface = .commandLine) -> Message {
        Message(
            zh: "表头（第\(headerRow)行）下面没有数据行：没有可导入的内容",
            en: "there are no data rows below the header (row \(headerRow)): nothing to import")
    }
    static func byteSize(_ bytes: Int) -> String {
        bytes >= 1 << 30 && bytes % (1 << 30) == 0
            ? "\(bytes >> 30) GiB"
            : bytes >= 1 << 20 && bytes % (1 << 20) == 0 ? "\(bytes >> 20) MiB" : "\(bytes) B"
    }
}

extension Message {
    static func cannotReadXLSX(_ part: String) -> Message {
        Message(zh: "无法读取 Excel 文件（\(part)）：文件可能损坏或不是 .xlsx", en: "cannot read the workbook (\(part)): it may be damaged or not .xlsx")
    }
    static func sheetNotFound(_ names: String) -> Message {
        Message(zh: "没有这个工作表；文件中的工作表：\(names)", en: "no such sheet; the workbook has: \(names)")
    }
}

extension Message {
    static let oldExcelFormat = Message(
        zh: "不支持旧版 .xls 文件：请在 Excel 或 WPS 中“另存为” .xlsx 后再导入",
        en: "old .xls files are not read: save it as .xlsx in Excel or WPS and import that")
}

extension Message {
    public static let problemsColumn = Message(zh: "问题说明", en: "Problems")
    public static func staleCopyRemoved(_ path: String) -> Message {
        Message(zh: "已删除上次导入留下的问题副本（已过时）：\(path)", en: "the copy of the problems an earlier import left is out of date and was removed: \(path)")
    }
    public static func annotatedCopyWritten(_ path: String) -> Message {
        Message(zh: "已在原文件旁写出标注了问题的副本：\(path)", en: "a copy marking each row's problems is beside the file: \(path)")
    }
}

extension Message {
    public static func resultCopyWritten(_ path: String) -> Message {
        Message(zh: "已在原文件旁写出每行的服务点编码和导入结果：\(path)", en: "each row's point code and result are in a copy beside the file: \(path)")
    }
}
