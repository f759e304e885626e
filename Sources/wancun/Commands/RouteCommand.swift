import ArgumentParser
import WancunKit

struct RouteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "route", abstract: "拼车配送线路 / Joint-delivery routes.", subcommands: [RouteAdd.self, RouteList.self, RouteShow.self])
}

struct RouteAdd: WancunCommand {
    static let configuration = CommandConfiguration(
        commandName: "add", abstract: "登记拼车线路 / Register a joint-delivery route.",
        discussion: """
            Every stop must be served, on the first day, by at least one of the route's couriers.
            Example: wancun route add 沈荡西线 --vehicle 浙F12345 --couriers 1,2 --stops 330424101204001,330424101207001 \
            --from 2026-03-01 --station 沈荡镇快递中转站
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
                columns: [
                    .init("name", H.name), .init("vehicle", H.vehicle), .init("station", H.station), .init("couriers", H.couriers),
                    .init("stops", H.stops), .init("started_on", H.fromDate), .init("ended_on", H.toDate),
                ],
                rows: routes.map {
                    [
                        .text($0.route.name), .text($0.route.vehicle), .optional($0.stationName),
                        .text($0.couriers.map(\.name).joined(separator: ", ")),
                        .integer(Int64($0.stops.count)), .text($0.route.startedOn.description), .optional($0.route.endedOn?.description),
                    ]
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
