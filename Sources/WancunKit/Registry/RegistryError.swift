/// Why the registry refused a change. Personal values appear only masked.
public enum RegistryError: Error, Equatable, Sendable {
    case invalid(field: String, ValueError)
    case villageUnknown(DivisionCode)
    case notAVillage(DivisionCode, DivisionLevel)
    case villageRetired(DivisionCode, LocalDate)
    case pointUnknown(String)
    case pointCodesExhausted(DivisionCode)
    case coordinatesIncomplete
    case coordinatesOutOfRange
    case planYearOutOfRange(Int)
    /// A value given for a field the entity does not have, or does not set that way.
    case fieldUnknown(String)
    /// A `services` cell's item that names no service.
    case serviceUnknown(String)
    /// A whole number outside the range its field allows.
    case valueOutOfRange(field: String, Int, ClosedRange<Int>)
    case dateInFuture(field: String, LocalDate)
    case statusNotAllowed(from: PointStatus, to: PointStatus, allowed: [PointStatus])
    case statusDateBeforeLast(LocalDate, last: LocalDate)
    /// A change of retirement group that would put retirement on or before a month already paid.
    case retirementBeforePaidMonth(retirement: Month, lastPaid: Month)
    case openingAfterNextChange(LocalDate, next: LocalDate)
    case reasonRequired
    case operatorUnknown(maskedID: String)
    case operatorExists(maskedID: String, name: String)
    /// The same, of a person the actor may not see: told without naming them.
    case operatorExistsElsewhere
    case retirementGroupRequired
    case retirementGroupNotForMen
    case retirementGroupNotForWomen
    case difficultyIncomplete
    case difficultyNoteRequired
    /// The person is too young for 4050 on the certification day; the age is never given.
    case difficulty4050Age(certifiedOn: LocalDate, Sex)
    case operatorBusy(maskedID: String, otherPoint: String, otherName: String)
    /// The same, at a point the actor may not see: told without naming it.
    case operatorBusyElsewhere(maskedID: String)
    case operatorAlreadyHere(maskedID: String)
    case pointClosed(String)
    case assignmentBeforeCurrent(LocalDate, current: LocalDate)
    case assignmentOverlapsHistory(LocalDate, endedOn: LocalDate)
    case noActiveAssignment(String)
    case unassignBeforeStart(LocalDate, started: LocalDate)
    case contractIncomplete
    case contractEndsBeforeStart
    case businessNameRequired
    case forceNeedsReason
    case serviceCategoryRequired
    case serviceCategoryOnlyForPurchase
    case medicinesNeedPharmacy
    case financeNeedsBank
    case serviceExists(String, String?)
    case serviceNotOpen(String)
    /// A service dated before the point opened (the opening day given).
    case serviceBeforeOpening(LocalDate, opened: LocalDate)
    case courierExists(String)
    case courierUnknown(String)
    case periodEndsBeforeStart
    case daysPerWeekRange(Int)
    case linkOverlaps(String, LocalDate, LocalDate?)
    case notATown(DivisionCode, DivisionLevel)
    case stationExists(String)
    case stationUnknown(String)
    case plateInvalid(String)
    case routeExists(String)
    case routeUnknown(String)
    case routeNeedsCouriers
    case routeNeedsStops
    case routeStopRepeated(String)
    case stopsNotServed([String], [String], LocalDate)
    case phoneDuplicate(maskedPhone: String, otherName: String, otherMaskedID: String)
    /// The same, of an operator the actor may not see: told with only the phone typed.
    case phoneDuplicateElsewhere(maskedPhone: String)
    case pointNameDuplicate(code: String, name: String)
    case pointTooClose(code: String, name: String, meters: Int)
    case pointNotRuralVillage(DivisionCode, name: String)
    /// More than one refusal of one change, in the order they were found.
    indirect case several([RegistryError])

    /// A stable code naming the rule, the same in every language.
    public var rule: String {
        switch self {
        case .invalid(_, let error): error.rule
        case .villageUnknown: "VILLAGE_UNKNOWN"
        case .notAVillage: "NOT_A_VILLAGE"
        case .villageRetired: "VILLAGE_RETIRED"
        case .pointUnknown: "POINT_UNKNOWN"
        case .pointCodesExhausted: "POINT_CODES_EXHAUSTED"
        case .coordinatesIncomplete: "COORDINATES_INCOMPLETE"
        case .coordinatesOutOfRange: "COORDINATES_RANGE"
        case .planYearOutOfRange: "PLAN_YEAR_RANGE"
        case .fieldUnknown: "FIELD_UNKNOWN"
        case .serviceUnknown: "SERVICE_UNKNOWN"
        case .valueOutOfRange: "VALUE_OUT_OF_RANGE"
        case .dateInFuture: "DATE_IN_FUTURE"
        case .statusNotAllowed: "STATUS_CHANGE_NOT_ALLOWED"
        case .statusDateBeforeLast: "STATUS_DATE_BEFORE_LAST"
        case .retirementBeforePaidMonth: "RETIREMENT_BEFORE_PAID_MONTH"
        case .openingAfterNextChange: "OPENING_AFTER_NEXT_CHANGE"
        case .reasonRequired: "REASON_REQUIRED"
        case .operatorUnknown: "OPERATOR_UNKNOWN"
        case .operatorExists, .operatorExistsElsewhere: "OPERATOR_EXISTS"
        case .retirementGroupRequired: "RETIREMENT_GROUP_REQUIRED"
        case .retirementGroupNotForMen, .retirementGroupNotForWomen: "RETIREMENT_GROUP_SEX"
        case .difficultyIncomplete: "DIFFICULTY_INCOMPLETE"
        case .difficultyNoteRequired: "DIFFICULTY_NOTE_REQUIRED"
        case .difficulty4050Age: "DIFFICULTY_4050_AGE"
        case .operatorBusy, .operatorBusyElsewhere: "OPERATOR_HAS_OTHER_POST"
        case .operatorAlreadyHere: "OPERATOR_ALREADY_ASSIGNED"
        case .pointClosed: "POINT_CLOSED"
        case .assignmentBeforeCurrent: "ASSIGNMENT_BEFORE_CURRENT"
        case .assignmentOverlapsHistory: "ASSIGNMENT_OVERLAPS_HISTORY"
        case .noActiveAssignment: "NO_ACTIVE_ASSIGNMENT"
        case .unassignBeforeStart: "UNASSIGN_BEFORE_START"
        case .contractIncomplete: "CONTRACT_INCOMPLETE"
        case .contractEndsBeforeStart: "CONTRACT_DATES"
        case .businessNameRequired: "BUSINESS_NAME_REQUIRED"
        case .forceNeedsReason: "FORCE_NEEDS_REASON"
        case .serviceCategoryRequired: "SERVICE_CATEGORY_REQUIRED"
        case .serviceCategoryOnlyForPurchase: "SERVICE_CATEGORY_NOT_ALLOWED"
        case .medicinesNeedPharmacy: "MEDICINES_NEED_PHARMACY"
        case .financeNeedsBank: "FINANCE_NEEDS_BANK"
        case .serviceExists: "SERVICE_EXISTS"
        case .serviceNotOpen: "SERVICE_NOT_OPEN"
        case .serviceBeforeOpening: "SERVICE_BEFORE_OPENING"
        case .courierExists: "COURIER_EXISTS"
        case .courierUnknown: "COURIER_UNKNOWN"
        case .periodEndsBeforeStart: "PERIOD_DATES"
        case .daysPerWeekRange: "DAYS_PER_WEEK_RANGE"
        case .linkOverlaps: "LINK_OVERLAPS"
        case .notATown: "NOT_A_TOWN"
        case .stationExists: "STATION_EXISTS"
        case .stationUnknown: "STATION_UNKNOWN"
        case .plateInvalid: "PLATE_FORMAT"
        case .routeExists: "ROUTE_EXISTS"
        case .routeUnknown: "ROUTE_UNKNOWN"
        case .routeNeedsCouriers: "ROUTE_NEEDS_COURIERS"
        case .routeNeedsStops: "ROUTE_NEEDS_STOPS"
        case .routeStopRepeated: "ROUTE_STOP_REPEATED"
        case .stopsNotServed: "STOP_NOT_SERVED"
        case .phoneDuplicate, .phoneDuplicateElsewhere: "DUPLICATE_PHONE"
        case .pointNameDuplicate: "DUPLICATE_POINT_NAME"
        case .pointTooClose: "DUPLICATE_POINT_LOCATION"
        case .pointNotRuralVillage: "POINT_NOT_RURAL_VILLAGE"
        case .several(let all): all.first?.rule ?? ""
        }
    }
}

extension RegistryError {
    /// The audit action of going past this refusal with an override.
    var forceAction: String {
        switch self {
        case .phoneDuplicate, .phoneDuplicateElsewhere, .pointNameDuplicate, .pointTooClose: "duplicate.force"
        default: "check.force"
        }
    }

    /// Refuses with what was found: nothing, one refusal, or several.
    static func refuse(_ refusals: [RegistryError]) throws(RegistryError) {
        if refusals.count == 1 { throw refusals[0] }
        if refusals.count > 1 { throw .several(refusals) }
    }

    /// Each refusal on its own.
    public var refusals: [RegistryError] {
        if case .several(let all) = self { return all }
        return [self]
    }
}

/// Parses a value, naming the field when it fails.
func parse<T>(_ field: String, _ work: () throws(ValueError) -> T) throws(RegistryError) -> T {
    do { return try work() } catch { throw .invalid(field: field, error) }
}

extension RegistryError: RuleError {}
