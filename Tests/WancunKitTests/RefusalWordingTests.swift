import Foundation
import Testing

@testable import WancunKit

/// A refusal's words where it is read: the command line's name options and commands; a web
/// page's and an import sheet's say what to do there, and name neither.
@Suite struct RefusalWordingTests {
    static let day = LocalDate(year: 2026, month: 10, day: 1)!
    static let month = Month(year: 2026, month: 10)!

    /// Every refusal whose command-line words name an option or a command.
    static let refusals: [any UserFacingError & Sendable] = [
        RegistryError.reasonRequired, RegistryError.retirementGroupRequired, RegistryError.difficultyIncomplete,
        RegistryError.difficultyNoteRequired, RegistryError.difficulty4050Age(certifiedOn: day, .male), RegistryError.contractIncomplete,
        RegistryError.businessNameRequired, RegistryError.forceNeedsReason, RegistryError.serviceCategoryRequired,
        RegistryError.medicinesNeedPharmacy, RegistryError.financeNeedsBank, RegistryError.stopsNotServed(["A"], ["顺丰"], day),
        RegistryError.phoneDuplicate(maskedPhone: "138****0000", otherName: "张三", otherMaskedID: "330424********0011"),
        RegistryError.pointNameDuplicate(code: "330424101202001", name: "横泾村服务站"),
        RegistryError.pointTooClose(code: "330424101202001", name: "横泾村服务站", meters: 20),
        RegistryError.pointNotRuralVillage(try! DivisionCode(parsing: "330424001001"), name: "社区"),
        RegistryError.invalid(field: "credit_code", .creditCodeCheck(expected: "X")), RegistryError.invalid(field: "id_number", .residentIDMasked),
        RegistryError.several([.forceNeedsReason, .contractIncomplete]),
        AccountError.userUnknown("某人"), AccountError.passwordEmpty, AccountError.townRequired, AccountError.townNotForRole(.countyClerk),
        AccountError.townUnknown("330424999000"), AccountError.reviewerRequired,
        SubsidyError.policySourceRequired, SubsidyError.policyMissing(["amount"], day), SubsidyError.runNotFinal(3),
        SubsidyError.runReplaced(3, by: 4), SubsidyError.finalExists(month, 3), SubsidyError.replaceNeedsReason,
        SubsidyError.monthNotOver(month, today: day, fromDay: nil), SubsidyError.draftStale(3, changes: ["服务点变更"]),
        SubsidyError.withoutOtherPostsNeedsReason, SubsidyError.otherPostsKnown(month),
        ReconError.alreadyReconciled(id: 2, date: "2026-11-01"),
        LedgerError.parcelUnknown(waybill: "SF1", pointCode: "330424101202001"), LedgerError.parcelAmbiguous(waybill: "SF1"),
    ]

    static func namesTheCommandLine(_ text: String) -> Bool { text.contains("--") || text.contains("wancun ") }

    @Test(arguments: refusals.indices) func aPageAndASheetSayWhatToDoThereTheCommandLineKeepsItsWords(_ i: Int) {
        let refusal = Self.refusals[i]
        #expect(Self.namesTheCommandLine(refusal.message.zh) || Self.namesTheCommandLine(refusal.message.en), "\(refusal)")
        #expect(refusal.message(on: .commandLine) == refusal.message)
        for surface in [Surface.web, .sheet] {
            let words = refusal.message(on: surface)
            #expect(!Self.namesTheCommandLine(words.zh) && !Self.namesTheCommandLine(words.en), "\(refusal) \(surface): \(words.zh)")
            #expect(!words.zh.isEmpty && !words.en.isEmpty)
        }
    }

    @Test func theOverrideIsTheBoxOnAPageAndTheColumnInASheet() {
        let duplicate = RegistryError.pointNameDuplicate(code: "330424101202001", name: "横泾村服务站")
        #expect(duplicate.message.zh.hasSuffix("确属两个点时用 --force --reason 说明"))
        #expect(duplicate.message(on: .web).zh.hasSuffix("确属两个点时勾选“仍要保存”并写明原因"))
        #expect(duplicate.message(on: .sheet).zh.hasSuffix("确属两个点时在“强制原因”列写明原因"))
        #expect(RegistryError.reasonRequired.message(on: .web) == Message.WebPoints.reasonRequired)
    }

    @Test func anImportsRowProblemTellsTheSheetsColumnOnTheWeb() {
        let refusal = RegistryError.phoneDuplicate(maskedPhone: "138****0000", otherName: "张三", otherMaskedID: "330424********0011")
        let problem = RowProblem(file: "a.csv", row: 2, rule: refusal.rule, message: refusal.message, onTheWeb: refusal.message(on: .sheet))
        #expect(problem.message(on: .commandLine) == refusal.message && problem.line(.zh).contains("--force"))
        #expect(problem.message(on: .web).zh.contains("强制原因"))
        #expect(RowProblem(file: "a.csv", row: 2, rule: "X", message: refusal.message).message(on: .web) == refusal.message)
    }
}
