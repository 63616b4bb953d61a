import DocgenModels
import Foundation

// `DocgenBenchmarks solvers --logistic [--quick]` times the course's breast-cancer logistic experiments instead.
// `DocgenBenchmarks solvers [--no-external] [--quick] [--only diabetes|dense|wide]`: times 100-α lasso paths with
// docgen's solver and, when available, scikit-learn (benchmarks/solver_path_sklearn.py) and glmnet
// (benchmarks/solver_path_glmnet.R) on the same standardized matrices, and prints times, ratios and the largest
// certified duality gap of each answer (all gaps measured by docgen on the same objective, relative to the null
// objective).

// Every solver's time is the median of runs repeated until two consecutive runs agree within 10 % (at most
// `maxRuns`, and no new run once `budget` seconds have gone); a peer's launch that takes longer than `limit` seconds
// is stopped and reported as not finished.
private struct BenchmarkProblem {
    var name: String
    var data: Dataset          // standardized features (mean 0, sd 1 with 1/n), raw target
    var ratio: Double          // α_min / α_max of the 100-value grid
    var maxRuns: Int
}

private let budget = 60.0, limit = 120.0

private let benchmarksDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
private let repositoryDirectory = benchmarksDirectory.deletingLastPathComponent()

private func standardized(_ data: Dataset) throws -> Dataset {
    let n = data.rowCount
    let columns = (0..<data.featureCount).map { j -> [Double] in
        let c = data.column(j)
        let mean = c.reduce(0, +) / Double(n)
        let sd = (c.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(n)).squareRoot()
        return c.map { sd > 0 ? ($0 - mean) / sd : 0 }
    }
    return try Dataset(featureNames: data.featureNames, targetName: data.targetName, columns: columns, y: data.y)
}

/// glmnet paper design: equicorrelated Gaussian X, β_j = (−1)^j exp(−2(j−1)/20), noise for SNR 3.
private func glmnetDesign(n: Int, p: Int, rho: Double, seed: UInt64) throws -> Dataset {
    let beta = glmnetPaperCoefficients(p)
    let sigma = noiseForSignalToNoise(beta: beta, rho: rho, snr: 3)
    let generated = try generate(.correlated(n: n, p: p, rho: rho, noise: sigma, seed: seed, coefficients: beta))
    return try standardized(generated.dataset)
}

private func writeDoubles(_ values: [Double], to url: URL) throws {
    let data = values.withUnsafeBufferPointer { Data(buffer: $0) }   // little-endian on x86-64/arm64
    try data.write(to: url)
}

private func readDoubles(_ url: URL) -> [Double]? {
    guard let data = try? Data(contentsOf: url) else { return nil }
    return data.withUnsafeBytes { Array($0.bindMemory(to: Double.self)) }
}

private func which(_ tool: String) -> String? {
    for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":") {
        let path = "\(dir)/\(tool)"
        if FileManager.default.isExecutableFile(atPath: path) { return path }
    }
    return nil
}

/// Runs the command, stopped after `limit` seconds (coreutils' `timeout`); true when it finished successfully.
private func run(_ executable: String, _ arguments: [String]) -> Bool {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/timeout")
    process.arguments = [String(Int(limit)), executable] + arguments
    do { try process.run() } catch { return false }
    process.waitUntilExit()
    return process.terminationStatus == 0
}

private struct SolverOutcome {
    /// Median of the runs.
    var seconds: Double
    var runs: [Double]
    var maxRelativeGap: Double
}

/// Seconds of `measure` repeated until two consecutive runs agree within 10 % (`maxRuns` at most, none started after
/// `budget` seconds); nil when a run failed.
private func stableRuns(maxRuns: Int, _ measure: () throws -> Double?) rethrows -> [Double]? {
    var runs: [Double] = []
    while runs.count < max(maxRuns, 2) && runs.reduce(0, +) < budget {
        guard let seconds = try measure() else { return nil }
        runs.append(seconds)
        if runs.count >= 2, abs(runs[runs.count - 1] - runs[runs.count - 2]) <= 0.1 * min(runs[runs.count - 1], runs[runs.count - 2]) {
            break
        }
    }
    return runs
}

private func measureOurs(_ problem: BenchmarkProblem, alphas: [Double], tolerance: Double) throws -> SolverOutcome {
    var fit: PathFit?
    let runs = try stableRuns(maxRuns: problem.maxRuns) { () throws -> Double? in
        let start = DispatchTime.now().uptimeNanoseconds
        fit = try fitPath(problem.data, model: .lasso, alphas: .explicit(alphas), standardize: false, tolerance: tolerance)
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    } ?? []
    guard let fit else { return SolverOutcome(seconds: .nan, runs: runs, maxRelativeGap: .nan) }
    for w in fit.warnings { print("  warning: \(w.message)") }
    return SolverOutcome(seconds: median(runs), runs: runs,
                         maxRelativeGap: (fit.dualityGaps.max() ?? 0) / fit.nullObjective)
}

/// A peer's runs, one launch each (its script times the fit itself, without starting the interpreter); the gap is
/// measured by docgen on the last answer. Nil when the peer failed or did not finish within `limit` seconds.
private func measureExternal(_ problem: BenchmarkProblem, alphas: [Double], folder: URL, prefix: String,
                             launch: () -> Bool) -> SolverOutcome? {
    let runs = stableRuns(maxRuns: problem.maxRuns) { () -> Double? in
        guard launch(),
              let timeText = try? String(contentsOf: folder.appendingPathComponent("\(prefix)_time.txt"), encoding: .utf8)
        else { return nil }
        return Double(timeText.trimmingCharacters(in: .whitespacesAndNewlines))
    }
    guard let runs, let coefficients = readDoubles(folder.appendingPathComponent("\(prefix)_coef.bin")) else { return nil }
    let p = problem.data.featureCount
    let null = leastSquaresNullObjective(problem.data)
    var worst = 0.0
    for (k, alpha) in alphas.enumerated() where (k + 1) * p <= coefficients.count {
        let beta = Array(coefficients[(k * p)..<((k + 1) * p)])
        worst = max(worst, elasticNetDualityGap(data: problem.data, alpha: alpha, l1Ratio: 1, coefficients: beta) / null)
    }
    return SolverOutcome(seconds: median(runs), runs: runs, maxRelativeGap: worst)
}

/// The course's three breast-cancer logistic experiments (Content/09-classification.md): best-of-`repeats` seconds of
/// `runExperiment` (split, path, metrics and, for bc-l1, 10-fold CV) and the largest duality gap / null objective.
private func runLogisticBenchmark(repeats: Int) throws {
    let csv = repositoryDirectory.appendingPathComponent("Content/data/breast_cancer.csv").path
    var loadSeconds = Double.infinity
    var loaded: Dataset?
    for _ in 0..<repeats {
        let start = DispatchTime.now().uptimeNanoseconds
        loaded = try Dataset.load(csvPath: csv, target: "malignant")
        loadSeconds = min(loadSeconds, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
    }
    guard let data = loaded else { return }
    let split = HoldoutSplit(test: 0.2, seed: 7)
    let experiments: [(String, ExperimentSpec)] = [
        ("bc-l1", ExperimentSpec(model: .logistic(penalty: .l1), alphas: .logspace(start: -4, stop: 0, count: 41),
                                 split: split, cv: CrossValidation(folds: 10, seed: 0))),
        ("bc-enet", ExperimentSpec(model: .logistic(penalty: .elasticNet(l1Ratio: 0.5)),
                                   alphas: .logspace(start: -4, stop: 0, count: 41), split: split)),
        ("bc-l2", ExperimentSpec(model: .logistic(penalty: .l2), alphas: .logspace(start: -4, stop: 2, count: 31),
                                 split: split)),
    ]
    BLASThreads.limit(to: 1)   // as the build pipeline does
    print("Breast cancer logistic experiments (569x30, default tolerance, 1 BLAS thread), best of \(repeats)")
    print(String(format: "loading the CSV (not included below): %.4f s", loadSeconds))
    for (name, spec) in experiments {
        var best = Double.infinity
        var result: ExperimentResult?
        for _ in 0..<repeats {
            let start = DispatchTime.now().uptimeNanoseconds
            result = try runExperiment(data, spec)
            best = min(best, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        }
        let gap = result.map { r in (r.dualityGaps.max() ?? 0) / r.nullObjective } ?? .nan
        print(name.padding(toLength: 10, withPad: " ", startingAt: 0) + String(format: "%.4f s   max gap %.1e", best, gap))
    }
}

func runSolverBenchmark(arguments: [String]) throws {
    if arguments.contains("--logistic") {
        return try runLogisticBenchmark(repeats: arguments.contains("--quick") ? 3 : 10)
    }
    let external = !arguments.contains("--no-external")
    let quick = arguments.contains("--quick")
    let tolerance = 1e-7
    print("Lasso paths, 100 alphas from alpha_max down to ratio*alpha_max; relative tolerance \(tolerance)")
    print("(gap = largest certified duality gap along the path / null objective, computed by docgen for every solver)")
    var problems = [BenchmarkProblem(
        name: "diabetes 442x10",
        data: try standardized(try Dataset.load(csvPath: repositoryDirectory.appendingPathComponent("Content/data/diabetes.csv").path,
                                                target: "progression")),
        ratio: 1e-3, maxRuns: 20)]
    problems.append(BenchmarkProblem(name: quick ? "dense 2000x100 rho=0.5" : "dense 10000x500 rho=0.5",
                                     data: try glmnetDesign(n: quick ? 2000 : 10_000, p: quick ? 100 : 500, rho: 0.5, seed: 1),
                                     ratio: 1e-3, maxRuns: 5))
    problems.append(BenchmarkProblem(name: quick ? "wide 100x2000 rho=0.2" : "wide 200x10000 rho=0.2",
                                     data: try glmnetDesign(n: quick ? 100 : 200, p: quick ? 2000 : 10_000, rho: 0.2, seed: 2),
                                     ratio: 1e-2, maxRuns: 5))
    if let i = arguments.firstIndex(of: "--only"), i + 1 < arguments.count {
        problems = problems.filter { $0.name.hasPrefix(arguments[i + 1]) }
    }
    let python = external ? which("python3") : nil
    let rscript = external ? which("Rscript") : nil
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("docgen-solver-bench-\(getpid())")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }

    func pad(_ s: String, _ width: Int) -> String { s.count >= width ? s : s + String(repeating: " ", count: width - s.count) }
    print("load average before: \(loadAverage())")
    print("seconds: median of runs repeated until two in a row agree within 10 % (runs listed)")
    print(pad("problem", 26) + pad("solver", 20) + pad("seconds", 12) + pad("max gap", 12) + pad("ours faster by", 16)
          + "runs")
    defer { print("load average after: \(loadAverage())") }
    for problem in problems {
        let grid = try fitPath(problem.data, model: .lasso, alphas: .automatic(count: 100, ratio: problem.ratio),
                               standardize: false, maxIterations: 1)
        let alphas = grid.alphas
        let ours = try measureOurs(problem, alphas: alphas, tolerance: tolerance)
        func line(_ solver: String, _ outcome: SolverOutcome, _ ratio: String) {
            print(pad(problem.name, 26) + pad(solver, 20) + pad(String(format: "%.4f", outcome.seconds), 12)
                  + pad(String(format: "%.1e", outcome.maxRelativeGap), 12) + pad(ratio, 16)
                  + outcome.runs.map { String(format: "%.4f", $0) }.joined(separator: " "))
        }
        line("docgen", ours, "")
        guard python != nil || rscript != nil else { continue }
        try writeDoubles(problem.data.x, to: folder.appendingPathComponent("X.bin"))
        try writeDoubles(problem.data.y, to: folder.appendingPathComponent("y.bin"))
        try writeDoubles(alphas, to: folder.appendingPathComponent("alphas.bin"))
        try "\(problem.data.rowCount) \(problem.data.featureCount)".write(to: folder.appendingPathComponent("dims.txt"),
                                                                          atomically: true, encoding: .utf8)
        if let python, let outcome = measureExternal(problem, alphas: alphas, folder: folder, prefix: "sklearn", launch: {
            run(python, [benchmarksDirectory.appendingPathComponent("solver_path_sklearn.py").path, folder.path,
                         String(tolerance / 2), "1", "1"])
        }) {
            line("scikit-learn", outcome, String(format: "%.1fx", outcome.seconds / ours.seconds))
        } else if python != nil {
            print(pad(problem.name, 26) + pad("scikit-learn", 20) + "failed or did not finish in \(Int(limit)) s")
        }
        // glmnet's threshold is not a gap: run its default (threshold 1e-7, the mode glmnet picks), and the tightest
        // threshold in each of its two modes, and measure every answer's gap.
        for (label, thresh, type) in [("glmnet", "1e-7", "default"), ("glmnet cov 1e-16", "1e-16", "covariance"),
                                      ("glmnet naive 1e-16", "1e-16", "naive")] {
            guard let rscript else { continue }
            guard let outcome = measureExternal(problem, alphas: alphas, folder: folder, prefix: "glmnet", launch: {
                run(rscript, [benchmarksDirectory.appendingPathComponent("solver_path_glmnet.R").path, folder.path,
                              thresh, "1", "1", type])
            }) else {
                print(pad(problem.name, 26) + pad(label, 20) + "failed or did not finish in \(Int(limit)) s")
                continue
            }
            line(label, outcome, String(format: "%.1fx", outcome.seconds / ours.seconds))
        }
    }
}
