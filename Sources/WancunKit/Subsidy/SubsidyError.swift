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
    /// The month has not ended, and the policy allows no early check on this day.
    case monthNotOver(Month, today: LocalDate, fromDay: Int?)
    /// The registry changed since the draft was made: what changed, where it can be named.
    case draftStale(Int64, changes: [String])
    case withoutOtherPostsNeedsReason
    case otherPostsKnown(Month)
    /// The month's list was imported from the departments' file: recording "none" through
    /// the pages would drop it.
    case otherPostsLoaded(Month)
    /// An opening balance as of a month that a final run already paid the person for.
    case openingBalanceOverlapsFinal(asOf: Month, firstPaid: Month)
    /// The balance with the months final runs already paid would pass the maximum.
    case openingBalanceOverCap(months: Int, paid: Int, maximum: Int)
    /// The bureau approves a month it had rejected, after later months were paid without it.
    case approvalOverCap(maskedID: String, months: Int, maximum: Int)
    /// The bureau approves a month it had rejected that is no longer payable: at or after an
    /// agreed retirement, or covered by an opening balance entered since.
    case approvalNotPayable(maskedID: String, month: Month)
    /// An agreed retirement month on or before a month a final run paid.
    case overrideBeforePaidMonth(Month, lastPaid: Month)
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
        case .monthNotOver: "MONTH_NOT_OVER"
        case .draftStale: "DRAFT_STALE"
        case .withoutOtherPostsNeedsReason: "REASON_REQUIRED"
        case .otherPostsKnown: "OTHER_POSTS_KNOWN"
        case .otherPostsLoaded: "OTHER_POSTS_LOADED"
        case .openingBalanceOverlapsFinal: "OPENING_BALANCE_OVERLAPS_FINAL"
        case .openingBalanceOverCap: "OPENING_BALANCE_OVER_CAP"
        case .approvalOverCap: "APPROVAL_OVER_CAP"
        case .approvalNotPayable: "APPROVAL_NOT_PAYABLE"
        case .overrideBeforePaidMonth: "RETIREMENT_OVERRIDE_PAID"
        case .openingBalanceFirstMonth: "OPENING_BALANCE_MONTHS"
        case .profileFieldUnknown: "PROFILE_FIELD_UNKNOWN"
        }
    }
}

extension SubsidyError: RuleError {}
