extension RegistryError {
    /// What `work` gives, or nil with its refusals added to `refusals`, so that a change goes
    /// on to be checked for the rest and is refused with every problem at once.
    static func gathering<T>(_ refusals: inout [RegistryError], _ work: () throws -> T) throws -> T? {
        do {
            return try work()
        } catch let error as RegistryError {
            refusals += error.refusals
            return nil
        }
    }

    /// Refuses with `refusals`, which a check that could not go on has made non-empty.
    static func refuseAll(_ refusals: [RegistryError]) throws(RegistryError) -> Never {
        try refuse(refusals)
        throw .several(refusals)
    }
}
