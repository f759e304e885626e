import Foundation
import Hummingbird
import NIOCore
import WancunKit

/// A request's context: its session once `RequireSession` has found one, its language,
/// and its body's form fields once `BodyLimit` has read them.
public struct WebContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    public var session: WebSession?
    public var language: Language = .zh
    /// The path of a GET request (a page the language switch can open again), else nil.
    public var getPath: String?
    public var form: [String: String] = [:]
    /// A multipart form's files, by field name (`BodyLimit`).
    public var uploads: [String: Upload] = [:]
    /// The address the request came from, or `unknown` (in tests).
    public let remoteAddress: String

    /// The signed-in user as the library's access policy knows them; every route but sign-in
    /// has one (`RequireSession`).
    func actor() throws -> Actor {
        guard let user = session?.user else { throw WebRefusal.notFound }
        return user.actor
    }

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress?.ipAddress ?? "unknown"
    }
}
