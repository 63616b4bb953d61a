import XCTest
@testable import DocgenModels

/// At α ≥ α_max the KKT conditions make every weight zero; the path driver returns that solution exactly instead of
/// whatever rounding leaves in the solver.
final class AlphaMaxScreeningTests: XCTestCase {
    /// Diabetes on its raw scale: the grid's α_max and the solver's own gradient Xᵀ(y − ȳ)/n differ in the last bits,
    /// which used to leave s1 at 2.4e-15 (counted as one nonzero coefficient) at the top of the grid.
    func testTopOfAnAutomaticLassoGridHasExactlyZeroWeightsOnRawFeatures() throws {
        let data = try loadDiabetes()
        let spec = ExperimentSpec(model: .lasso, alphas: .automatic(count: 5, ratio: 0.01), standardize: false)
        let result = try runExperiment(data, spec)
        XCTAssertEqual(result.alphas[0], result.alphaMax)
        XCTAssertEqual(result.coefficients[0], [Double](repeating: 0, count: 10))
        XCTAssertEqual(result.nonzeroCount(at: 0), 0)
        XCTAssertEqual(result.intercepts[0], data.y.reduce(0, +) / Double(data.rowCount), accuracy: 1e-12)
        XCTAssertEqual(result.dualityGaps[0], 0)
        XCTAssertGreaterThan(result.nonzeroCount(at: 1), 0, "below α_max the solver runs as before")
    }

    /// The solver's gradient (centred columns, BLAS) and the grid's α_max (a plain sum) agree only to rounding: on
    /// this machine the solver's is larger by 2.8e-12 (5e-15 relative), so soft-thresholding at α_max left a weight.
    /// Whichever way the rounding goes, the screened solution is exactly zero.
    func testTheSolversOwnGradientAndTheGridsAlphaMaxAgreeOnlyToRounding() throws {
        let data = try loadDiabetes()
        let design = GaussianDesign(data)
        let gridAlphaMax = alphaMaxOfLinearModel(data, l1Ratio: 1)
        let solverGradient = design.xty.map(abs).max()!
        XCTAssertEqual(solverGradient, gridAlphaMax, accuracy: 1e-12 * gridAlphaMax, "the same number in exact arithmetic")
        let screened = try PathDriver.fit(LeastSquares.lasso, data, alphas: [gridAlphaMax], settings: SolverSettings())
        XCTAssertEqual(screened.solutions[0].coefficients.filter { $0 != 0 }.count, 0)
    }

    func testElasticNetAndL1LogisticAreExactlyZeroAtAlphaMax() throws {
        let diabetes = try loadDiabetes()
        for rho in [0.3, 0.7] {
            let result = try runExperiment(diabetes, ExperimentSpec(model: .elasticNet(l1Ratio: rho),
                                                                    alphas: .automatic(count: 4, ratio: 0.01)))
            XCTAssertEqual(result.nonzeroCount(at: 0), 0, "ρ = \(rho)")
        }
        let (cancer, _, _) = try standardizedBreastCancerSubset()
        let logistic = try runExperiment(cancer, ExperimentSpec(model: .logistic(penalty: .l1),
                                                                alphas: .automatic(count: 4, ratio: 0.01)))
        XCTAssertEqual(logistic.coefficients[0], [0, 0, 0, 0])
        let share = cancer.y.reduce(0, +) / Double(cancer.rowCount)
        XCTAssertEqual(logistic.intercepts[0], log(share / (1 - share)), accuracy: 1e-12)
    }

    /// Without an intercept the model at α ≥ α_max predicts 0 (least squares) or η = 0 (logistic): its intercept is
    /// 0, not the null model's ȳ, and its scores are those of predicting 0 (MSE = mean y², log-loss = log 2). The
    /// screened solution used to carry ȳ, so the top of an intercept-free grid scored as if it had one.
    func testTheTopOfAnInterceptFreeGridPredictsZero() throws {
        let data = try loadDiabetes()
        let result = try runExperiment(data, ExperimentSpec(model: LeastSquares(penalty: .lasso, fitIntercept: false),
                                                            alphas: .automatic(count: 4, ratio: 0.01)))
        XCTAssertEqual(result.coefficients[0], [Double](repeating: 0, count: 10))
        XCTAssertEqual(result.intercepts[0], 0)
        let meanSquare = data.y.reduce(0) { $0 + $1 * $1 } / Double(data.rowCount)
        XCTAssertEqual(result.metrics["train_mse"]![0], meanSquare, accuracy: 1e-9 * meanSquare)
        XCTAssertEqual(result.dualityGaps[0], 0)

        let (cancer, _, _) = try standardizedBreastCancerSubset()
        let logistic = try runExperiment(cancer, ExperimentSpec(model: LogisticRegression(penalty: .l1, fitIntercept: false),
                                                                alphas: .automatic(count: 4, ratio: 0.01)))
        XCTAssertEqual(logistic.coefficients[0], [0, 0, 0, 0])
        XCTAssertEqual(logistic.intercepts[0], 0)
        XCTAssertEqual(logistic.metrics["train_log_loss"]![0], log(2), accuracy: 1e-12)
    }

    /// Ridge has no α at which the weights vanish (its α_max is only glmnet's convention for the grid), so every α
    /// is solved.
    func testRidgeIsNeverScreened() throws {
        let result = try runExperiment(try loadDiabetes(), ExperimentSpec(model: .ridge, alphas: .automatic(count: 3, ratio: 0.01)))
        XCTAssertEqual(result.nonzeroCount(at: 0), 10)
        XCTAssertNil(LeastSquares.ridge.nullSolution(try loadDiabetes()))
        XCTAssertNil(LeastSquares.elasticNet(l1Ratio: 0.0005).nullSolution(try loadDiabetes()))
    }
}
