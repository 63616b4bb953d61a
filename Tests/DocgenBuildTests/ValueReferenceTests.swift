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

    func testEvaluatorPicksNearestAlphaAndCountsNonzeros() {
        let e = ExperimentResult(modelName: "lasso", modelDisplayName: "lasso", task: .regression, featureNames: ["a", "b"],
                                 targetName: "y", standardized: true, alphas: [10, 1, 0.1],
                                 coefficients: [[0, 0], [0.5, 0], [0.9, -0.2]], intercepts: [1, 1, 1],
                                 dualityGaps: [0, 0, 0], nullObjective: 1, alphaMax: 12,
                                 metrics: ["test_r2": [0.1, 0.6, 0.5]], metricNames: ["test_r2"], alphaMinIndex: nil,
                                 alpha1SEIndex: nil, entryOrder: ["a", "b"],
                                 transform: FeatureTransform(polynomialDegree: nil, featureNames: ["a", "b"], shifts: [0, 0],
                                                             scales: [1, 1], isConstant: [false, false]),
                                 rowCount: 10, trainCount: 8, testCount: 2)
        let evaluator = ValueEvaluator(experiments: ["e": e], failed: [])
        func text(_ s: String) -> String? {
            if case let .text(t) = evaluator.evaluate(try! ValueReference.parse(s).get()) { return t }
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
}
