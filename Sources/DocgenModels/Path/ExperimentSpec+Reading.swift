import DocgenOptions
import DocgenDiagnostics
import Foundation

extension ExperimentSpec {
    /// The keys of an `{experiment}` directive this library reads (the build reads `data`, `target` and
    /// `features`), the model families' own keys included.
    public static var optionKeys: [String] {
        ["standardize", "polynomial", "model"] + ModelFamilies.optionKeys
            + ["alphas", "split", "cv", "tolerance", "max_iterations"]
    }

    /// Largest number of α in a grid.
    public static let maximumAlphaCount = 10_000

    /// Reads the model, its family's options, the grid, the split, the folds and the stopping settings, reporting
    /// every problem at the key that caused it. Nil when anything was wrong.
    public static func read(_ r: inout OptionReader) -> ExperimentSpec? {
        let standardize = r.bool("standardize") ?? true
        var degree: Int?
        if let d = r.integer("polynomial") {
            if (1...30).contains(d) { degree = d } else {
                r.error("'polynomial' must be a degree from 1 to 30, found \(d)", at: r.location(of: "polynomial"))
            }
        }
        let family = ModelFamilies.read(&r)
        let parameter = family?.penaltyParameter ?? .alpha
        let alphas = readPenaltyGrid(&r, parameter: parameter, unpenalized: family.map { $0.l1Ratio == nil } ?? false)
        var split: HoldoutSplit?
        if var s = r.nested("split") {
            let test = s.number("test", required: true)
            let seed = readSeed(&s)
            let method = readMethod(&s)
            s.finish(known: ["test", "seed", "method"])
            r.absorb(s)
            if let test, let method {
                if test > 0 && test < 1 { split = HoldoutSplit(test: test, seed: seed ?? 0, method: method) } else {
                    r.error("'test' must be a fraction between 0 and 1, found \(test)", at: r.location(of: "split"))
                }
            }
        }
        var cv: CrossValidation?
        if var c = r.nested("cv") {
            let folds = c.integer("folds") ?? 10
            let seed = readSeed(&c)
            let method = readMethod(&c)
            c.finish(known: ["folds", "seed", "method"])
            r.absorb(c)
            if folds > SizeLimits.maximumFolds {
                r.error("'folds' must be at most \(SizeLimits.grouped(SizeLimits.maximumFolds)), found \(folds)",
                        at: r.location(of: "cv"))
            } else if folds < 2 {
                r.error("'folds' must be at least 2, found \(folds)", at: r.location(of: "cv"))
            } else if let method {
                cv = CrossValidation(folds: folds, seed: seed, method: method)
            }
        }
        let tolerance = r.number("tolerance") ?? family?.defaultTolerance ?? 1e-7
        if tolerance <= 0 || tolerance >= 1 {
            r.error("'tolerance' must be between 0 and 1 (a duality gap relative to the null objective)",
                    at: r.location(of: "tolerance"))
        }
        let maxIterations = r.integer("max_iterations") ?? 100_000
        if maxIterations < 1 || maxIterations > SizeLimits.maximumIterations {
            r.error("'max_iterations' must be between 1 and \(SizeLimits.grouped(SizeLimits.maximumIterations))",
                    at: r.location(of: "max_iterations"))
        }
        guard let family, let alphas else { return nil }
        return ExperimentSpec(family: family, alphas: alphas, standardize: standardize, polynomialDegree: degree,
                              split: split, cv: cv, tolerance: tolerance, maxIterations: maxIterations)
    }

    /// `seed:` of `split` or `cv`: a whole number from 0 to 2³²−1 (numpy's `RandomState` range, so that the same
    /// seed means the same thing under both methods); negative values are read as 0, as before `method` existed.
    private static func readSeed(_ r: inout OptionReader) -> UInt64? {
        guard let seed = r.integer("seed") else { return nil }
        if seed > Int(UInt32.max) {
            r.error("'seed' must be between 0 and 4294967295 (numpy's RandomState range), found \(seed)",
                    at: r.location(of: "seed"))
        }
        return UInt64(max(0, min(seed, Int(UInt32.max))))
    }

    /// `method: docgen | sklearn` of `split` or `cv` (default docgen).
    private static func readMethod(_ r: inout OptionReader) -> SamplingMethod? {
        guard r.has("method") else { return .docgen }
        return r.choice("method", among: SamplingMethod.allCases.map(\.rawValue)).flatMap(SamplingMethod.init)
    }

    /// The penalty values under the family's key (`alphas`, or `C` for a scikit-learn convention that names its
    /// parameter so); the other key is an error there.
    private static func readPenaltyGrid(_ r: inout OptionReader, parameter: PenaltyParameter,
                                        unpenalized: Bool) -> AlphaGrid? {
        if parameter.key != "alphas", r.has("alphas") {
            _ = r.value("alphas")
            r.error("this model takes '\(parameter.key)' (\(parameter.axisName)) in place of 'alphas'",
                    at: r.location(of: "alphas"))
            return nil
        }
        return readAlphas(&r, key: parameter.key, unpenalized: unpenalized)
    }

    private static func readAlphas(_ r: inout OptionReader, key: String, unpenalized: Bool) -> AlphaGrid? {
        guard let v = r.value(key) else {
            if unpenalized { return .explicit([0]) }
            r.missing(key)
            return nil
        }
        let at = v.location
        let positive = key != "alphas"   // a parameter other than α (C) has no zero
        switch v {
        case let .scalar(text, _, _):
            if let x = OptionReader.number(v) { return validated(.explicit([x]), key: key, positive: positive, &r, at) }
            if let grid = AlphaGrid(logspaceText: text) { return validated(grid, key: key, positive: positive, &r, at) }
            r.error("'\(key)' must be a list of numbers, logspace(a, b, n) or {count: 100, ratio: 1e-3}; found '\(text)'",
                    at: at)
            return nil
        case let .sequence(items, _):
            // Numbers and logspace(a, b, n) texts, joined in the order written: a smooth grid plus the α the prose
            // discusses (`[logspace(-3, 2, 51), 0.5]`), so that α is on the grid.
            var xs: [Double] = []
            for item in items {
                if let x = OptionReader.number(item) { xs.append(x); continue }
                if case let .scalar(text, _, _) = item, let grid = AlphaGrid(logspaceText: text),
                   case let .logspace(a, b, n) = grid, (1...maximumAlphaCount).contains(n) {
                    xs += logspace(a, b, n)
                    continue
                }
                if case let .scalar(text, true, _) = item, text.hasPrefix("logspace("), !text.hasSuffix(")") {
                    // YAML split `[logspace(-3, 2, 51), 0.5]` at its commas.
                    r.error("inside [ ] a logspace needs quotes, as in [\"logspace(-3, 2, 51)\", 0.5] "
                            + "(or write one item per line: '- logspace(-3, 2, 51)')", at: item.location)
                    return nil
                }
                r.typeError(key, item, expected: "a list of numbers and logspace(a, b, n)")
                return nil
            }
            return validated(.explicit(xs), key: key, positive: positive, &r, at)
        case .mapping:
            guard var m = r.nested(key) else { return nil }
            let count = m.integer("count") ?? 100
            let ratio = m.number("ratio") ?? 1e-3
            m.finish(known: ["count", "ratio"])
            r.absorb(m)
            return validated(.automatic(count: count, ratio: ratio), key: key, positive: positive, &r, at)
        case .null:
            r.error("'\(key)' is empty", at: at)
            return nil
        }
    }

    private static func validated(_ grid: AlphaGrid, key: String, positive: Bool, _ r: inout OptionReader,
                                  _ at: SourceLocation) -> AlphaGrid? {
        let limit = maximumAlphaCount
        switch grid {
        case let .explicit(xs):
            if xs.isEmpty { r.error("'\(key)' lists no values", at: at); return nil }
            if let bad = xs.first(where: { $0 < 0 || (positive && $0 == 0) }) {
                r.error(positive ? "'\(key)' values must be positive, found \(bad)"
                                 : "penalty α must not be negative, found \(bad)", at: at)
                return nil
            }
            if xs.count > limit { r.error("'\(key)' lists more than \(limit) values", at: at); return nil }
        case let .logspace(_, _, n):
            if n < 1 || n > limit { r.error("logspace count must be between 1 and \(limit), found \(n)", at: at); return nil }
        case let .automatic(count, ratio):
            if count < 1 || count > limit { r.error("'count' must be between 1 and \(limit)", at: at); return nil }
            if !(ratio > 0 && ratio < 1) { r.error("'ratio' must be between 0 and 1 (exclusive)", at: at); return nil }
        }
        return grid
    }
}

extension AlphaGrid {
    /// Parses `logspace(a, b, n)` (spaces optional; |a|, |b| < 300); nil for any other text.
    public init?(logspaceText text: String) {
        let t = text.replacingOccurrences(of: " ", with: "")
        guard t.hasPrefix("logspace("), t.hasSuffix(")") else { return nil }
        let args = t.dropFirst("logspace(".count).dropLast().split(separator: ",", omittingEmptySubsequences: false)
        guard args.count == 3, let a = Double(args[0]), let b = Double(args[1]), let n = Int(args[2]),
              a.isFinite, b.isFinite, abs(a) < 300, abs(b) < 300 else { return nil }
        self = .logspace(start: a, stop: b, count: n)
    }
}
