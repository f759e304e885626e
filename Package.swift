// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "Wancun",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "WancunKit", targets: ["WancunKit"]),
        .executable(name: "wancun", targets: ["wancun"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", exact: "0.9.20"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        // Only its HummingbirdBcrypt product, which builds bcrypt's C source and nothing of the
        // web server: SwiftPM resolves the package's other dependencies but builds only what a
        // product needs, so WancunKit stays free of Hummingbird and SwiftNIO.
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", exact: "2.5.0"),
    ],
    targets: [
        .target(
            name: "WancunKit",
            dependencies: [
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
            ]
        ),
        .executableTarget(
            name: "wancun",
            dependencies: [
                "WancunKit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "WancunKitTests",
            dependencies: [
                "WancunKit", "wancun", .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
