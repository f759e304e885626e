import ArgumentParser
import WancunKit

struct TemplateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "template", abstract: "导入模板 / Import templates.", subcommands: [TemplatePoints.self])
}

struct TemplatePoints: WancunCommand {
    static let configuration = CommandConfiguration(
        commandName: "points", abstract: "服务点导入模板 / The points template: headers, an example row, notes on each column.",
        discussion: "Example: wancun template points --out 服务点导入模板.xlsx")

    @OptionGroup var globals: GlobalOptions
    @Option(help: "FILE.xlsx or FILE.csv.") var out: String

    func run(_ ctx: Context) throws {
        try PointSheet.template(to: out)
        ctx.say(.fileConverted(out, 2))
    }
}
