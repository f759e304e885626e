import ArgumentParser
import WancunKit

struct InitCommand: WancunCommand {
    static let configuration = CommandConfiguration(
        commandName: "init", abstract: "创建或升级数据库 / Create or migrate the database.")

    @OptionGroup var globals: GlobalOptions

    func run(_ ctx: Context) throws {
        let db = try ctx.openDatabase(create: true)
        // A new database gets the default subsidy parameters, to edit with policy set: from
        // seed/ when it is at hand (a county may keep its own there), else the built-in copy.
        if (try? db.policy(on: ctx.changeContext().today)) == nil {
            if let seed = Demo.seedDirectory(environment: ctx.environment, executable: CommandLine.arguments[0]) {
                _ = try db.importPolicy(from: seed + "/" + Demo.policyFile, context: ctx.changeContext())
            } else {
                _ = try db.importDefaultPolicy(context: ctx.changeContext())
            }
        }
        ctx.say(.databaseReady(ctx.databasePath))
    }
}

struct BackupCommand: WancunCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "在线备份数据库 / Write a consistent copy of the database while others keep working.",
        discussion: "Example: wancun backup /mnt/usb/county-2026-11-26.sqlite")

    @OptionGroup var globals: GlobalOptions

    @Argument(help: "Where to write the copy; an existing file is not overwritten.")
    var file: String

    func run(_ ctx: Context) throws {
        let head = try ctx.openDatabase().backup(to: file)
        ctx.say(.backupWritten(file))
        ctx.say(.auditHead(head))
    }
}
