import DocgenModels
import XCTest

/// Products of user-supplied counts are checked without trapping, against limits stated in Content/README.md.
final class SizeLimitsTests: XCTestCase {
    func testProductsThatOverflowAreNilInsteadOfATrap() {
        XCTAssertNil(SizeLimits.product(Int.max, 2))
        XCTAssertNil(SizeLimits.product(1 << 40, 1 << 40))
        XCTAssertEqual(SizeLimits.product(1_000_000, 100_000), 100_000_000_000)
        XCTAssertEqual(SizeLimits.product(), 1)
    }

    func testExcessNamesTheProductAndTheLimit() {
        XCTAssertNil(SizeLimits.excess(20, limit: 20, what: "n × p"))
        XCTAssertEqual(SizeLimits.excess(21_000, limit: 20_000, what: "n × p"), "n × p is 21,000; the limit is 20,000")
        XCTAssertEqual(SizeLimits.excess(nil, limit: 20, what: "n × p"), "n × p is too large (it overflows); the limit is 20")
    }

    func testAnExperimentTooLargeToFitNamesTheOptionToBlame() {
        let polynomial = ExperimentSpec(model: .ridge, alphas: .explicit([1]), polynomialDegree: 30)
        XCTAssertEqual(SizeLimits.problem(rows: 1_000_000, features: 1, spec: polynomial)?.key, "polynomial")
        let wide = ExperimentSpec(model: .lasso, alphas: .automatic(count: 10_000, ratio: 1e-3))
        XCTAssertEqual(SizeLimits.problem(rows: 10, features: 100_000, spec: wide)?.key, "alphas")
        let slow = ExperimentSpec(model: .lasso, alphas: .automatic(count: 1_000, ratio: 1e-3),
                                  cv: CrossValidation(folds: 1_000, seed: 0))
        XCTAssertEqual(SizeLimits.problem(rows: 100_000, features: 100, spec: slow)?.key, "cv")
        let course = ExperimentSpec(model: .lasso, alphas: .automatic(count: 100, ratio: 1e-3),
                                    cv: CrossValidation(folds: 10, seed: 0))
        XCTAssertNil(SizeLimits.problem(rows: 200_000, features: 10, spec: course))
    }

    /// A network's work is rows × parameters × max_epochs × starts per α: the course's moons network (337
    /// parameters) fits ten times the rows; eight layers of 1,024 on a million rows are refused at max_epochs.
    func testANetworksWorkCountsItsParametersEpochsAndStarts() throws {
        let moons = ExperimentSpec(model: .mlp(hidden: [16, 16], penalty: .l1, task: .binaryClassification),
                                   alphas: .explicit([0.3, 0.1, 0.03, 0.01, 0.003, 0.001, 0.0003, 0]))
        XCTAssertEqual(moons.family.workPerAlpha(rows: 300, features: 2).values, 300 * 337 * 10_000 * 2)
        XCTAssertEqual(moons.family.workPerAlpha(rows: 300, features: 2).counted,
                       "rows × 337 parameters × 10000 max_epochs × 2 starts")
        XCTAssertNil(SizeLimits.problem(rows: 3_000, features: 2, spec: moons))
        let deep = ExperimentSpec(model: .mlp(hidden: Array(repeating: 1024, count: 8), task: .binaryClassification),
                                  alphas: .explicit([0.01, 0.001]))
        let problem = try XCTUnwrap(SizeLimits.problem(rows: 1_000_000, features: 2, spec: deep))
        XCTAssertEqual(problem.key, "max_epochs")
        XCTAssertTrue(problem.message.hasSuffix("the limit is 1e+12: use fewer epochs, α, rows or hidden units"),
                      problem.message)
        // A minibatch optimizer trains one start for its fixed epochs; without hidden layers there is one start too.
        let adam = NeuralNetwork.mlp(hidden: [16, 16], maxEpochs: 300, optimizer: StochasticOptimizer(method: .adam))
        XCTAssertEqual(adam.workPerAlpha(rows: 300, features: 2).values, 300 * 337 * 300)
        XCTAssertEqual(NeuralNetwork.mlp(hidden: []).workPerAlpha(rows: 10, features: 4).values, 10 * 5 * 10_000)
    }
}
