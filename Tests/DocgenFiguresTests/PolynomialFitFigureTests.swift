import DocgenFigures
import DocgenModels
import DocgenPlotting
import XCTest

/// `{figure} polynomial-fit`.
final class PolynomialFitFigureTests: XCTestCase {
    // MARK: Drawing from plain numbers

    func testPolynomialFitHasAPanelPerAlphaOrOneOverlay() throws {
        let input = SampleInputs.polynomialFit()
        let out = try PolynomialFitFigure.drawing(input).render()
        try FigureChecks.assertValidPNG(out.png)
        XCTAssertEqual(try PolynomialFitFigure.makeFigure(input, options: PolynomialFitOptions()).panels.count, 3)
        let overlay = try PolynomialFitFigure.makeFigure(input, options: PolynomialFitOptions(layout: .overlay))
        XCTAssertEqual(overlay.panels.count, 1)
        XCTAssertTrue(out.altText.contains("the fit for α = 1 × 10⁻⁹ oscillates most, the one for α = 1 is flattest"), out.altText)
        let rows = FigureChecks.csvRows(out.csv)
        XCTAssertEqual(rows.count, 1 + 20 + 201 + 3 * 201)
        try FigureChecks.assertTextDoesNotOverlap(overlay)
        try FigureChecks.assertTextDoesNotOverlap(try PolynomialFitFigure.makeFigure(input, options: PolynomialFitOptions()))
    }

    func testOneSampleAndAFlatFitRender() throws {
        let input = PolynomialFitInput(sampleX: [0.5], sampleY: [1], fits: [FittedCurve(alpha: 0, xs: [0, 1], ys: [1, 1])])
        try FigureChecks.assertValidPNG(try PolynomialFitFigure.drawing(input).render().png)
    }

    func testNoFittedCurveIsAnError() {
        XCTAssertThrowsError(try PolynomialFitFigure.drawing(PolynomialFitInput(sampleX: [1], sampleY: [1], fits: [])).render())
    }

    // MARK: Options

    func testReadsAlphasAndLayout() throws {
        let kind = try accepted(PolynomialFitFigure.reading(["alphas": ["0", "0.01", "1"], "layout": "overlay"]))
        XCTAssertEqual(kind.alphas, [0, 0.01, 1])
        XCTAssertEqual(kind.layout, .overlay)
        let defaults = try accepted(PolynomialFitFigure.reading([:]))
        XCTAssertNil(defaults.alphas, "without 'alphas' the first three of the grid are drawn")
        XCTAssertEqual(defaults.layout, .panels)
    }

    func testAlphasMustListOneToSixNonNegativeNumbers() {
        let message = "'alphas' must list 1 to 6 non-negative values"
        assertRejected(PolynomialFitFigure.reading(["layout": "panels", "alphas": ["1", "2", "3", "4", "5", "6", "7"]]), message, at: "alphas")
        assertRejected(PolynomialFitFigure.reading(["alphas": ["0.1", "-1"]]), message, at: "alphas")
        assertRejected(PolynomialFitFigure.reading(["alphas": []]), message, at: "alphas")
        assertRejected(PolynomialFitFigure.reading(["alphas": ["0.1", "small"]]), "'alphas' must be a list of finite numbers, found 'small'", at: "alphas")
    }

    func testAnUnknownLayoutIsAnErrorOnItsLine() {
        assertRejected(PolynomialFitFigure.reading(["alphas": ["1"], "layout": "grid"]), "'layout' must be panels or overlay, found 'grid'", at: "layout")
    }

    // MARK: Requirements

    func testNeedsPolynomialFeatures() {
        XCTAssertEqual(PolynomialFitFigure().problems(with: Experiments.planned(ExperimentSpec(model: .ridge), inputs: 1)),
                       ["figure polynomial-fit needs experiment 'e' to have 'polynomial: DEGREE'"])
        XCTAssertEqual(PolynomialFitFigure().problems(with: Experiments.planned(ExperimentSpec(model: .ridge, polynomialDegree: 9), inputs: 1)), [])
    }

    func testNamesItsAlphasSoTheBuildCanCheckThemAgainstTheGrid() {
        XCTAssertEqual(PolynomialFitFigure(alphas: [1e-3, 1]).requestedAlphas,
                       [AlphaRequest(key: "alphas", alpha: 1e-3), AlphaRequest(key: "alphas", alpha: 1)])
    }

    func testAsksForCurvesAtItsAlphas() {
        XCTAssertEqual(PolynomialFitFigure(alphas: [0.1, 10]).outputs(for: Experiments.planned(ExperimentSpec(model: .ridge, polynomialDegree: 9))),
                       [.fittedCurves(FittedCurvesRequest(points: 241, alphas: [0.1, 10]))])
    }

    // MARK: CSV from a real fit

    func testPolynomialFitCSVHoldsTheDataTheTrueCurveAndTheResultsPredictions() throws {
        let generator = GeneratorSpec.curve(n: 20, noise: 0.2, seed: 3)
        let data = try generate(generator).dataset
        let spec = ExperimentSpec(model: .ridge, alphas: .explicit([10, 0.1, 1e-3]), polynomialDegree: 5,
                                  split: HoldoutSplit(test: 0.25, seed: 4))
        // 0.09 and 12 are nearest (on a log scale) to the grid's 0.1 and 10.
        let figure = PolynomialFitFigure(alphas: [0.09, 12])
        let e = try Experiments.finished(data, spec, generator: generator, outputsFor: figure)
        let rows = FigureChecks.csvRows(try figure.draw([e], title: nil).csv)
        XCTAssertEqual(rows[0], ["series", "alpha", "x", "y"])
        func numbers(_ series: String) -> [[Double]] { rows.filter { $0[0] == series }.map { $0[1...].compactMap(Double.init) } }

        // Every row of the data, test rows too, in data order and to the last digit, each named by its part of the
        // split: 5 of 20 rows (test: 0.25) are test rows, drawn apart from the training rows.
        let samples = rows.filter { $0[0] == "train" || $0[0] == "test" }
        XCTAssertEqual(samples.map { $0[2...].compactMap(Double.init) }, zip(data.column(0), data.y).map { [$0, $1] })
        XCTAssertEqual(samples.filter { $0[0] == "test" }.count, 5)
        XCTAssertEqual(numbers("sample"), [], "with a split no point is an unnamed sample")
        let drawn = try figure.draw([e], title: nil).figure
        var legend: [String] = []
        for case .scatter(let s) in drawn.panels[0].items { legend.append(s.label ?? "") }
        XCTAssertEqual(legend, ["train (15)", "test (5)"], "train and test points are two series with their own legend entries")

        let truth = numbers("true")
        let lo = data.column(0).min()!, hi = data.column(0).max()!
        XCTAssertEqual(truth.count, 241)
        for (k, point) in truth.enumerated() {
            // 240 equal steps across the data's x range; sin(2πx) evaluated here again, so only rounding differs.
            XCTAssertEqual(point[0], lo + (hi - lo) * Double(k) / 240, accuracy: 1e-15)
            XCTAssertEqual(point[1], sin(2 * Double.pi * point[0]), accuracy: 1e-12)
        }

        let fits = numbers("fit")
        XCTAssertEqual(fits.count, 2 * 241)
        for (curve, k) in [1, 0].enumerated() {
            for (i, point) in fits[(curve * 241)..<((curve + 1) * 241)].enumerated() {
                XCTAssertEqual(point[0], e.result.alphas[k], "curves in the order asked for, at the grid's α")
                XCTAssertEqual(point[1], truth[i][0], "fits are drawn on the true curve's grid")
                XCTAssertEqual(point[2], e.result.predict(raw: [point[1]], alphaIndex: k), "the result's own prediction, every digit")
            }
        }
    }

    func testWithoutAlphasTheFirstThreeOfTheGridAreDrawn() throws {
        let data = try generate(.curve(n: 12, noise: 0.1, seed: 1)).dataset
        let spec = ExperimentSpec(model: .lasso, alphas: .explicit([1, 1e-2, 1e-4, 1e-6]), polynomialDegree: 3)
        let e = try Experiments.finished(data, spec, outputsFor: PolynomialFitFigure())
        let drawn = Set(FigureChecks.csvRows(try PolynomialFitFigure().draw([e], title: nil).csv).filter { $0[0] == "fit" }.map { $0[1] })
        XCTAssertEqual(drawn, ["1.0", "0.01", "0.0001"])
        XCTAssertFalse(FigureChecks.csvRows(try PolynomialFitFigure().draw([e], title: nil).csv).contains { $0[0] == "true" },
                       "without the generator there is no true curve")
    }

    // MARK: Draw errors

    func testDrawingWithoutTheComputedCurvesIsAnError() throws {
        let data = try generate(.curve(n: 12, noise: 0.1, seed: 1)).dataset
        let e = try Experiments.finished(data, ExperimentSpec(model: .ridge, alphas: .explicit([1]), polynomialDegree: 3),
                                         outputsFor: PolynomialFitFigure(alphas: [1]))
        let error = try XCTUnwrap(FigureChecks.figureInputError { try PolynomialFitFigure(alphas: [2]).draw([e], title: nil) },
                                  "curves computed for other α are not this figure's")
        XCTAssertEqual(error.figureKind, "polynomial-fit")
        XCTAssertTrue(error.message.hasPrefix("experiment 'e' has no computed fittedCurves"), error.message)
        XCTAssertEqual(FigureChecks.figureInputError { try PolynomialFitFigure().draw([], title: nil) },
                       FigureInputError("polynomial-fit", "needs an experiment"))
    }
}
