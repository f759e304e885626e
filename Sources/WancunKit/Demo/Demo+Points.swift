/// The demo's points and operators: 30 points in real Haiyan villages, in all four states,
/// run by plainly fictional people (surnames with 示例/演示 given names, phones 1380000xxxx)
/// whose ID numbers carry valid check characters.
extension Demo {
    static let surnames = Array("张王李赵刘陈杨黄周吴徐孙朱马胡郭林何高罗郑梁谢宋唐许韩冯邓曹")
    static let givenNames = ["示例", "演示", "样例", "测试"]

    /// A fictional ID number in Haiyan (330424) for a birth date and a serial number.
    public static func idNumber(born: LocalDate, serial: Int, male: Bool) -> String {
        var tail = serial * 2 % 1000
        if male { tail += 1 }
        let digits = String(format: "330424%04d%02d%02d%03d", born.year, born.month, born.day, tail % 1000)
        return ResidentID.withCheckCharacter(digits)
    }

    static func addPointsAndOperators(_ db: AppDatabase, context: ChangeContext) throws {
        let rural = try db.divisions(DivisionFilter(under: county, level: .village, ruralOnly: true))
        let categories: [DifficultyCategory] = [.age4050, .landLost, .minimumIncome, .disabled, .longTermUnemployed, .zeroEmployment]
        for index in 0..<30 {
            let village = rural[index * rural.count / 30]
            let openedMonth = 1 + index % 12
            let opened = LocalDate(year: 2024 + index % 2, month: openedMonth, day: 1 + index % 28)!
            let planned = index % 10 == 9
            let point = try db.addPoint(
                NewPoint(
                    village: village.code, name: Normalize.villageName(village.name) + "电商服务站",
                    address: "海盐县" + Normalize.villageName(village.name) + (index % 3 == 0 ? "村委会旁" : "中心路\(index + 1)号"),
                    // As a clerk types them, to four decimals (ten-thousandths of a degree).
                    latitude: Double(304_500 + index % 6 * 300 + index * 10) / 10_000,
                    longitude: Double(1_208_000 + index / 6 * 400 + index * 7) / 10_000,
                    planYear: planned ? 2026 : 2023 + index % 3, openedOn: planned ? nil : opened),
                context: context)
            if planned { continue }

            let male = index % 3 != 0
            let born = LocalDate(year: 1966 + index * 997 % 28, month: 1 + index * 7 % 12, day: 1 + index * 11 % 28)!
            let id = idNumber(born: born, serial: 100 + index, male: male)
            let certified = LocalDate(year: 2023, month: 1 + index % 12, day: 15)!
            var category = index % 7 == 6 ? nil : categories[index % categories.count]
            // 4050 only for those old enough for it on the certification day.
            if category == .age4050, try !ResidentID(parsing: id, today: context.today).meets4050(on: certified) { category = .landLost }
            let person = try db.addOperator(
                NewOperator(
                    name: String(surnames[index % surnames.count]) + givenNames[index % givenNames.count],
                    idNumber: id, phone: String(format: "1380000%04d", 1000 + index),
                    difficulty: category, certificateNo: category.map { _ in String(format: "海人社困认字2024第%03d号", index + 1) },
                    certifiedOn: category.map { _ in certified },
                    retirementGroup: male ? .male : (index % 2 == 0 ? .female50 : .female55)),
                context: context)
            _ = try db.assign(
                NewAssignment(
                    pointCode: point.code, idNumber: person.idNumber, from: opened, contractType: index % 4 == 0 ? .labour : .civil,
                    contractFrom: opened, contractTo: LocalDate(year: opened.year + 3, month: opened.month, day: opened.day)),
                context: context)
            if index % 10 == 4 {
                try db.changeStatus(
                    point.code, to: .suspended, reason: "站长因病暂停营业", on: LocalDate(year: 2026, month: 9, day: 1), context: context)
            }
            if index % 10 == 7 {
                try db.changeStatus(
                    point.code, to: .closed, reason: "村庄撤并，服务点关闭", on: LocalDate(year: 2026, month: 6, day: 30), context: context)
            }
        }
        // A change of operator, and a business with a credit code, to show the history.
        let first = try db.points().first!
        var edit = PointEdit()
        edit.businessName = "海盐县示例电子商务服务有限公司"
        edit.creditCode = CreditCode.withCheckCharacter("91330424MA2DEM001")
        _ = try db.editPoint(first.code, edit, context: context)
        let successor = try db.addOperator(
            NewOperator(
                name: "钱演示", idNumber: idNumber(born: LocalDate(year: 1975, month: 3, day: 8)!, serial: 900, male: false),
                phone: "13800009999", difficulty: .age4050, certificateNo: "海人社困认字2025第101号",
                certifiedOn: LocalDate(year: 2025, month: 12, day: 1), retirementGroup: .female50),
            context: context)
        _ = try db.assign(
            NewAssignment(
                pointCode: first.code, idNumber: successor.idNumber, from: LocalDate(year: 2026, month: 3, day: 1)!,
                contractType: .labour, contractFrom: LocalDate(year: 2026, month: 3, day: 1), contractTo: LocalDate(year: 2028, month: 2, day: 29)),
            context: context)
    }
}
