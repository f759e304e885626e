// The catalogue: an import made by an account, kept to what the account may change.
extension Message {
    static let outsideScope = Message(
        zh: "这个服务点不在您负责的范围内，不能由您导入", en: "this point is outside what you look after: you cannot import it")
}
