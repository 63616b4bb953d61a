import DocgenFigures
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
        XCTAssertTrue(alphaFigure.panels[0].x.reversed)
        try FigureChecks.assertTextDoesNotOverlap(alphaFigure)
    }

    func testOnePointComplexityCurveRenders() throws {
        try FigureChecks.assertValidPNG(try ComplexityCurveFigure.drawing(ComplexityCurveInput(xKind: .degree, xs: [3], trainError: [1],
                                                                                              testError: [2])).render().png)
    }

    func testAZeroAlphaIsAnError() {
        XCTAssertThrowsError(try ComplexityCurveFigure.drawing(ComplexityCurveInput(xKind: .alpha, xs: [0], trainError: [1], testError: [1])).render())
    }
}
