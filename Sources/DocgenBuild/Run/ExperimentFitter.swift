import DocgenDiagnostics
import DocgenModels
import Foundation

/// Loads an experiment's data and fits it, once per build, on demand.
///
/// The experiment stage asks for fits that are not cached; figures ask for the full result
/// (predictions, the data itself) of experiments whose numbers came from the cache.
/// Thread-safe: concurrent requests for the same id wait for one fit.
final class ExperimentFitter: @unchecked Sendable {
    struct Fitted: Sendable {
        var dataset: Dataset
        var spec: ExperimentSpec
        var result: ExperimentResult
        var warnings: [Diagnostic]
    }

    let plan: CoursePlan
    private let lock = NSLock()
    private var memo: [String: Result<Fitted, Failure>] = [:]
    private var inFlight: [String: NSCondition] = [:]
    /// Data files parsed in this build, by path, target and feature list: experiments on the same file share one parse.
    private var datasets: [String: Dataset] = [:]

    /// BLAS runs one thread per call during builds: `Builder.run` sets that before anything is fitted.
    init(plan: CoursePlan) {
        self.plan = plan
    }

    func fit(_ id: String) -> Result<Fitted, Failure> {
        lock.lock()
        while true {
            if let done = memo[id] {
                lock.unlock()
                return done
            }
            if let waiting = inFlight[id] {
                lock.unlock()
                waiting.lock(); _ = waiting.wait(until: Date().addingTimeInterval(0.05)); waiting.unlock()
                lock.lock()
                continue
            }
            inFlight[id] = NSCondition()
            break
        }
        lock.unlock()
        let outcome = compute(id)
        lock.lock()
        memo[id] = outcome
        let condition = inFlight.removeValue(forKey: id)
        lock.unlock()
        condition?.broadcast()
        return outcome
    }

    private func compute(_ id: String) -> Result<Fitted, Failure> {
        guard let d = plan.experiments[id] else {
            return .failure(Failure(.error("unknown experiment '\(id)'", at: nil)))
        }
        let dataset: Dataset
        switch loadShared(d) {
        case let .success(data): dataset = data
        case let .failure(f): return .failure(f)
        }
        let spec = Self.spec(d)
        do {
            try spec.validate()
            let result = try runExperiment(dataset, spec)
            let warnings = result.warnings.map { w -> Diagnostic in
                let at = w.key.map { d.location(of: $0) } ?? d.location
                return .warning("experiment '\(id)': \(w.message)", at: at)
            }
            return .success(Fitted(dataset: dataset, spec: spec, result: result, warnings: warnings))
        } catch let error as ModelError {
            return .failure(Failure(.error("experiment '\(id)': \(error.message)", at: d.location(of: error.key))))
        } catch let error as DataError {
            return .failure(Failure(Self.diagnostic(error, d)))
        } catch {
            return .failure(Failure(.error("experiment '\(id)': \(error)", at: d.location)))
        }
    }

    static func spec(_ d: ExperimentDeclaration) -> ExperimentSpec {
        let model: ModelKind
        switch d.model {
        case .ols: model = .ols
        case .ridge: model = .ridge
        case .lasso: model = .lasso
        case let .elasticNet(r): model = .elasticNet(l1Ratio: r)
        case let .logistic(p, r):
            switch p {
            case .l1: model = .logistic(penalty: .l1)
            case .l2: model = .logistic(penalty: .l2)
            case .elasticnet: model = .logistic(penalty: .elasticNet(l1Ratio: r))
            }
        }
        let alphas: AlphaGrid
        switch d.alphas {
        case let .list(xs): alphas = .explicit(xs)
        case let .logspace(a, b, n): alphas = .logspace(start: a, stop: b, count: n)
        case let .automatic(count, ratio): alphas = .automatic(count: count, ratio: ratio)
        }
        return ExperimentSpec(model: model, alphas: alphas, standardize: d.standardize,
                              polynomialDegree: d.polynomialDegree,
                              split: d.split.map { HoldoutSplit(test: $0.test, seed: $0.seed) },
                              cv: d.cv.map { CrossValidation(folds: $0.folds, seed: $0.seed) },
                              tolerance: d.tolerance, maxIterations: d.maxIterations)
    }

    /// `load(_:)`, parsing each CSV file once per build for a given target and feature list.
    /// Generated data is cheap and always made afresh; failures are not remembered (each experiment reports its own).
    private func loadShared(_ d: ExperimentDeclaration) -> Result<Dataset, Failure> {
        guard case let .file(_, path) = d.data else { return Self.load(d) }
        let key = ([path, d.target ?? ""] + (d.features ?? ["\u{1}all"])).joined(separator: "\u{0}")
        lock.lock()
        let known = datasets[key]
        lock.unlock()
        if let known { return .success(known) }
        let loaded = Self.load(d)
        if case let .success(data) = loaded {
            lock.lock(); datasets[key] = data; lock.unlock()
        }
        return loaded
    }

    static func load(_ d: ExperimentDeclaration) -> Result<Dataset, Failure> {
        do {
            switch d.data {
            case let .file(_, path):
                return .success(try Dataset.load(csvPath: path, target: d.target ?? "", features: d.features))
            case let .generated(g):
                return .success(try SyntheticData.make(g))
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
            let display = ((d.location.file as NSString).deletingLastPathComponent as NSString).appendingPathComponent(written)
            return .error(stripLocation(error.message), at: SourceLocation(file: display, line: line, column: error.column ?? 1))
        }
        let key = (error.key ?? "data").split(separator: ".").first.map(String.init) ?? "data"
        return .error("experiment '\(d.id)': \(stripLocation(error.message))", at: d.location(of: key))
    }

    /// Drops a leading `path:line:col: ` or `path: ` from a message that also travels with a location.
    static func stripLocation(_ message: String) -> String {
        guard let range = message.range(of: ": ") else { return message }
        let head = message[..<range.lowerBound]
        if head.contains("/") || head.hasSuffix(".csv") || head.contains(".csv:") {
            return String(message[range.upperBound...])
        }
        return message
    }
}
