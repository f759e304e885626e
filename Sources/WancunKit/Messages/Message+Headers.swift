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

extension Message.Header {
    public static let pointCode = Message(zh: "服务点编码", en: "Point code")
    public static let pointName = Message(zh: "服务点名称", en: "Point name")
    public static let town = Message(zh: "乡镇", en: "Town")
    public static let village = Message(zh: "行政村", en: "Village")
    public static let villageCode = Message(zh: "村代码", en: "Village code")
    public static let status = Message(zh: "状态", en: "Status")
    public static let planYear = Message(zh: "纳入规划年份", en: "Plan year")
    public static let openedOn = Message(zh: "开业日期", en: "Opened on")
    public static let operatorName = Message(zh: "姓名", en: "Name")
    public static let idNumber = Message(zh: "公民身份号码", en: "ID number")
    public static let phone = Message(zh: "联系电话", en: "Phone")
    public static let sex = Message(zh: "性别", en: "Sex")
    public static let birthDate = Message(zh: "出生日期", en: "Birth date")
    public static let difficulty = Message(zh: "就业困难人员类别", en: "Difficulty category")
    public static let certificate = Message(zh: "证明编号", en: "Certificate")
    public static let certifiedOn = Message(zh: "认定日期", en: "Certified on")
    public static let retirementGroup = Message(zh: "退休年龄类别", en: "Retirement group")
    public static let address = Message(zh: "地址", en: "Address")
    public static let latitude = Message(zh: "纬度", en: "Latitude")
    public static let longitude = Message(zh: "经度", en: "Longitude")
    public static let business = Message(zh: "经营主体", en: "Business")
    public static let creditCode = Message(zh: "统一社会信用代码", en: "Credit code")
    public static let fromStatus = Message(zh: "原状态", en: "From")
    public static let date = Message(zh: "日期", en: "Date")
    public static let reason = Message(zh: "原因", en: "Reason")
    public static let clerk = Message(zh: "经办人", en: "Clerk")
    public static let startedOn = Message(zh: "任职日期", en: "Started on")
    public static let endedOn = Message(zh: "离任日期", en: "Ended on")
    public static let contractType = Message(zh: "合同类型", en: "Contract")
    public static let contractFrom = Message(zh: "合同开始", en: "Contract from")
    public static let contractTo = Message(zh: "合同结束", en: "Contract to")
    public static let at = Message(zh: "时间", en: "At")
    public static let action = Message(zh: "操作", en: "Action")
    public static let subject = Message(zh: "对象", en: "Subject")
    public static let before = Message(zh: "修改前", en: "Before")
    public static let after = Message(zh: "修改后", en: "After")
    public static let field = Message(zh: "项目", en: "Field")
    public static let value = Message(zh: "内容", en: "Value")
}

extension Message {
    public enum Section {
        public static let statusHistory = Message(zh: "状态变更记录", en: "Status history")
        public static let operators = Message(zh: "站长", en: "Operators")
        public static let audit = Message(zh: "审计记录", en: "Audit trail")
        public static let assignments = Message(zh: "任职记录", en: "Assignments")
    }
}

extension Message.Header {
    public static let file = Message(zh: "文件", en: "File")
    public static let fileFormat = Message(zh: "格式", en: "Format")
    public static let encoding = Message(zh: "编码", en: "Encoding")
    public static let sheet = Message(zh: "工作表", en: "Sheet")
    public static let sheets = Message(zh: "全部工作表", en: "Sheets")
    public static let rows = Message(zh: "行数", en: "Rows")
    public static let columns = Message(zh: "列数", en: "Columns")
    public static let badByteRows = Message(zh: "编码损坏的行", en: "Rows with bad bytes")
}
