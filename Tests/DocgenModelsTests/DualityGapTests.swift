import XCTest
@testable import DocgenModels

/// The duality gap must bound the true suboptimality P(β) − P(β*) from above for any β (that is what makes the
/// stopping rule a certificate), and vanish at the optimum.
final class DualityGapTests: XCTestCase {
    func testElasticNetGapBoundsSuboptimalityOfArbitraryCoefficients() throws {
        let data = try loadDiabetes()
        let z = standardizedColumns(data)
        let design = GaussianDesign(n: 442, p: 10, x: z.flatMap { $0 }, y: data.y)
        var rng = SeededGenerator(seed: 17)
        for (alpha, rho) in [(1.0, 1.0), (0.3, 0.5), (5.0, 0.2), (0.01, 1.0)] {
            let optimum = elasticNetPath(design, alphasDescending: [alpha], l1Ratio: rho,
                                         gapTolerance: 1e-14 * design.nullObjective, maxSweeps: 100_000)[0]
            func objective(_ b: [Double]) -> Double {
                let (rr, _, _) = residualSummary(design, b)
                return 0.5 * rr + alpha * (rho * b.reduce(0) { $0 + abs($1) } + (1 - rho) / 2 * b.reduce(0) { $0 + $1 * $1 })
            }
            let best = objective(optimum.beta)
            XCTAssertLessThan(gaussianGap(design, optimum.beta, alpha: alpha, l1Ratio: rho), 1e-9 * design.nullObjective)
            for _ in 0..<50 {
                let b = optimum.beta.map { $0 + 5 * rng.normal() * (rng.uniform() < 0.5 ? 1 : 0) }
                let gap = gaussianGap(design, b, alpha: alpha, l1Ratio: rho)
                XCTAssertGreaterThanOrEqual(gap, objective(b) - best - 1e-9, "alpha \(alpha) rho \(rho)")
                let withFloor = gaussianGap(design, b, alpha: alpha, l1Ratio: rho, leastSquaresFloor: leastSquaresFloor(design))
                XCTAssertGreaterThanOrEqual(withFloor, objective(b) - best - 1e-9)
            }
        }
    }

    func testLogisticGapBoundsSuboptimalityOfArbitraryCoefficients() throws {
        let (data, z, x) = try standardizedBreastCancerSubset()
        let n = data.rowCount
        var rng = SeededGenerator(seed: 5)
        for (alpha, rho) in [(0.05, 1.0), (0.02, 0.5), (0.1, 0.0)] {
            let zData = try Dataset(featureNames: data.featureNames, targetName: "y", columns: z, y: data.y)
            let fit = try logisticPath(zData, alphas: [alpha], l1Ratio: rho, tolerance: 1e-14, maxIterations: 100_000)
            let beta = fit.coefficients[0], b0 = fit.intercepts[0]
            func evaluate(_ b: [Double], _ intercept: Double) -> (primal: Double, gap: Double) {
                var eta = [Double](repeating: intercept, count: n)
                for j in 0..<4 { for i in 0..<n { eta[i] += b[j] * z[j][i] } }
                return x.withUnsafeBufferPointer { xb in
                    logisticGap(x: xb.baseAddress!, n: n, y: data.y, eta: eta, beta: b, features: [0, 1, 2, 3],
                                lambda1: rho * alpha, lambda2: (1 - rho) * alpha)
                }
            }
            let best = evaluate(beta, b0).primal
            XCTAssertLessThan(evaluate(beta, b0).gap, 1e-10)
            for _ in 0..<50 {
                let b = beta.map { $0 + rng.normal() }
                let shift = 0.5 * rng.normal()
                let (primal, gap) = evaluate(b, b0 + shift)
                XCTAssertGreaterThanOrEqual(gap, primal - best - 1e-10, "alpha \(alpha) rho \(rho)")
            }
        }
    }
}
