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

struct CheckCommand: WancunCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "检查数据库有无损坏 / Look for damage in the database, changing nothing.",
        discussion: """
            Runs SQLite's integrity_check and foreign_key_check, and compares the tables,
            indexes, views and triggers with those this version of wancun makes. Prints one line
            per check and per problem. Exit 4 when it finds damage, 1 when the file is not a
            wancun database at all.

            Example: wancun check
            """)

    @OptionGroup var globals: GlobalOptions

    func run(_ ctx: Context) throws {
        let results = try AppDatabase.check(path: ctx.databasePath)
        for result in results {
            if result.problems.isEmpty { ctx.say(.checkPassed(result.name)) }
            for problem in result.problems { ctx.say(.checkFound(result.name, problem)) }
        }
        let problems = results.reduce(0) { $0 + $1.problems.count }
        guard problems > 0 else { return ctx.say(.databaseSound(ctx.databasePath)) }
        ctx.say(.databaseDamaged(ctx.databasePath, problems: problems))
        throw ExitCode.damageFound
    }
}

extension ExitCode {
    /// `check` (and `audit verify`) found damage.
    static let damageFound = ExitCode(4)
}
