import ArgumentParser
import WancunKit

struct RestoreCommand: WancunCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore",
        abstract: "从备份恢复数据库 / Replace the database's content with a backup.",
        discussion: """
            Checks the backup first (a complete wancun database, from this version or an older
            one, that passes every check of wancun check) and refuses any other file. With --yes,
            copies the database's current content to DB.before-restore-TIME.sqlite, writes the
            backup into the database through SQLite's online backup (safe while other wancun
            processes have it open), and records the restore in the audit trail. Without --yes
            it only checks the backup and changes nothing (exit 1).

            Example: wancun restore /mnt/usb/county-2026-11-25.sqlite --yes
            """)

    @OptionGroup var globals: GlobalOptions

    @Argument(help: "The backup to bring back.")
    var backup: String

    @Flag(help: "Replace the database's content (without it, only the backup is checked).")
    var yes = false

    func run(_ ctx: Context) throws {
        guard yes else {
            try AppDatabase.requireBackup(backup)
            ctx.err(Message.restoreUnconfirmed(backup, into: ctx.databasePath).text(ctx.language) + "\n")
            throw ExitCode.failure
        }
        let restore = try AppDatabase.restore(
            from: backup, into: ctx.databasePath, busyTimeout: ctx.busyTimeout, context: ctx.changeContext())
        ctx.say(.restored(ctx.databasePath, from: backup, keptAside: restore.keptAside))
    }
}
