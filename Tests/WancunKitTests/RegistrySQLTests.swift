import Testing

@testable import WancunKit

/// The registry says once what its dated rows mean in SQL; every query that asks uses these.
@Suite struct RegistrySQLTests {
    @Test func theRegistrySaysOnceWhatInForceOnADayMeans() {
        #expect(RegistrySQL.inForce("l", on: "?1") == "(l.started_on <= ?1 AND (l.ended_on IS NULL OR l.ended_on > ?1))")
        #expect(RegistrySQL.inForce(from: "?2", to: "?1") == "(started_on <= ?1 AND (ended_on IS NULL OR ended_on > ?2))")
        #expect(RegistrySQL.standing("d", on: "?") == "(d.retired_on IS NULL OR d.retired_on > ?)")
        #expect(RegistrySQL.standing("d") == "d.retired_on IS NULL" && RegistrySQL.standing() == "retired_on IS NULL")
    }
}
