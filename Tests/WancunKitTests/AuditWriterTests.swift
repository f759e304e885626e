import Foundation
import GRDB
import Testing

@testable import WancunKit

/// An audit line written straight into bytes (`AuditFields` on a `JSONWriter`, as a point import
/// writes its lines) is byte for byte the line its `JSONValue` tree gives.
@Suite struct AuditWriterTests {
    static let awkward = ["引号\"在内\"", "反斜杠\\与/斜杠", "控制\u{01}\u{1F}\t\n\r字符", "非 ASCII：é 🙂 海盐", ""]

    static func written(_ fields: (inout JSONWriter) -> Void) -> String {
        var writer = JSONWriter()
        writer.object(fields)
        return writer.text
    }

    @Test(arguments: awkward) func eachRecordWritesWhatItsTreeGives(_ text: String) throws {
        let point = try Point(
            row: Row([
                "id": 1, "code": "330424001200001", "village_id": 2, "name": text, "address": text, "latitude": 120.80069999999999,
                "longitude": -0.1, "plan_year": 2025, "opened_on": "2025-03-01", "status": "operating", "business_name": nil, "credit_code": text,
            ]))
        let empty = try Point(row: Row(["id": 1, "code": "330424001200001", "village_id": 2, "name": text, "status": "planned"]))
        let person = try Operator(
            row: Row([
                "id": 3, "id_number": "330424198003150017", "name": text, "phone": "13800000000", "difficulty": nil, "difficulty_note": text,
                "certificate_no": nil, "certified_on": "2024-12-31", "retirement_group": "male",
            ]))
        let assignment = try Assignment(
            row: Row([
                "id": 4, "point_id": 1, "operator_id": 3, "started_on": "2025-03-01", "ended_on": nil, "end_reason": text,
                "contract_type": "civil", "contract_from": "2025-03-01", "contract_to": nil,
            ]))
        let service = try Service(
            row: Row([
                "id": 5, "point_id": 1, "kind": "parcel", "category": nil, "partner": text, "licence": nil, "started_on": "2025-03-01",
                "ended_on": nil,
            ]))
        #expect(point.latitude == 120.80069999999999)
        #expect(Self.written(point.auditFields) == point.auditJSON.compact())
        #expect(Self.written(point.auditFields).contains("\"latitude\":120.80069999999999,"))
        #expect(Self.written(empty.auditFields) == empty.auditJSON.compact())
        #expect(Self.written(person.auditFields) == person.auditJSON.compact())
        #expect(Self.written(assignment.auditFields) == assignment.auditJSON.compact())
        #expect(Self.written(service.auditFields) == service.auditJSON.compact())
    }

    /// The JSON of every line of an import, creating points and then changing them (the point
    /// itself, or only who runs it), is what the records' trees give, the point before the
    /// change included; the chain verifies.
    @Test func aPointImportsLinesAreWhatTheTreesGive() throws {
        let db = try PointImportBulkTests.database()
        var rows = (0..<3).map { PointImportBulkTests.row($0) }
        rows[0]["name"] = "引号\"站\"与\\"
        rows[0]["address"] = "海盐县 🙂 é 路"
        rows[0]["longitude"] = "120.80069999999999"
        rows[2]["operator_name"] = ""; rows[2]["phone"] = ""; rows[2]["id_number"] = ""; rows[2]["contract_type"] = ""; rows[2]["contract_from"] = ""
        _ = try db.importPoints(from: PointImportBulkTests.file(rows), context: testContext)
        let points = try db.read { try Point.fetchAll($0, sql: "SELECT * FROM point ORDER BY id") }
        let lines = try db.auditEntries(AuditFilter()).filter { $0.action == "point.import" }
        #expect(lines.count == 3)
        for (point, line) in zip(points, lines) {
            let (person, assignment, services) = try db.read { db in
                (
                    try Operator.fetchOne(
                        db, sql: "SELECT operator.* FROM operator JOIN assignment ON operator_id = operator.id WHERE point_id = ?",
                        arguments: [point.id]),
                    try Assignment.fetchOne(db, sql: "SELECT * FROM assignment WHERE point_id = ?", arguments: [point.id]),
                    try Service.fetchAll(db, sql: "SELECT * FROM service WHERE point_id = ? ORDER BY id", arguments: [point.id])
                )
            }
            var after: [(String, JSONValue)] = [("action", .string("created")), ("point", point.auditJSON)]
            if let person { after.append(("operator", person.auditJSON)) }
            if let assignment { after.append(("assignment", assignment.auditJSON)) }
            after.append(("services", .array(services.map(\.auditJSON))))
            #expect(line.before == nil)
            #expect(line.after == JSONValue.object(after).compact())
        }
        #expect(lines[0].after?.contains("\"longitude\":120.80069999999999,") == true)

        // The first point renamed; the third given an operator, the point itself as it was.
        rows[0]["name"] = "新\"名\"\\"
        rows[0]["point_code"] = points[0].code
        rows[2] = PointImportBulkTests.row(2)
        rows[2]["name"] = points[2].name
        _ = try db.importPoints(from: PointImportBulkTests.file(rows), context: testContext)
        let changed = try db.auditEntries(AuditFilter()).filter { $0.action == "point.import" }.dropFirst(3)
        #expect(changed.count == 2)
        let renamed = try #require(try db.read { try Point.fetchOne($0, sql: "SELECT * FROM point WHERE id = ?", arguments: [points[0].id]) })
        #expect(changed.first?.before == JSONValue.object([("point", points[0].auditJSON)]).compact())
        #expect(changed.first?.after == JSONValue.object([("action", .string("updated")), ("point", renamed.auditJSON)]).compact())
        let (person, assignment) = try db.read { db in
            (
                try Operator.fetchOne(
                    db, sql: "SELECT operator.* FROM operator JOIN assignment ON operator_id = operator.id WHERE point_id = ?",
                    arguments: [points[2].id]),
                try Assignment.fetchOne(db, sql: "SELECT * FROM assignment WHERE point_id = ?", arguments: [points[2].id])
            )
        }
        let (newPerson, newAssignment) = (try #require(person), try #require(assignment))
        #expect(changed.last?.before == "{}")
        #expect(
            changed.last?.after
                == JSONValue.object([
                    ("action", .string("updated")), ("operator", newPerson.auditJSON), ("assignment", newAssignment.auditJSON),
                ]).compact())
        #expect(try db.auditChainProblems().isEmpty)
    }
}
