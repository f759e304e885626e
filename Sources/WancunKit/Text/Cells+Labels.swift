// The rows of the tables whose cells show a code's label, given here where the label is worded,
// above the domains that declare the codes.

extension UserAccount {
    public var cells: [Cell] {
        [
            .text(name), .label(code: role.rawValue, .role(role)), town.map { .code($0.rawValue) } ?? .null, .bool(disabled),
            .text(createdAt), .text(changedAt),
        ]
    }
}

extension PolicyValue {
    public var cells: [Cell] {
        [.label(code: key.rawValue, .policyKey(key)), .text(value), .text(unit), .text(fromDate.description), .text(source)]
    }
}
