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
        try write("extreme-path", PathFigure.render(input))
        var cv = SampleInputs.cvCurve(alphas: SampleInputs.logspace(-8, 6, 90))
        cv.meanError = cv.meanError.map { $0 * 1e7 }
        cv.standardError = cv.standardError.map { $0 * 1e7 }
        try write("extreme-cv", CVCurveFigure.render(cv))
        var complexityAlpha = SampleInputs.complexity()
        complexityAlpha.xKind = .alpha
        complexityAlpha.xs = SampleInputs.logspace(2, -6, 15)
        try write("complexity-alpha", ComplexityCurveFigure.render(complexityAlpha))
        try write("titled-path", PathFigure.render(SampleInputs.lassoPath(), options: PathFigureOptions(title: "Lasso path on diabetes")))
        try write("small-cv", CVCurveFigure.render(SampleInputs.cvCurve(), options: CVCurveFigureOptions(title: "10-fold CV"),
                                                    style: FigureStyle(width: 480, height: 320)))
        var values: [[Double]] = []
        for m in 0..<3 { values.append((0..<24).map { j in Double((j * 37 + m * 11) % 23) - 11 }) }
        try write("crowded-coefficients", CoefficientsFigure.render(CoefficientsFigureInput(
            modelNames: ["OLS", "ridge", "lasso"], featureNames: (0..<24).map { "feature_\($0 * 7)" }, values: values)))
    }

    func testRenderSamplesOfEveryKindInLightAndDark() throws {
        for (suffix, theme) in [("light", Theme.light), ("dark", Theme.dark)] {
            let style = FigureStyle(theme: theme)
            try write("path-\(suffix)", PathFigure.render(SampleInputs.lassoPath(), style: style))
            try write("path-l1-\(suffix)", PathFigure.render(SampleInputs.lassoPath(),
                                                             options: PathFigureOptions(xAxis: .l1Norm), style: style))
            try write("scores-\(suffix)", ScoresFigure.render(SampleInputs.scores(), style: style))
            try write("cv-\(suffix)", CVCurveFigure.render(SampleInputs.cvCurve(), style: style))
            try write("geometry-\(suffix)", ConstraintGeometryFigure.render(SampleInputs.constraintGeometry(), style: style))
            try write("penalties-\(suffix)", PenaltyShapesFigure.render(style: style))
            try write("polyfit-\(suffix)", PolynomialFitFigure.render(SampleInputs.polynomialFit(), style: style))
            try write("polyfit-overlay-\(suffix)", PolynomialFitFigure.render(SampleInputs.polynomialFit(),
                                                                               options: PolynomialFitOptions(layout: .overlay), style: style))
            try write("complexity-\(suffix)", ComplexityCurveFigure.render(SampleInputs.complexity(), style: style))
            try write("coefficients-\(suffix)", CoefficientsFigure.render(SampleInputs.coefficients(), style: style))
        }
    }
}
