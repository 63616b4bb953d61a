import DocgenFigures
import DocgenModels
import XCTest

/// `{table} scores`.
final class ScoresTableTests: XCTestCase {
    // MARK: Options

    func testReadsWhereOnThePathEachRowIsRead() throws {
        XCTAssertEqual(try accepted(ScoresTable.reading([:])).at, .best)
        XCTAssertEqual(try accepted(ScoresTable.reading(["at": "best"])).at, .best)
        XCTAssertEqual(try accepted(ScoresTable.reading(["at": "min"])).at, .min)
        XCTAssertEqual(try accepted(ScoresTable.reading(["at": "1se"])).at, .oneSE)
        XCTAssertEqual(try accepted(ScoresTable.reading(["at": "0.05"])).at, .alpha(0.05))
    }

    func testAnythingElseIsAnErrorOnItsLine() {
        assertRejected(ScoresTable.reading(["at": "worst"]), "'at' must be best, min, 1se or a number, found 'worst'", at: "at")
    }

    // MARK: Requirements

    func testOnlyANumericAtIsCheckedAgainstTheGrid() {
        XCTAssertEqual(ScoresTable(at: .alpha(0.5)).requestedAlphas, [AlphaRequest(key: "at", alpha: 0.5)])
        XCTAssertEqual(ScoresTable(at: .min).requestedAlphas, [])
    }

    func testNeedsASplitOrCrossValidation() {
        XCTAssertEqual(ScoresTable().problems(with: Experiments.planned(ExperimentSpec(model: .lasso))),
                       ["table scores needs experiment 'e' to have a 'split' or 'cv'"])
        XCTAssertEqual(ScoresTable().problems(with: Experiments.planned(ExperimentSpec(model: .lasso, split: HoldoutSplit(test: 0.2, seed: 1)))), [])
        XCTAssertEqual(ScoresTable().problems(with: Experiments.planned(ExperimentSpec(model: .lasso, cv: CrossValidation(folds: 5, seed: 1)))), [])
    }

    // MARK: Cells from a real fit

    /// A number as tables print it: four significant digits, exact zeros as "0".
    private func cell(_ x: Double) -> String { x == 0 ? "0" : NumberFormatting.prose(x, digits: 4) }

    private let grid = AlphaGrid.explicit([1, 0.3, 0.1, 0.03, 0.01])
    private let split = HoldoutSplit(test: 0.25, seed: 42)

    /// The row `table` should hold for `e` read at α index `k`, from the result's own numbers.
    private func expectedRow(_ e: FinishedExperiment, at k: Int, withCV: Bool) throws -> [String] {
        let r = e.result
        var row = [e.id, r.modelDisplayName, cell(r.alphas[k]), String(r.nonzeroCount(at: k)),
                   cell(try XCTUnwrap(r.metric(.r2, on: .train))[k]), cell(try XCTUnwrap(r.metric(.r2, on: .test))[k])]
        if withCV { row.append(r.metric("cv_mean").map { cell($0[k]) } ?? "–") }
        return row
    }

    func testAtBestEachRowIsReadWhereTheTestScoreIsHighest() throws {
        let data = try SampleInputs.twoCorrelatedFeatures()
        let experiments = [
            try Experiments.finished(data, ExperimentSpec(model: .lasso, alphas: grid, split: split, cv: CrossValidation(folds: 4, seed: 2)), id: "lasso"),
            try Experiments.finished(data, ExperimentSpec(model: .ridge, alphas: grid, split: split), id: "ridge"),
        ]
        let table = try ScoresTable().table(experiments)
        XCTAssertEqual(table.header, ["Experiment", "Model", "α", "Nonzero", "Train R²", "Test R²", "CV error"])
        XCTAssertEqual(table.numericColumnsFrom, 2)
        var expected: [[String]] = []
        for e in experiments {
            // The highest test R², ties to the larger α (the simpler model).
            let test = try XCTUnwrap(e.result.metric(.r2, on: .test))
            let best = test.indices.max { (test[$0], e.result.alphas[$0]) < (test[$1], e.result.alphas[$1]) }!
            expected.append(try expectedRow(e, at: best, withCV: true))
        }
        XCTAssertEqual(table.rows.map { $0.map(\.text) }, expected, "ridge has no CV, so a dash in that column")
    }

    func testAtMinOneSEOrAnAlphaTheRowIsReadThere() throws {
        let e = try Experiments.finished(try SampleInputs.twoCorrelatedFeatures(),
                                         ExperimentSpec(model: .lasso, alphas: grid, split: split, cv: CrossValidation(folds: 4, seed: 2)))
        XCTAssertEqual(try ScoresTable(at: .min).table([e]).rows.map { $0.map(\.text) },
                       [try expectedRow(e, at: try XCTUnwrap(e.result.alphaMinIndex), withCV: true)])
        XCTAssertEqual(try ScoresTable(at: .oneSE).table([e]).rows.map { $0.map(\.text) },
                       [try expectedRow(e, at: try XCTUnwrap(e.result.alpha1SEIndex), withCV: true)])
        // 0.04 is nearest (on a log scale) to the grid's 0.03.
        XCTAssertEqual(try ScoresTable(at: .alpha(0.04)).table([e]).rows.map { $0.map(\.text) }, [try expectedRow(e, at: 3, withCV: true)])
    }

    func testWithoutCrossValidationThereIsNoCVColumn() throws {
        let e = try Experiments.finished(try SampleInputs.twoCorrelatedFeatures(), ExperimentSpec(model: .ridge, alphas: grid, split: split))
        let table = try ScoresTable(at: .alpha(1)).table([e])
        XCTAssertEqual(table.header, ["Experiment", "Model", "α", "Nonzero", "Train R²", "Test R²"])
        XCTAssertEqual(table.rows.map { $0.map(\.text) }, [try expectedRow(e, at: 0, withCV: false)])
    }

    func testClassificationExperimentsAreScoredByAccuracy() throws {
        let data = try SampleInputs.twoCorrelatedFeatures()
        let labels = try Dataset(featureNames: data.featureNames, targetName: "above", columns: [data.column(0), data.column(1)],
                                 y: data.y.map { $0 > 0 ? 1 : 0 })
        let e = try Experiments.finished(labels, ExperimentSpec(model: .logistic(penalty: .l2), alphas: .explicit([1, 0.1]), split: split))
        let table = try ScoresTable(at: .alpha(0.1)).table([e])
        XCTAssertEqual(table.header, ["Experiment", "Model", "α", "Nonzero", "Train accuracy", "Test accuracy"])
        let r = e.result
        XCTAssertEqual(table.rows.map { $0.map(\.text) }, [[
            "e", "L2-penalized logistic", "0.1", "2",
            cell(try XCTUnwrap(r.metric(.accuracy, on: .train))[1]), cell(try XCTUnwrap(r.metric(.accuracy, on: .test))[1]),
        ]])
    }
}
