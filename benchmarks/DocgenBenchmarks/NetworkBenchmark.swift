import DocgenModels
import Foundation

// `DocgenBenchmarks mlp [--quick] [--no-external]`: L2-penalized networks (weight decay) trained with L-BFGS by docgen
// and by scikit-learn's MLPClassifier / MLPRegressor (solver lbfgs, benchmarks/mlp_sklearn.py) on the same
// standardized inputs, the same architecture and the same starting weights (docgen's seeded Glorot draw, handed to
// scikit-learn through warm_start), side by side in one run:
//
//   moons     n = 200, two inputs, [16, 16] tanh, classification, a path of 10 α from the largest down, warm-started
//   dense     n = 10,000 × 20 inputs, [64, 64] tanh, regression, one α, at most 200 L-BFGS iterations
//
// scikit-learn minimizes loss + alpha_sk/(2 n) ‖W‖² with the same mean losses as docgen (half the mean squared error;
// the mean log-loss), and docgen loss + α/2 ‖W‖², so alpha_sk = n·α. scikit-learn runs first, to its own stop (its
// `tol` is the same gradient measure as docgen's, set to docgen's tolerance × null objective; scipy's relative
// decrease test may stop it sooner), once with its BLAS's default threads and once with one thread; docgen then trains
// until its objective is at most scikit-learn's (first run) at that α, or it converges. Times are wall-clock seconds
// of the training alone, with the load average before and after.

private let benchmarksDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()

private struct NetworkProblem {
    var name: String
    var data: Dataset           // standardized inputs, raw target
    var network: NeuralNetwork
    var alphas: [Double]        // decreasing
    var maxIterations: Int
}

private func seconds(since start: UInt64) -> Double { Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 }

private func standardizedColumns(_ data: Dataset) throws -> Dataset {
    let n = Double(data.rowCount)
    let columns = (0..<data.featureCount).map { j -> [Double] in
        let c = data.column(j)
        let mean = c.reduce(0, +) / n
        let sd = (c.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / n).squareRoot()
        return c.map { ($0 - mean) / sd }
    }
    return try Dataset(featureNames: data.featureNames, targetName: data.targetName, columns: columns, y: data.y)
}

/// n × p Gaussian inputs and y = Σ_j sin(x_j)·c_j + ½ x₁x₂ + noise (a smooth nonlinear regression).
private func denseProblem(n: Int, p: Int) throws -> Dataset {
    var rng = SeededGenerator(seed: 42)
    let columns = (0..<p).map { _ in (0..<n).map { _ in rng.normal() } }
    let weights = (0..<p).map { _ in rng.normal() }
    let y = (0..<n).map { i -> Double in
        var s = 0.5 * columns[0][i] * columns[1][i] + 0.3 * rng.normal()
        for j in 0..<p { s += weights[j] * sin(columns[j][i]) }
        return s
    }
    return try Dataset(featureNames: (1...p).map { "x\($0)" }, targetName: "y", columns: columns, y: y)
}

private func write(_ values: [Double], _ url: URL) throws {
    try values.withUnsafeBufferPointer { Data(buffer: $0) }.write(to: url)
}

private struct PeerResult {
    var seconds: [Double], objectives: [Double], iterations: [Int]
}

/// Runs benchmarks/mlp_sklearn.py on the problem; nil when it fails.
/// With `oneThread`, scikit-learn's BLAS and OpenMP run one thread each, as docgen does.
private func runPeer(_ python: String, _ problem: NetworkProblem, start: [Double], tolerance: Double,
                     folder: URL, oneThread: Bool) throws -> PeerResult? {
    let z = problem.data
    try write(z.x, folder.appendingPathComponent("X.bin"))
    try write(z.y, folder.appendingPathComponent("y.bin"))
    try write(problem.alphas, folder.appendingPathComponent("alphas.bin"))
    try write(start, folder.appendingPathComponent("start.bin"))
    let task = problem.network.task == .regression ? "regression" : "classification"
    let spec = "\(z.rowCount) \(z.featureCount) \(task) \(problem.network.activation.rawValue) \(tolerance) "
        + "\(problem.maxIterations) \(problem.network.hidden.map(String.init).joined(separator: ","))"
    try spec.write(to: folder.appendingPathComponent("spec.txt"), atomically: true, encoding: .utf8)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: python)
    process.arguments = [benchmarksDirectory.appendingPathComponent("mlp_sklearn.py").path, folder.path]
    if oneThread {
        var environment = ProcessInfo.processInfo.environment
        for name in ["OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"] { environment[name] = "1" }
        process.environment = environment
    }
    try process.run()
    process.waitUntilExit()
    guard process.terminationStatus == 0,
          let text = try? String(contentsOf: folder.appendingPathComponent("sklearn.txt"), encoding: .utf8) else { return nil }
    var result = PeerResult(seconds: [], objectives: [], iterations: [])
    for line in text.split(separator: "\n") {
        let cells = line.split(separator: " ")
        guard cells.count == 3, let s = Double(cells[0]), let f = Double(cells[1]), let i = Int(cells[2]) else { continue }
        result.seconds.append(s); result.objectives.append(f); result.iterations.append(i)
    }
    return result.seconds.count == problem.alphas.count ? result : nil
}

func runNetworkBenchmark(arguments: [String]) throws {
    let quick = arguments.contains("--quick")
    let maxRuns = arguments.firstIndex(of: "--max-runs").flatMap { $0 + 1 < arguments.count ? Int(arguments[$0 + 1]) : nil } ?? 5
    let external = !arguments.contains("--no-external")
    let tolerance = 1e-6
    let moons = try standardizedColumns(try generate(.moons(n: 200, noise: 0.2, seed: 0)).dataset)
    let dense = try standardizedColumns(try denseProblem(n: quick ? 2000 : 10_000, p: 20))
    let problems = [
        NetworkProblem(name: "moons 200x2 [16,16]", data: moons,
                       network: NeuralNetwork(hidden: [16, 16], maxEpochs: 5000, task: .binaryClassification),
                       alphas: logspace(-1, -4, 10), maxIterations: 5000),
        // docgen may take more epochs than scikit-learn's 200 iterations to reach the same objective.
        NetworkProblem(name: quick ? "dense 2000x20 [64,64]" : "dense 10000x20 [64,64]", data: dense,
                       network: NeuralNetwork(hidden: [64, 64], maxEpochs: 2000, task: .regression),
                       alphas: [1e-3], maxIterations: 200),
    ]
    let python = external ? ProcessInfo.processInfo.environment["PATH"]?.split(separator: ":")
        .map { "\($0)/python3" }.first { FileManager.default.isExecutableFile(atPath: $0) } : nil
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("docgen-mlp-bench-\(getpid())")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    print("L2-penalized networks (tanh, L-BFGS, same start); docgen single-threaded; scikit-learn with its default BLAS")
    print("threads, then with one (OPENBLAS_NUM_THREADS=OMP_NUM_THREADS=1)")
    print("tolerance: largest gradient entry <= \(tolerance) x null objective; docgen also stops at scikit-learn's objective")
    for problem in problems {
        let z = problem.data
        let start = networkInitialParameters(problem.network, z)
        let null = problem.network.nullObjective(z)
        print("\n\(problem.name), \(problem.alphas.count) alpha, load average before: \(loadAverage())")
        // Each side runs until two runs in a row agree within 10 % (at most `maxRuns`); the medians are compared.
        struct PeerFailed: Error {}
        func peerRuns(oneThread: Bool) -> [PeerResult] {
            guard let python else { return [] }
            return (try? repeatUntilStable(maxRuns: maxRuns, seconds: { $0.seconds.reduce(0, +) }) { () throws -> PeerResult in
                guard let run = try runPeer(python, problem, start: start, tolerance: tolerance * null, folder: folder,
                                            oneThread: oneThread) else { throw PeerFailed() }
                return run
            }) ?? []
        }
        let peerTimes = peerRuns(oneThread: false), singleTimes = peerRuns(oneThread: true)
        let peer = peerTimes.first
        var points: [NetworkPathPoint] = []
        let ourTimes = repeatUntilStable(maxRuns: maxRuns) { () -> Double in
            let began = DispatchTime.now().uptimeNanoseconds
            points = fitNetworkPath(z, network: problem.network, alphas: problem.alphas, tolerance: tolerance,
                                    objectiveTargets: peer?.objectives)
            return seconds(since: began)
        }
        let ours = median(ourTimes)
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        print("   alpha        docgen objective  epochs  scikit-learn objective  iterations  docgen - scikit-learn")
        for (k, point) in points.enumerated() {
            let theirs = peer.map { String(format: "%22.15g  %10d  %+.1e (relative)", $0.objectives[k], $0.iterations[k],
                                           (point.objective - $0.objectives[k]) / $0.objectives[k]) } ?? ""
            print(String(format: "   %-11.4g  %16.15g  %6d  ", point.alpha, point.objective, point.epochs) + theirs)
        }
        if let peer {
            let reached = zip(points, peer.objectives).filter { $0.objective <= $1 }.count
            print("docgen reached scikit-learn's objective at \(reached) of \(points.count) alpha")
        }
        let epochs = points.reduce(0) { $0 + $1.epochs }
        func runs(_ times: [Double]) -> String { times.map { String(format: "%.3f", $0) }.joined(separator: ", ") }
        print(String(format: "docgen        %9.4f s  (%d epochs, %.2f ms each; runs: %@)", ours, epochs,
                     1000 * ours / Double(max(epochs, 1)), runs(ourTimes)))
        for (label, results) in [("scikit-learn", peerTimes), ("  1 thread", singleTimes)] where !results.isEmpty {
            let times = results.map { $0.seconds.reduce(0, +) }
            let total = median(times), iterations = results[0].iterations.reduce(0, +)
            print(String(format: "%@  %9.4f s  (%d iterations, %.2f ms each; runs: %@); docgen faster by %.1fx", label,
                         total, iterations, 1000 * total / Double(max(iterations, 1)), runs(times), total / ours))
        }
        print("load average after: \(loadAverage()); docgen's peak resident memory so far: \(usage.ru_maxrss / 1024) MB")
    }
}
