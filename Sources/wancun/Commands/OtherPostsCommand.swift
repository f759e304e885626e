import ArgumentParser
import Foundation
import WancunKit

struct OtherPostsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "other-posts", abstract: "其他部门公益性岗位 / Other departments' subsidised posts.",
        subcommands: [OtherPostsImport.self, OtherPostsNone.self])
}

struct OtherPostsImport: WancunCommand {
    static let configuration = CommandConfiguration(
        commandName: "import", abstract: "导入其他部门公益性岗位名单 / Load a month's list (公民身份号码, 姓名, 单位).")

    @OptionGroup var globals: GlobalOptions
    @Argument(help: "The .csv or .xlsx file.") var file: String
    @Option(help: "The month the list is for, YYYY-MM.") var month: Month
    @Option(help: "The sheet to read from an .xlsx (default: the first).") var sheet: String?

    func run(_ ctx: Context) throws {
        ctx.reportImport(try ctx.openDatabase().importOtherPosts(from: file, sheet: sheet, month: month, context: ctx.changeContext()))
    }
}

struct OtherPostsNone: WancunCommand {
    static let configuration = CommandConfiguration(
        commandName: "none", abstract: "登记某月没有其他部门公益性岗位 / Record that a month's list is empty.",
        discussion: """
            A list imported from the departments' file is replaced by none only with --replace-list:
            its posts keep people from being paid twice.
            Example: wancun subsidy other-posts none --month 2026-11 --source '县人社局2026年12月3日函复：11月无'
            """)

    @OptionGroup var globals: GlobalOptions
    @Option(help: "The month, YYYY-MM.") var month: Month
    @Option(help: "Where the answer \"none\" came from.") var source: String
    @Flag(name: .customLong("replace-list"), help: "Replace a list imported from the departments' file with none (its posts are dropped).")
    var replaceList = false

    func run(_ ctx: Context) throws {
        try ctx.openDatabase().recordNoOtherPosts(month: month, source: source, replacingList: replaceList, context: ctx.changeContext())
        ctx.say(.noOtherPostsRecorded(month))
    }
}
