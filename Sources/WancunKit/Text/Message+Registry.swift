// The catalogue: points, operators, assignments.
extension Message {
    static func statusList(_ list: [PointStatus]) -> Message {
        if list.isEmpty { return Message(zh: "无（已关闭的服务点不能再变更）", en: "none (a closed point cannot change)") }
        return Message(
            zh: list.map { pointStatus($0).zh }.joined(separator: "、"),
            en: list.map(\.rawValue).joined(separator: ", "))
    }

    /// A registry refusal's words; `surface` as for `UserFacingError.message(on:)`.
    static func registryError(_ error: RegistryError, on surface: Surface = .commandLine) -> Message {
        let cli = surface == .commandLine
        switch error {
        case .several(let all):
            let each = all.map { registryError($0, on: surface) }
            return Message(zh: each.map(\.zh).joined(separator: "；"), en: each.map(\.en).joined(separator: "; "))
        case .invalid(let field, let valueError):
            let name = fieldName(field)
            let inner = valueError.message(on: surface)
            return Message(zh: "\(name.zh)：\(inner.zh)", en: "\(name.en): \(inner.en)")
        case .villageUnknown(let code):
            return Message(zh: "没有村级区划 \(code)：先导入区划，或核对代码", en: "no division \(code): import the divisions first, or check the code")
        case .notAVillage(let code, let level):
            return Message(
                zh: "\(code) 是\(divisionLevel(level).zh)级区划，不是村级：服务点必须建在村（社区）",
                en: "\(code) is a \(level.rawValue), not a village: a point belongs to a village")
        case .villageRetired(let code, let date):
            return Message(zh: "村 \(code) 已于 \(date) 停用（撤并）", en: "village \(code) was retired on \(date)")
        case .pointUnknown(let code):
            return Message(zh: "没有服务点 \(code)", en: "no service point \(code)")
        case .pointCodesExhausted(let code):
            return Message(zh: "村 \(code) 的服务点编号已用完（999 个）", en: "village \(code) has used all 999 point numbers")
        case .coordinatesIncomplete:
            return Message(zh: "经度和纬度要一起填", en: "give latitude and longitude together")
        case .coordinatesOutOfRange:
            return Message(zh: "经纬度超出范围（纬度 -90～90，经度 -180～180）", en: "coordinates out of range (latitude -90 to 90, longitude -180 to 180)")
        case .planYearOutOfRange(let year):
            return Message(zh: "纳入规划年份 \(year) 不合理（2000–2100）", en: "plan year \(year) is out of range (2000–2100)")
        case .serviceUnknown(let item): return serviceItemUnknown(item)
        case .fieldUnknown(let field):
            return Message(zh: "没有可这样填写的字段 \(field)", en: "there is no field \(field) to set this way")
        case .valueOutOfRange(let field, let value, let range):
            let name = fieldName(field)
            return Message(
                zh: "\(name.zh) \(value) 不合理（\(range.lowerBound)–\(range.upperBound)）",
                en: "\(name.en) \(value) is out of range (\(range.lowerBound)–\(range.upperBound))")
        case .dateInFuture(let field, let date):
            let name = fieldName(field)
            return Message(zh: "\(name.zh) \(date) 晚于今天", en: "\(name.en) \(date) is in the future")
        case .statusNotAllowed(let from, let to, let allowed):
            let list = statusList(allowed)
            return Message(
                zh: "不能从“\(pointStatus(from).zh)”改为“\(pointStatus(to).zh)”；允许的变更：\(list.zh)",
                en: "cannot change from \(from.rawValue) to \(to.rawValue); allowed: \(list.en)")
        case .retirementBeforePaidMonth(_, let lastPaid):
            return Message(
                zh: "已定稿发放至 \(lastPaid)，改为该退休年龄类别后退休月份将落在已发放的月份之内",
                en: "final runs paid up to \(lastPaid); with that retirement group the retirement month would fall on a month already paid")
        case .statusDateBeforeLast(let date, let last):
            return Message(
                zh: "变更日期 \(date) 早于上一次变更（\(last)）", en: "date \(date) is before the last change (\(last))")
        case .openingAfterNextChange(let date, let next):
            return Message(
                zh: "开业日期 \(date) 不能晚于开业后的下一次状态变更（\(next)）", en: "opening day \(date) is not before the next change of status (\(next))")
        case .reasonRequired:
            return cli ? Message(zh: "请用 --reason 写明原因", en: "give the reason with --reason") : Message.WebPoints.reasonRequired
        case .operatorUnknown(let masked):
            return Message(zh: "没有身份证号为 \(masked) 的站长", en: "no operator with ID number \(masked)")
        case .operatorExists(let masked, let name):
            return Message(zh: "身份证号 \(masked) 已登记（\(name)）", en: "ID number \(masked) is registered already (\(name))")
        case .operatorExistsElsewhere:
            return Message(
                zh: "该身份证号码已登记，请联系县级经办人", en: "this ID number is registered already; ask the county clerk")
        case .retirementGroupRequired where cli:
            return Message(
                zh: "女性须用 --retirement-group 女干部 或 女工人 指明退休年龄类别（取决于岗位）",
                en: "for a woman give --retirement-group female-55 or female-50 (it depends on the post)")
        case .retirementGroupRequired:
            let (cadre, worker) = (retirementGroup(.female55), retirementGroup(.female50))
            return Message(
                zh: "女性须指明退休年龄类别：“\(cadre.zh)”或“\(worker.zh)”（取决于岗位）",
                en: "for a woman choose the retirement group, \(cadre.en) or \(worker.en) (it depends on the post)")
        case .retirementGroupNotForMen:
            return Message(zh: "身份证号显示为男性，退休年龄类别只能是“\(retirementGroup(.male).zh)”", en: "the ID number is a man's: the retirement group is male")
        case .retirementGroupNotForWomen:
            return Message(
                zh: "身份证号显示为女性，退休年龄类别应为“\(retirementGroup(.female55).zh)”或“\(retirementGroup(.female50).zh)”",
                en: "the ID number is a woman's: the group is female-55 or female-50")
        case .difficultyIncomplete where cli:
            return Message(
                zh: "就业困难类别、证明编号（--certificate）和认定日期（--certified-on）要一起填",
                en: "give the difficulty category, --certificate and --certified-on together")
        case .difficultyIncomplete:
            return Message(
                zh: "就业困难类别、证明编号和认定日期要一起填", en: "give the difficulty category, the certificate and the day it was issued together")
        case .difficultyNoteRequired where cli:
            return Message(zh: "类别为“\(difficulty(.other).zh)”时须用 --difficulty-note 说明", en: "category other needs --difficulty-note")
        case .difficultyNoteRequired:
            return Message(zh: "类别为“\(difficulty(.other).zh)”时须填写说明", en: "category other needs a note saying which")
        case .difficulty4050Age(let date, let sex):
            let (age, zhSex, enSex) = sex == .female ? (40, "女", "a woman") : (50, "男", "a man")
            let keep = keepAnyway(on: surface)
            return Message(
                zh: "4050人员须女满40周岁、男满50周岁：按身份证号码计算，认定日 \(date) 不满\(age)周岁（\(zhSex)）；确属例外时\(keep.zh)",
                en: "4050 needs a woman of 40 or a man of 50: by the ID number, \(enSex) under "
                    + "\(age) on the certification day \(date); if it is an exception, \(keep.en)")
        case .operatorBusy(let masked, let point, let name):
            return Message(
                zh: "\(masked) 同时在服务点 \(point)（\(name)）任站长：一人不能同时经营两个服务点，先在那里办理离任",
                en: "\(masked) runs point \(point) (\(name)) at that time: one person cannot run two points; unassign there first")
        case .operatorBusyElsewhere(let masked):
            return Message(
                zh: "\(masked) 同时在另一个服务点任站长：一人不能同时经营两个服务点，请联系县级经办人",
                en: "\(masked) runs another point at that time: one person cannot run two points; ask the county clerk")
        case .operatorAlreadyHere(let masked):
            return Message(zh: "\(masked) 已是该服务点站长", en: "\(masked) already runs this point")
        case .pointClosed(let code):
            return Message(zh: "服务点 \(code) 已关闭", en: "point \(code) is closed")
        case .assignmentBeforeCurrent(let date, let current):
            return Message(
                zh: "任职日期 \(date) 早于现任站长的任职日期 \(current)", en: "start \(date) is before the current operator's start \(current)")
        case .assignmentOverlapsHistory(let date, let ended):
            return Message(
                zh: "任职日期 \(date) 落在以往任职期内（至 \(ended)）", en: "start \(date) falls within an earlier assignment (ended \(ended))")
        case .noActiveAssignment(let code):
            return Message(zh: "服务点 \(code) 目前没有站长", en: "point \(code) has no operator now")
        case .unassignBeforeStart(let date, let started):
            return Message(zh: "离任日期 \(date) 早于任职日期 \(started)", en: "end \(date) is before the start \(started)")
        case .contractIncomplete:
            return cli
                ? Message(zh: "合同类型（--contract）和起始日期（--contract-from）要一起填", en: "give --contract and --contract-from together")
                : Message(zh: "合同类型和合同起始日期要一起填", en: "give the contract type and the day the contract starts together")
        case .contractEndsBeforeStart:
            return Message(zh: "合同结束日期早于开始日期", en: "the contract ends before it starts")
        case .businessNameRequired:
            return cli
                ? Message(zh: "填写统一社会信用代码时须用 --business 写明经营主体名称", en: "a credit code needs the business name (--business)")
                : Message(zh: "填写统一社会信用代码时须写明经营主体名称", en: "a credit code needs the business name")
        case .forceNeedsReason:
            return cli
                ? Message(zh: "--force 须同时用 --reason 写明原因（将记入审计）", en: "--force needs --reason (it is audited)")
                : Message(zh: "勾选“仍要保存”时须写明原因（将记入审计）", en: "“Save anyway” needs the reason (it is audited)")
        case .serviceCategoryRequired where cli:
            return Message(
                zh: "代购服务须用 --category 指明品类：建材、农资、药品、日用品",
                en: "agent purchasing needs --category: building-materials, farm-inputs, medicines or daily-goods")
        case .serviceCategoryRequired:
            return Message(
                zh: "代购服务须指明品类：建材、农资、药品、日用品", en: "agent purchasing needs a category: building materials, farm inputs, medicines or daily goods")
        case .serviceCategoryOnlyForPurchase:
            return Message(zh: "只有\(serviceKind(.agentPurchase).zh)服务才分品类", en: "only agent-purchase has a category")
        case .medicinesNeedPharmacy where cli:
            return Message(
                zh: "代购药品须填合作药店名称（--partner）和药品经营许可证号（--licence）",
                en: "agent purchasing of medicines needs the partner pharmacy (--partner) and its licence number (--licence)")
        case .medicinesNeedPharmacy:
            return Message(
                zh: "代购药品须填合作药店名称和药品经营许可证号", en: "agent purchasing of medicines needs the partner pharmacy and its licence number")
        case .financeNeedsBank:
            return cli
                ? Message(zh: "金融服务须用 --partner 填合作银行", en: "financial services need the partner bank (--partner)")
                : Message(zh: "金融服务须填合作银行", en: "financial services need the partner bank")
        case .serviceExists(let kind, let category):
            let (k, c) = (codeLabel(ServiceKind.self, kind), category.map { codeLabel(PurchaseCategory.self, $0) })
            return Message(
                zh: "该服务点已在提供\(k.zh)\(c.map { "（\($0.zh)）" } ?? "")：先结束原服务",
                en: "the point already offers \(k.en)\(c.map { " (\($0.en))" } ?? ""): end it first")
        case .serviceNotOpen(let kind):
            let k = codeLabel(ServiceKind.self, kind)
            return Message(zh: "该服务点目前没有提供\(k.zh)", en: "the point does not offer \(k.en) now")
        case .serviceBeforeOpening(let date, let opened):
            return Message(
                zh: "服务开始日期 \(date) 早于服务点开业日期 \(opened)：请填开业当天或之后的日期",
                en: "the service starts on \(date), before the point opened on \(opened): give a date on or after the opening")
        case .courierExists(let name):
            return Message(zh: "快递企业“\(name)”已登记", en: "courier \"\(name)\" is registered already")
        case .courierUnknown(let key):
            return Message(zh: "没有快递企业“\(key)”（按编号或名称）", en: "no courier \"\(key)\" (by id or name)")
        case .periodEndsBeforeStart:
            return Message(zh: "结束日期须晚于开始日期", en: "the end date must be after the start")
        case .daysPerWeekRange(let days):
            return Message(zh: "每周配送天数 \(days) 应在 1–7 之间", en: "days per week \(days) must be 1 to 7")
        case .linkOverlaps(let courier, let from, let to):
            return Message(
                zh: "与“\(courier)”已有的合作期（\(from) 起\(to.map { "至 \($0)" } ?? "，未结束")）重叠",
                en: "overlaps the existing link with \"\(courier)\" (from \(from)\(to.map { " to \($0)" } ?? ", open"))")
        case .notATown(let code, let level):
            return Message(zh: "\(code) 是\(divisionLevel(level).zh)级区划，不是乡镇", en: "\(code) is a \(level.rawValue), not a town")
        case .stationExists(let name):
            return Message(zh: "中转站“\(name)”已登记", en: "station \"\(name)\" is registered already")
        case .stationUnknown(let name):
            return Message(zh: "没有中转站“\(name)”", en: "no station \"\(name)\"")
        case .plateInvalid(let plate):
            return Message(
                zh: "车牌“\(plate)”格式不对（如 浙F12345 或 浙FD12345）",
                en: "plate \"\(plate)\" is not a plate number: a province's character, a letter, then 5 or 6 letters and digits")
        case .routeExists(let name):
            return Message(zh: "线路“\(name)”已登记", en: "route \"\(name)\" is registered already")
        case .routeUnknown(let name):
            return Message(zh: "没有线路“\(name)”", en: "no route \"\(name)\"")
        case .routeNeedsCouriers:
            return Message(zh: "拼车线路至少要有两家快递企业", en: "a joint-delivery route needs at least two couriers")
        case .routeNeedsStops:
            return Message(zh: "线路至少要有一个停靠点", en: "a route needs at least one stop")
        case .routeStopRepeated(let code):
            return Message(zh: "停靠点 \(code) 重复", en: "stop \(code) appears twice")
        case .stopsNotServed(let stops, let couriers, let date) where !cli:
            return Message(
                zh: "停靠点 \(stops.joined(separator: "、")) 在 \(date) 没有与本线路任何一家快递企业（\(couriers.joined(separator: "、"))）建立合作：先登记它们的合作",
                en: "stops \(stops.joined(separator: ", ")) are not served on \(date) by any of the "
                    + "route's couriers (\(couriers.joined(separator: ", "))): record the courier's link to them first")
        case .stopsNotServed(let stops, let couriers, let date):
            return Message(
                zh: "停靠点 \(stops.joined(separator: "、")) 在 \(date) 没有与本线路任何一家快递企业（\(couriers.joined(separator: "、"))）建立合作：先用 wancun courier link 登记",
                en: "stops \(stops.joined(separator: ", ")) are not served on \(date) by any of the "
                    + "route's couriers (\(couriers.joined(separator: ", "))): link them first with " + "wancun courier link")
        case .phoneDuplicate(let phone, let name, let id):
            let keep = keepAnyway(on: surface)
            return Message(
                zh: "手机号 \(phone) 已登记在站长 \(name)（\(id)）名下，可能是冒名或重复登记；确属正常时\(keep.zh)",
                en: "phone \(phone) belongs to operator \(name) (\(id)): a possible impersonation or "
                    + "double registration; if it is right, \(keep.en)")
        case .phoneDuplicateElsewhere(let phone):
            let keep = keepAnyway(on: surface)
            return Message(
                zh: "手机号 \(phone) 已登记在另一位站长名下，可能是冒名或重复登记，请联系县级经办人；确属正常时\(keep.zh)",
                en: "phone \(phone) is registered already to another operator: a possible impersonation or "
                    + "double registration; ask the county clerk; if it is right, \(keep.en)")
        case .pointNameDuplicate(let code, let name):
            let keep = keepAnyway(on: surface)
            return Message(
                zh: "同村已有名称相近的服务点 \(code)（\(name)），可能重复登记；确属两个点时\(keep.zh)",
                en: "the village has a point with a similar name, \(code) (\(name)): a possible "
                    + "double registration; if there are two, \(keep.en)")
        case .pointNotRuralVillage(let code, let name):
            let keep = keepAnyway(on: surface)
            return Message(
                zh: "\(code)（\(name)）是居委会（社区）类区划，不是农村的村委会：在此设服务点须\(keep.zh)",
                en: "\(code) (\(name)) is a residents' committee (urban), not a rural village: "
                    + (cli ? "a point there needs --force --reason" : "for a point there, \(keep.en)"))
        case .pointTooClose(let code, let name, let meters):
            let keep = keepAnyway(on: surface)
            return Message(
                zh: "距服务点 \(code)（\(name)）仅 \(meters) 米，可能重复登记；确属两个点时\(keep.zh)",
                en: "only \(meters) m from point \(code) (\(name)): a possible double registration; if there are two, \(keep.en)")
        }
    }
}

extension Message {
    static func serviceItemUnknown(_ item: String) -> Message {
        let sheetKinds = ServiceKind.allCases.filter { $0 != .finance }
        let categories = PurchaseCategory.allCases.filter { $0 != .medicines }
        func items(_ language: Language) -> String {
            sheetKinds.map { kind in
                let name = language == .zh ? kind.label.zh : kind.rawValue
                guard kind == .agentPurchase else { return name }
                return name + ":" + categories.map { language == .zh ? $0.label.zh : $0.rawValue }.joined(separator: "|")
            }.joined(separator: language == .zh ? "、" : ", ")
        }
        return Message(zh: "服务“\(item)”不认识：可填 \(items(.zh))", en: "service \"\(item)\" is not known: use \(items(.en))")
    }
}

// What a registry command did, told with the labels of its codes.
extension Message {
    public static func pointStatusChanged(_ code: String, _ status: PointStatus) -> Message {
        Message(zh: "服务点 \(code) 已改为“\(pointStatus(status).zh)”", en: "point \(code) is now \(status.rawValue)")
    }
    /// The assignment a new one ended.
    public static func assignmentEnded(_ ended: EndedAssignment) -> Message {
        Message(
            zh: "原站长 \(ended.name)（\(ended.maskedID)）自 \(ended.startedOn) 起的任职于 \(ended.endedOn) 结束，由新站长接任",
            en: "the assignment of \(ended.name) (\(ended.maskedID)), in charge since "
                + "\(ended.startedOn), ended on \(ended.endedOn), when the new operator took over")
    }
    public static func serviceAdded(_ point: String, _ kind: ServiceKind) -> Message {
        Message(zh: "服务点 \(point) 已开通\(serviceKind(kind).zh)", en: "point \(point) now offers \(serviceKind(kind).en)")
    }
    public static func serviceEnded(_ point: String, _ kind: ServiceKind) -> Message {
        Message(zh: "服务点 \(point) 已停止\(serviceKind(kind).zh)", en: "point \(point) no longer offers \(serviceKind(kind).en)")
    }
}

extension Message.Coverage {
    public static func pointsIn(_ status: PointStatus) -> Message { pointsIn(status.label) }
}
