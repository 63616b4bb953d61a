import DocgenFigures
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
}
