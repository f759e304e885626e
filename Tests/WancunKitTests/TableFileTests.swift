import Foundation
import Testing

@testable import WancunKit

/// The library names and writes every file: a copy's path and whether a name is a workbook are
/// decided in one place each.
@Suite struct TableFileTests {
    @Test func aCopyBesideAFileIsAWorkbookBesideAWorkbookAndCSVBesideAnythingElse() {
        #expect(AnnotatedCopy.path(for: "/tmp/a/points.xlsx") == "/tmp/a/points.errors.xlsx")
        #expect(AnnotatedCopy.resultPath(for: "/tmp/a/points.XLSM") == "/tmp/a/points.result.xlsx")
        #expect(AnnotatedCopy.resultPath(for: "/tmp/a/points.txt") == "/tmp/a/points.result.csv")
        // A name holding `.errors.` itself keeps it: only the copy's own part is the role.
        #expect(AnnotatedCopy.resultPath(for: "/tmp/a.errors.b/x.errors.csv") == "/tmp/a.errors.b/x.errors.result.csv")
        #expect(TableFile.writesWorkbook("OUT.XLSX") && !TableFile.writesWorkbook("out.xlsm") && !TableFile.writesWorkbook("out.csv"))
        #expect(TableFile.readsWorkbook("in.xlsm") && !TableFile.readsWorkbook("in.xls"))
    }
}
