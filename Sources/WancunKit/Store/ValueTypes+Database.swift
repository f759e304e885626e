import GRDB

// Identifier types stored as text. The schema's CHECK constraints guarantee what comes back,
// so reading trusts the stored value.

extension DivisionCode: DatabaseValueConvertible {
    public var databaseValue: DatabaseValue { rawValue.databaseValue }
    public static func fromDatabaseValue(_ dbValue: DatabaseValue) -> DivisionCode? {
        String.fromDatabaseValue(dbValue).map(DivisionCode.init(trusted:))
    }
}

extension LocalDate: DatabaseValueConvertible {
    public var databaseValue: DatabaseValue { description.databaseValue }
    public static func fromDatabaseValue(_ dbValue: DatabaseValue) -> LocalDate? {
        String.fromDatabaseValue(dbValue).flatMap { try? LocalDate(parsing: $0) }
    }
}

extension Month: DatabaseValueConvertible {
    public var databaseValue: DatabaseValue { description.databaseValue }
    public static func fromDatabaseValue(_ dbValue: DatabaseValue) -> Month? {
        String.fromDatabaseValue(dbValue).flatMap { try? Month(parsing: $0) }
    }
}

extension Fen: DatabaseValueConvertible {
    public var databaseValue: DatabaseValue { value.databaseValue }
    public static func fromDatabaseValue(_ dbValue: DatabaseValue) -> Fen? {
        Int64.fromDatabaseValue(dbValue).map(Fen.init)
    }
}

// Codable as their text, so records can hold them.

extension DivisionCode: Codable {
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        self = try DivisionCode(parsing: text)
    }
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}

extension LocalDate: Codable {
    public init(from decoder: any Decoder) throws {
        self = try LocalDate(parsing: try decoder.singleValueContainer().decode(String.self))
    }
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

extension Month: Codable {
    public init(from decoder: any Decoder) throws {
        self = try Month(parsing: try decoder.singleValueContainer().decode(String.self))
    }
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

extension Fen: Codable {
    public init(from decoder: any Decoder) throws {
        self = Fen(try decoder.singleValueContainer().decode(Int64.self))
    }
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(value)
    }
}

extension LocalDateTime: DatabaseValueConvertible {
    public var databaseValue: DatabaseValue { description.databaseValue }
    public static func fromDatabaseValue(_ dbValue: DatabaseValue) -> LocalDateTime? {
        String.fromDatabaseValue(dbValue).flatMap { try? LocalDateTime(parsing: $0) }
    }
}

extension LocalDateTime: Codable {
    public init(from decoder: any Decoder) throws {
        self = try LocalDateTime(parsing: try decoder.singleValueContainer().decode(String.self))
    }
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
