import DocgenFigures
import DocgenPlotting
import XCTest

/// Seeded sweeps over magnitudes and offsets: text never overlaps and never leaves the figure.
final class RandomRangeTests: XCTestCase {
    func testTextStaysApartForScoresAndCVCurvesAtManyScales() throws {
        let u = SampleInputs.noise(400, seed: 11).map { ($0 + 1) / 2 }
        var k = 0
        func next() -> Double { k += 1; return u[k % u.count] }
        for _ in 0..<24 {
            let scale = pow(10, -9 + 18 * next()), offset = (next() - 0.5) * scale * (next() < 0.3 ? 1e4 : 3)
            let lo = -9 + 12 * next(), hi = lo + 0.3 + 8 * next()
            let alphas = SampleInputs.logspace(lo, hi, 30)
            let curve = alphas.indices.map { i in offset + scale * (1 + sin(Double(i) / 4)) }
            let scores = ScoresFigureInput(alphas: alphas, trainScores: curve.map { $0 * 1.1 }, testScores: curve,
                                           metricName: "mean squared error", higherIsBetter: false)
            try FigureChecks.assertTextDoesNotOverlap(try ScoresFigure.makeFigure(scores, options: ScoresFigureOptions()))
            let cv = CVCurveFigureInput(alphas: alphas, meanError: curve, standardError: curve.map { abs($0) * 0.05 },
                                        nonzeroCounts: alphas.indices.map { 30 - $0 }, alphaMin: alphas[10], alpha1SE: alphas[14])
            try FigureChecks.assertTextDoesNotOverlap(try CVCurveFigure.makeFigure(cv, options: CVCurveFigureOptions()), theme: .dark)
        }
    }
}
