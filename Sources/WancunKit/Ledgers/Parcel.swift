import Foundation
import GRDB

/// A parcel left at a point for a villager to collect.
public struct Parcel: Codable, Sendable, Hashable, FetchableRecord, MutablePersistableRecord {
    public var id: Int64?
    public var pointId: Int64
    public var courierId: Int64
    public var waybill: String
    public var arrivedAt: LocalDateTime
    public var pickedUpAt: LocalDateTime?

    public static let databaseTableName = "parcel"
    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    public static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase
    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

/// A parcel as lists show it.
public struct ParcelListing: Sendable, FetchableRecord {
    public var pointCode: String
    public var pointName: String
    public var courier: String
    public var waybill: String
    public var arrivedAt: LocalDateTime
    public var pickedUpAt: LocalDateTime?

    public init(row: Row) throws {
        pointCode = row["point_code"]
        pointName = row["point_name"]
        courier = row["courier"]
        waybill = row["waybill"]
        arrivedAt = row["arrived_at"]
        pickedUpAt = row["picked_up_at"]
    }

    public static let columns: [Table.Column] = [
        .init("point_code", Message.Header.pointCode), .init("point_name", Message.Header.pointName),
        .init("courier", Message.Header.courier), .init("waybill", Message.Header.waybill),
        .init("arrived_at", Message.Header.arrivedAt), .init("picked_up_at", Message.Header.pickedUpAt),
    ]

    public var cells: [Cell] {
        [.text(pointCode), .text(pointName), .text(courier), .text(waybill), .text(arrivedAt.description), .optional(pickedUpAt?.description)]
    }
}

/// Why the ledgers refused something.
public enum LedgerError: Error, Equatable, Sendable {
    case parcelDuplicate(waybill: String, courier: String, pointCode: String)
    case parcelUnknown(waybill: String, pointCode: String)
    case parcelAmbiguous(waybill: String)
    case pickupBeforeArrival(LocalDateTime, arrived: LocalDateTime)
    case alreadyPickedUp(LocalDateTime)
    case timeInFuture(LocalDateTime)
    case orderDuplicate(platform: String, order: String, pointCode: String)
    case categoryUnknown(String)
    case amountNotPositive
    case platformRequired

    public var rule: String {
        switch self {
        case .parcelDuplicate: "DUPLICATE_WAYBILL"
        case .parcelUnknown: "PARCEL_NOT_ARRIVED"
        case .parcelAmbiguous: "WAYBILL_AMBIGUOUS"
        case .pickupBeforeArrival: "PICKUP_BEFORE_ARRIVAL"
        case .alreadyPickedUp: "ALREADY_PICKED_UP"
        case .timeInFuture: "TIME_IN_FUTURE"
        case .orderDuplicate: "DUPLICATE_ORDER"
        case .categoryUnknown: "CATEGORY_UNKNOWN"
        case .amountNotPositive: "AMOUNT_NOT_POSITIVE"
        case .platformRequired: "REQUIRED"
        }
    }
}

extension LedgerError: RuleError {}

extension ChangeContext {
    /// Now, in Asia/Shanghai, to the minute.
    public var nowLocal: LocalDateTime {
        let c = Calendar.shanghai.dateComponents([.hour, .minute], from: now)
        return LocalDateTime(date: today, hour: c.hour!, minute: c.minute!)
    }
}

extension AppDatabase {
    static let parcelColumns = [
        ColumnSpec("point_code", "服务点编码"), ColumnSpec("waybill", "运单号"), ColumnSpec("courier", "快递公司", "快递企业"),
        ColumnSpec("arrived_at", "到站时间"), ColumnSpec("picked_up_at", "取件时间", required: false),
    ]

    /// Records a parcel's arrival. A waybill is unique per courier.
    public func parcelArrived(pointCode: String, waybill: String, courier: String, at time: LocalDateTime, context: ChangeContext) throws {
        try write { db in
            let point = try Self.point(db, pointCode)
            let courier = try Self.courier(db, courier)
            let waybill = Normalize.spreadsheetText(waybill)
            if waybill.isEmpty { throw RegistryError.invalid(field: "waybill", .empty) }
            if time.date > context.today { throw LedgerError.timeInFuture(time) }
            if let existing = try Self.parcelOwner(db, courierId: courier.id!, waybill: waybill) {
                throw LedgerError.parcelDuplicate(waybill: waybill, courier: courier.name, pointCode: existing)
            }
            var parcel = Parcel(pointId: point.id!, courierId: courier.id!, waybill: waybill, arrivedAt: time)
            try parcel.insert(db)
            try db.audit(
                "parcel.arrive", AuditSubject(pointCode: point.code),
                after: .object([("waybill", .string(waybill)), ("courier", .string(courier.name)), ("arrived_at", .string(time.description))]),
                context: context)
        }
    }

    static func parcelOwner(_ db: Database, courierId: Int64, waybill: String) throws -> String? {
        try String.fetchOne(
            db, sql: "SELECT p.code FROM parcel x JOIN point p ON p.id = x.point_id WHERE x.courier_id = ? AND x.waybill = ?",
            arguments: [courierId, waybill])
    }

    /// Records a pickup. A parcel never recorded as arrived, or a time before its arrival,
    /// is refused.
    public func parcelPickedUp(pointCode: String, waybill: String, courier: String?, at time: LocalDateTime, context: ChangeContext) throws {
        try write { db in
            let point = try Self.point(db, pointCode)
            let waybill = Normalize.spreadsheetText(waybill)
            var request = Parcel.filter(Column("point_id") == point.id! && Column("waybill") == waybill)
            if let courier { request = request.filter(Column("courier_id") == (try Self.courier(db, courier)).id!) }
            let parcels = try request.fetchAll(db)
            guard var parcel = parcels.first else { throw LedgerError.parcelUnknown(waybill: waybill, pointCode: point.code) }
            if parcels.count > 1 { throw LedgerError.parcelAmbiguous(waybill: waybill) }
            if let done = parcel.pickedUpAt { throw LedgerError.alreadyPickedUp(done) }
            if time < parcel.arrivedAt { throw LedgerError.pickupBeforeArrival(time, arrived: parcel.arrivedAt) }
            if time.date > context.today { throw LedgerError.timeInFuture(time) }
            parcel.pickedUpAt = time
            try parcel.update(db)
            let courierName = try String.fetchOne(db, sql: "SELECT name FROM courier WHERE id = ?", arguments: [parcel.courierId]) ?? ""
            try db.audit(
                "parcel.pickup", AuditSubject(pointCode: point.code),
                after: .object([("waybill", .string(waybill)), ("courier", .string(courierName)), ("picked_up_at", .string(time.description))]),
                context: context)
        }
    }

    /// Loads a parcel ledger (服务点编码, 运单号, 快递公司, 到站时间, 取件时间). Every row is
    /// checked; nothing is written unless all pass.
    public func importParcels(from path: String, sheet: String? = nil, dryRun: Bool = false, context: ChangeContext) throws -> ImportSummary {
        try importParcels(from: path, sheet: sheet, dryRun: dryRun, context: context, scope: nil, progress: nil)
    }

    /// The same, reading only the points `scope` takes (by code): a row of another is a point
    /// unknown; `progress` learns each row read.
    func importParcels(
        from path: String, sheet: String?, dryRun: Bool, context: ChangeContext, scope: ((String) -> Bool)?,
        progress: ((_ row: Int, _ fraction: Double) -> Void)?
    ) throws -> ImportSummary {
        var points: [String: Int64] = [:]
        var couriers: [String: Int64] = [:]
        var courierNames: [Int64: String] = [:]
        // Rows are numbered from `firstID` as they are inserted, so a waybill the unique index
        // refuses is known to repeat a row of this file, or an earlier import.
        var firstID: Int64 = 0
        var insertedRows: [Int32] = []
        var insert: Statement?
        var calendar: OperatingCalendar?
        return try importTable(
            path: path, sheet: sheet, columns: Self.parcelColumns, dryRun: dryRun, audited: ("parcel.import", context),
            prepare: { db in
                calendar = try OperatingCalendar(db)
                for row in try Row.fetchAll(db, sql: "SELECT id, code FROM point") where scope?(row["code"]) ?? true {
                    points[row["code"]] = row["id"]
                }
                let all = try Courier.fetchAll(db)
                for c in all {
                    couriers[c.name] = c.id
                    courierNames[c.id!] = c.name
                }
                // A brand names a courier when only one courier has it.
                for (brand, group) in Dictionary(grouping: all, by: \.brand) where group.count == 1 && couriers[brand] == nil {
                    couriers[brand] = group[0].id
                }
                firstID = (try Int64.fetchOne(db, sql: "SELECT max(id) FROM parcel") ?? 0) + 1
                insert = try db.makeStatement(
                    sql: "INSERT INTO parcel (point_id, courier_id, waybill, arrived_at, picked_up_at) VALUES (?, ?, ?, ?, ?)")
            },
            progress: progress,
            row: { row, check, db in
                let problemsBefore = check.problems.count
                let pointCode = row["point_code"]
                let pointId = points[pointCode]
                if pointId == nil { check.add(row, "point_code", rule: "POINT_UNKNOWN", message: RegistryError.pointUnknown(pointCode).message) }
                let courierId = couriers[Normalize.spreadsheetText(row["courier"])]
                if courierId == nil {
                    check.add(row, "courier", rule: "COURIER_UNKNOWN", message: RegistryError.courierUnknown(row["courier"]).message)
                }
                let waybill = Normalize.spreadsheetText(row["waybill"])
                if waybill.isEmpty { check.add(row, "waybill", rule: "REQUIRED", message: ValueError.empty.message) }
                let arrived = check.value(row, "arrived_at") { text throws(ValueError) in try LocalDateTime(parsing: text) }
                if let arrived, arrived.date > context.today {
                    check.add(row, "arrived_at", rule: "TIME_IN_FUTURE", message: LedgerError.timeInFuture(arrived).message)
                }
                var picked: LocalDateTime?
                if !row["picked_up_at"].isEmpty {
                    picked = check.value(row, "picked_up_at") { text throws(ValueError) in try LocalDateTime(parsing: text) }
                    if let picked, let arrived, picked < arrived {
                        check.add(
                            row, "picked_up_at", rule: "PICKUP_BEFORE_ARRIVAL",
                            message: LedgerError.pickupBeforeArrival(picked, arrived: arrived).message)
                    }
                }
                guard let pointId, let courierId, !waybill.isEmpty, let arrived, check.problems.count == problemsBefore else { return false }
                do {
                    try insert!.execute(arguments: [pointId, courierId, waybill, arrived.description, picked?.description])
                    insertedRows.append(Int32(row.number))
                    try calendar!.warnUnlessOperating(pointId, on: arrived.date, row, "arrived_at", &check)
                    return true
                } catch let error as DatabaseError where error.extendedResultCode == .SQLITE_CONSTRAINT_UNIQUE {
                    // A statement that failed keeps its error until it is made anew.
                    insert = try db.makeStatement(sql: insert!.sql)
                    let existing = try Row.fetchOne(
                        db, sql: "SELECT x.id, p.code FROM parcel x JOIN point p ON p.id = x.point_id WHERE x.courier_id = ? AND x.waybill = ?",
                        arguments: [courierId, waybill])
                    let id: Int64 = existing?["id"] ?? 0
                    if id >= firstID, Int(id - firstID) < insertedRows.count {
                        check.add(
                            row, "waybill", rule: "DUPLICATE_WAYBILL", message: .duplicateInFile(firstRow: Int(insertedRows[Int(id - firstID)])))
                    } else {
                        check.add(
                            row, "waybill", rule: "DUPLICATE_WAYBILL",
                            message: LedgerError.parcelDuplicate(
                                waybill: waybill, courier: courierNames[courierId] ?? "", pointCode: existing?["code"] ?? ""
                            ).message)
                    }
                    return false
                }
            })
    }

    /// Parcels not picked up `days` days after they arrived, oldest first.
    public func overdueParcels(days: Int, context: ChangeContext) throws -> [ParcelListing] {
        let cutoff = LocalDateTime(
            date: context.today.adding(days: -days), hour: context.nowLocal.minuteOfDay / 60, minute: context.nowLocal.minuteOfDay % 60)
        return try read { db in
            try ParcelListing.fetchAll(
                db,
                sql: """
                    SELECT p.code AS point_code, p.name AS point_name, c.name AS courier, x.waybill, x.arrived_at, x.picked_up_at
                    FROM parcel x JOIN point p ON p.id = x.point_id JOIN courier c ON c.id = x.courier_id
                    WHERE x.picked_up_at IS NULL AND x.arrived_at <= ? ORDER BY x.arrived_at, p.code
                    """, arguments: [cutoff.description])
        }
    }
}
