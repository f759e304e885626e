import Foundation
import Testing

@testable import WancunKit

@Suite struct RowDigestTests {
    /// The digest Python computes for the same rows (scripts/bench_tables.py).
    @Test func rowsHashAsPythonHashesThem() {
        var digest = RowDigest()
        for row in [["a", "b", ""], ["中文"], [], ["", "x"]] { digest.add(row) }
        #expect(digest.finish() == "40baa8fa699a77d6e682c731d642898f4c116a5c0fc6c6311165f680d42dde5a")
    }

    @Test(
        arguments: [
            ([0x61, 0x62], true), ([0xE4, 0xB8, 0xAD], true), ([], true), ([0xFF], false), ([0xF0, 0x9F, 0x98, 0x41], false),
            ([0xEF, 0xBF, 0xBD], true), ([0xC0, 0xAF], false), ([0xED, 0xA0, 0x80], false),
        ] as [([UInt8], Bool)])
    func utf8IsValidExactlyWhenTheStandardLibrarySays(bytes: [UInt8], valid: Bool) {
        let text = bytes.withUnsafeBufferPointer { TextEncoding.utf8($0) }
        #expect((text != nil) == valid)
        #expect(text == String(validating: bytes, as: UTF8.self))
    }

    @Test func inspectionDigestsEveryCell() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("digest-\(UUID().uuidString).csv").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Data("a,b,\n中文\n".utf8).write(to: URL(fileURLWithPath: path))
        var digest = RowDigest()
        for row in [["a", "b", ""], ["中文"]] { digest.add(row) }
        #expect(try FileInspection.inspect(path: path, digest: true).digest == digest.finish())
        #expect(try FileInspection.inspect(path: path).digest == nil)
    }
}
