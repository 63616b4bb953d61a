import Foundation
import DocgenFigures
import DocgenModels
import DocgenPlotting
import XCTest

final class ScoresAndCVFigureTests: XCTestCase {
    func testScoresFigureMarksTheAlphaWithTheBestTestScore() throws {
        let input = SampleInputs.scores()
        let out = try ScoresFigure.drawing(input).render()
        try FigureChecks.assertValidPNG(out.png)
        let best = input.alphas[input.testScores.indices.max { input.testScores[$0] < input.testScores[$1] }!]
        let figure = try ScoresFigure.makeFigure(input, options: ScoresFigureOptions())
        let marked = figure.panels[0].items.compactMap { item -> Double? in
            if case .reference(let r) = item, r.orientation == .vertical { return r.value } else { return nil }
        }
        XCTAssertEqual(marked, [best])
        XCTAssertTrue(out.altText.contains("at α = \(String(format: "%.3g", best))"), out.altText)
        let rows = FigureChecks.csvRows(out.csv)
        XCTAssertEqual(rows[0], ["alpha", "train_r2", "test_r2"])
        XCTAssertEqual(rows.count, input.alphas.count + 1)
    }

    func testLowerIsBetterMetricsMarkTheMinimum() throws {
        var input = SampleInputs.scores()
        input.testScores = input.testScores.map { 1 - $0 }
        input.higherIsBetter = false
        input.metricName = "mean squared error"
        let figure = try ScoresFigure.makeFigure(input, options: ScoresFigureOptions())
        let best = input.alphas[input.testScores.indices.min { input.testScores[$0] < input.testScores[$1] }!]
        XCTAssertTrue(figure.panels[0].items.contains(.reference(ReferenceLine(.vertical, at: best, ink: .text, dash: .dotted,
                                                                               label: "best α = \(String(format: "%.3g", best))"))))
    }

    func testMetricNamesFromTheDirectiveSetDirection() {
        XCTAssertEqual(Metric(name: "log-loss"), .logLoss)
        XCTAssertEqual(Metric.allCases.filter(\.higherIsBetter), [.r2, .accuracy])
        let input = ScoresFigureInput(alphas: [1, 2], trainScores: [1, 2], testScores: [3, 4], metric: .mse)
        XCTAssertFalse(input.higherIsBetter)
        XCTAssertEqual(input.metricName, "mean squared error")
    }

    func testCVCurveHasErrorBarsOfOneStandardErrorAndTheOneSELevel() throws {
        let input = SampleInputs.cvCurve()
        let out = try CVCurveFigure.drawing(input).render()
        try FigureChecks.assertValidPNG(out.png)
        let figure = try CVCurveFigure.makeFigure(input, options: CVCurveFigureOptions())
        guard case .errorBars(let bars)? = figure.panels[0].items.first else { return XCTFail("first item is the error bars") }
        for k in bars.xs.indices {
            let i = input.alphas.firstIndex(of: bars.xs[k])!
            XCTAssertEqual(bars.upper[k] - bars.lower[k], 2 * input.standardError[i], accuracy: 1e-9)
        }
        let kMin = input.meanError.indices.min { input.meanError[$0] < input.meanError[$1] }!
        let level = figure.panels[0].items.compactMap { item -> Double? in
            if case .reference(let r) = item, r.orientation == .horizontal { return r.value } else { return nil }
        }
        XCTAssertEqual(level, [input.meanError[kMin] + input.standardError[kMin]])
        XCTAssertEqual(FigureChecks.csvRows(out.csv)[0], ["alpha", "cv_mean", "cv_se", "nonzero"])
        try FigureChecks.assertTextDoesNotOverlap(figure)
    }

    func testCVCurveWithHugeErrorsKeepsTextApart() throws {
        var input = SampleInputs.cvCurve(alphas: SampleInputs.logspace(-8, 6, 90))
        input.meanError = input.meanError.map { $0 * 1e7 }
        input.standardError = input.standardError.map { $0 * 1e7 }
        try FigureChecks.assertTextDoesNotOverlap(try CVCurveFigure.makeFigure(input, options: CVCurveFigureOptions()))
    }
}

final class GeometryAndPenaltyFigureTests: XCTestCase {
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

    func testPenaltyShapesCSVHoldsSoftThresholdingAndRidgeShrinkage() throws {
        let out = try PenaltyShapesFigure.drawing(options: PenaltyShapesOptions(threshold: 1, range: 3)).render()
        try FigureChecks.assertValidPNG(out.png)
        let rows = FigureChecks.csvRows(out.csv).dropFirst().map { $0.compactMap(Double.init) }
        for row in rows {
            let z = row[0]
            // Closed forms: argmin ½(z−θ)² + |θ| and argmin ½(z−θ)² + ½θ².
            let soft = abs(z) <= 1 ? 0 : z - (z > 0 ? 1 : -1)
            XCTAssertEqual(row[5], soft, accuracy: 1e-12)
            XCTAssertEqual(row[6], z / 2, accuracy: 1e-12)
        }
        XCTAssertTrue(out.altText.contains("sets every |z| ≤ 1 to exactly zero"), out.altText)
        XCTAssertTrue(out.altText.contains("multiplies every value by 0.5"), out.altText)
        for panels in [[PenaltyShapesOptions.PanelKind.thresholding], [.penalties, .gradients], PenaltyShapesOptions.PanelKind.allCases] {
            let figure = try PenaltyShapesFigure.makeFigure(options: PenaltyShapesOptions(panels: panels))
            XCTAssertEqual(figure.panels.count, panels.count)
            try FigureChecks.assertTextDoesNotOverlap(figure)
        }
    }
}

final class FitAndComparisonFigureTests: XCTestCase {
    func testPolynomialFitHasAPanelPerAlphaOrOneOverlay() throws {
        let input = SampleInputs.polynomialFit()
        let out = try PolynomialFitFigure.drawing(input).render()
        try FigureChecks.assertValidPNG(out.png)
        XCTAssertEqual(try PolynomialFitFigure.makeFigure(input, options: PolynomialFitOptions()).panels.count, 3)
        let overlay = try PolynomialFitFigure.makeFigure(input, options: PolynomialFitOptions(layout: .overlay))
        XCTAssertEqual(overlay.panels.count, 1)
        XCTAssertTrue(out.altText.contains("the fit for α = 1.00e-09 oscillates most, the one for α = 1 is flattest"), out.altText)
        let rows = FigureChecks.csvRows(out.csv)
        XCTAssertEqual(rows.count, 1 + 20 + 201 + 3 * 201)
        try FigureChecks.assertTextDoesNotOverlap(overlay)
        try FigureChecks.assertTextDoesNotOverlap(try PolynomialFitFigure.makeFigure(input, options: PolynomialFitOptions()))
    }

    func testComplexityCurveMarksTheMinimumTestError() throws {
        let input = SampleInputs.complexity()
        let out = try ComplexityCurveFigure.drawing(input).render()
        try FigureChecks.assertValidPNG(out.png)
        XCTAssertTrue(out.altText.contains("lowest (0.09) at degree 4"), out.altText)
        let figure = try ComplexityCurveFigure.makeFigure(input, options: ComplexityCurveOptions())
        XCTAssertEqual(figure.panels[0].y.scale, .log, "errors spanning a factor > 30 use a log axis")
        try FigureChecks.assertTextDoesNotOverlap(figure)
        var alphaInput = input
        alphaInput.xKind = .alpha
        alphaInput.xs = SampleInputs.logspace(2, -6, 15)
        let alphaFigure = try ComplexityCurveFigure.makeFigure(alphaInput, options: ComplexityCurveOptions(logErrorAxis: false))
        XCTAssertTrue(alphaFigure.panels[0].x.reversed)
        try FigureChecks.assertTextDoesNotOverlap(alphaFigure)
    }

    func testCoefficientsFigureCountsExactZerosPerModel() throws {
        let input = SampleInputs.coefficients()
        let out = try CoefficientsFigure.drawing(input).render()
        try FigureChecks.assertValidPNG(out.png)
        // Soft thresholding at 5 zeroes |z| ≤ 5: age, s3, s6.
        XCTAssertTrue(out.altText.contains("lasso has 3 zero coefficients and its largest is s5"), out.altText)
        XCTAssertTrue(out.altText.contains("OLS has no zero coefficients"), out.altText)
        let rows = FigureChecks.csvRows(out.csv)
        XCTAssertEqual(rows[0], ["feature", "OLS", "ridge", "lasso", "elastic net"])
        XCTAssertEqual(rows.count, 11)
        try FigureChecks.assertTextDoesNotOverlap(try CoefficientsFigure.makeFigure(input, options: CoefficientsFigureOptions()))
    }

    func testCrowdedCategoryLabelsStayApart() throws {
        for p in [10, 18, 30, 60] {
            let names = (0..<p).map { "feature_\($0 * 7)" }
            var values: [[Double]] = []
            for m in 0..<3 {
                var row: [Double] = []
                for j in 0..<p { row.append(Double((j * 37 + m * 11) % 23) - 11) }
                values.append(row)
            }
            let input = CoefficientsFigureInput(modelNames: ["OLS", "ridge", "lasso"], featureNames: names, values: values)
            let figure = try CoefficientsFigure.makeFigure(input, options: CoefficientsFigureOptions())
            XCTAssertEqual(figure.panels[0].x.categories?.count, min(p, 30))
            try FigureChecks.assertTextDoesNotOverlap(figure)
        }
    }

    func testOnlyTheLargestFeaturesAreDrawnWhenThereAreMany() throws {
        let p = 500
        var row: [Double] = []
        for j in 0..<p { row.append(j % 50 == 0 ? Double(100 + j) : 0.01 * Double(j % 7)) }
        let values = [row]
        let input = CoefficientsFigureInput(modelNames: ["lasso"], featureNames: (0..<p).map { "x\($0)" }, values: values)
        let figure = try CoefficientsFigure.makeFigure(input, options: CoefficientsFigureOptions(maxFeatures: 10))
        XCTAssertEqual(figure.panels[0].x.categories, (0..<10).map { "x\($0 * 50)" })
        XCTAssertEqual(FigureChecks.csvRows(try CoefficientsFigure.drawing(input).render().csv).count, p + 1)
    }

    func testConcurrentRendersMatchSerialOnes() throws {
        let serial = try RegularizationPathFigure.drawing(SampleInputs.lassoPath()).render().png
        final class Results: @unchecked Sendable {
            let lock = NSLock()
            var pngs: [[UInt8]] = []
            func add(_ png: [UInt8]) { lock.lock(); pngs.append(png); lock.unlock() }
        }
        let results = Results()
        DispatchQueue.concurrentPerform(iterations: 4) { _ in
            if let png = try? RegularizationPathFigure.drawing(SampleInputs.lassoPath()).render().png { results.add(png) }
        }
        XCTAssertEqual(results.pngs.count, 4)
        for png in results.pngs { XCTAssertEqual(png, serial) }
    }

    func testEveryKindIsDeterministic() throws {
        XCTAssertEqual(try ScoresFigure.drawing(SampleInputs.scores()).render().png, try ScoresFigure.drawing(SampleInputs.scores()).render().png)
        XCTAssertEqual(try ConstraintGeometryFigure.drawing(SampleInputs.constraintGeometry()).render().png,
                       try ConstraintGeometryFigure.drawing(SampleInputs.constraintGeometry()).render().png)
        XCTAssertEqual(try CoefficientsFigure.drawing(SampleInputs.coefficients()).render().png,
                       try CoefficientsFigure.drawing(SampleInputs.coefficients()).render().png)
    }
}
