// Figure benchmark: times a 1600×1000 regularization-path figure (layout + Cairo drawing + PNG encoding),
// optionally sweeps PNG settings, and compares with matplotlib's savefig of an equivalent figure.
//
// Usage: DocgenBenchmarks figures [--runs N] [--sweep] [--decompose] [--kinds] [--no-matplotlib]
// (DOCGEN_BENCH_MIN=1 reports minima instead of medians, useful on a loaded machine.)
import DocgenFigures
import DocgenPlotting
import Foundation

/// Soft-thresholded least-squares coefficients: the exact lasso path on an orthonormal design
/// (10 features, 100 penalties), the same data the matplotlib script receives as CSV.
private func benchmarkPathInput() -> PathFigureInput {
    let names = ["age", "sex", "bmi", "bp", "s1", "s2", "s3", "s4", "s5", "s6"]
    let z = [0.3, -11.2, 24.9, 15.4, -30.1, 17.8, 3.2, 7.4, 33.6, 3.1]
    let alphas = (0..<100).map { pow(10, 1.6 - 3.6 * Double($0) / 99) }
    let coefficients = alphas.map { a in z.map { $0 > 0 ? max($0 - a, 0) : min($0 + a, 0) } }
    return PathFigureInput(featureNames: names, alphas: alphas, coefficients: coefficients,
                           alphaMin: 1.2, alpha1SE: 4.5, datasetName: "diabetes", modelName: "Lasso")
}

private func milliseconds(_ d: Duration) -> Double {
    Double(d.components.seconds) * 1e3 + Double(d.components.attoseconds) * 1e-15
}

/// CPU time consumed by the calling thread, in ms (unaffected by waiting for a shared core).
private func threadCPUMilliseconds() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
    return Double(t.tv_sec) * 1e3 + Double(t.tv_nsec) * 1e-6
}

private func format(_ v: Double) -> String { String(format: "%.2f", v) }

/// Times rendering and encoding separately; returns medians in ms and the PNG size.
private func timePath(runs: Int, settings: PNGSettings) throws
    -> (render: Double, encode: Double, total: Double, bytes: Int, cpuRender: Double, cpuEncode: Double) {
    let figure = try RegularizationPathFigure.makeFigure(benchmarkPathInput(), options: PathFigureOptions())
    var render: [Double] = [], encode: [Double] = [], total: [Double] = []
    var cpuRender: [Double] = [], cpuEncode: [Double] = []
    var size = 0
    let clock = ContinuousClock()
    for _ in 0..<runs {
        let c0 = threadCPUMilliseconds()
        let t0 = clock.now
        let rendered = try FigureRenderer.render(figure, theme: .light)
        let t1 = clock.now
        let c1 = threadCPUMilliseconds()
        let png = try rendered.png(settings: settings)
        let t2 = clock.now
        let c2 = threadCPUMilliseconds()
        cpuRender.append(c1 - c0); cpuEncode.append(c2 - c1)
        size = png.count
        render.append(milliseconds(t1 - t0)); encode.append(milliseconds(t2 - t1)); total.append(milliseconds(t2 - t0))
    }
    if ProcessInfo.processInfo.environment["DOCGEN_BENCH_MIN"] != nil {
        return (render.min() ?? .nan, encode.min() ?? .nan, total.min() ?? .nan, size, cpuRender.min() ?? .nan, cpuEncode.min() ?? .nan)
    }
    return (median(render), median(encode), median(total), size, median(cpuRender), median(cpuEncode))
}

/// Runs the matplotlib script on the same numbers; returns its printed median milliseconds, if it ran.
private func matplotlibMedian(csv: String, runs: Int) -> (savefig: Double, total: Double)? {
    let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("figure_path_matplotlib.py").path
    let dataPath = NSTemporaryDirectory() + "docgen-figure-benchmark-path.csv"
    guard (try? csv.write(toFile: dataPath, atomically: true, encoding: .utf8)) != nil else { return nil }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", script, dataPath, String(runs)]
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = FileHandle.nullDevice
    guard (try? process.run()) != nil else { return nil }
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0, let text = String(data: data, encoding: .utf8) else { return nil }
    // Expected line: "savefig_ms=… total_ms=…"
    var values: [String: Double] = [:]
    for part in text.split(whereSeparator: { $0 == " " || $0 == "\n" }) {
        let kv = part.split(separator: "=")
        if kv.count == 2, let v = Double(kv[1]) { values[String(kv[0])] = v }
    }
    guard let s = values["savefig_ms"], let t = values["total_ms"] else { return nil }
    return (s, t)
}

/// Median milliseconds of rendering + encoding the other figure kinds from small inputs (for build-time budgets).
private func timeOtherKinds(runs: Int) throws {
    let a = [1.0, 0.6, 0.6, 1.0]
    let geometry = ConstraintGeometryInput(a: a, b: [1.9, 1.46], budget: 1, l1Ratio: 0.5, lassoSolution: [1, 0],
                                           ridgeSolution: [0.86, 0.51], elasticNetSolution: [0.81, 0.32], featureNames: ["bmi", "s5"])
    let alphas = (0..<50).map { pow(10, -3 + 4.5 * Double($0) / 49) }
    let mean = alphas.map { 3000 + 200 * pow(log10($0) + 0.5, 2) }
    let cv = CVCurveFigureInput(alphas: alphas, meanError: mean, standardError: mean.map { $0 * 0.04 },
                                nonzeroCounts: alphas.map { max(0, 10 - Int(log10($0) + 3) * 2) }, alphaMin: 0.3, alpha1SE: 1.8)
    let grid = (0...200).map { Double($0) / 200 }
    let polynomial = PolynomialFitInput(sampleX: (0..<20).map { Double($0) / 19 }, sampleY: (0..<20).map { sin(Double($0) / 3) },
                                        fits: [1e-9, 1e-3, 1].map { FittedCurve(alpha: $0, xs: grid, ys: grid.map { sin(6 * $0) }) })
    let kinds: [(String, () throws -> FigureOutput)] = [
        ("cv-curve", { try CVCurveFigure.drawing(cv).render() }),
        ("constraint-geometry", { try ConstraintGeometryFigure.drawing(geometry).render() }),
        ("penalty-shapes", { try PenaltyShapesFigure.drawing().render() }),
        ("polynomial-fit", { try PolynomialFitFigure.drawing(polynomial).render() }),
    ]
    let clock = ContinuousClock()
    for (name, render) in kinds {
        _ = try render()
        var times: [Double] = []
        for _ in 0..<runs {
            let t0 = clock.now
            _ = try render()
            times.append(milliseconds(clock.now - t0))
        }
        print("  \(name): \(format(median(times))) ms (render + encode, median of \(runs))")
    }
}

/// Entry point called by the benchmarks' main.swift for `DocgenBenchmarks figures …`.
public func runFigureBenchmark(arguments: [String]) throws {
    var runs = 40
    if let i = arguments.firstIndex(of: "--runs"), i + 1 < arguments.count, let n = Int(arguments[i + 1]) { runs = max(1, n) }
    let sweep = arguments.contains("--sweep")
    let compare = !arguments.contains("--no-matplotlib")

    print("load average before: \(loadAverage())")
    defer { print("load average after: \(loadAverage())") }
    _ = try timePath(runs: 3, settings: .standard)  // warm caches (fonts, glyphs)
    // Batches of `runs` until two batches in a row have medians within 10 % of each other (at most five).
    let batches = try repeatUntilStable(maxRuns: 5, seconds: { $0.total }) { try timePath(runs: runs, settings: .standard) }
    let ours = batches[batches.count - 1]
    print("batch medians of the total (ms): " + batches.map { format($0.total) }.joined(separator: ", "))
    print("docgen path figure 1600×1000 (median of \(runs)): render \(format(ours.render)) ms, "
          + "PNG encode \(format(ours.encode)) ms, total \(format(ours.total)) ms, \(ours.bytes) bytes; "
          + "thread CPU: render \(format(ours.cpuRender)) ms, encode \(format(ours.cpuEncode)) ms "
          + "[docgen's row-matching PNG writer]")

    if arguments.contains("--decompose") {
        let docgen = try timePath(runs: runs, settings: .standard)
        print("  docgen row-matching writer: \(format(docgen.encode)) ms (CPU \(format(docgen.cpuEncode))), \(docgen.bytes) bytes")
        for s in [PNGSettings(level: 0, strategy: .default, filter: .none), PNGSettings(level: 1, strategy: .rle, filter: .none),
                  PNGSettings(level: 1, strategy: .default, filter: .none), PNGSettings(level: 1, strategy: .rle, filter: .up),
                  PNGSettings(level: 1, strategy: .rle, filter: .sub), PNGSettings(level: 1, strategy: .rle, filter: .paeth),
                  PNGSettings(level: 1, windowBits: 13), PNGSettings(level: 1, windowBits: 13, memLevel: 9),
                  PNGSettings(level: 1, memLevel: 9), PNGSettings(level: 1, memLevel: 5), PNGSettings(level: 1, windowBits: 10, memLevel: 6)] {
            let r = try timePath(runs: runs, settings: s)
            print("  zlib \(s.strategy) \(s.filter) level \(s.level) window 2^\(s.windowBits) memLevel \(s.memLevel): \(format(r.encode)) ms (CPU \(format(r.cpuEncode))), \(r.bytes) bytes")
        }
    }
    if arguments.contains("--kinds") {
        print("other figure kinds:")
        try timeOtherKinds(runs: max(3, runs / 4))
    }
    if sweep {
        print("PNG settings sweep (encode median ms, bytes):")
        for strategy in [PNGSettings.Strategy.default, .rle, .filtered] {
            for filter in [PNGSettings.RowFilter.none, .sub, .up, .paeth, .adaptive] {
                for level: Int32 in [1, 3, 6, 9] {
                    let r = try timePath(runs: max(3, runs / 4), settings: PNGSettings(level: level, strategy: strategy, filter: filter))
                    print("  \(strategy) \(filter) level \(level): \(format(r.encode)) ms (CPU \(format(r.cpuEncode))), \(r.bytes) bytes")
                }
            }
        }
    }

    if compare {
        let csv = try RegularizationPathFigure.drawing(benchmarkPathInput()).render().csv
        if let mpl = matplotlibMedian(csv: csv, runs: runs) {
            print("matplotlib equivalent (median of \(runs)): savefig \(format(mpl.savefig)) ms, build+savefig \(format(mpl.total)) ms")
            print("ratio matplotlib savefig / docgen total: \(format(mpl.savefig / ours.total))×; "
                  + "build+savefig / docgen total: \(format(mpl.total / ours.total))×")
        } else {
            print("matplotlib comparison skipped (python3 with matplotlib not available)")
        }
    }
}
