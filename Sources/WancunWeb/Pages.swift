import Foundation
import Hummingbird
import NIOCore
import WancunKit

/// Builds the HTML of each page from the templates and the catalogue.
enum Pages {
    static let nav: [(path: String, label: Message)] = [
        ("/", Message.Web.home), ("/points", Message.Web.points), ("/operators", Message.Web.operators),
        ("/imports", Message.Web.imports), ("/subsidy", Message.Web.subsidy), ("/reconcile", Message.Web.reconcile),
        ("/reports", Message.Web.reports), ("/audit", Message.Web.audit),
    ]

    /// A whole page: the layout, with the nav when someone is signed in, around `body`.
    static func page(_ title: Message, body: String, context: WebContext, current: String? = nil, status: HTTPResponse.Status = .ok) -> Response {
        page(title: title.text(context.language), body: body, context: context, current: current, status: status)
    }

    static func page(title: String, body: String, context: WebContext, current: String? = nil, status: HTTPResponse.Status = .ok) -> Response {
        let lang = context.language
        // The switch opens this page again in the other language (a page a form's POST answered:
        // the section it belongs to); the address carries no query, which may hold a search.
        let back = context.getPath ?? current ?? "/"
        var object: [String: Any] = [
            "lang": lang == .zh ? "zh-CN" : "en", "title": title, "appTitle": Message.Web.title.text(lang), "body": body,
            "languageLabel": Message.Web.language.text(lang),
            "languages": Language.allCases.map {
                ["code": $0.rawValue, "name": Message.Web.languageName($0), "href": link(back, [("lang", $0.rawValue)]), "current": $0 == lang]
                    as [String: Any]
            },
        ]
        if let session = context.session {
            object["signedIn"] = true
            let links = nav + (session.user.actor.role == .admin ? [("/users", Message.Web.users)] : [])
            object["nav"] = links.map { ["href": $0.path, "label": $0.label.text(lang), "current": $0.path == current] as [String: Any] }
            object["csrf"] = session.csrfToken
            object["signedInAs"] = Message.Web.labelled(Message.Web.signedInAs, session.user.name).text(lang)
            object["signOut"] = Message.Web.signOut.text(lang)
        }
        return html(Templates.render("layout", object), status: status)
    }

    static func html(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: "text/html; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    static func refusal(_ refusal: WebRefusal, context: WebContext) -> Response {
        page(refusal.message, body: notice(refusal.message, context.language), context: context, status: refusal.status)
    }

    static func notice(_ message: Message, _ lang: Language) -> String {
        Templates.render("message", ["text": message.text(lang)])
    }

    /// A library table as HTML, every cell as its text (personal values masked); `links` gives
    /// a cell of a column its link, `rowLink` a column's cell the link of its row (by index).
    static func table(
        _ table: Table, _ lang: Language, caption: Message? = nil, empty: Message = Message.Web.none,
        links: [String: (Cell) -> String] = [:], rowLink: (key: String, href: (Int) -> String)? = nil
    ) -> String {
        let keys = table.columns.map(\.key)
        let rows = table.rows.enumerated().map { index, row in
            [
                "cells": zip(keys, row).map { key, cell -> [String: Any] in
                    var object: [String: Any] = ["text": cell.text(reveal: false, language: lang)]
                    if let link = links[key] { object["href"] = link(cell) }
                    if let rowLink, rowLink.key == key { object["href"] = rowLink.href(index) }
                    return object
                }
            ] as [String: Any]
        }
        var object: [String: Any] = ["headers": table.columns.map { $0.header.text(lang) }, "rows": rows]
        if let caption { object["caption"] = caption.text(lang) }
        if table.rows.isEmpty { object["empty"] = empty.text(lang) }
        return Templates.render("table", object)
    }

    static func lines(_ lines: [String], caption: Message, _ lang: Language) -> String {
        var object: [String: Any] = ["caption": caption.text(lang), "lines": lines]
        if lines.isEmpty { object["empty"] = Message.Web.none.text(lang) }
        return Templates.render("lines", object)
    }

    /// `/path?name=value&…` with the values percent-encoded, empty ones left out.
    static func link(_ path: String, _ query: [(String, String?)]) -> String {
        let parts = query.compactMap { name, value -> String? in
            guard let value, !value.isEmpty else { return nil }
            return name + "=" + (value.addingPercentEncoding(withAllowedCharacters: queryValue) ?? "")
        }
        return parts.isEmpty ? path : path + "?" + parts.joined(separator: "&")
    }

    static let queryValue: CharacterSet = {
        var set = CharacterSet.alphanumerics
        set.insert(charactersIn: "-._~")
        return set
    }()

    static func pathComponent(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: queryValue) ?? ""
    }
}

extension Request {
    /// A query parameter's value, trimmed; nil when it is absent or blank.
    func queryText(_ name: String) -> String? {
        uri.queryParameters[Substring(name)].map { String($0).trimmingCharacters(in: .whitespaces) }.flatMap { $0.isEmpty ? nil : $0 }
    }

    /// The list page asked for (`page`), from 1 to `maxPage`: anything else, or a number
    /// whose offset would not fit in an integer, is the nearest of the two.
    var pageNumber: Int { min(max(queryText("page").flatMap(Int.init) ?? 1, 1), Self.maxPage) }

    static let maxPage = 1_000_000
}
