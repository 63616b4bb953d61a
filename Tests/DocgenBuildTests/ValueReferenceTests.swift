@testable import DocgenBuild
import DocgenFigures
import DocgenModels
import XCTest

final class ValueReferenceTests: XCTestCase {
    func testParsesFieldAtAndDigits() throws {
        let r = try ValueReference.parse("diabetes-cv.test_r2@0.5:4").get()
        XCTAssertEqual(r, ValueReference(experiment: "diabetes-cv", field: "test_r2", at: .alpha(0.5), digits: 4))
        XCTAssertEqual(try ValueReference.parse("x.alpha_min").get().at, nil)
        XCTAssertEqual(try ValueReference.parse("x.coef.bmi@1se").get().field, "coef.bmi")
        XCTAssertEqual(try ValueReference.parse("x.nonzero@min").get().at, .min)
    }

    func testUnknownFieldSuggestsAKnownOne() {
        guard case let .failure(m) = ValueReference.parse("x.alpha_mni") else { return XCTFail() }
        XCTAssertEqual(m.text, "unknown field 'alpha_mni'; did you mean 'alpha_min'?")
    }

    func testScalarFieldRejectsAnAlpha() {
        guard case .failure = ValueReference.parse("x.alpha_min@0.1") else { return XCTFail() }
    }

    func testProseFormatting() {
        XCTAssertEqual(NumberFormatting.prose(0.012345, digits: 3), "0.0123")
        XCTAssertEqual(NumberFormatting.prose(1234.5, digits: 3), "1230")
        XCTAssertEqual(NumberFormatting.prose(-2.5, digits: 3), "−2.5")
        XCTAssertEqual(NumberFormatting.prose(42, digits: 3), "42")
        XCTAssertEqual(NumberFormatting.prose(3.2e-6, digits: 2), "3.2 × 10⁻⁶")
        XCTAssertEqual(NumberFormatting.prose(0.5, digits: 3), "0.5")
    }

    func testAMisspelledFieldSuggestsTheOneSharingItsBeginning() {
        guard case let .failure(m) = ValueReference.parse("x.test_rsq@1") else { return XCTFail() }
        XCTAssertEqual(m.text, "unknown field 'test_rsq'; did you mean 'test_r2'?")
        guard case let .failure(upper) = ValueReference.parse("x.Alpha_Min") else { return XCTFail() }
        XCTAssertEqual(upper.text, "unknown field 'Alpha_Min'; did you mean 'alpha_min'?")
    }

    static let lasso = ExperimentResult(modelName: "lasso", modelDisplayName: "lasso", task: .regression, featureNames: ["a", "b"],
                                 targetName: "y", standardized: true, alphas: [10, 1, 0.1],
                                 coefficients: [[0, 0], [0.5, 0], [0.9, -0.2]], intercepts: [1, 1, 1],
                                 dualityGaps: [0, 0, 0], nullObjective: 1, alphaMax: 12,
                                 metrics: ["test_r2": [0.1, 0.6, 0.5]], metricNames: ["test_r2"], alphaMinIndex: nil,
                                 alpha1SEIndex: nil, entryOrder: ["a", "b"],
                                 transform: FeatureTransform(polynomialDegree: nil, featureNames: ["a", "b"], shifts: [0, 0],
                                                             scales: [1, 1], isConstant: [false, false]),
                                 rowCount: 10, trainCount: 8, testCount: 2)

    func testEvaluatorPicksNearestAlphaAndCountsNonzeros() {
        let evaluator = ValueEvaluator(experiments: ["e": Self.lasso], failed: [])
        func text(_ s: String) -> String? {
            if case let .text(t, _) = evaluator.evaluate(try! ValueReference.parse(s).get()) { return t }
            return nil
        }
        XCTAssertEqual(text("e.nonzero@0.12"), "2")
        XCTAssertEqual(text("e.nonzero@best"), "1")
        XCTAssertEqual(text("e.best_alpha"), "1")
        XCTAssertEqual(text("e.coef.b@last"), "−0.2")
        XCTAssertEqual(text("e.entry.2"), "b")
        XCTAssertEqual(text("e.l1_norm@0.1"), "1.1")
        XCTAssertNil(text("e.alpha_min"))
    }

    private func outcome(_ evaluator: ValueEvaluator, _ text: String) -> ValueEvaluator.Outcome {
        evaluator.evaluate(try! ValueReference.parse(text).get())
    }

    /// `@0.12` on a grid of 10, 1, 0.1 reads α = 0.1 and says so; `@0.1` (or a logspace rounding of it) is silent.
    func testAnAlphaNotOnTheGridIsReadAtTheNearestWithAWarningNamingIt() {
        let evaluator = ValueEvaluator(experiments: ["e": Self.lasso], failed: [])
        guard case let .text(text, warnings) = outcome(evaluator, "e.nonzero@0.12") else { return XCTFail() }
        XCTAssertEqual(text, "2")
        XCTAssertEqual(warnings, ["experiment 'e': α = 0.12 is not on the grid; the nearest grid value, α = 0.1, is used "
            + "(add 0.12 to the experiment's 'alphas' to fit it exactly)"])
        guard case let .text(_, none) = outcome(evaluator, "e.nonzero@0.10000000000000002") else { return XCTFail() }
        XCTAssertEqual(none, [], "a relative difference below 1e-9 is the grid's own α")
    }

    /// Whether a field means something is decided from the family's properties: no L1 part, no α_max or entry order;
    /// no penalty, nothing to choose among; no split, no test score.
    func testFieldsWithoutMeaningForTheExperimentAreErrors() throws {
        var ridge = Self.lasso
        ridge.modelName = "ridge"
        let evaluator = ValueEvaluator(
            experiments: ["r": ridge, "o": Self.lasso, "l": Self.lasso], failed: [],
            specs: ["r": ExperimentSpec(model: .ridge), "o": ExperimentSpec(model: .ols, split: HoldoutSplit(test: 0.2, seed: 0)),
                    "l": ExperimentSpec(model: .logistic(penalty: .elasticNet(l1Ratio: 0.5)))])
        func error(_ text: String) -> String? {
            if case let .error(message) = outcome(evaluator, text) { return message }
            return nil
        }
        XCTAssertEqual(error("r.alpha_max"), "'alpha_max' needs coefficients that reach exactly zero, which a penalty "
                       + "without an L1 part never does; experiment 'r' is ridge (l1_ratio 0)")
        XCTAssertEqual(error("r.entry.1"), "'entry.1' needs coefficients that reach exactly zero, which a penalty "
                       + "without an L1 part never does; experiment 'r' is ridge (l1_ratio 0)")
        XCTAssertEqual(error("o.best_alpha"), "'best_alpha' chooses among penalties, but experiment 'o' is unpenalized "
                       + "(ols: one fit at α = 0)")
        XCTAssertEqual(error("o.alpha_max"), "'alpha_max' needs coefficients that reach zero as α grows, but experiment "
                       + "'o' is unpenalized (ols: one fit at α = 0)")
        XCTAssertEqual(error("r.test_r2@1"), "'test_r2' needs experiment 'r' to have a 'split'")
        XCTAssertEqual(error("l.train_r2@1"), "'train_r2' is a regression metric; experiment 'l' is a classification")
        XCTAssertEqual(error("r.nonzero@min"), "'@min' needs experiment 'r' to have 'cv'")
        XCTAssertNil(error("l.alpha_max"), "an elastic net has an L1 part")
        XCTAssertNil(error("r.nonzero@1"), "counting nonzero coefficients means something for any model")
    }

    func testAnUnknownExperimentSuggestsOneIgnoringCase() {
        let evaluator = ValueEvaluator(experiments: ["diabetes-lasso": Self.lasso], failed: [])
        guard case let .error(message) = outcome(evaluator, "Diabetes-Lasso.n") else { return XCTFail() }
        XCTAssertEqual(message, "unknown experiment 'Diabetes-Lasso'; did you mean 'diabetes-lasso'?")
        guard case let .error(feature) = outcome(evaluator, "diabetes-lasso.coef.A@1") else { return XCTFail() }
        XCTAssertEqual(feature, "experiment 'diabetes-lasso' has no feature 'A'; did you mean 'a'?")
    }
}
