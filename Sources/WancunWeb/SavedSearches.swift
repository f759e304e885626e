import Foundation
import Hummingbird

/// Searches whose words must stay out of addresses, kept on the server for their pager links:
/// an ID number (or more of one than a masked number shows) typed into the 站长 or 审计 search
/// would otherwise land in the browser's history and a proxy's log. A link names the search by
/// a random token that only the session which made it can use; the oldest are forgotten first.
final class SavedSearches: @unchecked Sendable {
    private let lock = NSLock()
    private var saved: [String: (session: String, fields: [String: String])] = [:]
    private var order: [String] = []
    static let limit = 1000

    /// The token of a new saved search.
    func save(_ fields: [String: String], session: String) -> String {
        let token = SessionStore.randomToken()
        lock.withLock {
            saved[token] = (session, fields)
            order.append(token)
            if order.count > Self.limit { saved[order.removeFirst()] = nil }
        }
        return token
    }

    /// The fields of the search `token` names, if this session saved it.
    func fields(_ token: String, session: String) -> [String: String]? {
        lock.withLock { saved[token].flatMap { $0.session == session ? $0.fields : nil } }
    }
}

/// The fields of a search form: those posted (the form posts, so that what is typed stays out of
/// the address), those a saved search's token names, or those of the address.
struct SearchFields {
    static let tokenName = "search"
    /// How many characters of an ID number may show in an address: those a masked one shows, and a few.
    static let shortest = 6

    var fields: [String: String]
    var page: Int
    /// The token the fields came by, reused by the links of the page.
    var token: String?

    init(_ request: Request, _ context: WebContext, saved: SavedSearches) {
        func trimmed(_ pairs: [(String, String)]) -> [String: String] {
            var fields: [String: String] = [:]
            for (name, value) in pairs {
                let value = value.trimmingCharacters(in: .whitespaces)
                if !value.isEmpty, fields[name] == nil { fields[name] = value }
            }
            return fields
        }
        let query = trimmed(request.uri.queryParameters.map { (String($0.key), String($0.value)) })
        page = min(max(query["page"].flatMap(Int.init) ?? 1, 1), Request.maxPage)
        if request.method == .post {
            fields = trimmed(context.form.filter { $0.key != "_csrf" }.map { ($0.key, $0.value) })
            page = 1
        } else if let token = query[Self.tokenName], let session = context.session?.id, let found = saved.fields(token, session: session) {
            fields = found
            self.token = token
        } else {
            fields = query
        }
        fields["page"] = nil
        fields["lang"] = nil
    }

    subscript(_ name: String) -> String? { fields[name] }

    /// The link to page `n` of this search: its fields in the address, or, when `secret` holds
    /// more than `shortest` characters, the token of the search saved on the server.
    mutating func link(_ path: String, page n: Int, order: [String], secret: String, context: WebContext, saved: SavedSearches) -> String {
        let page = ("page", n == 1 ? nil : String(n))
        guard let value = fields[secret], value.count > Self.shortest, let session = context.session?.id else {
            return Pages.link(path, order.map { ($0, fields[$0]) } + [page])
        }
        let token = self.token ?? saved.save(fields, session: session)
        self.token = token
        return Pages.link(path, [(Self.tokenName, token), page])
    }
}
