/// Why a value typed by a person or read from a file is not a valid identifier, date or amount.
///
/// Personal values (ID numbers, phones) are never carried here: the cases say only what rule
/// failed, so an error message cannot leak them.
public enum ValueError: Error, Equatable, Sendable {
    case date(String)
    case month(String)
    case time(String)
    case futureDate(LocalDate)
    case residentIDLength(Int)
    case residentIDCharacters
    case residentIDCheck
    case residentIDBirthDate
    case residentIDFutureBirth
    case residentIDMasked
    /// A long number Excel turned into scientific notation (as `Mask.excelNumber` shows it).
    case scientificNotation(String)
    /// Eighteen digits ending in 000 whose check fails: an ID number Excel kept as a number,
    /// its digits past the fifteenth made zeros (as `Mask.excelNumber` shows it).
    case excelDigitsLost(String)
    case creditCodeLength(Int)
    case creditCodeCharacters
    case creditCodeCheck(expected: Character)
    case divisionCodeFormat(String)
    /// Not a village's 12 digits and a point's 3 (`PointCode`).
    case pointCodeFormat(String)
    case phone
    case money(String)
    case moneyPrecision(String)
    case empty
    case choice(String, [String])
    /// Not one of a set of codes: people are shown the labels in Chinese, the codes in English.
    case label(String, zh: [String], en: [String])
    /// Not a whole number of at least zero.
    case number(String)
    /// Not a number, with or without decimals (coordinates).
    case decimal(String)
    /// A name or address holding a control character (`FreeText`); the text is never shown.
    case controlCharacter
    /// A name or address holding a character that turns the direction of text.
    case bidiControl
    case tooLong(limit: Int, count: Int)

    /// A stable code naming the rule, the same in every language.
    public var rule: String {
        switch self {
        case .date: "DATE_FORMAT"
        case .month: "MONTH_FORMAT"
        case .time: "TIME_FORMAT"
        case .futureDate: "DATE_IN_FUTURE"
        case .residentIDLength: "ID_LENGTH"
        case .residentIDCharacters: "ID_CHARACTERS"
        case .residentIDCheck: "ID_CHECK_CHARACTER"
        case .residentIDBirthDate: "ID_BIRTH_DATE"
        case .residentIDFutureBirth: "ID_BIRTH_IN_FUTURE"
        case .residentIDMasked: "ID_MASKED"
        case .scientificNotation, .excelDigitsLost: "EXCEL_NUMBER_DAMAGE"
        case .creditCodeLength: "CREDIT_CODE_LENGTH"
        case .creditCodeCharacters: "CREDIT_CODE_CHARACTERS"
        case .creditCodeCheck: "CREDIT_CODE_CHECK"
        case .divisionCodeFormat: "DIVISION_CODE_FORMAT"
        case .pointCodeFormat: "POINT_CODE_FORMAT"
        case .phone: "PHONE_FORMAT"
        case .money: "MONEY_FORMAT"
        case .moneyPrecision: "MONEY_PRECISION"
        case .empty: "REQUIRED"
        case .choice, .label: "NOT_A_CHOICE"
        case .number, .decimal: "NUMBER_FORMAT"
        case .controlCharacter: "TEXT_CONTROL_CHARACTER"
        case .bidiControl: "TEXT_BIDI_CONTROL"
        case .tooLong: "TEXT_TOO_LONG"
        }
    }
}
