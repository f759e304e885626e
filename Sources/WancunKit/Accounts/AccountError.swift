/// Why an account, an access or an approval was refused. Never carries a password or a hash.
public enum AccountError: Error, Equatable, Sendable {
    case nameInvalid(String)
    case userExists(String)
    case userUnknown(String)
    case userDisabled(String)
    /// A password shorter than `minimum` characters.
    case passwordTooShort(minimum: Int)
    /// A password longer than bcrypt reads (72 bytes of UTF-8): the rest would be ignored.
    case passwordTooLong(maximumBytes: Int)
    case passwordsDiffer
    case passwordEmpty
    /// A town clerk's account names no town.
    case townRequired
    /// Only a town clerk's account names a town.
    case townNotForRole(Role)
    /// The code is not a town in the registry.
    case townUnknown(String)
    /// Disabling the last enabled administrator would leave nobody to manage the accounts.
    case lastAdmin(String)
    /// The account may not do this (`AccessPolicy`).
    case notAllowed(String, AccessAction)
    /// Accounts exist, so the run or the change needs a reviewer's approval.
    case reviewerRequired
    /// The approving account is not a reviewer.
    case notReviewer(String, Role)
    /// The reviewer is the clerk who made the run or the change.
    case reviewerIsMaker(String)

    public var rule: String {
        switch self {
        case .nameInvalid: "USER_NAME"
        case .userExists: "USER_EXISTS"
        case .userUnknown: "USER_UNKNOWN"
        case .userDisabled: "USER_DISABLED"
        case .passwordTooShort: "PASSWORD_TOO_SHORT"
        case .passwordTooLong: "PASSWORD_TOO_LONG"
        case .passwordsDiffer: "PASSWORDS_DIFFER"
        case .passwordEmpty: "PASSWORD_EMPTY"
        case .townRequired: "USER_TOWN_REQUIRED"
        case .townNotForRole: "USER_TOWN_NOT_FOR_ROLE"
        case .townUnknown: "USER_TOWN_UNKNOWN"
        case .lastAdmin: "LAST_ADMIN"
        case .notAllowed: "NOT_ALLOWED"
        case .reviewerRequired: "REVIEWER_REQUIRED"
        case .notReviewer: "NOT_REVIEWER"
        case .reviewerIsMaker: "REVIEWER_IS_MAKER"
        }
    }
}

extension AccountError: RuleError {}
