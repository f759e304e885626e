// The catalogue: column headers of lists, reports and files.
extension Message {
    public enum Header {
        public static let code = Message(zh: "代码", en: "Code")
        public static let name = Message(zh: "名称", en: "Name")
        public static let level = Message(zh: "级别", en: "Level")
        public static let parentCode = Message(zh: "上级代码", en: "Parent code")
        public static let retiredOn = Message(zh: "停用日期", en: "Retired on")
        public static let change = Message(zh: "变化", en: "Change")
        public static let oldName = Message(zh: "原名称", en: "Old name")
    }
}
