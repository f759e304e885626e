import Foundation
import GRDB
import Testing

@testable import WancunKit

/// The audit trail as a hash chain: verified, broken by edits made behind wancun's back,
/// guarded on every write, and recorded on what leaves the office.
@Suite struct AuditChainTests {
    /// Runs SQL on the file through a connection of its own, as anyone with the file can.
    static func edit(_ path: String, _ sql: String) throws {
        let queue = try DatabaseQueue(path: path)
        try queue.writeWithoutTransaction { try $0.execute(sql: sql) }
        try queue.close()
    }

    static func value<T: DatabaseValueConvertible>(_ path: String, _ sql: String) throws -> T? {
        let queue = try DatabaseQueue(path: path)
        defer { try? queue.close() }
        return try queue.read { try T.fetchOne($0, sql: sql) }
    }

    static func lastAudit(_ path: String) throws -> Row? {
        let queue = try DatabaseQueue(path: path)
        defer { try? queue.close() }
        return try queue.read { try Row.fetchOne($0, sql: "SELECT * FROM audit ORDER BY id DESC LIMIT 1") }
    }

    @Test func aFreshAndTheDemoDatabaseVerify() throws {
        let fresh = try AppDatabase()
        _ = try fresh.importDivisions(from: haiyanCSV, context: testContext)
        #expect(try fresh.auditChainProblems().isEmpty)
        #expect(try fresh.auditChainHead()?.id == 1)

        let demo = try sharedDemoCopy()
        let result = try wancun(["audit", "verify", "--db", demo])
        #expect(result.status == 0, "\(result.stderr)")
        let head = try #require(try AppDatabase(path: demo).auditChainHead())
        #expect(result.stdout.contains("审计链完好：共 \(head.id) 行"), "\(result.stdout)")
        #expect(result.stdout.contains("审计链头：#\(head.id) \(head.hash)"), "\(result.stdout)")
    }

    /// The documented canonical form, worked by hand: a line's hash follows from the one
    /// before and its netstrings, and nothing else.
    @Test func aLineHashesItsCanonicalContentAfterThePreviousHash() throws {
        let canonical = AuditChain.canonical(
            id: 7,
            [
                Array("2026-11-26T09:00:00+08:00".utf8), Array("张三".utf8), Array("point.add".utf8), nil, Array("330424101201001".utf8), nil, nil, nil,
                nil,
            ])
        #expect(String(decoding: canonical, as: UTF8.self) == "1:7,25:2026-11-26T09:00:00+08:00,6:张三,9:point.add,~15:330424101201001,~~~~")
        let hash = AuditChain.hash(previous: AuditChain.genesis, canonical: canonical)
        #expect(
            String(decoding: hash, as: UTF8.self)
                == Digest.sha256(text: String(repeating: "0", count: 64) + String(decoding: canonical, as: UTF8.self)))
    }

    /// Edits behind wancun's back, after dropping the trigger that forbids them: `audit
    /// verify` names the first broken line and exits 4.
    @Test(arguments: [
        ("DROP TRIGGER audit_no_update; UPDATE audit SET clerk = '李四' WHERE id = 10", "第 10 行的内容与其哈希不符"),
        ("DROP TRIGGER audit_no_delete; DELETE FROM audit WHERE id = 10", "第 10 行已被删除"),
        (
            "DROP TRIGGER audit_no_update; UPDATE audit SET point_code = '330424101201009' "
                + "WHERE id = (SELECT min(id) FROM audit WHERE point_code IS NOT NULL)",
            "行的内容与其哈希不符"
        ),
        ("DROP TRIGGER audit_no_delete; DELETE FROM audit WHERE id = 1", "第 1 行已被删除"),
    ])
    func anEditThroughARawConnectionIsFound(sql: String, expected: String) throws {
        let demo = try sharedDemoCopy()
        let renamed: Int64? = try Self.value(demo, "SELECT min(id) FROM audit WHERE point_code IS NOT NULL")
        try Self.edit(demo, sql)
        let result = try wancun(["audit", "verify", "--db", demo])
        #expect(result.status == 4)
        #expect(result.stderr.contains("触发器 audit_no_"), "\(result.stderr)")
        #expect(result.stderr.contains(expected), "\(result.stderr)")
        if sql.contains("point_code") { #expect(result.stderr.contains("第 \(renamed!) 行"), "\(result.stderr)") }
        let damage = try AppDatabase(path: demo).auditChainProblems()
        #expect(damage.count == 2)
    }

    @Test(.enabled(if: OutsideTool.sqlite3.isAvailable, OutsideTool.sqlite3.skipReason))
    func anEditWithTheSqlite3ShellIsFound() throws {
        let demo = try sharedDemoCopy()
        let shell = Process()
        shell.executableURL = URL(fileURLWithPath: OutsideTool.sqlite3Path!)
        shell.arguments = [demo, "DROP TRIGGER audit_no_update; UPDATE audit SET clerk = '李四' WHERE id = 12;"]
        try shell.run()
        shell.waitUntilExit()
        #expect(shell.terminationStatus == 0)
        let result = try wancun(["audit", "verify", "--db", demo, "--lang", "en"])
        #expect(result.status == 4)
        #expect(result.stderr.contains("trigger audit_no_update"), "\(result.stderr)")
        #expect(result.stderr.contains("audit chain broken at line 12"), "\(result.stderr)")
    }

    /// Rewriting the whole chain consistently still changes the head a roster recorded.
    @Test func aRewrittenChainChangesTheHead() throws {
        let demo = try sharedDemoCopy()
        let before = try #require(try AppDatabase(path: demo).auditChainHead())
        try Self.edit(demo, "DROP TRIGGER audit_no_update; UPDATE audit SET clerk = '李四' WHERE id = 3")
        // Recompute every hash from line 3 on, as a careful forger would.
        let queue = try DatabaseQueue(path: demo)
        try queue.write { db in
            var previous = Array(try String.fetchOne(db, sql: "SELECT hash FROM audit WHERE id = 2")!.utf8)
            for row in try Row.fetchAll(db, sql: "SELECT * FROM audit WHERE id >= 3 ORDER BY id") {
                let fields: [[UInt8]?] = ["at", "clerk", "action", "division_code", "point_code", "operator_id_number", "before", "after", "reason"]
                    .map { (row[$0] as String?).map { Array($0.utf8) } }
                previous = AuditChain.hash(previous: previous, canonical: AuditChain.canonical(id: row["id"], fields))
                try db.execute(
                    sql: "UPDATE audit SET hash = ? WHERE id = ?", arguments: [String(decoding: previous, as: UTF8.self), row["id"] as Int64])
            }
            try db.execute(sql: "CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit\n  BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END")
        }
        try queue.close()
        let after = try #require(try AppDatabase(path: demo).auditChainHead())
        #expect(try AppDatabase(path: demo).auditChainProblems().isEmpty)
        #expect(after.id == before.id && after.hash != before.hash)
    }

    /// Every command that writes refuses once a trigger is gone, and says to run `wancun check`.
    @Test func writesAreRefusedWhenATriggerIsDropped() throws {
        let demo = try sharedDemoCopy()
        let point: String = try #require(try Self.value(demo, "SELECT code FROM point WHERE status = 'operating' ORDER BY code LIMIT 1"))
        try Self.edit(demo, "DROP TRIGGER audit_no_delete")
        let parcels: Int? = try Self.value(demo, "SELECT count(*) FROM parcel")
        let lines: Int? = try Self.value(demo, "SELECT count(*) FROM audit")
        let ledger = writeTemporaryFile("包裹.csv", "服务点编码,运单号,快递公司,到站时间,取件时间\n\(point),ZT-TAMPER-1,中通快递海盐网点,2026-11-20 09:30,\n")
        for arguments in [
            ["parcel", "arrive", point, "ZT-TAMPER-0", "--courier", "中通快递海盐网点", "--at", "2026-11-20 09:30"],
            ["parcel", "import", ledger],
            ["point", "status", point, "suspended", "--on", "2026-11-20", "--reason", "装修"],
        ] {
            let result = try wancun(arguments + ["--db", demo])
            #expect(result.status == 4, "\(arguments)")
            #expect(result.stderr.contains("触发器 audit_no_delete") && result.stderr.contains("wancun check"), "\(result.stderr)")
        }
        #expect(try Self.value(demo, "SELECT count(*) FROM parcel") == parcels)
        #expect(try Self.value(demo, "SELECT count(*) FROM audit") == lines)
        // A replaced trigger that no longer refuses counts as dropped.
        try Self.edit(demo, "DROP TRIGGER audit_no_update; CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN SELECT 1; END")
        #expect(try AppDatabase(path: demo).auditChainProblems().contains(.triggerMissing("audit_no_update")))
    }

    /// The writes that left no line before: each now leaves one, with what the issue names.
    @Test func everyWriteIsAudited() throws {
        let dir = temporaryDirectory()
        let demo = try sharedDemoCopy()
        let point: String = try #require(try Self.value(demo, "SELECT code FROM point WHERE status = 'operating' ORDER BY code LIMIT 1"))
        func after(_ arguments: [String], _ action: String) throws -> [String: Any] {
            let result = try wancun(arguments + ["--db", demo])
            #expect(result.status == 0, "\(arguments): \(result.stderr)")
            let line = try #require(try Self.lastAudit(demo))
            #expect(line["action"] == action && line["clerk"] == "测试员", "\(arguments)")
            return try JSONSerialization.jsonObject(with: Data((line["after"] as String).utf8)) as! [String: Any]
        }
        let arrived = try after(["parcel", "arrive", point, "ZT-AUDIT-1", "--courier", "中通快递海盐网点", "--at", "2026-11-20 09:30"], "parcel.arrive")
        #expect(arrived["waybill"] as? String == "ZT-AUDIT-1" && arrived["courier"] as? String == "中通快递海盐网点")
        #expect(try Self.lastAudit(demo)?["point_code"] == point)
        let picked = try after(["parcel", "pickup", point, "ZT-AUDIT-1", "--at", "2026-11-21 10:00"], "parcel.pickup")
        #expect(picked["picked_up_at"] as? String == "2026-11-21 10:00")
        let bought = try after(
            ["purchase", "add", point, "--category", "农资", "--amount", "128.50", "--order", "AUDIT-1", "--platform", "拼多多", "--on", "2026-11-20"],
            "purchase.add")
        #expect(bought["amount_fen"] as? Int == 12850 && bought["order_no"] as? String == "AUDIT-1")

        let parcels = writeTemporaryFile(
            "包裹.csv", "服务点编码,运单号,快递公司,到站时间,取件时间\n\(point),ZT-AUDIT-2,中通快递海盐网点,2026-11-20 09:30,\n\(point),ZT-AUDIT-3,中通快递海盐网点,2026-11-20 09:40,\n")
        let imported = try after(["parcel", "import", parcels], "parcel.import")
        #expect(
            imported["sha256"] as? String == (try Digest.sha256(fileAt: parcels)) && imported["rows"] as? Int == 2
                && imported["file"] as? String == "包裹.csv")
        let purchases = writeTemporaryFile("代购.csv", "服务点编码,平台,订单号,品类,金额(元),日期\n\(point),拼多多,AUDIT-2,农资,10.00,2026-11-20\n")
        let bought2 = try after(["purchase", "import", purchases], "purchase.import")
        #expect(bought2["sha256"] as? String == (try Digest.sha256(fileAt: purchases)) && bought2["rows"] as? Int == 1)

        let run: Int64 = try #require(try Self.value(demo, "SELECT id FROM subsidy_run WHERE status = 'final'"))
        let roster = dir.appendingPathComponent("花名册.xlsx").path
        let exported = try after(["subsidy", "export", String(run), "--out", roster], "subsidy.export")
        #expect(exported["sha256"] as? String == (try Digest.sha256(fileAt: roster)) && exported["run_id"] as? Int == Int(run))

        let revealed = dir.appendingPathComponent("服务点.csv").path
        let reveal = try after(["point", "export", "--out", revealed, "--reveal"], "point.reveal")
        let withOperator: Int = try #require(try Self.value(demo, "SELECT count(*) FROM assignment WHERE ended_on IS NULL"))
        #expect(reveal["file"] as? String == URL(fileURLWithPath: revealed).standardizedFileURL.path)
        let points: Int? = try Self.value(demo, "SELECT count(*) FROM point")
        #expect(reveal["id_numbers"] as? Int == withOperator && reveal["rows"] as? Int == points)
        // A masked export takes no full ID number: no line.
        let lines: Int? = try Self.value(demo, "SELECT count(*) FROM audit")
        #expect(try wancun(["point", "export", "--out", dir.appendingPathComponent("masked.csv").path, "--db", demo]).status == 0)
        #expect(try Self.value(demo, "SELECT count(*) FROM audit") == lines)
        #expect(try wancun(["audit", "verify", "--db", demo]).status == 0)
    }

    /// The roster's manifest, the reconciliation report and a backup carry the chain's head.
    @Test func manifestReportAndBackupRecordTheHead() throws {
        let dir = temporaryDirectory()
        let demo = try sharedDemoCopy()
        let run: Int64 = try #require(try Self.value(demo, "SELECT id FROM subsidy_run WHERE status = 'final'"))
        let roster = dir.appendingPathComponent("花名册.xlsx").path
        let exported = try wancun(["subsidy", "export", String(run), "--out", roster, "--db", demo])
        let head = try #require(try AppDatabase(path: demo).auditChainHead())
        #expect(exported.stdout.contains("审计链头：\(head.text)"), "\(exported.stdout)")
        let manifest = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: roster + ".manifest.json"))) as! [String: Any]
        let recorded = try #require(manifest["audit_head"] as? [String: Any])
        #expect(recorded["id"] as? Int == Int(head.id) && recorded["hash"] as? String == head.hash)

        let report = try AppDatabase(path: demo).reconciliations()[0]
        let line: String? = try Self.value(
            demo, "SELECT hash FROM audit WHERE action = 'reconcile.hr' AND json_extract(after, '$.reconciliation') = \(report.id)")
        #expect(report.auditHead?.hash == line && line != nil)
        let shown = try wancun(["reconcile", "show", String(report.id), "--db", demo, "--format", "json"])
        #expect(shown.stdout.contains(report.auditHead!.text), "\(shown.stdout)")
        let table = try wancun(["reconcile", "show", String(report.id), "--db", demo])
        #expect(table.stdout.contains("审计链头：\(report.auditHead!.text)"), "\(table.stdout)")

        let backup = try wancun(["backup", dir.appendingPathComponent("copy.sqlite").path, "--db", demo])
        #expect(backup.status == 0 && backup.stdout.contains("审计链头：\(head.text)"), "\(backup.stdout)")
    }

    /// A database at v7 with audit lines gets its hashes once, in v8, and verifies.
    @Test func aVersion7DatabaseWithAuditLinesGetsAVerifyingChain() throws {
        let path = temporaryDirectory().appendingPathComponent("v7.sqlite").path
        let queue = try DatabaseQueue(path: path)
        try AppDatabase.migrator.migrate(queue, upTo: "v7")
        try queue.write { db in
            try db.execute(
                sql: """
                    INSERT INTO audit (at, clerk, action, point_code, reason) \
                    VALUES ('2026-11-26T09:00:00+08:00', '张三', 'point.add', '330424101201001', NULL);
                    INSERT INTO audit (at, clerk, action, operator_id_number, before, after, reason)
                      VALUES ('2026-11-26T09:01:00+08:00', '李四', 'operator.edit', '11010519491231002X', \
                      '{"phone":"13800000001"}', '{"phone":"13800000002"}', '换号');
                    INSERT INTO reconciliation (kind, subject, month, file_name, file_sha256, created_at, clerk, unit, expected_total, actual_total,
                      matched, amount_mismatch, field_mismatch, only_in_registry, only_in_file, duplicate_in_file, unknown_key, invalid_row)
                      VALUES ('parcels', '中通', '2026-10', 'a.csv', '\(String(repeating: "a", count: 64))', \
                      '2026-11-26T09:02:00+08:00', '张三', 'parcels', 1, 1, 1, 0, 0, 0, 0, 0, 0, 0);
                    """)
        }
        try queue.close()
        let db = try AppDatabase(path: path)
        #expect(try db.schemaSQL() == AppDatabase().schemaSQL())
        #expect(try db.auditChainProblems().isEmpty)
        let first: String? = try Self.value(path, "SELECT hash FROM audit WHERE id = 1")
        #expect(
            first
                == Digest.sha256(
                    text: String(repeating: "0", count: 64) + "1:1,25:2026-11-26T09:00:00+08:00,6:张三,9:point.add,~15:330424101201001,~~~~"))
        #expect(try db.auditChainHead()?.id == 2)
        // A report made before the chain records no head.
        #expect(try db.reconciliations()[0].auditHead == nil)
        // New lines follow on from the migrated ones.
        _ = try db.importDivisions(from: haiyanCSV, context: testContext)
        #expect(try db.auditChainProblems().isEmpty && db.auditChainHead()?.id == 3)
    }
}
