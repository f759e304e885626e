// The words of the point forms `wancun serve` shows.

extension Message {
    public enum WebPoints {
        public static let add = Message(zh: "登记服务点", en: "Add a point")
        public static let edit = Message(zh: "修改服务点", en: "Edit the point")
        public static let changeStatus = Message(zh: "变更状态", en: "Change the status")
        public static let assign = Message(zh: "任命站长", en: "Assign an operator")
        public static let unassign = Message(zh: "站长离任", en: "End the operator's assignment")
        public static let save = Message(zh: "保存", en: "Save")
        public static let choose = Message(zh: "请选择", en: "Choose")
        public static let noContract = Message(zh: "无", en: "None")
        public static let registeredOperator = Message(zh: "已登记的站长（未在任）", en: "A registered operator (not in charge anywhere)")
        public static let byIDNumber = Message(zh: "或输入身份证号", en: "or their ID number")
        public static func typedIDNumber(_ masked: String) -> Message {
            Message(zh: "已输入：\(masked)，请重新输入", en: "you typed \(masked); type it again")
        }
        public static let force = Message(
            zh: "仍要保存（越过重复检查或例外，须写明原因）", en: "Save anyway (past a duplicate check or exception; give the reason)")
        public static let reasonRequired = Message(zh: "请写明原因", en: "give the reason")
        public static let refused = Message(zh: "未保存：请按标出的提示修改后再提交。", en: "Not saved: correct what is marked and send it again.")
        public static let today = Message(zh: "不填为今天", en: "blank for today")
    }
}
