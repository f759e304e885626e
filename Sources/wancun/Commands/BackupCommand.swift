import ArgumentParser
import WancunKit

struct BackupCommand: WancunCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "在线备份数据库 / Write a consistent, checked copy of the database while others keep working.",
        discussion: """
            The copy is written beside FILE under a temporary name (FILE.partial-PID), checked
            (integrity, foreign keys, schema, triggers) and only then given its name; a copy cut
            short never sits under FILE, and the next backup removes what it left. The audit
            trail records the backup with its sha256.

            Example: wancun backup /mnt/usb/county-2026-11-26.sqlite
            """)

    @OptionGroup var globals: GlobalOptions

    @Argument(help: "Where to write the copy; an existing file is not overwritten.")
    var file: String

    func run(_ ctx: Context) throws {
        let copy = try ctx.openDatabase().backup(to: file, context: ctx.changeContext())
        ctx.say(.backupWritten(file, sha256: copy.sha256))
        ctx.say(.auditHead(copy.auditHead))
    }
}
