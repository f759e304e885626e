import Foundation
import ZIPFoundation

// No Swift package on this machine reads .xlsx, so this reads the Office Open XML parts
// itself: ZIPFoundation unpacks the workbook and `XMLTokenizer` reads each part.

/// Reads one sheet of an `.xlsx` workbook as Excel, WPS Office and LibreOffice write it:
/// shared and inline strings, numbers (as Excel shows them, to 15 significant digits),
/// booleans, dates in the 1900 or 1904 system (by the cell's number format), empty cells.
///
/// A workbook past any of `XLSXLimits` or damaged in any way is refused with `XLSX_UNREADABLE`
/// and the reason. A file's sheet is unpacked and parsed on a thread of its own, a few batches
/// of rows ahead, so that a large sheet is never held whole nor written out; a workbook given as
/// bytes is read on the caller's thread.
public final class XLSXReader: RowSource {
    public let path: String
    public let sheetNames: [String]
    public let sheetName: String
    private let rows: any SheetFeed
    private var current: [SourceRow] = []
    private var index = 0

    /// Opens `path` and reads the sheet named `sheet`, or the first.
    public convenience init(path: String, sheet: String? = nil) throws(RowProblem) {
        let file = (path as NSString).lastPathComponent
        let archive: Archive
        do {
            archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .read)
        } catch {
            throw XLSXDamage(.notZip).problem(file: file)
        }
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0, let layout = ZipLayout(.file(descriptor)) else {
            if descriptor >= 0 { close(descriptor) }
            throw XLSXDamage(.notZip).problem(file: file)
        }
        try self.init(path: path, archive: archive, layout: layout, closing: descriptor, sheet: sheet, inMemory: false)
    }

    /// Reads the workbook in `data`, named `name` in problems, on the caller's thread and with
    /// nothing written to disk: bytes in, rows out. The sheet's XML is held whole, within `XLSXLimits`.
    ///
    ///     let reader = try XLSXReader(data: try Data(contentsOf: url))
    ///     while let row = try reader.next() { print(row.cells) }
    public convenience init(data: Data, name: String = "workbook.xlsx", sheet: String? = nil) throws(RowProblem) {
        let archive: Archive
        do {
            archive = try XLSXReader.memoryArchive(data)
        } catch {
            throw XLSXDamage(.notZip).problem(file: name)
        }
        guard let layout = ZipLayout(.data(data)) else { throw XLSXDamage(.notZip).problem(file: name) }
        try self.init(path: name, archive: archive, layout: layout, closing: nil, sheet: sheet, inMemory: true)
    }

    /// An archive of `data` read through a file that lives in memory only (Linux's memfd):
    /// ZIPFoundation's own in-memory archives trap on an offset past the end, its files refuse it.
    private static func memoryArchive(_ data: Data) throws -> Archive {
        #if os(Linux)
            typealias MemfdCreate = @convention(c) (UnsafePointer<CChar>, UInt32) -> Int32
            if let symbol = dlsym(nil, "memfd_create") {
                let descriptor = unsafeBitCast(symbol, to: MemfdCreate.self)("wancun-workbook", 1)  // MFD_CLOEXEC
                if descriptor >= 0 {
                    defer { close(descriptor) }
                    let written = data.withUnsafeBytes { bytes in
                        var done = 0
                        while done < bytes.count {
                            let n = write(descriptor, bytes.baseAddress! + done, bytes.count - done)
                            if n <= 0 { return false }
                            done += n
                        }
                        return true
                    }
                    if written { return try Archive(url: URL(fileURLWithPath: "/proc/self/fd/\(descriptor)"), accessMode: .read) }
                }
            }
        #endif
        return try Archive(data: data, accessMode: .read)
    }

    private init(path: String, archive: Archive, layout: ZipLayout, closing descriptor: Int32?, sheet: String?, inMemory: Bool) throws(RowProblem) {
        self.path = path
        let file = (path as NSString).lastPathComponent
        let unpacker = Unpacker(archive: archive, layout: layout, closing: descriptor)
        func reading<T>(_ body: () throws(XLSXDamage) -> T) throws(RowProblem) -> T {
            do { return try body() } catch { throw error.problem(file: file) }
        }
        let workbook = try reading { () throws(XLSXDamage) in
            guard let part = try unpacker.parse("xl/workbook.xml", into: WorkbookPart(), limit: XLSXLimits.smallPartBytes) else {
                throw XLSXDamage(.missingPart, part: "xl/workbook.xml")
            }
            return part
        }
        sheetNames = workbook.sheets.map(\.name)
        guard let chosen = sheet.map({ name in workbook.sheets.first { $0.name == name } }) ?? workbook.sheets.first else {
            throw RowProblem(
                file: file, row: nil, value: sheet, rule: "SHEET_NOT_FOUND",
                message: .sheetNotFound(workbook.sheets.map(\.name).joined(separator: ", ")))
        }
        sheetName = chosen.name
        rows = try reading { () throws(XLSXDamage) -> any SheetFeed in
            let relations = try unpacker.parse("xl/_rels/workbook.xml.rels", into: RelationshipsPart(), limit: XLSXLimits.smallPartBytes)
            var target = relations?.targets[chosen.relationID] ?? "worksheets/sheet1.xml"
            if target.hasPrefix("/") { target.removeFirst() } else { target = "xl/" + target }
            guard let entry = archive[target] else { throw XLSXDamage(.missingPart, part: target) }
            let strings = try unpacker.parse("xl/sharedStrings.xml", into: SharedStringsPart(), limit: XLSXLimits.sharedStringsBytes)
            let styles = try unpacker.parse("xl/styles.xml", into: StylesPart(), limit: XLSXLimits.smallPartBytes)
            let sheet = SheetPart(strings: strings?.strings ?? SharedStringTable(), dateStyles: styles?.dateStyles ?? [], date1904: workbook.date1904)
            if inMemory {
                var xml = Data()
                try unpacker.unpack(entry) { xml.append($0) }
                return InlineSheetRows(xml: xml, sheet: sheet, part: target)
            }
            return ThreadedSheetRows(unpacker: unpacker, entry: entry, sheet: sheet)
        }
    }

    deinit { rows.stop() }

    /// The last row handed out, against the last row the sheet says it has.
    public var fractionRead: Double {
        if finished { return 1 }
        let last = rows.lastRow
        return last > 0 ? min(1, Double(taken) / Double(last)) : 0
    }

    private var taken = 0
    private var finished = false

    public func next() throws(RowProblem) -> SourceRow? {
        if index == current.count {
            let batch: [SourceRow]?
            do { batch = try rows.next() } catch { throw error.problem(file: (path as NSString).lastPathComponent) }
            guard let batch else {
                finished = true
                return nil
            }
            (current, index) = (batch, 0)
        }
        defer { index += 1 }
        taken = current[index].number
        return current[index]
    }
}

/// Unpacks a workbook's parts within `XLSXLimits`, counting every byte.
final class Unpacker: @unchecked Sendable {
    let archive: Archive
    private let layout: ZipLayout
    private let descriptor: Int32?
    private let inflatedBytes: Int
    /// Bytes unpacked from every part so far; once the sheet is being read, only its thread counts.
    private var total = 0

    /// `inflatedBytes`: the most all parts may unpack to (less in tests); `descriptor`: the
    /// file `layout` reads, closed with the unpacker.
    init(archive: Archive, layout: ZipLayout, closing descriptor: Int32? = nil, inflatedBytes: Int = XLSXLimits.inflatedBytes) {
        self.archive = archive
        self.layout = layout
        self.descriptor = descriptor
        self.inflatedBytes = inflatedBytes
    }

    deinit { if let descriptor { close(descriptor) } }

    /// Hands `entry`'s bytes to `consume` as they are unpacked: from its packed bytes only, so
    /// a stream that does not end where its part does is refused, and its checksum checked.
    func unpack(_ entry: Entry, limit: Int = XLSXLimits.inflatedBytes, _ consume: (Data) throws(XLSXDamage) -> Void) throws(XLSXDamage) {
        var inflated = 0
        let packedSize = entry.compressedSize
        let packed = max(1, Int(clamping: packedSize))
        guard let start = layout.dataOffset(of: entry) else { throw XLSXDamage(.notZip, part: entry.path) }
        var position: UInt64 = 0
        func take(_ count: Int) throws -> Data {
            let want = Int(min(UInt64(count), packedSize - position))
            guard want > 0 else { throw XLSXDamage(.packedDataEnds, part: entry.path) }
            var chunk = layout.read(at: start + position, count: want)
            guard chunk.count == want else { throw XLSXDamage(.packedDataEnds, part: entry.path) }
            position += UInt64(want)
            // ZIPFoundation tells zlib every chunk is `count` bytes long: a shorter last one is
            // padded, so that zlib never reads past it (a stream that ends where it should
            // stops before the padding; one that does not is refused at the next chunk).
            if entry.isCompressed && want < count { chunk.append(Data(count: count - want)) }
            return chunk
        }
        func counted(_ chunk: Data) throws {
            inflated += chunk.count
            total += chunk.count
            if total > inflatedBytes { throw XLSXDamage(.inflatedTooLarge(inflatedBytes)) }
            if inflated > limit { throw XLSXDamage(.partTooLarge(limit)) }
            if inflated > XLSXLimits.ratioFloorBytes && inflated / packed > XLSXLimits.compressionRatio {
                throw XLSXDamage(.compressionRatio(XLSXLimits.compressionRatio))
            }
            try consume(chunk)
        }
        do {
            let chunkSize = 1 << 16
            var checksum: CRC32 = 0
            if entry.isCompressed {
                checksum = try Data.decompress(
                    size: Int64(packed), bufferSize: chunkSize, skipCRC32: false, provider: { _, count in try take(count) },
                    consumer: counted)
            } else {
                while position < packedSize {
                    let chunk = try take(chunkSize)
                    checksum = chunk.crc32(checksum: checksum)
                    try counted(chunk)
                }
            }
            guard checksum == entry.checksum else { throw XLSXDamage(.notZip, part: entry.path) }
        } catch var damage as XLSXDamage {
            damage.part = damage.part ?? entry.path
            throw damage
        } catch {
            throw XLSXDamage(.notZip, part: entry.path)
        }
    }

    /// The part named `name` read into `handler`; nil when the workbook has no such part.
    func parse<Handler: XMLHandler>(_ name: String, into handler: Handler, limit: Int) throws(XLSXDamage) -> Handler? {
        guard let entry = archive[name] else { return nil }
        try parse(entry, into: handler, limit: limit)
        return handler
    }

    func parse(_ entry: Entry, into handler: some XMLHandler, limit: Int = XLSXLimits.inflatedBytes) throws(XLSXDamage) {
        var tokenizer = XMLTokenizer()
        try unpack(entry, limit: limit) { chunk throws(XLSXDamage) in try tokenizer.feed(chunk, to: handler) }
        do { try tokenizer.finish(handler) } catch {
            var damage = error
            damage.part = damage.part ?? entry.path
            throw damage
        }
    }
}

/// Cell references, numbers and dates as Excel shows them.
enum XLSX {
    /// `C5` → 2; nil unless it starts with one to three letters up to `XFD`, Excel's last column.
    static func columnIndex(_ reference: UnsafeBufferPointer<UInt8>) -> Int? {
        var index = 0
        var letters = 0
        for byte in reference {
            guard byte >= 0x41 && byte <= 0x5A else { break }
            letters += 1
            guard letters <= 3 else { return nil }
            index = index * 26 + Int(byte - 64)
        }
        return letters > 0 && index <= XLSXLimits.columns ? index - 1 : nil
    }

    /// 2 → `C`.
    static func columnName(_ index: Int) -> String {
        var n = index + 1
        var name = ""
        while n > 0 {
            let r = (n - 1) % 26
            name = String(UnicodeScalar(UInt8(65 + r))) + name
            n = (n - 1) / 26
        }
        return name
    }

    /// A number as Excel shows it in General format: 15 significant digits, no trailing zeros.
    static func numberText(_ number: Double) -> String {
        if number == number.rounded(), abs(number) < 1e15 { return String(Int64(number)) }
        var text = String(format: "%.15G", number)
        if text.contains("E") {
            // 3.30424198503150E+17: keep the mantissa's digits as Excel's 3.30424E+17 does.
            let parts = text.split(separator: "E")
            var mantissa = String(parts[0])
            if mantissa.contains(".") {
                while mantissa.hasSuffix("0") { mantissa.removeLast() }
                if mantissa.hasSuffix(".") { mantissa.removeLast() }
            }
            let exponent = Int(parts[1])!
            return mantissa + "E" + (exponent >= 0 ? "+" : "-") + String(format: "%02d", abs(exponent))
        }
        if text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return text
    }

    /// A date serial as `YYYY-MM-DD`, with ` HH:MM` when it has a time.
    static func dateText(serial: Double, date1904: Bool) -> String {
        var days = Int(serial.rounded(.down))
        let minutes = Int(((serial - Double(days)) * 1440).rounded())
        if !date1904 && days < 61 { days += 1 }  // Excel counts a 29 February 1900 that never was
        let base = date1904 ? LocalDate(year: 1904, month: 1, day: 1)! : LocalDate(year: 1899, month: 12, day: 30)!
        let date = base.adding(days: days + minutes / 1440)
        let rest = minutes % 1440
        return rest == 0 ? date.description : date.description + String(format: " %02d:%02d", rest / 60, rest % 60)
    }
}
