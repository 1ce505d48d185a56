// swift-tools-version:6.2
import PackageDescription

/// Wholesail: five services over RabbitMQ and PostgreSQL, one package.
/// Layout and dependency direction: `../shared/design/ARCHITECTURE.md` §1 and README.md.
let swiftSettings: [SwiftSetting] = [
    .swiftLanguageMode(.v6),
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "wholesail",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "Contracts", targets: ["Contracts"]),
        .library(name: "Messaging", targets: ["Messaging"]),
        .library(name: "Persistence", targets: ["Persistence"]),
        .library(name: "Outbox", targets: ["Outbox"]),
        .library(name: "ServiceKit", targets: ["ServiceKit"]),
        .executable(name: "wholesail-bench", targets: ["WholesailBench"]),
        .executable(name: "pricing", targets: ["PricingServer"]),
        .executable(name: "inventory", targets: ["InventoryServer"]),
        .executable(name: "orders", targets: ["OrdersServer"]),
        .executable(name: "shipments", targets: ["ShipmentsServer"]),
        .executable(name: "finance", targets: ["FinanceServer"]),
        .executable(name: "erp-simulator", targets: ["ERPSimulator"]),
        .executable(name: "wholesailctl", targets: ["Wholesailctl"]),
        .executable(name: "loadgen", targets: ["Loadgen"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1", traits: []),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
    ],
    targets: [
        // MARK: C libraries (wrapped once, in Shared/)
        .systemLibrary(
            name: "CRabbitMQ",
            path: "Shared/CRabbitMQ",
            pkgConfig: "librabbitmq",
            providers: [.apt(["librabbitmq-dev"])]
        ),
        .systemLibrary(
            name: "CLibPQ",
            path: "Shared/CLibPQ",
            pkgConfig: "libpq",
            providers: [.apt(["libpq-dev"])]
        ),

        // MARK: Shared modules
        .target(
            name: "Contracts",
            path: "Shared/Contracts",
            resources: [.copy("Schemas")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "Messaging",
            dependencies: [
                "CRabbitMQ",
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Shared/Messaging",
            swiftSettings: swiftSettings
        ),
        .target(
            name: "Persistence",
            dependencies: [
                "CLibPQ",
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Shared/Persistence",
            swiftSettings: swiftSettings
        ),
        .target(
            name: "Outbox",
            dependencies: [
                "Contracts",
                "Messaging",
                "Persistence",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            path: "Shared/Outbox",
            resources: [.copy("Migrations")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "ServiceKit",
            dependencies: [
                "Contracts",
                "Messaging",
                "Persistence",
                "Outbox",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            path: "Shared/ServiceKit",
            swiftSettings: swiftSettings
        ),

        // MARK: Channel formats (pure: parse, verify, build; no I/O)
        .target(
            name: "X12",
            dependencies: ["Contracts"],
            path: "Channels/X12",
            swiftSettings: swiftSettings
        ),
        .target(
            name: "ShopifyChannel",
            dependencies: ["Contracts", "ServiceKit"],
            path: "Channels/ShopifyChannel",
            swiftSettings: swiftSettings
        ),

        // MARK: Services
        .target(
            name: "Pricing",
            dependencies: [
                "Contracts",
                "Messaging",
                "Persistence",
                "Outbox",
                "ServiceKit",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            path: "Services/Pricing/Sources",
            resources: [.copy("Migrations")],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "PricingServer",
            dependencies: ["Pricing", "ServiceKit"],
            path: "Services/Pricing/Main",
            swiftSettings: swiftSettings
        ),

        .target(
            name: "Inventory",
            dependencies: [
                "Contracts",
                "Messaging",
                "Persistence",
                "Outbox",
                "ServiceKit",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            path: "Services/Inventory/Sources",
            resources: [.copy("Migrations")],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "InventoryServer",
            dependencies: ["Inventory", "ServiceKit"],
            path: "Services/Inventory/Main",
            swiftSettings: swiftSettings
        ),

        .target(
            name: "Orders",
            dependencies: [
                "Contracts",
                "Messaging",
                "Persistence",
                "Outbox",
                "ServiceKit",
                "X12",
                "ShopifyChannel",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            path: "Services/Orders/Sources",
            resources: [.copy("Migrations")],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "OrdersServer",
            dependencies: [
                "Orders",
                "Contracts",
                "Outbox",
                "Persistence",
                "ServiceKit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Services/Orders/Main",
            swiftSettings: swiftSettings
        ),

        .target(
            name: "Shipments",
            dependencies: [
                "Contracts",
                "Messaging",
                "Persistence",
                "Outbox",
                "ServiceKit",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            path: "Services/Shipments/Sources",
            resources: [.copy("Migrations")],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "ShipmentsServer",
            dependencies: ["Shipments", "ServiceKit"],
            path: "Services/Shipments/Main",
            swiftSettings: swiftSettings
        ),

        .target(
            name: "Finance",
            dependencies: [
                "Contracts",
                "Messaging",
                "Persistence",
                "Outbox",
                "ServiceKit",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            path: "Services/Finance/Sources",
            resources: [.copy("Migrations")],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "FinanceServer",
            dependencies: ["Finance", "ServiceKit"],
            path: "Services/Finance/Main",
            swiftSettings: swiftSettings
        ),

        // MARK: Tools
        .target(
            name: "ERPSimulatorKit",
            dependencies: [
                "Contracts",
                "ServiceKit",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            path: "Tools/ERPSimulator/Sources",
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "ERPSimulator",
            dependencies: ["ERPSimulatorKit", "ServiceKit"],
            path: "Tools/ERPSimulator/Main",
            swiftSettings: swiftSettings
        ),
        .target(
            name: "SuiteDriver",
            dependencies: ["Contracts"],
            path: "Tools/SuiteDriver",
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "Wholesailctl",
            dependencies: [
                "SuiteDriver",
                "Contracts",
                "Messaging",
                "Persistence",
                "Outbox",
                "ServiceKit",
                "Pricing",
                "Inventory",
                "Orders",
                "Shipments",
                "Finance",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Tools/Wholesailctl",
            exclude: ["README.md"],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "Loadgen",
            dependencies: [
                "SuiteDriver",
                "Contracts",
                "ShopifyChannel",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Tools/Loadgen",
            swiftSettings: swiftSettings
        ),
        .target(
            name: "CBenchBaseline",
            dependencies: ["CRabbitMQ"],
            path: "Tools/BenchBaseline"
        ),
        .executableTarget(
            name: "WholesailBench",
            dependencies: [
                "CBenchBaseline",
                "Contracts",
                "Messaging",
                "Persistence",
                "Outbox",
                "Pricing",
                "Inventory",
                "Orders",
                "Shipments",
                "Finance",
                "ERPSimulatorKit",
                "ServiceKit",
                "X12",
                "ShopifyChannel",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            path: "Tools/Bench",
            swiftSettings: swiftSettings
        ),

        // MARK: Tests
        .target(
            name: "WholesailTestSupport",
            dependencies: [
                "Contracts",
                "Messaging",
                "Persistence",
                "Outbox",
                "ServiceKit",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            path: "Tests/TestSupport",
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "X12Tests",
            dependencies: ["X12"],
            exclude: ["Fixtures"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ShopifyChannelTests",
            dependencies: ["ShopifyChannel", "Contracts", "ServiceKit"],
            exclude: ["Fixtures"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ContractsTests",
            dependencies: ["Contracts"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "MessagingTests",
            dependencies: ["Messaging", "WholesailTestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "PersistenceTests",
            dependencies: ["Persistence", "WholesailTestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "OutboxTests",
            dependencies: ["Outbox", "Contracts", "Messaging", "Persistence", "WholesailTestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ServiceKitTests",
            dependencies: ["ServiceKit", "WholesailTestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "PricingTests",
            dependencies: ["Pricing", "Contracts", "ServiceKit", "WholesailTestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "InventoryTests",
            dependencies: ["Inventory", "Contracts", "ServiceKit", "WholesailTestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "OrdersTests",
            dependencies: ["Orders", "X12", "ShopifyChannel", "ERPSimulatorKit", "Contracts", "Messaging", "ServiceKit", "WholesailTestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ShipmentsTests",
            dependencies: ["Shipments", "Contracts", "Messaging", "Persistence", "Outbox", "ServiceKit", "WholesailTestSupport",
                           .product(name: "Hummingbird", package: "hummingbird")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "FinanceTests",
            dependencies: ["Finance", "ERPSimulatorKit", "Contracts", "Messaging", "Persistence", "Outbox", "ServiceKit",
                           "WholesailTestSupport", .product(name: "Hummingbird", package: "hummingbird")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "DeploymentTests",
            dependencies: ["Contracts", "Messaging", "Outbox", "ServiceKit", "Pricing", "Inventory", "Orders", "Shipments", "Finance"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ERPSimulatorTests",
            dependencies: ["ERPSimulatorKit", "WholesailTestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "IntegrationTests",
            dependencies: ["SuiteDriver", "X12", "Contracts", "Messaging", "Persistence", "ServiceKit", "WholesailTestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "WholesailctlTests",
            dependencies: ["Wholesailctl", "Contracts", "Messaging", "Persistence", "Outbox", "ServiceKit", "WholesailTestSupport",
                           .product(name: "ArgumentParser", package: "swift-argument-parser")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ResilienceTests",
            dependencies: ["Outbox", "Contracts", "Messaging", "Persistence", "WholesailTestSupport"],
            swiftSettings: swiftSettings
        ),
    ]
)
