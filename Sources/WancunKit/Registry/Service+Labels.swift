// A point's services and what agent purchasing buys, read by their labels from the catalogue
// where a sheet, a command line or a table gives them.

extension ServiceKind: Labelled { public var label: Message { .serviceKind(self) } }
extension PurchaseCategory: Labelled { public var label: Message { .purchaseCategory(self) } }

extension Message {
    public static func serviceKind(_ kind: ServiceKind) -> Message {
        switch kind {
        case .agentPurchase: Message(zh: "代购", en: "agent purchasing")
        case .agentSale: Message(zh: "农产品代销", en: "agent sale of produce")
        case .billPayment: Message(zh: "缴费", en: "bill payment")
        case .ticketing: Message(zh: "购票", en: "ticketing")
        case .parcel: Message(zh: "包裹存取", en: "parcel pickup")
        case .finance: Message(zh: "金融服务", en: "financial services")
        }
    }

    public static func purchaseCategory(_ category: PurchaseCategory) -> Message {
        switch category {
        case .buildingMaterials: Message(zh: "建材", en: "building materials")
        case .farmInputs: Message(zh: "农资", en: "farm inputs")
        case .medicines: Message(zh: "药品", en: "medicines")
        case .dailyGoods: Message(zh: "日用品", en: "daily goods")
        }
    }
}
