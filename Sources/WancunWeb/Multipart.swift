import Foundation
import Hummingbird
import MultipartKit
import NIOCore
import WancunKit

/// A file sent with a form: where it was written, under the name the browser gave.
public struct Upload: Sendable {
    /// The file's name as sent, reduced to its last path component.
    public var fileName: String
    /// Where the body was written, in the server's private upload folder.
    public var path: String
    public var size: Int
}

/// The folder uploads are written to: made once per process in the system's temporary folder,
/// readable by the server's user only, never beside the database or in the working directory.
enum UploadFolder {
    static let url: URL = {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("wancun-web-" + SessionStore.randomToken().prefix(16))
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        return url
    }()

    /// A new folder of its own under it, for one job's files.
    static func makeFolder() throws -> URL {
        let url = Self.url.appendingPathComponent(SessionStore.randomToken())
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        return url
    }
}

/// Reads a `multipart/form-data` body as it arrives: text fields into memory, each file
/// straight to a file of its own in the upload folder, so that a large upload is never held
/// whole. (MultipartKit's parser does the splitting; its `FormDataDecoder` would need the
/// whole body in memory.)
final class MultipartReader {
    /// A text field past this is refused: forms' text fields are short.
    static let fieldLimit = 64 * 1024

    private let parser: MultipartParser
    private(set) var fields: [String: String] = [:]
    private(set) var files: [String: Upload] = [:]
    private var disposition: String?
    private var part: Part?
    private var failure: (any Error)?

    private enum Part {
        case field(name: String, bytes: [UInt8])
        case file(name: String, upload: Upload, handle: FileHandle)
        case ignored
    }

    private struct TooLong: Error {}

    init(boundary: String) {
        parser = MultipartParser(boundary: boundary)
        parser.onHeader = { [unowned self] name, value in
            if name.lowercased() == "content-disposition" { disposition = value }
        }
        parser.onBody = { [unowned self] buffer in
            do { try take(&buffer) } catch { failure = failure ?? error }
        }
        parser.onPartComplete = { [unowned self] in
            do { try complete() } catch { failure = failure ?? error }
        }
    }

    /// The boundary a `Content-Type: multipart/form-data; boundary=…` names.
    static func boundary(_ contentType: String) -> String? {
        for parameter in contentType.split(separator: ";").dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            if pair.count == 2, pair[0].lowercased() == "boundary" {
                let value = pair[1].trimmingCharacters(in: CharacterSet(charactersIn: "\""))
                return value.isEmpty || value.count > 200 ? nil : value
            }
        }
        return nil
    }

    func feed(_ buffer: ByteBuffer) throws {
        try parser.execute(buffer)
        if let failure { throw failure }
    }

    /// Removes the files written so far (for a body refused part way).
    func discard() {
        if case .file(_, let upload, let handle) = part {
            try? handle.close()
            try? FileManager.default.removeItem(atPath: upload.path)
        }
        part = nil
        for upload in files.values { try? FileManager.default.removeItem(atPath: upload.path) }
        files = [:]
    }

    private func begin() throws -> Part {
        let params = Self.parameters(disposition ?? "")
        disposition = nil
        guard let name = params["name"] else { return .ignored }
        guard let sent = params["filename"] else { return .field(name: name, bytes: []) }
        guard files[name] == nil else { return .ignored }
        let fileName = Self.safeName(sent)
        let path = UploadFolder.url.appendingPathComponent(SessionStore.randomToken() + ".upload").path
        guard FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600]),
            let handle = FileHandle(forWritingAtPath: path)
        else { throw CocoaError(.fileWriteUnknown) }
        return .file(name: name, upload: Upload(fileName: fileName, path: path, size: 0), handle: handle)
    }

    private func take(_ buffer: inout ByteBuffer) throws {
        var current = try part ?? begin()
        switch current {
        case .field(let name, var bytes):
            bytes.append(contentsOf: buffer.readableBytesView)
            if bytes.count > Self.fieldLimit { throw TooLong() }
            current = .field(name: name, bytes: bytes)
        case .file(let name, var upload, let handle):
            upload.size += buffer.readableBytes
            try handle.write(contentsOf: buffer.readableBytesView)
            current = .file(name: name, upload: upload, handle: handle)
        case .ignored: break
        }
        buffer.moveReaderIndex(to: buffer.writerIndex)
        part = current
    }

    private func complete() throws {
        let current = try part ?? begin()
        part = nil
        switch current {
        case .field(let name, let bytes):
            if fields[name] == nil { fields[name] = String(decoding: bytes, as: UTF8.self) }
        case .file(let name, let upload, let handle):
            try handle.close()
            // A file input left empty sends a part with no name and no bytes.
            if upload.fileName.isEmpty && upload.size == 0 {
                try? FileManager.default.removeItem(atPath: upload.path)
            } else {
                files[name] = upload
            }
        case .ignored: break
        }
    }

    /// `form-data; name="file"; filename="a.csv"` → ["name": "file", "filename": "a.csv"].
    static func parameters(_ header: String) -> [String: String] {
        var result: [String: String] = [:]
        var rest = Substring(header)
        while let semicolon = rest.firstIndex(of: ";") {
            rest = rest[rest.index(after: semicolon)...].drop { $0 == " " }
            guard let equals = rest.firstIndex(of: "=") else { break }
            let key = rest[..<equals].trimmingCharacters(in: .whitespaces).lowercased()
            rest = rest[rest.index(after: equals)...]
            var value = ""
            if rest.first == "\"" {
                rest = rest.dropFirst()
                var escaped = false
                while let c = rest.first {
                    rest = rest.dropFirst()
                    if escaped {
                        value.append(c)
                        escaped = false
                    } else if c == "\\" {
                        escaped = true
                    } else if c == "\"" {
                        break
                    } else {
                        value.append(c)
                    }
                }
                rest = rest.drop { $0 != ";" }
            } else {
                let end = rest.firstIndex(of: ";") ?? rest.endIndex
                value = rest[..<end].trimmingCharacters(in: .whitespaces)
                rest = rest[end...]
            }
            if result[key] == nil { result[key] = value }
        }
        return result
    }

    /// The last component of a name a browser sent (some send a whole Windows path), without
    /// characters a file name cannot hold; percent-escapes (`%22` for a quote) undone.
    static func safeName(_ sent: String) -> String {
        let decoded = sent.removingPercentEncoding ?? sent
        let last = decoded.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
        let cleaned = String(last.unicodeScalars.filter { $0.value >= 0x20 && $0 != ":" && $0.value != 0x7F }.map(Character.init))
        let trimmed = cleaned.trimmingCharacters(in: .whitespaces)
        return trimmed == "." || trimmed == ".." ? "" : fitting(trimmed, bytes: maxNameBytes)
    }

    /// At most this many bytes of UTF-8, so that the name with the `.errors.csv` or
    /// `.result.xlsx` a copy adds stays within the 255 bytes a file name may have.
    static let maxNameBytes = 150

    /// `name` cut, at a character, to `bytes` bytes of UTF-8, its extension kept: a long name
    /// is shortened in its middle part rather than refused, since it only names the upload.
    static func fitting(_ name: String, bytes: Int) -> String {
        guard name.utf8.count > bytes else { return name }
        let dot = name.lastIndex(of: ".").map { name.distance(from: $0, to: name.endIndex) <= 10 ? $0 : name.endIndex } ?? name.endIndex
        let ext = String(name[dot...])
        var stem = ""
        for character in name[..<dot] {
            if stem.utf8.count + character.utf8.count + ext.utf8.count > bytes { break }
            stem.append(character)
        }
        return stem + ext
    }
}
