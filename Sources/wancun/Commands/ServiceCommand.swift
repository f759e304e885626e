import ArgumentParser
import WancunKit

struct ServiceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "service", abstract: "服务点提供的服务 / What points offer.",
        subcommands: [ServiceAdd.self, ServiceEnd.self, ServiceList.self])
}

struct ServiceAdd: WancunCommand {
    static let configuration = CommandConfiguration(
        commandName: "add", abstract: "开通服务 / Start a service at a point.",
        discussion: """
            Kinds: agent-purchase (with --category building-materials|farm-inputs|medicines|daily-goods,
            or 建材|农资|药品|日用品), agent-sale, bill-payment, ticketing, parcel, finance.
            Medicines need --partner (the pharmacy) and --licence (药品经营许可证); finance needs --partner (the bank).
            Example: wancun service add 330424101201001 agent-purchase --category 药品 --partner 海盐某某大药房 --licence 浙AA5730123 --from 2026-01-01
            """)

    @OptionGroup var globals: GlobalOptions
    @Argument(help: "The point's code.") var point: String
    @Argument(help: "The kind of service.") var kind: ServiceKind
    @Option(help: "For agent-purchase: building-materials, farm-inputs, medicines or daily-goods (or 建材, 农资, 药品, 日用品).") var category:
        PurchaseCategory?
    @Option(help: "Partner pharmacy or bank.") var partner: String?
    @Option(help: "The pharmacy's licence number.") var licence: String?
    @Option(help: "First day offered.") var from: LocalDate

    func run(_ ctx: Context) throws {
        _ = try ctx.openDatabase().addService(
            NewService(pointCode: point, kind: kind, category: category, partner: partner, licence: licence, from: from),
            context: ctx.changeContext())
        ctx.say(.serviceAdded(point, kind))
    }
}

struct ServiceEnd: WancunCommand {
    static let configuration = CommandConfiguration(commandName: "end", abstract: "停止服务 / Stop a service at a point.")

    @OptionGroup var globals: GlobalOptions
    @Argument(help: "The point's code.") var point: String
    @Argument(help: "The kind of service.") var kind: ServiceKind
    @Option(help: "For agent-purchase: which category.") var category: PurchaseCategory?
    @Option(help: "The day it stops.") var on: LocalDate

    func run(_ ctx: Context) throws {
        try ctx.openDatabase().endService(pointCode: point, kind: kind, category: category, on: on, context: ctx.changeContext())
        ctx.say(.serviceEnded(point, kind))
    }
}

struct ServiceList: WancunCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "列出服务 / List services.")

    @OptionGroup var globals: GlobalOptions
    @OptionGroup var output: OutputOptions
    @Option(help: "Only this point.") var point: String?
    @Option(help: "Only this kind.") var kind: ServiceKind?

    func run(_ ctx: Context) throws {
        let rows = try ctx.openDatabase().services(pointCode: point, kind: kind)
        ctx.render(Table(columns: ServiceListing.columns, rows: rows.map(\.cells)), output)
    }
}
