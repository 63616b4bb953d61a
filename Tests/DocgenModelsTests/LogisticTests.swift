import XCTest
@testable import DocgenModels

final class LogisticTests: XCTestCase {
    /// Largest violation of the penalized logistic KKT conditions on model-scale columns `z`.
    private func logisticKKT(z: [[Double]], y: [Double], beta: [Double], intercept: Double, l1: Double, l2: Double) -> Double {
        let n = y.count
        var u = [Double](repeating: 0, count: n)
        for i in 0..<n {
            var eta = intercept
            for j in z.indices where beta[j] != 0 { eta += beta[j] * z[j][i] }
            u[i] = y[i] - sigmoid(eta)
        }
        var worst = abs(u.reduce(0, +)) / Double(n)
        for j in z.indices {
            let g = zip(z[j], u).reduce(0) { $0 + $1.0 * $1.1 } / Double(n)
            if beta[j] != 0 { worst = max(worst, abs(g - l2 * beta[j] - l1 * (beta[j] > 0 ? 1 : -1))) }
            else { worst = max(worst, abs(g) - l1) }
        }
        return worst
    }

    func testL1LogisticPathOnBreastCancerSatisfiesKKTAtEveryAlpha() throws {
        let data = try Dataset.load(csvPath: breastCancerPath, target: "malignant")
        let result = try runExperiment(data, ExperimentSpec(model: .logistic(penalty: .l1),
                                                            alphas: .automatic(count: 30, ratio: 1e-3), tolerance: 1e-10))
        XCTAssertTrue(result.warnings.filter { $0.kind == .notConverged }.isEmpty, "\(result.warnings)")
        let z = standardizedColumns(data)
        for k in result.alphas.indices {
            XCTAssertLessThan(logisticKKT(z: z, y: data.y, beta: result.coefficients[k], intercept: result.intercepts[k],
                                          l1: result.alphas[k], l2: 0), 1e-5, "alpha \(result.alphas[k])")
            XCTAssertLessThanOrEqual(result.dualityGaps[k], 1e-10 * result.nullObjective)
        }
        XCTAssertEqual(result.nonzeroCounts[0], 0)
        XCTAssertGreaterThan(result.metrics["train_accuracy"]!.last!, 0.97)
    }

    func testElasticNetAndL2LogisticSatisfyKKT() throws {
        let data = try Dataset.load(csvPath: breastCancerPath, target: "malignant",
                                    features: ["mean_radius", "mean_texture", "worst_area", "worst_smoothness"])
        let z = standardizedColumns(data)
        for (penalty, rho) in [(LogisticRegression.Penalty.l2, 0.0), (.elasticNet(l1Ratio: 0.3), 0.3)] {
            let alphas = [1.0, 0.1, 0.01, 0.001]
            let result = try runExperiment(data, ExperimentSpec(model: .logistic(penalty: penalty),
                                                                alphas: .explicit(alphas), tolerance: 1e-10))
            for (k, a) in alphas.enumerated() {
                XCTAssertLessThan(logisticKKT(z: z, y: data.y, beta: result.coefficients[k],
                                              intercept: result.intercepts[k], l1: rho * a, l2: (1 - rho) * a), 1e-5)
            }
        }
    }

    func testSeparableClassesWithSmallPenaltyTerminate() throws {
        let data = try Dataset(featureNames: ["x"], targetName: "y", columns: [[-3, -2, -1, 1, 2, 3]], y: [0, 0, 0, 1, 1, 1])
        let result = try runExperiment(data, ExperimentSpec(model: .logistic(penalty: .l1), alphas: .explicit([1e-4, 1e-8, 0])))
        XCTAssertEqual(result.metrics["train_accuracy"]?[0], 1)
        XCTAssertTrue(result.coefficients[0][0] > 0)
        XCTAssertTrue(result.warnings.contains { $0.alpha == 0 && $0.kind == .separableClasses }, "\(result.warnings)")
    }

    func testUnpenalizedLogisticOnOverlappingClassesMatchesItsScoreEquations() throws {
        let x: [Double] = [0.1, 0.5, 0.9, 1.3, 1.7, 2.1, 2.5, 2.9]
        let y: [Double] = [0, 0, 1, 0, 1, 0, 1, 1]
        let data = try Dataset(featureNames: ["x"], targetName: "y", columns: [x], y: y)
        let result = try runExperiment(data, ExperimentSpec(model: .logistic(penalty: .l2), alphas: .explicit([0]),
                                                            standardize: false))
        XCTAssertTrue(result.warnings.isEmpty, "\(result.warnings)")
        XCTAssertLessThan(logisticKKT(z: [x], y: y, beta: result.coefficients[0], intercept: result.intercepts[0],
                                      l1: 0, l2: 0), 1e-8)
    }
}

final class WideLogisticTests: XCTestCase {
    func testL1LogisticWithMoreFeaturesThanRowsSatisfiesKKT() throws {
        var rng = SeededGenerator(seed: 21)
        let n = 30, p = 80
        let columns = (0..<p).map { _ in (0..<n).map { _ in rng.normal() } }
        let y = (0..<n).map { i in (columns[0][i] - columns[3][i] + 0.5 * rng.normal()) > 0 ? 1.0 : 0.0 }
        let data = try Dataset(featureNames: (1...p).map { "f\($0)" }, targetName: "y", columns: columns, y: y)
        let result = try runExperiment(data, ExperimentSpec(model: .logistic(penalty: .l1),
                                                            alphas: .automatic(count: 15, ratio: 0.05), tolerance: 1e-10))
        // 30 points in 80 dimensions are always linearly separable: the one warning says so, the solver converged.
        XCTAssertEqual(result.warnings.map(\.kind), [.separableClasses], "\(result.warnings)")
        let z = standardizedColumns(data)
        for k in result.alphas.indices {
            let beta = result.coefficients[k]
            var u = [Double](repeating: 0, count: n)
            for i in 0..<n {
                var eta = result.intercepts[k]
                for j in 0..<p where beta[j] != 0 { eta += beta[j] * z[j][i] }
                u[i] = y[i] - sigmoid(eta)
            }
            XCTAssertLessThan(abs(u.reduce(0, +)) / Double(n), 1e-6)
            for j in 0..<p {
                let g = zip(z[j], u).reduce(0) { $0 + $1.0 * $1.1 } / Double(n)
                if beta[j] != 0 { XCTAssertEqual(g, result.alphas[k] * (beta[j] > 0 ? 1 : -1), accuracy: 1e-5) }
                else { XCTAssertLessThanOrEqual(abs(g), result.alphas[k] + 1e-5) }
            }
        }
    }
}
