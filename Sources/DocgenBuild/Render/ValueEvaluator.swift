import DocgenDiagnostics
import DocgenFigures
import DocgenModels
import DocgenOptions

/// Evaluates {value}`…` roles against finished experiments.
struct ValueEvaluator {
    let experiments: [String: ExperimentResult]
    /// Ids that exist but failed to fit, or whose directive failed (their error is reported already).
    let failed: Set<String>
    /// What each declared experiment is (its family, split and folds), to tell a field without meaning for it.
    var specs: [String: ExperimentSpec] = [:]

    /// The number as plain prose text (with warnings about it, such as an α not on the grid), or a message explaining
    /// why it cannot be given, or nothing to say (the experiment's own error says it).
    enum Outcome { case text(String, warnings: [String] = []), error(String), silent }

    func evaluate(_ reference: ValueReference) -> Outcome {
        let id = reference.experiment
        if failed.contains(id) { return .silent }
        guard let e = experiments[id] else {
            var message = "unknown experiment '\(id)'"
            let known = Array(Set(experiments.keys).union(failed)).sorted()
            if let s = Suggestion.closest(to: id, in: known) { message += "; did you mean '\(s)'?" }
            return .error(message)
        }
        let field = reference.field
        if let spec = specs[id], let known = reference.valueField {
            for need in known.needs {
                if let problem = spec.problem(with: need, "'\(field)'", experiment: id) { return .error(problem) }
            }
        }
        let digits = reference.digits
        func number(_ x: Double?, warnings: [String] = []) -> Outcome {
            guard let x else { return .error("experiment '\(id)' has no \(field)") }
            guard x.isFinite else { return .error("'\(field)' of experiment '\(id)' is \(formatNumber(x)), not a number to print") }
            return .text(NumberFormatting.prose(x, digits: digits), warnings: warnings)
        }
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
        let k: Int, warnings: [String]
        switch index(for: reference.at, in: e, id: id) {
        case let .success(choice): (k, warnings) = choice
        case let .failure(message): return .error(message.text)
        }
        if field.hasPrefix("coef.") {
            let name = String(field.dropFirst("coef.".count))
            guard let j = e.featureNames.firstIndex(of: name) else {
                var message = "experiment '\(id)' has no feature '\(name)'"
                if let s = Suggestion.closest(to: name, in: e.featureNames) { message += "; did you mean '\(s)'?" }
                return .error(message)
            }
            return number(e.coefficients[k][j], warnings: warnings)
        }
        switch field {
        case "alpha": return number(e.alphas[k], warnings: warnings)
        case "sklearn_alpha", "C":
            // The author's own parameter, as written in the directive and in the result's column of that name.
            guard e.penaltyParameter.column == field else {
                return .error("experiment '\(id)' writes its penalties as \(e.penaltyParameter.column == "alpha" ? "docgen's α" : "'\(e.penaltyParameter.column)'")"
                    + "; '\(field)' needs 'convention: sklearn'\(field == "C" ? " on a logistic model" : " on a linear model")")
            }
            return number(e.penaltyValues[k], warnings: warnings)
        case "nonzero": return .text(String(e.nonzeroCount(at: k)), warnings: warnings)
        case "intercept": return number(e.intercepts[k], warnings: warnings)
        case "l1_norm": return number(e.coefficients[k].reduce(0) { $0 + abs($1) }, warnings: warnings)
        case "l2_norm": return number(e.coefficients[k].reduce(0) { $0 + $1 * $1 }.squareRoot(), warnings: warnings)
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
            return number(column[k], warnings: warnings)
        }
    }

    /// The α index a per-α field is read at, with a warning when `@NUMBER` is not on the grid.
    private func index(for at: ValueReference.At?, in e: ExperimentResult, id: String)
        -> Result<(Int, [String]), Message>
    {
        guard !e.alphas.isEmpty else { return .failure(Message("experiment '\(id)' has no fits")) }
        if let at, let spec = specs[id] {
            let needs: (String, [ValueField.Need])? = switch at {
            case .min: ("'@min'", [.penalty, .crossValidation])
            case .oneSE: ("'@1se'", [.penalty, .crossValidation])
            case .best: ("'@best'", [.penalty, .split])
            default: nil
            }
            if let (what, list) = needs {
                for need in list { if let problem = spec.problem(with: need, what, experiment: id) { return .failure(Message(problem)) } }
            }
        }
        let unpenalized = specs[id].map { $0.family.l1Ratio == nil } ?? false
        let at = at ?? (unpenalized || e.alphas.count == 1 ? .first
            : e.alphaMin != nil ? .min : e.bestIndex != nil ? .best : nil)
        switch at {
        case nil:
            return .failure(Message("say which α: add @NUMBER, @first or @last (the experiment has no cv or split to pick one)"))
        case let .alpha(a)?:
            guard let choice = e.gridChoice(for: a, key: "@") else { return .failure(Message("no α")) }
            // An unpenalized model has its one fit at α = 0 and no grid to miss.
            let warnings = unpenalized ? [] : choice.warning.map { ["experiment '\(id)': \($0.message)"] } ?? []
            return .success((choice.index, warnings))
        case .first?: return .success((0, []))
        case .last?: return .success((e.alphas.count - 1, []))
        case .best?:
            return e.bestIndex.map { .success(($0, [])) }
                ?? .failure(Message("'@best' needs experiment '\(id)' to have a 'split'"))
        case .min?:
            guard let k = e.alphaMinIndex else { return .failure(Message("'@min' needs experiment '\(id)' to have 'cv'")) }
            return .success((k, []))
        case .oneSE?:
            guard let k = e.alpha1SEIndex else { return .failure(Message("'@1se' needs experiment '\(id)' to have 'cv'")) }
            return .success((k, []))
        }
    }
}
