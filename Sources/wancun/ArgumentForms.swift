import ArgumentParser
import WancunKit

/// A kind of value with a written form a usage error can name (`--month` expects YYYY-MM).
protocol ArgumentForm {
    static var form: Message { get }
}

extension Month: ArgumentForm { static var form: Message { Message.Form.month } }
extension LocalDate: ArgumentForm { static var form: Message { Message.Form.date } }
extension LocalDateTime: ArgumentForm { static var form: Message { Message.Form.time } }
extension DivisionCode: ArgumentForm { static var form: Message { Message.Form.divisionCode } }
extension Int: ArgumentForm { static var form: Message { Message.Form.wholeNumber } }
extension Int64: ArgumentForm { static var form: Message { Message.Form.wholeNumber } }
extension Double: ArgumentForm { static var form: Message { Message.Form.number } }
extension Optional: ArgumentForm where Wrapped: ArgumentForm { static var form: Message { Wrapped.form } }
extension Array: ArgumentForm where Element: ArgumentForm { static var form: Message { Element.form } }

extension PointStatus: ArgumentForm {}
extension ContractType: ArgumentForm {}
extension DifficultyCategory: ArgumentForm {}
extension RetirementGroup: ArgumentForm {}
extension ServiceKind: ArgumentForm {}
extension PurchaseCategory: ArgumentForm {}
extension DivisionLevel: ArgumentForm {}

extension ArgumentForm where Self: Labelled {
    static var form: Message { Message.Form.oneOf(Self.self) }
}

extension Language: ArgumentForm { static var form: Message { .Form.oneOf(zh: allCases.map(\.rawValue), en: allCases.map(\.rawValue)) } }
extension OutputFormat: ArgumentForm { static var form: Message { .Form.oneOf(zh: allCases.map(\.rawValue), en: allCases.map(\.rawValue)) } }
extension ReportFormat: ArgumentForm { static var form: Message { .Form.oneOf(zh: allCases.map(\.rawValue), en: allCases.map(\.rawValue)) } }
extension ResultFilter: ArgumentForm { static var form: Message { .Form.oneOf(zh: allCases.map(\.rawValue), en: allCases.map(\.rawValue)) } }

/// A property wrapper of a command whose value has a form.
private protocol FormedWrapper { static var valueForm: Message { get } }
extension Option: FormedWrapper where Value: ArgumentForm { static var valueForm: Message { Value.form } }
extension Argument: FormedWrapper where Value: ArgumentForm { static var valueForm: Message { Value.form } }

/// Options shared through `@OptionGroup`, looked into as the command is.
private protocol ArgumentGroup { static var arguments: any ParsableArguments.Type { get } }
extension OptionGroup: ArgumentGroup { static var arguments: any ParsableArguments.Type { Value.self } }

/// The form of each option and argument of a command, found from its declarations: the names
/// are those swift-argument-parser gives by default (`asOf` is `--as-of`, `<as-of>`).
enum ArgumentForms {
    static func form(of name: String, in command: any ParsableArguments.Type) -> Message? {
        for child in Mirror(reflecting: command.init()).children {
            guard let label = child.label?.dropFirst() else { continue }
            let wrapper = type(of: child.value)
            if let group = wrapper as? ArgumentGroup.Type, let found = form(of: name, in: group.arguments) { return found }
            let kebab = kebabCase(String(label))
            guard name == "--" + kebab || name == "<" + kebab + ">", let formed = wrapper as? FormedWrapper.Type else { continue }
            return formed.valueForm
        }
        return nil
    }

    /// `asOf` → `as-of`, as the parser names an option.
    static func kebabCase(_ name: String) -> String {
        var out = ""
        for character in name {
            if character.isUppercase, !out.isEmpty { out += "-" }
            out += character.lowercased()
        }
        return out
    }
}
