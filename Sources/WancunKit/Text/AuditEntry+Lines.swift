/// The audit trail as people read it in a terminal: 时间 经办人 动作 字段：原值 → 新值.
extension AuditEntry {
    /// One change an audit line records: a field, what it held before (`nil` when the line
    /// has no before) and after, as people read them.
    public struct Change: Sendable, Equatable {
        public var field: String
        public var before: String?
        public var after: String?

        public func text(_ language: Language) -> String {
            let empty = Message.Audit.empty.text(language)
            let colon = language == .zh ? "：" : ": "
            guard let before, before != after else { return field + colon + (after ?? empty) }
            return field + colon + before + " → " + (after ?? empty)
        }
    }

    /// The entries as lines: the time, the clerk, the action and (with `subjects`) what it was
    /// done to, in columns, then each change (`changes`), one a line below the first, and the
    /// reason; a first change that would take its line past `width` starts a line of its own.
    /// Personal values are masked unless `reveal`; hashes are cut to 12 characters unless
    /// `fullHashes`.
    public static func readableLines(
        _ entries: [AuditEntry], language: Language, reveal: Bool, subjects: Bool, fullHashes: Bool = false, width: Int? = nil
    ) -> [String] {
        let heads = entries.map { entry in
            [entry.atText, entry.clerk, Message.Audit.action(entry.action)?.text(language) ?? entry.action]
                + (subjects ? [entry.subjectText(reveal: reveal)] : [])
        }
        let widths = heads.reduce(into: [Int](repeating: 0, count: heads.first?.count ?? 0)) { widths, head in
            for (index, cell) in head.enumerated() { widths[index] = max(widths[index], DisplayWidth.of(cell)) }
        }
        let indent = String(repeating: " ", count: 4)
        var lines: [String] = []
        for (entry, head) in zip(entries, heads) {
            let prefix = zip(head, widths).map { $0 + String(repeating: " ", count: $1 - DisplayWidth.of($0)) }.joined(separator: "  ")
            let items = entry.items(language: language, reveal: reveal, fullHashes: fullHashes)
            let bare = String(prefix.reversed().drop { $0 == " " }.reversed())
            guard let first = items.first else {
                lines.append(bare)
                continue
            }
            if let width, DisplayWidth.of(prefix + "  " + first) > width {
                lines.append(bare)
                lines += items.map { indent + $0 }
            } else {
                lines.append(prefix + "  " + first)
                lines += items.dropFirst().map { indent + $0 }
            }
        }
        return lines
    }

    /// `2026-11-26 10:23:45` from the stored `2026-11-26T10:23:45+08:00` (every time is Beijing time).
    var atText: String {
        let parts = at.split(separator: "T", maxSplits: 1)
        guard parts.count == 2, parts[1].count >= 8 else { return at }
        return parts[0] + " " + parts[1].prefix(8)
    }

    func subjectText(reveal: Bool) -> String {
        [divisionCode, pointCode, operatorIdNumber.map { reveal ? $0 : Mask.residentID($0) }].compactMap { $0 }.joined(separator: " ")
    }

    /// The fields this line changed, in the order written: those of `after`, then those only
    /// `before` held. A field inside a part (an import's `operator`) is labelled with both.
    public func changes(language: Language, reveal: Bool, fullHashes: Bool = false) -> [Change] {
        let old = before.flatMap(JSONReader.value).map {
            Self.flatten($0, action: action, language: language, reveal: reveal, fullHashes: fullHashes)
        }
        let new =
            after.flatMap(JSONReader.value).map { Self.flatten($0, action: action, language: language, reveal: reveal, fullHashes: fullHashes) } ?? []
        guard let old else { return new.compactMap { $0.1 == nil ? nil : Change(field: $0.0, before: nil, after: $0.1) } }
        var changes = new.map { field, value in
            Change(field: field, before: old.first { $0.0 == field }.map { $0.1 } ?? nil, after: value)
        }
        for (field, value) in old where !new.contains(where: { $0.0 == field }) {
            changes.append(Change(field: field, before: value, after: nil))
        }
        // A field in both with no value before is shown as empty before.
        return changes.map { change in
            var change = change
            if change.before == nil { change.before = Message.Audit.empty.text(language) }
            return change
        }
    }

    /// Each field of stored JSON as a label and a value people read (`nil` for JSON's null).
    static func flatten(_ json: JSONValue, action: String, language: Language, reveal: Bool, fullHashes: Bool, part: String? = nil) -> [(
        String, String?
    )] {
        guard case .object(let pairs) = json else {
            return [
                (part ?? Message.Header.value.text(language), readable(json, key: "", language: language, reveal: reveal, fullHashes: fullHashes))
            ]
        }
        return pairs.flatMap { key, value -> [(String, String?)] in
            let label = Message.Audit.field(key, action: action)?.text(language) ?? key
            let field = part.map { $0 + "·" + label } ?? label
            if case .object = value {
                // A part's fields are the part's own: an import's operator has a name as a person has.
                let partAction = key == "operator" ? "operator." : key
                return flatten(value, action: partAction, language: language, reveal: reveal, fullHashes: fullHashes, part: field)
            }
            return [(field, readable(value, key: key, language: language, reveal: reveal, fullHashes: fullHashes))]
        }
    }

    /// A value as people read it: codes by their label, amounts in yuan, personal values
    /// masked unless `reveal`, a list joined, a hash cut to 12 characters unless `fullHashes`.
    static func readable(_ value: JSONValue, key: String, language: Language, reveal: Bool, fullHashes: Bool) -> String? {
        switch value {
        case .null: return nil
        case .bool(let b): return (b ? Message.yes : Message.no).text(language)
        case .number(let n):
            if key.hasSuffix("_fen"), let fen = Int64(n) { return Fen(fen).yuanText }
            return n
        case .array(let items):
            let parts = items.compactMap { item -> String? in
                if case .object(let pairs) = item {
                    return pairs.compactMap { readable($0.1, key: $0.0, language: language, reveal: reveal, fullHashes: fullHashes) }.joined(
                        separator: " ")
                }
                return readable(item, key: key, language: language, reveal: reveal, fullHashes: fullHashes)
            }
            return parts.joined(separator: language == .zh ? "、" : ", ")
        case .object(let pairs):
            return pairs.compactMap { readable($0.1, key: $0.0, language: language, reveal: reveal, fullHashes: fullHashes) }.joined(separator: " ")
        case .string(let s):
            if !reveal {
                if key == "id_number" || key == "operator_id_number" { return Mask.residentID(s) }
                if key == "phone" { return Mask.phone(s) }
                if Mask.birthDerivedKeys.contains(key) { return Mask.derived(s) }
            }
            if let label = codeLabel(key: key, code: s) { return label.text(language) }
            let text = fullHashes ? s : DisplayWidth.shortHash(s)
            return reveal ? text : Mask.personalValues(in: text)
        }
    }

    /// The label of a code the catalogue names (a status, a contract type).
    static func codeLabel(key: String, code: String) -> Message? {
        switch key {
        case "status", "from_status": PointStatus(rawValue: code).map(Message.pointStatus)
        case "contract_type": ContractType(rawValue: code).map(Message.contractType)
        case "difficulty": DifficultyCategory(rawValue: code).map(Message.difficulty)
        case "retirement_group": RetirementGroup(rawValue: code).map(Message.retirementGroup)
        case "kind": ServiceKind(rawValue: code).map(Message.serviceKind)
        case "category": PurchaseCategory(rawValue: code).map(Message.purchaseCategory)
        case "key": PolicyKey(rawValue: code).map(Message.policyKey)
        case "sex": Sex(rawValue: code).map(Message.sex)
        case "level": DivisionLevel(rawValue: code).map(Message.divisionLevel)
        default: nil
        }
    }
}
