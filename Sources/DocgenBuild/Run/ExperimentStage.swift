import DocgenDiagnostics
import DocgenModels
import Foundation

/// Runs (or loads from the cache) every experiment of the course.
struct ExperimentStage {
    let plan: CoursePlan
    let cache: BuildCache?
    let jobs: Int
    /// The build's input fingerprint: its digests of the data files are the cache keys' (each file is hashed once),
    /// and a fit is cached only if its data file still holds the bytes so hashed.
    var fingerprint: InputFingerprint? = nil
    let progress: @Sendable (BuildProgress) -> Void

    /// The finished experiments of a build, collected once every experiment is done.
    struct Output: Sendable {
        var results: [String: ExperimentResult] = [:]
        /// The `data/<id>.csv` text of each result.
        var csv: [String: String] = [:]
        /// What each experiment's reproduce script reads besides the CSV (its input rows, docgen's split).
        var tables: [String: ReproductionTables] = [:]
        /// The `data/<id>-history.csv` text of each result that trained epoch by epoch.
        var historyCSV: [String: String] = [:]
        /// Ids that were declared but failed (their errors are reported).
        var failed: Set<String> = []
        /// Ids fitted in this build rather than loaded from the cache.
        var rerun: Set<String> = []
        /// Cache keys by id; outputs and figures fold them into their own keys.
        var keys: [String: String] = [:]
        var diagnostics: [Diagnostic] = []
    }

    /// One experiment's outcome: its result and CSV (nil when it failed), diagnostics, and whether it was fitted now.
    struct Outcome: Sendable {
        var result: ExperimentResult?
        var csv: String?
        var tables: ReproductionTables?
        var historyCSV: String? = nil
        var diagnostics: [Diagnostic]
        var fitted: Bool
    }

    /// The cache key of every experiment, by id. Many experiments read the same data file: each file is hashed once,
    /// and not at all when the input fingerprint already did (`dataDigests`).
    func keys() -> [String: String] {
        let ids = plan.experimentOrder
        var dataPaths = Set<String>()
        for id in ids { if case let .file(_, path) = plan.experiments[id]?.data { dataPaths.insert(path) } }
        let known = fingerprint?.digests ?? [:]
        let unknown = dataPaths.filter { known[InputFingerprint.standardized($0)] == nil }.sorted()
        var digests = Dictionary(uniqueKeysWithValues: zip(unknown, parallelMap(unknown, jobs: jobs) {
            SHA256.contentDigest(fileAt: $0) ?? SHA256.hex(Data())
        }))
        for path in dataPaths where digests[path] == nil {
            digests[path] = known[InputFingerprint.standardized(path)]
        }
        var keys: [String: String] = [:]
        for id in ids {
            guard let declaration = plan.experiments[id] else { continue }
            keys[id] = Self.key(declaration, identity: cache?.identity, dataDigests: digests)
        }
        return keys
    }

    /// Loads experiment `id` from the cache, or fits it (on up to `threads` threads) and stores it. Safe to call from
    /// several threads.
    func runOne(_ id: String, key: String, fitter: ExperimentFitter, threads: Int = 1) -> Outcome {
        guard let declaration = plan.experiments[id] else { return Outcome(diagnostics: [], fitted: false) }
        if let cache, let stored = cache.loadExperiment(key) {
            return Outcome(result: stored.result, csv: stored.csv, tables: stored.tables, historyCSV: stored.historyCSV,
                           diagnostics: stored.warnings.map { $0.diagnostic(file: declaration.location.file) }, fitted: false)
        }
        let started = DispatchTime.now()
        let outcome = fitter.fit(id, threads: threads)
        progress(.note("fitted \(id) in \(Builder.elapsed(since: started)) s"))
        switch outcome {
        case let .failure(failure):
            return Outcome(diagnostics: failure.diagnostics, fitted: true)
        case let .success((result, warnings, tables)):
            let csv = result.csvText()
            // Written once per fit (a network's can hold 10⁵ numbers) and kept with it, not formatted every build.
            let history = result.historyCSVText()
            // A data file edited since the fingerprint hashed it: its digest no longer names what was fitted.
            var unchanged = true
            if case let .file(_, path) = declaration.data, let fingerprint,
               fingerprint.digests[InputFingerprint.standardized(path)] != nil {
                unchanged = fingerprint.stillHolds(path)
            }
            if unchanged {
                cache?.saveExperiment(CachedExperiment(result: result, csv: csv, warnings: warnings.map(StoredDiagnostic.init),
                                                       tables: tables, historyCSV: history), key)
            }
            return Outcome(result: result, csv: csv, tables: tables, historyCSV: history, diagnostics: warnings, fitted: true)
        }
    }

    /// The stage's output from every experiment's outcome, in declaration order (so diagnostics are too).
    func collect(_ outcomes: [String: Outcome], keys: [String: String]) -> Output {
        var output = Output()
        for id in plan.experimentOrder {
            guard let outcome = outcomes[id] else { continue }
            output.diagnostics.append(contentsOf: outcome.diagnostics)
            output.keys[id] = keys[id]
            if let result = outcome.result {
                output.results[id] = result
                output.csv[id] = outcome.csv
                output.tables[id] = outcome.tables
                output.historyCSV[id] = outcome.historyCSV
                if outcome.fitted { output.rerun.insert(id) }
            } else {
                output.failed.insert(id)
            }
        }
        return output
    }

    /// SHA-256 of the build identity, the directive text and the SHA-256 of the data file's bytes.
    /// `dataDigests` holds digests already computed, by path; a missing one is computed here.
    static func key(_ d: ExperimentDeclaration, identity: String?, dataDigests: [String: String] = [:]) -> String {
        var h = SHA256()
        h.field("experiment/v2")
        h.field(identity ?? "")
        // The body, not the id: two chapters fitting the same thing under different ids share one fit.
        h.field(d.bodyText)
        if case let .file(_, path) = d.data {
            h.field(dataDigests[path] ?? SHA256.contentDigest(fileAt: path) ?? SHA256.hex(Data()))
        }
        return h.hexDigest()
    }
}

/// A cached experiment: its result, its CSV text, the warnings its fit produced (shown again on cached builds) and
/// the tables its reproduce script reads.
struct CachedExperiment {
    var result: ExperimentResult
    var csv: String
    var warnings: [StoredDiagnostic]
    var tables: ReproductionTables? = nil
    /// `ExperimentResult.historyCSVText()`, for families that train epoch by epoch.
    var historyCSV: String? = nil
}

/// A diagnostic in a form that can be stored in the cache (location relative to its chapter).
struct StoredDiagnostic: Codable {
    var severity: String
    var message: String
    var line: Int?
    var column: Int?

    init(severity: String, message: String, line: Int?, column: Int?) {
        self.severity = severity
        self.message = message
        self.line = line
        self.column = column
    }

    init(_ d: Diagnostic) {
        severity = d.severity.rawValue
        message = d.message
        line = d.location?.line
        column = d.location?.column
    }

    func diagnostic(file: String) -> Diagnostic {
        let location = line.map { SourceLocation(file: file, line: $0, column: column ?? 1) }
        return Diagnostic(Severity(rawValue: severity) ?? .warning, message, at: location)
    }
}

/// Runs `body` over `items` on up to `jobs` threads; results keep the input order.
func parallelMap<T, R>(_ items: [T], jobs: Int, _ body: @escaping (T) -> R) -> [R] {
    guard !items.isEmpty else { return [] }
    if jobs <= 1 || items.count == 1 { return items.map(body) }
    let work = ParallelWork(items: items, body: body)
    DispatchQueue.concurrentPerform(iterations: min(jobs, items.count)) { _ in work.drain() }
    return work.results.map { $0! }
}

/// Shared state of one `parallelMap`: a work index behind a lock and one result slot per item.
///
/// @unchecked because `T`, `R` and `body` need not be Sendable: `items` and `body` are never mutated after
/// `init` and only read concurrently, `next` and `results` are only touched while `lock` is held, and
/// `parallelMap` reads `results` only after `concurrentPerform` has returned (every worker has finished). Calling
/// `body` concurrently is what `parallelMap` promises its callers, who pass bodies that are safe to run that way.
private final class ParallelWork<T, R>: @unchecked Sendable {
    let items: [T]
    let body: (T) -> R
    var results: [R?]
    private var next = 0
    private let lock = NSLock()

    init(items: [T], body: @escaping (T) -> R) {
        self.items = items
        self.body = body
        results = Array(repeating: nil, count: items.count)
    }

    func drain() {
        while true {
            let i: Int = lock.withLock {
                defer { next += 1 }
                return next
            }
            if i >= items.count { return }
            let r = body(items[i])
            lock.withLock { results[i] = r }
        }
    }
}
