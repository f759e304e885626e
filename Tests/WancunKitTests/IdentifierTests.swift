import Foundation
import Testing

@testable import WancunKit

@Suite struct ResidentIDTests {
    static let today = LocalDate(year: 2026, month: 11, day: 26)!

    @Test(arguments: [
        ("11010519491231002X", "11010519491231002X", "1949-12-31", Sex.female),
        ("11010519491231002x", "11010519491231002X", "1949-12-31", Sex.female),
        (" 11010519491231002X ", "11010519491231002X", "1949-12-31", Sex.female),
        ("１１０１０５１９４９１２３１００２Ｘ", "11010519491231002X", "1949-12-31", Sex.female),
    ])
    func accepts(input: String, stored: String, birth: String, sex: Sex) throws {
        let id = try ResidentID(parsing: input, today: Self.today)
        #expect(id.rawValue == stored)
        #expect(id.birthDate.description == birth)
        #expect(id.sex == sex)
        #expect(id.masked == "110105********002X")
    }

    @Test(arguments: [
        ("11010519491231002Y", ValueError.residentIDCharacters),
        ("110105194912310021", .residentIDCheck),
        ("1101051949123100", .residentIDLength(16)),
        ("3.30424E+17", .scientificNotation("3.30424E+17")),
        ("110105********002X", .residentIDMasked),
        ("", .empty),
        ("11010519491231002乙", .residentIDCharacters),
        ("3.30424e17", .scientificNotation("3.30424E17")),
        ("\u{3000}\t", .empty),
    ])
    func refuses(input: String, error: ValueError) {
        #expect(throws: error) { try ResidentID(parsing: input, today: Self.today) }
    }

    @Test func spacesOfEveryKindAreTrimmedAndDroppedFromPointNames() {
        #expect(Normalize.spreadsheetText("\u{3000}\u{A0} 聚金村\t\r\n") == "聚金村")
        #expect("\u{2003}聚金 村\u{205F}".trimmingSpaces() == "聚金 村")
        #expect("a\u{200B}".trimmingSpaces() == "a\u{200B}")  // zero width space is not White_Space
        // Chinese text at an end is looked at by its bytes alone; a full-width space still goes.
        #expect("聚金村".trimmingSpaces() == "聚金村")
        #expect("聚金村\u{3000}".trimmingSpaces() == "聚金村")
        #expect("\u{3000}聚金村".trimmingSpaces() == "聚金村")
        #expect("聚金村 \u{2003}".trimmingSpaces() == "聚金村")
        #expect("A村".trimmingSpaces() == "A村")
        #expect("村\u{A0}".trimmingSpaces() == "村")
        #expect(DuplicateCheck.normalizedPointName(" 聚金\u{3000}村 电商 服务站") == "聚金村")
        #expect(Normalize.villageName("聚金\u{2002}村村民委员会") == "聚金村")
    }

    @Test func refusesImpossibleAndFutureBirthDates() {
        let feb30 = ResidentID.withCheckCharacter("33042419900230123")
        #expect(throws: ValueError.residentIDBirthDate) { try ResidentID(parsing: feb30, today: Self.today) }
        let future = ResidentID.withCheckCharacter("33042420270101123")
        #expect(throws: ValueError.residentIDFutureBirth) { try ResidentID(parsing: future, today: Self.today) }
    }

    /// 4050: a woman aged 40 or more, a man aged 50 or more, in full years; the birthday counts.
    @Test(arguments: [
        ("33042419860315002", "2026-03-15", 40, true), ("33042419860315002", "2026-03-14", 39, false),
        ("33042419760315001", "2026-03-15", 50, true), ("33042419760315001", "2026-03-14", 49, false),
        ("33042419850315002", "2025-03-01", 39, false), ("33042419800229002", "2020-02-28", 39, false),
        ("33042419800229002", "2020-02-29", 40, true), ("33042419800229002", "2021-03-01", 41, true),
    ])
    func fullYearsAnd4050(first17: String, on: String, age: Int, meets: Bool) throws {
        let id = try ResidentID(parsing: ResidentID.withCheckCharacter(first17), today: Self.today)
        let date = try LocalDate(parsing: on)
        #expect(id.age(on: date) == age)
        #expect(id.meets4050(on: date) == meets)
    }

    @Test func oddSeventeenthDigitIsMale() throws {
        let id = try ResidentID(parsing: ResidentID.withCheckCharacter("33042419800101001"), today: Self.today)
        #expect(id.sex == .male)
    }
}

@Suite struct CreditCodeTests {
    @Test func acceptsValidAndRefusesWrongCheck() throws {
        // The example code printed in GB 32100-2015.
        let valid = try CreditCode(parsing: "91350100M000100Y43")
        #expect(valid.checkCharacterValid)
        #expect(throws: ValueError.creditCodeCheck(expected: "3")) { try CreditCode(parsing: "91350100M000100Y44") }
        let kept = try CreditCode(parsing: "91350100M000100Y44", allowingBadCheck: true)
        #expect(!kept.checkCharacterValid)
        #expect(throws: ValueError.creditCodeCharacters) { try CreditCode(parsing: "91350100M000100I43") }
        #expect(throws: ValueError.creditCodeLength(17)) { try CreditCode(parsing: "91350100M000100Y4") }
        #expect(CreditCode.withCheckCharacter("91350100M000100Y4") == "91350100M000100Y43")
    }
}

@Suite struct DivisionCodeTests {
    @Test(arguments: [
        ("330000000000", DivisionLevel.province, nil as String?, false),
        ("330400000000", .city, "330000000000", false),
        ("330424000000", .county, "330400000000", false),
        ("330424001000", .town, "330424000000", false),
        ("330424001001", .village, "330424001000", false),
        ("330424101201", .village, "330424101000", true),
        ("330424101399", .village, "330424101000", true),
        ("330424101400", .village, "330424101000", false),
        ("330424101500", .village, "330424101000", true),
        ("330424101600", .village, "330424101000", false),
    ])
    func levelParentAndRural(code: String, level: DivisionLevel, parent: String?, rural: Bool) throws {
        let c = try DivisionCode(parsing: code)
        #expect(c.level == level)
        #expect(c.parent?.rawValue == parent)
        #expect(c.isRuralVillage == rural)
    }

    @Test(arguments: ["33042400100", "3304240010011", "33042400100A", "000424001001", "3.30424E+11"])
    func refusesMalformed(code: String) {
        #expect(throws: ValueError.self) { try DivisionCode(parsing: code) }
    }

    @Test func padsShortCodes() throws {
        #expect(try DivisionCode(padding: "33").rawValue == "330000000000")
        #expect(try DivisionCode(padding: "330424").rawValue == "330424000000")
    }
}

@Suite struct PhoneTests {
    @Test(arguments: ["13812345678", "+86 138 1234 5678", "138-1234-5678", "１３８１２３４５６７８", "\u{3000}13812345678 "])
    func accepts(input: String) throws {
        let phone = try Phone(parsing: input)
        #expect(phone.rawValue == "13812345678")
        #expect(phone.masked.hasPrefix(String(phone.rawValue.prefix(3)) + "****"))
    }

    @Test(arguments: ["12812345678", "1381234567", "138123456789", "1381234567a", "一三八一二三四五六七八", "1381234567８9"])
    func refuses(input: String) {
        #expect(throws: ValueError.phone) { try Phone(parsing: input) }
    }

    @Test func anEmptyCellIsEmptyNotAWrongNumber() {
        #expect(throws: ValueError.empty) { try Phone(parsing: " - ") }
    }
}

@Suite struct FenTests {
    @Test(arguments: [
        ("12.30", Int64(1230)), ("12.3", 1230), ("12", 1200), ("0.01", 1), ("1,234.50", 123450),
        ("-5.5", -550), ("¥8", 800), ("10.000", 1000), ("９.９", 990),
    ])
    func parsesYuanExactly(text: String, fen: Int64) throws {
        #expect(try Fen(parsingYuan: text).value == fen)
    }

    @Test(arguments: ["1.234", "abc", "1,23.00", "12.", "1e3", ""])
    func refuses(text: String) {
        #expect(throws: ValueError.self) { try Fen(parsingYuan: text) }
    }

    @Test func formatsTwoDecimals() {
        #expect(Fen(123450).yuanText == "1234.50")
        #expect(Fen(5).yuanText == "0.05")
        #expect(Fen(-550).yuanText == "-5.50")
    }
}

@Suite struct DateTests {
    @Test func monthsAndDates() throws {
        #expect(try Month(parsing: "2026-01").adding(months: -1).description == "2025-12")
        #expect(try Month(parsing: "2025-02").months(to: Month(parsing: "2026-01")) == 11)
        #expect(throws: ValueError.self) { try Month(parsing: "2026-13") }
        #expect(throws: ValueError.self) { try LocalDate(parsing: "2025-02-29") }
        #expect(try LocalDate(parsing: "2024-02-29").adding(days: 1).description == "2024-03-01")
        #expect(LocalDate(year: 1880, month: 1, day: 9)!.description == "1880-01-09")
        #expect(LocalDate(year: 2100, month: 12, day: 31)!.description == "2100-12-31")
        let d = try LocalDate(parsing: "2026-11-26")
        #expect(LocalDate(dayNumber: d.dayNumber) == d)
        #expect(LocalDate(dayNumber: 0).description == "1970-01-01")
    }

    @Test func todayIsShanghai() {
        // 2026-11-25 17:00 UTC is already 2026-11-26 in Shanghai.
        let instant = Date(timeIntervalSince1970: 1_795_626_000)
        #expect(LocalDate.today(now: instant).description == "2026-11-26")
    }
}
