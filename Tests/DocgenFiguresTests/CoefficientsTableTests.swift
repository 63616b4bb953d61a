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

    func testAlphasAreRequiredAtTheDirective() {
        assertRejected(CoefficientsTable.reading([:]), "table coefficients needs 'alphas'", at: nil)
    }

    func testAlphasMustListOneToTwelveNonNegativeNumbers() {
        let message = "'alphas' must list 1 to 12 non-negative values"
        assertRejected(CoefficientsTable.reading(["alphas": OptionLiteral.list((1...13).map { .scalar(String($0)) })]), message, at: "alphas")
        assertRejected(CoefficientsTable.reading(["alphas": ["1", "-0.1"]]), message, at: "alphas")
        assertRejected(CoefficientsTable.reading(["alphas": []]), message, at: "alphas")
        assertRejected(CoefficientsTable.reading(["alphas": ["1", "all"]]), "'alphas' must be a list of finite numbers, found 'all'", at: "alphas")
    }

    // MARK: Requirements

    func testAnyExperimentMeetsItsRequirements() {
        for spec in [ExperimentSpec(model: .ols), ExperimentSpec(model: .logistic(penalty: .l2))] {
            XCTAssertEqual(CoefficientsTable(alphas: [0]).problems(with: Experiments.planned(spec)), [])
        }
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
}
