import ArgumentParser
import WancunKit

extension Context {
    func reportImport(_ summary: ImportSummary) {
        for warning in summary.warnings { err(warning.line(language) + "\n") }
        say(.imported(rows: summary.rows, written: summary.written))
        if summary.notOperatingRows > 0 { say(.importedNotOperating(summary.notOperatingRows)) }
        for copy in summary.removedCopies { say(.staleCopyRemoved(copy)) }
        if summary.dryRun { say(.dryRunNothingWritten) }
    }
}

extension Context {
    /// A one-line progress bar on a terminal.
    func progress(_ rows: Int, _ fraction: Double) {
        err("\r" + ProgressBar.line(rows: rows, fraction: fraction, language: language))
    }
}
