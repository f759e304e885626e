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
            columns: [.init("point_code", H.pointCode), .init("started_on", H.fromDate), .init("ended_on", H.toDate),
                      .init("days_per_week", H.daysPerWeek), .init("fee_fen", H.feeYuan)],
            rows: links.map { link, code in
                [.text(code), .text(link.startedOn.description), .optional(link.endedOn?.description),
                 link.daysPerWeek.map { .integer(Int64($0)) } ?? .null, link.feeFen.map(Cell.money) ?? .null]
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

struct StationCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "station", abstract: "中转站 / Transfer stations.", subcommands: [StationAdd.self, StationList.self])
}

struct StationAdd: WancunCommand {
    static let configuration = CommandConfiguration(
        commandName: "add", abstract: "登记中转站 / Register a transfer station in a town.",
        discussion: "Example: wancun station add 百步镇快递中转站 --town 330424102000 --couriers 中国邮政海盐县分公司,中通快递海盐网点")

    @OptionGroup var globals: GlobalOptions
    @Argument(help: "The station's name.") var name: String
    @Option(help: "The town's code.") var town: DivisionCode
    @Option(help: "Couriers using it, by id or name, comma-separated.") var couriers: String?

    func run(_ ctx: Context) throws {
        _ = try ctx.openDatabase().addStation(name: name, town: town, couriers: splitList(couriers), context: ctx.changeContext())
        ctx.say(.stationAdded(name))
    }
}

struct StationList: WancunCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "列出中转站 / List stations.")

    @OptionGroup var globals: GlobalOptions
    @OptionGroup var output: OutputOptions

    func run(_ ctx: Context) throws {
        let rows = try ctx.openDatabase().stations()
        ctx.render(
            Table(
                columns: [.init("name", Message.Header.name), .init("town_name", Message.Header.town), .init("couriers", Message.Header.couriers)],
                rows: rows.map { [.text($0.0.name), .text($0.1), .text($0.2.joined(separator: ", "))] }),
            output)
    }
}

struct RouteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "route", abstract: "拼车配送线路 / Joint-delivery routes.", subcommands: [RouteAdd.self, RouteList.self, RouteShow.self])
}

struct RouteAdd: WancunCommand {
    static let configuration = CommandConfiguration(
        commandName: "add", abstract: "登记拼车线路 / Register a joint-delivery route.",
        discussion: """
            Every stop must be served, on the first day, by at least one of the route's couriers.
            Example: wancun route add 沈荡西线 --vehicle 浙F12345 --couriers 1,2 --stops 330424101204001,330424101207001 --from 2026-03-01 --station 沈荡镇快递中转站
            """)

    @OptionGroup var globals: GlobalOptions
    @Argument(help: "The route's name.") var name: String
    @Option(help: "The vehicle's plate.") var vehicle: String
    @Option(help: "Couriers sharing the vehicle, by id or name, comma-separated.") var couriers: String
    @Option(help: "Point codes in the order the vehicle calls, comma-separated.") var stops: String
    @Option(help: "The first day the route runs, YYYY-MM-DD.") var from: LocalDate
    @Option(help: "The first day it no longer runs.") var to: LocalDate?
    @Option(help: "The transfer station it starts from.") var station: String?

    func run(_ ctx: Context) throws {
        _ = try ctx.openDatabase().addRoute(
            NewRoute(name: name, vehicle: vehicle, couriers: splitList(couriers), stops: splitList(stops), from: from, to: to, station: station),
            context: ctx.changeContext())
        ctx.say(.routeAdded(name))
    }
}

struct RouteList: WancunCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "列出线路 / List routes.")

    @OptionGroup var globals: GlobalOptions
    @OptionGroup var output: OutputOptions

    func run(_ ctx: Context) throws {
        let routes = try ctx.openDatabase().routes()
        typealias H = Message.Header
        ctx.render(
            Table(
                columns: [.init("name", H.name), .init("vehicle", H.vehicle), .init("station", H.station), .init("couriers", H.couriers),
                          .init("stops", H.stops), .init("started_on", H.fromDate), .init("ended_on", H.toDate)],
                rows: routes.map {
                    [.text($0.route.name), .text($0.route.vehicle), .optional($0.stationName), .text($0.couriers.map(\.name).joined(separator: ", ")),
                     .integer(Int64($0.stops.count)), .text($0.route.startedOn.description), .optional($0.route.endedOn?.description)]
                }),
            output)
    }
}

struct RouteShow: WancunCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "线路详情 / A route's couriers and stops in order.")

    @OptionGroup var globals: GlobalOptions
    @OptionGroup var output: OutputOptions
    @Argument(help: "The route's name or id.") var route: String

    func run(_ ctx: Context) throws {
        let detail = try ctx.openDatabase().routeDetail(route)
        typealias H = Message.Header
        let record = Record(
            fields: [
                (.init("name", H.name), .text(detail.route.name)), (.init("vehicle", H.vehicle), .text(detail.route.vehicle)),
                (.init("station", H.station), .optional(detail.stationName)),
                (.init("couriers", H.couriers), .text(detail.couriers.map(\.name).joined(separator: ", "))),
                (.init("started_on", H.fromDate), .text(detail.route.startedOn.description)),
                (.init("ended_on", H.toDate), .optional(detail.route.endedOn?.description)),
            ],
            sections: [
                .init(
                    key: "stops", title: Message.Section.stops,
                    table: Table(
                        columns: [.init("position", H.position), .init("point_code", H.pointCode), .init("point_name", H.pointName)],
                        rows: detail.stops.map { [.integer(Int64($0.position)), .text($0.code), .text($0.name)] }))
            ])
        ctx.out(ctx.renderer(output).render(record, as: output.format))
    }
}

/// `A,B，C` → ["A", "B", "C"] (full-width commas too).
func splitList(_ text: String?) -> [String] {
    (text ?? "").split(whereSeparator: { $0 == "," || $0 == "，" || $0 == "、" }).map { String($0).trimmingCharacters(in: .whitespaces) }
        .filter { !$0.isEmpty }
}
