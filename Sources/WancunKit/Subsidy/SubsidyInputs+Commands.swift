import Foundation
import GRDB

extension AppDatabase {
    /// Records the HR bureau's verification of a point (人力社会保障部门核定).
    public func verifyPoint(_ code: String, hrRef: String, on: LocalDate, until: LocalDate?, context: ChangeContext) throws {
        let ref = Normalize.spreadsheetText(hrRef)
        if ref.isEmpty { throw RegistryError.invalid(field: "hr_ref", .empty) }
        if on > context.today { throw RegistryError.dateInFuture(field: "date", on) }
        if let until, until < on { throw RegistryError.periodEndsBeforeStart }
        try write { db in
            let point = try Self.point(db, code)
            try db.execute(
                sql: "INSERT INTO point_verification (point_id, hr_ref, verified_on, valid_until) VALUES (?, ?, ?, ?)",
                arguments: [point.id, ref, on, until])
            try db.audit(
                "point.verify", AuditSubject(pointCode: code),
                after: .object([
                    ("hr_ref", .string(ref)), ("verified_on", .string(on.description)),
                    ("valid_until", until.map { .string($0.description) } ?? .null),
                ]),
                context: context)
        }
    }

    /// Enters months subsidised before the registry existed, as of a month, with their source.
    /// Without `first` the first month is taken as the as-of month less the months, for the
    /// record only: the near-retirement exception needs the first month stated.
    ///
    /// The balance covers months before the registry paid the person: its as-of month must be
    /// before the first month a final run paid them, and with the months final runs paid it
    /// may not pass the maximum (unless the first month is within the near-retirement window).
    public func setOpeningBalance(idNumber: String, months: Int, asOf: Month, first: Month?, source: String, context: ChangeContext) throws {
        let source = source.trimmingSpaces()
        if source.isEmpty { throw SubsidyError.policySourceRequired }
        guard (0...600).contains(months) else { throw SubsidyError.openingBalanceFirstMonth }
        let firstMonth = first ?? asOf.adding(months: -max(months, 1) + 1)
        // Not more months than the calendar holds between the first month and the as-of month.
        if firstMonth > asOf || months > firstMonth.months(to: asOf) + 1 { throw SubsidyError.openingBalanceFirstMonth }
        try write { db in
            let person = try Self.operator(db, idNumber, today: context.today)
            if let firstPaid = try Month.fetchOne(db, sql: "SELECT min(s.month) \(Self.paidResults) AND r.operator_id = ?", arguments: [person.id]),
                asOf >= firstPaid
            {
                throw SubsidyError.openingBalanceOverlapsFinal(asOf: asOf, firstPaid: firstPaid)
            }
            let before = try Row.fetchOne(
                db, sql: "SELECT months, first_month, as_of_month FROM opening_balance WHERE operator_id = ?", arguments: [person.id])
            try db.execute(
                sql: """
                    INSERT INTO opening_balance (operator_id, months, first_month, as_of_month, source, first_month_stated)
                    VALUES (?, ?, ?, ?, ?, ?)
                    ON CONFLICT (operator_id) DO UPDATE SET months = excluded.months, first_month = excluded.first_month,
                      as_of_month = excluded.as_of_month, source = excluded.source, first_month_stated = excluded.first_month_stated
                    """, arguments: [person.id, months, firstMonth, asOf, source, first != nil])
            try db.audit(
                "operator.months", AuditSubject(operatorIdNumber: person.idNumber),
                before: before.map { .object([("months", .number(String($0["months"] as Int))), ("as_of_month", .string($0["as_of_month"]))]) },
                after: .object([
                    ("months", .number(String(months))), ("first_month", .string(firstMonth.description)), ("as_of_month", .string(asOf.description)),
                ]),
                reason: source, context: context)
            if let breach = try Self.paidBreaches(db, operators: [person.id!]).first(where: \.overCap) {
                throw SubsidyError.openingBalanceOverCap(months: months, paid: breach.months - months, maximum: breach.maximum)
            }
        }
    }

    /// What a write that changes past months (an opening balance, the bureau's answer) must
    /// never leave behind, per person: paid months (final, not rejected, plus the opening
    /// balance) past the maximum in force in the latest month paid, although the first is not
    /// known to lie within the near-retirement window; a month paid at or after retirement; a
    /// month paid that the opening balance already covers.
    struct PaidBreach {
        var operatorId: Int64
        var months: Int
        var maximum: Int
        var overCap: Bool
        /// The first month paid at or after the retirement month.
        var afterRetirement: Month?
        /// A month paid that the opening balance covers.
        var inBalance: Month?
    }

    static func paidBreaches(_ db: Database, operators ids: [Int64]) throws -> [PaidBreach] {
        let usage = try Self.paidMonths(db, except: nil)
        let overrides = try Self.retirementOverrides(db)
        return try Operator.fetchAll(db, keys: ids).compactMap { person in
            guard let u = usage[person.id!], let first = u.first, let lastPaid = u.lastPaid else { return nil }
            let policy = try Self.policy(db, on: lastPaid.firstDay)
            let statutory = Retirement.month(born: person.residentID.birthDate.monthValue, group: person.retirementGroup)
            let near = u.firstKnown && first.months(to: statutory) < policy.nearRetirementWindow
            let overCap = u.months > policy.maxMonths && !near
            let retirement = Self.retirementMonth(person, overrides: overrides)
            let late = try Month.fetchOne(
                db, sql: "SELECT min(s.month) \(Self.paidResults) AND r.operator_id = ? AND s.month >= ?", arguments: [person.id, retirement])
            let covered = try u.balanceAsOf.flatMap { asOf in
                try Month.fetchOne(
                    db, sql: "SELECT min(s.month) \(Self.paidResults) AND r.operator_id = ? AND s.month <= ?", arguments: [person.id, asOf])
            }
            guard overCap || late != nil || covered != nil else { return nil }
            return PaidBreach(
                operatorId: person.id!, months: u.months, maximum: policy.maxMonths, overCap: overCap, afterRetirement: late, inBalance: covered)
        }
    }

    /// The last month a final run paid the person; a retirement month may not fall on or before it.
    static func lastPaidMonth(_ db: Database, operator id: Int64) throws -> Month? {
        try Month.fetchOne(db, sql: "SELECT max(s.month) \(Self.paidResults) AND r.operator_id = ?", arguments: [id])
    }

    static func retirementOverrides(_ db: Database) throws -> [Int64: Month] {
        var overrides: [Int64: Month] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT operator_id, retirement_month FROM retirement_override") { overrides[row[0]] = row[1] }
        return overrides
    }

    /// Overrides an operator's retirement month (agreed early or deferred retirement), with a
    /// reason; audited. Early: at most three years, never below the old age; later: at most three.
    public func overrideRetirement(idNumber: String, month: Month, reason: String, context: ChangeContext) throws {
        let reason = reason.trimmingSpaces()
        if reason.isEmpty { throw RegistryError.reasonRequired }
        try write { db in
            let person = try Self.operator(db, idNumber, today: context.today)
            let born = person.residentID.birthDate.monthValue
            let earliest = Retirement.earliestOverride(born: born, group: person.retirementGroup)
            let latest = Retirement.latestOverride(born: born, group: person.retirementGroup)
            guard month >= earliest && month <= latest else { throw SubsidyError.overrideOutOfRange(month, earliest: earliest, latest: latest) }
            // Months already paid stay before retirement.
            if let lastPaid = try Self.lastPaidMonth(db, operator: person.id!), month <= lastPaid {
                throw SubsidyError.overrideBeforePaidMonth(month, lastPaid: lastPaid)
            }
            try db.execute(
                sql: """
                    INSERT INTO retirement_override (operator_id, retirement_month, reason) VALUES (?, ?, ?)
                    ON CONFLICT (operator_id) DO UPDATE SET retirement_month = excluded.retirement_month, reason = excluded.reason
                    """, arguments: [person.id, month, reason])
            try db.audit(
                "operator.retirement", AuditSubject(operatorIdNumber: person.idNumber),
                before: .object([("retirement_month", .string(Retirement.month(born: born, group: person.retirementGroup).description))]),
                after: .object([("retirement_month", .string(month.description))]), reason: reason, context: context)
        }
    }

    static let otherPostColumns = [
        ColumnSpec("id_number", "公民身份号码", "身份证号"), ColumnSpec("name", "姓名"), ColumnSpec("department", "单位", "部门", "岗位单位"),
    ]

    /// Loads other departments' subsidised posts for a month (for the double-post check), and
    /// records that the month's list is known. The month's earlier list is replaced.
    /// `dryRun` checks every row and writes nothing; `progress` learns each row read.
    public func importOtherPosts(
        from path: String, sheet: String? = nil, month: Month, dryRun: Bool = false, context: ChangeContext,
        progress: ((_ row: Int, _ fraction: Double) -> Void)? = nil
    ) throws -> ImportSummary {
        let digest = try Digest.sha256(fileAt: path)
        return try importTable(
            path: path, sheet: sheet, columns: Self.otherPostColumns, dryRun: dryRun,
            prepare: { db in
                try db.execute(sql: "DELETE FROM other_post WHERE month = ?", arguments: [month])
                try Self.recordOtherPostList(
                    db, month: month, kind: "file", source: (path as NSString).lastPathComponent, sha256: digest, context: context)
            },
            noRows: Message.noOtherPostRows,
            progress: progress,
            row: { row, check, db in
                let id = check.value(row, "id_number", personal: Mask.residentID) { text throws(ValueError) in
                    try ResidentID(parsing: text, today: context.today)
                }
                let name = Normalize.spreadsheetText(row["name"])
                let department = Normalize.spreadsheetText(row["department"])
                if name.isEmpty { check.add(row, "name", rule: "REQUIRED", message: ValueError.empty.message) }
                if department.isEmpty { check.add(row, "department", rule: "REQUIRED", message: ValueError.empty.message) }
                guard let id, !name.isEmpty, !department.isEmpty else { return false }
                try db.execute(
                    sql: "INSERT OR IGNORE INTO other_post (month, id_number, name, department) VALUES (?, ?, ?, ?)",
                    arguments: [month, id.rawValue, name, department])
                return true
            })
    }
}

extension AppDatabase {
    /// Records that a month has no other departments' subsidised posts at all (their answer was
    /// "none"), with where that answer came from; audited. A list loaded for the month is removed.
    /// A list imported from the departments' file is replaced only when `replacingList` says
    /// so: its posts keep people from being paid twice, and "none" drops them.
    public func recordNoOtherPosts(month: Month, source: String, replacingList: Bool = false, context: ChangeContext) throws {
        let source = source.trimmingSpaces()
        if source.isEmpty { throw SubsidyError.policySourceRequired }
        try write { db in
            if !replacingList, try Self.otherPostsState(db, month: month) == .loaded { throw SubsidyError.otherPostsLoaded(month) }
            try db.execute(sql: "DELETE FROM other_post WHERE month = ?", arguments: [month])
            try Self.recordOtherPostList(db, month: month, kind: "none", source: source, sha256: nil, context: context)
        }
    }

    /// One row per month saying its list is known; audited.
    static func recordOtherPostList(
        _ db: Database, month: Month, kind: String, source: String, sha256: String?, context: ChangeContext
    ) throws {
        let before = try Row.fetchOne(db, sql: "SELECT kind, source FROM other_post_list WHERE month = ?", arguments: [month])
        try db.execute(
            sql: """
                INSERT INTO other_post_list (month, kind, source, file_sha256, recorded_at, clerk) VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (month) DO UPDATE SET kind = excluded.kind, source = excluded.source, file_sha256 = excluded.file_sha256,
                  recorded_at = excluded.recorded_at, clerk = excluded.clerk
                """, arguments: [month, kind, source, sha256, context.timestamp, context.clerk])
        var after: [(String, JSONValue)] = [("month", .string(month.description)), ("kind", .string(kind)), ("source", .string(source))]
        if let sha256 { after.append(("file_sha256", .string(sha256))) }
        try db.audit(
            "subsidy.other_posts", AuditSubject(),
            before: before.map { .object([("kind", .string($0["kind"])), ("source", .string($0["source"]))]) }, after: .object(after),
            reason: kind == "none" ? source : nil, context: context)
    }
}

/// Where an operator stands with the subsidy, as `operator show` tells it.
public struct OperatorStanding: Sendable {
    /// Final, eligible months the bureau did not reject, plus the opening balance.
    public var monthsUsed: Int
    public var statutoryRetirement: Month
    public var override: (month: Month, reason: String)?

    public static let columns: [Table.Column] = [
        .init("months_used", Message.Header.monthsUsed), .init("statutory_retirement_month", Message.Header.statutoryRetirementMonth),
        .init("retirement_override", Message.Header.agreedRetirementMonth), .init("retirement_override_reason", Message.Header.overrideReason),
    ]

    /// The retirement months come from the birth date in the ID number: masked unless `reveal`.
    public var cells: [Cell] {
        [
            .integer(Int64(monthsUsed)), .birthDerived(statutoryRetirement.description),
            override.map { .birthDerived($0.month.description) } ?? .null,
            .optional(override?.reason),
        ]
    }
}

extension AppDatabase {
    public func operatorStanding(_ idNumber: String, today: LocalDate) throws -> OperatorStanding {
        try read { db in
            let person = try Self.operator(db, idNumber, today: today)
            let override = try Row.fetchOne(
                db, sql: "SELECT retirement_month, reason FROM retirement_override WHERE operator_id = ?", arguments: [person.id]
            )
            .map { (month: $0["retirement_month"] as Month, reason: $0["reason"] as String) }
            return OperatorStanding(
                monthsUsed: try Self.paidMonths(db, except: nil)[person.id!]?.months ?? 0,
                statutoryRetirement: Retirement.month(born: person.residentID.birthDate.monthValue, group: person.retirementGroup), override: override
            )
        }
    }
}
