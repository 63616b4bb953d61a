import DocgenModels
import DocgenOptions

/// A number quoted in prose: {value}`EXPERIMENT.FIELD[@AT][:DIGITS]`, FIELD one of `ValueField.all`.
///
/// `AT` picks the α of a per-α field: a number (the nearest α of the grid, with a warning when it is not on it), `min` (α_min of
/// cross-validation), `1se` (α_1se), `best` (best test score), `first` or `last` (grid order
/// as written). `DIGITS` is the number of significant digits (default 3).
struct ValueReference: Equatable, Sendable {
    enum At: Equatable, Sendable {
        case alpha(Double), min, oneSE, best, first, last
    }

    var experiment: String
    var field: String
    var at: At?
    var digits: Int

    static func parse(_ text: String) -> Result<ValueReference, Message> {
        var rest = Substring(text.trimmingCharacters(in: .whitespaces))
        var digits = 3
        if let colon = rest.lastIndex(of: ":") {
            guard let d = Int(rest[rest.index(after: colon)...]), (1...17).contains(d) else {
                return .failure(Message("':DIGITS' must be a number of significant digits from 1 to 17"))
            }
            digits = d
            rest = rest[..<colon]
        }
        var at: At?
        if let sign = rest.firstIndex(of: "@") {
            let a = String(rest[rest.index(after: sign)...])
            switch a {
            case "min": at = .min
            case "1se": at = .oneSE
            case "best": at = .best
            case "first": at = .first
            case "last": at = .last
            default:
                guard let x = Double(a), x.isFinite, x >= 0 else {
                    return .failure(Message("'@\(a)' must be a non-negative α, or min, 1se, best, first or last"))
                }
                at = .alpha(x)
            }
            rest = rest[..<sign]
        }
        guard let dot = rest.firstIndex(of: ".") else {
            return .failure(Message("expected EXPERIMENT.FIELD, for example diabetes-cv.alpha_min"))
        }
        let experiment = String(rest[..<dot])
        let field = String(rest[rest.index(after: dot)...])
        guard !experiment.isEmpty, !field.isEmpty else {
            return .failure(Message("expected EXPERIMENT.FIELD, for example diabetes-cv.alpha_min"))
        }
        guard let known = ValueField.named(field) else {
            let all = ValueField.all.map(\.name)
            var message = "unknown field '\(field)'"
            if let s = Suggestion.closest(to: field, in: all) { message += "; did you mean '\(s)'?" } else {
                message += " (expected one of: \(all.joined(separator: ", ")))"
            }
            return .failure(Message(message))
        }
        if known.shape == .perExperiment, at != nil {
            return .failure(Message("'\(field)' is one number per experiment; remove '@…'"))
        }
        return .success(ValueReference(experiment: experiment, field: field, at: at, digits: digits))
    }

    /// The field this reference reads (`coef.bmi` is `coef.NAME`).
    var valueField: ValueField? { ValueField.named(field) }
}
