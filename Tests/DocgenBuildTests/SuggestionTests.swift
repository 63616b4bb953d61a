import DocgenOptions
import XCTest

/// Did-you-mean, the one rule for every name an author types: keys, models, kinds, experiment ids, columns, fields.
final class SuggestionTests: XCTestCase {
    func testCaseIsIgnored() {
        XCTAssertEqual(Suggestion.closest(to: "BMI", in: ["age", "bmi", "bp"]), "bmi")
        XCTAssertEqual(Suggestion.closest(to: "Diabetes-CV", in: ["diabetes-lasso", "diabetes-cv"]), "diabetes-cv")
    }

    /// `test_rsq` is two edits from both `test_mse` and `test_r2`; the one sharing the longer beginning wins.
    func testTiesGoToTheNameSharingTheLongestBeginning() {
        XCTAssertEqual(Suggestion.closest(to: "test_rsq", in: ["test_mse", "test_r2"]), "test_r2")
        XCTAssertEqual(Suggestion.closest(to: "alpah", in: ["alpha_min", "alpha"]), "alpha")
    }

    func testNothingFurtherThanTwoEditsAndNeverTheNameItself() {
        XCTAssertNil(Suggestion.closest(to: "progress", in: ["progression"]))
        XCTAssertNil(Suggestion.closest(to: "lasso", in: ["lasso"]))
        XCTAssertEqual(Suggestion.closest(to: "Lasso", in: ["lasso", "ridge"]), "lasso")
    }
}
