import DocgenFigures
import DocgenModels
import DocgenPlotting
import XCTest

/// `{figure} complexity-curve`.
final class ComplexityCurveFigureTests: XCTestCase {
    // MARK: Drawing from plain numbers

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
        XCTAssertFalse(alphaFigure.panels[0].x.reversed, "by default α grows to the right, as in every kind")
        try FigureChecks.assertTextDoesNotOverlap(alphaFigure)
        let decreasing = ComplexityCurveOptions(logErrorAxis: false, conventions: FigureConventions(alphaAxis: .decreasing))
        let reversedFigure = try ComplexityCurveFigure.makeFigure(alphaInput, options: decreasing)
        XCTAssertTrue(reversedFigure.panels[0].x.reversed, "alpha_axis: decreasing puts weak penalties on the right")
        XCTAssertEqual(reversedFigure.panels[0].x.label, "penalty α (log scale, weaker →)")
    }

    func testOnePointComplexityCurveRenders() throws {
        try FigureChecks.assertValidPNG(try ComplexityCurveFigure.drawing(ComplexityCurveInput(xKind: .degree, xs: [3], trainError: [1],
                                                                                              testError: [2])).render().png)
    }

    func testAZeroAlphaIsAnError() {
        XCTAssertThrowsError(try ComplexityCurveFigure.drawing(ComplexityCurveInput(xKind: .alpha, xs: [0], trainError: [1], testError: [1])).render())
    }

    // MARK: Options

    func testReadsTheDegreesToRefitAt() throws {
        XCTAssertEqual(try accepted(ComplexityCurveFigure.reading(["x": "degree", "degrees": ["1", "3", "5"]])).degrees, [1, 3, 5])
        XCTAssertEqual(try accepted(ComplexityCurveFigure.reading(["x": "degree"])).degrees, Array(1...12), "the default degrees")
    }

    func testWithoutXDegreeTheCurveIsAgainstAlpha() throws {
        XCTAssertNil(try accepted(ComplexityCurveFigure.reading([:])).degrees)
        XCTAssertNil(try accepted(ComplexityCurveFigure.reading(["x": "alpha"])).degrees)
        XCTAssertNil(try accepted(ComplexityCurveFigure.reading(["x": "log-alpha"])).degrees)
    }

    func testAnUnknownXIsAnErrorOnItsLine() {
        assertRejected(ComplexityCurveFigure.reading(["degrees": ["2"], "x": "weird"]), "'x' must be degree or alpha, found 'weird'", at: "x")
    }

    func testDegreesMustBeWholeNumbersFromOneToThirty() {
        for degrees: OptionLiteral in [["0", "2"], ["2.5"], ["31"], []] {
            assertRejected(ComplexityCurveFigure.reading(["x": "degree", "degrees": degrees]),
                           "'degrees' must list whole degrees from 1 to 30", at: "degrees")
        }
    }

    // MARK: Requirements

    private let split = HoldoutSplit(test: 0.3, seed: 5)

    func testNeedsAHoldoutSplit() {
        XCTAssertEqual(ComplexityCurveFigure().problems(with: Experiments.planned(ExperimentSpec(model: .ridge), inputs: 4)),
                       ["figure complexity-curve needs experiment 'e' to have 'split: {test: 0.2, seed: 42}'"])
    }

    func testAgainstDegreeNeedsASingleInput() {
        let figure = ComplexityCurveFigure(degrees: [1, 2, 3])
        XCTAssertEqual(figure.problems(with: Experiments.planned(ExperimentSpec(model: .ridge, split: split), inputs: 3)),
                       ["complexity-curve against degree needs a single-input experiment (curve data or one feature)"])
        XCTAssertEqual(figure.problems(with: Experiments.planned(ExperimentSpec(model: .ridge, split: split), inputs: 1)), [])
        XCTAssertEqual(figure.problems(with: Experiments.planned(ExperimentSpec(model: .ridge, polynomialDegree: 4, split: split))), [])
        XCTAssertEqual(ComplexityCurveFigure().problems(with: Experiments.planned(ExperimentSpec(model: .ridge, split: split), inputs: 3)), [],
                       "against α any split experiment will do")
    }

    func testAgainstDegreeAsksForADegreeSweep() {
        let planned = Experiments.planned(ExperimentSpec(model: .ridge, split: split), inputs: 1)
        XCTAssertEqual(ComplexityCurveFigure(degrees: [2, 4]).outputs(for: planned), [.degreeSweep(degrees: [2, 4])])
        XCTAssertEqual(ComplexityCurveFigure().outputs(for: planned), [])
    }

    // MARK: CSV from a real fit

    func testAgainstAlphaTheCSVIsTheResultsTrainAndTestMSEAtEveryPositiveAlpha() throws {
        let spec = ExperimentSpec(model: .lasso, alphas: .explicit([0.1, 0, 1, 0.01]), split: split)
        let e = try Experiments.finished(try SampleInputs.twoCorrelatedFeatures(), spec)
        let csv = try ComplexityCurveFigure().draw([e], title: nil).csv
        XCTAssertEqual(FigureChecks.csvRows(csv)[0], ["alpha", "train_error", "test_error"])
        let train = try XCTUnwrap(e.result.metric(.mse, on: .train)), test = try XCTUnwrap(e.result.metric(.mse, on: .test))
        // Increasing α, α = 0 left out, every digit kept.
        XCTAssertEqual(FigureChecks.csvNumbers(csv), [3, 0, 2].map { k in [e.result.alphas[k], train[k], test[k]] })
    }

    func testAgainstDegreeTheCSVIsTheErrorsOfARefitAtEachDegree() throws {
        let data = try generate(.curve(n: 30, noise: 0.2, seed: 2)).dataset
        let spec = ExperimentSpec(model: .ridge, alphas: .explicit([1e-4, 1]), polynomialDegree: 3, split: split)
        let figure = ComplexityCurveFigure(degrees: [1, 2, 4, 8])
        let e = try Experiments.finished(data, spec, outputsFor: figure)
        let csv = try figure.draw([e], title: nil).csv
        XCTAssertEqual(FigureChecks.csvRows(csv)[0], ["degree", "train_error", "test_error"])
        var expected: [[Double?]] = []
        for degree in [1, 2, 4, 8] {
            // The experiment refitted at that degree, at its first α, on the same split.
            var refit = spec
            refit.polynomialDegree = degree
            let r = try runExperiment(data, refit)
            expected.append([Double(degree), try XCTUnwrap(r.metric(.mse, on: .train))[0], try XCTUnwrap(r.metric(.mse, on: .test))[0]])
        }
        XCTAssertEqual(FigureChecks.csvNumbers(csv), expected)
    }

    // MARK: Draw errors

    func testAgainstAlphaDrawingAFitWithoutASplitIsAnError() throws {
        let e = try Experiments.finished(try SampleInputs.twoCorrelatedFeatures(), ExperimentSpec(model: .lasso, alphas: .explicit([0.1])))
        XCTAssertEqual(FigureChecks.figureInputError { try ComplexityCurveFigure().draw([e], title: nil) },
                       FigureInputError("complexity-curve", "complexity-curve needs experiment 'e' to have a 'split'"))
        XCTAssertEqual(FigureChecks.figureInputError { try ComplexityCurveFigure().draw([], title: nil) },
                       FigureInputError("complexity-curve", "needs an experiment"))
    }

    func testAgainstDegreeDrawingWithoutTheSweepIsAnError() throws {
        let data = try generate(.curve(n: 30, noise: 0.2, seed: 2)).dataset
        let e = try Experiments.finished(data, ExperimentSpec(model: .ridge, alphas: .explicit([1e-4]), split: split))
        let error = try XCTUnwrap(FigureChecks.figureInputError { try ComplexityCurveFigure(degrees: [1, 2]).draw([e], title: nil) })
        XCTAssertEqual(error.figureKind, "complexity-curve")
        XCTAssertTrue(error.message.hasPrefix("experiment 'e' has no computed degreeSweep"), error.message)
    }
}
