/// Statutory retirement age under the 2025 reform (渐进式延迟法定退休年龄, in force
/// 2025-01-01): people born from a group's base month on retire later, by one month for each
/// `step` months born after the base, up to `cap` months.
public enum Retirement {
    struct Rule {
        var oldAgeYears: Int
        var base: Month
        var step: Int
        var cap: Int
    }

    static func rule(_ group: RetirementGroup) -> Rule {
        switch group {
        case .male: Rule(oldAgeYears: 60, base: Month(year: 1965, month: 1)!, step: 4, cap: 36)
        case .female55: Rule(oldAgeYears: 55, base: Month(year: 1970, month: 1)!, step: 4, cap: 36)
        case .female50: Rule(oldAgeYears: 50, base: Month(year: 1975, month: 1)!, step: 2, cap: 60)
        }
    }

    /// The statutory retirement age in months for someone born in `born`.
    public static func ageMonths(born: Month, group: RetirementGroup) -> Int {
        let rule = rule(group)
        let since = rule.base.months(to: born)
        let added = since < 0 ? 0 : min(rule.cap, since / rule.step + 1)
        return rule.oldAgeYears * 12 + added
    }

    /// The month someone reaches retirement age: no month from it on is payable.
    public static func month(born: Month, group: RetirementGroup) -> Month {
        born.adding(months: ageMonths(born: born, group: group))
    }

    /// The earliest month an agreed early retirement may take: three years early, never below
    /// the old age.
    public static func earliestOverride(born: Month, group: RetirementGroup) -> Month {
        let statutory = month(born: born, group: group)
        let oldAge = born.adding(months: rule(group).oldAgeYears * 12)
        return max(statutory.adding(months: -36), oldAge)
    }

    /// The latest month an agreed deferral may reach: three years late.
    public static func latestOverride(born: Month, group: RetirementGroup) -> Month {
        month(born: born, group: group).adding(months: 36)
    }
}
