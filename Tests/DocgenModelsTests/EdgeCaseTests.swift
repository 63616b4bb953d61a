import XCTest
@testable import DocgenModels

final class EdgeCaseTests: XCTestCase {
    private func expectModelError(_ data: Dataset, _ spec: ExperimentSpec, key: String,
                                  file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertThrowsError(try runExperiment(data, spec), file: file, line: line) { error in
            XCTAssertEqual((error as? ModelError)?.key, key, "\(error)", file: file, line: line)
        }
    }

    private func smallData() throws -> Dataset {
        try Dataset(featureNames: ["a", "b"], targetName: "y", columns: [[1, 2, 3, 4, 5], [2, 1, 4, 3, 6]],
                    y: [1, 0, 1, 0, 1])
    }

    func testNegativeAlphaNamesTheAlphasKey() throws {
        expectModelError(try smallData(), ExperimentSpec(model: .lasso, alphas: .explicit([0.1, -1])), key: "alphas")
        expectModelError(try smallData(), ExperimentSpec(model: .lasso, alphas: .automatic(count: 10, ratio: 2)), key: "alphas")
    }

    func testL1RatioOutsideTheUnitIntervalNamesTheL1RatioKey() throws {
        expectModelError(try smallData(), ExperimentSpec(model: .elasticNet(l1Ratio: 1.5)), key: "l1_ratio")
        expectModelError(try smallData(), ExperimentSpec(model: .logistic(penalty: .elasticNet(l1Ratio: -0.1))),
                         key: "l1_ratio")
    }

    func testLogisticWithANonBinaryTargetNamesTheTargetKey() throws {
        let data = try Dataset(featureNames: ["a"], targetName: "y", columns: [[1, 2, 3]], y: [0, 1, 2])
        expectModelError(data, ExperimentSpec(model: .logistic(penalty: .l2)), key: "target")
    }

    func testFewerRowsThanFoldsNamesTheCVKey() throws {
        expectModelError(try smallData(), ExperimentSpec(model: .ridge, alphas: .explicit([1]),
                                                         cv: CrossValidation(folds: 10, seed: 0)), key: "cv")
    }

    func testConstantColumnGetsZeroCoefficientAndAWarning() throws {
        let data = try Dataset(featureNames: ["c", "x"], targetName: "y", columns: [[3, 3, 3, 3], [1, 2, 3, 5]],
                               y: [2, 4, 5, 9])
        for model in [LeastSquares.lasso, .ridge, .elasticNet(l1Ratio: 0.5), .ols] {
            let result = try runExperiment(data, ExperimentSpec(model: model, alphas: .explicit([0.1, 0])))
            XCTAssertTrue(result.coefficients.allSatisfy { $0[0] == 0 }, "\(model)")
            XCTAssertTrue(result.warnings.contains { $0.kind == .constantFeature && $0.feature == "c" })
            XCTAssertTrue(result.predict(raw: [3, 2], alphaIndex: 0).isFinite)
        }
    }

    func testDuplicateColumnsShareRidgeWeightEquallyAndKeepLassoOptimal() throws {
        let data = try Dataset.load(csvPath: diabetesPath, target: "progression", features: ["bmi", "bmi", "s5"])
        let ridge = try runExperiment(data, ExperimentSpec(model: .ridge, alphas: .explicit([1])))
        XCTAssertEqual(ridge.coefficients[0][0], ridge.coefficients[0][1], accuracy: 1e-9)
        let lasso = try runExperiment(data, ExperimentSpec(model: .lasso, alphas: .explicit([5, 0.5]), tolerance: 1e-12))
        let z = standardizedColumns(data)
        for k in 0..<2 {
            XCTAssertLessThan(kktViolation(z: z, y: data.y, beta: lasso.coefficients[k], intercept: lasso.intercepts[k],
                                           alpha: lasso.alphas[k], rho: 1), 1e-5)
        }
    }

    func testIterationLimitProducesANonConvergenceWarningNamingAlphaAndGap() throws {
        // A degree-9 polynomial lasso at α = 1e-9 needs far more than 10 sweeps.
        let data = try generate(.curve(n: 21, noise: 0.25, seed: 3)).dataset
        let result = try runExperiment(data, ExperimentSpec(model: .lasso, alphas: .explicit([1e-9]), polynomialDegree: 9,
                                                            tolerance: 1e-10, maxIterations: 10))
        let warning = try XCTUnwrap(result.warnings.first { $0.kind == .notConverged })
        XCTAssertEqual(warning.alpha, 1e-9)
        XCTAssertEqual(warning.key, "max_iterations")
        XCTAssertEqual(warning.gap, result.dualityGaps[0])
        XCTAssertGreaterThan(result.dualityGaps[0], 1e-10 * result.nullObjective)
    }

    func testMoreFeaturesThanRowsLassoSatisfiesKKT() throws {
        var rng = SeededGenerator(seed: 2)
        let n = 20, p = 60
        let columns = (0..<p).map { _ in (0..<n).map { _ in rng.normal() } }
        let y = (0..<n).map { i in 3 * columns[0][i] - 2 * columns[5][i] + 0.1 * rng.normal() }
        let data = try Dataset(featureNames: (1...p).map { "f\($0)" }, targetName: "y", columns: columns, y: y)
        let result = try runExperiment(data, ExperimentSpec(model: .lasso, alphas: .automatic(count: 40, ratio: 1e-2),
                                                            tolerance: 1e-12))
        let z = standardizedColumns(data)
        for k in result.alphas.indices {
            XCTAssertLessThan(kktViolation(z: z, y: y, beta: result.coefficients[k], intercept: result.intercepts[k],
                                           alpha: result.alphas[k], rho: 1), 1e-6)
        }
        XCTAssertEqual(Array(result.entryOrder.prefix(2)), ["f1", "f6"])
    }

    func testAutomaticGridStartsAtTheSmallestAlphaWithAllZeroCoefficients() throws {
        let data = try loadDiabetes()
        let result = try runExperiment(data, ExperimentSpec(model: .elasticNet(l1Ratio: 0.5),
                                                            alphas: .automatic(count: 5, ratio: 0.1)))
        XCTAssertEqual(result.alphas[0], result.alphaMax)
        XCTAssertEqual(result.nonzeroCounts[0], 0)
        let slightlyBelow = try runExperiment(data, ExperimentSpec(model: .elasticNet(l1Ratio: 0.5),
                                                                   alphas: .explicit([result.alphaMax * 0.999])))
        XCTAssertEqual(slightlyBelow.nonzeroCounts[0], 1)
        XCTAssertEqual(result.alphas[4], result.alphaMax * 0.1, accuracy: 1e-12 * result.alphaMax)
    }

    func testLogspaceMatchesNumpyConvention() {
        XCTAssertEqual(logspace(-1, 2, 4), [0.1, 1, 10, 100].map { $0 }, "powers of ten, endpoints included")
    }
}

final class ConstantColumnLogisticTests: XCTestCase {
    func testConstantColumnInUnstandardizedLogisticGetsZeroCoefficient() throws {
        let data = try Dataset(featureNames: ["c", "x"], targetName: "y",
                               columns: [[2, 2, 2, 2, 2, 2], [0.1, 0.4, 0.35, 0.8, 0.6, 0.9]], y: [0, 0, 1, 0, 1, 1])
        let result = try runExperiment(data, ExperimentSpec(model: .logistic(penalty: .l2), alphas: .explicit([0.1, 0]),
                                                            standardize: false))
        XCTAssertEqual(result.coefficients[0][0], 0)
        XCTAssertEqual(result.coefficients[1][0], 0)
        XCTAssertTrue(result.warnings.contains { $0.kind == .constantFeature })
    }
}
