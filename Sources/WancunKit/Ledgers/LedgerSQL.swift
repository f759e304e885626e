/// The ledgers' queries that other subsystems read them through (reconciliation), so that the
/// ledgers' tables are read in one place.
enum LedgerSQL {
    /// A courier's parcels arrived in a month: waybill, point code, arrival. Arguments: the
    /// courier's id, the month's first day and the next month's.
    static let courierMonthParcels = """
        SELECT x.waybill, p.code, x.arrived_at FROM parcel x JOIN point p ON p.id = x.point_id
        WHERE x.courier_id = ? AND x.arrived_at >= ? AND x.arrived_at < ?
        """

    /// Whether the courier (the next argument) has a parcel with the waybill `key`.
    static func parcelExists(waybill key: String) -> String {
        "EXISTS (SELECT 1 FROM parcel x WHERE x.courier_id = ? AND x.waybill = \(key))"
    }

    /// What a courier owes each point it was linked with in a month: point code, parcels, and
    /// their fees, each at the fee of the link in force the day it arrived. Arguments: ?1 the
    /// courier's id, ?2 the month's first day, ?3 its last, ?4 the next month's first.
    static let courierMonthFees = """
        SELECT p.code, CAST(count(x.id) AS TEXT), CAST(coalesce(sum((
            SELECT l.fee_fen FROM courier_link l
            WHERE l.point_id = p.id AND l.courier_id = ?1 AND \(RegistrySQL.inForce("l", on: "substr(x.arrived_at, 1, 10)")))), 0) AS TEXT)
        FROM point p
        LEFT JOIN parcel x ON x.point_id = p.id AND x.courier_id = ?1 AND x.arrived_at >= ?2 AND x.arrived_at < ?4
        WHERE EXISTS (
            SELECT 1 FROM courier_link l
            WHERE l.point_id = p.id AND l.courier_id = ?1 AND \(RegistrySQL.inForce("l", from: "?2", to: "?3")))
        GROUP BY p.id
        """

    /// A platform's purchases in a month: order number, point code, amount in fen, day.
    /// Arguments: the platform, the month's first and last days.
    static let platformMonthPurchases = """
        SELECT y.order_no, p.code, CAST(y.amount_fen AS TEXT), y.on_date FROM purchase y JOIN point p ON p.id = y.point_id
        WHERE y.platform = ? AND y.on_date BETWEEN ? AND ?
        """

    /// Whether the platform (the next argument) has a purchase with the order number `key`.
    static func purchaseExists(orderNo key: String) -> String {
        "EXISTS (SELECT 1 FROM purchase y WHERE y.platform = ? AND y.order_no = \(key))"
    }
}
