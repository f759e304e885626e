import ArgumentParser
import WancunKit

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
