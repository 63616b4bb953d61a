import DocgenFigures
import DocgenModels
import DocgenPlotting
import Foundation
import XCTest

/// `{figure} constraint-geometry`.
final class ConstraintGeometryFigureTests: XCTestCase {
    // MARK: Drawing from plain numbers

    func testElasticNetBoundaryHasTheSamePenaltyAsThePointTZero() {
        let t = 1.3, rho = 0.3
        let edge = ConstraintGeometryFigure.boundary(.elasticNet, budget: t, l1Ratio: rho, count: 360)
        let budget = rho * t + (1 - rho) / 2 * t * t
        for (x, y) in zip(edge.xs, edge.ys) {
            XCTAssertEqual(rho * (abs(x) + abs(y)) + (1 - rho) / 2 * (x * x + y * y), budget, accuracy: 1e-12)
        }
        XCTAssertEqual(edge.xs[0], t, accuracy: 1e-12); XCTAssertEqual(edge.ys[90], t, accuracy: 1e-12)
        let diamond = ConstraintGeometryFigure.boundary(.lasso, budget: t, l1Ratio: rho, count: 100)
        for (x, y) in zip(diamond.xs, diamond.ys) { XCTAssertEqual(abs(x) + abs(y), t, accuracy: 1e-12) }
    }

    func testBudgetThroughAPointPutsThePointOnTheRegionBoundary() {
        let point = [0.7, -0.4], rho = 0.35
        for kind in ConstraintGeometryOptions.PanelKind.allCases {
            let t = ConstraintGeometryInput.budgetThrough(point, kind: kind, l1Ratio: rho)
            // The boundary ray through the point's direction has the point's length.
            let edge = ConstraintGeometryFigure.boundary(kind, budget: t, l1Ratio: rho, count: 3600)
            let angle = atan2(point[1], point[0])
            let k = edge.xs.indices.min { abs(atan2(edge.ys[$0], edge.xs[$0]) - angle) < abs(atan2(edge.ys[$1], edge.xs[$1]) - angle) }!
            XCTAssertEqual(hypot(edge.xs[k], edge.ys[k]), hypot(point[0], point[1]), accuracy: 2e-3, "\(kind)")
        }
    }

    func testUnconstrainedOptimumZeroesTheGradient() throws {
        let input = SampleInputs.constraintGeometry()
        let o = try XCTUnwrap(input.unconstrainedOptimum)
        XCTAssertEqual(input.a[0] * o[0] + input.a[1] * o[1] - input.b[0], 0, accuracy: 1e-12)
        XCTAssertEqual(input.a[2] * o[0] + input.a[3] * o[1] - input.b[1], 0, accuracy: 1e-12)
        XCTAssertNil(ConstraintGeometryInput(a: [1, 1, 1, 1], b: [1, 1], budget: 1).unconstrainedOptimum)
    }

    func testGeometryFigureDrawsTheContourThroughEachSolution() throws {
        let input = SampleInputs.constraintGeometry()
        let out = try ConstraintGeometryFigure.drawing(input).render()
        try FigureChecks.assertValidPNG(out.png)
        let figure = try ConstraintGeometryFigure.makeFigure(input, options: ConstraintGeometryOptions())
        XCTAssertEqual(figure.panels.count, 3)
        for (panel, solution) in zip(figure.panels, [input.lassoSolution!, input.ridgeSolution!, input.elasticNetSolution!]) {
            let touching = panel.items.compactMap { item -> [Double]? in
                if case .contour(let c) = item, c.dash == .dashed { return c.levels } else { return nil }
            }
            XCTAssertEqual(touching, [[input.loss(solution[0], solution[1])]])
        }
        XCTAssertTrue(out.altText.contains("so s5 is exactly zero"), out.altText)
        XCTAssertTrue(out.csv.contains("lasso_solution,1.0,0.0,"), out.csv)
        try FigureChecks.assertTextDoesNotOverlap(figure)
    }

    func testGeometryPanelsShareTheYAxisAndHaveEqualSquarePlots() throws {
        let figure = try ConstraintGeometryFigure.makeFigure(SampleInputs.constraintGeometry(), options: ConstraintGeometryOptions())
        XCTAssertEqual(figure.panels.map(\.y.showsLabels), [true, false, false])
        let plots = try FigureRenderer.render(figure, theme: .light).panelLayouts.map(\.plot)
        for p in plots {
            XCTAssertEqual(p.width, plots[0].width, accuracy: 0.5)
            XCTAssertEqual(p.width, p.height, accuracy: 0.5, "equal ranges and equal aspect make squares")
        }
    }

    func testInvalidGeometryInputIsRejected() {
        var input = SampleInputs.constraintGeometry()
        input.l1Ratio = 1
        XCTAssertThrowsError(try ConstraintGeometryFigure.drawing(input).render())
        input = SampleInputs.constraintGeometry()
        input.a = [1, 2]
        XCTAssertThrowsError(try ConstraintGeometryFigure.drawing(input).render())
    }

    func testGeometryFigureIsDeterministic() throws {
        XCTAssertEqual(try ConstraintGeometryFigure.drawing(SampleInputs.constraintGeometry()).render().png,
                       try ConstraintGeometryFigure.drawing(SampleInputs.constraintGeometry()).render().png)
    }

    // MARK: Options

    func testReadsABudgetOrAnAlphaAndTheElasticNetsL1Ratio() throws {
        let constrained = try accepted(ConstraintGeometryFigure.reading(["budget": "0.8", "l1_ratio": "0.3"]))
        XCTAssertEqual(constrained.budget, 0.8)
        XCTAssertNil(constrained.alphas)
        XCTAssertEqual(constrained.l1Ratio, 0.3)
        let penalized = try accepted(ConstraintGeometryFigure.reading(["alpha": "0.05"]))
        XCTAssertEqual(penalized.alphas, [0.05])
        XCTAssertNil(penalized.budget)
        XCTAssertNil(penalized.l1Ratio, "without l1_ratio the elastic-net panel takes the experiment's own ρ, else 0.5")
    }

    func testBudgetAndAlphaTogetherAreAnErrorAtAlpha() {
        assertRejected(ConstraintGeometryFigure.reading(["budget": "1", "alpha": "0.1"]), "give either 'budget' or 'alpha', not both", at: "alpha")
    }

    func testBudgetAndAlphaMustBePositiveAndTheL1RatioStrictlyBetweenZeroAndOne() {
        assertRejected(ConstraintGeometryFigure.reading(["budget": "0"]), "'budget' must be positive", at: "budget")
        assertRejected(ConstraintGeometryFigure.reading(["l1_ratio": "0.5", "alpha": "-1"]), "'alpha' must be positive", at: "alpha")
        for rho in ["0", "1"] {
            assertRejected(ConstraintGeometryFigure.reading(["alpha": "0.1", "l1_ratio": OptionLiteral.scalar(rho)]),
                           "'l1_ratio' must be strictly between 0 and 1 for the elastic-net panel", at: "l1_ratio")
        }
    }

    // MARK: Requirements

    func testNeedsExactlyTwoFeatures() {
        let spec = ExperimentSpec(model: .lasso)
        XCTAssertEqual(ConstraintGeometryFigure().problems(with: Experiments.planned(spec)),
                       ["figure constraint-geometry needs a two-feature experiment: add 'features: [a, b]' to 'e'"])
        XCTAssertEqual(ConstraintGeometryFigure().problems(with: Experiments.planned(spec, inputs: 3)),
                       ["figure constraint-geometry needs exactly 2 features; 'e' has 3"])
    }

    func testNeedsARegressionForItDrawsLeastSquaresContours() {
        XCTAssertEqual(ConstraintGeometryFigure().problems(with: Experiments.planned(ExperimentSpec(model: .logistic(penalty: .l1)), inputs: 2)),
                       ["constraint-geometry (it draws least-squares contours) is for regression; 'e' is a classification"])
    }

    func testATwoFeatureRegressionMeetsEveryRequirement() {
        XCTAssertEqual(ConstraintGeometryFigure().problems(with: Experiments.planned(ExperimentSpec(model: .ols), inputs: 2)), [])
    }

    func testAsksForTheLassoRidgeAndElasticNetSolutionsInItsForm() {
        let planned = Experiments.planned(ExperimentSpec(model: .ols), inputs: 2)
        let panels = [1, 0, 0.3].map { ConstraintGeometryRequest.Panel(l1Ratio: $0) }
        XCTAssertEqual(ConstraintGeometryFigure(budget: 0.7, l1Ratio: 0.3).outputs(for: planned),
                       [.constraintGeometry(ConstraintGeometryRequest(panels: panels, form: .constrained(budget: 0.7)))])
        XCTAssertEqual(ConstraintGeometryFigure(alpha: 0.05, l1Ratio: 0.3).outputs(for: planned),
                       [.constraintGeometry(ConstraintGeometryRequest(panels: panels, form: .penalized(alpha: 0.05)))])
    }

    // MARK: CSV from a real fit

    /// The least-squares loss of two standardized features, computed here from the data: columns centered and
    /// scaled to sd 1 (with 1/n), y centered, loss(β) = (1/(2n))‖y − ȳ − Zβ‖².
    private struct StandardizedLoss {
        var z: [[Double]], y: [Double]
        init(_ data: Dataset) {
            func centered(_ v: [Double]) -> [Double] { let m = v.reduce(0, +) / Double(v.count); return v.map { $0 - m } }
            z = (0..<2).map { j in
                let c = centered(data.column(j)), sd = (c.reduce(0) { $0 + $1 * $1 } / Double(c.count)).squareRoot()
                return c.map { $0 / sd }
            }
            y = centered(data.y)
        }
        func callAsFunction(_ beta: [Double]) -> Double {
            y.indices.reduce(0) { sum, i in let r = y[i] - beta[0] * z[0][i] - beta[1] * z[1][i]; return sum + r * r } / Double(2 * y.count)
        }
        /// The smallest eigenvalue of ZᵀZ/n = [[1, r], [r, 1]], 1 − |r|: the loss's strong-convexity modulus.
        var curvature: Double { 1 - abs(zip(z[0], z[1]).reduce(0) { $0 + $1.0 * $1.1 } / Double(y.count)) }
    }

    /// The geometry CSV of `figure` drawn from a least-squares fit on the two correlated features, by element name.
    private func geometryCSV(_ figure: ConstraintGeometryFigure) throws -> (rows: [String: [Double]], ols: ExperimentResult, data: Dataset) {
        let data = try SampleInputs.twoCorrelatedFeatures()
        let e = try Experiments.finished(data, ExperimentSpec(model: .ols), outputsFor: figure)
        var rows: [String: [Double]] = [:]
        for cells in FigureChecks.csvRows(try figure.draw([e], title: nil).csv).dropFirst() {
            rows[cells[0]] = cells.dropFirst().compactMap(Double.init)
        }
        return (rows, e.result, data)
    }

    func testConstrainedCSVHasTheLeastSquaresOptimumAndEachSolutionOnItsBoundary() throws {
        let rho = 0.3
        let (rows, ols, data) = try geometryCSV(ConstraintGeometryFigure(l1Ratio: rho))
        let loss = StandardizedLoss(data)
        let beta = ols.coefficients[0], t = (abs(beta[0]) + abs(beta[1])) / 2
        // Two least-squares solvers of one well-conditioned 2×2 system agree to rounding; 1e-9 leaves room.
        XCTAssertEqual(rows["unconstrained_optimum"]?[0] ?? .nan, beta[0], accuracy: 1e-9)
        XCTAssertEqual(rows["unconstrained_optimum"]?[1] ?? .nan, beta[1], accuracy: 1e-9)
        XCTAssertEqual(rows["unconstrained_optimum"]?[2] ?? .nan, try XCTUnwrap(ols.metric(.mse, on: .train))[0] / 2, accuracy: 1e-9,
                       "the loss at the least-squares fit is half its mean squared error")
        for kind in ["lasso", "ridge", "elasticNet"] {
            XCTAssertEqual(rows["\(kind)_budget"]?[0] ?? .nan, t, accuracy: 1e-12, "by default t is half the ‖β̂_OLS‖₁")
        }
        XCTAssertEqual(rows["l1_ratio"], [rho])
        let lasso = try XCTUnwrap(rows["lasso_solution"]), ridge = try XCTUnwrap(rows["ridge_solution"])
        let enet = try XCTUnwrap(rows["elasticNet_solution"])
        // The constrained solve bisects α until the size is within 1e-10 (relative) of the budget.
        XCTAssertEqual(abs(lasso[0]) + abs(lasso[1]), t, accuracy: 1e-9 * t)
        XCTAssertEqual(hypot(ridge[0], ridge[1]), t, accuracy: 1e-9 * t)
        XCTAssertEqual(rho * (abs(enet[0]) + abs(enet[1])) + (1 - rho) / 2 * (enet[0] * enet[0] + enet[1] * enet[1]),
                       rho * t + (1 - rho) / 2 * t * t, accuracy: 1e-9 * t)
        // Each solution is where the loss is smallest on its region's boundary: no sampled boundary point does better.
        for (kind, solution) in [(ConstraintGeometryOptions.PanelKind.lasso, lasso), (.ridge, ridge), (.elasticNet, enet)] {
            XCTAssertEqual(solution[2], loss(solution), accuracy: 1e-9, "the CSV's loss column is the data's loss")
            let edge = ConstraintGeometryFigure.boundary(kind, budget: t, l1Ratio: rho, count: 3600)
            let sampledMinimum = zip(edge.xs, edge.ys).map { loss([$0, $1]) }.min()!
            XCTAssertLessThanOrEqual(solution[2], sampledMinimum + 1e-9, "\(kind)")
        }
    }

    func testPenalizedCSVHasEachModelsFitAndTheBudgetThroughIt() throws {
        let alpha = 0.05, rho = 0.3
        let (rows, _, data) = try geometryCSV(ConstraintGeometryFigure(alpha: alpha, l1Ratio: rho))
        let loss = StandardizedLoss(data)
        for (kind, family) in [("lasso", LeastSquares.lasso), ("ridge", .ridge), ("elasticNet", .elasticNet(l1Ratio: rho))] {
            let solution = try XCTUnwrap(rows["\(kind)_solution"])
            let fit = try runExperiment(data, ExperimentSpec(model: family, alphas: .explicit([alpha]), tolerance: 1e-12))
            // Both solvers stop at a duality gap ≤ 1e-12 × the null objective; the penalized objective is at least
            // `curvature`-strongly convex, so each is within √(2·gap/curvature) of the exact solution.
            let tolerance = 2 * (2 * 1e-12 * fit.nullObjective / loss.curvature).squareRoot()
            XCTAssertEqual(solution[0], fit.coefficients[0][0], accuracy: tolerance, kind)
            XCTAssertEqual(solution[1], fit.coefficients[0][1], accuracy: tolerance, kind)
        }
        // Penalized form: each region is drawn through its own solution.
        let lasso = try XCTUnwrap(rows["lasso_solution"]), ridge = try XCTUnwrap(rows["ridge_solution"])
        let enet = try XCTUnwrap(rows["elasticNet_solution"])
        XCTAssertEqual(rows["lasso_budget"]?[0] ?? .nan, abs(lasso[0]) + abs(lasso[1]), accuracy: 1e-15)
        XCTAssertEqual(rows["ridge_budget"]?[0] ?? .nan, hypot(ridge[0], ridge[1]), accuracy: 1e-15)
        let t = try XCTUnwrap(rows["elasticNet_budget"]?[0])
        XCTAssertEqual(rho * t + (1 - rho) / 2 * t * t,
                       rho * (abs(enet[0]) + abs(enet[1])) + (1 - rho) / 2 * (enet[0] * enet[0] + enet[1] * enet[1]), accuracy: 1e-14)
    }

    // MARK: Draw errors

    func testDrawingWithoutTheComputedGeometryIsAnError() throws {
        let e = try Experiments.finished(try SampleInputs.twoCorrelatedFeatures(), ExperimentSpec(model: .ols),
                                         outputsFor: ConstraintGeometryFigure(budget: 0.5))
        let error = try XCTUnwrap(FigureChecks.figureInputError { try ConstraintGeometryFigure(budget: 1).draw([e], title: nil) },
                                  "the output computed for another budget is not this figure's")
        XCTAssertEqual(error.figureKind, "constraint-geometry")
        XCTAssertTrue(error.message.hasPrefix("experiment 'e' has no computed constraintGeometry"), error.message)
        XCTAssertNil(error.key)
        XCTAssertEqual(FigureChecks.figureInputError { try ConstraintGeometryFigure().draw([], title: nil) },
                       FigureInputError("constraint-geometry", "needs an experiment"))
    }

    func testAnAlphaThatZeroesASolutionIsAnErrorAtAlpha() throws {
        let figure = ConstraintGeometryFigure(alpha: 1000)
        let e = try Experiments.finished(try SampleInputs.twoCorrelatedFeatures(), ExperimentSpec(model: .ols), outputsFor: figure)
        XCTAssertEqual(FigureChecks.figureInputError { try figure.draw([e], title: nil) },
                       FigureInputError("constraint-geometry", "a solution at this α is all zero, so its region has no size; choose a smaller 'alpha'",
                                        key: "alpha"))
    }
}
