import DocgenFigures
import DocgenPlotting
import XCTest

/// Inputs at the edges (one α, all-zero paths, constant curves) render valid PNGs with readable text.
final class DegenerateInputTests: XCTestCase {
    func testSingleAlphaAndAllZeroPathsRender() throws {
        let one = PathFigureInput(featureNames: ["a", "b"], alphas: [0.5], coefficients: [[0, 0]])
        for mode in [PathFigureOptions.XAxis.logAlpha, .l1Norm] {
            let out = try PathFigure.render(one, options: PathFigureOptions(xAxis: mode))
            try FigureChecks.assertValidPNG(out.png)
            XCTAssertTrue(out.altText.contains("2 coefficients"), out.altText)
            try FigureChecks.assertTextDoesNotOverlap(try PathFigure.makeFigure(one, options: PathFigureOptions(xAxis: mode)))
        }
        let zeros = PathFigureInput(featureNames: ["a", "b", "c"], alphas: [1, 0.1, 0.01], coefficients: Array(repeating: [0, 0, 0], count: 3))
        try FigureChecks.assertValidPNG(try PathFigure.render(zeros).png)
    }

    func testOnePointScoresCVAndComplexityRender() throws {
        try FigureChecks.assertValidPNG(try ScoresFigure.render(ScoresFigureInput(alphas: [1], trainScores: [0.5], testScores: [0.4],
                                                                                  metricName: "R^2", higherIsBetter: true)).png)
        try FigureChecks.assertValidPNG(try CVCurveFigure.render(CVCurveFigureInput(alphas: [1], meanError: [3], standardError: [0],
                                                                                    nonzeroCounts: [2], alphaMin: 1, alpha1SE: 1)).png)
        try FigureChecks.assertValidPNG(try ComplexityCurveFigure.render(ComplexityCurveInput(xKind: .degree, xs: [3], trainError: [1],
                                                                                              testError: [2])).png)
    }

    func testConstantSamplesAndFlatFitsRender() throws {
        let input = PolynomialFitInput(sampleX: [0.5], sampleY: [1], fits: [FittedCurve(alpha: 0, xs: [0, 1], ys: [1, 1])])
        try FigureChecks.assertValidPNG(try PolynomialFitFigure.render(input).png)
        let coefficients = CoefficientsFigureInput(modelNames: ["lasso"], featureNames: ["x"], values: [[0]])
        let out = try CoefficientsFigure.render(coefficients)
        try FigureChecks.assertValidPNG(out.png)
        XCTAssertTrue(out.altText.contains("lasso has 1 zero coefficient"), out.altText)
    }

    func testEmptyOrNonFiniteInputsAreErrors() {
        XCTAssertThrowsError(try ScoresFigure.render(ScoresFigureInput(alphas: [], trainScores: [], testScores: [], metricName: "R^2", higherIsBetter: true)))
        XCTAssertThrowsError(try ScoresFigure.render(ScoresFigureInput(alphas: [1, 2], trainScores: [1, 2], testScores: [.nan, .nan],
                                                                       metricName: "R^2", higherIsBetter: true)))
        XCTAssertThrowsError(try CVCurveFigure.render(CVCurveFigureInput(alphas: [1, 0], meanError: [1, 2], standardError: [0, 0])))
        XCTAssertThrowsError(try PenaltyShapesFigure.render(options: PenaltyShapesOptions(threshold: 0)))
        XCTAssertThrowsError(try PolynomialFitFigure.render(PolynomialFitInput(sampleX: [1], sampleY: [1], fits: [])))
        XCTAssertThrowsError(try CoefficientsFigure.render(CoefficientsFigureInput(modelNames: ["a"], featureNames: ["x", "y"], values: [[1]])))
        XCTAssertThrowsError(try ComplexityCurveFigure.render(ComplexityCurveInput(xKind: .alpha, xs: [0], trainError: [1], testError: [1])))
    }
}
