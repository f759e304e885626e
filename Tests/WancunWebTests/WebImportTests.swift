import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

@testable import WancunKit
@testable import WancunWeb

/// 导入: a file uploaded, checked row by row, confirmed and imported, all through the web.
@Suite struct WebImportTests {
    static let clerk = WebUser(name: "陈县办", role: .countyClerk)

    static func pointRows(_ tag: String, count: Int = 2, village: String = "330424101202") -> [[String: String]] {
        (1...count).map { ["village_code": village, "name": "网页\(tag)服务点\($0)", "services": "bill-payment"] }
    }

    /// Uploads, checks, confirms and follows a points file; returns the database and the job's page.
    func importPoints(_ fileName: String, _ data: Data, rows: Int) async throws {
        let db = try freshDemoDatabase()
        let web = makeWebApp(database: db)
        let session = await web.sessions.create(for: Self.clerk)
        let before = try db.points().count
        try await withClient(web) { client async throws in
            let form = try await client.execute(uri: "/imports", method: .get, headers: cookieHeader(session))
            #expect(form.status == .ok)
            for id in [
                "id=\"import-form\"", "enctype=\"multipart/form-data\"", "name=\"kind\"", "value=\"points\"", "value=\"parcels\"",
                "value=\"purchases\"", "value=\"other-posts\"", "type=\"file\" name=\"file\"", "id=\"import-check\"",
            ] {
                #expect(form.text.contains(id), "\(id)")
            }
            let started = try await upload(client, "/imports", session, [("kind", "points")], fileName: fileName, data: data)
            #expect(started.status == .seeOther)
            let path = try jobPath(started)
            #expect(path.hasPrefix("/imports/"))
            let checked = try await settle(client, path, session)
            #expect(checked["state"] as? String == "checked")
            #expect(checked["problems"] as? Int == 0)
            #expect(checked["done"] as? Int == rows)
            #expect(try db.points().count == before, "a dry run writes nothing")
            let page = try await client.execute(uri: path, method: .get, headers: cookieHeader(session)).text
            #expect(page.contains("id=\"import-confirm-form\"") && page.contains("id=\"import-confirm\""))
            #expect(page.contains("id=\"import-annotated\""))
            let confirmed = try await post(client, path + "/confirm", session)
            #expect(confirmed.status == .seeOther && confirmed.headers[.location] == path)
            let done = try await settle(client, path, session)
            #expect(done["state"] as? String == "done")
            let after = try await client.execute(uri: path, method: .get, headers: cookieHeader(session)).text
            #expect(after.contains(Message.pointsImported(created: rows, updated: 0, unchanged: 0).zh))
            #expect(after.contains("id=\"import-result\""))
            let result = try await client.execute(uri: path + "/result", method: .get, headers: cookieHeader(session))
            #expect(result.status == .ok)
        }
        #expect(try db.points().count == before + rows)
        let lines = try db.auditEntries(AuditFilter()).filter { $0.action == "point.import" }
        #expect(lines.count == rows && lines.allSatisfy { $0.clerk == "陈县办" })
    }

    @Test func aCSVFileIsCheckedConfirmedAndImported() async throws {
        try await importPoints("沈荡镇服务点.csv", Data(csvText(pointsTable(Self.pointRows("甲"))).utf8), rows: 2)
    }

    @Test func anXLSXFileIsCheckedConfirmedAndImported() async throws {
        try await importPoints("沈荡镇服务点.xlsx", try xlsxData(pointsTable(Self.pointRows("乙", count: 3))), rows: 3)
    }

    @Test func aGB18030CSVFileIsCheckedConfirmedAndImported() async throws {
        let data = try #require(csvText(pointsTable(Self.pointRows("丙"))).data(using: TextEncoding.foundationGB18030))
        #expect(String(data: data, encoding: .utf8) == nil, "the file is not UTF-8")
        try await importPoints("服务点-gb18030.csv", data, rows: 2)
    }

    @Test func aWorkbookIsReadFromTheSheetNamedInTheForm() async throws {
        let db = try freshDemoDatabase()
        let web = makeWebApp(database: db)
        let session = await web.sessions.create(for: Self.clerk)
        let table = pointsTable(Self.pointRows("丁", count: 2))
        let notes = Worksheet(name: "说明", header: ["填表说明"], rows: [[.text("第二个工作表是服务点")]])
        let data = try XLSXWriter.data([
            notes, Worksheet(name: "服务点", header: table[0], rows: table.dropFirst().map { $0.map { SheetCell.text($0) } }),
        ])
        let before = try db.points().count
        try await withClient(web) { client async throws in
            let form = try await client.execute(uri: "/imports", method: .get, headers: cookieHeader(session))
            #expect(form.text.contains("name=\"sheet\""))
            // The first sheet, read by default, is not a points sheet: refused, nothing written.
            let first = try await upload(client, "/imports", session, [("kind", "points"), ("mode", "import")], fileName: "两页.xlsx", data: data)
            let refused = try await settle(client, try jobPath(first), session)
            #expect(refused["state"] as? String != "done")
            #expect(try db.points().count == before)
            let named = try await upload(
                client, "/imports", session, [("kind", "points"), ("sheet", "服务点"), ("mode", "import")], fileName: "两页.xlsx", data: data)
            let done = try await settle(client, try jobPath(named), session)
            #expect(done["state"] as? String == "done")
        }
        #expect(try db.points().count == before + 2)
    }

    @Test func importNowImportsACleanFileAtOnceAndWritesNothingOfAFileWithABadRow() async throws {
        let db = try freshDemoDatabase()
        let web = makeWebApp(database: db)
        let session = await web.sessions.create(for: Self.clerk)
        let before = try db.points().count
        try await withClient(web) { client async throws in
            let form = try await client.execute(uri: "/imports", method: .get, headers: cookieHeader(session)).text
            #expect(form.contains("id=\"import-now\"") && form.contains("name=\"mode\" value=\"import\""))
            let bad = Self.pointRows("戊") + [["village_code": "330424101999", "name": "没有这个村服务点"]]
            let refused = try await upload(
                client, "/imports", session, [("kind", "points"), ("mode", "import")], fileName: "有错.csv",
                data: Data(csvText(pointsTable(bad)).utf8))
            let refusedPath = try jobPath(refused)
            let shown = try await settle(client, refusedPath, session)
            #expect(shown["state"] as? String == "checked")
            #expect((shown["problems"] as? Int ?? 0) >= 1)
            let page = try await client.execute(uri: refusedPath, method: .get, headers: cookieHeader(session)).text
            #expect(page.contains("id=\"import-problems\"") && page.contains("330424101999") && !page.contains("id=\"import-confirm\""))
            #expect(try db.points().count == before, "a file with a bad row writes nothing")
            let started = try await upload(
                client, "/imports", session, [("kind", "points"), ("mode", "import")], fileName: "沈荡镇服务点.csv",
                data: Data(csvText(pointsTable(Self.pointRows("己"))).utf8))
            let path = try jobPath(started)
            let done = try await settle(client, path, session)
            #expect(done["state"] as? String == "done")
            let after = try await client.execute(uri: path, method: .get, headers: cookieHeader(session)).text
            #expect(after.contains(Message.pointsImported(created: 2, updated: 0, unchanged: 0).zh))
        }
        #expect(try db.points().count == before + 2)
        let lines = try db.auditEntries(AuditFilter()).filter { $0.action == "point.import" }
        #expect(lines.count == 2 && lines.allSatisfy { $0.clerk == "陈县办" })
    }

    @Test func aBadRowIsShownWithItsProblemAndNothingCanBeConfirmed() async throws {
        let db = try freshDemoDatabase()
        let web = makeWebApp(database: db)
        let session = await web.sessions.create(for: Self.clerk)
        let before = try db.points().count
        let audit = try db.auditEntries(AuditFilter()).count
        let rows = Self.pointRows("丁") + [["village_code": "330424101999", "name": "没有这个村服务点"]]
        try await withClient(web) { client async throws in
            let started = try await upload(
                client, "/imports", session, [("kind", "points")], fileName: "有错.xlsx", data: try xlsxData(pointsTable(rows)))
            let path = try jobPath(started)
            let checked = try await settle(client, path, session)
            #expect(checked["state"] as? String == "checked")
            #expect((checked["problems"] as? Int ?? 0) >= 1)
            let page = try await client.execute(uri: path, method: .get, headers: cookieHeader(session)).text
            #expect(page.contains("id=\"import-problems\""))
            #expect(page.contains("<td>4</td>"), "the bad row, under the header row")
            #expect(page.contains("330424101999"))
            #expect(!page.contains("id=\"import-confirm\""))
            // Confirming anyway does nothing.
            _ = try await post(client, path + "/confirm", session)
            #expect(try await settle(client, path, session)["state"] as? String == "checked")
            // The annotated copy is a real workbook, marking the bad row.
            let copy = try await client.execute(uri: path + "/annotated", method: .get, headers: cookieHeader(session))
            #expect(copy.status == .ok)
            #expect(copy.headers[.contentType]?.contains("spreadsheetml") == true)
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("annotated-\(UUID().uuidString).xlsx").path
            try Data(buffer: copy.body).write(to: URL(fileURLWithPath: file))
            let reader = try TableReader(
                path: file,
                columns: [
                    ColumnSpec("name", PointSheet.columns.first { $0.key == "name" }!.header), ColumnSpec("problems", Message.problemsColumn.zh),
                ])
            var notes: [String] = []
            while let row = try reader.next() { notes.append(row["problems"]) }
            #expect(notes.count == 3)
            #expect(notes[0].isEmpty && notes[1].isEmpty && notes[2].contains("["))
        }
        #expect(try db.points().count == before)
        #expect(try db.auditEntries(AuditFilter()).count == audit)
    }

    @Test func theAnnotatedCopyOfACSVFileIsCSV() async throws {
        let db = try freshDemoDatabase()
        let web = makeWebApp(database: db)
        let session = await web.sessions.create(for: Self.clerk)
        try await withClient(web) { client async throws in
            let path = try jobPath(
                try await upload(
                    client, "/imports", session, [("kind", "points")], fileName: "好.csv", data: Data(csvText(pointsTable(Self.pointRows("戊"))).utf8)))
            let status = try await settle(client, path, session)
            #expect(Set(status.keys) == ["state", "done", "total", "problems"])
            #expect(status["total"] as? Int == 2)
            let copy = try await client.execute(uri: path + "/annotated", method: .get, headers: cookieHeader(session))
            #expect(copy.headers[.contentType]?.hasPrefix("text/csv") == true)
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("annotated-\(UUID().uuidString).csv").path
            try Data(buffer: copy.body).write(to: URL(fileURLWithPath: file))
            let reader = try TableReader(path: file, columns: [ColumnSpec("name", PointSheet.columns.first { $0.key == "name" }!.header)])
            var names: [String] = []
            while let row = try reader.next() { names.append(row["name"]) }
            #expect(names == ["网页戊服务点1", "网页戊服务点2"])
        }
    }

    @Test func theOtherPostsCopyHoldsFullIDNumbersAndItsDownloadIsAudited() async throws {
        let db = try freshDemoDatabase()
        let web = makeWebApp(database: db)
        let session = await web.sessions.create(for: Self.clerk)
        let person = try #require(try db.operators().first?.0)
        let list = "公民身份号码,姓名,单位\r\n\(person.idNumber),\(person.name),县民政局\r\n"
        @Sendable func downloads() throws -> [AuditEntry] { try db.auditEntries(AuditFilter()).filter { $0.action == "copy.download" } }
        try await withClient(web) { client async throws in
            let path = try jobPath(
                try await upload(
                    client, "/imports", session, [("kind", "other-posts"), ("month", "2026-11")], fileName: "其他岗位.csv", data: Data(list.utf8)))
            #expect(try await settle(client, path, session)["state"] as? String == "checked")
            #expect(try downloads().isEmpty)
            let copy = try await client.execute(uri: path + "/annotated", method: .get, headers: cookieHeader(session))
            #expect(copy.status == .ok)
            #expect(String(buffer: copy.body).contains(person.idNumber))
            // A points file's copy is the clerk's own rows: not a list of ID numbers, not audited.
            let points = try jobPath(
                try await upload(
                    client, "/imports", session, [("kind", "points")], fileName: "点.csv", data: Data(csvText(pointsTable(Self.pointRows("癸"))).utf8)))
            _ = try await settle(client, points, session)
            #expect(try await client.execute(uri: points + "/annotated", method: .get, headers: cookieHeader(session)).status == .ok)
        }
        let lines = try downloads()
        #expect(lines.count == 1)
        let line = try #require(lines.first)
        #expect(line.clerk == Self.clerk.name)
        #expect(line.after?.contains("\"kind\":\"import-other-posts\"") == true && line.after?.contains("其他岗位.errors.csv") == true)
        #expect(line.after?.contains("\"role\":\"county-clerk\"") == true && line.after?.contains("sha256") == true)
        #expect(line.after?.contains(person.idNumber) == false)
    }

    @Test func anotherUsersJobIsNotFound() async throws {
        let db = try freshDemoDatabase()
        let web = makeWebApp(database: db)
        let session = await web.sessions.create(for: Self.clerk)
        let other = await web.sessions.create(for: WebUser(name: "另一位", role: .countyClerk))
        try await withClient(web) { client async throws in
            let path = try jobPath(
                try await upload(
                    client, "/imports", session, [("kind", "points")], fileName: "a.csv", data: Data(csvText(pointsTable(Self.pointRows("己"))).utf8)))
            _ = try await settle(client, path, session)
            for suffix in ["", "/status", "/annotated"] {
                #expect(try await client.execute(uri: path + suffix, method: .get, headers: cookieHeader(other)).status == .notFound)
            }
            #expect(try await post(client, path + "/confirm", other).status == .notFound)
            #expect(try await client.execute(uri: "/imports/nosuchjob", method: .get, headers: cookieHeader(session)).status == .notFound)
        }
    }

    @Test func reviewersAndAdministratorsAreRefused() async throws {
        let db = try freshDemoDatabase()
        let web = makeWebApp(database: db)
        for role in [Role.reviewer, .admin] {
            let session = await web.sessions.create(for: WebUser(name: "某人", role: role))
            try await withClient(web) { client async throws in
                #expect(try await client.execute(uri: "/imports", method: .get, headers: cookieHeader(session)).status == .forbidden)
                let refused = try await upload(
                    client, "/imports", session, [("kind", "points")], fileName: "a.csv", data: Data(csvText(pointsTable(Self.pointRows("庚"))).utf8))
                #expect(refused.status == .forbidden)
            }
        }
        // A town clerk may not load the county's other-posts list.
        let town = await web.sessions.create(for: WebUser(name: "林镇办", role: .townClerk, town: try DivisionCode(parsing: "330424101000")))
        try await withClient(web) { client async throws in
            let refused = try await upload(
                client, "/imports", town, [("kind", "other-posts"), ("month", "2026-10")], fileName: "posts.csv",
                data: Data("公民身份号码,姓名,单位\r\n".utf8))
            #expect(refused.status == .forbidden)
        }
    }

    @Test func aTownClerksFileMayHoldOnlyTheirTownsPoints() async throws {
        let db = try freshDemoDatabase()
        let web = makeWebApp(database: db)
        let town = await web.sessions.create(for: WebUser(name: "林镇办", role: .townClerk, town: try DivisionCode(parsing: "330424101000")))
        let before = try db.points().count
        try await withClient(web) { client async throws in
            let own = Self.pointRows("辛", count: 1)
            let other = Self.pointRows("壬", count: 1, village: "330424102200")
            let path = try jobPath(
                try await upload(
                    client, "/imports", town, [("kind", "points")], fileName: "t.csv", data: Data(csvText(pointsTable(own + other)).utf8)))
            let checked = try await settle(client, path, town)
            #expect(checked["problems"] as? Int == 1)
            let page = try await client.execute(uri: path, method: .get, headers: cookieHeader(town)).text
            #expect(page.contains("OUTSIDE_SCOPE") && page.contains("<td>3</td>"))
            // Their own town's file goes in, audited under their name.
            let good = try jobPath(
                try await upload(client, "/imports", town, [("kind", "points")], fileName: "t2.csv", data: Data(csvText(pointsTable(own)).utf8)))
            _ = try await settle(client, good, town)
            _ = try await post(client, good + "/confirm", town)
            #expect(try await settle(client, good, town)["state"] as? String == "done")
        }
        #expect(try db.points().count == before + 1)
        #expect(try db.auditEntries(AuditFilter()).last { $0.action == "point.import" }?.clerk == "林镇办")
    }

    @Test func aParcelLedgerIsImportedThroughTheSameForm() async throws {
        let db = try freshDemoDatabase()
        let web = makeWebApp(database: db)
        let session = await web.sessions.create(for: Self.clerk)
        let point = try db.points().first!.code
        let courier = try db.couriers().first!.name
        let csv = "服务点编码,运单号,快递公司,到站时间,取件时间\r\n\(point),WEB0001,\(courier),2026-11-02 09:00,\r\n"
        try await withClient(web) { client async throws in
            let path = try jobPath(try await upload(client, "/imports", session, [("kind", "parcels")], fileName: "包裹.csv", data: Data(csv.utf8)))
            #expect(try await settle(client, path, session)["problems"] as? Int == 0)
            _ = try await post(client, path + "/confirm", session)
            #expect(try await settle(client, path, session)["state"] as? String == "done")
            let page = try await client.execute(uri: path, method: .get, headers: cookieHeader(session)).text
            #expect(page.contains(Message.imported(rows: 1, written: 1).zh))
        }
        #expect(try db.auditEntries(AuditFilter()).last { $0.action == "parcel.import" }?.clerk == "陈县办")
    }

    @Test func anUploadPastTheLimitIsRefusedWithTheClearPage() async throws {
        var configuration = WebConfiguration()
        configuration.maxBodyBytes = 4096
        let web = makeWebApp(database: demoDatabase, configuration)
        let session = await web.sessions.create(for: Self.clerk)
        try await withClient(web) { client async throws in
            let refused = try await upload(
                client, "/imports", session, [("kind", "points")], fileName: "big.csv", data: Data(String(repeating: "x,", count: 5000).utf8))
            #expect(refused.status == .contentTooLarge)
            #expect(refused.text.contains(Message.Web.tooLarge(limitBytes: 4096).zh))
        }
        // Nothing of it is left in the upload folder.
        let left = try FileManager.default.contentsOfDirectory(atPath: UploadFolder.url.path).filter { $0.hasSuffix(".upload") }
        #expect(left.isEmpty)
    }

    @Test func aMultipartFormWithoutItsTokenIsRefused() async throws {
        let web = makeWebApp(database: demoDatabase)
        let session = await web.sessions.create(for: Self.clerk)
        try await withClient(web) { client async throws in
            let refused = try await upload(
                client, "/imports", session, [("kind", "points")], fileName: "a.csv", data: Data("x\r\n".utf8), token: false)
            #expect(refused.status == .forbidden)
            let wrong = try await upload(
                client, "/imports", session, [("kind", "points"), ("_csrf", "not-the-token")], fileName: "a.csv", data: Data("x\r\n".utf8),
                token: false)
            #expect(wrong.status == .forbidden)
        }
    }

    @Test func uploadsAreKeptInAPrivateFolderAwayFromTheDatabase() throws {
        let folder = UploadFolder.url.path
        #expect(folder.hasPrefix(FileManager.default.temporaryDirectory.path))
        let mode = try FileManager.default.attributesOfItem(atPath: folder)[.posixPermissions] as? Int
        #expect(mode == 0o700)
        #expect(MultipartReader.safeName("C:\\Users\\clerk\\沈荡镇.xlsx") == "沈荡镇.xlsx")
        #expect(MultipartReader.safeName("../../etc/passwd") == "passwd")
        // A name of 120 Chinese characters is 360 bytes: cut, at a character, to fit with the
        // copies' suffixes in the 255 bytes a file name may have, its extension kept.
        let long = MultipartReader.safeName(String(repeating: "沈荡镇服务点", count: 20) + ".xlsx")
        #expect(long.utf8.count <= MultipartReader.maxNameBytes && long.hasSuffix(".xlsx") && long.hasPrefix("沈荡镇服务点"))
        #expect(MultipartReader.parameters("form-data; name=\"file\"; filename=\"a;b.csv\"") == ["name": "file", "filename": "a;b.csv"])
    }

    @Test func theProgressScriptIsServedAndThePageNamesIt() async throws {
        let web = makeWebApp(database: demoDatabase)
        let session = await web.sessions.create(for: Self.clerk)
        try await withClient(web) { client async throws in
            let script = try await client.execute(uri: "/imports.js", method: .get, headers: cookieHeader(session))
            #expect(script.status == .ok && script.headers[.contentType]?.hasPrefix("text/javascript") == true)
            #expect(script.text.contains("/status") == false && script.text.contains("data-status"))
        }
    }
}
