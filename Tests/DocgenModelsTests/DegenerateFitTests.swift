import XCTest
@testable import DocgenModels

/// Fits that would publish nothing meaningful are errors naming the option to blame; fits that publish numbers that
/// mislead carry a typed warning with that option.
final class DegenerateFitTests: XCTestCase {
    private func expectError(_ data: Dataset, _ spec: ExperimentSpec, key: String, containing text: String,
                             file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertThrowsError(try runExperiment(data, spec), file: file, line: line) { error in
            let modelError = error as? ModelError
            XCTAssertEqual(modelError?.key, key, "\(error)", file: file, line: line)
            XCTAssertTrue(modelError?.message.contains(text) ?? false, "\(error)", file: file, line: line)
        }
    }

    /// n rows of one feature x = 0, 1, …, with target `y`.
    private func line(_ y: [Double]) throws -> Dataset {
        try Dataset(featureNames: ["x"], targetName: "y", columns: [y.indices.map(Double.init)], y: y)
    }

    func testAConstantTargetIsAnErrorAtTarget() throws {
        expectError(try line([3, 3, 3, 3, 3]), ExperimentSpec(model: .lasso), key: "target",
                    containing: "target 'y' is constant (every row is 3): there is nothing to predict")
    }

    /// Without an intercept a constant target is still a fit (y = 1 = β·x has the least-squares answer β = Σx/Σx²
    /// on the rows x = 0…4, i.e. 10/30), but R² has no meaning: its columns are left out rather than published as NaN,
    /// and the squared error stays.
    func testAConstantTargetWithoutAnInterceptIsFittedWithoutRSquared() throws {
        let family = LeastSquares(penalty: .ridge, fitIntercept: false)
        let result = try runExperiment(try line([1, 1, 1, 1, 1]),
                                       ExperimentSpec(model: family, alphas: .explicit([0]), standardize: false))
        XCTAssertEqual(result.coefficients[0][0], 10.0 / 30.0, accuracy: 1e-12)
        XCTAssertEqual(result.intercepts[0], 0)
        XCTAssertFalse(result.metricNames.contains("train_r2"), "\(result.metricNames)")
        XCTAssertTrue(result.metricNames.contains("train_mse"), "\(result.metricNames)")
        let mse = try XCTUnwrap(result.metrics["train_mse"]?[0])
        let expected = (0..<5).map { pow(1 - Double($0) / 3, 2) }.reduce(0, +) / 5
        XCTAssertEqual(mse, expected, accuracy: 1e-12)
    }

    /// 4 rows and test: 0.2 give round(0.8) = 1 test row, where R² is undefined (it printed nan before).
    func testASplitLeavingOneTestRowIsAnErrorAtSplit() throws {
        expectError(try line([1, 4, 2, 8]), ExperimentSpec(model: .ridge, alphas: .explicit([1]),
                                                           split: HoldoutSplit(test: 0.2, seed: 0)),
                    key: "split", containing: "the split leaves 1 test row: test R² needs at least 2 rows")
    }

    func testATestPartWhoseTargetDoesNotVaryIsAnErrorAtSplit() throws {
        // Every row but one has y = 5, so some seed puts two y = 5 rows in a test part of 2.
        let data = try line([5, 5, 5, 5, 5, 9])
        let (_, test) = try holdoutRows(rowCount: 6, split: HoldoutSplit(test: 0.34, seed: 0))
        XCTAssertEqual(test.count, 2)
        XCTAssertFalse(test.contains(5), "seed 0 leaves the only y = 9 row in training")
        expectError(data, ExperimentSpec(model: .ridge, alphas: .explicit([1]), split: HoldoutSplit(test: 0.34, seed: 0)),
                    key: "split", containing: "the 2 test rows all have y = 5, so test R² is undefined")
    }

    func testATestPartOfFewerThanTenRowsIsAWarningAtSplit() throws {
        let data = try line((0..<20).map { Double($0 % 7) + 0.1 * Double($0) })
        let result = try runExperiment(data, ExperimentSpec(model: .ridge, alphas: .explicit([1]),
                                                            split: HoldoutSplit(test: 0.25, seed: 3)))
        XCTAssertEqual(result.testCount, 5)
        let warning = try XCTUnwrap(result.warnings.first { $0.kind == .smallTestSet })
        XCTAssertEqual(warning.key, "split")
        XCTAssertTrue(warning.message.hasPrefix("the split leaves only 5 test rows"), warning.message)
    }

    /// x ≤ 2 is class 0, x ≥ 3 class 1: the threshold x = 2.5 separates them, so the penalized fit classifies every
    /// row right once α is small enough, and the unpenalized one would have no finite optimum.
    func testSeparableClassesAreAWarningNamingTheLargestSeparatingAlpha() throws {
        let data = try Dataset(featureNames: ["x"], targetName: "y", columns: [[0, 1, 2, 3, 4, 5]], y: [0, 0, 0, 1, 1, 1])
        let result = try runExperiment(data, ExperimentSpec(model: .logistic(penalty: .l2), alphas: .explicit([10, 1, 0.1])))
        let warning = try XCTUnwrap(result.warnings.first { $0.kind == .separableClasses })
        XCTAssertEqual(warning.key, "alphas")
        XCTAssertEqual(warning.alpha, 10, "even the largest α puts every row on its side")
        XCTAssertTrue(warning.message.contains("the classes of 'y' are linearly separable: from α = 10 down"), warning.message)
        let overlapping = try Dataset(featureNames: ["x"], targetName: "y", columns: [[0, 1, 2, 3, 4, 5]],
                                      y: [0, 1, 0, 1, 0, 1])
        let mixed = try runExperiment(overlapping, ExperimentSpec(model: .logistic(penalty: .l2), alphas: .explicit([1, 0.1])))
        XCTAssertFalse(mixed.warnings.contains { $0.kind == .separableClasses })
    }

    /// On diabetes, penalties of 10 and more are far too strong: the best test R² is at the smallest of them.
    func testBestTestScoreAtTheSmallestAlphaIsAWarningAtAlphas() throws {
        let spec = ExperimentSpec(model: .ridge, alphas: .explicit([10, 100, 1000]), split: HoldoutSplit(test: 0.2, seed: 1))
        let result = try runExperiment(try loadDiabetes(), spec)
        XCTAssertEqual(result.bestIndex, 0)
        let warning = try XCTUnwrap(result.warnings.first { $0.kind == .bestAtGridEdge })
        XCTAssertEqual(warning.message, "the best test R² is at the smallest α of the grid (10): the best penalty may lie "
                       + "below it; extend 'alphas' downward (or include 0)")
        XCTAssertEqual(warning.key, "alphas")
        // With α = 0 on the grid nothing lies below, and a grid of two α has nothing between its ends.
        for grid in [[0, 100, 1000], [10, 100]] as [[Double]] {
            var other = spec
            other.alphas = .explicit(grid)
            XCTAssertFalse(try runExperiment(try loadDiabetes(), other).warnings.contains { $0.kind == .bestAtGridEdge }, "\(grid)")
        }
    }

    /// With cv the experiment chooses α_min; its test part is only a check, so only α_min is looked at.
    func testWithCrossValidationOnlyAlphaMinIsCheckedForTheEdge() throws {
        let spec = ExperimentSpec(model: .ridge, alphas: .explicit([10, 100, 1000]), split: HoldoutSplit(test: 0.2, seed: 1),
                                  cv: CrossValidation(folds: 5, seed: 0))
        let warnings = try runExperiment(try loadDiabetes(), spec).warnings.filter { $0.kind == .bestAtGridEdge }
        XCTAssertEqual(warnings.map(\.message), ["cross-validation's α_min is at the smallest α of the grid (10): the best "
                                                 + "penalty may lie below it; extend 'alphas' downward (or include 0)"])
    }

    func testTheLargestAlphaIsAnEdgeUnlessItIsTheEmptyModel() {
        let alphas = [1.0, 2, 4], coefficients = [[0.5], [0.2], [0.1]]
        let above = FitChecks.edgeWarning(2, "the best test R²", alphas: alphas, coefficients: coefficients, alphaMax: 8,
                                          exactAlphaMax: true)
        XCTAssertEqual(above?.message, "the best test R² is at the largest α of the grid (4): the best penalty may lie "
                       + "above it; extend 'alphas' upward")
        let empty = FitChecks.edgeWarning(2, "the best test R²", alphas: alphas, coefficients: [[0.5], [0.2], [0]],
                                          alphaMax: 4, exactAlphaMax: true)
        XCTAssertEqual(empty?.message, "the best test R² is the empty model (α = 4, every coefficient zero): no feature "
                       + "improves the held-out score")
        XCTAssertNil(FitChecks.edgeWarning(1, "the best test R²", alphas: alphas, coefficients: coefficients, alphaMax: 8,
                                           exactAlphaMax: true), "an interior α is no edge")
    }

    func testANonFiniteScoreOrCoefficientIsAnErrorNamingIt() {
        XCTAssertThrowsError(try FitChecks.checkFinite(alphas: [1], coefficients: [[.nan]], intercepts: [0], metrics: [:],
                                                       names: [])) { error in
            XCTAssertEqual((error as? ModelError)?.key, "model")
        }
        XCTAssertThrowsError(try FitChecks.checkFinite(alphas: [1, 2], coefficients: [[1], [1]], intercepts: [0, 0],
                                                       metrics: ["cv_mean": [1, .infinity]], names: ["cv_mean"])) { error in
            XCTAssertEqual(error as? ModelError, ModelError(key: "cv", message: "cv_mean is inf at α = 2"))
        }
    }
}
