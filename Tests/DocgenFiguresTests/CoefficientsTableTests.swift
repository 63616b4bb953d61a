import DocgenFigures
import DocgenModels
import XCTest

/// `{table} coefficients`.
final class CoefficientsTableTests: XCTestCase {
    // MARK: Options

    func testReadsTheAlphasOfItsColumns() throws {
        XCTAssertEqual(try accepted(CoefficientsTable.reading(["alphas": ["0.1", "1"]])).alphas, [0.1, 1])
        XCTAssertEqual(try accepted(CoefficientsTable.reading(["alphas": "0.5"])).alphas, [0.5], "one number alone is a list")
    }

    func testWithoutAlphasItShowsEveryAlphaOfTheGrid() throws {
        let table = try accepted(CoefficientsTable.reading([:]))
        XCTAssertNil(table.alphas)
        XCTAssertEqual(table.rows, .feature)
        XCTAssertEqual(try accepted(CoefficientsTable.reading(["rows": "alpha"])).rows, .alpha)
    }

    func testRowsIsFeatureOrAlpha() {
        assertRejected(CoefficientsTable.reading(["rows": "alphas"]), "'rows' must be feature or alpha, found 'alphas'; "
                       + "did you mean 'alpha'?", at: "rows")
    }

    /// Twelve α columns fit across a page; one row per α allows a hundred.
    func testAlphasMustListOneToTwelveNonNegativeNumbersAsColumnsAndUpToAHundredAsRows() throws {
        let message = "'alphas' must list 1 to 12 non-negative values with rows: feature"
        let thirteen = OptionLiteral.list((1...13).map { .scalar(String($0)) })
        assertRejected(CoefficientsTable.reading(["alphas": thirteen]), message + " (rows: alpha shows up to 100)", at: "alphas")
        assertRejected(CoefficientsTable.reading(["alphas": ["1", "-0.1"]]), message, at: "alphas")
        assertRejected(CoefficientsTable.reading(["alphas": []]), message, at: "alphas")
        assertRejected(CoefficientsTable.reading(["alphas": ["1", "all"]]), "'alphas' must be a list of finite numbers, found 'all'", at: "alphas")
        XCTAssertEqual(try accepted(CoefficientsTable.reading(["alphas": thirteen, "rows": "alpha"])).alphas?.count, 13)
        assertRejected(CoefficientsTable.reading(["alphas": OptionLiteral.list((1...101).map { .scalar(String($0)) }),
                                                  "rows": "alpha"]),
                       "'alphas' must list 1 to 100 non-negative values with rows: alpha", at: "alphas")
    }

    // MARK: Requirements

    func testAnyExperimentMeetsItsRequirements() {
        for spec in [ExperimentSpec(model: .ols), ExperimentSpec(model: .logistic(penalty: .l2))] {
            XCTAssertEqual(CoefficientsTable(alphas: [0]).problems(with: Experiments.planned(spec)), [])
        }
    }

    /// Every α of a grid is known to fit (or not) before anything is fitted: a 30-α grid is too wide as columns.
    func testWithoutAlphasTheGridMustFitTheOrientation() {
        let thirty = Experiments.planned(ExperimentSpec(model: .lasso, alphas: .logspace(start: -4, stop: 0, count: 30)))
        XCTAssertEqual(CoefficientsTable(alphas: nil).problems(with: thirty), [
            "table coefficients shows at most 12 α; experiment '\(thirty.id)' has 30: list the ones to show in 'alphas', "
                + "or set 'rows: alpha' (up to 100)",
        ])
        XCTAssertEqual(CoefficientsTable(alphas: nil, rows: .alpha).problems(with: thirty), [])
        XCTAssertEqual(CoefficientsTable(alphas: [0.1]).problems(with: thirty), [], "a list of α fits whatever the grid")
    }

    func testItAsksForItsAlphasSoTheBuildCanCheckThemAgainstTheGrid() {
        XCTAssertEqual(CoefficientsTable(alphas: [0.1, 2]).requestedAlphas,
                       [AlphaRequest(key: "alphas", alpha: 0.1), AlphaRequest(key: "alphas", alpha: 2)])
        XCTAssertEqual(CoefficientsTable(alphas: nil).requestedAlphas, [])
    }

    // MARK: Cells from a real fit

    /// A number as tables print it: four significant digits, exact zeros as "0".
    private func cell(_ x: Double) -> String { x == 0 ? "0" : NumberFormatting.prose(x, digits: 4) }

    func testCellsAreTheResultsCoefficientsAtTheNearestAlphas() throws {
        let data = try SampleInputs.orthonormalDesign()
        let e = try Experiments.finished(data, ExperimentSpec(model: .lasso, alphas: .explicit([1.5, 0.3, 0.1])))
        let r = e.result
        // 0.1 is on the grid; 1.4 is nearest (on a log scale) to 1.5.
        let table = try CoefficientsTable(alphas: [0.1, 1.4]).table([e])
        XCTAssertEqual(table.header, ["Feature", "α = 0.1", "α = 1.5"])
        XCTAssertEqual(table.numericColumnsFrom, 1)
        let expected: [[TableModel.Cell]] = ["a", "b", "c", "d"].enumerated().map { j, name in
            [TableModel.Cell(name), TableModel.Cell(cell(r.coefficients[2][j])), TableModel.Cell(cell(r.coefficients[0][j]))]
        } + [
            [TableModel.Cell("intercept", emphasized: true), TableModel.Cell(cell(r.intercepts[2])), TableModel.Cell(cell(r.intercepts[0]))],
            [TableModel.Cell("nonzero coefficients", emphasized: true), TableModel.Cell(String(r.nonzeroCount(at: 2))),
             TableModel.Cell(String(r.nonzeroCount(at: 0)))],
        ]
        XCTAssertEqual(table.rows, expected)
        // Soft thresholding of z = [3, −2, 1, 0.5] at 0.1 and 1.5; the intercept is the mean of y, 5.
        XCTAssertEqual(table.rows.map { $0.map(\.text) }, [
            ["a", "2.9", "1.5"], ["b", "−1.9", "−0.5"], ["c", "0.9", "0"], ["d", "0.4", "0"],
            ["intercept", "5", "5"], ["nonzero coefficients", "4", "2"],
        ])
    }

    /// The seed article's table: one row per α of logspace(-4, 0, 30), one column per feature, from one directive.
    func testRowsAlphaHasOneRowPerGridAlphaAndOneColumnPerFeature() throws {
        let data = try SampleInputs.orthonormalDesign()
        let e = try Experiments.finished(data, ExperimentSpec(model: .lasso, alphas: .logspace(start: -4, stop: 0, count: 30)))
        let table = try CoefficientsTable(alphas: nil, rows: .alpha).table([e])
        XCTAssertEqual(table.header, ["α", "a", "b", "c", "d", "Intercept", "Nonzero"])
        XCTAssertEqual(table.numericColumnsFrom, 0)
        XCTAssertEqual(table.rows.count, 30)
        // 3 − 0.0001 to four digits is 3.
        XCTAssertEqual(table.rows[0].map(\.text), ["0.0001", "3", "−2", "0.9999", "0.4999", "5", "4"])
        // α = 1 is the last row: soft thresholding of z = [3, −2, 1, 0.5] at 1.
        XCTAssertEqual(table.rows[29].map(\.text), ["1", "2", "−1", "0", "0", "5", "2"])
    }

    func testRowsAlphaRefusesMoreFeaturesThanFitAsColumns() throws {
        let wide = try Dataset(featureNames: (1...21).map { "x\($0)" }, targetName: "y",
                               columns: (1...21).map { j in (0..<30).map { Double(($0 * j) % 7) } },
                               y: (0..<30).map { Double($0 % 5) })
        let e = try Experiments.finished(wide, ExperimentSpec(model: .ridge, alphas: .explicit([1])))
        XCTAssertThrowsError(try CoefficientsTable(alphas: nil, rows: .alpha).table([e])) { error in
            XCTAssertEqual((error as? FigureInputError)?.key, "rows")
            XCTAssertEqual((error as? FigureInputError)?.message, "experiment '\(e.id)' has 21 features; rows: alpha shows "
                           + "at most 20 as columns (rows: feature shows any number)")
        }
    }
}
