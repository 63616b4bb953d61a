// docgen's benchmarks, run from a release build:
//
//   swift build -c release --product DocgenBenchmarks --product docgen
//   .build/release/DocgenBenchmarks solvers    # lasso paths vs scikit-learn and glmnet
//   .build/release/DocgenBenchmarks figures    # one path figure vs matplotlib
//   .build/release/DocgenBenchmarks build      # whole course builds vs scikit-learn + matplotlib
//   .build/release/DocgenBenchmarks mlp        # networks with weight decay vs scikit-learn's MLP (lbfgs)
//   .build/release/DocgenBenchmarks rows       # a million-row CSV experiment vs pandas + scikit-learn
//   .build/release/DocgenBenchmarks png DIR    # every PNG of a built site: docgen's writer vs zlib levels 1 and 6
//   .build/release/DocgenBenchmarks all        # solvers, figures, build, mlp and rows, one after the other
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
    case "all":
        // Every benchmark with its peers, in one run; each prints the load average it ran at.
        for (name, run) in [("solvers", runSolverBenchmark), ("figures", runFigureBenchmark), ("build", runBuildBenchmark),
                            ("mlp", runNetworkBenchmark), ("rows", runRowsBenchmark)] as [(String, ([String]) throws -> Void)] {
            print("\n=== \(name) (load average \(loadAverage())) ===")
            try run([])
        }
    default:
        print("usage: DocgenBenchmarks solvers|figures|build|mlp|rows|png|all [options]")
        exit(2)
    }
} catch {
    FileHandle.standardError.write(Data("benchmark failed: \(error)\n".utf8))
    exit(1)
}
