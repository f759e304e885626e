// The catalogue: parcel and purchase ledgers.
extension Message {
    /// A ledger's refusal; `surface` as for `UserFacingError.message(on:)`.
    static func ledgerError(_ error: LedgerError, on surface: Surface = .commandLine) -> Message {
        switch error {
        case .parcelUnknown(let waybill, let point) where surface != .commandLine:
            return Message(
                zh: "服务点 \(point) 没有运单号 \(waybill) 的到站记录：先登记到站", en: "point \(point) has no arrival of waybill \(waybill): record the arrival first")
        case .parcelAmbiguous(let waybill) where surface != .commandLine:
            return Message(zh: "多家快递企业有运单号 \(waybill)：请指明快递企业", en: "several couriers have waybill \(waybill): name the courier")
        case .parcelDuplicate(let waybill, let courier, let point):
            return Message(
                zh: "\(courier) 的运单号 \(waybill) 已登记（服务点 \(point)）：同一快递企业的运单号不能重复",
                en: "\(courier) waybill \(waybill) is recorded already (point \(point)): a courier's waybills are unique")
        case .parcelUnknown(let waybill, let point):
            return Message(
                zh: "服务点 \(point) 没有运单号 \(waybill) 的到站记录：先登记到站（wancun parcel arrive）",
                en: "point \(point) has no arrival of waybill \(waybill): record the arrival first (wancun parcel arrive)")
        case .parcelAmbiguous(let waybill):
            return Message(zh: "多家快递企业有运单号 \(waybill)：请用 --courier 指明", en: "several couriers have waybill \(waybill): name one with --courier")
        case .pickupBeforeArrival(let picked, let arrived):
            return Message(zh: "取件时间 \(picked) 早于到站时间 \(arrived)", en: "pickup \(picked) is before the arrival \(arrived)")
        case .alreadyPickedUp(let at):
            return Message(zh: "该包裹已于 \(at) 取走", en: "the parcel was picked up at \(at)")
        case .timeInFuture(let at):
            return Message(zh: "时间 \(at) 晚于今天", en: "time \(at) is in the future")
        case .orderDuplicate(let platform, let order, let point):
            return Message(
                zh: "\(platform) 订单号 \(order) 已登记（服务点 \(point)）：同一平台的订单号不能重复",
                en: "\(platform) order \(order) is recorded already (point \(point)): a platform's order numbers are unique")
        case .categoryUnknown(let text):
            return Message(
                zh: "品类“\(text)”应为 建材、农资、药品 或 日用品", en: "category \"\(text)\" must be building-materials, farm-inputs, medicines or daily-goods")
        case .amountNotPositive:
            return Message(zh: "金额须大于零", en: "the amount must be more than zero")
        case .platformRequired:
            return Message(zh: "平台为空", en: "the platform is empty")
        }
    }

}
