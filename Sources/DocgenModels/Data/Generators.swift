import Foundation

/// A seeded synthetic data set description (the `data:` mapping of an experiment).
public enum GeneratorSpec: Sendable, Equatable {
    /// x uniform on [0, 1], y = sin(2πx) + N(0, noise²). One feature `x`, target `y`.
    case curve(n: Int, noise: Double, seed: UInt64)
    /// Equicorrelated Gaussian features x1…xp (unit variance, pairwise correlation rho ∈ [0, 1)),
    /// y = Xβ + N(0, noise²). β defaults to β_j = (−1)^j exp(−2(j − 1)/20) (j = 1…p, the glmnet paper's choice).
    case correlated(n: Int, p: Int, rho: Double, noise: Double, seed: UInt64, coefficients: [Double]?)
    /// Independent N(0, 1) features x1…xp (p may exceed n); `nonzero` coefficients at seeded positions with
    /// random sign and magnitude uniform on [0.5, 2], the rest 0; y = Xβ + N(0, noise²).
    case sparse(n: Int, p: Int, nonzero: Int, noise: Double, seed: UInt64)
    /// Two interleaving half circles, for classification: row i has label y = i mod 2 and an angle t uniform on
    /// [0, π]; label 0 lies on the upper unit half circle (cos t, sin t), label 1 on the lower one shifted right
    /// and up, (1 − cos t, ½ − sin t); each coordinate gets N(0, noise²). Features `x1`, `x2`, target `y`.
    case moons(n: Int, noise: Double, seed: UInt64)
    /// Two concentric circles, for classification: row i has label y = i mod 2 and an angle t uniform on [0, 2π);
    /// label 0 lies on the unit circle (cos t, sin t), label 1 on the circle of radius `factor` (in (0, 1));
    /// each coordinate gets N(0, noise²). Features `x1`, `x2`, target `y`.
    case circles(n: Int, noise: Double, factor: Double, seed: UInt64)
}

/// A generated data set with the coefficients that produced it (nil for `curve`).
public struct GeneratedData: Sendable, Equatable {
    public var dataset: Dataset
    public var trueCoefficients: [Double]?
}

/// Draws the data set described by `spec`. Identical output for identical specs on every machine.
/// Throws `DataError` (kind `.invalidGenerator`) with `key` `"data.n"`, `"data.p"`, `"data.rho"`, `"data.noise"`,
/// `"data.nonzero"` or `"data.coefficients"` for invalid values.
public func generate(_ spec: GeneratorSpec) throws -> GeneratedData {
    func invalid(_ field: String, _ message: String) -> DataError {
        DataError(kind: .invalidGenerator, message: "generator option \(field): \(message)", key: "data.\(field)")
    }
    switch spec {
    case let .curve(n, noise, seed):
        guard n >= 2 else { throw invalid("n", "needs at least 2 rows, got \(n)") }
        guard noise >= 0, noise.isFinite else { throw invalid("noise", "must be ≥ 0, got \(noise)") }
        var rng = SeededGenerator(seed: seed)
        let x = (0..<n).map { _ in rng.uniform() }
        let y = x.map { spec.trueValue(at: $0)! + noise * rng.normal() }
        return GeneratedData(dataset: Dataset(featureNames: ["x"], targetName: "y", columnMajor: x, y: y),
                             trueCoefficients: nil)
    case let .correlated(n, p, rho, noise, seed, coefficients):
        guard n >= 2 else { throw invalid("n", "needs at least 2 rows, got \(n)") }
        guard p >= 1 else { throw invalid("p", "needs at least 1 feature, got \(p)") }
        guard rho >= 0, rho < 1 else { throw invalid("rho", "must be in [0, 1), got \(rho)") }
        guard noise >= 0, noise.isFinite else { throw invalid("noise", "must be ≥ 0, got \(noise)") }
        let beta = coefficients ?? glmnetPaperCoefficients(p)
        guard beta.count == p else { throw invalid("coefficients", "has \(beta.count) values for p = \(p)") }
        var rng = SeededGenerator(seed: seed)
        let x = equicorrelatedGaussian(n: n, p: p, rho: rho, rng: &rng)
        return GeneratedData(dataset: linearResponse(x: x, n: n, p: p, beta: beta, noise: noise, rng: &rng),
                             trueCoefficients: beta)
    case let .sparse(n, p, nonzero, noise, seed):
        guard n >= 2 else { throw invalid("n", "needs at least 2 rows, got \(n)") }
        guard p >= 1 else { throw invalid("p", "needs at least 1 feature, got \(p)") }
        guard nonzero >= 0, nonzero <= p else { throw invalid("nonzero", "must be between 0 and p = \(p), got \(nonzero)") }
        guard noise >= 0, noise.isFinite else { throw invalid("noise", "must be ≥ 0, got \(noise)") }
        var rng = SeededGenerator(seed: seed)
        var beta = [Double](repeating: 0, count: p)
        for j in rng.permutation(p).prefix(nonzero) {
            let sign: Double = rng.uniform() < 0.5 ? -1 : 1
            beta[j] = sign * (0.5 + 1.5 * rng.uniform())
        }
        let x = (0..<(n * p)).map { _ in rng.normal() }
        return GeneratedData(dataset: linearResponse(x: x, n: n, p: p, beta: beta, noise: noise, rng: &rng),
                             trueCoefficients: beta)
    case let .moons(n, noise, seed), let .circles(n, noise, _, seed):
        guard n >= 2 else { throw invalid("n", "needs at least 2 rows, got \(n)") }
        guard noise >= 0, noise.isFinite else { throw invalid("noise", "must be ≥ 0, got \(noise)") }
        var factor = 0.0
        if case let .circles(_, _, f, _) = spec {
            guard f > 0, f < 1 else { throw invalid("factor", "must be between 0 and 1 (exclusive), got \(f)") }
            factor = f
        }
        var rng = SeededGenerator(seed: seed)
        var x1 = [Double](repeating: 0, count: n), x2 = x1, y = x1
        for i in 0..<n {
            let label = Double(i % 2)
            switch spec {
            case .moons:
                let t = Double.pi * rng.uniform()
                (x1[i], x2[i]) = label == 0 ? (cos(t), sin(t)) : (1 - cos(t), 0.5 - sin(t))
            default:
                let t = 2 * Double.pi * rng.uniform(), radius = label == 0 ? 1 : factor
                (x1[i], x2[i]) = (radius * cos(t), radius * sin(t))
            }
            x1[i] += noise * rng.normal()
            x2[i] += noise * rng.normal()
            y[i] = label
        }
        return GeneratedData(dataset: Dataset(featureNames: ["x1", "x2"], targetName: "y", columnMajor: x1 + x2, y: y),
                             trueCoefficients: nil)
    }
}

/// β_j = (−1)^j exp(−2(j − 1)/20), j = 1…p (Friedman, Hastie & Tibshirani 2010, section 5).
public func glmnetPaperCoefficients(_ p: Int) -> [Double] {
    guard p > 0 else { return [] }
    return (1...p).map { j -> Double in
        let sign: Double = j % 2 == 0 ? 1 : -1
        return sign * exp(-2 * Double(j - 1) / 20)
    }
}

/// Noise standard deviation σ giving signal-to-noise ratio `snr` = sqrt(βᵀΣβ)/σ for equicorrelated Σ
/// (unit variances, correlation rho): βᵀΣβ = (1 − rho)‖β‖² + rho(Σβ_j)².
public func noiseForSignalToNoise(beta: [Double], rho: Double, snr: Double) -> Double {
    let sq = beta.reduce(0) { $0 + $1 * $1 }, sum = beta.reduce(0, +)
    return ((1 - rho) * sq + rho * sum * sum).squareRoot() / snr
}

/// n×p column-major equicorrelated N(0, Σ) draws: x_ij = √rho·z_i + √(1 − rho)·e_ij.
func equicorrelatedGaussian(n: Int, p: Int, rho: Double, rng: inout SeededGenerator) -> [Double] {
    let shared = (0..<n).map { _ in rng.normal() }
    let a = rho.squareRoot(), b = (1 - rho).squareRoot()
    var x = [Double](repeating: 0, count: n * p)
    for j in 0..<p { for i in 0..<n { x[j * n + i] = a * shared[i] + b * rng.normal() } }
    return x
}

private func linearResponse(x: [Double], n: Int, p: Int, beta: [Double], noise: Double,
                            rng: inout SeededGenerator) -> Dataset {
    var y = [Double](repeating: 0, count: n)
    for j in 0..<p where beta[j] != 0 { for i in 0..<n { y[i] += beta[j] * x[j * n + i] } }
    for i in 0..<n { y[i] += noise * rng.normal() }
    return Dataset(featureNames: (1...p).map { "x\($0)" }, targetName: "y", columnMajor: x, y: y)
}
