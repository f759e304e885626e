// Each library error is told in the catalogue's words here, above the layers that declare it:
// the errors themselves carry structured cases only.

extension ValueError: UserFacingError {
    public var message: Message { .valueError(self) }
}

extension StoreError: UserFacingError {
    public var message: Message { .storeError(self) }
}

extension RegistryError: UserFacingError {
    public var message: Message { .registryError(self) }
}

extension LedgerError: UserFacingError {
    public var message: Message { .ledgerError(self) }
}

extension SubsidyError: UserFacingError {
    public var message: Message { .subsidyError(self) }
}

extension ReconError: UserFacingError {
    public var message: Message { .reconError(self) }
}

extension AccountError: UserFacingError {
    public var message: Message { .accountError(self) }
}
