import Foundation
import Hummingbird
import HummingbirdCore
import HummingbirdTLS
import Logging
import NIOCore
import ServiceLifecycle
import WancunKit

/// The web front end of one registry file: its router, its sessions and its server.
public struct WebApp: Sendable {
    public let database: AppDatabase
    public let configuration: WebConfiguration
    public let sessions: SessionStore
    public let limiter: SignInLimiter
    public let signIn: any WebSignIn
    let importJobs = UploadJobs<ImportJob>()
    let reconcileJobs = UploadJobs<ReconcileJob>()
    let savedSearches = SavedSearches()
    let towns = TownList()
    /// The clock the pages date by (today in Asia/Shanghai, a change's time).
    let now: @Sendable () -> Date

    public init(
        database: AppDatabase, configuration: WebConfiguration = WebConfiguration(), signIn: any WebSignIn = NoAccounts(),
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.database = database
        self.configuration = configuration
        self.signIn = signIn
        self.now = now
        sessions = SessionStore(idle: configuration.sessionIdle, lifetime: configuration.sessionLifetime, now: now)
        limiter = SignInLimiter(
            limit: configuration.maxAttempts, addressLimit: configuration.maxAddressAttempts, window: configuration.attemptWindow, now: now)
    }

    public func router() -> Router<WebContext> {
        let router = Router(context: WebContext.self)
        // The language first, so that an error page is in the language of the pages.
        router.add(middleware: LanguageChoice(secure: configuration.usesTLS))
        router.add(middleware: SecurityHeaders(limit: configuration.maxBodyBytes))
        router.add(middleware: RequireSession(sessions: sessions, signIn: signIn))
        router.add(middleware: BodyLimit(limit: configuration.maxBodyBytes))
        router.add(middleware: RequireFormToken())
        router.get("/static/wancun.css") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "text/css; charset=utf-8", .cacheControl: "max-age=3600"],
                body: .init(byteBuffer: ByteBuffer(string: Stylesheet.css)))
        }
        router.get("/login") { request, context in signInPage(context, token: request.cookies[RequireSession.loginCookie]?.value) }
        router.post("/login") { _, context in try await signIn(context) }
        router.post("/logout") { request, context in await signOut(request, context) }
        router.get("/") { _, context in try home(context) }
        router.get("/points") { request, context in try points(request, context) }
        router.get("/points/{code}") { request, context in try point(request, context) }
        addPointFormRoutes(to: router)
        addSubsidyRoutes(to: router)
        addOperatorRoutes(to: router)
        addImportRoutes(to: router)
        addReconcileRoutes(to: router)
        addOverviewRoutes(to: router)
        return router
    }

    /// Serves until SIGTERM or SIGINT, then stops taking requests and lets those under way finish.
    public func run(logger: Logger) async throws {
        let server: HTTPServerBuilder
        if let certificate = configuration.tlsCertificate, let key = configuration.tlsKey {
            let tls = TLSConfiguration.makeServerConfiguration(
                certificateChain: try NIOSSLCertificate.fromPEMFile(certificate).map { .certificate($0) },
                privateKey: .privateKey(try NIOSSLPrivateKey(file: key, format: .pem)))
            server = try .tls(.http1(), tlsConfiguration: tls)
        } else {
            server = .http1()
        }
        let app = Application(
            router: router(), server: server,
            configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: nil), logger: logger)
        let group = ServiceGroup(configuration: .init(services: [app], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        try await group.run()
        // The uploads of jobs this server kept are not wanted by the next one.
        try? FileManager.default.removeItem(at: UploadFolder.url)
    }

    // MARK: Sign-in

    /// The sign-in form and its token. `token`, the one an earlier sign-in page set, is kept: a
    /// browser opening the page asks for more (its icon) and is sent back here, which must not
    /// replace the token of the form it shows.
    func signInPage(
        _ context: WebContext, error: Message? = nil, name: String = "", status: HTTPResponse.Status = .ok, token: String? = nil
    ) -> Response {
        if context.session != nil, error == nil { return .redirect(to: "/", type: .normal) }
        let lang = context.language
        let token = token.flatMap { SessionStore.isToken($0) ? $0 : nil } ?? SessionStore.randomToken()
        var object: [String: Any] = [
            "csrf": token, "name": name, "userLabel": Message.Web.userName.text(lang), "passwordLabel": Message.Web.password.text(lang),
            "signIn": Message.Web.signIn.text(lang),
        ]
        if let error { object["error"] = error.text(lang) }
        var response = Pages.page(Message.Web.signIn, body: Templates.render("login", object), context: context, status: status)
        response.setCookie(sessionCookie(RequireSession.loginCookie, token))
        return response
    }

    func signIn(_ context: WebContext) async throws -> Response {
        let name = context.form["name"] ?? ""
        let password = context.form["password"] ?? ""
        guard await limiter.attempt(account: name, address: context.remoteAddress) else {
            return signInPage(context, error: Message.Web.tooManyAttempts, name: name, status: .tooManyRequests)
        }
        let checked: WebSignInResult
        do { checked = try await signIn.check(name: name, password: password) } catch {
            await limiter.finished(account: name, address: context.remoteAddress, succeeded: false)
            throw error
        }
        await limiter.finished(account: name, address: context.remoteAddress, succeeded: checked.isUser)
        switch checked {
        case .user(let user):
            if let old = context.session { await sessions.end(old.id) }
            let session = await sessions.create(for: user, stamp: try await signIn.stamp(of: user))
            var response = Response.redirect(to: user.actor.role == .admin ? "/users" : "/", type: .normal)
            response.setCookie(sessionCookie(RequireSession.cookie, session.id))
            return response
        case .refused:
            return signInPage(context, error: Message.Web.signInRefused, name: name, status: .unauthorized)
        case .noAccounts:
            return signInPage(context, error: Message.Web.noAccounts, name: name, status: .unauthorized)
        }
    }

    func signOut(_ request: Request, _ context: WebContext) async -> Response {
        if let session = context.session { await sessions.end(session.id) }
        var response = Response.redirect(to: "/login", type: .normal)
        response.setCookie(
            Cookie(name: RequireSession.cookie, value: "", maxAge: 0, path: "/", secure: configuration.usesTLS, httpOnly: true, sameSite: .strict))
        return response
    }

    /// A cookie no script can read, sent only with requests from these pages, and under TLS only over TLS.
    func sessionCookie(_ name: String, _ value: String) -> Cookie {
        Cookie(name: name, value: value, path: "/", secure: configuration.usesTLS, httpOnly: true, sameSite: .strict)
    }
}

extension WebApp {
    /// Runs the server from synchronous code (the CLI's commands), returning when it has stopped.
    public static func runBlocking(_ app: WebApp, logger: Logger) throws {
        let outcome = Outcome()
        let done = DispatchSemaphore(value: 0)
        Task {
            do { try await app.run(logger: logger) } catch { outcome.set(error) }
            done.signal()
        }
        done.wait()
        if let error = outcome.error { throw error }
    }

    private final class Outcome: @unchecked Sendable {
        private let lock = NSLock()
        private var stored: (any Error)?
        func set(_ error: any Error) { lock.withLock { stored = error } }
        var error: (any Error)? { lock.withLock { stored } }
    }
}

extension WebApp {
    /// The audit context of a change made through the web: the signed-in user's name, as
    /// `--clerk` gives it on the command line, and the server's clock and day.
    func changeContext(_ actor: Actor) -> ChangeContext { ChangeContext(clerk: actor.name, now: sessions.now(), today: configuration.today) }

    func changeContext(_ context: WebContext) throws -> ChangeContext { changeContext(try context.actor()) }
}
