// swift-tools-version: 6.1
// DFLKit — decision-focused learning in Swift.
//
// Module graph (dependencies flow one way; see docs/DESIGN.md):
//   COpenBLAS → DFLLinearAlgebra → DFLTensor → {DFLNN, DFLOptimizers}
//   DFLRandom (no deps) is the one seeded generator used everywhere.
//   DFLOptimization (problems, exact solvers; never imports DFLTensor) → DFLCoinOR (CBC/CLP)
//   DFLData, DFLMetrics → DFLLosses/DFLLayers → DFLTraining → DFLCLI → dfl
import Foundation
import PackageDescription

/// Swift 6 language mode for every target (strict concurrency checking).
let swiftSettings: [SwiftSetting] = [
    .swiftLanguageMode(.v6),
]

func module(_ name: String, _ deps: [Target.Dependency]) -> Target {
    .target(name: name, dependencies: deps, swiftSettings: swiftSettings)
}

/// A test target, declared only once its folder holds Swift sources (so a module's tests can be
/// added by creating `Tests/<Module>Tests/*.swift` without editing this manifest).
func tests(_ name: String, _ deps: [Target.Dependency], resources: [Resource]? = nil) -> Target? {
    let folder = Context.packageDirectory + "/Tests/" + name
    let files = (try? FileManager.default.subpathsOfDirectory(atPath: folder)) ?? []
    guard files.contains(where: { $0.hasSuffix(".swift") }) else { return nil }
    return .testTarget(
        name: name, dependencies: deps + ["DFLTestSupport"], resources: resources,
        swiftSettings: swiftSettings)
}

let testTargets: [Target] = [
    // Tests mirror the sources.
    tests("DFLRandomTests", ["DFLRandom"]),
    tests("DFLReportTests", ["DFLReport"]),
    tests("DFLLinearAlgebraTests", ["DFLLinearAlgebra"]),
    tests("DFLTensorTests", ["DFLTensor"]),
    tests("DFLNNTests", ["DFLNN", "DFLTensor", "DFLOptimizers"]),
    tests("DFLOptimizersTests", ["DFLOptimizers", "DFLTensor"]),
    tests("DFLOptimizationTests", ["DFLOptimization", "DFLCoinOR"]),
    tests("DFLCoinORTests", ["DFLCoinOR", "DFLOptimization"]),
    tests("DFLDataTests", ["DFLData", "DFLOptimization", "DFLCoinOR"]),
    tests("DFLMetricsTests", ["DFLMetrics", "DFLOptimization"]),
    tests("DFLLossesTests", ["DFLLosses", "DFLTensor", "DFLOptimization"]),
    tests("DFLLayersTests", ["DFLLayers", "DFLLosses", "DFLTensor", "DFLOptimization", "DFLCoinOR"]),
    tests("DFLRecursiveTests", ["DFLRecursive", "DFLTensor", "DFLNN", "DFLLayers"]),
    tests("DFLEnergyTests", ["DFLEnergy", "DFLTensor", "DFLNN", "DFLLayers"]),
    tests("DFLTrainingTests", ["DFLTraining", "DFLData", "DFLLosses", "DFLOptimization"]),
    tests("DFLCLITests", ["DFLCLI", "DFLTraining"]),
].compactMap { $0 }

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
    ],
    targets: [
        // C system libraries (Debian: libopenblas-dev liblapacke-dev coinor-libcbc-dev coinor-libclp-dev).
        .systemLibrary(
            name: "COpenBLAS", path: "Sources/COpenBLAS",
            providers: [.apt(["libopenblas-dev", "liblapacke-dev"])]),
        .systemLibrary(
            name: "CCoinOR", path: "Sources/CCoinOR",
            providers: [.apt(["coinor-libcbc-dev", "coinor-libclp-dev"])]),

        // Foundation.
        module("DFLRandom", []),
        module("DFLReport", []),
        module("DFLLinearAlgebra", ["COpenBLAS"]),
        module("DFLTensor", ["DFLLinearAlgebra", "DFLRandom"]),
        module("DFLNN", ["DFLTensor", "DFLRandom"]),
        module("DFLOptimizers", ["DFLTensor"]),

        // Optimization problems, solvers, data, metrics.
        module("DFLOptimization", ["DFLLinearAlgebra", "DFLRandom"]),
        module("DFLCoinOR", ["DFLOptimization", "CCoinOR"]),
        module("DFLData", ["DFLOptimization", "DFLRandom"]),
        module("DFLMetrics", ["DFLOptimization"]),

        // Decision-focused learning.
        module("DFLLosses", ["DFLTensor", "DFLOptimization", "DFLRandom"]),
        module(
            "DFLLayers",
            ["DFLTensor", "DFLLinearAlgebra", "DFLOptimization", "DFLRandom", "DFLLosses"]),
        module(
            "DFLRecursive",
            [
                "DFLTensor", "DFLNN", "DFLOptimizers", "DFLLayers", "DFLLinearAlgebra", "DFLRandom",
                "DFLMetrics", "DFLReport",
            ]),
        module(
            "DFLEnergy",
            [
                "DFLTensor", "DFLNN", "DFLOptimizers", "DFLLayers", "DFLLinearAlgebra", "DFLRandom",
                "DFLReport",
            ]),
        module(
            "DFLTraining",
            [
                "DFLTensor", "DFLNN", "DFLOptimizers", "DFLOptimization", "DFLCoinOR", "DFLData",
                "DFLMetrics", "DFLLosses", "DFLRandom", "DFLReport", "DFLLayers",
            ]),
        module(
            "DFLKit",
            [
                "DFLRandom", "DFLReport", "DFLLinearAlgebra", "DFLTensor", "DFLNN", "DFLOptimizers",
                "DFLOptimization", "DFLCoinOR", "DFLData", "DFLMetrics", "DFLLosses", "DFLLayers",
                "DFLRecursive", "DFLEnergy", "DFLTraining",
            ]),
        module(
            "DFLCLI",
            [
                "DFLTraining", "DFLData", "DFLLosses", "DFLOptimization", "DFLCoinOR", "DFLReport", "DFLMetrics",
                "DFLRecursive", "DFLLayers", "DFLEnergy",
                "DFLRandom", "DFLTensor", "DFLNN",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Yams", package: "Yams"),
            ]),
        .executableTarget(name: "dfl", dependencies: ["DFLCLI"], swiftSettings: swiftSettings),

        // Test support (never a product).
        module(
            "DFLTestSupport",
            ["DFLRandom", "DFLLinearAlgebra", "DFLTensor", "DFLOptimization"]),

    ] + testTargets
)

