import DocgenFigures
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
}
