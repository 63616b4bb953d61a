import DocgenFigures
import DocgenModels
import DocgenPlotting
import Foundation
import XCTest

/// Figures show the penalty in the parameter the experiment was written with (`PenaltyAxis`): an experiment with
/// scikit-learn's C is drawn against C, keeps its shape (the axis turns round, "weaker →" still points right), and
/// its CSV gains the C column beside alpha.
final class PenaltyAxisTests: XCTestCase {
    /// C = 1/(n·α) on n = 100 rows.
    private let c = PenaltyAxis(parameter: PenaltyParameter(key: "C", column: "C", axisName: "scikit-learn C",
                                                            symbol: "C", scale: .inverseOfRowsTimesAlpha), rows: 100)

    func testValuesAreTheAuthorsParameterForTheFittingRows() {
        XCTAssertEqual(c.value(0.01), 1)
        XCTAssertEqual(c.equation(0.001), "C = 10")
        XCTAssertTrue(c.reversed(false), "α increasing rightward is C decreasing rightward")
        XCTAssertFalse(c.reversed(true))
        XCTAssertEqual(c.weakerSide(of: 0.01).from, 1)
        XCTAssertEqual(c.weakerSide(of: 0.01).to, .infinity)
        XCTAssertEqual(PenaltyAxis.alpha.value(0.3), 0.3)
        XCTAssertEqual(PenaltyAxis.alpha.csvHeader, ["alpha"])
    }

    func testPathAgainstCIsLabelledInCAndFollowsTheCoursesPenaltyDirection() throws {
        var input = SampleInputs.lassoPath()
        input.penalty = c
        let figure = try RegularizationPathFigure.makeFigure(input, options: PathFigureOptions())
        let axis = figure.panels[0].x
        XCTAssertEqual(axis.label, "scikit-learn C (log scale, stronger →)")
        XCTAssertTrue(axis.reversed, "C falls as the penalty grows: drawn reversed, the penalty still grows rightward")
        var xs: [Double] = []
        for case .line(let s) in figure.panels[0].items { xs = s.xs; break }
        XCTAssertEqual(xs, input.alphas.sorted(by: >).map(c.value))
        let drawing = try RegularizationPathFigure.drawing(input)
        let rows = FigureChecks.csvRows(try drawing.render().csv)
        XCTAssertEqual(Array(rows[0].prefix(3)), ["alpha", "C", "l1_norm"])
        XCTAssertTrue(drawing.altText.contains("scikit-learn C on a log scale, 1 on the left to 0.000251 on the right"),
                      drawing.altText)
        XCTAssertTrue(drawing.altText.contains("cross-validation picks C = "), drawing.altText)
    }

    func testScoresAgainstCShadeTheWeakerSideAsOverfitting() throws {
        var input = ScoresFigureInput(alphas: [1, 0.1, 0.01, 0.001], trainScores: [0.5, 0.7, 0.9, 0.95],
                                      testScores: [0.5, 0.7, 0.8, 0.6], metric: .r2)
        input.penalty = c
        let plain = try ScoresFigure.makeFigure(input, options: ScoresFigureOptions())
        XCTAssertFalse(plain.panels[0].items.contains { if case .xSpan = $0 { true } else { false } }, "regions only on request")
        let figure = try ScoresFigure.makeFigure(input, options: ScoresFigureOptions(showRegions: true))
        var spans: [XSpan] = []
        for case .xSpan(let span) in figure.panels[0].items { spans.append(span) }
        // Best at α = 0.01; only α = 0.001 is overfit (test 0.6, gap 0.35 against 0.1 at the best), so the span
        // starts half-way (geometrically) between 0.001 and 0.01.
        let overfitting = try XCTUnwrap(spans.first { $0.hatched })
        XCTAssertEqual(overfitting.from, c.value((0.001 * 0.01).squareRoot()), accuracy: 1e-9)
        XCTAssertEqual(overfitting.to, .infinity, "larger C, weaker penalty")
        XCTAssertEqual(figure.panels[0].x.label, "scikit-learn C (log scale, stronger →)")
    }
}
