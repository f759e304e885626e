import Crypto
import Foundation

/// SHA-256 digests as lowercase hex: of text (run hashes), of bytes, and of a file read in chunks.
public enum Digest {
    public static func sha256(_ data: Data) -> String { hex(SHA256.hash(data: data)) }

    public static func sha256(text: String) -> String { sha256(Data(text.utf8)) }

    public static func sha256(fileAt path: String) throws(RowProblem) -> String {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw RowProblem(file: (path as NSString).lastPathComponent, row: nil, rule: "FILE_UNREADABLE", message: .cannotRead(path))
        }
        defer { try? handle.close() }
        var hasher = SHA256()
        while let chunk = try? handle.read(upToCount: 1 << 20), !chunk.isEmpty { hasher.update(data: chunk) }
        return hex(hasher.finalize())
    }

    static func hex(_ digest: SHA256.Digest) -> String {
        digest.map { $0 < 16 ? "0" + String($0, radix: 16) : String($0, radix: 16) }.joined()
    }
}
