// Each code people read is given its label from the catalogue here, above the domains that
// declare the codes.

extension PointStatus: Labelled { public var label: Message { .pointStatus(self) } }
extension Sex: Labelled { public var label: Message { .sex(self) } }
extension DifficultyCategory: Labelled { public var label: Message { .difficulty(self) } }
extension ContractType: Labelled {
    public var label: Message { .contractType(self) }
    public static var spellings: [String: ContractType] { ["labor": .labour] }
}

extension RetirementGroup: Labelled { public var label: Message { .retirementGroup(self) } }
extension ServiceKind: Labelled { public var label: Message { .serviceKind(self) } }
extension PurchaseCategory: Labelled { public var label: Message { .purchaseCategory(self) } }
extension DivisionLevel: Labelled { public var label: Message { .divisionLevel(self) } }
extension DivisionChange.Kind: Labelled { public var label: Message { .divisionChangeKind(self) } }
extension ReconOutcome: Labelled { public var label: Message { .reconOutcome(self) } }
extension ReconKind: Labelled { public var label: Message { .reconKind(self) } }
extension SubsidyRule: Labelled { public var label: Message { .subsidyRule(self) } }
extension ScopeReason: Labelled { public var label: Message { .scopeReason(self) } }
extension RunStatus: Labelled { public var label: Message { .runStatus(self) } }
extension PolicyKey: Labelled { public var label: Message { .policyKey(self) } }
