import DocgenOptions
import Foundation

extension GeneratorSpec {
    /// The `generate:` names.
    public static let names = ["curve", "correlated", "sparse", "moons", "circles"]
    /// Every key of a `data: {generate: …}` mapping.
    public static let optionKeys = ["generate", "n", "p", "rho", "noise", "nonzero", "coefficients", "seed", "factor"]

    /// Reads a `data: {generate: …}` mapping, reporting every problem at its key. Nil when anything was wrong.
    public static func read(_ g: inout OptionReader) -> GeneratorSpec? {
        let kindName = g.string("generate", required: true)
        let known = kindName.map { names.contains($0) } ?? false
        if let kindName, !known {
            var message = "unknown generator '\(kindName)' (expected \(Suggestion.list(names)))"
            if let s = Suggestion.closest(to: kindName, in: names) { message = "unknown generator '\(kindName)'; did you mean '\(s)'?" }
            g.error(message, at: g.location(of: "generate"))
        }
        let isCurve = kindName == "curve"
        let isPlanar = kindName == "moons" || kindName == "circles"
        let n = g.integer("n") ?? 100
        let p = g.integer("p") ?? (isCurve ? 1 : isPlanar ? 2 : 10)
        let rho = g.number("rho") ?? 0
        let noise = g.number("noise") ?? (isCurve ? 0.25 : isPlanar ? 0.1 : 1)
        let factor = g.number("factor") ?? 0.5
        if g.has("factor"), kindName != "circles" {
            g.error("'factor' applies to generate: circles only", at: g.location(of: "factor"))
        }
        if !(factor > 0 && factor < 1) { g.error("'factor' must be between 0 and 1 (exclusive)", at: g.location(of: "factor")) }
        let nonzero = g.integer("nonzero") ?? min(10, p)
        let coefficients = g.numberList("coefficients")
        let seed = g.integer("seed") ?? 0
        g.finish(known: optionKeys)
        let (maxRows, maxFeatures) = (SizeLimits.maximumRows, SizeLimits.maximumFeatures)
        if n < 2 || n > maxRows {
            g.error("'n' must be between 2 and \(SizeLimits.grouped(maxRows))", at: g.location(of: "n"))
        }
        if p < 1 || p > maxFeatures {
            g.error("'p' must be between 1 and \(SizeLimits.grouped(maxFeatures))", at: g.location(of: "p"))
        }
        if n >= 2, n <= maxRows, p >= 1, p <= maxFeatures,
           let m = SizeLimits.excess(SizeLimits.product(n, p), limit: SizeLimits.maximumCells,
                                     what: "n × p (\(SizeLimits.grouped(n)) × \(SizeLimits.grouped(p)))") {
            g.error("generated data: \(m)", at: g.location(of: g.has("p") ? "p" : "n"))
        }
        if !(noise <= 1e6) { g.error("'noise' must be at most 1e6", at: g.location(of: "noise")) }
        if let coefficients, coefficients.contains(where: { !(abs($0) <= 1e6) }) {
            g.error("'coefficients' must lie between -1e6 and 1e6", at: g.location(of: "coefficients"))
        }
        if rho < 0 || rho >= 1 { g.error("'rho' must be in [0, 1)", at: g.location(of: "rho")) }
        if noise < 0 { g.error("'noise' must not be negative", at: g.location(of: "noise")) }
        if nonzero < 0 || nonzero > p { g.error("'nonzero' must be between 0 and p", at: g.location(of: "nonzero")) }
        if let coefficients, coefficients.count != p {
            g.error("'coefficients' lists \(coefficients.count) values for p = \(p) features", at: g.location(of: "coefficients"))
        }
        guard let kindName, known, !g.diagnostics.hasErrors else { return nil }
        let s = UInt64(max(0, seed))
        switch kindName {
        case "curve": return .curve(n: n, noise: noise, seed: s)
        case "correlated": return .correlated(n: n, p: p, rho: rho, noise: noise, seed: s, coefficients: coefficients)
        case "moons": return .moons(n: n, noise: noise, seed: s)
        case "circles": return .circles(n: n, noise: noise, factor: factor, seed: s)
        default: return .sparse(n: n, p: p, nonzero: nonzero, noise: noise, seed: s)
        }
    }

    /// The number of rows drawn.
    public var rowCount: Int {
        switch self {
        case let .curve(n, _, _), let .correlated(n, _, _, _, _, _), let .sparse(n, _, _, _, _): return n
        case let .moons(n, _, _), let .circles(n, _, _, _): return n
        }
    }

    /// The number of input columns.
    public var featureCount: Int {
        switch self {
        case .curve: return 1
        case let .correlated(_, p, _, _, _, _), let .sparse(_, p, _, _, _): return p
        case .moons, .circles: return 2
        }
    }

    /// Words for captions and alt texts.
    public var displayName: String {
        switch self {
        case .curve: return "a noisy sine curve"
        case .correlated: return "correlated synthetic data"
        case .sparse: return "sparse synthetic data"
        case .moons: return "two interleaving half circles"
        case .circles: return "two concentric circles"
        }
    }

    /// The seed that draws the data.
    public var seed: UInt64 {
        switch self {
        case let .curve(_, _, seed), let .correlated(_, _, _, _, seed, _), let .sparse(_, _, _, _, seed),
             let .moons(_, _, seed), let .circles(_, _, _, seed):
            return seed
        }
    }

    /// The same generator drawing with another seed: a fresh sample of the same population.
    public func reseeded(_ seed: UInt64) -> GeneratorSpec {
        switch self {
        case let .curve(n, noise, _): return .curve(n: n, noise: noise, seed: seed)
        case let .correlated(n, p, rho, noise, _, coefficients):
            return .correlated(n: n, p: p, rho: rho, noise: noise, seed: seed, coefficients: coefficients)
        case let .sparse(n, p, nonzero, noise, _): return .sparse(n: n, p: p, nonzero: nonzero, noise: noise, seed: seed)
        case let .moons(n, noise, _): return .moons(n: n, noise: noise, seed: seed)
        case let .circles(n, noise, factor, _): return .circles(n: n, noise: noise, factor: factor, seed: seed)
        }
    }

    /// The noise-free target at raw input x, for generators with a single input (`curve`: sin(2πx)); else nil.
    public func trueValue(at x: Double) -> Double? {
        if case .curve = self { return sin(2 * Double.pi * x) }
        return nil
    }
}
