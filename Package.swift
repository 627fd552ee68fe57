// swift-tools-version:6.0
import PackageDescription

// No package dependencies: C libraries come from Debian through system library targets.
let package = Package(
    name: "Archivar",
    products: [
        .executable(name: "archivar", targets: ["archivar"]),
    ],
    targets: [
        // C libraries (system library targets; `make deps` installs the -dev packages).
        .systemLibrary(name: "CLibXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),
        .systemLibrary(name: "CSQLite", providers: [.apt(["libsqlite3-dev"])]),
        .systemLibrary(name: "CStemmer", providers: [.apt(["libstemmer-dev"])]),
        .systemLibrary(name: "CMicroHTTPD", pkgConfig: "libmicrohttpd", providers: [.apt(["libmicrohttpd-dev"])]),
        .target(name: "CSystem"),

        // Core modules.
        .target(name: "ArchivarCore", dependencies: ["CSystem"]),
        .target(name: "ArchivarStore", dependencies: ["ArchivarCore", "ArchivarHTML", "ArchivarMarkup", "CSQLite", "CStemmer"]),
        .target(name: "ArchivarMarkup", dependencies: ["ArchivarCore", "ArchivarHTML", "CLibXML2"]),
        .target(name: "ArchivarHTML", dependencies: ["ArchivarCore"]),
        .target(name: "ArchivarWeb", dependencies: ["ArchivarCore", "ArchivarHTML", "CMicroHTTPD"]),

        // Pipeline plugins: one module per folder under Plugins/.
        .target(name: "Feeds", dependencies: ["ArchivarCore", "ArchivarHTML", "ArchivarMarkup"], path: "Plugins/Feeds"),
        .target(name: "Bibliography", dependencies: ["ArchivarCore"], path: "Plugins/Bibliography"),
        .target(name: "OAIPMH", dependencies: ["ArchivarCore", "ArchivarMarkup"], path: "Plugins/OAIPMH"),
        .target(name: "Scrape", dependencies: ["ArchivarCore", "ArchivarHTML", "ArchivarMarkup"], path: "Plugins/Scrape"),
        .target(name: "Exec", dependencies: ["ArchivarCore"], path: "Plugins/Exec"),
        .target(name: "Normalize", dependencies: ["ArchivarCore", "ArchivarMarkup"], path: "Plugins/Normalize"),
        .target(name: "HTMLPublisher", dependencies: ["ArchivarCore", "ArchivarHTML"], path: "Plugins/HTMLPublisher"),
        .target(name: "AtomPublisher", dependencies: ["ArchivarCore", "ArchivarMarkup"], path: "Plugins/AtomPublisher"),

        // The executable: argument parsing and wiring only.
        .target(name: "ArchivarCLI", dependencies: [
            "ArchivarCore", "ArchivarMarkup", "ArchivarStore", "ArchivarWeb", "CSystem",
            "Feeds", "Bibliography", "OAIPMH", "Scrape", "Exec", "Normalize", "HTMLPublisher", "AtomPublisher",
        ]),
        .executableTarget(name: "archivar", dependencies: ["ArchivarCLI", "CSystem"]),
        // Benchmark: times `Catalog.search` in-process (bench/README.md, "Search latency").
        .executableTarget(name: "search-latency", dependencies: ["ArchivarStore"], path: "bench/SearchLatency"),

        // Tests.
        .target(name: "ArchivarTestSupport", dependencies: ["ArchivarWeb"], path: "Tests/ArchivarTestSupport"),
        .testTarget(name: "ArchivarCoreTests", dependencies: ["ArchivarCore", "ArchivarTestSupport"]),
        .testTarget(name: "ArchivarStoreTests", dependencies: ["ArchivarStore", "ArchivarTestSupport"]),
        .testTarget(name: "ArchivarMarkupTests", dependencies: ["ArchivarMarkup", "ArchivarTestSupport"]),
        .testTarget(name: "ArchivarWebTests", dependencies: ["ArchivarWeb", "ArchivarStore", "ArchivarTestSupport"]),
        .testTarget(name: "PluginTests", dependencies: [
            "Feeds", "Bibliography", "OAIPMH", "Scrape", "Exec", "Normalize", "HTMLPublisher", "AtomPublisher",
            "ArchivarStore", "ArchivarWeb", "ArchivarTestSupport",
        ], resources: [.copy("Fixtures")]),
        .testTarget(name: "EndToEndTests", dependencies: ["ArchivarCore", "ArchivarWeb", "ArchivarTestSupport"]),
    ]
)

for target in package.targets where target.type != .system {
    target.swiftSettings = (target.swiftSettings ?? []) + [.swiftLanguageMode(.v6)]
}
