// The catalogue: the audit trail read as sentences (`AuditEntry.readableLines`).
extension Message {
    public enum Audit {
        /// What an audit line's action code (`point.edit`) says to a person; `nil` for a code
        /// the catalogue does not know, which is then shown as it is.
        public static func action(_ code: String) -> Message? { actions[code] }

        /// The label of a field of an audit line's before and after (`phone`) written by
        /// `action`; `nil` for a key the catalogue does not know, which is then shown as it is.
        public static func field(_ key: String, action: String) -> Message? {
            if key == "name", action.hasPrefix("operator.") { return Header.operatorName }
            if ["point.assign", "point.unassign", "assignment"].contains(action) {
                if key == "started_on" { return Header.startedOn }
                if key == "ended_on" { return Header.endedOn }
            }
            return fields[key] ?? Header.byColumn[key]
        }

        /// A field that had no value, or has none now.
        public static let empty = Message(zh: "（空）", en: "(none)")

        static let actions: [String: Message] = [
            "point.add": Message(zh: "登记服务点", en: "point registered"),
            "point.edit": Message(zh: "修改服务点", en: "point edited"),
            "point.force": Message(zh: "修改服务点（强制）", en: "point edited (forced)"),
            "point.status": Message(zh: "变更状态", en: "status changed"),
            "point.assign": Message(zh: "任命站长", en: "operator assigned"),
            "point.unassign": Message(zh: "站长离任", en: "operator left"),
            "point.import": Message(zh: "导入服务点", en: "point imported"),
            "point.verify": Message(zh: "人社核验", en: "HR verification"),
            "point.reveal": Message(zh: "导出完整号码", en: "full numbers exported"),
            "operator.add": Message(zh: "登记站长", en: "operator registered"),
            "operator.edit": Message(zh: "修改站长", en: "operator edited"),
            "operator.months": Message(zh: "录入已补贴月数", en: "months already paid entered"),
            "operator.retirement": Message(zh: "调整退休月份", en: "retirement month set"),
            "service.add": Message(zh: "新增服务", en: "service added"),
            "service.end": Message(zh: "停止服务", en: "service ended"),
            "courier.add": Message(zh: "登记快递企业", en: "courier registered"),
            "courier.force": Message(zh: "登记快递企业（强制）", en: "courier registered (forced)"),
            "courier.link": Message(zh: "快递合作", en: "courier linked"),
            "station.add": Message(zh: "登记中转站", en: "station registered"),
            "route.add": Message(zh: "登记线路", en: "route registered"),
            "parcel.arrive": Message(zh: "包裹到站", en: "parcels arrived"),
            "parcel.pickup": Message(zh: "包裹取件", en: "parcels picked up"),
            "purchase.add": Message(zh: "登记代购", en: "purchases entered"),
            "division.import": Message(zh: "导入区划", en: "divisions imported"),
            "division.rename": Message(zh: "区划更名", en: "division renamed"),
            "division.retire": Message(zh: "区划停用", en: "division retired"),
            "division.restore": Message(zh: "区划恢复", en: "division restored"),
            "policy.set": Message(zh: "修改政策参数", en: "policy changed"),
            "subsidy.check": Message(zh: "补贴核算", en: "subsidy checked"),
            "subsidy.finalize": Message(zh: "核算定稿", en: "run finalized"),
            "subsidy.replace": Message(zh: "替换核算", en: "run replaced"),
            "subsidy.export": Message(zh: "导出花名册", en: "roster exported"),
            "copy.download": Message(zh: "下载含完整身份证号的文件", en: "file with full ID numbers downloaded"),
            "subsidy.other_posts": Message(zh: "录入其他岗位核查", en: "other posts entered"),
            "reconcile.hr": Message(zh: "人社局反馈对账", en: "HR answer reconciled"),
            "reconcile.parcels": Message(zh: "快递对账", en: "parcels reconciled"),
            "reconcile.fees": Message(zh: "费用对账", en: "fees reconciled"),
            "reconcile.purchases": Message(zh: "代购对账", en: "purchases reconciled"),
            "reconcile.reject": Message(zh: "退回对账", en: "reconciliation rejected"),
            "parcel.import": Message(zh: "导入包裹", en: "parcels imported"),
            "purchase.import": Message(zh: "导入代购", en: "purchases imported"),
            "duplicate.force": Message(zh: "疑似重复仍登记", en: "kept despite a possible duplicate"),
            "check.force": Message(zh: "未通过检查仍保存", en: "kept despite a check"),
            "database.backup": Message(zh: "备份数据库", en: "database backed up"),
            "database.restore": Message(zh: "恢复数据库", en: "database restored"),
            "output.reveal": Message(zh: "显示完整号码", en: "full numbers shown"),
            "demo.build": Message(zh: "建立演示数据库", en: "demo database built"),
            "user.add": Message(zh: "添加账号", en: "account added"),
            "user.disable": Message(zh: "停用账号", en: "account disabled"),
            "user.password": Message(zh: "更改密码", en: "password changed"),
            "reconcile.review": Message(zh: "审核对账", en: "reconciliation approved"),
            "operator.reveal": Message(zh: "查看完整身份证号", en: "full ID number seen"),
        ]

        static let fields: [String: Message] = [
            "name": Header.name, "code": Header.code, "level": Header.level, "parent_code": Header.parentCode,
            "retired_on": Header.retiredOn, "point_code": Header.pointCode, "point_name": Header.pointName,
            "village": Header.village, "village_code": Header.villageCode, "status": Header.status,
            "from_status": Header.fromStatus, "plan_year": Header.planYear, "opened_on": Header.openedOn,
            "id_number": Header.idNumber, "operator_id_number": Header.idNumber, "phone": Header.phone, "sex": Header.sex,
            "birth_date": Header.birthDate, "difficulty": Header.difficulty, "certificate_no": Header.certificate,
            "certified_on": Header.certifiedOn, "retirement_group": Header.retirementGroup, "address": Header.address,
            "latitude": Header.latitude, "longitude": Header.longitude, "business_name": Header.business,
            "credit_code": Header.creditCode, "on_date": Header.date, "reason": Header.reason, "clerk": Header.clerk,
            "started_on": Header.fromDate, "ended_on": Header.toDate, "contract_type": Header.contractType,
            "contract_from": Header.contractFrom, "contract_to": Header.contractTo, "file": Header.file,
            "audit_head": Header.auditHead, "rows": Header.rows, "id": Header.id, "brand": Header.brand,
            "kind": Header.serviceKind, "category": Header.category, "partner": Header.partner, "licence": Header.licence,
            "courier": Header.courier, "couriers": Header.couriers, "days_per_week": Header.daysPerWeek,
            "vehicle": Header.vehicle, "station": Header.station, "stops": Header.stops, "waybill": Header.waybill,
            "arrived_at": Header.arrivedAt, "picked_up_at": Header.pickedUpAt, "platform": Header.platform,
            "order_no": Header.orderNo, "from_date": Header.fromDate, "to_date": Header.toDate,
            "value": Header.value, "subject": Header.subject, "action": Header.action,
            "point": Message(zh: "服务点", en: "Point"), "operator": Message(zh: "站长", en: "Operator"),
            "assignment": Message(zh: "任职", en: "Assignment"), "services": Message(zh: "服务", en: "Services"),
            "sha256": Message(zh: "文件哈希", en: "File hash"),
            "difficulty_note": Message(zh: "困难类别说明", en: "Difficulty note"),
            "operator_name": Message(zh: "站长姓名", en: "Operator"),
            "amount_fen": Message(zh: "金额(元)", en: "Amount (yuan)"),
            "fee_fen": Message(zh: "每件费用(元)", en: "Fee per parcel (yuan)"),
            "total_fen": Message(zh: "合计(元)", en: "Total (yuan)"),
            "month": Message(zh: "月份", en: "Month"),
            "months": Message(zh: "月数", en: "Months"),
            "first_month": Message(zh: "首个补贴月", en: "First month"),
            "as_of_month": Message(zh: "截至月份", en: "As of month"),
            "as_of": Message(zh: "截至", en: "As of"),
            "source": Message(zh: "依据", en: "Source"),
            "run": Message(zh: "核算编号", en: "Run"),
            "run_id": Message(zh: "核算编号", en: "Run"),
            "reconciliation": Message(zh: "对账编号", en: "Reconciliation"),
            "hr_ref": Message(zh: "人社核验文号", en: "HR reference"),
            "verified_on": Message(zh: "核验日期", en: "Verified on"),
            "valid_until": Message(zh: "有效期至", en: "Valid until"),
            "retirement_month": Message(zh: "退休月份", en: "Retirement month"),
            "statutory_retirement_month": Message(zh: "法定退休月份", en: "Statutory retirement month"),
            "command": Message(zh: "命令", en: "Command"),
            "id_numbers": Message(zh: "完整身份证号个数", en: "Full ID numbers"),
            "to": Message(zh: "去向", en: "To"),
            "from": Message(zh: "来源", en: "From"),
            "path": Message(zh: "文件", en: "File"),
            "hash": Message(zh: "哈希", en: "Hash"),
            "file_sha256": Message(zh: "文件哈希", en: "File hash"),
            "added": Message(zh: "新增", en: "Added"),
            "written": Message(zh: "写入行数", en: "Rows written"),
            "points": Message(zh: "服务点数", en: "Points"),
            "eligible": Message(zh: "符合条件", en: "Eligible"),
            "out_of_scope": Message(zh: "不在范围内", en: "Out of scope"),
            "under": Message(zh: "范围", en: "Under"),
            "key": Message(zh: "参数", en: "Key"),
            "rule": Message(zh: "规则", en: "Rule"),
            "fields": Message(zh: "字段", en: "Fields"),
            "suspect": Message(zh: "疑似重复", en: "Possible duplicate"),
            "without_other_posts": Message(zh: "无其他岗位", en: "Without other posts"),
            "role": Header.role, "town_code": Header.town, "disabled": Header.disabled,
            "reviewer": Message(zh: "审核人", en: "Reviewer"), "via": Message(zh: "途径", en: "Via"),
            "decisions_changed": Message(zh: "改动的反馈结果", en: "Decisions changed"),
        ]
    }
}
