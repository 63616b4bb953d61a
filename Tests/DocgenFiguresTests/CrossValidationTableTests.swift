import DocgenFigures
import DocgenModels
import XCTest

/// `{table} cv`.
final class CrossValidationTableTests: XCTestCase {
    // MARK: Options

    func testHasNoOptionsOfItsOwnAndLeavesOthersForTheBuild() throws {
        let reading = CrossValidationTable.reading(["at": "min"])
        _ = try accepted(reading)
        var reader = reading.reader
        reader.finish(known: CrossValidationTable.optionKeys)
        XCTAssertEqual(reader.diagnostics.items.map(located), ["error Content/chapter.md:21: unknown key 'at' in table cv (expected one of: )"])
    }

    // MARK: Requirements

    func testNeedsCrossValidation() {
        XCTAssertEqual(CrossValidationTable().problems(with: Experiments.planned(ExperimentSpec(model: .lasso, split: HoldoutSplit(test: 0.2, seed: 1)))),
                       ["table cv needs experiment 'e' to have 'cv: {folds: 10, seed: 0}'"])
        XCTAssertEqual(CrossValidationTable().problems(with: Experiments.planned(ExperimentSpec(model: .lasso, cv: CrossValidation(folds: 5, seed: 0)))), [])
    }

    // MARK: Cells from a real fit

    /// A number as tables print it: four significant digits, exact zeros as "0".
    private func cell(_ x: Double) -> String { x == 0 ? "0" : NumberFormatting.prose(x, digits: 4) }

    func testRowsAreTheResultsAlphaMinAndAlpha1SEWithTheirCVNumbers() throws {
        // Two true coefficients among ten noisy features: the two rules pick different α.
        let data = try generate(.sparse(n: 40, p: 10, nonzero: 2, noise: 1, seed: 5)).dataset
        let spec = ExperimentSpec(model: .lasso, alphas: .automatic(count: 20, ratio: 1e-3), cv: CrossValidation(folds: 5, seed: 3))
        let e = try Experiments.finished(data, spec)
        let r = e.result
        let table = try CrossValidationTable().table([e])
        XCTAssertEqual(table.header, ["Rule", "α", "Nonzero", "CV error", "Standard error"])
        XCTAssertEqual(table.numericColumnsFrom, 1)
        let mean = try XCTUnwrap(r.metric("cv_mean")), se = try XCTUnwrap(r.metric("cv_se"))
        let kMin = try XCTUnwrap(r.alphaMinIndex), k1SE = try XCTUnwrap(r.alpha1SEIndex)
        XCTAssertNotEqual(kMin, k1SE, "the data should separate the two rules")
        XCTAssertEqual(table.rows.map { $0.map(\.text) }, [
            ["Minimum CV error (α_min)", cell(r.alphas[kMin]), String(r.nonzeroCount(at: kMin)), cell(mean[kMin]), cell(se[kMin])],
            ["One standard error (α_1se)", cell(r.alphas[k1SE]), String(r.nonzeroCount(at: k1SE)), cell(mean[k1SE]), cell(se[k1SE])],
        ])
        // The rules' definitions, from the result's columns: the smallest mean, and the largest α within one SE of it.
        XCTAssertEqual(mean[kMin], mean.min())
        let within = r.alphas.indices.filter { mean[$0] <= mean[kMin] + se[kMin] }
        XCTAssertEqual(r.alphas[k1SE], within.map { r.alphas[$0] }.max())
    }
}
