import ArgumentParser
import WancunKit

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
