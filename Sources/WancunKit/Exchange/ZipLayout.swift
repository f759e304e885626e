import Foundation
import ZIPFoundation

/// Where each part's packed bytes lie in a workbook, read from the ZIP's own directory, so that
/// a part is unpacked from exactly its packed bytes and no further.
///
/// Written by hand because ZIPFoundation's `extract` reads on past a part's end and, on Linux,
/// loops for ever at the end of the file when a packed stream never ends (a workbook found by
/// fuzzing, `Tests/Fixtures/fuzz-xlsx-inflate-never-ends.xlsx`); its entries keep their offsets
/// internal. ZIPFoundation still lists the parts; this only says where their bytes are.
struct ZipLayout {
    enum Bytes {
        /// An open file, read with pread(2): the sheet's thread and the caller's never share a position.
        case file(Int32)
        case data(Data)
    }

    private let bytes: Bytes
    private let size: UInt64
    /// Each part's local header, by name.
    private var localHeaders: [String: UInt64] = [:]

    /// Reads the directory at the end of the file; nil for anything that is not a ZIP's.
    init?(_ bytes: Bytes) {
        self.bytes = bytes
        switch bytes {
        case .file(let descriptor):
            var info = stat()
            guard fstat(descriptor, &info) == 0 else { return nil }
            size = UInt64(info.st_size)
        case .data(let data): size = UInt64(data.count)
        }
        guard size >= 22 else { return nil }
        // The end-of-directory record: its signature within the last 64 KiB + 22 bytes.
        let tailLength = Int(min(size, 65_557))
        let tail = read(at: size - UInt64(tailLength), count: tailLength)
        guard tail.count == tailLength,
            let end = stride(from: tailLength - 22, through: 0, by: -1).first(where: { tail.le32($0) == 0x0605_4B50 })
        else { return nil }
        var directory = UInt64(tail.le32(end + 16))
        var entries = UInt64(tail.le16(end + 10))
        if directory == 0xFFFF_FFFF || entries == 0xFFFF {
            // ZIP64: a locator just before the record leads to the larger record.
            let locatorAt = size - UInt64(tailLength) + UInt64(end)
            guard locatorAt >= 20 else { return nil }
            let locator = read(at: locatorAt - 20, count: 20)
            guard locator.count == 20, locator.le32(0) == 0x0706_4B50 else { return nil }
            let record = read(at: locator.le64(8), count: 56)
            guard record.count == 56, record.le32(0) == 0x0606_4B50 else { return nil }
            (entries, directory) = (record.le64(32), record.le64(48))
        }
        var at = directory
        for _ in 0..<entries {
            let header = read(at: at, count: 46)
            guard header.count == 46, header.le32(0) == 0x0201_4B50 else { return nil }
            let (nameLength, extraLength, commentLength) = (header.le16(28), header.le16(30), header.le16(32))
            let rest = read(at: at + 46, count: nameLength + extraLength)
            guard rest.count == nameLength + extraLength else { return nil }
            let name = String(decoding: rest.prefix(nameLength), as: UTF8.self)
            var offset = UInt64(header.le32(42))
            if offset == 0xFFFF_FFFF {
                // The ZIP64 extra field holds, in order, each size or offset too large for its field.
                guard let wide = Self.zip64Offset(Data(rest.dropFirst(nameLength)), header: header) else { return nil }
                offset = wide
            }
            localHeaders[name] = offset
            at += UInt64(46 + nameLength + extraLength + commentLength)
        }
    }

    private static func zip64Offset(_ extra: Data, header: Data) -> UInt64? {
        var index = 0
        while index + 4 <= extra.count {
            let (id, length) = (extra.le16(index), extra.le16(index + 2))
            if id == 0x0001 {
                var field = index + 4
                if header.le32(24) == 0xFFFF_FFFF { field += 8 }
                if header.le32(20) == 0xFFFF_FFFF { field += 8 }
                return field + 8 <= extra.count ? extra.le64(field) : nil
            }
            index += 4 + length
        }
        return nil
    }

    /// Where `entry`'s packed bytes begin, from its local header.
    func dataOffset(of entry: Entry) -> UInt64? {
        guard let local = localHeaders[entry.path] else { return nil }
        let header = read(at: local, count: 30)
        guard header.count == 30, header.le32(0) == 0x0403_4B50 else { return nil }
        return local + 30 + UInt64(header.le16(26)) + UInt64(header.le16(28))
    }

    /// Up to `count` bytes at `offset` (fewer at the end of the file).
    func read(at offset: UInt64, count: Int) -> Data {
        guard offset < size, count > 0 else { return Data() }
        let count = Int(min(UInt64(count), size - offset))
        switch bytes {
        case .data(let data):
            let start = data.startIndex + Int(offset)
            return data.subdata(in: start..<start + count)
        case .file(let descriptor):
            var data = Data(count: count)
            let read = data.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, count, off_t(offset)) }
            return read == count ? data : Data()
        }
    }
}

extension Data {
    fileprivate func le16(_ at: Int) -> Int { Int(self[startIndex + at]) | Int(self[startIndex + at + 1]) << 8 }
    fileprivate func le32(_ at: Int) -> UInt32 {
        (0..<4).reduce(UInt32(0)) { $0 | UInt32(self[startIndex + at + $1]) << (8 * $1) }
    }
    fileprivate func le64(_ at: Int) -> UInt64 {
        (0..<8).reduce(UInt64(0)) { $0 | UInt64(self[startIndex + at + $1]) << (8 * $1) }
    }
}
