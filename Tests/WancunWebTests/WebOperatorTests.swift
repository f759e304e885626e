import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing
import WancunKit

@testable import WancunWeb

/// A demo registry of its own (the tests write to it), with enough operators for two pages, and
/// an operator who runs a point in the town clerk's town and one in another town.
struct OperatorRegistry: Sendable {
    let database: AppDatabase
    let ownTown: DivisionCode
    let own: Operator
    let other: Operator

    static let shared: OperatorRegistry = {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("wancun-web-operators-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let db = try! Demo.build(
            at: dir.appendingPathComponent("operators.sqlite").path, seed: repositoryRoot.appendingPathComponent("seed").path,
            context: webContext)
        for i in 0..<55 {
            let id = ResidentID.withCheckCharacter("33042419800101" + String(format: "%03d", i))
            _ = try! db.addOperator(
                NewOperator(
                    name: "分页\(i)", idNumber: id, phone: "1370000" + String(format: "%04d", i), retirementGroup: i % 2 == 0 ? .female50 : nil),
                context: webContext)
        }
        let towns = try! db.divisions(DivisionFilter(level: .town))
        func town(_ code: String) -> DivisionCode { towns.first { code.hasPrefix($0.code.significantPrefix) }!.code }
        let running = try! db.operators().compactMap { person, code in code.map { (person, town($0)) } }
        let own = running[0]
        let other = running.first { $0.1 != own.1 }!
        return OperatorRegistry(database: db, ownTown: own.1, own: own.0, other: other.0)
    }()

    var townClerk: WebUser { WebUser(name: "镇办", role: .townClerk, town: ownTown) }

    func app() -> WebApp { WebApp(database: database, signIn: TestSignIn()) }

    func path(_ person: Operator) -> String { "/operators/" + String(person.id!) }
}

/// The 站长 pages: the list and its search, an operator's page, the reveal, and the forms.
@Suite(.serialized) struct WebOperatorTests {
    let registry = OperatorRegistry.shared

    /// Answers each request as `user`; a POST carries the session's form token unless told not to.
    func requests(as user: WebUser, _ requests: [(path: String, form: [(String, String)]?)], token: Bool = true) async throws -> [TestResponseCopy] {
        let web = registry.app()
        let session = await web.sessions.create(for: user)
        return try await withClient(web) { client async throws in
            var answers: [TestResponseCopy] = []
            for (path, form) in requests {
                let response: TestResponse
                if let form {
                    let fields = (token ? [("_csrf", session.csrfToken)] : []) + form
                    response = try await client.execute(uri: path, method: .post, headers: cookieHeader(session) + formType, body: formBody(fields))
                } else {
                    response = try await client.execute(uri: path, method: .get, headers: cookieHeader(session))
                }
                #expect(response.headers[.cacheControl] == "no-store", "\(path)")
                answers.append(TestResponseCopy(status: response.status, text: response.text, location: response.headers[.location]))
            }
            return answers
        }
    }

    func page(_ path: String, as user: WebUser = countyClerk) async throws -> TestResponseCopy {
        try await requests(as: user, [(path, nil)])[0]
    }

    func post(_ path: String, _ form: [(String, String)], as user: WebUser = countyClerk, token: Bool = true) async throws -> TestResponseCopy {
        try await requests(as: user, [(path, form)], token: token)[0]
    }

    static func encoded(_ text: String) -> String { text.addingPercentEncoding(withAllowedCharacters: .alphanumerics)! }

    @Test func theListSearchesFiltersAndPages() async throws {
        let all = try registry.database.operators()
        let first = try await page("/operators")
        #expect(first.status == .ok)
        #expect(first.text.contains(Message.Web.pageOf(1, (all.count + 49) / 50, total: all.count).zh))
        #expect(first.text.contains("rel=\"next\""))
        #expect(first.text.contains("id=\"operator-new\""))
        let second = try await page("/operators?page=2")
        #expect(second.text.contains(Message.Web.pageOf(2, (all.count + 49) / 50, total: all.count).zh))
        #expect(second.text.contains("rel=\"prev\""))
        // By name, by the ID number's last characters or in full, by whether they run a point.
        let named = try await page("/operators?name=" + Self.encoded("分页1"))
        #expect(named.text.contains("共 11 个"))  // 分页1 and 分页10–19
        let own = registry.own
        let byEnd = try await page("/operators?id_number=" + own.idNumber.suffix(4))
        #expect(byEnd.text.contains("href=\"\(registry.path(own))\""))
        let byNumber = try await page("/operators?id_number=" + own.idNumber)
        #expect(byNumber.text.contains("共 1 个") && byNumber.text.contains(own.name))
        let running = all.filter { $0.1 != nil }.count
        #expect(try await page("/operators?assignment=current").text.contains("共 \(running) 个"))
        #expect(try await page("/operators?assignment=never").text.contains("value=\"never\" selected"))
        let inTown = all.filter { $0.1?.hasPrefix(registry.ownTown.significantPrefix) == true }.count
        #expect(try await page("/operators?town=" + registry.ownTown.rawValue).text.contains("共 \(inTown) 个"))
        #expect(try await page("/operators?name=" + Self.encoded("没有这个人")).text.contains(Message.WebOperators.noOperators.zh))
    }

    @Test func aTownClerkSeesOnlyTheirTownsOperatorsAndAnotherTownsIsNotFound() async throws {
        let clerk = registry.townClerk
        let list = try await page("/operators", as: clerk)
        #expect(list.status == .ok)
        #expect(list.text.contains(registry.own.name))
        #expect(!list.text.contains(registry.path(registry.other) + "\""))
        #expect(!list.text.contains("分页"))
        #expect(try await page(registry.path(registry.own), as: clerk).status == .ok)
        let elsewhere = try await page(registry.path(registry.other), as: clerk)
        #expect(elsewhere.status == .notFound)
        #expect(!elsewhere.text.contains(registry.other.name))
        #expect(try await page(registry.path(registry.other) + "/edit", as: clerk).status == .notFound)
        #expect(try await page("/operators/999999", as: clerk).status == .notFound)
        // A search by more of the number than a masked one shows goes by what it shows, so
        // that it cannot uncover the hidden digits; a county clerk's goes by all of it.
        let probe = "9999" + registry.own.idNumber.suffix(4)
        #expect(try await page("/operators?id_number=" + probe, as: clerk).text.contains(registry.own.name))
        #expect(!(try await page("/operators?id_number=" + probe).text.contains(registry.own.name)))
        let admin = try await page("/operators", as: WebUser(name: "管理员", role: .admin))
        #expect(admin.status == .forbidden)
    }

    @Test func anOperatorsPageIsMaskedAndOffersTheRevealOnlyToThoseAllowed() async throws {
        let person = registry.own
        for user in [countyClerk, reviewer, registry.townClerk] {
            let shown = try await page(registry.path(person), as: user)
            #expect(shown.status == .ok)
            #expect(shown.text.contains(person.name))
            #expect(shown.text.contains(Mask.residentID(person.idNumber)))
            #expect(!shown.text.contains(person.idNumber), "\(user.name)")
            #expect(!shown.text.contains(person.phone), "\(user.name)")
            #expect(shown.text.contains(Message.Section.assignments.zh))
            #expect(shown.text.contains(Message.Header.monthsUsed.zh))
            #expect(shown.text.contains("id=\"reveal-form\"") == (user.actor.role != .townClerk), "\(user.name)")
            #expect(shown.text.contains("id=\"operator-edit\"") == (user.actor.role != .reviewer), "\(user.name)")
        }
    }

    func reveals(_ person: Operator) throws -> [AuditEntry] {
        try registry.database.auditEntries(AuditFilter(operatorIdNumber: person.idNumber)).filter { $0.action == "operator.reveal" }
    }

    @Test func aCountyClerksRevealShowsTheNumberAndIsAudited() async throws {
        let person = registry.own
        let before = try reveals(person).count
        let shown = try await post(registry.path(person) + "/reveal", [])
        #expect(shown.status == .ok)
        #expect(shown.text.contains(person.idNumber))
        #expect(shown.text.contains(Message.WebOperators.revealed.zh))
        let lines = try reveals(person)
        #expect(lines.count == before + 1)
        let line = try #require(lines.last)
        #expect(line.clerk == countyClerk.name)
        #expect(line.after?.contains("\"role\":\"county-clerk\"") == true)
        for text in [line.before, line.after, line.reason] { #expect(text?.contains(person.idNumber) != true) }
        #expect(!line.at.isEmpty)
        // The page once left shows the number masked again.
        #expect(!(try await page(registry.path(person)).text.contains(person.idNumber)))
    }

    @Test func aTownClerksRevealIsRefusedAndNotAudited() async throws {
        let person = registry.own
        let before = try reveals(person).count
        let refused = try await post(registry.path(person) + "/reveal", [], as: registry.townClerk)
        #expect(refused.status == .forbidden)
        #expect(!refused.text.contains(person.idNumber))
        #expect(refused.text.contains(AccountError.notAllowed(registry.townClerk.name, .reveal).message.zh))
        #expect(try reveals(person).count == before)
        #expect(try await post(registry.path(registry.other) + "/reveal", [], as: registry.townClerk).status == .notFound)
    }

    @Test func aPostWithoutTheFormTokenIsRefused() async throws {
        let id = ResidentID.withCheckCharacter("33042419700101901")
        for path in ["/operators/new", registry.path(registry.own) + "/edit", registry.path(registry.own) + "/reveal"] {
            let refused = try await post(path, [("name", "无令牌"), ("id_number", id), ("phone", "13600009001")], token: false)
            #expect(refused.status == .forbidden, "\(path)")
            #expect(refused.text.contains(Message.Web.formExpired.zh))
        }
        #expect(try registry.database.operators().allSatisfy { $0.0.name != "无令牌" })
    }

    @Test func registeringAnOperatorGoesToTheirPageAndIsAuditedUnderTheUser() async throws {
        let form = try await page("/operators/new")
        #expect(form.status == .ok)
        for name in ["id=\"operator-form\"", "id=\"operator-save\"", "name=\"_csrf\""] + Self.addColumns.map({ "name=\"\($0)\"" }) {
            #expect(form.text.contains(name), "\(name)")
        }
        let id = ResidentID.withCheckCharacter("33042419700101911")
        let saved = try await post(
            "/operators/new",
            [
                ("name", "网页登记"), ("id_number", id), ("phone", "13600009011"), ("difficulty", "land-lost"), ("certificate_no", "JY-9"),
                ("certified_on", "2025-03-01"), ("retirement_group", ""),
            ], as: registry.townClerk)
        #expect(saved.status == .seeOther)
        let (person, _) = try registry.database.operatorDetail(id, today: webContext.today)
        #expect(saved.location == registry.path(person))
        #expect(person.difficulty == .landLost && person.certificateNo == "JY-9" && person.retirementGroup == .male)
        let added = try #require(try registry.database.auditEntries(AuditFilter(operatorIdNumber: id)).first { $0.action == "operator.add" })
        #expect(added.clerk == registry.townClerk.name)
        // Registered by the town clerk and assigned nowhere: theirs to see.
        #expect(try await page(registry.path(person), as: registry.townClerk).status == .ok)
        #expect(try await page("/operators", as: registry.townClerk).text.contains("网页登记"))
    }

    static let addColumns = ["name", "id_number", "phone", "difficulty", "difficulty_note", "certificate_no", "certified_on", "retirement_group"]

    /// The field (its input's name) each error is shown beside.
    static func errorFields(_ html: String) -> [String] {
        html.components(separatedBy: "<div class=\"field\">").dropFirst().compactMap { field in
            guard field.contains("class=\"error\"") else { return nil }
            return field.components(separatedBy: "name=\"").dropFirst().first.map { String($0.prefix { $0 != "\"" }) }
        }
    }

    @Test func everyRefusalIsShownAtOnceBesideItsFieldWithWhatWasTypedKept() async throws {
        let typedID = "33042419700101912"  // 17 characters
        let typedPhone = "1360000901"  // 10 digits
        let refused = try await post(
            "/operators/new",
            [
                ("name", ""), ("id_number", typedID), ("phone", typedPhone), ("difficulty", "other"), ("certificate_no", "JY-10"),
                ("certified_on", "2025-02-30"),
            ])
        #expect(refused.status == .unprocessableContent)
        #expect(refused.text.contains(Message.WebOperators.refused.zh))
        #expect(Set(Self.errorFields(refused.text)).isSuperset(of: ["name", "id_number", "phone", "certified_on"]))
        #expect(refused.text.contains("value=\"\(typedID)\"") && refused.text.contains("value=\"\(typedPhone)\""))
        #expect(refused.text.contains("value=\"other\" selected"))
        // Typed personal values are kept in the form only, never in the words of a refusal.
        let errors = refused.text.components(separatedBy: "class=\"error\"").dropFirst().map { $0.prefix { $0 != "<" } }.joined()
        #expect(!errors.contains(typedID) && !errors.contains(typedPhone))
        #expect(try registry.database.operators().allSatisfy { $0.0.phone != typedPhone })
    }

    /// The words of the refusals on a form page.
    static func refusalWords(_ html: String) -> String {
        html.components(separatedBy: "class=\"error\"").dropFirst().map { $0.prefix { $0 != "<" } }.joined(separator: "\n")
    }

    @Test func aTownClerkIsToldOfAnotherTownsOperatorWithoutTheirNameOrNumber() async throws {
        let other = registry.other
        let masked = Mask.residentID(other.idNumber)
        let sameID = [("name", "重号登记"), ("id_number", other.idNumber), ("phone", "13600009071"), ("retirement_group", "female-55")]
        let samePhone = [("name", "同号登记"), ("id_number", ResidentID.withCheckCharacter("33042419700101971")), ("phone", other.phone)]
        let neutral = [
            RegistryError.operatorExistsElsewhere.message(on: .web).zh,
            RegistryError.phoneDuplicateElsewhere(maskedPhone: Mask.phone(other.phone)).message(on: .web).zh,
        ]
        for (form, words) in zip([sameID, samePhone], neutral) {
            let refused = try await post("/operators/new", form, as: registry.townClerk)
            #expect(refused.status == .unprocessableContent)
            let told = Self.refusalWords(refused.text)
            #expect(told.contains(words), "\(told)")
            #expect(!refused.text.contains(other.name) && !told.contains(masked), "\(told)")
            // A county clerk is told whose they are.
            let county = try await post("/operators/new", form)
            #expect(county.status == .unprocessableContent)
            let full = Self.refusalWords(county.text)
            #expect(full.contains(other.name) && full.contains(masked) && !full.contains(words), "\(full)")
        }
        #expect(try registry.database.operators().allSatisfy { !["重号登记", "同号登记"].contains($0.0.name) })
    }

    @Test func editingAnOperatorChangesOnlyWhatWasTypedAndIsAudited() async throws {
        let id = ResidentID.withCheckCharacter("33042419700101931")
        let person = try registry.database.addOperator(NewOperator(name: "待修改", idNumber: id, phone: "13600009031"), context: webContext)
        let path = registry.path(person)
        let form = try await page(path + "/edit")
        #expect(form.status == .ok)
        #expect(form.text.contains("id=\"operator-form\"") && form.text.contains("action=\"\(path)/edit\""))
        #expect(form.text.contains("value=\"待修改\""))
        #expect(!form.text.contains(person.phone) && form.text.contains(Mask.phone(person.phone)))
        #expect(!form.text.contains("name=\"id_number\""))
        let refused = try await post(path + "/edit", [("name", ""), ("phone", "12"), ("certified_on", "明天")])
        #expect(refused.status == .unprocessableContent)
        #expect(Set(Self.errorFields(refused.text)) == ["name", "phone", "certified_on"])
        #expect(try registry.database.operatorDetail(id, today: webContext.today).0.name == "待修改")
        let saved = try await post(path + "/edit", [("name", "已修改"), ("phone", ""), ("retirement_group", "male")])
        #expect(saved.status == .seeOther && saved.location == path)
        let edited = try registry.database.operatorDetail(id, today: webContext.today).0
        #expect(edited.name == "已修改" && edited.phone == person.phone)
        let line = try #require(try registry.database.auditEntries(AuditFilter(operatorIdNumber: id)).last)
        #expect(line.action == "operator.edit" && line.clerk == countyClerk.name)
        #expect(line.after == "{\"name\":\"已修改\"}")
    }

    @Test func aDifficultyEnteredByMistakeIsRemovedByEmptyingItsFields() async throws {
        let id = ResidentID.withCheckCharacter("33042419700101961")
        let person = try registry.database.addOperator(
            NewOperator(
                name: "误登记", idNumber: id, phone: "13600009061", difficulty: .age4050, certificateNo: "HY-2025-0061",
                certifiedOn: LocalDate(year: 2025, month: 3, day: 1)!),
            context: webContext)
        #expect(person.difficulty == .age4050)
        let path = registry.path(person)
        let form: [(String, String)] = [
            ("name", person.name), ("phone", ""), ("difficulty", ""), ("difficulty_note", ""), ("certificate_no", ""), ("certified_on", ""),
            ("retirement_group", "male"),
        ]
        // Emptying only the category leaves a certificate without one: refused, nothing written.
        let partly = try await post(path + "/edit", form.map { $0.0 == "certificate_no" ? ($0.0, "HY-2025-0061") : $0 })
        #expect(partly.status == .unprocessableContent)
        #expect(try registry.database.operatorDetail(id, today: webContext.today).0.difficulty == .age4050)
        let saved = try await post(path + "/edit", form)
        #expect(saved.status == .seeOther && saved.location == path)
        let edited = try registry.database.operatorDetail(id, today: webContext.today).0
        #expect(edited.difficulty == nil && edited.certificateNo == nil && edited.certifiedOn == nil && edited.phone == person.phone)
        let line = try #require(try registry.database.auditEntries(AuditFilter(operatorIdNumber: id)).last)
        #expect(line.action == "operator.edit" && line.clerk == countyClerk.name && line.before?.contains("4050") == true)
        // The retirement group everyone has is refused empty, not kept unsaid.
        let noGroup = try await post(path + "/edit", [("name", person.name), ("retirement_group", "")])
        #expect(noGroup.status == .unprocessableContent && Self.errorFields(noGroup.text) == ["retirement_group"])
    }

    @Test func aReviewerReadsButIsRefusedTheForms() async throws {
        let denied = AccountError.notAllowed(reviewer.name, .changeRegistry).message.zh
        let path = registry.path(registry.own)
        let answers = try await requests(
            as: reviewer,
            [
                ("/operators", nil), (path, nil), ("/operators/new", nil), (path + "/edit", nil),
                ("/operators/new", [("name", "审核员登记"), ("id_number", ResidentID.withCheckCharacter("33042419700101941")), ("phone", "13600009041")]),
                (path + "/edit", [("name", "审核员改名")]),
            ])
        #expect(answers.map(\.status) == [.ok, .ok, .forbidden, .forbidden, .forbidden, .forbidden])
        for answer in answers.dropFirst(2) { #expect(answer.text.contains(denied)) }
        #expect(!answers[0].text.contains("id=\"operator-new\""))
        #expect(try registry.database.operatorDetail(registry.own.idNumber, today: webContext.today).0.name == registry.own.name)
    }

    @Test func aSharedPhoneIsKeptOnlyWithTheBoxTickedAndAReasonTheAuditKeeps() async throws {
        let id = ResidentID.withCheckCharacter("33042419700101981")
        let shared = registry.own.phone
        let form: [(String, String)] = [("name", "同户家人"), ("id_number", id), ("phone", shared)]
        let blank = try await page("/operators/new")
        #expect(blank.text.contains("name=\"force\" type=\"checkbox\"") && blank.text.contains("name=\"reason\""))
        let refused = try await post("/operators/new", form)
        #expect(refused.status == .unprocessableContent)
        #expect(Self.errorFields(refused.text).contains("phone"))
        // The box without a reason is refused beside the reason, the box kept ticked.
        let noReason = try await post("/operators/new", form + [("force", "1")])
        #expect(noReason.status == .unprocessableContent)
        #expect(Self.errorFields(noReason.text).contains("reason"))
        #expect(noReason.text.contains("value=\"1\" checked"))
        #expect(try registry.database.operators().allSatisfy { $0.0.idNumber != id })
        let saved = try await post("/operators/new", form + [("force", "1"), ("reason", "同户共用一部电话")])
        #expect(saved.status == .seeOther)
        let lines = try registry.database.auditEntries(AuditFilter(operatorIdNumber: id))
        let forced = try #require(lines.first { $0.action == "duplicate.force" })
        #expect(forced.reason == "同户共用一部电话" && forced.clerk == countyClerk.name)
    }

    @Test func aCertificateTheIDNumberCannotHoldIsKeptOnlyWithTheBoxAndAReason() async throws {
        // A man of 35 on the certificate's day: too young for 4050.
        let id = ResidentID.withCheckCharacter("33042419900101011")
        let person = try registry.database.addOperator(NewOperator(name: "年轻人", idNumber: id, phone: "13600009081"), context: webContext)
        let path = registry.path(person)
        let form: [(String, String)] = [
            ("name", person.name), ("difficulty", "4050"), ("certificate_no", "HY-2025-0081"), ("certified_on", "2025-03-01"),
            ("retirement_group", "male"),
        ]
        let refused = try await post(path + "/edit", form)
        #expect(refused.status == .unprocessableContent)
        #expect(Self.errorFields(refused.text).contains("difficulty"))
        #expect(try registry.database.operatorDetail(id, today: webContext.today).0.difficulty == nil)
        let saved = try await post(path + "/edit", form + [("force", "1"), ("reason", "经人社局核实属实")])
        #expect(saved.status == .seeOther && saved.location == path)
        #expect(try registry.database.operatorDetail(id, today: webContext.today).0.difficulty == .age4050)
        let lines = try registry.database.auditEntries(AuditFilter(operatorIdNumber: id))
        let forced = try #require(lines.first { $0.action == "check.force" })
        #expect(forced.reason == "经人社局核实属实" && forced.clerk == countyClerk.name)
        #expect(lines.last?.action == "operator.edit" && lines.last?.reason == "经人社局核实属实")
    }

    @Test func aNameThatLooksLikeMarkupIsShownAsText() async throws {
        let id = ResidentID.withCheckCharacter("33042419700101951")
        let answer = try await post("/operators/new", [("name", hostileScript), ("id_number", id), ("phone", "13600009051")])
        var pages = [answer]
        if answer.status == .seeOther, let location = answer.location {
            pages.append(try await page(location))
            pages.append(try await page("/operators?name=" + Self.encoded("<script>")))
            pages.append(try await page(location + "/edit"))
        } else {
            #expect(answer.status == .unprocessableContent)
        }
        for shown in pages {
            #expect(!shown.text.contains(hostileScript))
            #expect(!shown.text.contains("<script"))
        }
        #expect(pages.contains { $0.text.contains("&lt;script&gt;") })
    }
}

/// A full ID number searched for stays out of every address: the search forms post, and a
/// pager link names such a search by a token the server keeps.
@Suite(.serialized) struct WebSearchAddressTests {
    let registry = OperatorRegistry.shared

    /// Every address of a page: its links, its forms' actions, and where it sends the browser.
    static func addresses(_ answer: TestResponse) -> [String] {
        let html = answer.text
        let attributes = ["href=\"", "action=\""].flatMap { mark in
            html.components(separatedBy: mark).dropFirst().map { String($0.prefix { $0 != "\"" }) }
        }
        return attributes + (answer.headers[.location].map { [$0] } ?? [])
    }

    @Test func theOperatorSearchPostsAndItsAnswerNamesTheNumberInNoAddress() async throws {
        let web = registry.app()
        let session = await web.sessions.create(for: countyClerk)
        let own = registry.own
        try await withClient(web) { client in
            let list = try await client.execute(uri: "/operators", method: .get, headers: cookieHeader(session))
            #expect(list.text.contains("<form method=\"post\" action=\"/operators\""))
            let found = try await client.execute(
                uri: "/operators", method: .post, headers: cookieHeader(session) + formType,
                body: formBody([("_csrf", session.csrfToken), ("id_number", own.idNumber)]))
            #expect(found.status == .ok)
            #expect(found.text.contains("共 1 个") && found.text.contains(own.name))
            let addresses = Self.addresses(found)
            #expect(!addresses.isEmpty)
            for address in addresses { #expect(!address.contains(own.idNumber) && !address.contains(own.idNumber.suffix(7)), "\(address)") }
            // Without the form token the search is refused, like every other form.
            let refused = try await client.execute(
                uri: "/operators", method: .post, headers: cookieHeader(session) + formType, body: formBody([("id_number", own.idNumber)]))
            #expect(refused.status == .forbidden)
        }
    }

    @Test func theAuditPagerNamesAnOperatorsNumberByATokenOnlyItsSessionCanUse() async throws {
        let id = ResidentID.withCheckCharacter("33042419700101971")
        _ = try registry.database.addOperator(NewOperator(name: "多次修改", idNumber: id, phone: "13600009071"), context: webContext)
        for i in 0..<WebApp.auditPageSize + 5 {
            var edit = OperatorEdit()
            edit.name = "多次修改\(i)"
            _ = try registry.database.editOperator(id, edit, context: webContext)
        }
        let web = registry.app()
        let session = await web.sessions.create(for: countyClerk)
        let stranger = await web.sessions.create(for: countyClerk)
        try await withClient(web) { client in
            let first = try await client.execute(
                uri: "/audit", method: .post, headers: cookieHeader(session) + formType,
                body: formBody([("_csrf", session.csrfToken), ("entity", "operator"), ("key", id)]))
            #expect(first.status == .ok)
            #expect(first.text.contains("<form method=\"post\" action=\"/audit\""))
            for address in Self.addresses(first) { #expect(!address.contains(id) && !address.contains(id.suffix(7)), "\(address)") }
            let next = try #require(Self.addresses(first).first { $0.hasPrefix("/audit?") && $0.contains("page=2") })
            #expect(next.contains("search="))
            let second = try await client.execute(
                uri: next.replacingOccurrences(of: "&amp;", with: "&"), method: .get, headers: cookieHeader(session))
            #expect(second.text.contains("多次修改0") && !second.text.contains("多次修改49"))
            #expect(second.text.contains("value=\"operator\" selected"))
            for address in Self.addresses(second) { #expect(!address.contains(id), "\(address)") }
            // Another session's browser cannot use the token: it sees the unfiltered trail instead.
            let elsewhere = try await client.execute(
                uri: next.replacingOccurrences(of: "&amp;", with: "&"), method: .get, headers: cookieHeader(stranger))
            #expect(elsewhere.status == .ok && !elsewhere.text.contains("value=\"operator\" selected"))
        }
    }
}
