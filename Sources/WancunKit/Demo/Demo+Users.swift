/// The demo's accounts: one of each role, the town clerk for the demo's first town. Their
/// passwords are made anew for each demo and printed with it: for trying the demo only.
extension Demo {
    public struct DemoUser: Sendable {
        public var account: UserAccount
        public var townName: String?
        public var password: String
    }

    public static let reviewerName = "吴审核"

    public static func addUsers(_ db: AppDatabase, hasher: PasswordHasher = .standard, context: ChangeContext) throws -> [DemoUser] {
        let town = try db.divisions(DivisionFilter(under: county, level: .town)).first
        let wanted: [(String, Role, DivisionListing?)] = [
            ("周管理", .admin, nil), ("陈县办", .countyClerk, nil), ("林镇办", .townClerk, town), (reviewerName, .reviewer, nil),
        ]
        return try wanted.map { name, role, town in
            let password = demoPassword()
            let account = try db.addUser(NewUser(name: name, role: role, town: town?.code, password: password), hasher: hasher, context: context)
            return DemoUser(account: account, townName: town?.name, password: password)
        }
    }

    /// Twelve characters from letters and digits that cannot be taken for one another.
    static func demoPassword() -> String {
        let alphabet = Array("abcdefghjkmnpqrstuvwxyzACDEFGHJKLMNPQRTUVWXY3479")
        var generator = SystemRandomNumberGenerator()
        return String((0..<12).map { _ in alphabet.randomElement(using: &generator)! })
    }
}
