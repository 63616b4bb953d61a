import DocgenFigures
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
        XCTAssertTrue(out.altText.contains("the fit for α = 1.00e-09 oscillates most, the one for α = 1 is flattest"), out.altText)
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
}
