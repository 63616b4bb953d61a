import DocgenConcurrency
import DocgenDiagnostics
import DocgenModels
import Foundation

/// Loads experiments' data and fits them. Thread-safe; every method can be called from the build's workers.
///
/// Experiments reading the same CSV file with the same target and features share one parse: the first to ask
/// loads it while the others wait on its cell (no polling), and a failure is not remembered (each experiment
/// reports its own error).
final class ExperimentFitter: Sendable {
    let plan: CoursePlan
    private let datasets = SharedDatasets()

    /// BLAS runs one thread per call during builds: `Builder.run` sets that before anything is fitted.
    init(plan: CoursePlan) {
        self.plan = plan
    }

    /// The experiment's rows, loaded (or generated) once per build for each distinct file, target and features.
    func dataset(_ d: ExperimentDeclaration) -> Result<Dataset, Failure> { loaded(d).map(\.dataset) }

    /// `dataset(_:)`, and whether the data file can stand for the reproduce script's input table.
    func loaded(_ d: ExperimentDeclaration) -> Result<LoadedCSV, Failure> {
        guard case let .file(_, path) = d.data else { return Self.load(d) }
        let key = ([path, d.target ?? ""] + (d.features ?? ["\u{1}all"])).joined(separator: "\u{0}")
        return datasets.value(for: key) { Self.load(d) }
    }

    /// Fits experiment `id` on its data, on up to `threads` threads (`ExperimentSpec.threads`): the result (its
    /// warnings become diagnostics at the key they blame) and the tables its reproduce script reads.
    func fit(_ id: String, threads: Int = 1)
        -> Result<(result: ExperimentResult, warnings: [Diagnostic], tables: ReproductionTables?), Failure> {
        guard let d = plan.experiments[id] else {
            return .failure(Failure(.error("unknown experiment '\(id)'", at: nil)))
        }
        let dataset: Dataset, isInputTable: Bool
        switch loaded(d) {
        case let .success(data): (dataset, isInputTable) = (data.dataset, data.isInputTable)
        case let .failure(f): return .failure(f)
        }
        if let (key, message) = SizeLimits.problem(rows: dataset.rowCount, features: dataset.featureCount, spec: d.spec) {
            return .failure(Failure(.error("experiment '\(id)': \(message)", at: d.location(of: key))))
        }
        // The reproduce tables are text of every input row: for a large data set, seconds of formatting that need
        // nothing from the fit, so they are written on another thread meanwhile, unless the data file says the same
        // and is published in their place.
        let tables = Background { try? ReproductionTables(dataset, d.spec, inputIsDataFile: isInputTable) }
        do {
            var spec = d.spec
            spec.threads = threads
            var result = try runExperiment(dataset, spec)
            let warnings = result.warnings.map { w -> Diagnostic in
                .warning("experiment '\(id)': \(w.message)", at: w.key.map { d.location(of: $0) } ?? d.location)
            }
            result.warnings = []   // reported as diagnostics; the numbers alone are cached and compared
            return .success((result, warnings, tables.value))
        } catch let error as ModelError {
            return .failure(Failure(.error("experiment '\(id)': \(error.message)", at: d.location(of: error.key))))
        } catch let error as DataError {
            return .failure(Failure(Self.diagnostic(error, d)))
        } catch {
            return .failure(Failure(.error("experiment '\(id)': \(error)", at: d.location)))
        }
    }

    static func load(_ d: ExperimentDeclaration) -> Result<LoadedCSV, Failure> {
        do {
            switch d.data {
            case let .file(_, path):
                return .success(try Dataset.loadCSV(path: path, target: d.target ?? "", features: d.features))
            case let .generated(g):
                return .success(LoadedCSV(dataset: try generate(g).dataset, isInputTable: false))
            }
        } catch let error as DataError {
            return .failure(Failure(diagnostic(error, d)))
        } catch {
            return .failure(Failure(.error("experiment '\(d.id)': \(error)", at: d.location(of: "data"))))
        }
    }

    /// A data error at the CSV cell it names, or at the directive key it blames.
    static func diagnostic(_ error: DataError, _ d: ExperimentDeclaration) -> Diagnostic {
        if case let .file(written, _) = d.data, let line = error.line, error.key == nil {
            let display = (PathText.parent(d.location.file) as NSString).appendingPathComponent(written)
            return .error(error.message, at: SourceLocation(file: display, line: line, column: error.column ?? 1))
        }
        let key = (error.key ?? "data").split(separator: ".").first.map(String.init) ?? "data"
        return .error("experiment '\(d.id)': \(error.message)", at: d.location(of: key))
    }
}

/// Values computed at most once per key, shared between threads: the first caller computes, later callers wait
/// for it on a condition variable. A failure is not remembered: the next caller tries again.
final class SharedDatasets: @unchecked Sendable {
    // @unchecked: every stored property is read and written only while `condition` is locked.
    private let condition = NSCondition()
    private var values: [String: LoadedCSV] = [:]
    private var loading: Set<String> = []

    func value(for key: String, load: () -> Result<LoadedCSV, Failure>) -> Result<LoadedCSV, Failure> {
        condition.lock()
        while loading.contains(key) { condition.wait() }
        if let known = values[key] {
            condition.unlock()
            return .success(known)
        }
        loading.insert(key)
        condition.unlock()
        let outcome = load()
        condition.lock()
        loading.remove(key)
        if case let .success(data) = outcome { values[key] = data }
        condition.broadcast()
        condition.unlock()
        return outcome
    }
}
