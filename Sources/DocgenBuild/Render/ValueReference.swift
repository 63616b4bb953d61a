/// A number quoted in prose: {value}`EXPERIMENT.FIELD[@AT][:DIGITS]`.
///
/// `AT` picks the α of a per-α field: a number (the nearest α of the grid), `min` (α_min of
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

    /// Fields that are one number per experiment.
    static let scalarFields: Set<String> = ["alpha_min", "alpha_1se", "alpha_max", "best_alpha", "n", "n_train",
                                            "n_test", "p"]
    /// Fields with one value per α (need `@AT`, or default to `best`/`min` when an experiment has them).
    static let perAlphaFields: Set<String> = ["nonzero", "train_r2", "test_r2", "train_mse", "test_mse",
                                              "train_accuracy", "test_accuracy", "train_log_loss", "test_log_loss",
                                              "cv_mean", "cv_se", "intercept", "l1_norm", "l2_norm", "alpha"]

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
        let known = scalarFields.contains(field) || perAlphaFields.contains(field)
            || field.hasPrefix("coef.") || field.hasPrefix("entry.")
        guard known else {
            let all = (scalarFields.union(perAlphaFields)).sorted() + ["coef.NAME", "entry.K"]
            var message = "unknown field '\(field)'"
            if let s = OptionReader.closest(to: field, in: all) { message += "; did you mean '\(s)'?" } else {
                message += " (expected one of: \(all.joined(separator: ", ")))"
            }
            return .failure(Message(message))
        }
        if scalarFields.contains(field) || field.hasPrefix("entry."), at != nil {
            return .failure(Message("'\(field)' is one number per experiment; remove '@…'"))
        }
        return .success(ValueReference(experiment: experiment, field: field, at: at, digits: digits))
    }
}

/// Formats numbers for prose: significant digits, no exponent between 1e-4 and 1e6,
/// a true minus sign, and whole numbers without decimals.
enum NumberFormatting {
    static func prose(_ x: Double, digits: Int) -> String {
        if x.isNaN { return "n/a" }
        if x.isInfinite { return x > 0 ? "∞" : "−∞" }
        if x == x.rounded(), abs(x) < 1e15 { return minus(String(Int64(x))) }
        let magnitude = abs(x)
        if magnitude != 0 && (magnitude < 1e-4 || magnitude >= 1e6) {
            let s = String(format: "%.\(max(0, digits - 1))e", x)
            let parts = s.split(separator: "e")
            let mantissa = trimZeros(String(parts[0]))
            let exponent = Int(parts[1]) ?? 0
            return minus(mantissa) + " × 10" + superscript(exponent)
        }
        let k = Int(floor(log10(magnitude))) - digits + 1
        if k >= 0 {
            let scale = pow(10, Double(k))
            return minus(String(format: "%.0f", (x / scale).rounded() * scale))
        }
        return minus(trimZeros(String(format: "%.\(-k)f", x)))
    }

    static func trimZeros(_ s: String) -> String {
        guard s.contains(".") else { return s }
        var t = s
        while t.hasSuffix("0") { t.removeLast() }
        if t.hasSuffix(".") { t.removeLast() }
        return t
    }

    static func minus(_ s: String) -> String { s.replacingOccurrences(of: "-", with: "−") }

    static func superscript(_ n: Int) -> String {
        let digits: [Character: Character] = ["0": "⁰", "1": "¹", "2": "²", "3": "³", "4": "⁴", "5": "⁵", "6": "⁶",
                                              "7": "⁷", "8": "⁸", "9": "⁹", "-": "⁻"]
        return String(String(n).map { digits[$0] ?? $0 })
    }
}

import Foundation
