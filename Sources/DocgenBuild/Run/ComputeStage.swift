import DocgenDiagnostics
import DocgenFigures
import DocgenModels
import Foundation
import Synchronization

/// Runs the experiments, the outputs figures ask of them, and the figures as one pipeline: experiments start
/// longest first, an output as soon as its experiment is done, a figure as soon as its experiments and outputs
/// are, so the figures of the quick fits are drawn while the slow fits still run.
///
/// Which thread does what changes nothing in the result: every outcome is collected in declaration order, exactly
/// as separate stages would return it.
struct ComputeStage {
    let plan: CoursePlan
    let cache: BuildCache?
    let jobs: Int
    /// The build's input fingerprint (see `ExperimentStage.fingerprint`).
    var fingerprint: InputFingerprint? = nil
    let progress: @Sendable (BuildProgress) -> Void

    /// Threads each fit may use when `toFit` experiments must be fitted (the others come from the cache): all the
    /// build's `jobs` when one experiment is fitted alone (a directive edited, a network's second start on the idle
    /// core), else one, since the experiments themselves then keep the workers busy.
    static func threadsPerFit(toFit: Int, jobs: Int) -> Int { toFit == 1 ? max(1, jobs) : 1 }

    func run() -> (ExperimentStage.Output, FigureStage.Output) {
        let experimentStage = ExperimentStage(plan: plan, cache: cache, jobs: jobs, fingerprint: fingerprint,
                                              progress: progress)
        let outputStage = OutputStage(plan: plan, cache: cache, progress: progress)
        let figureStage = FigureStage(plan: plan, cache: cache, progress: progress)
        let fitter = ExperimentFitter(plan: plan)
        let keys = experimentStage.keys()
        let costs = Dictionary(plan.experimentOrder.map { ($0, Self.estimatedCost(plan.experiments[$0])) },
                               uniquingKeysWith: { first, _ in first })
        let ids = plan.experimentOrder.sorted { a, b in
            let (ca, cb) = (costs[a] ?? 0, costs[b] ?? 0)
            return ca != cb ? ca > cb : a < b
        }
        let outputTasks = outputStage.tasks(experimentKeys: keys)
        let figures = plan.figures

        // Task numbers: experiments, then outputs, then figures (lower numbers start first among ready tasks).
        let taskOfExperiment = Dictionary(uniqueKeysWithValues: ids.enumerated().map { ($1, $0) })
        let firstOutput = ids.count, firstFigure = ids.count + outputTasks.count
        var outputTasksOf: [String: [Int]] = [:]
        for (k, task) in outputTasks.enumerated() { outputTasksOf[task.experiment, default: []].append(firstOutput + k) }
        let dependencies: [[Int]] = ids.map { _ in [] }
            + outputTasks.map { [taskOfExperiment[$0.experiment]].compactMap { $0 } }
            + figures.map { figure in
                figure.declaration.experiments.flatMap { e -> [Int] in
                    [taskOfExperiment[e.id]].compactMap { $0 } + (outputTasksOf[e.id] ?? [])
                }
            }

        let threads = Self.threadsPerFit(toFit: ids.filter { cache?.hasExperiment(keys[$0] ?? "") != true }.count,
                                         jobs: jobs)
        let results = Results()
        let total = firstFigure + figures.count
        DependencyPool.run(count: total, dependencies: dependencies, jobs: jobs) { task in
            if task < firstOutput {
                let id = ids[task]
                let outcome = experimentStage.runOne(id, key: keys[id] ?? "", fitter: fitter, threads: threads)
                let done = results.finish(experiment: id, outcome)
                progress(.step(done: done, total: total, what: "experiment \(id)"))
            } else if task < firstFigure {
                let output = outputTasks[task - firstOutput]
                let done: Int
                if results.result(of: output.experiment) != nil, outputStage.isCached(output) {
                    // Decoded only if a figure that needs it is drawn (see `completing` below).
                    done = results.defer(output: output)
                } else {
                    let outcome = results.result(of: output.experiment).map {
                        outputStage.runOne(output, result: $0, fitter: fitter)
                    } ?? OutputStage.Outcome(diagnostics: [])
                    done = results.finish(output: output, index: task - firstOutput, outcome)
                }
                progress(.step(done: done, total: total, what: "output of experiment \(output.experiment)"))
            } else {
                let index = task - firstFigure
                let figure = figures[index]
                let finished = results.finished(for: figure, plan: plan)
                let outcome = figureStage.runOne(figure, experiments: finished, keys: keys) { known in
                    var diagnostics: [Diagnostic] = []
                    let completed = known.map { experiment -> FinishedExperiment in
                        var experiment = experiment
                        for request in figure.declaration.kind.outputs(for: experiment.planned)
                        where experiment.outputs[request] == nil {
                            if let output = results.output(of: experiment.id, request) {  // loaded by another figure
                                experiment.outputs[request] = output
                                continue
                            }
                            guard let deferred = results.deferred(experiment: experiment.id, request: request) else { continue }
                            let outcome = outputStage.runOne(deferred, result: experiment.result, fitter: fitter)
                            diagnostics += outcome.diagnostics
                            if let output = outcome.output {
                                results.loaded(output, for: deferred)
                                experiment.outputs[request] = output
                            }
                        }
                        return experiment
                    }
                    return (completed, diagnostics)
                }
                let done = results.finish(figure: index, outcome)
                progress(.step(done: done, total: total, what: "figure \(figure.number) \(figure.declaration.kindName)"))
            }
        }
        var experiments = experimentStage.collect(results.experiments, keys: keys)
        let outputDiagnostics = results.outputDiagnostics
        for k in outputTasks.indices { experiments.diagnostics += outputDiagnostics[k] ?? [] }
        let figureOutcomes = figures.indices.map { results.figures[$0] ?? FigureStage.Outcome(diagnostics: [], regenerated: false) }
        return (experiments, figureStage.collect(figureOutcomes))
    }

    /// A rough relative cost of fitting an experiment, only to start the slow ones first:
    /// data size × grid size × (folds + 1) × the family's cost factor.
    static func estimatedCost(_ d: ExperimentDeclaration?) -> Double {
        guard let d else { return 0 }
        let size: Double
        switch d.data {
        case let .file(_, path):
            var info = stat()
            size = Double(lstat(path, &info) == 0 ? Int(info.st_size) : 1000) / 8
        case let .generated(g):
            size = Double(max(g.rowCount, 1)) * Double(max(g.featureCount, 1))
        }
        // In floating point: the counts are checked against SizeLimits when read, but a product of them need not fit an Int.
        let grid = Double(max(d.spec.alphaCount, 1))
        let folds = Double(d.spec.cv?.folds ?? 0) + 1
        return size * grid * folds * d.spec.family.relativeCost
    }

    /// Outcomes as they finish, shared by the pool's threads behind one mutex.
    private final class Results: Sendable {
        private struct State {
            var experiments: [String: ExperimentStage.Outcome] = [:]
            var outputsByExperiment: [String: [ExperimentOutputRequest: ExperimentOutput]] = [:]
            /// Outputs found in the cache and not decoded yet, by experiment and request.
            var deferredOutputs: [String: [ExperimentOutputRequest: OutputStage.Task]] = [:]
            var outputDiagnostics: [Int: [Diagnostic]] = [:]
            var figures: [Int: FigureStage.Outcome] = [:]
            var done = 0
        }
        private let state = Mutex(State())

        var experiments: [String: ExperimentStage.Outcome] { state.withLock { $0.experiments } }
        var outputDiagnostics: [Int: [Diagnostic]] { state.withLock { $0.outputDiagnostics } }
        var figures: [Int: FigureStage.Outcome] { state.withLock { $0.figures } }

        func finish(experiment id: String, _ outcome: ExperimentStage.Outcome) -> Int {
            state.withLock { $0.experiments[id] = outcome; $0.done += 1; return $0.done }
        }

        func finish(output task: OutputStage.Task, index: Int, _ outcome: OutputStage.Outcome) -> Int {
            state.withLock {
                if let output = outcome.output { $0.outputsByExperiment[task.experiment, default: [:]][task.request] = output }
                $0.outputDiagnostics[index] = outcome.diagnostics
                $0.done += 1
                return $0.done
            }
        }

        func `defer`(output task: OutputStage.Task) -> Int {
            state.withLock {
                $0.deferredOutputs[task.experiment, default: [:]][task.request] = task
                $0.done += 1
                return $0.done
            }
        }

        func output(of id: String, _ request: ExperimentOutputRequest) -> ExperimentOutput? {
            state.withLock { $0.outputsByExperiment[id]?[request] }
        }

        func deferred(experiment id: String, request: ExperimentOutputRequest) -> OutputStage.Task? {
            state.withLock { $0.deferredOutputs[id]?[request] }
        }

        /// A deferred output, decoded (or computed again) by the first figure that needed it, for the figures after.
        func loaded(_ output: ExperimentOutput, for task: OutputStage.Task) {
            state.withLock {
                $0.outputsByExperiment[task.experiment, default: [:]][task.request] = output
                $0.deferredOutputs[task.experiment]?[task.request] = nil
            }
        }

        func finish(figure index: Int, _ outcome: FigureStage.Outcome) -> Int {
            state.withLock { $0.figures[index] = outcome; $0.done += 1; return $0.done }
        }

        func result(of id: String) -> ExperimentResult? { state.withLock { $0.experiments[id]?.result } }

        /// The figure's experiments as finished experiments with the outputs computed for them (nil for one that
        /// failed), in directive order. Called once the figure's tasks are done.
        func finished(for figure: PlannedFigure, plan: CoursePlan) -> [FinishedExperiment?] {
            state.withLock { state in
                figure.declaration.experiments.map { entry -> FinishedExperiment? in
                    guard let d = plan.experiments[entry.id], let result = state.experiments[entry.id]?.result else {
                        return nil
                    }
                    return FinishedExperiment(planned: d.planned, result: result,
                                              outputs: state.outputsByExperiment[entry.id] ?? [:])
                }
            }
        }
    }
}
