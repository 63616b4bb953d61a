import Foundation
import XCTest
@testable import DocgenModels

/// Checks the pieces of the fast logistic solver against direct, slow formulas: the margin cache, the duality gap
/// (its scale search and its cancellation-free sum) and the exact face solves of the Gram coordinate descent.
final class LogisticSolverPartsTests: XCTestCase {
    func testMarginsMatchDirectLossAndWrongClassProbabilityAtExtremeMargins() {
        let eta: [Double] = [-800, -40, -3, -1e-9, 0, 1e-9, 2.5, 40, 800]
        for y in [0.0, 1.0] {
            let labels = [Double](repeating: y, count: eta.count)
            let margins = LogisticMargins(eta: eta, y: labels)
            var loss = 0.0
            for (i, e) in eta.enumerated() {
                let m = y == 1 ? -e : e
                loss += softplus(m)
                // σ(m) directly, on the side where it does not overflow.
                let direct = m >= 0 ? 1 / (1 + exp(-m)) : exp(m) / (1 + exp(m))
                XCTAssertEqual(margins.wrong[i], direct, accuracy: 1e-15 * max(direct, 1e-300), "eta \(e) y \(y)")
                XCTAssertEqual(margins.small[i], exp(-abs(e)))
            }
            XCTAssertEqual(margins.meanLoss, loss / Double(eta.count), accuracy: 1e-12 * loss)
        }
    }

    /// P − max over s of D(sθ), evaluated term by term with `binaryEntropy` and a fine grid refined by golden section.
    private func slowGap(z: [[Double]], y: [Double], eta: [Double], beta: [Double], l1: Double, l2: Double) -> Double {
        let n = y.count
        let u = (0..<n).map { y[$0] - sigmoid(eta[$0]) }
        let positive = (0..<n).filter { y[$0] == 1 }.reduce(0.0) { $0 + u[$1] }
        let negative = (0..<n).filter { y[$0] == 0 }.reduce(0.0) { $0 - u[$1] }
        let v = (0..<n).map { i -> Double in
            if y[i] == 1 { return positive > negative ? u[i] * negative / positive : u[i] }
            return negative > positive ? u[i] * positive / negative : u[i]
        }
        let g = z.map { col in zip(col, v).reduce(0.0) { $0 + $1.0 * $1.1 } / Double(n) }
        var primal = 0.0
        for i in 0..<n { primal += softplus(eta[i]) - y[i] * eta[i] }
        primal /= Double(n)
        for b in beta { primal += l1 * abs(b) + 0.5 * l2 * b * b }
        func dual(_ s: Double) -> Double {
            var d = 0.0
            for i in 0..<n { d += binaryEntropy(y[i] - s * v[i]) }
            d /= Double(n)
            if l2 > 0 { for gj in g { let e = s * abs(gj) - l1; if e > 0 { d -= e * e / (2 * l2) } } }
            return d
        }
        let maxG = g.map(abs).max() ?? 0
        let upper = l2 == 0 && maxG > 0 ? min(1, l1 / maxG) : 1
        if l2 == 0 { return primal - dual(upper) }
        var best = 0.0, at = upper
        for k in 1...400 {
            let s = upper * Double(k) / 400
            let d = dual(s)
            if k == 1 || d > best { best = d; at = s }
        }
        var a = max(at - upper / 400, 0), b = min(at + upper / 400, upper)
        for _ in 0..<80 {
            let c = a + (b - a) * 0.382, e = a + (b - a) * 0.618
            if dual(c) > dual(e) { b = e } else { a = c }
        }
        return primal - max(best, dual(0.5 * (a + b)))
    }

    func testGapEqualsPrimalMinusTheBestScaledDualAtArbitraryPoints() throws {
        let (data, z, x) = try standardizedBreastCancerSubset()
        let n = data.rowCount
        var rng = SeededGenerator(seed: 11)
        for (l1, l2) in [(0.02, 0.0), (0.01, 0.01), (0.0, 0.05), (0.05, 1.0)] {
            for trial in 0..<12 {
                // Near-optimal points (small perturbations) and far ones.
                let scale = trial < 6 ? 1e-3 : 1.0
                let beta = [1.5, 0.8, 0.3, 2.0].map { $0 + scale * rng.normal() }
                let b0 = -0.5 + scale * rng.normal()
                var eta = [Double](repeating: b0, count: n)
                for j in 0..<4 { for i in 0..<n { eta[i] += beta[j] * z[j][i] } }
                let fast = x.withUnsafeBufferPointer { xb in
                    logisticGap(x: xb.baseAddress!, n: n, y: data.y, eta: eta, beta: beta, features: [0, 1, 2, 3],
                                lambda1: l1, lambda2: l2)
                }
                let slow = slowGap(z: z, y: data.y, eta: eta, beta: beta, l1: l1, l2: l2)
                XCTAssertEqual(fast.gap, slow, accuracy: 1e-10 + 1e-9 * slow, "l1 \(l1) l2 \(l2) trial \(trial)")
            }
        }
    }

    func testGapAtTheNullModelOptimumIsZeroWithoutRoundingNoise() {
        // β = 0, intercept = logit(ȳ): the optimum for α ≥ α_max. The per-term sum gives 0 (up to the rounding of the
        // two class sums), far below a 1e-14 tolerance, where primal − dual of two O(1) numbers would not.
        let y: [Double] = (0..<401).map { Double(($0 * 7919) % 3 == 0 ? 1 : 0) }
        let ybar = y.reduce(0, +) / Double(y.count)
        let eta = [Double](repeating: log(ybar / (1 - ybar)), count: y.count)
        let column = (0..<y.count).map { sin(Double($0)) }
        let result = column.withUnsafeBufferPointer { xb in
            logisticGap(x: xb.baseAddress!, n: y.count, y: y, eta: eta, beta: [0], features: [0], lambda1: 10, lambda2: 0)
        }
        XCTAssertLessThan(result.gap, 1e-15)
        XCTAssertEqual(result.primal, binaryEntropy(ybar), accuracy: 1e-14)
    }

    /// Random positive semidefinite H = AᵀA/k (m×m) with a few near-duplicate columns, a gradient and a start.
    private func randomQuadratic(m: Int, seed: UInt64) -> (h: [Double], c: [Double], start: [Double]) {
        var rng = SeededGenerator(seed: seed)
        let k = 3 * m
        var a = (0..<(k * m)).map { _ in rng.normal() }
        for col in stride(from: 1, to: m, by: 3) { for r in 0..<k { a[col * k + r] = a[(col - 1) * k + r] + 0.05 * rng.normal() } }
        var h = [Double](repeating: 0, count: m * m)
        for c in 0..<m { for r in 0..<m { for t in 0..<k { h[c * m + r] += a[r * k + t] * a[c * k + t] / Double(k) } } }
        let c = (0..<m).map { _ in rng.normal() }
        let start = (0..<m).map { j in j % 4 == 0 ? rng.normal() : 0 }
        return (h, c, start)
    }

    func testFaceSolvesReachTheSameMinimizerAsPlainCoordinateDescent() {
        let m = 12
        for (seed, l1, l2) in [(UInt64(1), 0.3, 0.0), (2, 0.1, 0.05), (3, 0.0, 0.2), (4, 0.8, 0.0)] {
            let (h, c, start) = randomQuadratic(m: m, seed: seed)
            // No relative-accuracy exit: only a face solve that certifies optimality (or a sweep gaining nothing)
            // ends the run early.
            var fast = GramCoordinateDescent(h: h, m: m, gradient: c, start: start, l1: l1, l2: l2)
            let used = fast.run(relativeAccuracy: 0, floor: 0, sweepBudget: 10_000)
            XCTAssertLessThan(used, 200, "seed \(seed)")
            var plain = GramCoordinateDescent(h: h, m: m, gradient: c, start: start, l1: l1, l2: l2)
            var sweeps = 0
            while sweeps < 1_000_000 && plain.sweep(nil) > 0 { sweeps += 1 }
            let largest = plain.b.map(abs).max() ?? 1
            for k in 0..<m {
                XCTAssertEqual(fast.b[k], plain.b[k], accuracy: 1e-6 * largest, "seed \(seed) coordinate \(k)")
            }
            // Optimality of the fast answer, from the definition: ∇ = H(b − b⁰) − c.
            for k in 0..<m {
                var grad = -c[k]
                for j in 0..<m { grad += h[j * m + k] * (fast.b[j] - start[j]) }
                if fast.b[k] != 0 {
                    XCTAssertEqual(grad + l2 * fast.b[k], -l1 * (fast.b[k] > 0 ? 1 : -1), accuracy: 1e-9, "seed \(seed)")
                } else {
                    XCTAssertLessThanOrEqual(abs(grad), l1 + 1e-9, "seed \(seed)")
                }
            }
        }
    }

    func testWarmStartedPathAgreesWithEachAlphaSolvedFromTheNullModel() throws {
        let data = try Dataset.load(csvPath: breastCancerPath, target: "malignant")
        let z = standardizedColumns(data)
        let zData = try Dataset(featureNames: data.featureNames, targetName: "y", columns: z, y: data.y)
        let alphas = [0.1, 0.03, 0.01, 0.003, 0.001]
        for rho in [1.0, 0.5] {
            let path = try logisticPath(zData, alphas: alphas, l1Ratio: rho, tolerance: 1e-13, maxIterations: 100_000)
            XCTAssertTrue(path.warnings.isEmpty, "\(path.warnings)")
            for (k, alpha) in alphas.enumerated() {
                let cold = try logisticPath(zData, alphas: [alpha], l1Ratio: rho, tolerance: 1e-13, maxIterations: 100_000)
                let largest = path.coefficients[k].map(abs).max() ?? 1
                for j in 0..<z.count {
                    XCTAssertEqual(path.coefficients[k][j], cold.coefficients[0][j], accuracy: 1e-5 * largest,
                                   "rho \(rho) alpha \(alpha) feature \(j)")
                }
                XCTAssertEqual(path.intercepts[k], cold.intercepts[0], accuracy: 1e-5 * max(1, abs(cold.intercepts[0])))
            }
        }
    }
}
