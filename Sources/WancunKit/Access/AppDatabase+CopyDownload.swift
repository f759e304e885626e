import Foundation

/// The files besides the roster that hand full ID numbers out of the web: the annotated copy
/// of the HR bureau's answer and of the other departments' posts. Each download is audited
/// as the roster's export is, under the name of the account that took it.
extension AppDatabase {
    /// Records that `actor` took the file at `path` (`copy.download`: what it is, its name and
    /// SHA-256, and who took it, through the web). Only an actor allowed to see full ID numbers
    /// takes one; the caller hands the file out only once this returns.
    public func recordCopyDownload(_ path: String, kind: String, as actor: Actor, context: ChangeContext) throws {
        try AccessPolicy.require(actor, .reveal)
        let after: JSONValue = .object([
            ("kind", .string(kind)), ("file", .string((path as NSString).lastPathComponent)),
            ("sha256", .string(try Digest.sha256(fileAt: path))), ("name", .string(actor.name)), ("role", .string(actor.role.rawValue)),
            ("via", .string("web")),
        ])
        try write { db in try db.audit("copy.download", AuditSubject(), after: after, context: context.made(by: actor)) }
    }
}
