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
        let alphas = readAlphas(&r, unpenalized: family.map { $0.l1Ratio == nil } ?? false)
        var split: HoldoutSplit?
        if var s = r.nested("split") {
            let test = s.number("test", required: true)
            let seed = s.integer("seed") ?? 0
            s.finish(known: ["test", "seed"])
            r.absorb(s)
            if let test {
                if test > 0 && test < 1 { split = HoldoutSplit(test: test, seed: UInt64(max(0, seed))) } else {
                    r.error("'test' must be a fraction between 0 and 1, found \(test)", at: r.location(of: "split"))
                }
            }
        }
        var cv: CrossValidation?
        if var c = r.nested("cv") {
            let folds = c.integer("folds") ?? 10
            let seed = c.integer("seed") ?? 0
            c.finish(known: ["folds", "seed"])
            r.absorb(c)
            if folds >= 2 && folds <= SizeLimits.maximumFolds {
                cv = CrossValidation(folds: folds, seed: UInt64(max(0, seed)))
            } else if folds > SizeLimits.maximumFolds {
                r.error("'folds' must be at most \(SizeLimits.grouped(SizeLimits.maximumFolds)), found \(folds)",
                        at: r.location(of: "cv"))
            } else {
                r.error("'folds' must be at least 2, found \(folds)", at: r.location(of: "cv"))
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

    private static func readAlphas(_ r: inout OptionReader, unpenalized: Bool) -> AlphaGrid? {
        guard let v = r.value("alphas") else {
            if unpenalized { return .explicit([0]) }
            r.missing("alphas")
            return nil
        }
        let at = v.location
        switch v {
        case let .scalar(text, _, _):
            if let x = OptionReader.number(v) { return validated(.explicit([x]), &r, at) }
            if let grid = AlphaGrid(logspaceText: text) { return validated(grid, &r, at) }
            r.error("'alphas' must be a list of numbers, logspace(a, b, n) or {count: 100, ratio: 1e-3}; found '\(text)'",
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
                r.typeError("alphas", item, expected: "a list of numbers and logspace(a, b, n)")
                return nil
            }
            return validated(.explicit(xs), &r, at)
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

    private static func validated(_ grid: AlphaGrid, _ r: inout OptionReader, _ at: SourceLocation) -> AlphaGrid? {
        let limit = maximumAlphaCount
        switch grid {
        case let .explicit(xs):
            if xs.isEmpty { r.error("'alphas' lists no values", at: at); return nil }
            if let bad = xs.first(where: { $0 < 0 }) {
                r.error("penalty α must not be negative, found \(bad)", at: at)
                return nil
            }
            if xs.count > limit { r.error("'alphas' lists more than \(limit) values", at: at); return nil }
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
