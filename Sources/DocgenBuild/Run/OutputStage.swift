import DocgenDiagnostics
import DocgenModels
import Foundation

/// Computes (or loads from the cache) the outputs figures asked of experiments beyond their per-α numbers — the
/// curves of a fitted polynomial, the refits of a degree sweep, a constraint geometry — each as its own task after
/// its experiment, so no figure ever fits.
struct OutputStage {
    let plan: CoursePlan
    let cache: BuildCache?
    let progress: @Sendable (BuildProgress) -> Void

    /// One requested output: whose, what, its cache key, and the directive that asked (where errors are shown).
    struct Task: Sendable {
        var experiment: String
        var request: ExperimentOutputRequest
        var key: String
        var requestedAt: SourceLocation
    }

    struct Outcome: Sendable {
        var output: ExperimentOutput?
        var diagnostics: [Diagnostic]
    }

    /// Every distinct output the course's figures need, in the order figures ask for them.
    func tasks(experimentKeys: [String: String]) -> [Task] {
        var tasks: [Task] = []
        var seen = Set<String>()
        for figure in plan.figures {
            let d = figure.declaration
            for (id, _) in d.experiments {
                guard let e = plan.experiments[id], let experimentKey = experimentKeys[id] else { continue }
                for request in d.kind.outputs(for: e.planned) {
                    let key = Self.key(experimentKey: experimentKey, request: request)
                    if seen.insert(key + id).inserted {
                        tasks.append(Task(experiment: id, request: request, key: key, requestedAt: d.location))
                    }
                }
            }
        }
        return tasks
    }

    /// Whether the output is in the cache: then it is decoded only if a figure that needs it is drawn
    /// (`runOne` reads it then, and computes it again should the entry prove damaged).
    func isCached(_ task: Task) -> Bool { cache?.contains("outputs", task.key + ".json") ?? false }

    /// Loads the output from the cache, or computes it from the experiment's data and result and stores it.
    func runOne(_ task: Task, result: ExperimentResult, fitter: ExperimentFitter) -> Outcome {
        if let cache, let stored = cache.loadJSON(ExperimentOutput.self, "outputs", task.key + ".json") {
            return Outcome(output: stored, diagnostics: [])
        }
        guard let d = plan.experiments[task.experiment] else { return Outcome(diagnostics: []) }
        let data: Dataset
        switch fitter.dataset(d) {
        case let .success(loaded): data = loaded
        case let .failure(failure): return Outcome(diagnostics: failure.diagnostics)
        }
        let started = DispatchTime.now()
        do {
            let output = try computeOutput(task.request, data: data, spec: d.spec, result: result, generator: d.generator)
            progress(.note("computed an output of \(task.experiment) in \(Builder.elapsed(since: started)) s"))
            cache?.saveJSON(output, "outputs", task.key + ".json")
            return Outcome(output: output, diagnostics: [])
        } catch let error as ModelError {
            return Outcome(diagnostics: [.error("experiment '\(task.experiment)': \(error.message)", at: task.requestedAt)])
        } catch let error as DataError {
            return Outcome(diagnostics: [.error("experiment '\(task.experiment)': \(error.message)", at: task.requestedAt)])
        } catch {
            return Outcome(diagnostics: [.error("experiment '\(task.experiment)': \(error)", at: task.requestedAt)])
        }
    }

    /// SHA-256 of the experiment's key and the request.
    static func key(experimentKey: String, request: ExperimentOutputRequest) -> String {
        var h = SHA256()
        h.field("output/v1")
        h.field(experimentKey)
        h.field(request.cacheDescription)
        return h.hexDigest()
    }
}
