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
}
