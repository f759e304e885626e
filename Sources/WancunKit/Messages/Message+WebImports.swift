// The words of the 导入 and 对账 pages.
extension Message.Web {
    public enum Imports {
        public static let kind = Message(zh: "文件类别", en: "Kind of file")
        public static let file = Message(zh: "文件（.xlsx 或 .csv）", en: "File (xlsx or csv)")
        public static let sheet = Message(zh: "工作表（留空为第一个）", en: "Sheet (empty: the first)")
        public static let month = Message(zh: "月份（其他部门岗位名单、快递和平台对账用，YYYY-MM）", en: "Month (other posts, couriers, platforms: YYYY-MM)")
        public static let check = Message(zh: "上传并检查", en: "Upload and check")
        public static let importNow = Message(zh: "上传并直接导入（有问题则一行也不写入）", en: "Upload and import (nothing is written if any row has a problem)")
        public static let hint = Message(
            zh: "先检查每一行，不写入任何数据；没有问题时再确认导入，全部导入或全部不导入。",
            en: "Every row is checked first and nothing is written; with no problems, confirm to import, all or nothing.")
        public static func kindLabel(_ code: String) -> Message {
            switch code {
            case "points": Message(zh: "服务点", en: "Points")
            case "parcels": Message(zh: "包裹台账", en: "Parcel ledger")
            case "purchases": Message(zh: "代购台账", en: "Agent purchases")
            default: Message(zh: "其他部门公益性岗位名单", en: "Other departments' posts")
            }
        }
        public static let noFile = Message(zh: "请选择要上传的文件。", en: "Choose a file to upload.")
        public static let notATable = Message(zh: "只能上传 .xlsx 或 .csv 文件。", en: "Only .xlsx and .csv files can be uploaded.")
        public static let monthRequired = Message(
            zh: "请填写月份（YYYY-MM）。", en: "Give the month (YYYY-MM).")
        public static let badKind = Message(zh: "请选择文件类别。", en: "Choose the kind of file.")
        public static func state(_ code: String) -> Message {
            switch code {
            case "checking": Message(zh: "正在检查……", en: "Checking…")
            case "checked": Message(zh: "检查完毕", en: "Checked")
            case "importing": Message(zh: "正在导入……", en: "Importing…")
            case "done": Message(zh: "已导入", en: "Imported")
            case "awaiting-review": Message(zh: "等待审核人批准", en: "Awaiting a reviewer's approval")
            case "rejected": Message(zh: "审核人已退回", en: "Rejected by a reviewer")
            default: Message(zh: "失败", en: "Failed")
            }
        }
        public static let refreshHint = Message(
            zh: "可以刷新本页查看进度，离开本页不会中断。", en: "Reload this page to see how far it is; leaving it does not stop the work.")
        public static func problems(_ n: Int) -> Message {
            Message(zh: "发现 \(n) 个问题，不能导入：请改正后重新上传。", en: "\(n) problem(s) found, so it cannot be imported: fix them and upload again.")
        }
        public static func readyRows(_ n: Int) -> Message {
            Message(zh: "\(n) 行均无问题，可以导入。", en: "All \(n) rows are fine and can be imported.")
        }
        public static let annotated = Message(zh: "下载标注副本", en: "Download the annotated copy")
        public static let result = Message(zh: "下载导入结果", en: "Download the import result")
        public static let confirm = Message(zh: "确认导入", en: "Confirm the import")
        public static let recent = Message(zh: "最近的上传", en: "Recent uploads")
        public static let fileName = Message(zh: "文件", en: "File")
        public static let startedAt = Message(zh: "开始时间", en: "Started")
        public static let stateHeader = Message(zh: "状态", en: "State")
        public static let row = Message(zh: "行", en: "Row")
        public static let column = Message(zh: "列", en: "Column")
        public static let value = Message(zh: "值", en: "Value")
        public static let rule = Message(zh: "规则", en: "Rule")
        public static let message = Message(zh: "说明", en: "Message")
    }
}

extension Message.Web {
    public enum Reconcile {
        public static func kindLabel(_ code: String) -> Message {
            switch code {
            case "hr": Message(zh: "人社局反馈（核定结果）", en: "The HR bureau's answer")
            case "parcels": Message(zh: "快递到件清单", en: "A courier's manifest")
            case "fees": Message(zh: "快递费用结算单", en: "A courier's fee statement")
            default: Message(zh: "平台订单", en: "A platform's statement")
            }
        }
        public static let run = Message(zh: "补贴核算批次（人社局反馈用）", en: "Subsidy run (for the HR answer)")
        public static let courier = Message(zh: "快递公司（到件清单、结算单用）", en: "Courier (manifests, fee statements)")
        public static let platform = Message(zh: "平台（平台订单用）", en: "Platform (platform statements)")
        public static let check = Message(zh: "上传并对账", en: "Upload and reconcile")
        /// The box that reconciles a file reconciled before.
        public static let again = Message(zh: "再对一次（已对过账的文件）", en: "Reconcile again (a file reconciled before)")
        public static let runRequired = Message(zh: "请填写补贴核算批次号。", en: "Give the subsidy run's number.")
        public static let courierRequired = Message(zh: "请填写快递公司。", en: "Give the courier.")
        public static let platformRequired = Message(zh: "请填写平台。", en: "Give the platform.")
        public static let awaiting = Message(
            zh: "这份反馈会改变已记录的核定结果，须由另一位审核人批准后才记录。",
            en: "This answer changes decisions already recorded: another person, a reviewer, must approve it before it is recorded.")
        public static let approve = Message(zh: "批准并记录", en: "Approve and record")
        public static let reject = Message(zh: "退回，不记录", en: "Reject, record nothing")
        public static let preview = Message(
            zh: "试算结果（尚未记录，批准后才记录）：", en: "What it would record (nothing is recorded until it is approved):")
        public static let decisionsChanged = Message(zh: "将改变的已记录核定结果", en: "Recorded decisions it would change")
        public static func decisionsChangedCount(_ n: Int) -> Message {
            Message(zh: "将改变 \(n) 人已记录的核定结果", en: "it would change the recorded decisions of \(n) person(s)")
        }
        public static func rejectedBy(_ maker: String, _ reviewer: String) -> Message {
            Message(zh: "制表人：\(maker)；审核人：\(reviewer) 退回，未记录（网页）", en: "Made by \(maker); rejected by \(reviewer), nothing recorded (web)")
        }
        public static let pending = Message(zh: "等待审核的对账", en: "Reconciliations awaiting review")
        public static let maker = Message(zh: "制表人", en: "Made by")
        public static func approvedBy(_ maker: String, _ reviewer: String) -> Message {
            Message(zh: "制表人：\(maker)；审核人：\(reviewer)（网页）", en: "Made by \(maker); approved by \(reviewer) (web)")
        }
    }
}
