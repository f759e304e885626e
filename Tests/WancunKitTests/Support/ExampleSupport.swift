import Foundation
import GRDB
import Testing

@testable import WancunKit

/// One line of a shell example, split as `sh` would: `'…'` and `"…"` quoting, `\` escapes,
/// `> FILE` sending standard output to a file, and a comment from a `#` that starts a word.
struct ShellLine: Equatable {
    var words: [String] = []
    var stdoutFile: String?
    var comment: String?

    init(_ text: String) {
        let characters = Array(text)
        var word = ""
        var inWord = false
        var redirect = false
        var quote: Character?
        func flush() {
            guard inWord else { return }
            if redirect { stdoutFile = word } else { words.append(word) }
            redirect = false
            word = ""
            inWord = false
        }
        var i = 0
        while i < characters.count {
            let c = characters[i]
            if let q = quote {
                if c == q {
                    quote = nil
                } else if q == "\"", c == "\\", i + 1 < characters.count {
                    i += 1
                    word.append(characters[i])
                } else {
                    word.append(c)
                }
            } else if c == "'" || c == "\"" {
                quote = c
                inWord = true
            } else if c == "\\", i + 1 < characters.count {
                i += 1
                word.append(characters[i])
                inWord = true
            } else if c == " " || c == "\t" {
                flush()
            } else if c == "#", !inWord {
                comment = String(characters[(i + 1)...]).trimmingCharacters(in: .whitespaces)
                break
            } else if c == ">" {
                flush()
                redirect = true
            } else {
                word.append(c)
                inWord = true
            }
            i += 1
        }
        flush()
    }

    /// The lines of a `sh` block, each `\`-continued line joined to the next.
    static func lines(of block: String) -> [String] {
        var joined: [String] = []
        var pending = ""
        for raw in block.components(separatedBy: "\n") {
            let line = raw.replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
            if line.hasSuffix("\\") {
                pending += line.dropLast() + " "
            } else {
                joined.append(pending + line)
                pending = ""
            }
        }
        if !pending.isEmpty { joined.append(pending) }
        return joined
    }
}

/// The files the examples name, made with the library's own writers when an example first
/// needs one, with content that the database at hand accepts.
enum ExampleFixtures {
    struct Request: Sendable {
        var directory: URL
        /// The database the example runs against.
        var database: String
        /// The example's words after `wancun`.
        var words: [String]
        /// The run an `N` in the example stands for.
        var run: Int64?

        func option(_ name: String) -> String? {
            words.firstIndex(of: name).flatMap { $0 + 1 < words.count ? words[$0 + 1] : nil }
        }
    }

    /// Writes each fixture an example names that is not yet in its directory.
    static func prepare(_ request: Request) throws {
        for word in request.words {
            guard let make = makers[word] else { continue }
            let url = request.directory.appendingPathComponent(word)
            guard !FileManager.default.fileExists(atPath: url.path) else { continue }
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try make(url.path, request)
        }
    }

    /// The courier the README registers and links to its point.
    static let readmeCourier = "京东物流海盐营业部"
    static let readmePoint = "330424101201001"

    static let makers: [String: @Sendable (String, Request) throws -> Void] = [
        "seed/divisions-330424-haiyan.csv": { path, _ in try FileManager.default.copyItem(atPath: haiyanCSV, toPath: path) },
        "haiyan.csv": { path, _ in try FileManager.default.copyItem(atPath: haiyanCSV, toPath: path) },
        // The backup restore's help brings back: one of the registry at hand.
        "usb/county-2026-11-25.sqlite": { path, request in
            try AppDatabase(path: request.database).backup(to: path, context: testContext)
        },
        // October's parcels at the README's point, from the courier it links there.
        "10月包裹.xlsx": { path, _ in
            let rows: [[SheetCell]] = (1...20).map { n in
                let day = String(format: "2026-10-%02d", n)
                return [.text(readmePoint), .text(String(format: "JD%010d", n)), .text(readmeCourier), .text(day + " 10:00"), .text(day + " 17:30")]
            }
            try TableFile.write(Worksheet(name: "包裹", header: ["服务点编码", "运单号", "快递公司", "到站时间", "取件时间"], rows: rows), to: path)
        },
        // One post in another department, held by someone the registry does not know.
        "其他部门公益性岗位.xlsx": { path, _ in
            try TableFile.write(
                Worksheet(
                    name: "其他岗位", header: ["公民身份号码", "姓名", "单位"],
                    rows: [[.text(ResidentID.withCheckCharacter("33042419700101041")), .text("外单位人员"), .text("县民政局")]]),
                to: path)
        },
        // Two new points in 沈荡镇 villages without one: a planned one, and one open with its operator.
        "沈荡镇服务点.xlsx": { path, _ in
            let planned: [String: String] = ["village_code": "330424101203", "name": "尤甪村电商服务站", "plan_year": "2026"]
            let open: [String: String] = [
                "village_code": "330424101205", "name": "中钱村电商服务站", "plan_year": "2025", "opened_on": "2026-03-01",
                "operator_name": "李演示", "id_number": Demo.idNumber(born: LocalDate(year: 1978, month: 6, day: 12)!, serial: 700, male: true),
                "phone": "13800000012", "retirement_group": "male", "difficulty": "land-lost", "certificate_no": "海人社困认字2025第201号",
                "certified_on": "2025-02-01", "contract_type": "civil", "contract_from": "2026-03-01", "contract_to": "2027-02-28",
                "services": "parcel,agent-purchase:农资",
            ]
            try TableFile.write(
                Worksheet(
                    name: "服务点", header: PointSheet.columns.map(\.header),
                    rows: [planned, open].map { row in PointSheet.columns.map { .text(row[$0.key] ?? "") } }),
                to: path)
        },
        // What a town sends: a CSV saved by Chinese Excel, in GB18030 (no writer of wancun's makes one).
        "乡镇报送.csv": { path, _ in
            let text = "乡镇,服务点名称,本月包裹\r\n沈荡镇,聚金村电商服务站,20\r\n沈荡镇,横泾村电商服务站,18\r\n"
            try text.data(using: TextEncoding.foundationGB18030)!.write(to: URL(fileURLWithPath: path))
        },
        // The bureau's answer with the demo's differences (exit 3).
        "人社局反馈.xlsx": { path, request in
            try Demo.bureauAnswer(AppDatabase(path: request.database), run: try #require(request.run), to: path)
        },
        // An answer that agrees with the run in every row (exit 0).
        "人社局反馈2026年10月.xlsx": { path, request in
            let eligible = try AppDatabase(path: request.database).subsidyResults(try #require(request.run), only: .eligible)
            let rows: [[SheetCell]] = eligible.map { r in
                [
                    .text(r.idNumber ?? ""), .text(r.operatorName ?? ""), .text("通过"), .money(r.amount), .money(r.amount), .text("2026-11-20"),
                    .text(""),
                ]
            }
            try TableFile.write(
                Worksheet(name: "审核结果", header: ["公民身份号码", "姓名", "核定结果", "核定金额(元)", "发放金额(元)", "发放日期", "备注"], rows: rows),
                to: path)
        },
        // The courier's manifest for the month: exactly the parcels the ledger holds from it.
        "10月到件.csv": { path, request in
            let courier = try #require(request.option("--courier"))
            let month = try Month(parsing: try #require(request.option("--month")))
            let queue = try DatabaseQueue(path: request.database)
            defer { try? queue.close() }
            let rows = try queue.read { db in
                try Row.fetchAll(
                    db,
                    sql: """
                        SELECT x.waybill, p.code, x.arrived_at FROM parcel x JOIN point p ON p.id = x.point_id JOIN courier c ON c.id = x.courier_id
                        WHERE c.name = ? AND x.arrived_at >= ? AND x.arrived_at < ? ORDER BY x.id
                        """, arguments: [courier, month.firstDay.description, month.adding(months: 1).firstDay.description])
            }
            #expect(!rows.isEmpty, "no parcels from \(courier) in \(month)")
            try TableFile.write(
                Worksheet(
                    name: "到件", header: ["运单号", "服务点编码", "到站时间"],
                    rows: rows.map { [.text($0[0]), .text($0[1]), .text($0[2])] }),
                to: path)
        },
    ]
}
