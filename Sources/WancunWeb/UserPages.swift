import Foundation
import Hummingbird
import WancunKit

/// The administrator's page: the accounts, and forms to add one, disable one and reset a
/// password. The library decides who may (`manageUsers`) and what it refuses; every change
/// is audited under the administrator's name. Passwords are never sent back to the browser.
extension WebApp {
    /// What the page shows besides the accounts: the outcome of a form just sent.
    struct UserForm {
        var done: Message?
        var values: [String: String] = [:]
        var refusals: [UserRefusal] = []
        /// The account whose password form was refused, with its refusals.
        var passwordOf: String?
        var passwordRefusals: [UserRefusal] = []
        var failure: Message?
        /// A refusal of the whole form (disabling the last administrator).
        var refused: AccountError?
    }

    func users(_ context: WebContext) throws -> Response { try usersPage(context, UserForm()) }

    func usersPage(_ context: WebContext, _ form: UserForm, status: HTTPResponse.Status = .ok) throws -> Response {
        let lang = context.language
        let actor = try context.actor()
        let accounts = try database.users(as: actor)
        let towns = try database.divisions(DivisionFilter(level: .town))
        func townName(_ code: DivisionCode?) -> String {
            guard let code else { return "" }
            return towns.first { $0.code == code }.map { $0.name + " " + code.rawValue } ?? code.rawValue
        }
        func words(_ refusals: [UserRefusal], _ field: String) -> [String] {
            refusals.filter { $0.field == field }.map { Self.refusalText($0.error, lang) }
        }
        typealias U = Message.Web.Users
        typealias H = Message.Header
        let role = form.values["role"].flatMap(Role.init(rawValue:)) ?? .countyClerk
        let fields: [[String: Any]] = [
            ["label": H.name.text(lang), "name": "name", "value": form.values["name"] ?? "", "errors": words(form.refusals, "name")],
            [
                "label": H.role.text(lang), "name": "role", "select": true, "errors": words(form.refusals, "role"),
                "options": Role.allCases.map { ["code": $0.rawValue, "text": Message.role($0).text(lang), "selected": $0 == role] as [String: Any] },
            ],
            [
                "label": H.town.text(lang), "name": "town_code", "select": true, "errors": words(form.refusals, "town_code"),
                "options": [["code": "", "text": U.noTown.text(lang), "selected": (form.values["town_code"] ?? "").isEmpty] as [String: Any]]
                    + towns.map {
                        ["code": $0.code.rawValue, "text": townName($0.code), "selected": $0.code.rawValue == form.values["town_code"]]
                            as [String: Any]
                    },
            ],
            ["label": Message.Web.password.text(lang), "name": "password", "password": true, "errors": words(form.refusals, "password")],
            ["label": U.passwordRepeat.text(lang), "name": "password_repeat", "password": true, "errors": words(form.refusals, "password_repeat")],
        ]
        var object: [String: Any] = [
            "csrf": context.session?.csrfToken ?? "",
            "headers": [H.name, H.role, H.town, U.state, H.changedAt, U.actions].map { $0.text(lang) },
            "users": accounts.enumerated().map { n, account -> [String: Any] in
                [
                    "n": n + 1, "name": account.name, "role": Message.role(account.role).text(lang), "town": townName(account.town),
                    "state": (account.disabled ? U.disabledState : U.enabled).text(lang), "changed": account.changedAt,
                    "enabled": !account.disabled,
                    "errors": account.name == form.passwordOf ? form.passwordRefusals.map { Self.refusalText($0.error, lang) } : [],
                ]
            },
            "disableLabel": U.disable.text(lang), "resetLabel": U.resetPassword.text(lang), "newPasswordLabel": U.newPassword.text(lang),
            "repeatLabel": U.passwordRepeat.text(lang), "addLabel": U.add.text(lang), "saveLabel": U.save.text(lang), "fields": fields,
        ]
        if let done = form.done { object["done"] = done.text(lang) }
        if let text = form.refused.map({ Self.refusalText($0, lang) }) ?? form.failure?.text(lang) { object["notSaved"] = text }
        return Pages.page(Message.Web.users, body: Templates.render("users", object), context: context, current: "/users", status: status)
    }

    /// A refusal in the words of a web form (the CLI's words name its options).
    static func refusalText(_ error: AccountError, _ lang: Language) -> String { error.message(on: .web).text(lang) }

    /// The account form's actor and the change's context, refusing anyone but an administrator.
    func userChange(_ context: WebContext) throws -> (Actor, ChangeContext) {
        let actor = try context.actor()
        try AccessPolicy.require(actor, .manageUsers)
        return (actor, changeContext(actor))
    }

    func addUser(_ context: WebContext) throws -> Response {
        let (actor, change) = try userChange(context)
        let form = context.form
        guard let role = Role(rawValue: form["role"] ?? "") else { throw WebRefusal.badForm }
        let townText = (form["town_code"] ?? "").trimmingCharacters(in: .whitespaces)
        var values = ["name": form["name"] ?? "", "role": role.rawValue, "town_code": townText]
        let town: DivisionCode?
        if townText.isEmpty {
            town = nil
        } else if let code = try? DivisionCode(parsing: townText) {
            town = code
        } else {
            return try usersPage(
                context,
                UserForm(
                    values: values, refusals: [UserRefusal(field: "town_code", error: .townUnknown(townText))], failure: Message.Web.Users.notSaved),
                status: .unprocessableContent)
        }
        let new = NewUser(name: values["name"]!, role: role, town: town, password: form["password"] ?? "")
        switch try database.addUser(new, repeated: form["password_repeat"] ?? "", as: actor, hasher: configuration.passwordHasher, context: change) {
        case .success(let account):
            return try usersPage(context, UserForm(done: Message.Web.Users.added(account.name)))
        case .failure(let refused):
            values["password"] = nil
            return try usersPage(
                context, UserForm(values: values, refusals: refused.refusals, failure: Message.Web.Users.notSaved), status: .unprocessableContent)
        }
    }

    func disableUser(_ context: WebContext) throws -> Response {
        let (actor, change) = try userChange(context)
        let name = context.form["name"] ?? ""
        do {
            try database.disableUser(name, as: actor, context: change)
        } catch let error as AccountError {
            return try usersPage(context, UserForm(refused: error), status: .unprocessableContent)
        }
        return try usersPage(context, UserForm(done: Message.Web.Users.disabled(name)))
    }

    func resetPassword(_ context: WebContext) throws -> Response {
        let (actor, change) = try userChange(context)
        let name = context.form["name"] ?? ""
        let refusals: [UserRefusal]
        do {
            refusals = try database.setPassword(
                name, to: context.form["password"] ?? "", repeated: context.form["password_repeat"] ?? "", as: actor,
                hasher: configuration.passwordHasher, context: change)
        } catch let error as AccountError where error != .notAllowed(actor.name, .manageUsers) {
            return try usersPage(context, UserForm(refused: error), status: .unprocessableContent)
        }
        guard refusals.isEmpty else {
            return try usersPage(
                context, UserForm(passwordOf: name, passwordRefusals: refusals, failure: Message.Web.Users.notSaved), status: .unprocessableContent)
        }
        return try usersPage(context, UserForm(done: Message.Web.Users.passwordSet(name)))
    }
}
