import ArgumentParser
import WancunKit

struct FileCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "file", abstract: "查看或转换表格文件 / Inspect or convert a CSV or XLSX file.",
        subcommands: [FileInspect.self, FileConvert.self])
}

struct FileInspect: WancunCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "文件的格式、编码、工作表和行数 / What wancun sees in a file: format, encoding, sheets, rows.",
        discussion: "Example: wancun file inspect 乡镇报送.csv\n         wancun file inspect --digest "
            + "--format csv 乡镇报送.xlsx   # read every cell; print its digest")

    @OptionGroup var globals: GlobalOptions
    @OptionGroup var output: OutputOptions
    @Argument(help: "A .csv or .xlsx file.") var file: String
    @Option(help: "The sheet to read (default: the first).") var sheet: String?
    @Flag(help: "Also print a SHA-256 digest of every cell's text (cells joined by U+001F, rows ended by U+001E).")
    var digest = false

    func run(_ ctx: Context) throws {
        let info = try FileInspection.inspect(path: file, sheet: sheet, digest: digest)
        typealias H = Message.Header
        var record = Record(fields: [
            (.init("file", H.file), .text(info.file)), (.init("format", H.fileFormat), .text(info.format)),
            (.init("encoding", H.encoding), .optional(info.encoding)), (.init("sheet", H.sheet), .optional(info.sheet)),
            (.init("sheets", H.sheets), .text(info.sheets.joined(separator: ", "))),
            (.init("rows", H.rows), .integer(Int64(info.rows))), (.init("columns", H.columns), .integer(Int64(info.columns))),
            (.init("bad_byte_rows", H.badByteRows), .text(info.badByteRows.map(String.init).joined(separator: ", "))),
        ])
        if let digest = info.digest { record.fields.append((.init("digest", H.cellDigest), .text(digest))) }
        ctx.out(ctx.renderer(output).render(record, as: output.format))
    }
}

struct FileConvert: WancunCommand {
    static let configuration = CommandConfiguration(
        commandName: "convert",
        abstract: "CSV 与 XLSX 互转，所有单元格作为文本 / Copy a file's rows into CSV (UTF-8 BOM) or XLSX, as text.",
        discussion: "Example: wancun file convert 乡镇报送.csv 乡镇报送.xlsx   # a GB18030 CSV becomes a workbook Excel shows right")

    @OptionGroup var globals: GlobalOptions
    @Argument(help: "The .csv or .xlsx to read.") var input: String
    @Argument(help: "The .csv or .xlsx to write.") var output: String
    @Option(help: "The sheet to read (default: the first).") var sheet: String?

    func run(_ ctx: Context) throws {
        let rows = try FileInspection.convert(input: input, sheet: sheet, output: output)
        ctx.say(.fileConverted(output, rows))
    }
}
