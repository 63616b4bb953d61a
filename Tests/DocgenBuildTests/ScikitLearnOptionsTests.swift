@testable import DocgenBuild
import DocgenDiagnostics
import DocgenModels
import XCTest

/// The keys of scikit-learn parity as an author writes them: `convention`, `C`, `fit_intercept`, `positive` (keys of
/// the model families) and `method` of `split` and `cv`, with located errors where they are misused.
final class ScikitLearnOptionsTests: XCTestCase {
    var content: TestContent!

    override func setUpWithError() throws {
        content = try TestContent()
        try content.addDiabetes()
    }

    override func tearDown() { content.remove() }

    /// Parses a body whose first line is line 10 of `Content/ch.md`.
    func parse(_ body: String) -> (ExperimentDeclaration?, [Diagnostic]) {
        let root = ContentRoot(path: content.content, displayPath: "Content")
        let fence = SourceLocation(file: "Content/ch.md", line: 9, column: 1)
        guard case let .success(yaml) = LocatedYAML.parse(body, file: "Content/ch.md", firstLine: 10) else {
            XCTFail("YAML did not parse")
            return (nil, [])
        }
        return ExperimentParser(contentRoot: root).parse(id: "e", body: yaml, at: fence, sourceText: body)
    }

    private let data = "data: data/diabetes.csv\ntarget: progression\n"

    func testSeedArticleExperimentParsesWithScikitLearnsSplitAndAlpha() throws {
        let (d, diagnostics) = parse(data + """
            model: ridge
            convention: sklearn
            fit_intercept: false
            alphas: logspace(-4, 0, 30)
            split: {test: 0.2, seed: 42, method: sklearn}
            cv: {folds: 5, method: sklearn}
            """)
        XCTAssertEqual(diagnostics, [])
        let spec = try XCTUnwrap(d).spec
        XCTAssertEqual(spec.split, HoldoutSplit(test: 0.2, seed: 42, method: .sklearn))
        XCTAssertEqual(spec.cv, CrossValidation(folds: 5, seed: nil, method: .sklearn))
        XCTAssertFalse(spec.family.fitsIntercept)
        XCTAssertEqual(spec.family.penaltyParameter.column, "sklearn_alpha")
        XCTAssertEqual(spec.family.penaltyParameter.scale, .rowsTimesAlpha)
    }

    func testDefaultsAreDocgensConventionAndMethod() throws {
        let (d, diagnostics) = parse(data + "model: lasso\nalphas: [1]\nsplit: {test: 0.2}\ncv: {folds: 3}\n")
        XCTAssertEqual(diagnostics, [])
        let spec = try XCTUnwrap(d).spec
        XCTAssertEqual(spec.split, HoldoutSplit(test: 0.2, seed: 0, method: .docgen))
        XCTAssertEqual(spec.cv, CrossValidation(folds: 3, seed: nil, method: .docgen))
        XCTAssertTrue(spec.family.fitsIntercept)
        XCTAssertEqual(spec.family.penaltyParameter, .alpha)
    }

    func testLogisticTakesCUnderScikitLearnsConvention() throws {
        let (d, diagnostics) = parse(data + "model: logistic\nconvention: sklearn\nC: [0.1, 1, 10]\n")
        XCTAssertEqual(diagnostics, [])
        let spec = try XCTUnwrap(d).spec
        XCTAssertEqual(spec.alphas, .explicit([0.1, 1, 10]))
        XCTAssertEqual(spec.family.penaltyParameter.key, "C")
    }

    func testCWithoutTheConventionSaysWhatItNeeds() {
        let (d, diagnostics) = parse(data + "model: logistic\nC: [1]\n")
        XCTAssertNil(d)
        XCTAssertTrue(diagnostics.contains { $0.location?.line == 13 && $0.message.contains("convention: sklearn") },
                      "\(diagnostics)")
    }

    func testAlphasUnderTheCConventionIsAnErrorAtAlphas() {
        let (d, diagnostics) = parse(data + "model: logistic\nconvention: sklearn\nalphas: [1]\n")
        XCTAssertNil(d)
        XCTAssertTrue(diagnostics.contains { $0.location?.line == 14 && $0.message.contains("takes 'C'") }, "\(diagnostics)")
    }

    func testCOnALeastSquaresModelAppliesToLogisticOnly() {
        let (_, diagnostics) = parse(data + "model: lasso\nconvention: sklearn\nC: [1]\n")
        XCTAssertTrue(diagnostics.contains { $0.message.contains("'C' applies to model: logistic only") }, "\(diagnostics)")
    }

    func testPositiveAppliesToLassoAndElasticNetOnly() throws {
        let (_, diagnostics) = parse(data + "model: ridge\npositive: true\nalphas: [1]\n")
        XCTAssertTrue(diagnostics.contains { $0.location?.line == 13 && $0.message.contains("'positive' applies to model") },
                      "\(diagnostics)")
        let (d, ok) = parse(data + "model: elasticnet\nl1_ratio: 0.5\npositive: true\nalphas: [1]\n")
        XCTAssertEqual(ok, [])
        XCTAssertEqual((try XCTUnwrap(d).spec.family as? LeastSquares)?.positive, true)
    }

    func testMisspelledMethodAndConventionGetSuggestions() {
        let (_, split) = parse(data + "model: lasso\nalphas: [1]\nsplit: {test: 0.2, method: sklern}\n")
        XCTAssertTrue(split.contains { $0.message.contains("did you mean 'sklearn'") }, "\(split)")
        let (_, convention) = parse(data + "model: lasso\nalphas: [1]\nconvention: scikit\n")
        XCTAssertTrue(convention.contains { $0.message.contains("'convention' must be") }, "\(convention)")
    }

    func testSeedsBeyondNumpysRangeAreRefused() {
        let (d, diagnostics) = parse(data + "model: lasso\nalphas: [1]\nsplit: {test: 0.2, seed: 4294967296}\n")
        XCTAssertNil(d)
        XCTAssertTrue(diagnostics.contains { $0.message.contains("4294967295") }, "\(diagnostics)")
    }
}
