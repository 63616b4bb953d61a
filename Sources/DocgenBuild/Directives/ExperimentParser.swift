import DocgenDiagnostics
import Foundation

/// Turns the YAML body of an `{experiment}` directive into an `ExperimentDeclaration`,
/// reporting every problem it can find at the key that caused it.
struct ExperimentParser {
    static let knownKeys = ["data", "target", "features", "standardize", "polynomial", "model", "l1_ratio",
                            "penalty", "alphas", "split", "cv", "tolerance", "max_iterations"]
    static let models = ["ols", "ridge", "lasso", "elasticnet", "logistic"]

    let contentRoot: ContentRoot

    func parse(id: String, body: YAMLValue, at fence: SourceLocation, sourceText: String)
        -> (ExperimentDeclaration?, [Diagnostic])
    {
        var r = OptionReader(body, context: "experiment '\(id)'", ownerLocation: fence)
        if !Self.isValidID(id) {
            r.error("experiment needs an id of letters, digits, '-' or '_' after {experiment}, found '\(id)'", at: fence)
        }
        let data = parseData(&r)
        let target = r.string("target")
        let features = r.stringList("features")
        let standardize = r.bool("standardize") ?? true
        var degree: Int?
        if let d = r.integer("polynomial") {
            if (1...30).contains(d) { degree = d } else {
                r.error("'polynomial' must be a degree from 1 to 30, found \(d)", at: r.location(of: "polynomial"))
            }
        }
        let model = parseModel(&r)
        let alphas = parseAlphas(&r, model: model)
        var split: (Double, UInt64)?
        if var s = r.nested("split") {
            let test = s.number("test", required: true)
            let seed = s.integer("seed") ?? 0
            s.finish(known: ["test", "seed"])
            r.absorb(s)
            if let test {
                if test > 0 && test < 1 { split = (test, UInt64(max(0, seed))) } else {
                    r.error("'test' must be a fraction between 0 and 1, found \(test)", at: r.location(of: "split"))
                }
            }
        }
        var cv: (Int, UInt64)?
        if var c = r.nested("cv") {
            let folds = c.integer("folds") ?? 10
            let seed = c.integer("seed") ?? 0
            c.finish(known: ["folds", "seed"])
            r.absorb(c)
            if folds >= 2 { cv = (folds, UInt64(max(0, seed))) } else {
                r.error("'folds' must be at least 2, found \(folds)", at: r.location(of: "cv"))
            }
        }
        let tolerance = r.number("tolerance") ?? 1e-7
        if tolerance <= 0 || tolerance >= 1 {
            r.error("'tolerance' must be between 0 and 1 (a duality gap relative to the null objective)",
                    at: r.location(of: "tolerance"))
        }
        let maxIterations = r.integer("max_iterations") ?? 100_000
        if maxIterations < 1 { r.error("'max_iterations' must be positive", at: r.location(of: "max_iterations")) }
        if case .file = data, target == nil, r.has("data") {
            r.error("experiment '\(id)' reads a CSV file and needs 'target' (the column to predict)", at: fence)
        }
        if degree != nil, let features, features.count != 1 {
            r.error("'polynomial' expands a single input column; 'features' lists \(features.count)",
                    at: r.location(of: "features"))
        }
        r.finish(known: Self.knownKeys)

        var locations: [String: SourceLocation] = [:]
        for key in Self.knownKeys where r.has(key) { locations[key] = r.location(of: key) }
        guard !r.diagnostics.hasErrors, let data, let model, let alphas else {
            return (nil, r.diagnostics.items)
        }
        let declaration = ExperimentDeclaration(
            id: id, location: fence, data: data, target: target, features: features, standardize: standardize,
            polynomialDegree: degree, model: model, alphas: alphas, split: split, cv: cv,
            tolerance: tolerance, maxIterations: maxIterations, keyLocations: locations, sourceText: sourceText)
        return (declaration, r.diagnostics.items)
    }

    static func isValidID(_ id: String) -> Bool {
        !id.isEmpty && id.unicodeScalars.allSatisfy {
            CharacterSet.alphanumerics.contains($0) && $0.isASCII || $0 == "-" || $0 == "_"
        }
    }

    private func parseData(_ r: inout OptionReader) -> DataDeclaration? {
        guard let v = r.value("data") else {
            r.missing("data")
            return nil
        }
        switch v {
        case let .scalar(path, _, at):
            switch contentRoot.resolve(path) {
            case let .success(absolute): return .file(written: path, absolutePath: absolute)
            case let .failure(problem):
                r.error(problem.message(for: path), at: at)
                return nil
            }
        case .mapping:
            var g = OptionReader(v, context: "'data'", ownerLocation: r.location(of: "data"))
            let kindName = g.string("generate", required: true)
            let kind = kindName.flatMap(GeneratorDeclaration.Kind.init(rawValue:))
            if let kindName, kind == nil {
                g.error("unknown generator '\(kindName)' (expected curve, correlated or sparse)",
                        at: g.location(of: "generate"))
            }
            let n = g.integer("n") ?? 100
            let p = g.integer("p") ?? (kind == .curve ? 1 : 10)
            let rho = g.number("rho") ?? 0
            let noise = g.number("noise") ?? (kind == .curve ? 0.25 : 1)
            let nonzero = g.integer("nonzero") ?? min(10, p)
            let coefficients = g.numberList("coefficients")
            let seed = g.integer("seed") ?? 0
            g.finish(known: ["generate", "n", "p", "rho", "noise", "nonzero", "coefficients", "seed"])
            if n < 2 || n > 1_000_000 { g.error("'n' must be between 2 and 1000000", at: g.location(of: "n")) }
            if p < 1 || p > 100_000 { g.error("'p' must be between 1 and 100000", at: g.location(of: "p")) }
            if rho < 0 || rho >= 1 { g.error("'rho' must be in [0, 1)", at: g.location(of: "rho")) }
            if noise < 0 { g.error("'noise' must not be negative", at: g.location(of: "noise")) }
            if nonzero < 0 || nonzero > p { g.error("'nonzero' must be between 0 and p", at: g.location(of: "nonzero")) }
            if let coefficients, coefficients.count != p {
                g.error("'coefficients' lists \(coefficients.count) values for p = \(p) features",
                        at: g.location(of: "coefficients"))
            }
            r.absorb(g)
            guard let kind, !g.diagnostics.hasErrors else { return nil }
            return .generated(GeneratorDeclaration(kind: kind, n: n, p: kind == .curve ? 1 : p, rho: rho,
                                                   noise: noise, nonzero: nonzero, coefficients: coefficients,
                                                   seed: UInt64(max(0, seed))))
        default:
            r.typeError("data", v, expected: "a CSV path or a generator like {generate: curve, n: 30, seed: 1}")
            return nil
        }
    }

    private func parseModel(_ r: inout OptionReader) -> ModelDeclaration? {
        let name = r.string("model", required: true)
        let l1Ratio = r.number("l1_ratio")
        let penaltyName = r.string("penalty")
        if let l1Ratio, !(0...1).contains(l1Ratio) {
            r.error("'l1_ratio' must be between 0 and 1, found \(l1Ratio)", at: r.location(of: "l1_ratio"))
            return nil
        }
        guard let name else { return nil }
        switch name {
        case "ols", "ridge", "lasso", "elasticnet":
            if penaltyName != nil {
                r.error("'penalty' applies to model: logistic only", at: r.location(of: "penalty"))
            }
            if name != "elasticnet", l1Ratio != nil {
                r.error("'l1_ratio' applies to elasticnet and logistic only", at: r.location(of: "l1_ratio"))
            }
            switch name {
            case "ols": return .ols
            case "ridge": return .ridge
            case "lasso": return .lasso
            default:
                guard let l1Ratio else {
                    r.error("model elasticnet needs 'l1_ratio' (the L1 share ρ, between 0 and 1)",
                            at: r.location(of: "model"))
                    return nil
                }
                return .elasticNet(l1Ratio: l1Ratio)
            }
        case "logistic":
            let penalty = ModelDeclaration.LogisticPenalty(rawValue: penaltyName ?? "l2")
            guard let penalty else {
                r.error("unknown penalty '\(penaltyName ?? "")' (expected l1, l2 or elasticnet)",
                        at: r.location(of: "penalty"))
                return nil
            }
            let rho: Double
            switch penalty {
            case .l1: rho = 1
            case .l2: rho = 0
            case .elasticnet:
                guard let l1Ratio else {
                    r.error("penalty elasticnet needs 'l1_ratio'", at: r.location(of: "penalty"))
                    return nil
                }
                rho = l1Ratio
            }
            return .logistic(penalty: penalty, l1Ratio: rho)
        default:
            var message = "unknown model '\(name)' (expected \(Self.models.joined(separator: ", ")))"
            if let s = OptionReader.closest(to: name, in: Self.models) { message = "unknown model '\(name)'; did you mean '\(s)'?" }
            r.error(message, at: r.location(of: "model"))
            return nil
        }
    }

    private func parseAlphas(_ r: inout OptionReader, model: ModelDeclaration?) -> AlphaDeclaration? {
        guard let v = r.value("alphas") else {
            if model == .ols { return .list([0]) }
            r.missing("alphas")
            return nil
        }
        let at = v.location
        switch v {
        case let .scalar(text, _, _):
            if let x = OptionReader.number(v) { return validated(.list([x]), &r, at) }
            if let grid = Self.parseLogspace(text) { return validated(grid, &r, at) }
            r.error("'alphas' must be a list of numbers, logspace(a, b, n) or {count: 100, ratio: 1e-3}; found '\(text)'",
                    at: at)
            return nil
        case .sequence:
            guard let xs = r.numberList("alphas") else { return nil }
            return validated(.list(xs), &r, at)
        case .mapping:
            guard var m = r.nested("alphas") else { return nil }
            let count = m.integer("count") ?? 100
            let ratio = m.number("ratio") ?? 1e-3
            m.finish(known: ["count", "ratio"])
            r.absorb(m)
            return validated(.automatic(count: count, ratio: ratio), &r, at)
        case .null:
            r.error("'alphas' is empty", at: at)
            return nil
        }
    }

    private func validated(_ grid: AlphaDeclaration, _ r: inout OptionReader, _ at: SourceLocation) -> AlphaDeclaration? {
        switch grid {
        case let .list(xs):
            if xs.isEmpty { r.error("'alphas' lists no values", at: at); return nil }
            if let bad = xs.first(where: { $0 < 0 }) {
                r.error("penalty α must not be negative, found \(bad)", at: at)
                return nil
            }
            if xs.count > 10_000 { r.error("'alphas' lists more than 10000 values", at: at); return nil }
        case let .logspace(_, _, n):
            if n < 1 || n > 10_000 { r.error("logspace count must be between 1 and 10000, found \(n)", at: at); return nil }
        case let .automatic(count, ratio):
            if count < 1 || count > 10_000 { r.error("'count' must be between 1 and 10000", at: at); return nil }
            if !(ratio > 0 && ratio < 1) { r.error("'ratio' must be between 0 and 1 (exclusive)", at: at); return nil }
        }
        return grid
    }

    /// `logspace(a, b, n)`, spaces optional.
    static func parseLogspace(_ text: String) -> AlphaDeclaration? {
        let t = text.replacingOccurrences(of: " ", with: "")
        guard t.hasPrefix("logspace("), t.hasSuffix(")") else { return nil }
        let args = t.dropFirst("logspace(".count).dropLast().split(separator: ",", omittingEmptySubsequences: false)
        guard args.count == 3, let a = Double(args[0]), let b = Double(args[1]), let n = Int(args[2]),
              a.isFinite, b.isFinite, abs(a) < 300, abs(b) < 300 else { return nil }
        return .logspace(start: a, stop: b, count: n)
    }
}
