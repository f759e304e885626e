// The words of the web's 站长 pages.

extension Message {
    public enum WebOperators {
        public static let noOperators = Message(zh: "没有符合条件的站长。", en: "No operator matches.")
        public static let idNumberOrEnd = Message(zh: "身份证号或末几位", en: "ID number or its last characters")
        public static let assignment = Message(zh: "任职", en: "Assignment")
        public static let add = Message(zh: "登记站长", en: "Register an operator")
        public static let edit = Message(zh: "修改站长信息", en: "Edit the operator")
        public static let save = Message(zh: "保存", en: "Save")
        public static let choose = Message(zh: "（未选）", en: "(none)")
        public static let difficultyNote = Message(zh: "类别说明（“其他”时填写）", en: "What the category means (for other)")
        public static let retirementGroupNote = Message(
            zh: "男性可不选；女性须按岗位选择", en: "May be left empty for a man; for a woman choose by the post")
        public static func phoneKept(_ masked: String) -> Message {
            Message(zh: "留空则保持 \(masked)", en: "leave empty to keep \(masked)")
        }
        public static let emptyKept = Message(
            zh: "手机号留空则保持原号码；清空其他项即删除该项的值。", en: "An empty phone keeps the number; emptying another field removes its value.")
        public static let refused = Message(zh: "未保存：请按各项旁的说明修改。", en: "Not saved: correct the fields as marked.")
        public static let reveal = Message(zh: "显示完整号码", en: "Show in full")
        public static let revealed = Message(
            zh: "已显示完整号码；此次查看已记入审计记录。", en: "Shown in full; this viewing is recorded in the audit trail.")
        public static let standing = Message(zh: "补贴月数与退休", en: "Months subsidised and retirement")
        public static let point = Message(zh: "服务点", en: "Point")
    }
}
