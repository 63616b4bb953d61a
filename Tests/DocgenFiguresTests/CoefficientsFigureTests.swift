import DocgenFigures
import DocgenPlotting
import XCTest

/// `{figure} coefficients`.
final class CoefficientsFigureTests: XCTestCase {
    // MARK: Drawing from plain numbers

    func testCoefficientsFigureCountsExactZerosPerModel() throws {
        let input = SampleInputs.coefficients()
        let out = try CoefficientsFigure.drawing(input).render()
        try FigureChecks.assertValidPNG(out.png)
        // Soft thresholding at 5 zeroes |z| ≤ 5: age, s3, s6.
        XCTAssertTrue(out.altText.contains("lasso has 3 zero coefficients and its largest is s5"), out.altText)
        XCTAssertTrue(out.altText.contains("OLS has no zero coefficients"), out.altText)
        let rows = FigureChecks.csvRows(out.csv)
        XCTAssertEqual(rows[0], ["feature", "OLS", "ridge", "lasso", "elastic net"])
        XCTAssertEqual(rows.count, 11)
        try FigureChecks.assertTextDoesNotOverlap(try CoefficientsFigure.makeFigure(input, options: CoefficientsFigureOptions()))
    }

    func testCrowdedCategoryLabelsStayApart() throws {
        for p in [10, 18, 30, 60] {
            let names = (0..<p).map { "feature_\($0 * 7)" }
            var values: [[Double]] = []
            for m in 0..<3 {
                var row: [Double] = []
                for j in 0..<p { row.append(Double((j * 37 + m * 11) % 23) - 11) }
                values.append(row)
            }
            let input = CoefficientsFigureInput(modelNames: ["OLS", "ridge", "lasso"], featureNames: names, values: values)
            let figure = try CoefficientsFigure.makeFigure(input, options: CoefficientsFigureOptions())
            XCTAssertEqual(figure.panels[0].x.categories?.count, min(p, 30))
            try FigureChecks.assertTextDoesNotOverlap(figure)
        }
    }

    func testOnlyTheLargestFeaturesAreDrawnWhenThereAreMany() throws {
        let p = 500
        var row: [Double] = []
        for j in 0..<p { row.append(j % 50 == 0 ? Double(100 + j) : 0.01 * Double(j % 7)) }
        let values = [row]
        let input = CoefficientsFigureInput(modelNames: ["lasso"], featureNames: (0..<p).map { "x\($0)" }, values: values)
        let figure = try CoefficientsFigure.makeFigure(input, options: CoefficientsFigureOptions(maxFeatures: 10))
        XCTAssertEqual(figure.panels[0].x.categories, (0..<10).map { "x\($0 * 50)" })
        XCTAssertEqual(FigureChecks.csvRows(try CoefficientsFigure.drawing(input).render().csv).count, p + 1)
    }

    func testCoefficientsFigureIsDeterministic() throws {
        XCTAssertEqual(try CoefficientsFigure.drawing(SampleInputs.coefficients()).render().png,
                       try CoefficientsFigure.drawing(SampleInputs.coefficients()).render().png)
    }

    func testASingleZeroCoefficientRenders() throws {
        let coefficients = CoefficientsFigureInput(modelNames: ["lasso"], featureNames: ["x"], values: [[0]])
        let out = try CoefficientsFigure.drawing(coefficients).render()
        try FigureChecks.assertValidPNG(out.png)
        XCTAssertTrue(out.altText.contains("lasso has 1 zero coefficient"), out.altText)
    }

    func testARowOfTheWrongLengthIsAnError() {
        XCTAssertThrowsError(try CoefficientsFigure.drawing(CoefficientsFigureInput(modelNames: ["a"], featureNames: ["x", "y"], values: [[1]])).render())
    }
}
