import DocgenFigures
import DocgenModels
import DocgenPlotting
import XCTest

/// `{figure} scores`.
final class ScoresFigureTests: XCTestCase {
    // MARK: Drawing from plain numbers

    func testScoresFigureMarksTheAlphaWithTheBestTestScore() throws {
        let input = SampleInputs.scores()
        let out = try ScoresFigure.drawing(input).render()
        try FigureChecks.assertValidPNG(out.png)
        let best = input.alphas[input.testScores.indices.max { input.testScores[$0] < input.testScores[$1] }!]
        let figure = try ScoresFigure.makeFigure(input, options: ScoresFigureOptions())
        let marked = figure.panels[0].items.compactMap { item -> Double? in
            if case .reference(let r) = item, r.orientation == .vertical { return r.value } else { return nil }
        }
        XCTAssertEqual(marked, [best])
        XCTAssertTrue(out.altText.contains("at α = \(String(format: "%.3g", best))"), out.altText)
        let rows = FigureChecks.csvRows(out.csv)
        XCTAssertEqual(rows[0], ["alpha", "train_r2", "test_r2"])
        XCTAssertEqual(rows.count, input.alphas.count + 1)
    }

    func testLowerIsBetterMetricsMarkTheMinimum() throws {
        var input = SampleInputs.scores()
        input.testScores = input.testScores.map { 1 - $0 }
        input.higherIsBetter = false
        input.metricName = "mean squared error"
        let figure = try ScoresFigure.makeFigure(input, options: ScoresFigureOptions())
        let best = input.alphas[input.testScores.indices.min { input.testScores[$0] < input.testScores[$1] }!]
        XCTAssertTrue(figure.panels[0].items.contains(.reference(ReferenceLine(.vertical, at: best, ink: .text, dash: .dotted,
                                                                               label: "best α = \(String(format: "%.3g", best))"))))
    }

    func testMetricNamesFromTheDirectiveSetDirection() {
        XCTAssertEqual(Metric(name: "log-loss"), .logLoss)
        XCTAssertEqual(Metric.allCases.filter(\.higherIsBetter), [.r2, .accuracy])
        let input = ScoresFigureInput(alphas: [1, 2], trainScores: [1, 2], testScores: [3, 4], metric: .mse)
        XCTAssertFalse(input.higherIsBetter)
        XCTAssertEqual(input.metricName, "mean squared error")
    }

    func testScoresFigureIsDeterministic() throws {
        XCTAssertEqual(try ScoresFigure.drawing(SampleInputs.scores()).render().png, try ScoresFigure.drawing(SampleInputs.scores()).render().png)
    }

    func testOnePointScoresRender() throws {
        try FigureChecks.assertValidPNG(try ScoresFigure.drawing(ScoresFigureInput(alphas: [1], trainScores: [0.5], testScores: [0.4],
                                                                                  metricName: "R^2", higherIsBetter: true)).render().png)
    }

    func testNoAlphaOrNoFiniteTestScoreIsAnError() {
        XCTAssertThrowsError(try ScoresFigure.drawing(ScoresFigureInput(alphas: [], trainScores: [], testScores: [], metricName: "R^2", higherIsBetter: true)).render())
        XCTAssertThrowsError(try ScoresFigure.drawing(ScoresFigureInput(alphas: [1, 2], trainScores: [1, 2], testScores: [.nan, .nan],
                                                                       metricName: "R^2", higherIsBetter: true)).render())
    }
}
