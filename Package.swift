// swift-tools-version: 6.1
// DFLKit — decision-focused learning in Swift.
//
// The module graph is described once, in docs/ARCHITECTURE.md, and a test
// (Tests/DFLKitTests/ModuleGraphTests.swift) checks this manifest and every `import` line against it.
import PackageDescription

/// Swift 6 language mode for every target (strict concurrency checking).
let swiftSettings: [SwiftSetting] = [
    .swiftLanguageMode(.v6)
]

func module(_ name: String, _ dependencies: [Target.Dependency], resources: [Resource]? = nil) -> Target {
    .target(name: name, dependencies: dependencies, resources: resources, swiftSettings: swiftSettings)
}

func tests(_ name: String, _ dependencies: [Target.Dependency]) -> Target {
    .testTarget(name: name, dependencies: dependencies + ["DFLTestSupport"], swiftSettings: swiftSettings)
}

let argumentParser = Target.Dependency.product(name: "ArgumentParser", package: "swift-argument-parser")

let package = Package(
    name: "DFLKit",
    platforms: [.macOS(.v14)],
    products: [
        .library(name: "DFLKit", targets: ["DFLKit"]),
        .executable(name: "dfl", targets: ["dfl"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "5.0.1"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    ],
    targets: [
        // MARK: - Public API: the library (re-exported by `import DFLKit`)

        // System libraries (Debian: libopenblas-dev liblapacke-dev coinor-libcbc-dev coinor-libclp-dev).
        .systemLibrary(
            name: "COpenBLAS", path: "Sources/COpenBLAS",
            providers: [.apt(["libopenblas-dev", "liblapacke-dev"])]),
        .systemLibrary(
            name: "CCoinOR", path: "Sources/CCoinOR",
            providers: [.apt(["coinor-libcbc-dev", "coinor-libclp-dev"])]),
        .systemLibrary(name: "CZlib", path: "Sources/CZlib", providers: [.apt(["zlib1g-dev"])]),

        // Numbers, tensors, networks, optimizers.
        module("DFLErrors", []),
        module("DFLRandom", []),
        module("DFLLinearAlgebra", ["COpenBLAS"]),
        module("DFLTensor", ["DFLLinearAlgebra"]),
        module("DFLNN", ["DFLTensor", "DFLRandom"]),
        module("DFLOptimizers", ["DFLTensor"]),

        // Problems, exact solvers, data and metrics.
        module("DFLOptimization", ["DFLErrors", "DFLRandom"]),
        module("DFLModelFormats", ["DFLErrors", "DFLOptimization", "CZlib"]),
        module("DFLCoinOR", ["DFLOptimization", "DFLModelFormats", "CCoinOR"]),
        module("DFLData", ["DFLErrors", "DFLOptimization", "DFLRandom"]),
        module("DFLMetrics", ["DFLErrors", "DFLOptimization"]),

        // Decision-focused learning: layers, losses, training.
        module("DFLImplicit", ["DFLLinearAlgebra"]),
        module("DFLQuadraticProgramming", ["DFLErrors", "DFLLinearAlgebra", "DFLOptimization", "DFLImplicit"]),
        module(
            "DFLLayers",
            ["DFLErrors", "DFLTensor", "DFLLinearAlgebra", "DFLOptimization", "DFLImplicit", "DFLQuadraticProgramming"]),
        module("DFLLosses", ["DFLTensor", "DFLOptimization", "DFLRandom", "DFLLayers", "DFLQuadraticProgramming"]),
        module(
            "DFLTraining",
            [
                "DFLTensor", "DFLNN", "DFLOptimizers", "DFLOptimization", "DFLData", "DFLMetrics",
                "DFLLosses", "DFLLayers", "DFLRandom",
            ]),
        module("DFLReport", []),
        module("DFLRunStore", ["DFLErrors", "DFLReport", .product(name: "GRDB", package: "GRDB.swift")]),
        module(
            "DFLKit",
            [
                "DFLErrors", "DFLRandom", "DFLLinearAlgebra", "DFLTensor", "DFLNN", "DFLOptimizers", "DFLOptimization",
                "DFLModelFormats", "DFLCoinOR", "DFLData", "DFLMetrics", "DFLImplicit", "DFLQuadraticProgramming",
                "DFLLayers", "DFLLosses", "DFLTraining", "DFLReport",
            ]),

        // MARK: - The papers' benchmarks and reproductions (used by the CLI, not re-exported)

        module(
            "DFLBenchmarks",
            [
                "DFLRandom", "DFLLinearAlgebra", "DFLTensor", "DFLNN", "DFLOptimizers", "DFLOptimization",
                "DFLCoinOR", "DFLData", "DFLLayers", "DFLLosses", "DFLTraining", "DFLImplicit",
                "DFLQuadraticProgramming",
            ]),
        module(
            "DFLReproduction",
            [
                "DFLRandom", "DFLTensor", "DFLOptimization", "DFLData", "DFLLayers", "DFLLosses",
                "DFLTraining", "DFLReport", "DFLBenchmarks", "DFLNN",
            ],
            resources: [.process("Resources")]),

        // MARK: - The command-line tool

        // DFLLinearAlgebra, DFLMetrics, DFLModelFormats, DFLNN, DFLOptimizers, DFLTensor, DFLQuadraticProgramming and
        // DFLErrors only for their error types' exit classes (Sources/DFLCLI/Failure).
        module(
            "DFLCLI",
            [
                "DFLOptimization", "DFLCoinOR", "DFLData", "DFLLayers", "DFLLosses", "DFLTraining", "DFLReport",
                "DFLBenchmarks", "DFLReproduction", "DFLRandom", argumentParser,
                .product(name: "Yams", package: "Yams"),
                "DFLLinearAlgebra", "DFLMetrics", "DFLNN", "DFLOptimizers", "DFLTensor", "DFLQuadraticProgramming",
                "DFLModelFormats", "DFLRunStore", "DFLErrors",
            ]),
        .executableTarget(name: "dfl", dependencies: ["DFLCLI"], swiftSettings: swiftSettings),

        // MARK: - Examples (built and run by ExamplesTests)

        .executableTarget(
            name: "CustomProblem", dependencies: ["DFLKit"], path: "Examples/custom-problem",
            swiftSettings: swiftSettings),
        .executableTarget(
            name: "MPSModel", dependencies: ["DFLKit"], path: "Examples/mps-model",
            resources: [.copy("projects.mps"), .copy("projects.csv")], swiftSettings: swiftSettings),
        .executableTarget(
            name: "SaveAndPredict", dependencies: ["DFLKit"], path: "Examples/saved-model",
            swiftSettings: swiftSettings),

        // MARK: - Implementation details of the tests (never a product)

        module(
            "DFLTestSupport",
            ["DFLRandom", "DFLLinearAlgebra", "DFLTensor", "DFLOptimization", "DFLQuadraticProgramming"]),

        // MARK: - Test bundles (mirror the sources)

        tests("DFLErrorsTests", ["DFLErrors"]),
        tests("DFLRandomTests", ["DFLRandom"]),
        tests("DFLReportTests", ["DFLReport"]),
        tests("DFLLinearAlgebraTests", ["DFLLinearAlgebra"]),
        tests("DFLTensorTests", ["DFLTensor"]),
        tests("DFLNNTests", ["DFLNN", "DFLTensor", "DFLOptimizers", "DFLRandom"]),
        tests("DFLOptimizersTests", ["DFLOptimizers", "DFLTensor"]),
        tests("DFLOptimizationTests", ["DFLOptimization", "DFLCoinOR"]),
        tests("DFLModelFormatsTests", ["DFLModelFormats", "DFLOptimization", "DFLRandom"]),
        tests("DFLCoinORTests", ["DFLCoinOR", "DFLOptimization", "DFLModelFormats"]),
        tests("DFLDataTests", ["DFLData", "DFLOptimization", "DFLCoinOR"]),
        tests("DFLMetricsTests", ["DFLMetrics", "DFLOptimization"]),
        tests("DFLImplicitTests", ["DFLImplicit", "DFLLinearAlgebra", "DFLRandom"]),
        tests(
            "DFLQuadraticProgrammingTests",
            ["DFLQuadraticProgramming", "DFLImplicit", "DFLLinearAlgebra", "DFLOptimization", "DFLRandom"]),
        tests("DFLLayersTests", ["DFLLayers", "DFLTensor", "DFLOptimization", "DFLLinearAlgebra", "DFLCoinOR"]),
        tests("DFLLossesTests", ["DFLLosses", "DFLLayers", "DFLTensor", "DFLOptimization", "DFLRandom"]),
        tests(
            "DFLTrainingTests",
            [
                "DFLTraining", "DFLData", "DFLLosses", "DFLOptimization", "DFLBenchmarks", "DFLMetrics", "DFLNN",
                "DFLOptimizers", "DFLTensor",
            ]),
        tests(
            "DFLBenchmarksTests",
            [
                "DFLBenchmarks", "DFLReproduction", "DFLTraining", "DFLData", "DFLLosses", "DFLLayers",
                "DFLOptimization", "DFLLinearAlgebra", "DFLTensor", "DFLRandom", "DFLNN", "DFLQuadraticProgramming",
            ]),
        tests(
            "DFLReproductionTests",
            [
                "DFLReproduction", "DFLBenchmarks", "DFLTraining", "DFLData", "DFLLayers", "DFLOptimization",
            ]),
        // "dfl": the end-to-end test runs the built executable (found next to the test bundle).
        tests(
            "DFLCLITests",
            [
                "DFLCLI", "dfl", "DFLTraining", "DFLBenchmarks", "DFLReproduction", "DFLLosses", "DFLData", "DFLRandom",
                "DFLOptimization", "DFLRunStore", "DFLModelFormats", "CZlib", argumentParser,
            ]),
        tests("DFLRunStoreTests", ["DFLRunStore", "DFLReport"]),
        tests("DFLKitTests", []),
        tests("ExamplesTests", ["CustomProblem", "MPSModel", "SaveAndPredict"]),
    ]
)
