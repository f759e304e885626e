import Foundation
import WancunKit

/// Reads a password, never from the command line: at a prompt on the terminal with echo off
/// (asked twice, to catch a typo), or as the first line of standard input (`--password-stdin`).
enum PasswordInput {
    static func read(fromStandardInput: Bool, confirm: Bool, _ ctx: Context) throws -> String {
        if fromStandardInput {
            guard let line = readLine(strippingNewline: true), !line.isEmpty else { throw AccountError.passwordEmpty }
            return line
        }
        let first = try prompt(Message.passwordPrompt.text(ctx.language))
        if confirm {
            try PasswordHasher.check(first)
            guard try prompt(Message.passwordAgainPrompt.text(ctx.language)) == first else { throw AccountError.passwordsDiffer }
        }
        return first
    }

    /// One line typed at the terminal with echo off; the terminal is put back however it ends.
    /// Without a terminal there is nobody to ask: `--password-stdin` is the way.
    static func prompt(_ text: String) throws -> String {
        let tty = open("/dev/tty", O_RDWR | O_NOCTTY)
        guard tty >= 0 else { throw AccountError.passwordEmpty }
        defer { close(tty) }
        var saved = termios()
        guard tcgetattr(tty, &saved) == 0 else { throw AccountError.passwordEmpty }
        var quiet = saved
        quiet.c_lflag &= ~tcflag_t(ECHO | ECHONL)
        quiet.c_lflag |= tcflag_t(ICANON)
        _ = text.withCString { write(tty, $0, strlen($0)) }
        guard tcsetattr(tty, TCSAFLUSH, &quiet) == 0 else { throw AccountError.passwordEmpty }
        defer {
            tcsetattr(tty, TCSAFLUSH, &saved)
            _ = write(tty, "\n", 1)
        }
        var bytes: [UInt8] = []
        var byte: UInt8 = 0
        while Foundation.read(tty, &byte, 1) == 1, byte != UInt8(ascii: "\n"), byte != UInt8(ascii: "\r") { bytes.append(byte) }
        let line = String(decoding: bytes, as: UTF8.self)
        if line.isEmpty { throw AccountError.passwordEmpty }
        return line
    }
}
