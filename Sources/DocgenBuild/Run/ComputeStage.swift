import DocgenDiagnostics
import Foundation

/// Runs the experiments and figures of a course as one pipeline: the experiments start
/// longest first, and a figure starts as soon as its own experiments are done, so the
/// figures of the quick fits are drawn while the slow fits still run.
///
/// Which thread does what changes nothing in the result: every outcome is collected in
/// declaration order, exactly as the separate stages would return it.
struct ComputeStage {
    let plan: CoursePlan
    let cache: BuildCache?
    let jobs: Int
    let progress: @Sendable (BuildProgress) -> Void

    func run() -> (ExperimentStage.Output, FigureStage.Output) {
        let experimentStage = ExperimentStage(plan: plan, cache: cache, jobs: jobs, progress: progress)
        let fitter = ExperimentFitter(plan: plan)
        let keys = experimentStage.keys()
        let costs = Dictionary(plan.experimentOrder.map { ($0, Self.estimatedCost(plan.experiments[$0])) },
                               uniquingKeysWith: { first, _ in first })
        let ids = plan.experimentOrder.sorted { a, b in
            let (ca, cb) = (costs[a] ?? 0, costs[b] ?? 0)
            return ca != cb ? ca > cb : a < b
        }
        let figures = plan.figures
        let taskOfExperiment = Dictionary(uniqueKeysWithValues: ids.enumerated().map { ($1, $0) })
        let dependencies = ids.map { _ in [Int]() } + figures.map { figure in
            figure.declaration.experiments.compactMap { taskOfExperiment[$0.id] }
        }

        let results = Results()
        let keysOnly = ExperimentStage.Output(fitter: fitter)
        keysOnly.keys = keys
        let figureStage = FigureStage(plan: plan, experiments: keysOnly, cache: cache, progress: progress)
        let total = ids.count + figures.count
        DependencyPool.run(count: total, dependencies: dependencies, jobs: jobs) { task in
            if task < ids.count {
                let id = ids[task]
                let outcome = experimentStage.runOne(id, key: keys[id] ?? "", fitter: fitter)
                let done = results.finish(experiment: id, outcome)
                progress(.step(done: done, total: total, what: "experiment \(id)"))
            } else {
                let index = task - ids.count
                let figure = figures[index]
                let view = results.view(for: figure, keys: keys, fitter: fitter)
                let outcome = figureStage.runOne(figure, experiments: view)
                let done = results.finish(figure: index, outcome)
                progress(.step(done: done, total: total,
                               what: "figure \(figure.number) \(figure.declaration.kind.rawValue)"))
            }
        }
        let experiments = experimentStage.collect(results.experiments, keys: keys, fitter: fitter)
        let figureOutcomes = figures.indices.map { results.figures[$0] ?? (nil, [], false) }
        return (experiments, figureStage.collect(figureOutcomes))
    }

    /// A rough relative cost of fitting an experiment, only to start the slow ones first:
    /// data size × grid size × (folds + 1) × a factor per model.
    static func estimatedCost(_ d: ExperimentDeclaration?) -> Double {
        guard let d else { return 0 }
        let size: Double
        switch d.data {
        case let .file(_, path):
            var info = stat()
            size = Double(lstat(path, &info) == 0 ? Int(info.st_size) : 1000) / 8
        case let .generated(g):
            size = Double(max(g.n, 1) * max(g.p, 1))
        }
        let grid: Double
        switch d.alphas {
        case let .list(values): grid = Double(values.count)
        case let .logspace(_, _, count): grid = Double(count)
        case let .automatic(count, _): grid = Double(count)
        }
        let folds = Double((d.cv?.folds ?? 0) + 1)
        let model: Double
        switch d.model {
        case .ols: model = 0.2
        case .ridge: model = 1
        case .lasso, .elasticNet: model = 3
        case let .logistic(penalty, _): model = penalty == .l2 ? 10 : 20
        }
        return size * max(grid, 1) * folds * model
    }

    /// Outcomes as they finish, behind a lock.
    private final class Results: @unchecked Sendable {
        private let lock = NSLock()
        private(set) var experiments: [String: ExperimentStage.Outcome] = [:]
        private(set) var figures: [Int: FigureStage.Outcome] = [:]
        private var done = 0

        func finish(experiment id: String, _ outcome: ExperimentStage.Outcome) -> Int {
            lock.withLock { experiments[id] = outcome; done += 1; return done }
        }

        func finish(figure index: Int, _ outcome: FigureStage.Outcome) -> Int {
            lock.withLock { figures[index] = outcome; done += 1; return done }
        }

        /// What a figure may read: its own (finished) experiments and every key.
        func view(for figure: PlannedFigure, keys: [String: String], fitter: ExperimentFitter) -> ExperimentStage.Output {
            let view = ExperimentStage.Output(fitter: fitter)
            view.keys = keys
            lock.withLock {
                for (id, _) in figure.declaration.experiments {
                    guard let outcome = experiments[id] else { continue }
                    if let numbers = outcome.numbers { view.numbers[id] = numbers } else { view.failed.insert(id) }
                }
            }
            return view
        }
    }
}
