extension RegistryError {
    /// The column of the field the refusal is about, so that a form shows it beside its input;
    /// nil for a refusal of the change as a whole. `date` is the day a change takes effect
    /// (a status change's, an assignment's first or last day).
    public var field: String? {
        switch self {
        case .invalid(let field, _), .valueOutOfRange(let field, _, _), .dateInFuture(let field, _): field
        case .fieldUnknown(let field): field
        case .villageUnknown, .notAVillage, .villageRetired, .pointNotRuralVillage, .pointCodesExhausted: "village_code"
        case .coordinatesIncomplete, .coordinatesOutOfRange, .pointTooClose: "latitude"
        case .planYearOutOfRange: "plan_year"
        case .pointNameDuplicate: "name"
        case .openingAfterNextChange: "opened_on"
        case .businessNameRequired: "business_name"
        case .reasonRequired, .forceNeedsReason: "reason"
        case .statusNotAllowed: "status"
        case .statusDateBeforeLast, .assignmentBeforeCurrent, .assignmentOverlapsHistory, .unassignBeforeStart: "date"
        case .operatorUnknown, .operatorExists, .operatorExistsElsewhere, .operatorBusy, .operatorBusyElsewhere, .operatorAlreadyHere: "id_number"
        case .phoneDuplicate, .phoneDuplicateElsewhere: "phone"
        case .retirementGroupRequired, .retirementGroupNotForMen, .retirementGroupNotForWomen, .retirementBeforePaidMonth: "retirement_group"
        case .difficultyIncomplete, .difficulty4050Age: "difficulty"
        case .difficultyNoteRequired: "difficulty_note"
        case .contractIncomplete: "contract_type"
        case .contractEndsBeforeStart: "contract_to"
        case .daysPerWeekRange: "days_per_week"
        case .periodEndsBeforeStart: "ended_on"
        case .serviceCategoryRequired, .serviceCategoryOnlyForPurchase: "category"
        case .plateInvalid: "plate"
        default: nil
        }
    }
}
