import DocgenDiagnostics
import DocgenFigures
import DocgenModels

/// Warns where a figure or table asked for an α its experiment's grid does not have: the kind draws the nearest grid
/// α (and labels it as such), and the author is told which one, at the option that asked. Runs on every build from
/// the results, so a cached figure warns as a fresh one does.
enum GridChoiceCheck {
    static func diagnostics(plan: CoursePlan, results: [String: ExperimentResult]) -> [Diagnostic] {
        var out: [Diagnostic] = []
        func check(_ what: String, _ requests: [AlphaRequest], _ experiments: [(id: String, at: SourceLocation)],
                   _ keyLocations: [String: SourceLocation], _ fence: SourceLocation) {
            guard !requests.isEmpty else { return }
            for (id, _) in experiments {
                // An unpenalized model is one fit at α = 0: there is no grid to choose from, so nothing was guessed.
                guard let result = results[id], plan.experiments[id]?.spec.family.l1Ratio != nil else { continue }
                for request in requests {
                    guard let warning = result.gridChoice(for: request.alpha, key: request.key)?.warning else { continue }
                    out.append(.warning("\(what): experiment '\(id)': \(warning.message)",
                                        at: keyLocations[request.key] ?? fence))
                }
            }
        }
        for figure in plan.figures {
            let d = figure.declaration
            check("figure \(figure.number)", d.kind.requestedAlphas, d.experiments, d.keyLocations, d.location)
        }
        for chapter in plan.chapters {
            for (_, block) in chapter.blocks.sorted(by: { $0.key < $1.key }) {
                guard case let .table(t) = block else { continue }
                let d = t.declaration
                check("table \(t.number)", d.kind.requestedAlphas, d.experiments, d.keyLocations, d.location)
            }
        }
        return out
    }
}
