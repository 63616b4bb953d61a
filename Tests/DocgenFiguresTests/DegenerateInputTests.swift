import DocgenFigures
import DocgenPlotting
import XCTest

/// Inputs at the edges (one α, all-zero paths, constant curves) render valid PNGs with readable text.
final class DegenerateInputTests: XCTestCase {
    func testSingleAlphaAndAllZeroPathsRender() throws {
        let one = PathFigureInput(featureNames: ["a", "b"], alphas: [0.5], coefficients: [[0, 0]])
        for mode in [PathFigureOptions.XAxis.logAlpha, .l1Norm] {
            let out = try RegularizationPathFigure.drawing(one, options: PathFigureOptions(xAxis: mode)).render()
            try FigureChecks.assertValidPNG(out.png)
            XCTAssertTrue(out.altText.contains("2 coefficients"), out.altText)
            try FigureChecks.assertTextDoesNotOverlap(try RegularizationPathFigure.makeFigure(one, options: PathFigureOptions(xAxis: mode)))
        }
        let zeros = PathFigureInput(featureNames: ["a", "b", "c"], alphas: [1, 0.1, 0.01], coefficients: Array(repeating: [0, 0, 0], count: 3))
        try FigureChecks.assertValidPNG(try RegularizationPathFigure.drawing(zeros).render().png)
    }

    func testOnePointScoresCVAndComplexityRender() throws {
        try FigureChecks.assertValidPNG(try ScoresFigure.drawing(ScoresFigureInput(alphas: [1], trainScores: [0.5], testScores: [0.4],
                                                                                  metricName: "R^2", higherIsBetter: true)).render().png)
        try FigureChecks.assertValidPNG(try CVCurveFigure.drawing(CVCurveFigureInput(alphas: [1], meanError: [3], standardError: [0],
                                                                                    nonzeroCounts: [2], alphaMin: 1, alpha1SE: 1)).render().png)
        try FigureChecks.assertValidPNG(try ComplexityCurveFigure.drawing(ComplexityCurveInput(xKind: .degree, xs: [3], trainError: [1],
                                                                                              testError: [2])).render().png)
    }

    func testConstantSamplesAndFlatFitsRender() throws {
        let input = PolynomialFitInput(sampleX: [0.5], sampleY: [1], fits: [FittedCurve(alpha: 0, xs: [0, 1], ys: [1, 1])])
        try FigureChecks.assertValidPNG(try PolynomialFitFigure.drawing(input).render().png)
        let coefficients = CoefficientsFigureInput(modelNames: ["lasso"], featureNames: ["x"], values: [[0]])
        let out = try CoefficientsFigure.drawing(coefficients).render()
        try FigureChecks.assertValidPNG(out.png)
        XCTAssertTrue(out.altText.contains("lasso has 1 zero coefficient"), out.altText)
    }

    func testEmptyOrNonFiniteInputsAreErrors() {
        XCTAssertThrowsError(try ScoresFigure.drawing(ScoresFigureInput(alphas: [], trainScores: [], testScores: [], metricName: "R^2", higherIsBetter: true)).render())
        XCTAssertThrowsError(try ScoresFigure.drawing(ScoresFigureInput(alphas: [1, 2], trainScores: [1, 2], testScores: [.nan, .nan],
                                                                       metricName: "R^2", higherIsBetter: true)).render())
        XCTAssertThrowsError(try CVCurveFigure.drawing(CVCurveFigureInput(alphas: [1, 0], meanError: [1, 2], standardError: [0, 0])).render())
        XCTAssertThrowsError(try PenaltyShapesFigure.drawing(options: PenaltyShapesOptions(threshold: 0)).render())
        XCTAssertThrowsError(try PolynomialFitFigure.drawing(PolynomialFitInput(sampleX: [1], sampleY: [1], fits: [])).render())
        XCTAssertThrowsError(try CoefficientsFigure.drawing(CoefficientsFigureInput(modelNames: ["a"], featureNames: ["x", "y"], values: [[1]])).render())
        XCTAssertThrowsError(try ComplexityCurveFigure.drawing(ComplexityCurveInput(xKind: .alpha, xs: [0], trainError: [1], testError: [1])).render())
    }
}
