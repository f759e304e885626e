import Foundation

/// The eligibility rules of the public-welfare-post subsidy, each with a stable code.
public enum SubsidyRule: String, Sendable, CaseIterable, Codable {
    case pointNotInPlan = "POINT_NOT_IN_PLAN"
    case pointNotRural = "POINT_NOT_RURAL"
    case pointNotVerified = "POINT_NOT_VERIFIED"
    case pointNotOperating = "POINT_NOT_OPERATING"
    case operatorMissing = "OPERATOR_MISSING"
    case noDifficultyCert = "NO_DIFFICULTY_CERT"
    case noContract = "NO_CONTRACT"
    case retired = "RETIRED"
    case monthsExhausted = "MONTHS_EXHAUSTED"
    case doublePost = "DOUBLE_POST"
    /// The month's list of other departments' subsidised posts is neither loaded nor recorded
    /// as empty, so the double-post rule cannot pass.
    case otherPostsMissing = "OTHER_POSTS_MISSING"
    case lowActivity = "LOW_ACTIVITY"
}

/// Why a point in the registry is not checked for a month: it is stored in the run with
/// this code instead of rules.
public enum ScopeReason: String, Sendable, CaseIterable {
    /// Its status history begins after the month.
    case registeredAfterMonth = "REGISTERED_AFTER_MONTH"
    /// It was closed before the month began.
    case closedBeforeMonth = "CLOSED_BEFORE_MONTH"
    /// It did not operate on any day of the month (planned or suspended throughout).
    case notOperatingInMonth = "NOT_OPERATING_IN_MONTH"
}

/// One rule's outcome for one point and month, with the evidence it used.
public struct RuleOutcome: Sendable, Hashable {
    public var rule: SubsidyRule
    public var passed: Bool
    public var evidence: [(String, String)]

    /// Evidence worked out from the birth date in the operator's ID number (their retirement
    /// month, an age): masked wherever the ID number is (`Mask.birthDerivedKeys`, the one list).
    public static var personalEvidenceKeys: Set<String> { Mask.birthDerivedKeys }

    /// The evidence as people may see it: personal values masked unless `reveal`.
    public func evidence(reveal: Bool) -> [(String, String)] {
        reveal ? evidence : evidence.map { key, value in (key, Self.personalEvidenceKeys.contains(key) ? Mask.derived(value) : value) }
    }

    public static func == (a: RuleOutcome, b: RuleOutcome) -> Bool { serialize([a]) == serialize([b]) }
    public func hash(into hasher: inout Hasher) { hasher.combine(Self.serialize([self])) }

    /// The stored form of a point's outcomes:
    /// `[{"rule":…,"passed":…,"evidence":[[key,value],…]},…]` (pairs keep the evidence's order).
    static func serialize(_ outcomes: [RuleOutcome]) -> String {
        var writer = JSONWriter(capacity: 1024)
        serialize(outcomes, into: &writer)
        return writer.text
    }

    /// The same, into a writer (reset between points, so its buffer is reused).
    static func serialize(_ outcomes: [RuleOutcome], into writer: inout JSONWriter) {
        writer.beginArray()
        for outcome in outcomes {
            writer.beginObject()
            writer.field("rule", outcome.rule.rawValue)
            writer.key("passed")
            writer.bool(outcome.passed)
            writer.key("evidence")
            writer.beginArray()
            for (key, value) in outcome.evidence {
                writer.beginArray()
                writer.string(key)
                writer.string(value)
                writer.endArray()
            }
            writer.endArray()
            writer.endObject()
        }
        writer.endArray()
    }

    /// Reads back what `serialize` stored.
    static func decode(_ text: String) -> [RuleOutcome] {
        guard let array = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]] else { return [] }
        return array.compactMap { item in
            guard let code = item["rule"] as? String, let rule = SubsidyRule(rawValue: code), let passed = item["passed"] as? Bool else {
                return nil
            }
            let pairs = (item["evidence"] as? [[String]]) ?? []
            return RuleOutcome(rule: rule, passed: passed, evidence: pairs.compactMap { $0.count == 2 ? ($0[0], $0[1]) : nil })
        }
    }
}
