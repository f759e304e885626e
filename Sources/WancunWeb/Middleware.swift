import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import WancunKit

extension HTTPField.Name {
    static let xContentTypeOptions = Self("X-Content-Type-Options")!
    static let xFrameOptions = Self("X-Frame-Options")!
    static let referrerPolicy = Self("Referrer-Policy")!
}

/// Every response, error pages included, carries the headers that keep a page from running
/// anything but the server's own files and from being framed; pages (everything but the
/// stylesheet and scripts under /static/) are never cached, since they show personal data.
struct SecurityHeaders: RouterMiddleware {
    typealias Context = WebContext
    /// The body limit, for the words of a 413 that the framework itself raised.
    let limit: Int
    static let contentSecurityPolicy =
        "default-src 'none'; style-src 'self'; img-src 'self'; script-src 'self'; connect-src 'self'; form-action 'self'; "
        + "frame-ancestors 'none'; base-uri 'none'"

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response: Response
        do {
            response = try await next(request, context)
        } catch let error as WebRefusal {
            response = Pages.refusal(error, context: context)
        } catch let error as AccountError {
            response = Pages.refusal(.denied(error), context: context)
        } catch let error as HTTPError {
            let refusal: WebRefusal =
                switch error.status {
                case .notFound: .notFound
                case .contentTooLarge: .tooLarge(limit: limit)
                default: .failed(error.status)
                }
            response = Pages.refusal(refusal, context: context)
        } catch {
            context.logger.error("request failed: \(String(reflecting: error))")
            response = Pages.refusal(.failed(.internalServerError), context: context)
        }
        response.headers[.contentSecurityPolicy] = Self.contentSecurityPolicy
        response.headers[.xContentTypeOptions] = "nosniff"
        response.headers[.xFrameOptions] = "DENY"
        response.headers[.referrerPolicy] = "same-origin"
        if !request.uri.path.hasPrefix("/static/") { response.headers[.cacheControl] = "no-store" }
        return response
    }
}

/// Why a request is answered with an error page instead of what it asked for.
enum WebRefusal: Error {
    case notFound
    case tooLarge(limit: Int)
    case badForm
    /// The library's access policy refuses the signed-in user.
    case denied(AccountError)
    case failed(HTTPResponse.Status)

    var status: HTTPResponse.Status {
        switch self {
        case .notFound: .notFound
        case .tooLarge: .contentTooLarge
        case .badForm, .denied: .forbidden
        case .failed(let status): status
        }
    }

    var message: Message {
        switch self {
        case .notFound: Message.Web.notFound
        case .tooLarge(let limit): Message.Web.tooLarge(limitBytes: limit)
        case .badForm: Message.Web.formExpired
        case .denied(let error): error.message(on: .web)
        case .failed: Message.Web.failed
        }
    }
}

/// The language a page is shown in: `?lang=en|zh` (the header's switch, remembered in a
/// cookie), else that cookie, else the browser's Accept-Language, else Chinese.
struct LanguageChoice: RouterMiddleware {
    typealias Context = WebContext
    static let cookie = "wancun_lang"
    /// How long the choice is remembered: a year.
    static let remembered = 365 * 24 * 3600
    /// Whether the server speaks TLS, so that the cookie is sent over TLS only, as the session's.
    let secure: Bool

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        let asked = request.uri.queryParameters["lang"].flatMap { Language(rawValue: String($0)) }
        context.language =
            asked ?? request.cookies[Self.cookie].flatMap { Language(rawValue: $0.value) }
            ?? request.headers[.acceptLanguage].flatMap(Self.preferred) ?? .zh
        if request.method == .get { context.getPath = request.uri.path }
        var response = try await next(request, context)
        if let asked {
            response.setCookie(
                Cookie(
                    name: Self.cookie, value: asked.rawValue, maxAge: Self.remembered, path: "/", secure: secure, httpOnly: true,
                    sameSite: .strict))
        }
        return response
    }

    /// The first of the languages an Accept-Language header ranks (`en-GB,en;q=0.8,zh;q=0.5`)
    /// that the pages have; nil when it names neither.
    static func preferred(_ header: String) -> Language? {
        let ranked = header.split(separator: ",").enumerated().compactMap { index, part -> (Double, Int, Language)? in
            let pieces = part.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            guard let tag = pieces.first, let language = Language(rawValue: String(tag.prefix { $0 != "-" })) else { return nil }
            let quality = pieces.dropFirst().first { $0.hasPrefix("q=") }.flatMap { Double($0.dropFirst(2)) } ?? 1
            return quality > 0 ? (quality, index, language) : nil
        }
        return ranked.min { ($0.0, -$0.1) > ($1.0, -$1.1) }?.2
    }
}

/// Refuses a body past the limit before reading it (by its length) or while reading it, and
/// reads a form's fields into the context: a multipart form's files are written to the upload
/// folder as they arrive (`MultipartReader`), and removed after the request unless its handler
/// moved them away.
struct BodyLimit: RouterMiddleware {
    typealias Context = WebContext
    let limit: Int

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if let length = request.headers[.contentLength].flatMap({ Int($0) }), length > limit { throw WebRefusal.tooLarge(limit: limit) }
        guard request.method == .post else { return try await next(request, context) }
        var request = request
        var context = context
        if let type = request.headers[.contentType], type.lowercased().hasPrefix("multipart/form-data") {
            return try await multipart(request, type, context: context, next: next)
        }
        let body: ByteBuffer
        do { body = try await request.collectBody(upTo: limit) } catch let error as HTTPError where error.status == .contentTooLarge {
            throw WebRefusal.tooLarge(limit: limit)
        }
        if request.headers[.contentType]?.hasPrefix("application/x-www-form-urlencoded") == true {
            context.form = FormFields.parse(String(buffer: body))
        }
        return try await next(request, context)
    }

    func multipart(
        _ request: Request, _ type: String, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        guard let boundary = MultipartReader.boundary(type) else { throw WebRefusal.badForm }
        let reader = MultipartReader(boundary: boundary)
        var context = context
        var received = 0
        do {
            for try await buffer in request.body {
                received += buffer.readableBytes
                if received > limit { throw WebRefusal.tooLarge(limit: limit) }
                try reader.feed(buffer)
            }
        } catch let refusal as WebRefusal {
            reader.discard()
            throw refusal
        } catch {
            reader.discard()
            throw WebRefusal.badForm
        }
        context.form = reader.fields
        context.uploads = reader.files
        defer { reader.discard() }
        return try await next(request, context)
    }
}

/// `application/x-www-form-urlencoded` fields; a name given twice keeps its first value.
enum FormFields {
    static func parse(_ text: String) -> [String: String] {
        var fields: [String: String] = [:]
        for pair in text.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = decode(parts[0])
            if fields[name] == nil { fields[name] = parts.count > 1 ? decode(parts[1]) : "" }
        }
        return fields
    }

    static func decode(_ part: Substring) -> String {
        String(part).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? ""
    }
}

/// Every path but the sign-in page and the static files needs a live session; without one
/// the browser is sent to /login, before any body is read. A session ends when its account
/// no longer matches what it was signed in with (disabled, its password or role changed, here
/// or by the command line in another process).
struct RequireSession: RouterMiddleware {
    typealias Context = WebContext
    static let cookie = "wancun_session"
    static let loginCookie = "wancun_login"
    let sessions: SessionStore
    let signIn: any WebSignIn

    static func isPublic(_ path: String) -> Bool { path == "/login" || path.hasPrefix("/static/") }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        if let id = request.cookies[Self.cookie]?.value, let session = await sessions.session(id) {
            if let stamp = session.stamp, try await signIn.stamp(of: session.user) != stamp {
                await sessions.end(id)
            } else {
                context.session = session
            }
        }
        guard context.session != nil || Self.isPublic(request.uri.path) else {
            return .redirect(to: "/login", type: .normal)
        }
        return try await next(request, context)
    }
}

/// Every POST must carry the form token: the session's, or before sign-in the one the
/// sign-in page set in its own cookie. Runs once the body is read (`BodyLimit`).
struct RequireFormToken: RouterMiddleware {
    typealias Context = WebContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if request.method == .post {
            let expected = context.session?.csrfToken ?? request.cookies[RequireSession.loginCookie]?.value
            guard let expected, let sent = context.form["_csrf"], Self.same(sent, expected) else { throw WebRefusal.badForm }
        }
        return try await next(request, context)
    }

    /// Compares in time that does not depend on where the two differ.
    static func same(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8)
        let y = Array(b.utf8)
        guard x.count == y.count else { return false }
        return zip(x, y).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
