import Foundation
import GRDB

/// An agent purchase a point made for a villager on a platform.
public struct Purchase: Codable, Sendable, Hashable, FetchableRecord, MutablePersistableRecord {
    public var id: Int64?
    public var pointId: Int64
    public var platform: String
    public var orderNo: String
    public var category: PurchaseCategory
    public var amountFen: Fen
    public var onDate: LocalDate

    public static let databaseTableName = "purchase"
    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    public static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase
    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

/// A purchase as lists show it.
public struct PurchaseListing: Sendable, FetchableRecord {
    public var pointCode: String
    public var purchase: Purchase

    public init(row: Row) throws {
        pointCode = row["point_code"]
        purchase = try Purchase(row: row)
    }

    public static let columns: [Table.Column] = [
        .init("point_code", Message.Header.pointCode), .init("platform", Message.Header.platform),
        .init("order_no", Message.Header.orderNo), .init("category", Message.Header.category),
        .init("amount_fen", Message.Header.amountYuan), .init("on_date", Message.Header.date),
    ]

    public var cells: [Cell] {
        [
            .text(pointCode), .text(purchase.platform), .text(purchase.orderNo),
            .label(code: purchase.category.rawValue, purchase.category.label), .money(purchase.amountFen),
            .text(purchase.onDate.description),
        ]
    }
}

/// A purchase to record, as typed.
public struct NewPurchase: Sendable {
    public var pointCode: String
    public var category: String
    public var amount: String
    public var orderNo: String
    public var platform: String
    public var on: LocalDate

    public init(pointCode: String, category: String, amount: String, orderNo: String, platform: String, on: LocalDate) {
        self.pointCode = pointCode
        self.category = category
        self.amount = amount
        self.orderNo = orderNo
        self.platform = platform
        self.on = on
    }
}

extension AppDatabase {
    static let purchaseColumns = [
        ColumnSpec("point_code", "服务点编码"), ColumnSpec("platform", "平台"), ColumnSpec("order_no", "订单号"),
        ColumnSpec("category", "品类"), ColumnSpec("amount", "金额(元)", "金额"), ColumnSpec("on_date", "日期", "下单日期"),
    ]

    static func purchaseOwner(_ db: Database, platform: String, order: String) throws -> String? {
        try String.fetchOne(
            db, sql: "SELECT p.code FROM purchase x JOIN point p ON p.id = x.point_id WHERE x.platform = ? AND x.order_no = ?",
            arguments: [platform, order])
    }

    /// Records one agent purchase; amounts are exact fen, an order repeated on a platform is refused.
    public func addPurchase(_ new: NewPurchase, context: ChangeContext) throws -> Purchase {
        let category = try PurchaseCategory(text: new.category).orThrow(LedgerError.categoryUnknown(new.category))
        let amount = try parse("amount") { () throws(ValueError) in try Fen(parsingYuan: new.amount) }
        if amount.value <= 0 { throw LedgerError.amountNotPositive }
        let platform = Normalize.spreadsheetText(new.platform)
        let order = Normalize.spreadsheetText(new.orderNo)
        if platform.isEmpty { throw LedgerError.platformRequired }
        if order.isEmpty { throw RegistryError.invalid(field: "order_no", .empty) }
        if new.on > context.today { throw RegistryError.dateInFuture(field: "date", new.on) }
        return try write { db in
            let point = try Self.point(db, new.pointCode)
            if let owner = try Self.purchaseOwner(db, platform: platform, order: order) {
                throw LedgerError.orderDuplicate(platform: platform, order: order, pointCode: owner)
            }
            var purchase = Purchase(pointId: point.id!, platform: platform, orderNo: order, category: category, amountFen: amount, onDate: new.on)
            try purchase.insert(db)
            try db.audit(
                "purchase.add", AuditSubject(pointCode: point.code),
                after: .object([
                    ("platform", .string(platform)), ("order_no", .string(order)), ("category", .string(category.rawValue)),
                    ("amount_fen", .number(String(amount.value))), ("on_date", .string(new.on.description)),
                ]), context: context)
            return purchase
        }
    }

    /// Loads an agent-purchase ledger (服务点编码, 平台, 订单号, 品类, 金额(元), 日期).
    public func importPurchases(from path: String, sheet: String? = nil, dryRun: Bool = false, context: ChangeContext) throws -> ImportSummary {
        try importPurchases(from: path, sheet: sheet, dryRun: dryRun, context: context, scope: nil, progress: nil)
    }

    /// The same, reading only the points `scope` takes (by code): a row of another is a point
    /// unknown; `progress` learns each row read.
    func importPurchases(
        from path: String, sheet: String?, dryRun: Bool, context: ChangeContext, scope: ((String) -> Bool)?,
        progress: ((_ row: Int, _ fraction: Double) -> Void)?
    ) throws -> ImportSummary {
        var points: [String: Int64] = [:]
        var seen: [String: Int] = [:]
        var insert: Statement?
        var calendar: OperatingCalendar?
        return try importTable(
            path: path, sheet: sheet, columns: Self.purchaseColumns, dryRun: dryRun, audited: ("purchase.import", context),
            prepare: { db in
                calendar = try OperatingCalendar(db)
                for row in try Row.fetchAll(db, sql: "SELECT id, code FROM point") where scope?(row["code"]) ?? true {
                    points[row["code"]] = row["id"]
                }
                insert = try db.makeStatement(
                    sql: "INSERT INTO purchase (point_id, platform, order_no, category, amount_fen, on_date) VALUES (?, ?, ?, ?, ?, ?)")
            },
            progress: progress,
            row: { row, check, db in
                let problemsBefore = check.problems.count
                let pointCode = row["point_code"]
                let pointId = points[pointCode]
                if pointId == nil { check.add(row, "point_code", rule: "POINT_UNKNOWN", message: RegistryError.pointUnknown(pointCode).message) }
                let platform = Normalize.spreadsheetText(row["platform"])
                if platform.isEmpty { check.add(row, "platform", rule: "REQUIRED", message: ValueError.empty.message) }
                let order = Normalize.spreadsheetText(row["order_no"])
                if order.isEmpty { check.add(row, "order_no", rule: "REQUIRED", message: ValueError.empty.message) }
                let category = PurchaseCategory(text: row["category"])
                if category == nil {
                    check.add(row, "category", rule: "CATEGORY_UNKNOWN", message: LedgerError.categoryUnknown(row["category"]).message)
                }
                let amount = check.value(row, "amount") { text throws(ValueError) in try Fen(parsingYuan: text) }
                if let amount, amount.value <= 0 {
                    check.add(row, "amount", rule: "AMOUNT_NOT_POSITIVE", message: LedgerError.amountNotPositive.message)
                }
                let date = check.value(row, "on_date") { text throws(ValueError) in try LocalDate(parsing: text) }
                if let date, date > context.today { check.add(row, "on_date", rule: "DATE_IN_FUTURE", message: ValueError.futureDate(date).message) }
                guard let pointId, !platform.isEmpty, !order.isEmpty, let category, let amount, amount.value > 0, let date else { return false }
                let key = platform + "\u{1}" + order
                if let first = seen[key] {
                    check.add(row, "order_no", rule: "DUPLICATE_ORDER", message: .duplicateInFile(firstRow: first))
                    return false
                }
                seen[key] = row.number
                guard check.problems.count == problemsBefore else { return false }
                do {
                    try insert!.execute(arguments: [pointId, platform, order, category.rawValue, amount.value, date.description])
                    try calendar!.warnUnlessOperating(pointId, on: date, row, "on_date", &check)
                    return true
                } catch let error as DatabaseError where error.extendedResultCode == .SQLITE_CONSTRAINT_UNIQUE {
                    // A statement that failed keeps its error until it is made anew.
                    insert = try db.makeStatement(sql: insert!.sql)
                    let owner = try Self.purchaseOwner(db, platform: platform, order: order) ?? ""
                    check.add(
                        row, "order_no", rule: "DUPLICATE_ORDER",
                        message: LedgerError.orderDuplicate(platform: platform, order: order, pointCode: owner).message)
                    return false
                }
            })
    }

    public func purchases(pointCode: String? = nil, month: Month? = nil) throws -> [PurchaseListing] {
        var conditions: [String] = []
        var arguments: StatementArguments = []
        if let pointCode {
            conditions.append("p.code = ?")
            arguments += [pointCode]
        }
        if let month {
            conditions.append("x.on_date BETWEEN ? AND ?")
            arguments += [month.firstDay.description, month.lastDay.description]
        }
        let whereClause = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        return try read { db in
            try PurchaseListing.fetchAll(
                db,
                sql: "SELECT x.*, p.code AS point_code FROM purchase x JOIN point p ON p.id = "
                    + "x.point_id \(whereClause) ORDER BY x.on_date, p.code, x.id",
                arguments: arguments)
        }
    }
}

extension Optional {
    func orThrow(_ error: @autoclosure () -> any Error) throws -> Wrapped {
        guard let self else { throw error() }
        return self
    }
}
