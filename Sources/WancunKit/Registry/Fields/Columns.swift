import GRDB

// The query interface's columns of the registry's records, named once.

extension PointStatusChange {
    public enum Columns {
        static let id = Column("id")
        static let pointId = Column("point_id")
        static let onDate = Column("on_date")
    }
}

extension Assignment {
    public enum Columns {
        static let pointId = Column("point_id")
        static let startedOn = Column("started_on")
    }
}

extension Service {
    public enum Columns {
        static let pointId = Column("point_id")
        static let kind = Column("kind")
        static let endedOn = Column("ended_on")
    }
}

extension Courier {
    public enum Columns {
        static let id = Column("id")
        static let name = Column("name")
    }
}

extension CourierLink {
    public enum Columns {
        static let id = Column("id")
        static let pointId = Column("point_id")
        static let courierId = Column("courier_id")
        static let startedOn = Column("started_on")
    }
}

extension Station {
    public enum Columns {
        static let name = Column("name")
    }
}

extension Route {
    public enum Columns {
        static let name = Column("name")
    }
}

extension Division {
    public enum Columns {
        static let code = Column("code")
    }
}

extension AuditEntry {
    public enum Columns {
        static let id = Column("id")
        static let at = Column("at")
        static let pointCode = Column("point_code")
        static let operatorIdNumber = Column("operator_id_number")
        static let divisionCode = Column("division_code")
    }
}
