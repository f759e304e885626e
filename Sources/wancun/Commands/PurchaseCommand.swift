import ArgumentParser
import WancunKit

struct PurchaseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "purchase", abstract: "代购台账 / The agent-purchase ledger.",
        subcommands: [PurchaseAdd.self, PurchaseImport.self, PurchaseList.self])
}

struct PurchaseAdd: WancunCommand {
    static let configuration = CommandConfiguration(
        commandName: "add", abstract: "登记代购订单 / Record an agent purchase.",
        discussion: "Example: wancun purchase add 330424101201001 --category 农资 --amount 128.50 --order 2026112012345 --platform 拼多多 --on 2026-11-20")

    @OptionGroup var globals: GlobalOptions
    @Argument(help: "The point's code.") var point: String
    @Option(help: "building-materials, farm-inputs, medicines or daily-goods (or 建材, 农资, 药品, 日用品).") var category: String
    @Option(help: "In yuan, at most two decimals.") var amount: String
    @Option(help: "The platform's order number.") var order: String
    @Option(help: "The platform the order was placed on.") var platform: String
    @Option(help: "The day of the order, YYYY-MM-DD.") var on: LocalDate

    func run(_ ctx: Context) throws {
        _ = try ctx.openDatabase().addPurchase(
            NewPurchase(pointCode: point, category: category, amount: amount, orderNo: order, platform: platform, on: on),
            context: ctx.changeContext())
        ctx.say(.purchaseAdded)
    }
}

struct PurchaseImport: WancunCommand {
    static let configuration = CommandConfiguration(
        commandName: "import", abstract: "导入代购台账 / Load an agent-purchase ledger.",
        discussion: "Columns: 服务点编码, 平台, 订单号, 品类, 金额(元), 日期. Every row is checked before any is written.")

    @OptionGroup var globals: GlobalOptions
    @OptionGroup var input: ImportOptions

    func run(_ ctx: Context) throws {
        let summary = try ctx.openDatabase().importPurchases(from: input.file, sheet: input.sheet, dryRun: input.dryRun, context: ctx.changeContext())
        ctx.reportImport(summary)
    }
}

struct PurchaseList: WancunCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "列出代购订单 / List agent purchases.")

    @OptionGroup var globals: GlobalOptions
    @OptionGroup var output: OutputOptions
    @Option(help: "Only this point (its code).") var point: String?
    @Option(help: "Only this month (YYYY-MM).") var month: Month?

    func run(_ ctx: Context) throws {
        let rows = try ctx.openDatabase().purchases(pointCode: point, month: month)
        ctx.render(Table(columns: PurchaseListing.columns, rows: rows.map(\.cells)), output)
    }
}
