import Foundation

/// The demo's subsidy inputs: HR verifications for the points in the plan, an opening
/// balance, an early retirement, another department's post; then October 2026 is checked.
extension Demo {
    static func addSubsidyInputs(_ db: AppDatabase, context: ChangeContext) throws {
        let points = try db.points().filter { $0.planYear.map { $0 <= 2025 } ?? false }
        for (index, point) in points.enumerated() where index % 8 != 7 {
            try db.verifyPoint(
                point.code, hrRef: "海人社核〔2025〕\(index + 1)号", on: LocalDate(year: 2025, month: 12, day: 15)!, until: nil, context: context)
        }
        let people = try db.operators().map(\.0).filter { $0.difficulty != nil }
        if people.count > 3 {
            try db.setOpeningBalance(
                idNumber: people[0].idNumber, months: 36, asOf: Month(year: 2025, month: 12)!, first: nil, source: "2023—2025年补贴发放台账（演示）",
                context: context)
            try db.setOpeningBalance(
                idNumber: people[1].idNumber, months: 12, asOf: Month(year: 2025, month: 12)!, first: nil, source: "2025年补贴发放台账（演示）",
                context: context)
        }
        // The county's other departments answered for October with one post: that person is
        // paid there, so not at their service point.
        if people.count > 4 {
            let list = FileManager.default.temporaryDirectory.appendingPathComponent("wancun-demo-other-posts-\(UUID().uuidString).csv").path
            defer { try? FileManager.default.removeItem(atPath: list) }
            try TableFile.write(
                Worksheet(
                    name: "其他岗位", header: ["公民身份号码", "姓名", "单位"], rows: [[.text(people[4].idNumber), .text(people[4].name), .text("县民政局（演示）")]]),
                to: list)
            _ = try db.importOtherPosts(from: list, month: activityMonth, context: context)
        }
    }

    /// Checks October 2026, finalizes the run (approved by `review` once the demo has
    /// accounts) and writes the roster beside the database.
    public static func runMonth(_ db: AppDatabase, rosterPath: String, review: Review? = nil, context: ChangeContext) throws
        -> (SubsidyRunInfo, RosterExport)
    {
        let info = try db.runSubsidyCheck(month: activityMonth, context: context)
        try db.finalizeRun(info.run.id!, review: review, context: context)
        let export = try db.exportRoster(run: info.run.id!, to: rosterPath, context: context)
        return (info, export)
    }
}

extension Demo {
    /// The bureau's answer to the demo's roster, with a few differences a clerk must see: a
    /// lower payment, a rejection, a person left out, a misspelt name, an ID it does not know.
    public static func bureauAnswer(_ db: AppDatabase, run: Int64, to path: String) throws {
        let eligible = try db.subsidyResults(run, only: .eligible)
        var rows: [[SheetCell]] = []
        for (index, result) in eligible.enumerated() {
            if index == 2 { continue }  // left out
            var name = result.operatorName ?? ""
            var decision = "通过"
            var approved = result.amount
            var paid = result.amount
            if index == 0 { paid = Fen(result.amount.value - 10_000) }
            if index == 1 {
                decision = "不通过"
                approved = .zero
                paid = .zero
            }
            if index == 3 { name = String(name.dropLast()) + "士" }
            rows.append([
                .text(result.idNumber ?? ""), .text(name), .text(decision), .money(approved), .money(paid),
                .text(decision == "通过" ? "2026-11-20" : ""), .text(index == 1 ? "核查时服务点未开门" : ""),
            ])
        }
        rows.append([
            .text(ResidentID.withCheckCharacter("33042419900101999")), .text("外县人员"), .text("通过"), .money(Fen(150000)), .money(Fen(150000)),
            .text("2026-11-20"), .text(""),
        ])
        try XLSXWriter.write(
            [
                Worksheet(
                    name: "审核结果", title: "海盐县人力资源和社会保障局公益性岗位补贴审核结果（2026年10月）",
                    header: ["公民身份号码", "姓名", "核定结果", "核定金额(元)", "发放金额(元)", "发放日期", "备注"], rows: rows)
            ],
            to: path)
    }
}
