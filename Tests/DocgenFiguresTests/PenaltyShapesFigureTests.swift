import DocgenFigures
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
}
