import Foundation
import ZIPFoundation

/// A sheet's rows in batches, however they are parsed.
protocol SheetFeed: AnyObject {
    /// The next batch; nil after the last.
    func next() throws(XLSXDamage) -> [SourceRow]?
    /// The last row the sheet says it has (0 when it does not say).
    var lastRow: Int { get }
    /// The reader is done with the rows, whether or not it took them all.
    func stop()
}

/// A sheet parsed on a thread of its own as it is unpacked and handed over in batches; the
/// thread waits while enough are ready.
final class ThreadedSheetRows: SheetFeed, @unchecked Sendable {
    enum Item {
        case rows([SourceRow], lastRow: Int)
        case failure(XLSXDamage)
    }

    /// Batches parsed ahead, at most.
    private let handover = Handover<Item>(capacity: 4)
    private(set) var lastRow = 0

    init(unpacker: Unpacker, entry: Entry, sheet: SheetPart) {
        let handover = handover
        sheet.deliver = { rows, lastRow in handover.put(.rows(rows, lastRow: lastRow)) }
        // Only the parsing thread touches the archive and the sheet from here on.
        nonisolated(unsafe) let (sheet, entry) = (sheet, entry)
        let thread = Thread {
            defer { handover.end() }
            do throws(XLSXDamage) {
                try unpacker.parse(entry, into: sheet)
                try sheet.finish()
            } catch {
                var damage = error
                damage.part = damage.part ?? entry.path
                if !sheet.stopped { _ = handover.put(.failure(damage)) }
            }
        }
        thread.start()
    }

    func next() throws(XLSXDamage) -> [SourceRow]? {
        switch handover.take() {
        case .rows(let batch, let last):
            lastRow = last
            return batch
        case .failure(let damage): throw damage
        case nil: return nil
        }
    }

    func stop() { handover.stop() }
}

/// A sheet held whole, parsed on the caller's thread a chunk at a time as rows are asked for.
final class InlineSheetRows: SheetFeed {
    private let xml: Data
    private let sheet: SheetPart
    private let part: String
    private var tokenizer = XMLTokenizer()
    private var offset = 0
    private var ready: [[SourceRow]] = []
    private var failure: XLSXDamage?
    private var done = false
    private(set) var lastRow = 0

    init(xml: Data, sheet: SheetPart, part: String) {
        (self.xml, self.sheet, self.part) = (xml, sheet, part)
        sheet.deliver = { [unowned self] rows, lastRow in
            ready.append(rows)
            self.lastRow = lastRow
            return true
        }
    }

    func next() throws(XLSXDamage) -> [SourceRow]? {
        while ready.isEmpty && !done {
            do throws(XLSXDamage) {
                if offset < xml.count {
                    let end = min(xml.count, offset + (1 << 16))
                    try tokenizer.feed(xml[(xml.startIndex + offset)..<(xml.startIndex + end)], to: sheet)
                    offset = end
                } else {
                    done = true
                    try tokenizer.finish(sheet)
                    try sheet.finish()
                }
            } catch {
                done = true
                failure = error
                failure?.part = error.part ?? part
            }
        }
        if !ready.isEmpty { return ready.removeFirst() }
        if let failure {
            self.failure = nil
            throw failure
        }
        return nil
    }

    func stop() {}
}
