import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing
import WancunKit

@testable import WancunWeb

/// The point forms: add, edit, change status, assign and unassign, each with its happy path,
/// every refusal at once beside its field, the roles it refuses and its form token.
@Suite struct WebPointFormTests {
    /// A registry of this test's own, since the forms change it; today is the demo's.
    let registry = AccountRegistry.make()
    var database: AppDatabase { registry.database }
    var today: LocalDate { webContext.today }

    func app() -> WebApp {
        var configuration = WebConfiguration()
        configuration.today = today
        return WebApp(database: database, configuration: configuration, signIn: AccountSignIn(database: database), now: { TestClock().now })
    }

    static let countyClerk = WebUser(name: "县办", role: .countyClerk)
    static let reviewer = WebUser(name: "审核员", role: .reviewer)
    static let admin = WebUser(name: "管理员", role: .admin)
    func townClerk() -> WebUser { WebUser(name: "镇办", role: .townClerk, town: registry.ownTown) }

    /// Opens `path` (GET), or posts `fields` to it with the session's form token (unless `token` is false).
    func request(
        _ web: WebApp, _ user: WebUser, _ path: String, post fields: [(String, String)]? = nil, token: Bool = true
    ) async throws -> TestResponseCopy {
        let session = await web.sessions.create(for: user)
        return try await withClient(web) { client async throws in
            let response: TestResponse
            if let fields {
                let sent = (token ? [("_csrf", session.csrfToken)] : []) + fields
                response = try await client.execute(uri: path, method: .post, headers: cookieHeader(session) + formType, body: formBody(sent))
            } else {
                response = try await client.execute(uri: path, method: .get, headers: cookieHeader(session))
            }
            return TestResponseCopy(status: response.status, text: response.text, location: response.headers[.location])
        }
    }

    /// The refusals shown beside the input named `field`.
    func refusals(_ html: String, beside field: String) -> [String] {
        html.components(separatedBy: "<span class=\"refusal\" data-field=\"\(field)\">").dropFirst().map { String($0.prefix { $0 != "<" }) }
    }

    func village(of town: DivisionCode) throws -> DivisionListing {
        try #require(try database.divisions(DivisionFilter(under: town, level: .village, ruralOnly: true)).first)
    }

    func lastAudit(_ code: String) throws -> AuditEntry { try #require(try database.pointDetail(code).audit.last) }

    // MARK: Add

    @Test func aTownClerkAddsAPointOfTheirTownAndTheAuditNamesThem() async throws {
        let web = app()
        let form = try await request(web, townClerk(), "/points/new")
        #expect(form.status == .ok)
        #expect(form.text.contains("id=\"point-form\"") && form.text.contains("id=\"point-save\""))
        for column in ["village_code", "name", "address", "latitude", "longitude", "plan_year", "opened_on"] {
            #expect(form.text.contains("name=\"\(column)\""), "\(column)")
        }
        let own = try village(of: registry.ownTown)
        #expect(form.text.contains("value=\"\(own.code.rawValue)\""))
        // Only the villages of the towns the clerk may change are offered.
        #expect(!form.text.contains("value=\"\(try village(of: registry.otherTown.code).code.rawValue)\""))
        let before = try database.points().count
        let added = try await request(
            web, townClerk(), "/points/new",
            post: [("village_code", own.code.rawValue), ("name", "网页登记服务站"), ("address", "村口"), ("plan_year", "2025")])
        #expect(added.status == .seeOther)
        let point = try #require(try database.points().first { $0.name == "网页登记服务站" })
        #expect(added.location == "/points/\(point.code)?done=added")
        #expect(try database.points().count == before + 1)
        #expect(point.planYear == 2025)
        let audit = try lastAudit(point.code)
        #expect(audit.action == "point.add" && audit.clerk == "镇办")
        let page = try await request(web, townClerk(), added.location!)
        #expect(page.text.contains(Message.pointAdded(point.code, point.name).zh))
    }

    @Test func aPointRefusedShowsEveryRefusalBesideItsFieldWithWhatWasTyped() async throws {
        let web = app()
        let before = try database.points().count
        let own = try village(of: registry.ownTown)
        let refused = try await request(
            web, Self.countyClerk, "/points/new",
            post: [
                ("village_code", own.code.rawValue), ("name", ""), ("address", hostileScript), ("latitude", "30.5"), ("longitude", ""),
                ("plan_year", "1800"), ("opened_on", "2099-01-01"),
            ])
        #expect(refused.status == .unprocessableContent)
        #expect(refused.text.contains(Message.WebPoints.refused.zh))
        for field in ["name", "latitude", "plan_year", "opened_on"] { #expect(refusals(refused.text, beside: field).count == 1, "\(field)") }
        #expect(refusals(refused.text, beside: "plan_year")[0].contains("1800"))
        #expect(refused.text.contains("value=\"30.5\"") && refused.text.contains("value=\"1800\"") && refused.text.contains("value=\"2099-01-01\""))
        #expect(refused.text.contains("value=\"\(own.code.rawValue)\" selected"))
        // What was typed is shown back as text, never as markup.
        #expect(refused.text.contains("value=\"&lt;script&gt;alert(1)&lt;/script&gt;\""))
        #expect(!refused.text.contains(hostileScript))
        #expect(try database.points().count == before)
        let noVillage = try await request(web, Self.countyClerk, "/points/new", post: [("village_code", ""), ("name", ""), ("plan_year", "x")])
        #expect(noVillage.status == .unprocessableContent)
        for field in ["village_code", "name", "plan_year"] { #expect(refusals(noVillage.text, beside: field).count == 1, "\(field)") }
    }

    @Test func aNameThatLooksLikeMarkupIsShownAsTextOnThePointsPage() async throws {
        let web = app()
        let added = try await request(
            web, Self.countyClerk, "/points/new", post: [("village_code", try village(of: registry.ownTown).code.rawValue), ("name", hostileScript)])
        #expect(added.status == .seeOther)
        for path in [added.location!, added.location!.replacingOccurrences(of: "?done=added", with: "/edit")] {
            let page = try await request(web, Self.countyClerk, path)
            #expect(page.status == .ok)
            #expect(!page.text.contains(hostileScript), "\(path)")
            #expect(page.text.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "\(path)")
        }
    }

    // MARK: Edit

    @Test func aPointIsEditedAndTheAuditNamesTheUser() async throws {
        let web = app()
        let code = registry.ownPoint
        let form = try await request(web, townClerk(), "/points/\(code)/edit")
        #expect(form.status == .ok)
        #expect(form.text.contains("id=\"point-form\"") && form.text.contains("id=\"point-save\""))
        let point = try database.pointDetail(code).point
        #expect(form.text.contains("value=\"\(point.name)\""))
        for column in ["business_name", "credit_code", "reason"] { #expect(form.text.contains("name=\"\(column)\""), "\(column)") }
        let fields = Point.editFormFields.map { ($0.column, point.point.formText($0.column)) }.filter { $0.0 != "name" }
        let edited = try await request(web, townClerk(), "/points/\(code)/edit", post: fields + [("name", point.name + "新站")])
        #expect(edited.status == .seeOther)
        #expect(edited.location == "/points/\(code)?done=edited")
        #expect(try database.pointDetail(code).point.name == point.name + "新站")
        let audit = try lastAudit(code)
        #expect(audit.action == "point.edit" && audit.clerk == "镇办")
    }

    @Test func anEditRefusedShowsEveryRefusalAtOnce() async throws {
        let web = app()
        let code = registry.ownPoints[1]
        let before = try database.pointDetail(code).point
        let refused = try await request(
            web, Self.countyClerk, "/points/\(code)/edit",
            post: [("name", ""), ("latitude", "北纬"), ("longitude", "120.5"), ("plan_year", "二〇二五"), ("opened_on", "昨天")])
        #expect(refused.status == .unprocessableContent)
        for field in ["name", "latitude", "plan_year", "opened_on"] { #expect(refusals(refused.text, beside: field).count == 1, "\(field)") }
        #expect(refused.text.contains("value=\"北纬\"") && refused.text.contains("value=\"二〇二五\"") && refused.text.contains("value=\"昨天\""))
        #expect(try database.pointDetail(code).point == before)
    }

    @Test func anEditEmptiesWhatWasEmptiedAndRefusesEmptyingTheOpeningDay() async throws {
        let web = app()
        let code = registry.ownPoints[2]
        var filled = PointEdit()
        (filled.latitude, filled.longitude) = (30.52, 120.94)
        (filled.businessName, filled.creditCode) = ("海盐县某某电子商务有限公司", "91350100M000100Y43")
        _ = try database.editPoint(code, filled, context: webContext)
        let point = try database.pointDetail(code).point
        #expect(point.latitude == 30.52 && point.creditCode == "91350100M000100Y43")
        // The form as the browser sends it: every field, these four emptied.
        let emptied: Set = ["latitude", "longitude", "business_name", "credit_code"]
        let fields = Point.editFormFields.map { ($0.column, emptied.contains($0.column) ? "" : point.point.formText($0.column)) }
        let saved = try await request(web, Self.countyClerk, "/points/\(code)/edit", post: fields)
        #expect(saved.status == .seeOther)
        let after = try database.pointDetail(code).point
        #expect(after.latitude == nil && after.longitude == nil && after.businessName == nil && after.creditCode == nil)
        #expect(after.name == point.name && after.address == point.address)
        let audit = try lastAudit(code)
        #expect(audit.action == "point.edit" && audit.clerk == "县办" && audit.before?.contains("120.94") == true)
        // A credit code without its business is refused beside the business; an opening day
        // emptied is refused beside it; nothing is written.
        _ = try database.editPoint(code, filled, context: webContext)
        let opened = try database.pointDetail(code).point
        let refused = try await request(
            web, Self.countyClerk, "/points/\(code)/edit",
            post: Point.editFormFields.map {
                ($0.column, ["business_name", "opened_on"].contains($0.column) ? "" : opened.point.formText($0.column))
            })
        #expect(opened.openedOn != nil)
        #expect(refused.status == .unprocessableContent)
        #expect(refusals(refused.text, beside: "opened_on").count == 1)
        #expect(refusals(refused.text, beside: "business_name").count == 1)
        #expect(try database.pointDetail(code).point == opened)
        // A field the form does not send is left as it is.
        let partial = try await request(web, Self.countyClerk, "/points/\(code)/edit", post: [("address", "新地址1号")])
        #expect(partial.status == .seeOther)
        let kept = try database.pointDetail(code).point
        #expect(kept.address == "新地址1号" && kept.name == opened.name && kept.latitude == 30.52 && kept.creditCode == opened.creditCode)
    }

    // MARK: Status

    @Test func theStatusChangesFromThePointsPage() async throws {
        let web = app()
        let point = try #require(try database.points().first { registry.ownPoints.contains($0.code) && $0.status == .operating })
        let page = try await request(web, townClerk(), "/points/\(point.code)")
        #expect(page.text.contains("id=\"point-status-form\""))
        #expect(page.text.contains("action=\"/points/\(point.code)/status\""))
        let changed = try await request(
            web, townClerk(), "/points/\(point.code)/status", post: [("status", "suspended"), ("on_date", ""), ("reason", "站长生病")])
        #expect(changed.status == .seeOther)
        #expect(changed.location == "/points/\(point.code)?done=status")
        let detail = try database.pointDetail(point.code)
        #expect(detail.point.status == .suspended)
        #expect(detail.history.last?.clerk == "镇办" && detail.history.last?.onDate == today)
        let audit = try lastAudit(point.code)
        #expect(audit.action == "point.status" && audit.clerk == "镇办")
        let shown = try await request(web, townClerk(), changed.location!)
        #expect(shown.text.contains(Message.pointStatusChanged(point.code, .suspended).zh))
    }

    @Test func aStatusChangeRefusedShowsEveryRefusalBesideItsField() async throws {
        let web = app()
        let point = try #require(try database.points().first { $0.status == .operating })
        let refused = try await request(
            web, Self.countyClerk, "/points/\(point.code)/status", post: [("status", "planned"), ("on_date", "2099-01-01"), ("reason", " ")])
        #expect(refused.status == .unprocessableContent)
        #expect(refused.text.contains("id=\"point-status-form\""))
        for field in ["status", "on_date", "reason"] { #expect(refusals(refused.text, beside: field).count == 1, "\(field)") }
        #expect(refusals(refused.text, beside: "reason")[0] == Message.WebPoints.reasonRequired.zh)
        #expect(refused.text.contains("value=\"2099-01-01\""))
        #expect(try database.pointDetail(point.code).point.status == .operating)
    }

    // MARK: Assign and unassign

    /// A person registered and assigned nowhere, with their ID number.
    func freeOperator(_ serial: Int) throws -> Operator {
        try database.addOperator(
            NewOperator(
                name: "网页站长\(serial)", idNumber: Self.idNumber("33042419800101\(199 + 2 * serial)"), phone: "1391234\(5000 + serial)",
                retirementGroup: .male),
            context: webContext)
    }

    /// Seventeen digits and their GB 11643 check character.
    static func idNumber(_ first17: String) -> String {
        let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
        let sum = zip(first17, weights).reduce(0) { $0 + Int(String($1.0))! * $1.1 }
        return first17 + String(Array("10X98765432")[sum % 11])
    }

    @Test func anOperatorIsAssignedByTheirRegisteredIdOrIDNumberAndUnassigned() async throws {
        let web = app()
        let code = try #require(try database.points().first { registry.ownPoints.contains($0.code) && $0.status != .closed }?.code)
        let person = try freeOperator(1)
        let form = try await request(web, Self.countyClerk, "/points/\(code)/assign")
        #expect(form.status == .ok)
        #expect(form.text.contains("id=\"assign-form\"") && form.text.contains("id=\"assign-save\""))
        #expect(form.text.contains("value=\"\(person.id!)\"") && form.text.contains(Mask.residentID(person.idNumber)))
        #expect(!form.text.contains(person.idNumber))
        let assigned = try await request(
            web, Self.countyClerk, "/points/\(code)/assign",
            post: [("operator_id", String(person.id!)), ("started_on", today.description), ("contract_type", ""), ("contract_from", "")])
        #expect(assigned.status == .seeOther)
        #expect(assigned.location == "/points/\(code)?done=assigned")
        let detail = try database.pointDetail(code)
        let current = try #require(detail.operators.first { $0.assignment.endedOn == nil })
        #expect(current.person.idNumber == person.idNumber)
        #expect(try lastAudit(code).action == "point.assign" && lastAudit(code).clerk == "县办")
        let page = try await request(web, Self.countyClerk, assigned.location!)
        #expect(page.text.contains(Message.operatorAssigned(code).zh))
        #expect(page.text.contains("id=\"unassign-form\"") && page.text.contains("id=\"unassign-save\""))
        #expect(!page.text.contains(person.idNumber))

        let unassigned = try await request(
            web, Self.countyClerk, "/points/\(code)/unassign", post: [("ended_on", today.description), ("end_reason", "合同到期")])
        #expect(unassigned.status == .seeOther)
        #expect(unassigned.location == "/points/\(code)?done=unassigned")
        #expect(try database.pointDetail(code).operators.allSatisfy { $0.assignment.endedOn != nil })
        #expect(try lastAudit(code).action == "point.unassign" && lastAudit(code).clerk == "县办")

        let other = try freeOperator(2)
        let byNumber = try await request(
            web, Self.countyClerk, "/points/\(code)/assign",
            post: [("operator_id", ""), ("id_number", other.idNumber), ("started_on", today.description)])
        #expect(byNumber.status == .seeOther)
        #expect(try database.pointDetail(code).operators.contains { $0.person.idNumber == other.idNumber && $0.assignment.endedOn == nil })
    }

    @Test func anAssignmentRefusedShowsEveryRefusalAndNeverTheIDNumberTyped() async throws {
        let web = app()
        let code = try #require(try database.points().first { $0.status != .closed }?.code)
        let unknown = Self.idNumber("33042419800101399")
        let refused = try await request(
            web, Self.countyClerk, "/points/\(code)/assign",
            post: [("id_number", unknown), ("started_on", "2099-01-01"), ("contract_type", "civil"), ("contract_to", "2026-01-01")])
        #expect(refused.status == .unprocessableContent)
        for field in ["id_number", "started_on", "contract_type"] { #expect(refusals(refused.text, beside: field).count == 1, "\(field)") }
        #expect(!refused.text.contains(unknown))
        #expect(refused.text.contains(Mask.residentID(unknown)))
        #expect(refused.text.contains("value=\"2099-01-01\"") && refused.text.contains("value=\"civil\" selected"))

        let point = try #require(try database.points().first { $0.operatorIdNumber != nil && $0.status != .closed })
        let unassign = try await request(
            web, Self.countyClerk, "/points/\(point.code)/unassign", post: [("ended_on", "2099-01-01"), ("end_reason", "")])
        #expect(unassign.status == .unprocessableContent)
        #expect(unassign.text.contains("id=\"unassign-form\""))
        for field in ["ended_on", "end_reason"] { #expect(refusals(unassign.text, beside: field).count == 1, "\(field)") }
        #expect(try database.pointDetail(point.code).operators.contains { $0.assignment.endedOn == nil })
    }

    @Test func byRegisteredIdATownClerkIsToldOfAPersonOutOfReachAsOfNobody() async throws {
        let web = app()
        let open = try database.points().filter { registry.ownPoints.contains($0.code) && $0.status != .closed }.map(\.code)
        try #require(open.count >= 2)
        // Registered by the county and assigned nowhere: not the town clerk's.
        let person = try freeOperator(3)
        for id in [String(person.id!), "999999"] {
            let refused = try await request(
                web, townClerk(), "/points/\(open[0])/assign", post: [("operator_id", id), ("started_on", today.description)])
            #expect(refused.status == .unprocessableContent)
            #expect(refusals(refused.text, beside: "id_number") == [RegistryError.operatorUnknown(maskedID: id).message.zh], "\(id)")
            #expect(!refused.text.contains(Mask.residentID(person.idNumber)) && !refused.text.contains(person.name))
        }
        #expect(try database.pointDetail(open[0]).operators.allSatisfy { $0.person.idNumber != person.idNumber })
        // A county clerk reaches them, and is told in full where they run a point.
        let assigned = try await request(
            web, Self.countyClerk, "/points/\(open[0])/assign", post: [("operator_id", String(person.id!)), ("started_on", today.description)])
        #expect(assigned.status == .seeOther)
        let busy = try await request(
            web, Self.countyClerk, "/points/\(open[1])/assign", post: [("operator_id", String(person.id!)), ("started_on", today.description)])
        #expect(busy.status == .unprocessableContent)
        #expect(refusals(busy.text, beside: "id_number").contains { $0.contains(Mask.residentID(person.idNumber)) && $0.contains(open[0]) })
    }

    // MARK: Who may

    @Test func aReviewerAndAnAdministratorAreRefusedTheFormsWithThePolicysReason() async throws {
        let web = app()
        let code = registry.ownPoint
        let before = try database.pointDetail(code)
        for user in [Self.reviewer, Self.admin] {
            let reason = AccountError.notAllowed(user.name, .changeRegistry).message.zh
            for path in ["/points/new", "/points/\(code)/edit", "/points/\(code)/assign"] {
                let refused = try await request(web, user, path)
                #expect(refused.status == .forbidden, "\(user.name) \(path)")
                #expect(refused.text.contains(reason), "\(user.name) \(path)")
            }
            let posts: [(String, [(String, String)])] = [
                ("/points/new", [("village_code", try village(of: registry.ownTown).code.rawValue), ("name", "审核员的点")]),
                ("/points/\(code)/edit", [("name", "改名")]), ("/points/\(code)/status", [("status", "closed"), ("reason", "x")]),
                ("/points/\(code)/assign", [("id_number", "x")]), ("/points/\(code)/unassign", [("ended_on", today.description)]),
            ]
            for (path, fields) in posts {
                let refused = try await request(web, user, path, post: fields)
                #expect(refused.status == .forbidden, "\(user.name) \(path)")
                #expect(refused.text.contains(reason), "\(user.name) \(path)")
            }
        }
        let page = try await request(web, Self.reviewer, "/points/\(code)")
        #expect(page.status == .ok)
        for id in ["point-edit-link", "point-assign-link", "point-status-form", "unassign-form"] { #expect(!page.text.contains("id=\"\(id)\"")) }
        #expect(!(try await request(web, Self.reviewer, "/points")).text.contains("id=\"point-new-link\""))
        #expect(try database.pointDetail(code).audit.count == before.audit.count)
        #expect(try !database.points().contains { $0.name == "审核员的点" })
    }

    @Test func aTownClerkFindsNoFormForAnotherTownsPoint() async throws {
        let web = app()
        let other = registry.otherPoint
        let before = try database.pointDetail(other)
        for path in ["/points/\(other)/edit", "/points/\(other)/assign"] {
            #expect(try await request(web, townClerk(), path).status == .notFound, "\(path)")
        }
        for (path, fields) in [
            ("/points/\(other)/edit", [("name", "改名")]), ("/points/\(other)/status", [("status", "closed"), ("reason", "x")]),
            ("/points/\(other)/assign", [("id_number", "x")]), ("/points/\(other)/unassign", [("ended_on", today.description)]),
        ] {
            let refused = try await request(web, townClerk(), path, post: fields)
            #expect(refused.status == .notFound, "\(path)")
        }
        // Another town's village is not offered, and sent anyway it is refused.
        let elsewhere = try await request(
            web, townClerk(), "/points/new", post: [("village_code", try village(of: registry.otherTown.code).code.rawValue), ("name", "越界的点")])
        #expect(elsewhere.status == .forbidden)
        #expect(try !database.points().contains { $0.name == "越界的点" })
        #expect(try database.pointDetail(other).audit.count == before.audit.count)
        let own = try await request(web, townClerk(), "/points/\(registry.ownPoint)")
        #expect(own.text.contains("id=\"point-edit-link\"") && own.text.contains("href=\"/points/\(registry.ownPoint)/edit\""))
        #expect((try await request(web, townClerk(), "/points")).text.contains("id=\"point-new-link\""))
    }

    @Test func aFormSentWithoutItsTokenIsRefused() async throws {
        let web = app()
        let code = registry.ownPoint
        let before = try database.pointDetail(code)
        for (path, fields) in [
            ("/points/new", [("village_code", try village(of: registry.ownTown).code.rawValue), ("name", "无令牌的点")]),
            ("/points/\(code)/edit", [("name", "无令牌")]), ("/points/\(code)/status", [("status", "closed"), ("reason", "x")]),
            ("/points/\(code)/assign", [("id_number", "x")]), ("/points/\(code)/unassign", [("ended_on", today.description)]),
        ] {
            let refused = try await request(web, Self.countyClerk, path, post: fields, token: false)
            #expect(refused.status == .forbidden, "\(path)")
            #expect(refused.text.contains(Message.Web.formExpired.zh), "\(path)")
        }
        #expect(try database.pointDetail(code).audit.count == before.audit.count)
        #expect(try !database.points().contains { $0.name == "无令牌的点" })
    }
}
