import ArgumentParser
import WancunKit

struct InitCommand: WancunCommand {
    static let configuration = CommandConfiguration(
        commandName: "init", abstract: "创建或升级数据库 / Create or migrate the database.",
        discussion: """
            Creates a new database only where no file exists; upgrades a wancun database made by
            an older version. Any other file (empty, another program's, cut short) is refused
            and left as it is.
            """)

    @OptionGroup var globals: GlobalOptions

    func run(_ ctx: Context) throws {
        let db = try ctx.openDatabase(create: true)
        // A new database gets the default subsidy parameters, to edit with policy set: from
        // seed/ when it is at hand (a county may keep its own there), else the built-in copy.
        if (try? db.policy(on: ctx.changeContext().today)) == nil {
            if let seed = Demo.seedDirectory(environment: ctx.environment, executable: ctx.executable) {
                _ = try db.importPolicy(from: seed + "/" + Demo.policyFile, context: ctx.changeContext())
            } else {
                _ = try db.importDefaultPolicy(context: ctx.changeContext())
            }
        }
        ctx.say(.databaseReady(ctx.databasePath))
    }
}
