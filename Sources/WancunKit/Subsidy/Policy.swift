import Foundation
import GRDB

/// The parameters of the subsidy rules. Counties differ and rules change by date, so each
/// value holds from its date until the next one for the same key (as OpenFisca keeps them),
/// with its unit and its source.
public enum PolicyKey: String, Sendable, CaseIterable, Codable, DatabaseValueConvertible {
    /// The monthly subsidy per post, in fen.
    case monthlyAmount = "monthly_amount_fen"
    /// At most this many subsidised months in all.
    case maxMonths = "max_months"
    /// Someone whose first subsidised month was fewer than this many months before retirement
    /// may continue past the maximum, until retirement.
    case nearRetirementWindow = "near_retirement_window_months"
    /// A point must show at least this much activity (parcels + purchases) in the month.
    case minMonthlyActivity = "min_monthly_activity"
    /// The difficulty categories that qualify, comma-separated codes.
    case acceptedCategories = "accepted_difficulty_categories"
    /// A point must operate at least this many days of the month.
    case minOperatingDays = "min_operating_days"
    /// From this day of a month on, that month may be checked before it ends (`none`: only
    /// once it has ended).
    case checkFromDay = "check_from_day"
    /// Who gets a month when two operators have the same days: `last_day` (the one in charge
    /// latest in the month, so on its last day if either was), `earlier_start`, `later_start`.
    case tieRule = "tie_rule"
    /// Whether verification, certificate and contract must hold on every day the paid operator
    /// is counted (`all_days`) or on at least one of them (`any_day`).
    case factCoverage = "fact_coverage"
    /// `1`: only points in rural villages (村委会-type codes) are paid; `0`: any village.
    case requireRural = "require_rural"

    public var unit: String {
        switch self {
        case .monthlyAmount: "fen"
        case .maxMonths, .nearRetirementWindow: "months"
        case .minMonthlyActivity: "count"
        case .acceptedCategories: "categories"
        case .minOperatingDays: "days"
        case .checkFromDay: "day"
        case .tieRule, .factCoverage: "choice"
        case .requireRural: "flag"
        }
    }

    /// Checks and normalises a value for this key.
    func validate(_ text: String) throws -> String {
        let value = Normalize.spreadsheetText(text)
        switch self {
        case .acceptedCategories:
            let codes = value.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            guard !codes.isEmpty, codes.allSatisfy({ DifficultyCategory(rawValue: $0) != nil }) else {
                throw SubsidyError.policyValueInvalid(rawValue, text)
            }
            return codes.joined(separator: ",")
        case .checkFromDay:
            if value == "none" { return value }
            guard let day = Int(value), (1...31).contains(day) else { throw SubsidyError.policyValueInvalid(rawValue, text) }
            return String(day)
        case .tieRule:
            guard TieRule(rawValue: value) != nil else { throw SubsidyError.policyValueInvalid(rawValue, text) }
            return value
        case .factCoverage:
            guard FactCoverage(rawValue: value) != nil else { throw SubsidyError.policyValueInvalid(rawValue, text) }
            return value
        case .requireRural:
            guard value == "0" || value == "1" else { throw SubsidyError.policyValueInvalid(rawValue, text) }
            return value
        default:
            guard let n = Int64(value), n >= 0, self != .minOperatingDays || n <= 31 else {
                throw SubsidyError.policyValueInvalid(rawValue, text)
            }
            return String(n)
        }
    }
}

/// Who gets a month that two operators share with the same days.
public enum TieRule: String, Sendable, CaseIterable {
    case lastDay = "last_day"
    case earlierStart = "earlier_start"
    case laterStart = "later_start"
}

/// On which of the paid operator's days a dated fact (verification, certificate, contract)
/// must hold.
public enum FactCoverage: String, Sendable, CaseIterable {
    case allDays = "all_days"
    case anyDay = "any_day"
}

/// One dated value of a policy parameter.
public struct PolicyValue: Codable, Sendable, Hashable, FetchableRecord, MutablePersistableRecord {
    public var id: Int64?
    public var key: PolicyKey
    public var value: String
    public var unit: String
    public var fromDate: LocalDate
    public var source: String

    public static let databaseTableName = "policy_value"
    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    public static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase
    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

    public static let columns: [Table.Column] = [
        .init("key", Message.Header.policyKey), .init("value", Message.Header.value), .init("unit", Message.Header.unit, use: .detail),
        .init("from_date", Message.Header.fromDate), .init("source", Message.Header.source),
    ]

    public var cells: [Cell] {
        [.label(code: key.rawValue, .policyKey(key)), .text(value), .text(unit), .text(fromDate.description), .text(source)]
    }
}

/// The policy in force on one day: every parameter's value then.
public struct Policy: Sendable {
    public var values: [PolicyKey: PolicyValue]

    public var monthlyAmount: Fen { Fen(Int64(values[.monthlyAmount]!.value)!) }
    public var maxMonths: Int { Int(values[.maxMonths]!.value)! }
    public var nearRetirementWindow: Int { Int(values[.nearRetirementWindow]!.value)! }
    public var minMonthlyActivity: Int { Int(values[.minMonthlyActivity]!.value)! }
    public var minOperatingDays: Int { Int(values[.minOperatingDays]!.value)! }
    public var acceptedCategories: Set<DifficultyCategory> {
        Set(values[.acceptedCategories]!.value.split(separator: ",").compactMap { DifficultyCategory(rawValue: String($0)) })
    }

    /// The day of the month from which it may be checked before it ends; nil: only after.
    public var checkFromDay: Int? { Int(values[.checkFromDay]!.value) }
    public var tieRule: TieRule { TieRule(rawValue: values[.tieRule]!.value)! }
    public var factCoverage: FactCoverage { FactCoverage(rawValue: values[.factCoverage]!.value)! }
    public var requireRural: Bool { values[.requireRural]!.value == "1" }

    /// `key=value` lines in key order: what the run's policy hash is taken over.
    public var canonical: String {
        PolicyKey.allCases.map { "\($0.rawValue)=\(values[$0]!.value)" }.joined(separator: "\n") + "\n"
    }
}

extension AppDatabase {
    static let policyColumns = [
        ColumnSpec("key", "参数"), ColumnSpec("value", "值"), ColumnSpec("unit", "单位", required: false),
        ColumnSpec("from", "起始日期", "from_date"), ColumnSpec("source", "依据"),
    ]

    /// Loads dated values from a file (`key,value,unit,from,source`); values already there
    /// for the same key and date are left as they are.
    public func importPolicy(from path: String, context: ChangeContext) throws -> ImportSummary {
        try importTable(path: path, sheet: nil, columns: Self.policyColumns, dryRun: false) { row, check, db in
            guard let key = PolicyKey(rawValue: row["key"]) else {
                check.add(row, "key", rule: "POLICY_KEY_UNKNOWN", message: SubsidyError.policyKeyUnknown(row["key"]).message)
                return false
            }
            let value: String
            do { value = try key.validate(row["value"]) } catch {
                check.add(row, "value", rule: "POLICY_VALUE", message: (error as! SubsidyError).message)
                return false
            }
            guard let from = check.value(row, "from", { text throws(ValueError) in try LocalDate(parsing: text) }) else { return false }
            if try PolicyValue.filter(Column("key") == key.rawValue && Column("from_date") == from).fetchCount(db) > 0 { return false }
            var entry = PolicyValue(key: key, value: value, unit: key.unit, fromDate: from, source: row["source"])
            try entry.insert(db)
            try db.audit(
                "policy.set", AuditSubject(),
                after: .object([("key", .string(key.rawValue)), ("value", .string(value)), ("from_date", .string(from.description))]),
                reason: entry.source, context: context)
            return true
        }
    }

    /// Sets a value from a date, with its source; audited.
    public func setPolicy(_ key: PolicyKey, value text: String, from: LocalDate, source: String, context: ChangeContext) throws {
        let value = try key.validate(text)
        let source = source.trimmingSpaces()
        if source.isEmpty { throw SubsidyError.policySourceRequired }
        try write { db in
            let before = try PolicyValue.filter(Column("key") == key.rawValue && Column("from_date") == from).fetchOne(db)
            if var existing = before {
                existing.value = value
                existing.source = source
                try existing.update(db)
            } else {
                var entry = PolicyValue(key: key, value: value, unit: key.unit, fromDate: from, source: source)
                try entry.insert(db)
            }
            try db.audit(
                "policy.set", AuditSubject(), before: before.map { .object([("value", .string($0.value))]) },
                after: .object([("key", .string(key.rawValue)), ("value", .string(value)), ("from_date", .string(from.description))]),
                reason: source, context: context)
        }
    }

    /// The values in force on a day; throws naming the keys with no value yet.
    public func policy(on date: LocalDate) throws -> Policy {
        try read { db in try Self.policy(db, on: date) }
    }

    static func policy(_ db: Database, on date: LocalDate) throws -> Policy {
        var values: [PolicyKey: PolicyValue] = [:]
        for key in PolicyKey.allCases {
            values[key] = try PolicyValue.filter(Column("key") == key.rawValue && Column("from_date") <= date)
                .order(Column("from_date").desc).fetchOne(db)
        }
        let missing = PolicyKey.allCases.filter { values[$0] == nil }
        if !missing.isEmpty { throw SubsidyError.policyMissing(missing.map(\.rawValue), date) }
        return Policy(values: values)
    }
}
