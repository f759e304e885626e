// swift-tools-version: 6.1
// libFuzzer targets for the readers and the row parsers, kept apart so that the project's own
// `swift build` and `swift test` never see the sanitizer. Build and run them with
// `scripts/fuzz.sh SECONDS` from the repository root.
import PackageDescription

let package = Package(
    name: "WancunFuzz",
    platforms: [.macOS(.v13)],
    dependencies: [.package(name: "Wancun", path: "..")],
    targets: [
        .target(name: "FuzzSupport", dependencies: [.product(name: "WancunKit", package: "Wancun")]),
        .executableTarget(name: "FuzzCSV", dependencies: ["FuzzSupport", .product(name: "WancunKit", package: "Wancun")]),
        .executableTarget(name: "FuzzXLSX", dependencies: ["FuzzSupport", .product(name: "WancunKit", package: "Wancun")]),
        .executableTarget(name: "FuzzRows", dependencies: ["FuzzSupport", .product(name: "WancunKit", package: "Wancun")]),
    ],
    swiftLanguageModes: [.v6]
)
