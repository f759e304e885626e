/// Why a subsidy command refused.
public enum SubsidyError: Error, Equatable, Sendable {
    case policyKeyUnknown(String)
    case policyValueInvalid(String, String)
    case policySourceRequired
    case policyMissing([String], LocalDate)
    case overrideOutOfRange(Month, earliest: Month, latest: Month)
    case runUnknown(Int64)
    case runNotDraft(Int64, String)
    case runNotFinal(Int64)
    /// The run was final and has been replaced; `by` is the month's final run now.
    case runReplaced(Int64, by: Int64?)
    case finalExists(Month, Int64)
    case replaceNeedsReason
    case reconciled(Int64)
    case nothingToCheck(Month)
    case monthInFuture(Month)
    case openingBalanceFirstMonth
    case profileFieldUnknown(String)

    public var rule: String {
        switch self {
        case .policyKeyUnknown: "POLICY_KEY_UNKNOWN"
        case .policyValueInvalid: "POLICY_VALUE"
        case .policySourceRequired: "POLICY_SOURCE_REQUIRED"
        case .policyMissing: "POLICY_MISSING"
        case .overrideOutOfRange: "RETIREMENT_OVERRIDE_RANGE"
        case .runUnknown: "RUN_UNKNOWN"
        case .runNotDraft: "RUN_NOT_DRAFT"
        case .runNotFinal: "RUN_NOT_FINAL"
        case .runReplaced: "RUN_REPLACED"
        case .finalExists: "FINAL_RUN_EXISTS"
        case .replaceNeedsReason: "REPLACE_NEEDS_REASON"
        case .reconciled: "RUN_RECONCILED"
        case .nothingToCheck: "NOTHING_TO_CHECK"
        case .monthInFuture: "MONTH_IN_FUTURE"
        case .openingBalanceFirstMonth: "OPENING_BALANCE_MONTHS"
        case .profileFieldUnknown: "PROFILE_FIELD_UNKNOWN"
        }
    }
}

extension SubsidyError: UserFacingError, RuleError {
    public var message: Message { .subsidyError(self) }
}
