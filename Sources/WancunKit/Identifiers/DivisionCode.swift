/// A 12-digit statistical division code (统计用区划代码): province 2, city 2, county 2,
/// town 3 and village 3 digits. Its level follows from which segments are zero.
public struct DivisionCode: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let rawValue: String

    public init(parsing input: String) throws(ValueError) {
        let text = Normalize.spreadsheetText(input)
        if text.isEmpty { throw .empty }
        if Normalize.looksLikeScientificNotation(text) { throw .scientificNotation(text) }
        // Twelve characters that are ASCII digits are twelve such bytes: the bytes tell.
        guard text.utf8.count == 12, text.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }), !text.hasPrefix("00") else {
            throw .divisionCodeFormat(text)
        }
        self.rawValue = text
    }

    /// Pads a short code with zeros (`33` → `330000000000`), as NBS tables often print them.
    public init(padding input: String) throws(ValueError) {
        let text = Normalize.spreadsheetText(input)
        let padded =
            text.count < 12 && text.allSatisfy(\.isASCIIDigit) && [2, 4, 6, 9].contains(text.count)
            ? text + String(repeating: "0", count: 12 - text.count) : text
        try self.init(parsing: padded)
    }

    /// The digits at `range` as a number, read from the text's bytes in place.
    private func segment(_ range: Range<Int>) -> Int {
        var value = 0
        for byte in rawValue.utf8.dropFirst(range.lowerBound).prefix(range.count) { value = value * 10 + Int(byte &- 48) }
        return value
    }

    public var provinceSegment: Int { segment(0..<2) }
    public var citySegment: Int { segment(2..<4) }
    public var countySegment: Int { segment(4..<6) }
    public var townSegment: Int { segment(6..<9) }
    public var villageSegment: Int { segment(9..<12) }

    /// The level its shape says it is: the deepest segment that is not zero.
    public var level: DivisionLevel {
        if villageSegment != 0 { return .village }
        if townSegment != 0 { return .town }
        if countySegment != 0 { return .county }
        if citySegment != 0 { return .city }
        return .province
    }

    /// The code one level up: this code with its deepest segment set to zero.
    public var parent: DivisionCode? {
        let cut: Int
        switch level {
        case .province: return nil
        case .city: cut = 2
        case .county: cut = 4
        case .town: cut = 6
        case .village: cut = 9
        }
        return DivisionCode(trusted: String(rawValue.prefix(cut)) + String(repeating: "0", count: 12 - cut))
    }

    /// The leading digits that every code below this one shares (`330424` for a county).
    public var significantPrefix: String {
        switch level {
        case .province: String(rawValue.prefix(2))
        case .city: String(rawValue.prefix(4))
        case .county: String(rawValue.prefix(6))
        case .town: String(rawValue.prefix(9))
        case .village: rawValue
        }
    }

    /// True when `other` lies below this code (not equal to it).
    public func isAncestor(of other: DivisionCode) -> Bool {
        other != self && other.rawValue.hasPrefix(significantPrefix)
    }

    /// A rural village as this project counts "万村" coverage: a village segment of
    /// 200–399 (村委会) or 500–599 (units like village committees).
    public var isRuralVillage: Bool {
        level == .village && ((200...399).contains(villageSegment) || (500...599).contains(villageSegment))
    }

    init(trusted: String) { self.rawValue = trusted }

    public static func < (a: DivisionCode, b: DivisionCode) -> Bool { a.rawValue < b.rawValue }
    public var description: String { rawValue }
}

public enum DivisionLevel: String, Sendable, CaseIterable, Comparable {
    case province, city, county, town, village

    var depth: Int { DivisionLevel.allCases.firstIndex(of: self)! }
    public static func < (a: DivisionLevel, b: DivisionLevel) -> Bool { a.depth < b.depth }
}
