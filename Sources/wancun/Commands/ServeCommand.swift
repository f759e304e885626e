import ArgumentParser
import Foundation
import Logging
import WancunKit
import WancunWeb

struct ServeCommand: WancunCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve", abstract: "在浏览器中提供登记簿 / Serve the registry to browsers.",
        discussion: """
            Serves the same database file the other commands use; both may run at once.
            Listens on 127.0.0.1:8080 unless told otherwise; --listen 0.0.0.0:8080 serves the
            office network. With --tls-cert and --tls-key (PEM files) it speaks HTTPS only.
            SIGTERM or Ctrl-C stops it after the requests under way have been answered.
            On the office network over HTTPS:
              wancun serve --db county.sqlite --listen 0.0.0.0:8443 --tls-cert cert.pem --tls-key key.pem
            """)

    @OptionGroup var globals: GlobalOptions
    @Option(help: "HOST:PORT to listen on (default 127.0.0.1:8080).") var listen = "127.0.0.1:8080"
    @Option(help: "The server's certificate chain, PEM.") var tlsCert: String?
    @Option(help: "The certificate's private key, PEM.") var tlsKey: String?

    func run(_ ctx: Context) throws {
        guard let address = WebConfiguration.listenAddress(listen) else { throw ctx.usageError(Message.Web.badListen(listen)) }
        guard (tlsCert == nil) == (tlsKey == nil) else { throw ctx.usageError(Message.Web.tlsPair) }
        var configuration = WebConfiguration()
        configuration.host = address.host
        configuration.port = address.port
        configuration.tlsCertificate = tlsCert
        configuration.tlsKey = tlsKey
        configuration.today = try? ctx.todayOverride?.get()
        let database = try ctx.openDatabase()
        let app = WebApp(database: database, configuration: configuration, signIn: AccountSignIn(database: database))
        let shownHost = address.host.contains(":") ? "[\(address.host)]" : address.host
        ctx.say(Message.Web.serving("\(configuration.usesTLS ? "https" : "http")://\(shownHost):\(address.port)/", database: ctx.databasePath))
        var logger = Logger(label: "wancun.serve")
        logger.logLevel = .notice
        try WebApp.runBlocking(app, logger: logger)
        ctx.say(Message.Web.stopped)
    }
}
