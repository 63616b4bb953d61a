// swift-tools-version:6.0
//
// docgen: Markdown chapters with experiment directives -> fits -> Cairo figures -> static HTML site.
//
// Dependency arrows point one way (each target depends only on what is below it, exactly as it imports):
//
//   docgen (executable: argument parsing, terminal output)
//     ├─ DocgenServer (docgen serve: HTTP on 127.0.0.1 over SwiftNIO, watch, rebuild, reload) ── DocgenBuild
//     ├─ DocgenProject (finding the course from the current folder; the course `docgen init` writes)
//     └─ DocgenBuild (configuration, planning, schedule, cache, site assembly, prose-edit rebuilds; registries,
//          │           no kinds) ── CCrypto
//          ├─ DocgenFigures (figure and table kinds: options, requirements, drawing from results)
//          │    ├─ DocgenModels   (data, model families, path driver, CV, outputs)  ── CLapack, CNetworkKernels
//          │    └─ DocgenPlotting (canvas, scales, ticks, axes, PNG)               ── CCairo, CPNG, CDeflate
//          ├─ DocgenSite (templates, theme, search index, printable edition)
//          │    └─ DocgenFonts (the math font cut to the course's characters, as WOFF2)    ── CHarfBuzz, CBrotli
//          └─ DocgenMarkup (Markdown, directives, TeX -> MathML, highlighting)     ── CCmarkGFM
//   DocgenOptions (located option values, OptionReader) is read by Models, Figures and Build;
//   DocgenConcurrency (a value computed on a thread of its own) is used by Models and Build;
//   DocgenDiagnostics (source locations, diagnostics) is the leaf every library may use.
import PackageDescription

let package = Package(
    name: "docgen",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "docgen", targets: ["docgen"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "5.0.1"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.0.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
    ],
    targets: [
        // C libraries, each behind its own small system-library shim.
        .systemLibrary(name: "CCairo", pkgConfig: "cairo", providers: [.apt(["libcairo2-dev"])]),
        .systemLibrary(name: "CPNG", pkgConfig: "libpng", providers: [.apt(["libpng-dev"])]),
        .systemLibrary(name: "CCmarkGFM", pkgConfig: "libcmark-gfm",
                       providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]),
        // BLAS and LAPACK: loaded from Debian's libopenblas0 and liblapacke at a fit's first call, not at start-up
        // (see Sources/CLapack/include/CLapack.h for the measurement); the headers come from their -dev packages.
        .target(name: "CLapack"),
        // docgen's own C: the inner loops of network training, compiled for the baseline, AVX2 and AVX-512 and
        // chosen at the first call, with the same bits at every level (Sources/CNetworkKernels/include/CNetworkKernels.h).
        .target(name: "CNetworkKernels"),
        .systemLibrary(name: "CHarfBuzz", pkgConfig: "harfbuzz-subset", providers: [.apt(["libharfbuzz-dev"])]),
        .systemLibrary(name: "CBrotli", pkgConfig: "libbrotlienc", providers: [.apt(["libbrotli-dev"])]),
        .systemLibrary(name: "CDeflate", pkgConfig: "libdeflate", providers: [.apt(["libdeflate-dev"])]),
        .systemLibrary(name: "CCrypto", pkgConfig: "libcrypto", providers: [.apt(["libssl-dev"])]),

        // Libraries, one per concern.
        .target(name: "DocgenDiagnostics"),
        .target(name: "DocgenConcurrency"),
        .target(name: "DocgenOptions", dependencies: ["DocgenDiagnostics"]),
        .target(name: "DocgenModels", dependencies: ["CLapack", "CNetworkKernels", "DocgenConcurrency", "DocgenDiagnostics", "DocgenOptions"]),
        .target(name: "DocgenPlotting", dependencies: ["CCairo", "CPNG", "CDeflate"]),
        .target(name: "DocgenFigures", dependencies: ["DocgenOptions", "DocgenModels", "DocgenPlotting"]),
        .target(name: "DocgenMarkup", dependencies: ["CCmarkGFM", "DocgenDiagnostics"]),
        .target(name: "DocgenFonts", dependencies: ["CHarfBuzz", "CBrotli"]),
        .target(name: "DocgenSite", dependencies: [
            "DocgenMarkup", "DocgenFonts",
            .product(name: "Mustache", package: "swift-mustache"),
        ], resources: [.embedInCode("Theme")]),
        .target(name: "DocgenBuild", dependencies: [
            "DocgenConcurrency", "DocgenDiagnostics", "DocgenOptions", "DocgenModels", "DocgenPlotting", "DocgenFigures",
            "DocgenMarkup", "DocgenSite", "CCrypto",
            .product(name: "Yams", package: "Yams"),
        ]),

        // Beside the command line: the development server, and the course folder as a project.
        .target(name: "DocgenServer", dependencies: [
            "DocgenBuild", "DocgenDiagnostics",
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "NIOHTTP1", package: "swift-nio"),
        ]),
        .target(name: "DocgenProject", resources: [.embedInCode("Starter")]),

        // The thin executable.
        .executableTarget(name: "docgen", dependencies: [
            "DocgenBuild", "DocgenDiagnostics", "DocgenServer", "DocgenProject",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),

        // Benchmarks (release build): solvers, figures, whole builds.
        .executableTarget(name: "DocgenBenchmarks",
                          dependencies: ["DocgenModels", "DocgenPlotting", "DocgenFigures"],
                          path: "benchmarks/DocgenBenchmarks"),

        // Tests mirror the targets.
        .testTarget(name: "DocgenDiagnosticsTests", dependencies: ["DocgenDiagnostics"]),
        .testTarget(name: "DocgenConcurrencyTests", dependencies: ["DocgenConcurrency"]),
        .testTarget(name: "DocgenModelsTests", dependencies: ["DocgenModels", "CLapack", "CNetworkKernels"], resources: [.copy("Fixtures")]),
        .testTarget(name: "DocgenPlottingTests", dependencies: ["DocgenPlotting", "DocgenTestSupport"]),
        .testTarget(name: "DocgenFiguresTests", dependencies: ["DocgenFigures", "DocgenModels", "DocgenOptions", "DocgenPlotting", "DocgenDiagnostics",
                                                             "DocgenTestSupport"]),
        .testTarget(name: "DocgenMarkupTests", dependencies: ["DocgenMarkup", "DocgenDiagnostics", "DocgenTestSupport"],
                    resources: [.copy("Fixtures")]),
        .target(name: "DocgenTestSupport", path: "Tests/DocgenTestSupport"),
        .testTarget(name: "DocgenFontsTests", dependencies: ["DocgenFonts"]),
        .testTarget(name: "DocgenSiteTests",
                    dependencies: ["DocgenSite", "DocgenMarkup", "DocgenDiagnostics", "CCmarkGFM", "DocgenTestSupport",
                                   "DocgenFonts"]),
        .testTarget(name: "DocgenBuildTests",
                    dependencies: ["DocgenBuild", "DocgenDiagnostics", "DocgenFigures", "DocgenModels", "DocgenOptions", "DocgenPlotting",
                                   "DocgenSite"],
                    resources: [.copy("BadInputs")]),
        .testTarget(name: "DocgenServerTests", dependencies: ["DocgenServer", "DocgenBuild", "DocgenDiagnostics"]),
        .testTarget(name: "DocgenProjectTests", dependencies: ["DocgenProject"], exclude: ["make_plants.py"]),
        // The end-to-end tests run the built `docgen` executable.
        .testTarget(name: "DocgenEndToEndTests", dependencies: ["docgen", "DocgenTestSupport"]),
    ]
)

// Fuzzing harnesses (fuzz/README.md), declared only when fuzz/run.sh sets DOCGEN_FUZZ: it builds them with
// `-sanitize=fuzzer` into .build-fuzz. Ordinary builds, tests and CI never see these targets.
if Context.environment["DOCGEN_FUZZ"] != nil {
    package.targets += [
        .target(name: "CFuzzDriver", path: "fuzz/CFuzzDriver"),
        .target(name: "FuzzSupport", dependencies: ["CFuzzDriver"], path: "fuzz/FuzzSupport"),
        .executableTarget(name: "FuzzYAML", dependencies: ["FuzzSupport", "DocgenBuild"], path: "fuzz/FuzzYAML"),
        .executableTarget(name: "FuzzTeX", dependencies: ["FuzzSupport", "DocgenMarkup", "DocgenDiagnostics"],
                          path: "fuzz/FuzzTeX"),
        .executableTarget(name: "FuzzCSV", dependencies: ["FuzzSupport", "DocgenModels"], path: "fuzz/FuzzCSV"),
        .executableTarget(name: "FuzzChapter", dependencies: ["FuzzSupport", "DocgenBuild", "DocgenDiagnostics"],
                          path: "fuzz/FuzzChapter"),
    ]
}
