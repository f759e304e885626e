import ArgumentParser
import Foundation
import WancunKit

struct RetirementCommand: WancunCommand {
    static let configuration = CommandConfiguration(
        commandName: "retirement", abstract: "法定退休年龄 / Statutory retirement age under the 2025 reform.",
        discussion: "Example: wancun retirement --born 1976-05 --group male --format json")

    @OptionGroup var globals: GlobalOptions
    @Option(help: "Birth month YYYY-MM.") var born: Month
    @Option(help: "male, female-55 or female-50.") var group: RetirementGroup
    @Option(help: "text (default) or json.") var format: OutputFormat = .table

    func run(_ ctx: Context) throws {
        let latest = ctx.changeContext().today.monthValue
        guard born >= Month(year: 1900, month: 1)! && born <= latest else { throw ctx.usageError(.birthMonthOutOfRange(born, latest: latest)) }
        let months = Retirement.ageMonths(born: born, group: group)
        let month = Retirement.month(born: born, group: group)
        if format == .json {
            ctx.out(
                JSONValue.object([
                    ("age_years", .number(String(months / 12))), ("age_months", .number(String(months % 12))),
                    ("retirement_month", .string(month.description)),
                ]).serialized() + "\n")
        } else {
            ctx.say(.retirementAnswer(years: months / 12, months: months % 12, month: month))
        }
    }
}
