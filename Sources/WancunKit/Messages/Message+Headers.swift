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
    /// The headers of the registry's plain fields (`Point.plainFields`) by column, for a refusal
    /// or an audit line that names a field by its column.
    static let byColumn: [String: Message] = ["plan_year": planYear]

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
        /// A section's title as a show command prints it above its table.
        public static func heading(_ title: Message) -> Message { Message(zh: "【\(title.zh)】", en: "[\(title.en)]") }
    }
}

extension Message.Header {
    public static let file = Message(zh: "文件", en: "File")
    public static let auditHead = Message(zh: "审计链头", en: "Audit chain head")
    public static let fileFormat = Message(zh: "格式", en: "Format")
    public static let encoding = Message(zh: "编码", en: "Encoding")
    public static let sheet = Message(zh: "工作表", en: "Sheet")
    public static let sheets = Message(zh: "全部工作表", en: "Sheets")
    public static let rows = Message(zh: "行数", en: "Rows")
    public static let columns = Message(zh: "列数", en: "Columns")
    public static let badByteRows = Message(zh: "编码损坏的行", en: "Rows with bad bytes")
    public static let cellDigest = Message(zh: "单元格摘要", en: "Cell digest")
}

extension Message.Header {
    public static let id = Message(zh: "编号", en: "ID")
    public static let brand = Message(zh: "品牌", en: "Brand")
    public static let demoData = Message(zh: "演示数据", en: "Demo data")
    public static let serviceKind = Message(zh: "服务", en: "Service")
    public static let category = Message(zh: "品类", en: "Category")
    public static let partner = Message(zh: "合作方", en: "Partner")
    public static let licence = Message(zh: "许可证号", en: "Licence")
    public static let courier = Message(zh: "快递公司", en: "Courier")
    public static let daysPerWeek = Message(zh: "每周天数", en: "Days a week")
    public static let feeYuan = Message(zh: "每件费用(元)", en: "Fee per parcel (yuan)")
    public static let vehicle = Message(zh: "车牌", en: "Vehicle")
    public static let station = Message(zh: "中转站", en: "Station")
    public static let couriers = Message(zh: "快递企业", en: "Couriers")
    public static let stops = Message(zh: "停靠点", en: "Stops")
    public static let position = Message(zh: "顺序", en: "Order")
    public static let waybill = Message(zh: "运单号", en: "Waybill")
    public static let arrivedAt = Message(zh: "到站时间", en: "Arrived")
    public static let pickedUpAt = Message(zh: "取件时间", en: "Picked up")
    public static let waitingDays = Message(zh: "滞留天数", en: "Days waiting")
    public static let platform = Message(zh: "平台", en: "Platform")
    public static let orderNo = Message(zh: "订单号", en: "Order number")
    public static let amountYuan = Message(zh: "金额(元)", en: "Amount (yuan)")
}

extension Message {
    public enum Coverage {
        public static let ruralVillages = Message(zh: "行政村数", en: "Rural villages")
        public static let coveredVillages = Message(zh: "已覆盖行政村", en: "Villages with an operating point")
        public static let percent = Message(zh: "覆盖率(%)", en: "Coverage (%)")
        public static let noCourier = Message(zh: "无快递合作的服务点", en: "Points with no courier")
        public static let total = Message(zh: "合计", en: "Total")
        public static func title(_ scope: String, _ date: LocalDate) -> Message {
            Message(zh: "\(scope)村级电商服务点覆盖情况（截至 \(date)）", en: "Village e-commerce point coverage, \(scope), as of \(date)")
        }
    }
}

extension Message.Section {
    public static let links = Message(zh: "合作服务点", en: "Points served")
    public static let stops = Message(zh: "停靠点", en: "Stops")
}

extension Message.Header {
    public static let fromDate = Message(zh: "开始日期", en: "From")
    public static let toDate = Message(zh: "结束日期", en: "To")
}

extension Message {
    public static let yes = Message(zh: "是", en: "yes")
    public static let no = Message(zh: "否", en: "no")
}

extension Message {
    /// The last line of a table too wide for the terminal.
    public static func columnsLeftOut(_ headers: [String], separator: String) -> Message {
        Message(
            zh: "（未显示 \(headers.count) 列：\(headers.joined(separator: separator))；加 --wide 显示全部列）",
            en: "(\(headers.count) \(headers.count == 1 ? "column" : "columns") not shown: "
                + "\(headers.joined(separator: separator)); --wide shows every column)")
    }
}
