import Foundation

// Large data: one experiment on a million-row CSV (20 features, a 100-α lasso path from α_max down to
// 1e-3·α_max, 10-fold cross-validation), timed as a whole `docgen build --force` process, against pandas +
// scikit-learn doing the same reading, standardizing, path, scoring and folds (benchmarks/rows_sklearn.py), in the
// same run. Each side runs until two consecutive runs agree within 10 % (at most `--max-runs`); the load average
// is printed before and after, and the peak resident memory of each process (wait4's ru_maxrss).
//
//   DocgenBenchmarks rows [--rows N] [--max-runs K]

/// A finished child process: wall seconds, peak resident kilobytes, what it printed.
struct MeasuredRun {
    var seconds: Double
    var peakKilobytes: Int
    var output: String
}

/// Runs a command to completion with posix_spawn and wait4 (Foundation's `Process.waitUntilExit` polls a run loop and
/// adds tens of milliseconds, more than a no-op build takes); what it prints is kept, and shown when it fails.
func measureProcess(_ executable: String, _ arguments: [String], environment: [String: String] = [:]) throws -> MeasuredRun {
    let out = FileManager.default.temporaryDirectory.appendingPathComponent("bench-out-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: out) }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 1, out.path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    posix_spawn_file_actions_adddup2(&actions, 1, 2)
    let argv = ([executable] + arguments).map { strdup($0) } + [nil]
    defer { argv.forEach { free($0) } }
    var merged = ProcessInfo.processInfo.environment
    for (k, v) in environment { merged[k] = v }
    let envp = merged.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer { envp.forEach { free($0) } }
    var pid: pid_t = 0
    let start = DispatchTime.now()
    guard posix_spawn(&pid, executable, &actions, nil, argv, envp) == 0 else {
        throw NSError(domain: "benchmark", code: 1, userInfo: [NSLocalizedDescriptionKey: "cannot start \(executable)"])
    }
    var status: Int32 = 0
    var usage = rusage()
    while wait4(pid, &status, 0, &usage) < 0 && errno == EINTR {}
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
    let text = (try? String(contentsOf: out, encoding: .utf8)) ?? ""
    guard status & 0x7f == 0, (status >> 8) & 0xff == 0 else {
        throw NSError(domain: "benchmark", code: 1, userInfo: [
            NSLocalizedDescriptionKey: "\(executable) \(arguments.joined(separator: " ")) failed:\n\(text)"])
    }
    return MeasuredRun(seconds: seconds, peakKilobytes: Int(usage.ru_maxrss), output: text)
}

/// The 1-, 5- and 15-minute load averages.
func loadAverage() -> String {
    ((try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8)) ?? "?").split(separator: " ").prefix(3)
        .joined(separator: " ")
}

/// Runs `run` until two consecutive results agree within 10 % (at most `maxRuns` times); every run is returned.
func repeatUntilStable<Run>(maxRuns: Int, seconds: (Run) -> Double, _ run: () throws -> Run) rethrows -> [Run] {
    var runs: [Run] = []
    while runs.count < max(maxRuns, 2) {
        runs.append(try run())
        if runs.count >= 2 {
            let a = seconds(runs[runs.count - 2]), b = seconds(runs[runs.count - 1])
            if abs(a - b) <= 0.1 * min(a, b) { break }
        }
    }
    return runs
}

/// `repeatUntilStable` for runs that are their seconds.
func repeatUntilStable(maxRuns: Int, _ run: () throws -> Double) rethrows -> [Double] {
    try repeatUntilStable(maxRuns: maxRuns, seconds: { $0 }, run)
}

/// `repeatUntilStable` for whole processes.
func repeatUntilStable(maxRuns: Int, _ run: () throws -> MeasuredRun) rethrows -> [MeasuredRun] {
    try repeatUntilStable(maxRuns: maxRuns, seconds: \.seconds, run)
}

/// The median of `values` (the mean of the middle two for an even count), NaN for none.
func median(_ values: [Double]) -> Double {
    let s = values.sorted()
    return s.isEmpty ? .nan : s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
}

private func describe(_ runs: [MeasuredRun]) -> (median: Double, text: String) {
    let middle = median(runs.map(\.seconds))
    let peak = runs.map(\.peakKilobytes).max() ?? 0
    return (middle, String(format: "median %.2f s (runs: %@), peak memory %d MB", middle,
                           runs.map { String(format: "%.2f", $0.seconds) }.joined(separator: ", "), peak / 1024))
}

func runRowsBenchmark(arguments: [String]) throws {
    func option(_ name: String) -> Int? {
        arguments.firstIndex(of: name).flatMap { $0 + 1 < arguments.count ? Int(arguments[$0 + 1]) : nil }
    }
    let rows = option("--rows") ?? 1_000_000, maxRuns = option("--max-runs") ?? 5
    let fm = FileManager.default
    let here = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
    let docgen = here.appendingPathComponent("docgen").path
    let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    guard let python = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":")
            .map({ "\($0)/python3" }).first(where: fm.isExecutableFile(atPath:)) else {
        throw NSError(domain: "benchmark", code: 1, userInfo: [NSLocalizedDescriptionKey: "python3 with numpy is needed"])
    }
    // The data, written once per row count and kept in the temporary folder (a million rows take ~30 s to write).
    let data = fm.temporaryDirectory.appendingPathComponent("docgen-rows-\(rows).csv").path
    if !fm.fileExists(atPath: data) {
        _ = try measureProcess(python, [repository.appendingPathComponent("benchmarks/rows_data.py").path, "\(rows)", data])
    }
    let work = fm.temporaryDirectory.appendingPathComponent("docgen-rows-bench-\(UUID().uuidString)")
    defer { try? fm.removeItem(at: work) }
    let content = work.appendingPathComponent("Content")
    try fm.createDirectory(at: content.appendingPathComponent("data"), withIntermediateDirectories: true)
    guard link(data, content.appendingPathComponent("data/rows.csv").path) == 0
            || (try? fm.copyItem(atPath: data, toPath: content.appendingPathComponent("data/rows.csv").path)) != nil else {
        throw NSError(domain: "benchmark", code: 1, userInfo: [NSLocalizedDescriptionKey: "cannot place \(data)"])
    }
    try "title: Rows\nchapters:\n  - rows.md\n".write(to: content.appendingPathComponent("docgen.yml"),
                                                      atomically: true, encoding: .utf8)
    try """
    # Rows

    ```{experiment} rows
    data: data/rows.csv
    target: y
    model: lasso
    alphas: {count: 100, ratio: 0.001}
    cv: {folds: 10}
    ```

    α_min is {value}`rows.alpha_min:6`, where the mean CV error is {value}`rows.cv_mean@min:6`.

    """.write(to: content.appendingPathComponent("rows.md"), atomically: true, encoding: .utf8)

    // Both sides read the file from the page cache: it is read once before either is timed.
    if let handle = FileHandle(forReadingAtPath: data) {
        while let piece = try handle.read(upToCount: 1 << 24), !piece.isEmpty {}
        try handle.close()
    }
    print("\(rows) rows × 20 features, lasso path of 100 α, 10-fold CV; \(ProcessInfo.processInfo.activeProcessorCount) cores")
    print("load average before: \(loadAverage())")
    let ours = try repeatUntilStable(maxRuns: maxRuns) {
        try measureProcess(docgen, ["build", "--quiet", "--force", "--content", content.path,
                                    "--output", work.appendingPathComponent("Output").path])
    }
    let page = (try? String(contentsOf: work.appendingPathComponent("Output/rows.html"), encoding: .utf8)) ?? ""
    let shown = page.components(separatedBy: "α_min is ").dropFirst().first.map { String($0.prefix(400)) } ?? ""
    let numbers = shown.components(separatedBy: ">").compactMap { $0.split(separator: "<").first.map(String.init) }
        .filter { Double($0) != nil }
    let docgenLine = describe(ours)
    print("docgen build --force       \(docgenLine.text); α_min \(numbers.first ?? "?"), CV MSE \(numbers.dropFirst().first ?? "?")")
    let script = repository.appendingPathComponent("benchmarks/rows_sklearn.py").path
    guard (try? measureProcess(python, ["-c", "import pandas, sklearn"])) != nil else {
        print("(pandas and scikit-learn not installed: no peer)")
        return
    }
    let peer = try repeatUntilStable(maxRuns: maxRuns) {
        try measureProcess(python, [script, data, "y", "10", "100", "0.001"],
                           environment: ["OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1"])
    }
    let fields = peer.last?.output.split(separator: " ") ?? []
    let peerLine = describe(peer)
    print("pandas + scikit-learn      \(peerLine.text); α_min \(fields.count > 2 ? String(fields[2]) : "?"), "
          + "CV MSE \(fields.count > 3 ? String(fields[3]) : "?") (its own folds)")
    print(String(format: "ratio (peer / docgen): %.2f×", peerLine.median / docgenLine.median))
    print("load average after: \(loadAverage())")
}
