// Each library error is told in the catalogue's words here, above the layers that declare it:
// the errors themselves carry structured cases only.

extension ValueError: UserFacingError {
    public var message: Message { .valueError(self) }
    public func message(on surface: Surface) -> Message { .valueError(self, on: surface) }
}

extension StoreError: UserFacingError {
    public var message: Message { .storeError(self) }
}

extension RegistryError: UserFacingError {
    public var message: Message { .registryError(self) }
    public func message(on surface: Surface) -> Message { .registryError(self, on: surface) }
}

extension LedgerError: UserFacingError {
    public var message: Message { .ledgerError(self) }
    public func message(on surface: Surface) -> Message { .ledgerError(self, on: surface) }
}

extension SubsidyError: UserFacingError {
    public var message: Message { .subsidyError(self) }
    public func message(on surface: Surface) -> Message { .subsidyError(self, on: surface) }
}

extension ReconError: UserFacingError {
    public var message: Message { .reconError(self) }
    public func message(on surface: Surface) -> Message { .reconError(self, on: surface) }
}

extension AccountError: UserFacingError {
    public var message: Message { .accountError(self) }
    public func message(on surface: Surface) -> Message { .accountError(self, on: surface) }
}
