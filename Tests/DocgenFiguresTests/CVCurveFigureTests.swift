import DocgenFigures
import DocgenModels
import DocgenPlotting
import XCTest

/// `{figure} cv-curve`.
final class CVCurveFigureTests: XCTestCase {
    // MARK: Drawing from plain numbers

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

    func testOnePointCVCurveRenders() throws {
        try FigureChecks.assertValidPNG(try CVCurveFigure.drawing(CVCurveFigureInput(alphas: [1], meanError: [3], standardError: [0],
                                                                                    nonzeroCounts: [2], alphaMin: 1, alpha1SE: 1)).render().png)
    }

    func testAZeroAlphaIsAnError() {
        XCTAssertThrowsError(try CVCurveFigure.drawing(CVCurveFigureInput(alphas: [1, 0], meanError: [1, 2], standardError: [0, 0])).render())
    }

    // MARK: Options

    func testHasNoOptionsOfItsOwnAndLeavesOthersForTheBuild() throws {
        let reading = CVCurveFigure.reading(["x": "l1-norm"])
        _ = try accepted(reading)
        var reader = reading.reader
        reader.finish(known: CVCurveFigure.optionKeys)
        XCTAssertEqual(reader.diagnostics.items.map(located),
                       ["error Content/chapter.md:21: unknown key 'x' in figure cv-curve (expected one of: )"])
    }

    // MARK: Requirements

    func testNeedsCrossValidation() {
        XCTAssertEqual(CVCurveFigure().problems(with: Experiments.planned(ExperimentSpec(model: .lasso, split: HoldoutSplit(test: 0.2, seed: 1)))),
                       ["figure cv-curve needs experiment 'e' to have 'cv: {folds: 10, seed: 0}'"])
        XCTAssertEqual(CVCurveFigure().problems(with: Experiments.planned(ExperimentSpec(model: .lasso, cv: CrossValidation(folds: 5, seed: 0)))), [])
    }

    // MARK: CSV from a real fit

    func testCVCurveCSVIsTheResultsCVMeanAndStandardErrorAtEveryPositiveAlpha() throws {
        let spec = ExperimentSpec(model: .lasso, alphas: .explicit([0.01, 1, 0, 0.1, 0.3]), cv: CrossValidation(folds: 4, seed: 7))
        let e = try Experiments.finished(try SampleInputs.twoCorrelatedFeatures(), spec)
        let r = e.result
        let drawing = try CVCurveFigure().draw([e], title: nil)
        let mean = try XCTUnwrap(r.metric("cv_mean")), se = try XCTUnwrap(r.metric("cv_se"))
        // Increasing α, α = 0 left out (it has no place on a log axis); every digit kept.
        let expected: [[Double?]] = [0, 3, 4, 1].map { k in [r.alphas[k], mean[k], se[k], Double(r.nonzeroCount(at: k))] }
        XCTAssertEqual(FigureChecks.csvNumbers(drawing.csv), expected)
    }

    func testCVCurveMarksTheResultsAlphaMinAndAlpha1SE() throws {
        // Two true coefficients among ten noisy features: cross-validation's minimum lies inside the grid.
        let data = try generate(.sparse(n: 40, p: 10, nonzero: 2, noise: 1, seed: 5)).dataset
        let spec = ExperimentSpec(model: .lasso, alphas: .automatic(count: 20, ratio: 1e-3), cv: CrossValidation(folds: 5, seed: 3))
        let e = try Experiments.finished(data, spec)
        let alphaMin = try XCTUnwrap(e.result.alphaMin), alpha1SE = try XCTUnwrap(e.result.alpha1SE)
        XCTAssertGreaterThan(alphaMin, e.result.alphas.min()!, "the data should give an interior minimum")
        let items = try CVCurveFigure().draw([e], title: nil).figure.panels[0].items
        let marked = items.compactMap { item -> Double? in
            if case .reference(let line) = item, line.orientation == .vertical { return line.value } else { return nil }
        }
        XCTAssertEqual(marked, [alphaMin, alpha1SE])
        let k = try XCTUnwrap(e.result.alphaMinIndex), mean = try XCTUnwrap(e.result.metric("cv_mean")), se = try XCTUnwrap(e.result.metric("cv_se"))
        let levels = items.compactMap { item -> Double? in
            if case .reference(let line) = item, line.orientation == .horizontal { return line.value } else { return nil }
        }
        XCTAssertEqual(levels, [mean[k] + se[k]], "the one-standard-error level is drawn at the minimum's mean + SE")
    }

    // MARK: Draw errors

    func testDrawingAFitWithoutCrossValidationIsAnError() throws {
        let e = try Experiments.finished(try SampleInputs.twoCorrelatedFeatures(), ExperimentSpec(model: .lasso, alphas: .explicit([0.1])))
        XCTAssertEqual(FigureChecks.figureInputError { try CVCurveFigure().draw([e], title: nil) },
                       FigureInputError("cv-curve", "experiment 'e' has no cross-validation (add 'cv')"))
        XCTAssertEqual(FigureChecks.figureInputError { try CVCurveFigure().draw([], title: nil) },
                       FigureInputError("cv-curve", "needs an experiment"))
    }

    func testADenseGridDrawsTheStandardErrorAsABandAndFewerMarkers() throws {
        func kinds(_ count: Int) throws -> (bars: Int, bands: Int, markerEvery: Int) {
            let figure = try CVCurveFigure.makeFigure(SampleInputs.cvCurve(alphas: SampleInputs.logspace(-3, 1.5, count)),
                                                      options: CVCurveFigureOptions())
            var bars = 0, bands = 0, every = 0
            for item in figure.panels[0].items {
                switch item {
                case .errorBars: bars += 1
                case .polygon: bands += 1
                case .line(let s) where s.label?.hasPrefix("CV mean") == true: every = s.markerEvery
                default: break
                }
            }
            return (bars, bands, every)
        }
        let sparse = try kinds(50), dense = try kinds(5000)
        XCTAssertEqual([sparse.bars, sparse.bands, sparse.markerEvery], [1, 0, 1], "one bar per α")
        XCTAssertEqual([dense.bars, dense.bands, dense.markerEvery], [0, 1, 125], "a band, and 40 markers along the curve")
    }
}
