import DocgenDiagnostics

/// Evaluates {value}`…` roles against finished experiments.
struct ValueEvaluator {
    let experiments: [String: ExperimentNumbers]
    /// Ids that exist but failed to fit (their error is reported already).
    let failed: Set<String>

    /// The number as plain prose text, or a message explaining why it cannot be given.
    enum Outcome { case text(String), error(String), silent }

    func evaluate(_ reference: ValueReference) -> Outcome {
        if failed.contains(reference.experiment) { return .silent }
        guard let e = experiments[reference.experiment] else {
            var message = "unknown experiment '\(reference.experiment)'"
            if let s = OptionReader.closest(to: reference.experiment, in: Array(experiments.keys).sorted()) {
                message += "; did you mean '\(s)'?"
            }
            return .error(message)
        }
        let digits = reference.digits
        func number(_ x: Double?) -> Outcome {
            guard let x else { return .error("experiment '\(e.id)' has no \(reference.field)") }
            return .text(NumberFormatting.prose(x, digits: digits))
        }
        let field = reference.field
        switch field {
        case "alpha_min":
            return e.alphaMin == nil ? .error("'alpha_min' needs experiment '\(e.id)' to have 'cv'") : number(e.alphaMin)
        case "alpha_1se":
            return e.alpha1SE == nil ? .error("'alpha_1se' needs experiment '\(e.id)' to have 'cv'") : number(e.alpha1SE)
        case "alpha_max": return number(e.alphaMax)
        case "best_alpha":
            guard let k = e.bestIndex else { return .error("'best_alpha' needs experiment '\(e.id)' to have a 'split'") }
            return number(e.alphas[k])
        case "n": return .text(String(e.n))
        case "n_train": return e.nTrain.map { .text(String($0)) } ?? .error("experiment '\(e.id)' has no 'split'")
        case "n_test": return e.nTest.map { .text(String($0)) } ?? .error("experiment '\(e.id)' has no 'split'")
        case "p": return .text(String(e.featureNames.count))
        default: break
        }
        if field.hasPrefix("entry.") {
            guard let k = Int(field.dropFirst("entry.".count)), k >= 1 else {
                return .error("'entry.K' needs a position K from 1")
            }
            guard k <= e.entryOrder.count else {
                return .error("only \(e.entryOrder.count) features of '\(e.id)' become nonzero on its grid")
            }
            return .text(e.entryOrder[k - 1])
        }
        let k: Int
        switch index(for: reference.at, in: e) {
        case let .success(i): k = i
        case let .failure(message): return .error(message.text)
        }
        if field.hasPrefix("coef.") {
            let name = String(field.dropFirst("coef.".count))
            guard let j = e.featureNames.firstIndex(of: name) else {
                var message = "experiment '\(e.id)' has no feature '\(name)'"
                if let s = OptionReader.closest(to: name, in: e.featureNames) { message += "; did you mean '\(s)'?" }
                return .error(message)
            }
            return number(e.coefficients[k][j])
        }
        switch field {
        case "alpha": return number(e.alphas[k])
        case "nonzero": return .text(String(e.nonzeroCounts[k]))
        case "intercept": return number(e.intercepts[k])
        case "l1_norm": return number(e.coefficients[k].reduce(0) { $0 + abs($1) })
        case "l2_norm": return number(e.coefficients[k].reduce(0) { $0 + $1 * $1 }.squareRoot())
        default:
            guard let column = e.metrics[field] else {
                let needs = field.hasPrefix("cv_") ? "'cv'" : "a 'split'"
                let family = field.contains("accuracy") || field.contains("log_loss") ? "classification" : "regression"
                if field.hasPrefix("cv_") || e.isClassification == (family == "classification") {
                    return .error("'\(field)' needs experiment '\(e.id)' to have \(needs)")
                }
                return .error("'\(field)' is a \(family) metric; experiment '\(e.id)' is not a \(family)")
            }
            return number(column[k])
        }
    }

    private func index(for at: ValueReference.At?, in e: ExperimentNumbers) -> Result<Int, Message> {
        guard !e.alphas.isEmpty else { return .failure(Message("experiment '\(e.id)' has no fits")) }
        let at = at ?? (e.alphaMin != nil ? .min : e.bestIndex != nil ? .best : e.alphas.count == 1 ? .first : nil)
        switch at {
        case nil:
            return .failure(Message("say which α: add @NUMBER, @first or @last (the experiment has no cv or split to pick one)"))
        case let .alpha(a)?: return e.index(nearest: a).map { .success($0) } ?? .failure(Message("no α"))
        case .first?: return .success(0)
        case .last?: return .success(e.alphas.count - 1)
        case .best?:
            return e.bestIndex.map { .success($0) } ?? .failure(Message("'@best' needs experiment '\(e.id)' to have a 'split'"))
        case .min?:
            guard let a = e.alphaMin else { return .failure(Message("'@min' needs experiment '\(e.id)' to have 'cv'")) }
            return .success(e.index(nearest: a) ?? 0)
        case .oneSE?:
            guard let a = e.alpha1SE else { return .failure(Message("'@1se' needs experiment '\(e.id)' to have 'cv'")) }
            return .success(e.index(nearest: a) ?? 0)
        }
    }
}
