import GRDB

/// A field a form fills in, as its entity's field list tells it: the input's name is the
/// field's column (the name `--field COLUMN=VALUE` and `--format csv` use).
public struct FormField: Sendable, Hashable {
    public let column: String
    public let label: Message
    public let required: Bool

    public init(_ column: String, _ label: Message, required: Bool = false) {
        self.column = column
        self.label = label
        self.required = required
    }

    init<Record>(_ field: Field<Record>) {
        self.init(field.column, field.header ?? Message(zh: field.column, en: field.column), required: field.required)
    }
}

/// What a person typed in a form, by column. What does not parse is refused naming its
/// field, and the change goes on to be checked for the rest, so that every refusal is told at once.
public struct FormInput: Sendable {
    public var text: [String: String]

    public init(_ text: [String: String]) { self.text = text }

    /// The typed value, trimmed; nil when blank or not given.
    public func given(_ column: String) -> String? {
        text[column].map { $0.trimmingSpaces() }.flatMap { $0.isEmpty ? nil : $0 }
    }

    /// Whether a box (`force`) was ticked.
    public func ticked(_ column: String) -> Bool { given(column) != nil }

    /// The typed value parsed as `T`, nil when blank; what does not parse is added to `refusals`.
    func parsed<T>(_ column: String, _ refusals: inout [RegistryError], _ read: (String) throws(ValueError) -> T) -> T? {
        guard let text = given(column) else { return nil }
        do { return try read(text) } catch {
            refusals.append(.invalid(field: column, error))
            return nil
        }
    }

    /// A field of `Record`'s list parsed as its field list parses it (a sheet's cell, `--field`).
    func parsed<Record: FieldListed, T: DatabaseValueConvertible>(
        _ column: String, of _: Record.Type, _ refusals: inout [RegistryError]
    ) -> T? {
        parsed(column, &refusals) { text throws(ValueError) in try Record.field(column)!.value.parse(text) }.flatMap(T.fromDatabaseValue)
    }

    /// The override of the duplicate checks and exceptions: the box `force` and its `reason`.
    var override: Override { Override(force: ticked("force"), reason: given("reason")) }
}

extension Point {
    /// The fields the add form fills in (after the village), in the table's order: those the
    /// points sheet has.
    public static let addFormFields: [FormField] = fields.filter { $0.inserted && $0.sheet != nil }.map(FormField.init)

    /// The fields the edit form fills in: the add form's, and the operating business's.
    public static let editFormFields: [FormField] = fields.filter { $0.sheet != nil || (!$0.inserted && $0.shown != .no) }.map(FormField.init)

    /// The value a form shows for `column`, as a sheet writes it.
    public func formText(_ column: String) -> String { Point.field(column).map { $0.value.sheetText(self) } ?? "" }
}

extension NewPoint {
    /// A point to register from a form: `village_code` and the add form's fields; the village
    /// too when one was given that parses (the point is then checked without it).
    static func reading(_ form: FormInput, _ refusals: inout [RegistryError]) -> (DivisionCode?, NewPoint) {
        var village: DivisionCode?
        if form.given("village_code") == nil {
            refusals.append(.invalid(field: "village_code", .empty))
        } else {
            village = form.parsed("village_code", &refusals) { text throws(ValueError) in try DivisionCode(parsing: text) }
        }
        let coordinates = AppDatabase.coordinates(form, &refusals)
        var new = NewPoint(
            village: village ?? Self.noVillage, name: form.text["name"] ?? "", address: form.given("address"), latitude: coordinates.0,
            longitude: coordinates.1, openedOn: form.parsed("opened_on", of: Point.self, &refusals), override: form.override)
        for field in Point.plainFields { new.values.set(field.column, text: form.given(field.column) ?? "") }
        return (village, new)
    }

    /// Stands for a village that was not given, while the rest of the form is checked.
    static let noVillage = DivisionCode(trusted: "000000000000")
}

extension PointEdit {
    /// The edit a form makes of `base`: each edit form field whose typed value differs from
    /// what the point holds.
    static func reading(_ form: FormInput, base: Point, _ refusals: inout [RegistryError]) -> PointEdit {
        var edit = PointEdit()
        // A field the form did not send is left as it is; one sent empty is emptied.
        func changed(_ column: String) -> Bool { form.text[column].map { $0.trimmingSpaces() != base.formText(column) } ?? false }
        if changed("name") { edit.name = form.text["name"] ?? "" }
        if changed("address") { edit.address = form.text["address"] ?? "" }
        // What the form shows emptied is removed where it may be (coordinates, the operating
        // business), and refused where it may not (the opening day, which the status history
        // holds): never kept unsaid.
        if changed("latitude") || changed("longitude") {
            if form.given("latitude") == nil && form.given("longitude") == nil {
                edit.cleared.insert("latitude")
            } else {
                (edit.latitude, edit.longitude) = AppDatabase.coordinates(form, &refusals)
            }
        }
        if changed("opened_on") {
            edit.openedOn = form.parsed("opened_on", of: Point.self, &refusals)
            if form.given("opened_on") == nil { refusals.append(.invalid(field: "opened_on", .empty)) }
        }
        if changed("business_name") { edit.businessName = form.text["business_name"] ?? "" }
        if changed("credit_code") {
            if let code = form.given("credit_code") { edit.creditCode = code } else { edit.cleared.insert("credit_code") }
        }
        for field in Point.plainFields where changed(field.column) { edit.values.set(field.column, text: form.given(field.column) ?? "") }
        (edit.force, edit.reason) = (form.ticked("force"), form.given("reason"))
        return edit
    }
}

extension AppDatabase {
    /// A form's latitude and longitude; both nil when either does not parse, so that only
    /// the one that does not is refused.
    static func coordinates(_ form: FormInput, _ refusals: inout [RegistryError]) -> (Double?, Double?) {
        var found: [RegistryError] = []
        let latitude: Double? = form.parsed("latitude", of: Point.self, &found)
        let longitude: Double? = form.parsed("longitude", of: Point.self, &found)
        refusals += found
        return found.isEmpty ? (latitude, longitude) : (nil, nil)
    }
}

extension RegistryError {
    /// What `work` makes, refused with `earlier` (what did not parse) and its own refusals
    /// together. `work` runs inside the caller's transaction, which a refusal rolls back, so
    /// that it is checked for the rest even when something did not parse.
    static func refusing<T>(with earlier: [RegistryError], _ work: () throws -> T) throws -> T {
        let made: T
        do { made = try work() } catch let error as RegistryError { try refuseAll(earlier + error.refusals) }
        try refuse(earlier)
        return made
    }
}
