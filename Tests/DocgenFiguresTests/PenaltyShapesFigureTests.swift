import DocgenFigures
import DocgenModels
import DocgenPlotting
import XCTest

/// `{figure} penalty-shapes`.
final class PenaltyShapesFigureTests: XCTestCase {
    // MARK: Drawing from plain numbers

    func testPenaltyShapesCSVHoldsSoftThresholdingAndRidgeShrinkage() throws {
        let out = try PenaltyShapesFigure.drawing(options: PenaltyShapesOptions(threshold: 1, range: 3)).render()
        try FigureChecks.assertValidPNG(out.png)
        let rows = FigureChecks.csvRows(out.csv).dropFirst().map { $0.compactMap(Double.init) }
        for row in rows {
            let z = row[0]
            // Closed forms: argmin ½(z−θ)² + |θ| and argmin ½(z−θ)² + ½θ².
            let soft = abs(z) <= 1 ? 0 : z - (z > 0 ? 1 : -1)
            XCTAssertEqual(row[5], soft, accuracy: 1e-12)
            XCTAssertEqual(row[6], z / 2, accuracy: 1e-12)
        }
        XCTAssertTrue(out.altText.contains("sets every |z| ≤ 1 to exactly zero"), out.altText)
        XCTAssertTrue(out.altText.contains("multiplies every value by 0.5"), out.altText)
        for panels in [[PenaltyShapesOptions.PanelKind.thresholding], [.penalties, .gradients], PenaltyShapesOptions.PanelKind.allCases] {
            let figure = try PenaltyShapesFigure.makeFigure(options: PenaltyShapesOptions(panels: panels))
            XCTAssertEqual(figure.panels.count, panels.count)
            try FigureChecks.assertTextDoesNotOverlap(figure)
        }
    }

    func testAZeroThresholdIsAnError() {
        XCTAssertThrowsError(try PenaltyShapesFigure.drawing(options: PenaltyShapesOptions(threshold: 0)).render())
    }

    // MARK: Options

    func testReadsPanelsAndThreshold() throws {
        let kind = try accepted(PenaltyShapesFigure.reading(["panels": ["thresholding", "gradients"], "threshold": "0.5"]))
        XCTAssertEqual(kind.panels, [.thresholding, .gradients], "in the order written")
        XCTAssertEqual(kind.threshold, 0.5)
        XCTAssertEqual(try accepted(PenaltyShapesFigure.reading(["panels": "penalties"])).panels, [.penalties], "one name alone is a list")
    }

    func testWithoutOptionsEveryPanelIsDrawnAtThresholdOne() throws {
        let kind = try accepted(PenaltyShapesFigure.reading([:]))
        XCTAssertEqual(kind.panels, [.penalties, .gradients, .thresholding])
        XCTAssertEqual(kind.threshold, 1)
    }

    func testUnknownOrNoPanelsAreErrorsOnTheirLine() {
        assertRejected(PenaltyShapesFigure.reading(["threshold": "2", "panels": ["penalties", "curves"]]),
                       "unknown panel 'curves' (expected penalties, gradients, thresholding)", at: "panels")
        assertRejected(PenaltyShapesFigure.reading(["panels": []]), "'panels' lists no panels", at: "panels")
    }

    func testTheThresholdMustBeAPositiveNumber() {
        assertRejected(PenaltyShapesFigure.reading(["threshold": "0"]), "'threshold' must be positive", at: "threshold")
        assertRejected(PenaltyShapesFigure.reading(["panels": "penalties", "threshold": "big"]),
                       "'threshold' must be a finite number, found 'big'", at: "threshold")
    }

    // MARK: Requirements

    func testDrawsNoExperimentSoRequiresNothing() {
        XCTAssertEqual(PenaltyShapesFigure.arity, .none)
        let planned = Experiments.planned(ExperimentSpec(model: .ols))
        XCTAssertEqual(PenaltyShapesFigure().problems(with: planned), [])
        XCTAssertEqual(PenaltyShapesFigure().outputs(for: planned), [])
    }

    // MARK: CSV

    func testPenaltyShapesCSVIsTheClosedFormsOnAnEvenGrid() throws {
        let lambda = 0.5
        let rows = FigureChecks.csvNumbers(try PenaltyShapesFigure(threshold: lambda).draw([], title: nil).csv)
        // θ runs over [−r, r] with r = max(2, 3λ) = 2, in 400 equal steps.
        XCTAssertEqual(rows.count, 401)
        for (k, row) in rows.enumerated() {
            let cells = row.map { $0 ?? .nan }
            let z = -2 + 4 * Double(k) / 400
            // The same closed forms written independently: equal up to the rounding of a different but
            // equivalent expression, at most an ulp of a number of size ≤ 4.
            let expected = [z, abs(z), z * z, z == 0 ? 0 : (z > 0 ? 1 : -1), 2 * z,
                            // argmin_θ ½(z − θ)² + λ|θ| and argmin_θ ½(z − θ)² + (λ/2)θ².
                            (z < 0 ? -1 : 1) * max(abs(z) - lambda, 0), z / (1 + lambda)]
            for (column, value) in expected.enumerated() {
                XCTAssertEqual(cells[column], value, accuracy: 1e-15, "θ = \(z), column \(column)")
            }
        }
    }

    // MARK: Draw errors

    func testANonPositiveThresholdOrNoPanelIsADrawError() {
        XCTAssertEqual(FigureChecks.figureInputError { try PenaltyShapesFigure(threshold: 0).draw([], title: nil) },
                       FigureInputError("penalty-shapes", "threshold must be a positive number"))
        XCTAssertEqual(FigureChecks.figureInputError { try PenaltyShapesFigure(panels: []).draw([], title: nil) },
                       FigureInputError("penalty-shapes", "no panels selected"))
    }
}
