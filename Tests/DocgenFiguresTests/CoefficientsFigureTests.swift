import DocgenFigures
import DocgenModels
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

    // MARK: Options

    func testReadsTheAlphaOfTheBars() throws {
        XCTAssertEqual(try accepted(CoefficientsFigure.reading(["alpha": "0.1"])).alpha, 0.1)
        XCTAssertEqual(try accepted(CoefficientsFigure.reading(["alpha": "0"])).alpha, 0, "α = 0 is the least-squares end")
        XCTAssertNil(try accepted(CoefficientsFigure.reading([:])).alpha, "without 'alpha' each experiment's first α")
    }

    func testAsksForItsAlphaSoTheBuildCanCheckItAgainstTheGrid() {
        XCTAssertEqual(CoefficientsFigure(alpha: 1).requestedAlphas, [AlphaRequest(key: "alpha", alpha: 1)])
        XCTAssertEqual(CoefficientsFigure().requestedAlphas, [])
    }

    /// The legend names the grid α drawn to four digits: `alpha: 1` on a grid holding 1.0105 (1.01049999… in binary)
    /// reads "α = 1.01", no longer "α = 1".
    func testTheLegendShowsTheGridAlphaDrawnNotTheOneAskedFor() throws {
        let e = try Experiments.finished(try SampleInputs.orthonormalDesign(),
                                         ExperimentSpec(model: .lasso, alphas: .explicit([1.0105, 0.1])))
        let csv = try CoefficientsFigure(alpha: 1).draw([e], title: nil).csv
        XCTAssertEqual(FigureChecks.csvRows(csv)[0], ["feature", "lasso, α = 1.01"])
    }

    func testANegativeAlphaIsAnErrorOnItsLine() {
        assertRejected(CoefficientsFigure.reading(["alpha": "-0.1"]), "'alpha' must not be negative", at: "alpha")
    }

    // MARK: Requirements

    func testAnyExperimentMeetsItsRequirements() {
        for spec in [ExperimentSpec(model: .ols), ExperimentSpec(model: .lasso), ExperimentSpec(model: .logistic(penalty: .l1))] {
            XCTAssertEqual(CoefficientsFigure(alpha: 0.1).problems(with: Experiments.planned(spec)), [])
        }
    }

    // MARK: CSV from a real fit

    func testCoefficientsCSVIsEachResultsCoefficientsAtTheNearestAlpha() throws {
        let data = try SampleInputs.orthonormalDesign()
        let z = SampleInputs.leastSquaresOnOrthonormalDesign(data)
        let grid = AlphaGrid.explicit([1, 0.3, 0.1])
        let experiments = [
            try Experiments.finished(data, ExperimentSpec(model: .lasso, alphas: grid), id: "lasso"),
            try Experiments.finished(data, ExperimentSpec(model: .ridge, alphas: grid), id: "ridge"),
            try Experiments.finished(data, ExperimentSpec(model: .elasticNet(l1Ratio: 0.5), alphas: grid), id: "enet"),
            try Experiments.finished(data, ExperimentSpec(model: .ols), id: "ols"),
        ]
        // 0.28 is nearest (on a log scale) to the grid's 0.3; least squares has only α = 0.
        let csv = try CoefficientsFigure(alpha: 0.28).draw(experiments, title: nil).csv
        let rows = FigureChecks.csvRows(csv)
        XCTAssertEqual(rows[0], ["feature", "lasso, α = 0.3", "ridge, α = 0.3", "elastic net (ρ = 0.5), α = 0.3", "least squares"])
        XCTAssertEqual(rows.dropFirst().map { $0[0] }, ["a", "b", "c", "d"])
        let values = FigureChecks.csvNumbers(csv)
        for (m, e) in experiments.enumerated() {
            let k = e.result.alphas.count == 1 ? 0 : 1
            XCTAssertEqual(values.map { $0[m + 1] }, e.result.coefficients[k], "\(e.id): the result's numbers, every digit")
        }
        // And the closed forms on this design (XᵀX/n = I), within what each fit's duality gap allows.
        let closedForms: [(Double) -> Double] = [{ SampleInputs.softThreshold($0, 0.3) }, { $0 / 1.3 },
                                                 { SampleInputs.softThreshold($0, 0.15) / 1.15 }, { $0 }]
        for (m, e) in experiments.enumerated() {
            let tolerance = SampleInputs.orthonormalTolerance(gap: e.result.dualityGaps[e.result.alphas.count == 1 ? 0 : 1])
            for j in z.indices { XCTAssertEqual(values[j][m + 1] ?? .nan, closedForms[m](z[j]), accuracy: tolerance, "\(e.id), feature \(j)") }
        }
    }

    func testWithoutAlphaEachExperimentsFirstAlphaIsDrawn() throws {
        let data = try SampleInputs.orthonormalDesign()
        let e = try Experiments.finished(data, ExperimentSpec(model: .lasso, alphas: .explicit([0.75, 2.5])))
        let csv = try CoefficientsFigure().draw([e], title: nil).csv
        XCTAssertEqual(FigureChecks.csvRows(csv)[0], ["feature", "lasso, α = 0.75"])
        XCTAssertEqual(FigureChecks.csvNumbers(csv).map { $0[1] }, e.result.coefficients[0])
    }

    // MARK: Draw errors

    func testExperimentsWithOtherFeaturesAreAnErrorNamingTheExperiment() throws {
        let spec = ExperimentSpec(model: .lasso, alphas: .explicit([0.1]))
        let e = try Experiments.finished(try SampleInputs.orthonormalDesign(), spec, id: "e")
        let f = try Experiments.finished(try SampleInputs.twoCorrelatedFeatures(), spec, id: "f")
        XCTAssertEqual(FigureChecks.figureInputError { try CoefficientsFigure().draw([e, e, f], title: nil) },
                       FigureInputError("coefficients", "experiment 'f' has other features than 'e'; coefficients compares the same features",
                                        experiment: 2))
        XCTAssertEqual(FigureChecks.figureInputError { try CoefficientsFigure().draw([], title: nil) },
                       FigureInputError("coefficients", "needs at least one model and one feature"))
    }
}
