import DocgenDiagnostics
import DocgenFigures
import DocgenModels
import DocgenOptions

/// Evaluates {value}`…` roles against finished experiments.
struct ValueEvaluator {
    let experiments: [String: ExperimentResult]
    /// Ids that exist but failed to fit (their error is reported already).
    let failed: Set<String>

    /// The number as plain prose text, or a message explaining why it cannot be given.
    enum Outcome { case text(String), error(String), silent }

    func evaluate(_ reference: ValueReference) -> Outcome {
        if failed.contains(reference.experiment) { return .silent }
        let id = reference.experiment
        guard let e = experiments[id] else {
            var message = "unknown experiment '\(reference.experiment)'"
            if let s = Suggestion.closest(to: reference.experiment, in: Array(experiments.keys).sorted()) {
                message += "; did you mean '\(s)'?"
            }
            return .error(message)
        }
        let digits = reference.digits
        func number(_ x: Double?) -> Outcome {
            guard let x else { return .error("experiment '\(id)' has no \(reference.field)") }
            return .text(NumberFormatting.prose(x, digits: digits))
        }
        let field = reference.field
        switch field {
        case "alpha_min":
            return e.alphaMin == nil ? .error("'alpha_min' needs experiment '\(id)' to have 'cv'") : number(e.alphaMin)
        case "alpha_1se":
            return e.alpha1SE == nil ? .error("'alpha_1se' needs experiment '\(id)' to have 'cv'") : number(e.alpha1SE)
        case "alpha_max": return number(e.alphaMax)
        case "best_alpha":
            guard let k = e.bestIndex else { return .error("'best_alpha' needs experiment '\(id)' to have a 'split'") }
            return number(e.alphas[k])
        case "n": return .text(String(e.rowCount))
        case "n_train": return e.trainRows.map { .text(String($0)) } ?? .error("experiment '\(id)' has no 'split'")
        case "n_test": return e.testRows.map { .text(String($0)) } ?? .error("experiment '\(id)' has no 'split'")
        case "p": return .text(String(e.featureNames.count))
        default: break
        }
        if field.hasPrefix("entry.") {
            guard let k = Int(field.dropFirst("entry.".count)), k >= 1 else {
                return .error("'entry.K' needs a position K from 1")
            }
            guard k <= e.entryOrder.count else {
                return .error("only \(e.entryOrder.count) features of '\(id)' become nonzero on its grid")
            }
            return .text(e.entryOrder[k - 1])
        }
        let k: Int
        switch index(for: reference.at, in: e, id: id) {
        case let .success(i): k = i
        case let .failure(message): return .error(message.text)
        }
        if field.hasPrefix("coef.") {
            let name = String(field.dropFirst("coef.".count))
            guard let j = e.featureNames.firstIndex(of: name) else {
                var message = "experiment '\(id)' has no feature '\(name)'"
                if let s = Suggestion.closest(to: name, in: e.featureNames) { message += "; did you mean '\(s)'?" }
                return .error(message)
            }
            return number(e.coefficients[k][j])
        }
        switch field {
        case "alpha": return number(e.alphas[k])
        case "nonzero": return .text(String(e.nonzeroCount(at: k)))
        case "intercept": return number(e.intercepts[k])
        case "l1_norm": return number(e.coefficients[k].reduce(0) { $0 + abs($1) })
        case "l2_norm": return number(e.coefficients[k].reduce(0) { $0 + $1 * $1 }.squareRoot())
        default:
            guard let column = e.metrics[field] else {
                if field.hasPrefix("cv_") { return .error("'\(field)' needs experiment '\(id)' to have 'cv'") }
                if ModelFamilies.solutionColumnNames.contains(field) {
                    return .error("experiment '\(id)' (model: \(e.modelName)) reports no '\(field)'")
                }
                let metric = Metric.allCases.first { m in DataPart.allCases.contains { $0.columnName(m) == field } }
                if let metric, metric.task != e.task {
                    let family = metric.task.displayName
                    return .error("'\(field)' is a \(family) metric; experiment '\(id)' is not a \(family)")
                }
                return .error("'\(field)' needs experiment '\(id)' to have a 'split'")
            }
            return number(column[k])
        }
    }

    private func index(for at: ValueReference.At?, in e: ExperimentResult, id: String) -> Result<Int, Message> {
        guard !e.alphas.isEmpty else { return .failure(Message("experiment '\(id)' has no fits")) }
        let at = at ?? (e.alphaMin != nil ? .min : e.bestIndex != nil ? .best : e.alphas.count == 1 ? .first : nil)
        switch at {
        case nil:
            return .failure(Message("say which α: add @NUMBER, @first or @last (the experiment has no cv or split to pick one)"))
        case let .alpha(a)?: return e.index(nearest: a).map { .success($0) } ?? .failure(Message("no α"))
        case .first?: return .success(0)
        case .last?: return .success(e.alphas.count - 1)
        case .best?:
            return e.bestIndex.map { .success($0) } ?? .failure(Message("'@best' needs experiment '\(id)' to have a 'split'"))
        case .min?:
            guard let a = e.alphaMin else { return .failure(Message("'@min' needs experiment '\(id)' to have 'cv'")) }
            return .success(e.index(nearest: a) ?? 0)
        case .oneSE?:
            guard let a = e.alpha1SE else { return .failure(Message("'@1se' needs experiment '\(id)' to have 'cv'")) }
            return .success(e.index(nearest: a) ?? 0)
        }
    }
}
