import ArgumentParser
import Foundation
import WancunKit

struct UserCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user", abstract: "账号与角色 / Accounts and roles.",
        discussion: """
            Roles: admin (manages accounts), county-clerk (the whole county), town-clerk (one town,
            with --town), reviewer (reads everything, approves). Once any account exists, a run is
            finalized only with --reviewer, another person's reviewer account.
            Passwords are typed at a prompt that does not echo, or read from standard input with
            --password-stdin; never given on the command line.
            A town clerk, who then types a password twice at the prompt:
              wancun user add 王芳 --role town-clerk --town 330424101000
            Example: wancun user list
            """,
        subcommands: [UserAdd.self, UserList.self, UserDisable.self, UserPassword.self])
}

extension Role: ExpressibleByArgument {}

/// `--password-stdin`: the password as standard input's first line, for scripts.
struct PasswordOptions: ParsableArguments {
    @Flag(help: "Read the password from standard input's first line instead of a prompt.") var passwordStdin = false

    func read(_ ctx: Context) throws -> String {
        try PasswordInput.read(fromStandardInput: passwordStdin, confirm: !passwordStdin, ctx)
    }
}

struct UserAdd: WancunCommand {
    static let configuration = CommandConfiguration(commandName: "add", abstract: "添加账号 / Add an account.")

    @OptionGroup var globals: GlobalOptions
    @Argument(help: "The account's name, as it signs in and appears in the audit trail.") var name: String
    @Option(help: "admin, county-clerk, town-clerk or reviewer.") var role: Role
    @Option(help: "A town clerk's town (its 12-digit code, or the 9 digits that matter).") var town: DivisionCode?
    @OptionGroup var password: PasswordOptions

    func run(_ ctx: Context) throws {
        let db = try ctx.openDatabase()
        let account = try db.addUser(NewUser(name: name, role: role, town: town, password: try password.read(ctx)), context: ctx.changeContext())
        ctx.say(.userAdded(account.name, account.role))
    }
}

struct UserList: WancunCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "账号列表 / Every account.")

    @OptionGroup var globals: GlobalOptions
    @OptionGroup var output: OutputOptions

    func run(_ ctx: Context) throws {
        ctx.render(Table(columns: UserAccount.columns, rows: try ctx.openDatabase().users().map(\.cells)), output)
    }
}

struct UserDisable: WancunCommand {
    static let configuration = CommandConfiguration(
        commandName: "disable", abstract: "停用账号 / Disable an account: it no longer signs in or approves.")

    @OptionGroup var globals: GlobalOptions
    @Argument(help: "The account's name.") var name: String

    func run(_ ctx: Context) throws {
        try ctx.openDatabase().disableUser(name, context: ctx.changeContext())
        ctx.say(.userDisabled(name))
    }
}

struct UserPassword: WancunCommand {
    static let configuration = CommandConfiguration(commandName: "password", abstract: "更改密码 / Set an account's password.")

    @OptionGroup var globals: GlobalOptions
    @Argument(help: "The account's name.") var name: String
    @OptionGroup var password: PasswordOptions

    func run(_ ctx: Context) throws {
        let db = try ctx.openDatabase()
        _ = try db.user(name)
        try db.setPassword(name, to: try password.read(ctx), context: ctx.changeContext())
        ctx.say(.passwordChanged(name))
    }
}
