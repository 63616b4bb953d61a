// docgen's benchmarks, run from a release build:
//
//   swift build -c release --product DocgenBenchmarks --product docgen
//   .build/release/DocgenBenchmarks solvers    # lasso paths vs scikit-learn and glmnet
//   .build/release/DocgenBenchmarks figures    # one path figure vs matplotlib
//   .build/release/DocgenBenchmarks build      # whole course builds vs scikit-learn + matplotlib
//   .build/release/DocgenBenchmarks mlp        # networks with weight decay vs scikit-learn's MLP (lbfgs)
//   .build/release/DocgenBenchmarks rows       # a million-row CSV experiment vs pandas + scikit-learn
//   .build/release/DocgenBenchmarks png DIR    # every PNG of a built site: docgen's writer vs zlib levels 1 and 6
//   .build/release/DocgenBenchmarks all        # solvers, figures, build, mlp and rows, one after the other, then
//                                              # png on Output when the course has been built there
//   .build/release/DocgenBenchmarks copies CONTENT TARGET N   # CONTENT's course N times over (as `build` measures
//                                                             # at scale), to time by hand with --verbose
//
// Peers run in the same run when python3 (scikit-learn, matplotlib) or Rscript (glmnet) are
// installed; results are recorded in benchmarks/README.md.
import Foundation

let arguments = Array(CommandLine.arguments.dropFirst())
let rest = Array(arguments.dropFirst())
do {
    switch arguments.first {
    case "solvers": try runSolverBenchmark(arguments: rest)
    case "figures": try runFigureBenchmark(arguments: rest)
    case "build": try runBuildBenchmark(arguments: rest)
    case "mlp": try runNetworkBenchmark(arguments: rest)
    case "rows": try runRowsBenchmark(arguments: rest)
    case "png": try runPNGBenchmark(arguments: rest)
    case "copies":
        guard rest.count == 3, let copies = Int(rest[2]), copies >= 1 else {
            print("usage: DocgenBenchmarks copies CONTENT TARGET N")
            exit(2)
        }
        try writeCourseCopies(of: URL(fileURLWithPath: rest[0]), into: URL(fileURLWithPath: rest[1]), copies: copies)
    case "all":
        // Every benchmark with its peers, in one run; each prints the load average it ran at.
        for (name, run) in [("solvers", runSolverBenchmark), ("figures", runFigureBenchmark), ("build", runBuildBenchmark),
                            ("mlp", runNetworkBenchmark), ("rows", runRowsBenchmark)] as [(String, ([String]) throws -> Void)] {
            print("\n=== \(name) (load average \(loadAverage())) ===")
            try run([])
        }
        // The PNG engines re-encode a built site's figures: the course's own `Output`, when it has been built.
        let figures = (try? FileManager.default.contentsOfDirectory(atPath: "Output/figures")) ?? []
        if figures.contains(where: { $0.hasSuffix(".png") }) {
            print("\n=== png (load average \(loadAverage())) ===")
            try runPNGBenchmark(arguments: ["Output"])
        } else {
            print("\n=== png: skipped, no PNG files under Output/figures (run docgen build first) ===")
        }
    default:
        print("usage: DocgenBenchmarks solvers|figures|build|mlp|rows|png|all|copies [options]")
        exit(2)
    }
} catch {
    FileHandle.standardError.write(Data("benchmark failed: \(error)\n".utf8))
    exit(1)
}
