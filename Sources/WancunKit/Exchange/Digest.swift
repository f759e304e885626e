import Crypto
import Foundation

/// SHA-256 digests as lowercase hex: of text (run hashes), of bytes, and of a file read in chunks.
public enum Digest {
    public static func sha256(_ data: Data) -> String { hex(SHA256.hash(data: data)) }

    public static func sha256(text: String) -> String { sha256(Data(text.utf8)) }

    /// Of lines given as UTF-8 bytes, each ended by a newline (as if joined into one text).
    public static func sha256(lines: [[UInt8]]) -> String {
        var hasher = SHA256()
        for line in lines {
            hasher.update(data: line)
            hasher.update(data: [0x0A])
        }
        return hex(hasher.finalize())
    }

    public static func sha256(fileAt path: String) throws(RowProblem) -> String {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            // A file that is not there says so.
            if !FileManager.default.fileExists(atPath: path) {
                throw RowProblem(file: (path as NSString).lastPathComponent, row: nil, rule: "FILE_NOT_FOUND", message: .fileNotFound(path))
            }
            throw RowProblem(file: (path as NSString).lastPathComponent, row: nil, rule: "FILE_UNREADABLE", message: .cannotRead(path))
        }
        defer { try? handle.close() }
        var hasher = SHA256()
        while let chunk = try? handle.read(upToCount: 1 << 20), !chunk.isEmpty { hasher.update(data: chunk) }
        return hex(hasher.finalize())
    }

    /// The digest of bytes as lowercase hex, itself as ASCII bytes (for thousands of small lines).
    public static func sha256Hex(bytes: [UInt8]) -> [UInt8] {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(64)
        for byte in SHA256.hash(data: bytes) {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return out
    }

    static func hex(_ digest: SHA256.Digest) -> String {
        digest.map { $0 < 16 ? "0" + String($0, radix: 16) : String($0, radix: 16) }.joined()
    }
}
