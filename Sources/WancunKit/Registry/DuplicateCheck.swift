import Foundation
import GRDB

/// Going past a check that would refuse, on purpose, with a reason the audit trail keeps.
public struct Override: Sendable, Hashable {
    public var force: Bool
    public var reason: String?

    public init(force: Bool = false, reason: String? = nil) {
        self.force = force
        self.reason = reason
    }

    public static let none = Override()

    func validate() throws {
        if let refusal { throw refusal }
    }

    var refusal: RegistryError? {
        force && (reason ?? "").trimmingSpaces().isEmpty ? .forceNeedsReason : nil
    }
}

/// The duplicate checks at registration: a phone another operator has, a point in the same
/// village with nearly the same name, a point within 50 m.
enum DuplicateCheck {
    static let nearMeters = 50.0

    /// A point's name with 服务点, 服务站, 电商 and spaces dropped, for comparison.
    static func normalizedPointName(_ name: String) -> String {
        // On UTF-8 bytes: an import compares every row's name with its village's points.
        var bytes = Array(Normalize.withoutSpaces(Normalize.spreadsheetText(name)).utf8)
        for word in droppedWords {
            var i = 0
            while i + word.count <= bytes.count {
                if bytes[i] == word[0] && bytes[i..<i + word.count].elementsEqual(word) {
                    bytes.removeSubrange(i..<i + word.count)
                } else {
                    i += 1
                }
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static let droppedWords = ["服务点", "服务站", "电商"].map { Array($0.utf8) }

    static func similarNames(_ a: String, _ b: String) -> Bool { similarNormalized(normalizedPointName(a), normalizedPointName(b)) }

    /// The same, of names already normalized (`normalizedPointName`).
    static func similarNormalized(_ x: String, _ y: String) -> Bool {
        if x.isEmpty || y.isEmpty { return x == y }
        if x == y { return true }
        // Names of printable ASCII and CJK unified ideographs only are equal by characters
        // exactly when they are equal by bytes (no character of theirs has another form), so
        // a byte search answers for them; Foundation's search, by characters, for the rest.
        if comparableByBytes(x) && comparableByBytes(y) { return contains(x, y) || contains(y, x) }
        return x.contains(y) || y.contains(x)
    }

    /// Whether every character is printable ASCII or in U+4000…U+9FFF (UTF-8 lead bytes E4…E9).
    static func comparableByBytes(_ text: String) -> Bool {
        var utf8 = text.utf8.makeIterator()
        while let byte = utf8.next() {
            switch byte {
            case 0x20...0x7E: continue
            case 0xE4...0xE9:
                _ = utf8.next()
                _ = utf8.next()
            default: return false
            }
        }
        return true
    }

    private static func contains(_ text: String, _ part: String) -> Bool {
        var (text, part) = (text, part)
        return text.withUTF8 { text in
            part.withUTF8 { part in
                guard part.count <= text.count else { return false }
                for start in 0...(text.count - part.count) where text[start] == part[0] {
                    if memcmp(text.baseAddress! + start, part.baseAddress!, part.count) == 0 { return true }
                }
                return false
            }
        }
    }

    /// Great-circle distance in metres.
    static func meters(_ lat1: Double, _ lon1: Double, _ lat2: Double, _ lon2: Double) -> Double {
        let r = 6_371_000.0
        let dLat = (lat2 - lat1) * .pi / 180
        let dLon = (lon2 - lon1) * .pi / 180
        let a = sin(dLat / 2) * sin(dLat / 2) + cos(lat1 * .pi / 180) * cos(lat2 * .pi / 180) * sin(dLon / 2) * sin(dLon / 2)
        return 2 * r * asin(min(1, sqrt(a)))
    }

    /// A name and a village's point names, each as `normalizedPointName` makes it.
    struct NormalizedNames {
        var name: String
        /// One for each of the village's points, in their order.
        var sameVillage: [String]
    }

    /// The first open point that looks like the same one, by name in the village or by place.
    /// `sameVillage`: the village's points, when the caller has read them already.
    /// `normalized`: the name and those points' names as `normalizedPointName` makes them, when
    /// the caller has them already (an import keeps them beside the points it keeps).
    static func suspectPoint(
        _ db: Database, villageId: Int64, name: String, latitude: Double?, longitude: Double?, excluding: Int64?, sameVillage: [Point]? = nil,
        normalized: NormalizedNames? = nil
    ) throws -> RegistryError? {
        let sameVillage = try sameVillage ?? Point.fetchAll(db, villageId: villageId)
        // The new name normalized once, not once for each of the village's points.
        let wanted = normalized?.name ?? normalizedPointName(name)
        if let names = normalized?.sameVillage { precondition(names.count == sameVillage.count, "a name for each of the village's points") }
        // By index, each field read in place: copying each point out of the array would retain
        // every one of its strings, for each row of a large import.
        for index in sameVillage.indices where sameVillage[index].status != .closed && sameVillage[index].id != excluding {
            if similarNormalized(normalized?.sameVillage[index] ?? normalizedPointName(sameVillage[index].name), wanted) {
                return .pointNameDuplicate(code: sameVillage[index].code, name: sameVillage[index].name)
            }
        }
        guard let latitude, let longitude else { return nil }
        let dLat = nearMeters / 111_320
        let dLon = nearMeters / (111_320 * max(0.01, cos(latitude * .pi / 180)))
        // The index on (latitude, longitude) narrows this to a thin band: no scan.
        let near = try db.cachedStatement(
            sql: "SELECT * FROM point WHERE latitude BETWEEN ? AND ? AND longitude BETWEEN ? AND ? AND status <> 'closed'"
        ).rows(
            {
                $0(latitude - dLat); $0(latitude + dLat); $0(longitude - dLon); $0(longitude + dLon)
            }, read: Point.init(columns:))
        for other in near where other.id != excluding {
            let d = meters(latitude, longitude, other.latitude!, other.longitude!)
            if d <= nearMeters { return .pointTooClose(code: other.code, name: other.name, meters: Int(d.rounded())) }
        }
        return nil
    }

    /// Another operator with the same phone, named only to an actor who may see them
    /// (`shownTo`; nil for the person at the server).
    static func suspectPhone(_ db: Database, phone: String, excluding: Int64?, shownTo actor: Actor? = nil) throws -> RegistryError? {
        guard
            let other = try db.cachedStatement(sql: "SELECT * FROM operator WHERE phone = ? AND id <> ? LIMIT 1").firstRow(
                {
                    $0(phone); $0(excluding ?? -1)
                }, read: Operator.init(columns:))
        else { return nil }
        guard try AppDatabase.mayName(db, operator: other.idNumber, to: actor) else {
            return .phoneDuplicateElsewhere(maskedPhone: Mask.phone(phone))
        }
        return .phoneDuplicate(maskedPhone: Mask.phone(phone), otherName: other.name, otherMaskedID: other.residentID.masked)
    }
}

extension Override {
    /// Refuses a change for `refusals`, and for `suspects` (refusals a clerk may go past: a
    /// possible duplicate, an exception to a rule) unless overridden.
    func refuse(_ refusals: [RegistryError], suspects: [RegistryError]) throws(RegistryError) {
        try RegistryError.refuse(refusals + (force ? [] : suspects))
    }

    /// Audits each suspect the change went past, with the override's reason.
    func audit(_ db: Database, _ suspects: [RegistryError], subject: AuditSubject, context: ChangeContext) throws {
        guard force else { return }
        for suspect in suspects {
            try db.audit(
                suspect.forceAction, subject, after: .object([("rule", .string(suspect.rule)), ("suspect", .string(suspect.message.zh))]),
                reason: reason, context: context)
        }
    }
}
