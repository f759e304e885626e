import ArgumentParser
import WancunKit

struct CourierCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "courier", abstract: "快递企业 / Courier companies and the points they serve.",
        subcommands: [CourierAdd.self, CourierList.self, CourierShow.self, CourierLinkCommand.self])
}

struct CourierAdd: WancunCommand {
    static let configuration = CommandConfiguration(
        commandName: "add", abstract: "登记快递企业 / Register a courier.",
        discussion: "Example: wancun courier add --name 申通快递海盐网点 --brand 申通 --credit-code 91330424MA2D8J5N3Y")

    @OptionGroup var globals: GlobalOptions
    @Option(help: "The courier's name.") var name: String
    @Option(help: "The brand it delivers for.") var brand: String
    @Option(help: "Unified social credit code (GB 32100).") var creditCode: String?
    @OptionGroup var force: ForceOptions

    func run(_ ctx: Context) throws {
        let courier = try ctx.openDatabase().addCourier(
            NewCourier(name: name, brand: brand, creditCode: creditCode, force: force.force, reason: force.reason), context: ctx.changeContext())
        ctx.say(.courierAdded(courier.name, courier.id ?? 0))
    }
}

struct CourierList: WancunCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "列出快递企业 / List couriers.")

    @OptionGroup var globals: GlobalOptions
    @OptionGroup var output: OutputOptions

    func run(_ ctx: Context) throws {
        ctx.render(Table(columns: Courier.columns, rows: try ctx.openDatabase().couriers().map(\.cells)), output)
    }
}

struct CourierShow: WancunCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "快递企业及其服务点 / A courier and the points it serves.")

    @OptionGroup var globals: GlobalOptions
    @OptionGroup var output: OutputOptions
    @Argument(help: "The courier's id or name.") var courier: String

    func run(_ ctx: Context) throws {
        let (c, links) = try ctx.openDatabase().courierDetail(courier)
        typealias H = Message.Header
        let table = Table(
            columns: [
                .init("point_code", H.pointCode), .init("started_on", H.fromDate), .init("ended_on", H.toDate),
                .init("days_per_week", H.daysPerWeek), .init("fee_fen", H.feeYuan),
            ],
            rows: links.map { link, code in
                [
                    .text(code), .text(link.startedOn.description), .optional(link.endedOn?.description),
                    link.daysPerWeek.map { .integer(Int64($0)) } ?? .null, link.feeFen.map(Cell.money) ?? .null,
                ]
            })
        let record = Record(
            fields: zip(Courier.columns, c.cells).map { ($0, $1) },
            sections: [.init(key: "links", title: Message.Section.links, table: table)])
        ctx.out(ctx.renderer(output).render(record, as: output.format))
    }
}

struct CourierLinkCommand: WancunCommand {
    static let configuration = CommandConfiguration(
        commandName: "link", abstract: "快递企业与服务点合作 / A courier serves a point from a date.",
        discussion: "Example: wancun courier link 330424101201001 顺丰速运海盐营业部 --from 2026-01-01 --days-per-week 5 --fee-fen 50")

    @OptionGroup var globals: GlobalOptions
    @Argument(help: "The point's code.") var point: String
    @Argument(help: "The courier's id or name.") var courier: String
    @Option(help: "The first day it serves the point, YYYY-MM-DD.") var from: LocalDate
    @Option(help: "The first day it no longer holds.") var to: LocalDate?
    @Option(help: "Delivery days a week, 1 to 7.") var daysPerWeek: Int?
    @Option(help: "What the courier pays the point per parcel, in fen.") var feeFen: Int64?

    func run(_ ctx: Context) throws {
        _ = try ctx.openDatabase().linkCourier(
            pointCode: point, courier: courier, from: from, to: to, daysPerWeek: daysPerWeek, fee: feeFen.map(Fen.init),
            context: ctx.changeContext())
        ctx.say(.courierLinked(point, courier))
    }
}
