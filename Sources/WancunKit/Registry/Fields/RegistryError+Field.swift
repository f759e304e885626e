extension RegistryError {
    /// The column of the field an operator's refusal is about (the field list's name, as a form's
    /// input is named), nil for one about the change as a whole.
    public var operatorField: String? {
        switch self {
        case .invalid(let field, _), .valueOutOfRange(let field, _, _), .dateInFuture(let field, _), .fieldUnknown(let field): field
        case .operatorExists: "id_number"
        case .phoneDuplicate: "phone"
        case .retirementGroupRequired, .retirementGroupNotForMen, .retirementGroupNotForWomen, .retirementBeforePaidMonth: "retirement_group"
        case .difficultyIncomplete, .difficulty4050Age: "difficulty"
        case .difficultyNoteRequired: "difficulty_note"
        default: nil
        }
    }
}
