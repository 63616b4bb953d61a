import CLapack
import XCTest
@testable import DocgenModels

/// The scikit-learn conventions as closed forms and optimality conditions: what `convention: sklearn`,
/// `fit_intercept: false` and `positive: true` mean, checked against formulas written out here, not against docgen's
/// own solvers.
final class ScikitLearnConventionTests: XCTestCase {
    /// Solves (A + shift·I) w = b for a symmetric positive definite p×p matrix given by rows.
    private func solve(_ a: [[Double]], shift: Double, _ b: [Double]) -> [Double] {
        let p = b.count
        var m = [Double](repeating: 0, count: p * p), rhs = b
        for j in 0..<p { for k in 0..<p { m[k * p + j] = a[j][k] } ; m[j * p + j] += shift }
        XCTAssertEqual(docgen_LAPACKE_dposv(LAPACK_COL_MAJOR, CChar(UInt8(ascii: "U")), Int32(p), 1, &m, Int32(p), &rhs,
                                     Int32(p)), 0)
        return rhs
    }

    /// XᵀX and Xᵀy over columns (centered first when `center`), the sums scikit-learn's `Ridge` works with.
    private func normalEquations(_ columns: [[Double]], _ y: [Double], center: Bool) -> ([[Double]], [Double]) {
        let n = Double(y.count)
        let xs = columns.map { c -> [Double] in
            let m = center ? c.reduce(0, +) / n : 0
            return c.map { $0 - m }
        }
        let ym = center ? y.reduce(0, +) / n : 0
        let yc = y.map { $0 - ym }
        let gram = xs.map { a in xs.map { b in zip(a, b).reduce(0) { $0 + $1.0 * $1.1 } } }
        let xty = xs.map { a in zip(a, yc).reduce(0) { $0 + $1.0 * $1.1 } }
        return (gram, xty)
    }

    private func diabetesTrainingRows() throws -> Dataset {
        let data = try loadDiabetes()
        return data.selectingRows(Array(0..<300))
    }

    // MARK: - Ridge: sklearn's alpha = n · docgen's α

    /// `Ridge(alpha)` minimizes ‖y − Xw‖² + alpha‖w‖², whose normal equations are (XᵀX + alpha·I)w = Xᵀy (X, y
    /// centered with an intercept). docgen's (1/(2n))‖y − Xw‖² + (α/2)‖w‖² times 2n is the same objective with
    /// alpha = nα, so `convention: sklearn` with alphas a must solve exactly those equations, standardized or not, with
    /// an intercept or without.
    func testRidgeWithScikitLearnAlphaSolvesTheUnscaledNormalEquations() throws {
        let data = try diabetesTrainingRows()
        let n = data.rowCount
        let alphas = [1e-3, 0.5, 30.0]
        for standardize in [false, true] {
            for intercept in [true, false] {
                let family = LeastSquares(penalty: .ridge, fitIntercept: intercept, convention: .sklearn)
                let result = try runExperiment(data, ExperimentSpec(model: family, alphas: .explicit(alphas),
                                                                    standardize: standardize))
                let columns = standardize ? standardizedColumns(data) : (0..<data.featureCount).map(data.column)
                let (gram, xty) = normalEquations(columns, data.y, center: intercept)
                for (k, a) in alphas.enumerated() {
                    let expected = solve(gram, shift: a, xty)
                    let size = expected.map(abs).max()!
                    for j in expected.indices {
                        XCTAssertEqual(result.coefficients[k][j], expected[j], accuracy: 1e-10 * size,
                                       "standardize \(standardize), intercept \(intercept), alpha \(a), feature \(j)")
                    }
                    XCTAssertEqual(result.alphas[k], a / Double(n), accuracy: 1e-15 * a, "docgen's α = alpha / n")
                    XCTAssertEqual(result.penaltyValues[k], a)
                    if !intercept { XCTAssertEqual(result.intercepts[k], 0) }
                }
                XCTAssertEqual(result.penaltyParameter.column, "sklearn_alpha")
            }
        }
    }

    /// The mapping goes through the rows of each fit: cross-validation folds have fewer rows, so the same sklearn
    /// alpha is a larger docgen α there, as the same `Ridge(alpha)` inside `cross_val_score`.
    func testScikitLearnAlphaMapsToAlphaForEachFitsOwnRowCount() {
        let ridge = LeastSquares(penalty: .ridge, convention: .sklearn).penaltyParameter
        XCTAssertEqual(ridge.alpha(10, rows: 400), 0.025)
        XCTAssertEqual(ridge.alpha(10, rows: 320), 0.03125)
        XCTAssertEqual(ridge.value(alpha: 0.025, rows: 400), 10)
        let lasso = LeastSquares(penalty: .lasso, convention: .sklearn).penaltyParameter
        XCTAssertEqual(lasso.alpha(0.3, rows: 400), 0.3, "Lasso's alpha is docgen's α")
        let c = LogisticRegression(penalty: .l2, convention: .sklearn).penaltyParameter
        XCTAssertEqual(c.key, "C")
        XCTAssertEqual(c.alpha(2, rows: 50), 0.01, "α = 1/(n·C)")
        XCTAssertEqual(c.value(alpha: 0.01, rows: 50), 2)
        XCTAssertFalse(c.penalizesMoreWhenLarger)
        XCTAssertEqual(LeastSquares(penalty: .ridge).penaltyParameter, .alpha, "docgen's convention by default")
    }

    // MARK: - Logistic regression with C

    /// With `C: [c]`, the fit must satisfy LogisticRegression's optimality: C·Xᵀ(y − p) = w (L2, intercept free:
    /// Σ(y − p) = 0), i.e. docgen's with α = 1/(nC).
    func testLogisticWithCSatisfiesLogisticRegressionsStationarity() throws {
        let (data, columns, _) = try standardizedBreastCancerSubset()
        let c = 0.7
        let result = try runExperiment(data, ExperimentSpec(model: LogisticRegression(penalty: .l2, convention: .sklearn),
                                                            alphas: .explicit([c])))
        let w = result.coefficients[0], b = result.intercepts[0], n = data.rowCount
        let residual = (0..<n).map { i in
            data.y[i] - sigmoid(b + zip(columns, w).reduce(0) { $0 + $1.0[i] * $1.1 })
        }
        XCTAssertEqual(residual.reduce(0, +), 0, accuracy: 1e-9)
        for (j, column) in columns.enumerated() {
            let gradient = c * zip(column, residual).reduce(0) { $0 + $1.0 * $1.1 }
            XCTAssertEqual(gradient, w[j], accuracy: 1e-9 * max(1, abs(w[j])))
        }
        XCTAssertEqual(result.alphas[0], 1 / (Double(n) * c), accuracy: 1e-18)
        XCTAssertEqual(result.penaltyValues, [c])
    }

    /// Without an intercept (η = Xw), the null model is η = 0 (log-loss log 2), α_max = max_j |x_jᵀ(y − ½)|/(nρ), and
    /// at the solution the L1 optimality conditions hold with no condition on Σ(y − p).
    func testLogisticWithoutInterceptUsesTheNullModelAtEtaZero() throws {
        let (data, columns, _) = try standardizedBreastCancerSubset()
        let n = Double(data.rowCount)
        let family = LogisticRegression(penalty: .l1, fitIntercept: false)
        let result = try runExperiment(data, ExperimentSpec(model: family, alphas: .explicit([0.02, 0.002])))
        XCTAssertEqual(result.nullObjective, log(2), accuracy: 1e-15)
        let expectedMax = columns.map { c in abs(zip(c, data.y).reduce(0) { $0 + $1.0 * ($1.1 - 0.5) }) / n }.max()!
        XCTAssertEqual(result.alphaMax, expectedMax, accuracy: 1e-12)
        for (k, alpha) in [0.02, 0.002].enumerated() {
            let w = result.coefficients[k]
            XCTAssertEqual(result.intercepts[k], 0)
            let p = (0..<data.rowCount).map { i in sigmoid(zip(columns, w).reduce(0) { $0 + $1.0[i] * $1.1 }) }
            for (j, column) in columns.enumerated() {
                let g = zip(column, zip(data.y, p)).reduce(0) { $0 + $1.0 * ($1.1.0 - $1.1.1) } / n
                if w[j] != 0 { XCTAssertEqual(g, alpha * (w[j] > 0 ? 1 : -1), accuracy: 1e-9) }
                else { XCTAssertLessThanOrEqual(abs(g), alpha + 1e-9) }
            }
        }
    }

    /// At α_max (the first value of the automatic grid) the solution is β = 0 exactly, not a rounding-level
    /// coefficient: without an intercept η = 0 there, which scikit-learn's predict reads as class 0 for every row.
    func testAlphaMaxGivesExactZerosSoTiesAtEtaZeroAreClassZero() throws {
        let (data, _, _) = try standardizedBreastCancerSubset()
        for family in [LogisticRegression(penalty: .elasticNet(l1Ratio: 0.3), fitIntercept: false),
                       LogisticRegression(penalty: .l1)] {
            let result = try runExperiment(data, ExperimentSpec(model: family, alphas: .automatic(count: 3, ratio: 0.1)))
            XCTAssertEqual(result.coefficients[0], [0, 0, 0, 0])
            XCTAssertLessThan(result.dualityGaps[0], 1e-12)
        }
        let noIntercept = try runExperiment(data, ExperimentSpec(
            model: LogisticRegression(penalty: .l1, fitIntercept: false), alphas: .automatic(count: 2, ratio: 0.1)))
        let zeros = Double(data.y.filter { $0 == 0 }.count) / Double(data.rowCount)
        XCTAssertEqual(noIntercept.metric(.accuracy, on: .train)?[0], zeros)
        let elasticNet = try runExperiment(try diabetesTrainingRows(), ExperimentSpec(
            model: LeastSquares(penalty: .elasticNet(l1Ratio: 0.3), fitIntercept: false),
            alphas: .automatic(count: 3, ratio: 0.1)))
        XCTAssertTrue(elasticNet.coefficients[0].allSatisfy { $0 == 0 })
        XCTAssertTrue(elasticNet.coefficients[1].contains { $0 != 0 })
    }

    // MARK: - Least squares without an intercept

    /// Without an intercept nothing is centered: the null objective is ‖y‖²/(2n), α_max = max_j |x_jᵀy|/(nρ), the
    /// lasso's optimality conditions hold for r = y − Xβ, and the certified gap is small at the solution and large for
    /// the intercept model's solution, which is not a solution of this problem.
    /// (Raw features: standardized ones are centered, and then the two problems share their coefficients.)
    func testLassoWithoutInterceptHasUncenteredNullObjectiveAlphaMaxAndGap() throws {
        let data = try diabetesTrainingRows()
        let columns = (0..<data.featureCount).map(data.column)
        let n = Double(data.rowCount)
        let family = LeastSquares(penalty: .lasso, fitIntercept: false)
        let alphas = [5.0, 0.5]
        let result = try runExperiment(data, ExperimentSpec(model: family, alphas: .explicit(alphas), standardize: false))
        XCTAssertEqual(result.nullObjective, data.y.reduce(0) { $0 + $1 * $1 } / (2 * n), accuracy: 1e-9)
        let expectedMax = columns.map { c in abs(zip(c, data.y).reduce(0) { $0 + $1.0 * $1.1 }) / n }.max()!
        XCTAssertEqual(result.alphaMax, expectedMax, accuracy: 1e-9 * expectedMax)
        let z = Dataset(featureNames: data.featureNames, targetName: "y", columnMajor: columns.flatMap { $0 }, y: data.y)
        for (k, alpha) in alphas.enumerated() {
            let beta = result.coefficients[k]
            XCTAssertEqual(result.intercepts[k], 0)
            var r = data.y
            for (j, c) in columns.enumerated() { for i in r.indices { r[i] -= beta[j] * c[i] } }
            for (j, c) in columns.enumerated() {
                let g = zip(c, r).reduce(0) { $0 + $1.0 * $1.1 } / n
                if beta[j] != 0 { XCTAssertEqual(g, alpha * (beta[j] > 0 ? 1 : -1), accuracy: 1e-7) }
                else { XCTAssertLessThanOrEqual(abs(g), alpha + 1e-7) }
            }
            let gap = gaussianGap(GaussianDesign(z, centered: false), beta, alpha: alpha, l1Ratio: 1)
            XCTAssertLessThan(gap, 1e-9 * result.nullObjective)
            let withIntercept = try runExperiment(data, ExperimentSpec(model: .lasso, alphas: .explicit([alpha]),
                                                                       standardize: false))
            let wrongGap = gaussianGap(GaussianDesign(z, centered: false), withIntercept.coefficients[0], alpha: alpha,
                                       l1Ratio: 1)
            XCTAssertGreaterThan(wrongGap, 1e-3 * result.nullObjective, "the gap tells the two problems apart")
        }
    }

    /// Without an intercept and without standardization, a constant column is the bias: it is kept (scikit-learn's
    /// `fit_intercept=False` fits it like any column), so OLS on [1, x] recovers the line through the data.
    func testConstantColumnIsTheBiasWithoutInterceptOrStandardization() throws {
        let x = (0..<20).map { Double($0) / 4 }
        let data = try Dataset(featureNames: ["one", "x"], targetName: "y", columns: [x.map { _ in 1 }, x],
                               y: x.map { 3 - 2 * $0 })
        let result = try runExperiment(data, ExperimentSpec(model: LeastSquares(penalty: .none, fitIntercept: false),
                                                            standardize: false))
        XCTAssertEqual(result.coefficients[0][0], 3, accuracy: 1e-12)
        XCTAssertEqual(result.coefficients[0][1], -2, accuracy: 1e-12)
        XCTAssertEqual(result.intercepts[0], 0)
        XCTAssertFalse(result.warnings.contains { $0.kind == .constantFeature })
    }

    // MARK: - Non-negative coefficients

    /// `positive: true` solves min (1/(2n))‖y − β₀ − Xβ‖² + α(ρ‖β‖₁ + (1 − ρ)/2‖β‖²) over β ≥ 0, whose optimality
    /// conditions are, with g_j = x_jᵀr/n − α(1 − ρ)β_j: g_j = αρ where β_j > 0 and g_j ≤ αρ where β_j = 0 (one-sided).
    func testPositiveLassoAndElasticNetSatisfyTheOneSidedOptimalityConditions() throws {
        let data = try diabetesTrainingRows()
        let z = standardizedColumns(data)
        let n = Double(data.rowCount)
        for rho in [1.0, 0.6] {
            let family = LeastSquares(penalty: rho == 1 ? .lasso : .elasticNet(l1Ratio: rho), positive: true)
            let alphas = [3.0, 0.3, 0.01]
            let unconstrained = try runExperiment(data, ExperimentSpec(model: LeastSquares(penalty: family.penalty),
                                                                       alphas: .explicit(alphas)))
            let result = try runExperiment(data, ExperimentSpec(model: family, alphas: .explicit(alphas)))
            for (k, alpha) in alphas.enumerated() {
                let beta = result.coefficients[k], b0 = result.intercepts[k]
                XCTAssertTrue(beta.allSatisfy { $0 >= 0 }, "ρ \(rho), α \(alpha): \(beta)")
                var r = data.y.map { $0 - b0 }
                for (j, c) in z.enumerated() { for i in r.indices { r[i] -= beta[j] * c[i] } }
                XCTAssertEqual(r.reduce(0, +) / n, 0, accuracy: 1e-9)
                for (j, c) in z.enumerated() {
                    let g = zip(c, r).reduce(0) { $0 + $1.0 * $1.1 } / n - alpha * (1 - rho) * beta[j]
                    if beta[j] > 0 { XCTAssertEqual(g, alpha * rho, accuracy: 1e-7) }
                    else { XCTAssertLessThanOrEqual(g, alpha * rho + 1e-7) }
                }
                XCTAssertLessThan(result.dualityGaps[k], 1e-7 * result.nullObjective)
            }
            // The constraint binds: without it some coefficient is negative at the smallest α.
            XCTAssertTrue(unconstrained.coefficients[2].contains { $0 < 0 })
        }
    }

    /// The one-sided gap certifies the constrained problem: the unconstrained lasso solution (with a negative
    /// coefficient) is infeasible there, and a feasible point short of the optimum has a positive gap.
    func testNonNegativeGapIsZeroOnlyAtTheConstrainedSolution() throws {
        let data = try diabetesTrainingRows()
        let z = Dataset(featureNames: data.featureNames, targetName: "y",
                        columnMajor: standardizedColumns(data).flatMap { $0 }, y: data.y)
        let design = GaussianDesign(z)
        let alpha = 0.3
        let positive = try runExperiment(data, ExperimentSpec(model: LeastSquares(penalty: .lasso, positive: true),
                                                              alphas: .explicit([alpha])))
        let beta = positive.coefficients[0]
        XCTAssertLessThan(gaussianGap(design, beta, alpha: alpha, l1Ratio: 1, nonNegative: true), 1e-9)
        let shrunk = beta.map { 0.9 * $0 }
        XCTAssertGreaterThan(gaussianGap(design, shrunk, alpha: alpha, l1Ratio: 1, nonNegative: true), 1e-6)
        // The unconstrained gap of the constrained solution is positive: a negative direction would lower it.
        XCTAssertGreaterThan(gaussianGap(design, beta, alpha: alpha, l1Ratio: 1), 1e-6)
    }

    func testPositiveWithAZeroPenaltyIsAnErrorAtTheKey() throws {
        let data = try diabetesTrainingRows()
        XCTAssertThrowsError(try runExperiment(data, ExperimentSpec(model: LeastSquares(penalty: .lasso, positive: true),
                                                                    alphas: .explicit([1, 0])))) { error in
            XCTAssertEqual((error as? ModelError)?.key, "positive")
        }
    }

    // MARK: - Ill-conditioned ridge and least squares

    /// scikit-learn's gallery example: ridge on the 10×10 Hilbert matrix (condition 1.6·10¹³), y = 1, no intercept,
    /// sklearn alpha from 1e-10. Solved from the SVD of X, the fit satisfies Ridge's stationarity Xᵀ(y − Xw) = a·w to
    /// rounding even at the smallest alpha, where XᵀX's small eigenvalues are below double precision (the
    /// eigendecomposition of XᵀX this replaced was 5·10⁻⁷ away from scikit-learn there).
    func testHilbertRidgeWithoutInterceptSatisfiesTheNormalEquations() throws {
        let p = 10
        let columns = (0..<p).map { j in (0..<p).map { i in 1 / Double(i + j + 1) } }
        let data = try Dataset(featureNames: (1...p).map { "x\($0)" }, targetName: "y", columns: columns,
                               y: [Double](repeating: 1, count: p))
        let alphas = [1e-10, 1e-6, 1e-2]
        let family = LeastSquares(penalty: .ridge, fitIntercept: false, convention: .sklearn)
        let result = try runExperiment(data, ExperimentSpec(model: family, alphas: .explicit(alphas), standardize: false))
        for (k, a) in alphas.enumerated() {
            let w = result.coefficients[k]
            let xw = (0..<p).map { i in (0..<p).reduce(0) { $0 + columns[$1][i] * w[$1] } }
            // Xᵀ(y − Xw) − a·w = 0.
            for j in 0..<p {
                let xtr = (0..<p).reduce(0) { $0 + columns[j][$1] * (1 - xw[$1]) }
                XCTAssertEqual(xtr, a * w[j], accuracy: 1e-9 * max(1, a * abs(w[j])), "alpha \(a), w\(j + 1)")
            }
        }
    }
}
