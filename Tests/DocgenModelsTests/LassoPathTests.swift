import XCTest
@testable import DocgenModels

final class LassoPathTests: XCTestCase {
    func testDiabetesLassoEntersFeaturesInTheKnownOrder() throws {
        let data = try loadDiabetes()
        let result = try runExperiment(data, ExperimentSpec(model: .lasso, alphas: .automatic(count: 200, ratio: 1e-4),
                                                            tolerance: 1e-10))
        XCTAssertEqual(result.entryOrder, ["bmi", "s5", "bp", "s3", "sex", "s6", "s1", "s4", "s2", "age"])
    }

    func testLassoPathSatisfiesKKTAtEveryAlpha() throws {
        let data = try loadDiabetes()
        let result = try runExperiment(data, ExperimentSpec(model: .lasso, alphas: .automatic(count: 50, ratio: 1e-3),
                                                            tolerance: 1e-12))
        let z = standardizedColumns(data)
        for k in result.alphas.indices {
            let v = kktViolation(z: z, y: data.y, beta: result.coefficients[k], intercept: result.intercepts[k],
                                 alpha: result.alphas[k], rho: 1)
            XCTAssertLessThan(v, 1e-5, "alpha \(result.alphas[k])")
            XCTAssertLessThanOrEqual(result.dualityGaps[k], 1e-12 * result.nullObjective)
        }
        XCTAssertEqual(result.nonzeroCounts.first, 0, "alpha_max gives the empty model")
        XCTAssertEqual(result.nonzeroCounts.last, 10)
    }

    func testElasticNetPathSatisfiesKKTInNaiveAndCovarianceModes() throws {
        let data = try loadDiabetes()
        let z = standardizedColumns(data)
        let design = GaussianDesign(n: data.rowCount, p: data.featureCount, x: z.flatMap { $0 }, y: data.y)
        let alphas = logspace(1, -2, 30)
        for naive in [false, true] {
            let points = elasticNetPath(design, alphasDescending: alphas, l1Ratio: 0.5,
                                        gapTolerance: 1e-13 * design.nullObjective, maxSweeps: 100_000, forceNaive: naive)
            for (k, point) in points.enumerated() {
                XCTAssertTrue(point.converged)
                let v = kktViolation(z: z, y: data.y, beta: point.beta, intercept: design.intercept(point.beta),
                                     alpha: alphas[k], rho: 0.5)
                XCTAssertLessThan(v, 1e-5, "naive \(naive) alpha \(alphas[k])")
            }
        }
    }

    func testLassoOnOrthonormalDesignIsSoftThresholding() throws {
        // Columns orthogonal, centered, with ‖x_j‖²/n = 1, so β_j = S(x_jᵀy/n, α).
        let n = 8
        let columns: [[Double]] = [
            [1, -1, 1, -1, 1, -1, 1, -1],
            [1, 1, -1, -1, 1, 1, -1, -1],
            [1, 1, 1, 1, -1, -1, -1, -1],
        ]
        let y: [Double] = [3.0, 1.0, -2.0, 0.5, 2.5, -1.0, 0.0, 4.0]
        let data = try Dataset(featureNames: ["a", "b", "c"], targetName: "y", columns: columns, y: y)
        let alphas = [0.1, 0.4, 0.8, 2.0]
        let result = try runExperiment(data, ExperimentSpec(model: .lasso, alphas: .explicit(alphas), standardize: false,
                                                            tolerance: 1e-14))
        for (k, alpha) in alphas.enumerated() {
            for j in 0..<3 {
                let xty = zip(columns[j], y).reduce(0) { $0 + $1.0 * $1.1 } / Double(n)
                XCTAssertEqual(result.coefficients[k][j], softThreshold(xty, alpha), accuracy: 1e-12)
            }
            XCTAssertEqual(result.intercepts[k], y.reduce(0, +) / Double(n), accuracy: 1e-12)
        }
    }

    func testSoftThresholdShrinksTowardZeroAndKillsSmallValues() {
        XCTAssertEqual(softThreshold(3, 1), 2)
        XCTAssertEqual(softThreshold(-3, 1), -2)
        XCTAssertEqual(softThreshold(0.5, 1), 0)
        XCTAssertEqual(softThreshold(-1, 1), 0)
    }

    func testResultsComeBackInTheGivenAlphaOrder() throws {
        let data = try loadDiabetes()
        let given = [0.5, 10, 0.01, 2]
        let result = try runExperiment(data, ExperimentSpec(model: .lasso, alphas: .explicit(given)))
        XCTAssertEqual(result.alphas, given)
        for (k, a) in given.enumerated() {
            let alone = try runExperiment(data, ExperimentSpec(model: .lasso, alphas: .explicit([a]), tolerance: 1e-12))
            for j in 0..<10 { XCTAssertEqual(result.coefficients[k][j], alone.coefficients[0][j], accuracy: 1e-2) }
        }
    }
}

final class WorkingSetPathTests: XCTestCase {
    func testWorkingSetPathAndItsResidualFallbackBothSatisfyKKT() throws {
        let generated = try generate(.sparse(n: 40, p: 150, nonzero: 5, noise: 0.5, seed: 8))
        let data = generated.dataset
        let z = standardizedColumns(data)
        let design = GaussianDesign(n: data.rowCount, p: data.featureCount, x: z.flatMap { $0 }, y: data.y)
        let top = design.alphaMax(l1Ratio: 0.8)
        let alphas = (0..<25).map { top * pow(0.01, Double($0) / 24) }
        for limit in [3000, 6] {   // 6 forces the switch to residual updates part way down the path
            var state = WorkingSetPathState(design, rho: 0.8, tol: 1e-13 * design.nullObjective, maxSweeps: 100_000,
                                            capacityLimit: limit)
            let points = alphas.map { state.solve(alpha: $0) }
            XCTAssertEqual(points.count, alphas.count)
            for (k, point) in points.enumerated() {
                XCTAssertTrue(point.converged, "limit \(limit) alpha \(alphas[k]) gap \(point.gap)")
                XCTAssertLessThan(kktViolation(z: z, y: data.y, beta: point.beta, intercept: design.intercept(point.beta),
                                               alpha: alphas[k], rho: 0.8), 1e-6)
            }
        }
    }
}
