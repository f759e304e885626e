import Foundation
import FuzzSupport
import WancunKit

// The input is read as CSV under a header naming one column for each identifier, and every
// cell is parsed by every identifier's parser through the row checker, as an import does.

let kinds = ["id", "credit", "division", "phone", "amount", "month", "date", "time", "name"]
let columns = kinds.map { ColumnSpec($0, required: false) }
let today = LocalDate(year: 2026, month: 11, day: 26)!

func parseEverything(_ text: String) {
    _ = try? ResidentID(parsing: text, today: today)
    _ = try? CreditCode(parsing: text)
    _ = try? CreditCode(parsing: text, allowingBadCheck: true)
    _ = try? DivisionCode(parsing: text)
    _ = try? DivisionCode(padding: text)
    _ = try? Phone(parsing: text)
    _ = try? Fen(parsingYuan: text)
    _ = try? Month(parsing: text)
    _ = try? LocalDate(parsing: text)
    _ = try? LocalDateTime(parsing: text)
    for kind in [FreeText.Kind.personName, .pointName, .businessName, .address] { _ = try? FreeText.check(text, as: kind) }
    _ = Normalize.spreadsheetText(text)
    _ = Normalize.villageName(text)
    _ = Normalize.looksLikeScientificNotation(text)
    _ = Mask.personalValues(in: text)
    _ = Mask.residentID(text)
    _ = Mask.phone(text)
    _ = Mask.derived(text)
    _ = FormulaText.restore(FormulaText.neutralise(text))
}

@_cdecl("FuzzRows_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv) { bytes, count in
        let input = bytes.map { Data(bytes: $0, count: count) } ?? Data()
        parseEverything(String(decoding: input, as: UTF8.self))
        let csv = Data((kinds.joined(separator: ",") + "\n").utf8) + input
        guard let reader = try? CSVReader(data: csv), let table = try? TableReader(source: reader, columns: columns) else { return 0 }
        while let row = try? table.next() {
            var check = RowChecker(file: "fuzz.csv")
            _ = check.readable(row)
            _ = check.value(row, "id", personal: Mask.residentID) { (text: String) throws(ValueError) in try ResidentID(parsing: text, today: today) }
            _ = check.value(row, "credit") { (text: String) throws(ValueError) in try CreditCode(parsing: text) }
            _ = check.value(row, "division") { (text: String) throws(ValueError) in try DivisionCode(padding: text) }
            _ = check.value(row, "phone", personal: Mask.phone) { (text: String) throws(ValueError) in try Phone(parsing: text) }
            _ = check.value(row, "amount") { (text: String) throws(ValueError) in try Fen(parsingYuan: text) }
            _ = check.value(row, "month") { (text: String) throws(ValueError) in try Month(parsing: text) }
            _ = check.value(row, "date") { (text: String) throws(ValueError) in try LocalDate(parsing: text) }
            _ = check.value(row, "time") { (text: String) throws(ValueError) in try LocalDateTime(parsing: text) }
            _ = check.value(row, "name", hidingValue: true) { (text: String) throws(ValueError) in try FreeText.check(text, as: .personName) }
            for problem in check.problems { _ = problem.line(.zh) }
        }
        return 0
    }
}
