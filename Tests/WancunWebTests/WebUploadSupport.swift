import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

@testable import WancunKit
@testable import WancunWeb

/// A `multipart/form-data` body as a browser sends it: the text fields, then the file.
func multipartBody(_ fields: [(String, String)], file: (name: String, fileName: String, data: Data)?) -> (HTTPFields, ByteBuffer) {
    let boundary = "----wancun" + UUID().uuidString
    var body = Data()
    for (name, value) in fields {
        body.append(Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n".utf8))
    }
    if let file {
        let disposition = "Content-Disposition: form-data; name=\"\(file.name)\"; filename=\"\(file.fileName)\"\r\n"
        body.append(Data("--\(boundary)\r\n\(disposition)Content-Type: application/octet-stream\r\n\r\n".utf8))
        body.append(file.data)
        body.append(Data("\r\n".utf8))
    }
    body.append(Data("--\(boundary)--\r\n".utf8))
    return ([.contentType: "multipart/form-data; boundary=\(boundary)"], ByteBuffer(bytes: body))
}

/// A registry of its own for a test that changes it: the demo's, in a folder of its own.
func freshDemoDatabase() throws -> AppDatabase {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("wancun-web-upload-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    return try Demo.build(
        at: dir.appendingPathComponent("web.sqlite").path, seed: repositoryRoot.appendingPathComponent("seed").path, context: webContext)
}

func makeWebApp(database: AppDatabase, _ configuration: WebConfiguration = WebConfiguration()) -> WebApp {
    WebApp(database: database, configuration: configuration, signIn: TestSignIn())
}

/// A points file's lines: the sheet's header and a row per value set, by column key.
func pointsTable(_ rows: [[String: String]]) -> [[String]] {
    [PointSheet.columns.map(\.header)] + rows.map { values in PointSheet.columns.map { values[$0.key] ?? "" } }
}

func csvText(_ table: [[String]]) -> String {
    table.map { $0.map(CSVWriter.quoted).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
}

func xlsxData(_ table: [[String]]) throws -> Data {
    try XLSXWriter.data([Worksheet(name: "服务点", header: table[0], rows: table.dropFirst().map { $0.map { SheetCell.text($0) } })])
}

/// The path a job's redirect names.
func jobPath(_ response: TestResponse) throws -> String { try #require(response.headers[.location]) }

/// Polls the job's status until it is neither checking nor importing.
func settle(_ client: any TestClientProtocol, _ path: String, _ session: WebSession) async throws -> [String: Any] {
    for _ in 0..<600 {
        let status = try await client.execute(uri: path + "/status", method: .get, headers: cookieHeader(session))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(status.text.utf8)) as? [String: Any])
        let state = object["state"] as? String
        if state != "checking" && state != "importing" { return object }
        try await Task.sleep(for: .milliseconds(50))
    }
    Issue.record("the job did not finish")
    return [:]
}

/// Posts a form (with its token) and returns the response.
func post(_ client: any TestClientProtocol, _ path: String, _ session: WebSession, _ fields: [(String, String)] = []) async throws -> TestResponse {
    try await client.execute(
        uri: path, method: .post, headers: cookieHeader(session) + formType, body: formBody([("_csrf", session.csrfToken)] + fields))
}

/// Uploads a file through a multipart form.
func upload(
    _ client: any TestClientProtocol, _ path: String, _ session: WebSession, _ fields: [(String, String)], fileName: String, data: Data,
    token: Bool = true
) async throws -> TestResponse {
    let (headers, body) = multipartBody((token ? [("_csrf", session.csrfToken)] : []) + fields, file: ("file", fileName, data))
    return try await client.execute(uri: path, method: .post, headers: cookieHeader(session) + headers, body: body)
}
