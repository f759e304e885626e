import ArgumentParser
import Foundation
import WancunKit

struct PolicyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "policy", abstract: "补贴政策参数 / Dated subsidy parameters.",
        subcommands: [PolicyShow.self, PolicySet.self, PolicyImport.self])
}

struct PolicyShow: WancunCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "某日生效的参数 / The values in force on a day.")

    @OptionGroup var globals: GlobalOptions
    @OptionGroup var output: OutputOptions
    @Option(help: "The day (default today).") var on: LocalDate?

    func run(_ ctx: Context) throws {
        let policy = try ctx.openDatabase().policy(on: on ?? ctx.changeContext().today)
        ctx.render(Table(columns: PolicyValue.columns, rows: PolicyKey.allCases.compactMap { policy.values[$0]?.cells }), output)
    }
}

struct PolicySet: WancunCommand {
    static let configuration = CommandConfiguration(
        commandName: "set", abstract: "设置参数（自某日起）/ Set a value from a date, with its source.",
        discussion: "Example: wancun policy set monthly_amount_fen 180000 --from 2027-01-01 --source '海人社〔2026〕12号 第三条'")

    @OptionGroup var globals: GlobalOptions
    @Argument(help: "The parameter's key (wancun policy list shows them).") var key: String
    @Argument(help: "Its value.") var value: String
    @Option(help: "The first day it holds, YYYY-MM-DD.") var from: LocalDate
    @Option(help: "The document and article.") var source: String

    func run(_ ctx: Context) throws {
        guard let policyKey = PolicyKey(rawValue: key) else { throw SubsidyError.policyKeyUnknown(key) }
        try ctx.openDatabase().setPolicy(policyKey, value: value, from: from, source: source, context: ctx.changeContext())
        ctx.say(.policySet)
    }
}

struct PolicyImport: WancunCommand {
    static let configuration = CommandConfiguration(
        commandName: "import", abstract: "从文件导入参数 / Load dated values (key,value,unit,from,source).")

    @OptionGroup var globals: GlobalOptions
    @Argument(help: "The .csv or .xlsx file.") var file: String

    func run(_ ctx: Context) throws {
        ctx.reportImport(try ctx.openDatabase().importPolicy(from: file, context: ctx.changeContext()))
    }
}
