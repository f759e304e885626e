import Foundation

/// The language people read: Chinese by default, English on request.
public enum Language: String, Sendable, CaseIterable {
    case zh
    case en

    /// The language named by `WANCUN_LANG` (`en` or `zh`), else Chinese.
    public static func fromEnvironment(_ environment: [String: String]) -> Language {
        Language(rawValue: environment["WANCUN_LANG"]?.lowercased() ?? "") ?? .zh
    }
}

/// A sentence people read, in both languages.
///
/// Every `Message` is made by one of the static functions in the catalogue
/// (`Message+*.swift` in this folder, and in `Text/` where the words are those of a domain's
/// codes and errors), so all wording lives in the catalogue.
public struct Message: Sendable, Hashable, CustomStringConvertible {
    public let zh: String
    public let en: String

    /// Anything in the text that looks like an ID number or a phone number is masked
    /// (`Mask.personalValues`): a message never shows either in full.
    init(zh: String, en: String) {
        self.zh = Mask.personalValues(in: zh)
        self.en = Mask.personalValues(in: en)
    }

    public func text(_ language: Language) -> String {
        switch language {
        case .zh: zh
        case .en: en
        }
    }

    public var description: String { zh }
}

/// An error that can tell the user what went wrong in words from the catalogue. Errors carry
/// structured cases; their words are given in the text layer (`Text/`), above every domain.
public protocol UserFacingError: LocalizedError {
    /// The words on the command line.
    var message: Message { get }
    /// The words where the user reads them: where the command line's words name an option
    /// (`--force --reason`) or a command, a web page's say what to do on the page and an
    /// import sheet's which column to fill in.
    func message(on surface: Surface) -> Message
}

extension UserFacingError {
    /// The message in Chinese, the default language.
    public var errorDescription: String? { message.zh }

    public func message(on surface: Surface) -> Message { message }
}

/// Where a refusal is read, so that its words say what to do there.
public enum Surface: Sendable {
    case commandLine
    /// A web page: a box to tick, a field to fill in, a button to press.
    case web
    /// An import sheet, as the annotated copy and the import's problems show it.
    case sheet
}
