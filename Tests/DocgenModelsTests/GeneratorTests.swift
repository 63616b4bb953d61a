import Foundation
import XCTest
@testable import DocgenModels

final class GeneratorTests: XCTestCase {
    func testSameSeedGivesIdenticalDataAndAnotherSeedDoesNot() throws {
        let a = try generate(.correlated(n: 50, p: 4, rho: 0.5, noise: 1, seed: 9, coefficients: nil))
        let b = try generate(.correlated(n: 50, p: 4, rho: 0.5, noise: 1, seed: 9, coefficients: nil))
        let c = try generate(.correlated(n: 50, p: 4, rho: 0.5, noise: 1, seed: 10, coefficients: nil))
        XCTAssertEqual(a, b)
        XCTAssertNotEqual(a.dataset.x, c.dataset.x)
    }

    func testSeededGeneratorUniformAndNormalHaveTheRightMoments() {
        var rng = SeededGenerator(seed: 1)
        let m = 200_000
        let u = (0..<m).map { _ in rng.uniform() }
        let z = (0..<m).map { _ in rng.normal() }
        XCTAssertEqual(u.reduce(0, +) / Double(m), 0.5, accuracy: 0.005)
        XCTAssertTrue(u.allSatisfy { $0 >= 0 && $0 < 1 })
        let mean = z.reduce(0, +) / Double(m)
        XCTAssertEqual(mean, 0, accuracy: 0.01)
        XCTAssertEqual(z.reduce(0) { $0 + $1 * $1 } / Double(m), 1, accuracy: 0.01)
        let perm = rng.permutation(100)
        XCTAssertEqual(perm.sorted(), Array(0..<100))
    }

    func testEquicorrelatedFeaturesHaveUnitVarianceAndTheRequestedCorrelation() throws {
        let data = try generate(.correlated(n: 40_000, p: 3, rho: 0.6, noise: 0.5, seed: 4,
                                            coefficients: [1, -2, 0])).dataset
        let a = data.column(0), b = data.column(2)
        let n = Double(a.count)
        let ma = a.reduce(0, +) / n, mb = b.reduce(0, +) / n
        let cov = zip(a, b).reduce(0) { $0 + ($1.0 - ma) * ($1.1 - mb) } / n
        let va = a.reduce(0) { $0 + ($1 - ma) * ($1 - ma) } / n
        XCTAssertEqual(va, 1, accuracy: 0.03)
        XCTAssertEqual(cov, 0.6, accuracy: 0.03)
        // The noise is the residual of the true model.
        var sse = 0.0
        for i in 0..<data.rowCount { let r = data.y[i] - data.value(row: i, feature: 0) + 2 * data.value(row: i, feature: 1); sse += r * r }
        XCTAssertEqual((sse / n).squareRoot(), 0.5, accuracy: 0.01)
    }

    func testCurveIsSineOfTwoPiXPlusNoise() throws {
        let data = try generate(.curve(n: 20_000, noise: 0.25, seed: 3)).dataset
        XCTAssertEqual(data.featureNames, ["x"]); XCTAssertEqual(data.targetName, "y")
        let residuals = (0..<data.rowCount).map { data.y[$0] - sin(2 * Double.pi * data.x[$0]) }
        let sd = (residuals.reduce(0) { $0 + $1 * $1 } / Double(residuals.count)).squareRoot()
        XCTAssertEqual(sd, 0.25, accuracy: 0.01)
        XCTAssertTrue(data.x.allSatisfy { $0 >= 0 && $0 < 1 })
    }

    func testSparseGeneratorHasExactlyTheRequestedNonzeroCoefficients() throws {
        let generated = try generate(.sparse(n: 100, p: 500, nonzero: 10, noise: 1, seed: 1))
        let beta = try XCTUnwrap(generated.trueCoefficients)
        XCTAssertEqual(beta.filter { $0 != 0 }.count, 10)
        XCTAssertTrue(beta.filter { $0 != 0 }.allSatisfy { abs($0) >= 0.5 && abs($0) <= 2 })
        XCTAssertEqual(generated.dataset.featureCount, 500); XCTAssertEqual(generated.dataset.rowCount, 100)
        XCTAssertEqual(generated.dataset.featureNames.last, "x500")
    }

    func testGlmnetPaperCoefficientsAlternateAndDecay() {
        let beta = glmnetPaperCoefficients(3)
        XCTAssertEqual(beta[0], -1, accuracy: 1e-15)
        XCTAssertEqual(beta[1], exp(-0.1), accuracy: 1e-15)
        XCTAssertEqual(beta[2], -exp(-0.2), accuracy: 1e-15)
    }

    func testInvalidGeneratorOptionsNameTheirKey() {
        XCTAssertThrowsError(try generate(.correlated(n: 10, p: 3, rho: 1.2, noise: 1, seed: 0, coefficients: nil))) {
            XCTAssertEqual(($0 as? DataError)?.key, "data.rho")
        }
        XCTAssertThrowsError(try generate(.sparse(n: 10, p: 3, nonzero: 5, noise: 1, seed: 0))) {
            XCTAssertEqual(($0 as? DataError)?.key, "data.nonzero")
        }
    }
}

final class PolynomialTests: XCTestCase {
    func testCubicFeaturesReproduceAnExactCubicAtNewRawInputs() throws {
        let x: [Double] = [-1, -0.5, 0, 0.3, 0.8, 1.2, 2]
        let y = x.map { 1 + 2 * $0 - $0 * $0 * $0 }
        let data = try Dataset(featureNames: ["x"], targetName: "y", columns: [x], y: y)
        let result = try runExperiment(data, ExperimentSpec(model: .ols, polynomialDegree: 3))
        XCTAssertEqual(result.featureNames, ["x", "x^2", "x^3"])
        XCTAssertEqual(result.predict(raw: [1.5], alphaIndex: 0), 1 + 3 - 3.375, accuracy: 1e-9)
        XCTAssertEqual(result.predict(raw: [-2], alphaIndex: 0), 1 - 4 + 8, accuracy: 1e-9)
        // Standardized polynomial columns have mean 0 and sd 1.
        let z = (0..<x.count).map { result.transform.transform(raw: [x[$0]]) }
        for j in 0..<3 {
            let col = z.map { $0[j] }
            XCTAssertEqual(col.reduce(0, +) / 7, 0, accuracy: 1e-12)
            XCTAssertEqual(col.reduce(0) { $0 + $1 * $1 } / 7, 1, accuracy: 1e-12)
        }
    }

    func testPolynomialNeedsExactlyOneInputColumn() throws {
        let data = try Dataset(featureNames: ["a", "b"], targetName: "y", columns: [[1, 2, 3], [3, 1, 2]], y: [1, 2, 3])
        XCTAssertThrowsError(try runExperiment(data, ExperimentSpec(model: .ridge, polynomialDegree: 2))) {
            XCTAssertEqual(($0 as? ModelError)?.key, "polynomial")
        }
    }
}

final class PolynomialPathTests: XCTestCase {
    func testDegreeNineCurveFitsTerminateAtTinyAlphaWithACertifiedGapOrAWarning() throws {
        let data = try generate(.curve(n: 30, noise: 0.25, seed: 3)).dataset
        for model in [LeastSquares.ridge, .lasso, .elasticNet(l1Ratio: 0.5)] {
            let start = Date()
            let result = try runExperiment(data, ExperimentSpec(model: model, alphas: .explicit([1e-9, 1e-3, 1]),
                                                                polynomialDegree: 9, split: HoldoutSplit(test: 0.3, seed: 1),
                                                                maxIterations: 5000))
            XCTAssertLessThan(Date().timeIntervalSince(start), 20, "\(model)")
            for k in 0..<3 {
                let certified = result.dualityGaps[k] <= 1e-7 * result.nullObjective
                let warned = result.warnings.contains { $0.kind == .notConverged && $0.alpha == result.alphas[k] }
                XCTAssertTrue(certified || warned, "\(model) alpha \(result.alphas[k]) gap \(result.dualityGaps[k])")
            }
            // Smaller α fits the training rows at least as well.
            let train = try XCTUnwrap(result.metric("train_mse"))
            XCTAssertLessThanOrEqual(train[0], train[1] * (1 + 1e-6))
            XCTAssertLessThanOrEqual(train[1], train[2] * (1 + 1e-6))
        }
    }
}
