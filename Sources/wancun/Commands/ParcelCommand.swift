import ArgumentParser
import WancunKit

struct ParcelCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parcel", abstract: "包裹台账 / The parcel ledger.",
        subcommands: [ParcelArrive.self, ParcelPickup.self, ParcelImport.self, ParcelOverdue.self])
}

struct ParcelArrive: WancunCommand {
    static let configuration = CommandConfiguration(
        commandName: "arrive", abstract: "登记包裹到站 / Record a parcel's arrival.",
        discussion: "Example: wancun parcel arrive 330424101201001 SF1234567890 --courier 顺丰速运海盐营业部 --at '2026-11-20 09:30'")

    @OptionGroup var globals: GlobalOptions
    @Argument(help: "The point's code.") var point: String
    @Argument(help: "The waybill number.") var waybill: String
    @Option(help: "The courier's id or name.") var courier: String
    @Option(help: "YYYY-MM-DD HH:MM or ISO 8601.") var at: LocalDateTime

    func run(_ ctx: Context) throws {
        try ctx.openDatabase().parcelArrived(pointCode: point, waybill: waybill, courier: courier, at: at, context: ctx.changeContext())
        ctx.say(.parcelArrived)
    }
}

struct ParcelPickup: WancunCommand {
    static let configuration = CommandConfiguration(commandName: "pickup", abstract: "登记取件 / Record a pickup.")

    @OptionGroup var globals: GlobalOptions
    @Argument(help: "The point's code.") var point: String
    @Argument(help: "The waybill number.") var waybill: String
    @Option(help: "YYYY-MM-DD HH:MM or ISO 8601.") var at: LocalDateTime
    @Option(help: "The courier, when several have this waybill.") var courier: String?

    func run(_ ctx: Context) throws {
        try ctx.openDatabase().parcelPickedUp(pointCode: point, waybill: waybill, courier: courier, at: at, context: ctx.changeContext())
        ctx.say(.parcelPickedUp)
    }
}

struct ParcelImport: WancunCommand {
    static let configuration = CommandConfiguration(
        commandName: "import", abstract: "导入包裹台账 / Load a parcel ledger.",
        discussion: "Columns: 服务点编码, 运单号, 快递公司, 到站时间, 取件时间 (optional). Every row is checked before any is written.")

    @OptionGroup var globals: GlobalOptions
    @OptionGroup var input: ImportOptions

    func run(_ ctx: Context) throws {
        let summary = try ctx.openDatabase().importParcels(from: input.file, sheet: input.sheet, dryRun: input.dryRun, context: ctx.changeContext())
        ctx.reportImport(summary)
    }
}

struct ParcelOverdue: WancunCommand {
    static let configuration = CommandConfiguration(
        commandName: "overdue", abstract: "滞留包裹 / Parcels waiting too long to be picked up.")

    @OptionGroup var globals: GlobalOptions
    @OptionGroup var output: OutputOptions
    @Option(help: "Days since arrival (default 3).") var days = 3

    func run(_ ctx: Context) throws {
        let rows = try ctx.openDatabase().overdueParcels(days: days, context: ctx.changeContext())
        ctx.render(Table(columns: ParcelListing.columns, rows: rows.map(\.cells)), output)
    }
}
