import DocgenFigures
import DocgenPlotting
import Foundation
import XCTest

/// Writes every figure kind to $DOCGEN_FIGURE_SAMPLES (when set) for looking at; asserts only that rendering succeeds.
final class SampleRenderTests: XCTestCase {
    func write(_ name: String, _ out: FigureOutput) throws {
        guard let dir = ProcessInfo.processInfo.environment["DOCGEN_FIGURE_SAMPLES"] else { return }
        try Data(out.png).write(to: URL(fileURLWithPath: "\(dir)/\(name).png"))
        try out.csv.write(toFile: "\(dir)/\(name).csv", atomically: true, encoding: .utf8)
        try out.altText.write(toFile: "\(dir)/\(name).txt", atomically: true, encoding: .utf8)
    }

    func testRenderExtremeRangeSamples() throws {
        let alphas = SampleInputs.logspace(12, -12, 40)
        let zs = SampleInputs.leastSquares.map { $0 * 1e-7 }
        let coefficients = alphas.map { a in zs.map { SampleInputs.softThreshold($0, a * 33.6e-7 / alphas[0] * 1e11) } }
        let input = PathFigureInput(featureNames: SampleInputs.names.map { "feature_\($0)" }, alphas: alphas,
                                    coefficients: coefficients, alphaMin: alphas[20], alpha1SE: alphas[18])
        try write("extreme-path", RegularizationPathFigure.drawing(input).render())
        var cv = SampleInputs.cvCurve(alphas: SampleInputs.logspace(-8, 6, 90))
        cv.meanError = cv.meanError.map { $0 * 1e7 }
        cv.standardError = cv.standardError.map { $0 * 1e7 }
        try write("extreme-cv", CVCurveFigure.drawing(cv).render())
        var complexityAlpha = SampleInputs.complexity()
        complexityAlpha.xKind = .alpha
        complexityAlpha.xs = SampleInputs.logspace(2, -6, 15)
        try write("complexity-alpha", ComplexityCurveFigure.drawing(complexityAlpha).render())
        try write("titled-path", RegularizationPathFigure.drawing(SampleInputs.lassoPath(), options: PathFigureOptions(title: "Lasso path on diabetes")).render())
        try write("small-cv", CVCurveFigure.drawing(SampleInputs.cvCurve(), options: CVCurveFigureOptions(title: "10-fold CV")).render(style: FigureStyle(width: 480, height: 320)))
        var values: [[Double]] = []
        for m in 0..<3 { values.append((0..<24).map { j in Double((j * 37 + m * 11) % 23) - 11 }) }
        try write("crowded-coefficients", CoefficientsFigure.drawing(CoefficientsFigureInput(
            modelNames: ["OLS", "ridge", "lasso"], featureNames: (0..<24).map { "feature_\($0 * 7)" }, values: values)).render())
    }

    func testRenderSamplesOfEveryKindInLightAndDark() throws {
        for (suffix, theme) in [("light", Theme.light), ("dark", Theme.dark)] {
            let style = FigureStyle(theme: theme)
            try write("path-\(suffix)", RegularizationPathFigure.drawing(SampleInputs.lassoPath()).render(style: style))
            try write("path-l1-\(suffix)", RegularizationPathFigure.drawing(SampleInputs.lassoPath(),
                                                             options: PathFigureOptions(xAxis: .l1Norm)).render(style: style))
            try write("scores-\(suffix)", ScoresFigure.drawing(SampleInputs.scores()).render(style: style))
            try write("cv-\(suffix)", CVCurveFigure.drawing(SampleInputs.cvCurve()).render(style: style))
            try write("geometry-\(suffix)", ConstraintGeometryFigure.drawing(SampleInputs.constraintGeometry()).render(style: style))
            try write("penalties-\(suffix)", PenaltyShapesFigure.drawing().render(style: style))
            try write("polyfit-\(suffix)", PolynomialFitFigure.drawing(SampleInputs.polynomialFit()).render(style: style))
            try write("polyfit-overlay-\(suffix)", PolynomialFitFigure.drawing(SampleInputs.polynomialFit(),
                                                                               options: PolynomialFitOptions(layout: .overlay)).render(style: style))
            try write("complexity-\(suffix)", ComplexityCurveFigure.drawing(SampleInputs.complexity()).render(style: style))
            try write("coefficients-\(suffix)", CoefficientsFigure.drawing(SampleInputs.coefficients()).render(style: style))
        }
    }
}
