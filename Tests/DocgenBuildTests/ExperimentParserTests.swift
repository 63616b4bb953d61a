@testable import DocgenBuild
import DocgenDiagnostics
import DocgenModels
import XCTest

final class ExperimentParserTests: XCTestCase {
    var content: TestContent!

    override func setUpWithError() throws {
        content = try TestContent()
        try content.addDiabetes()
    }

    override func tearDown() { content.remove() }

    /// Parses a body whose first line is line 10 of `Content/ch.md`.
    func parse(_ body: String, id: String = "e") -> (ExperimentDeclaration?, [Diagnostic]) {
        let root = ContentRoot(path: content.content, displayPath: "Content")
        let fence = SourceLocation(file: "Content/ch.md", line: 9, column: 1)
        guard case let .success(yaml) = LocatedYAML.parse(body, file: "Content/ch.md", firstLine: 10) else {
            XCTFail("YAML did not parse")
            return (nil, [])
        }
        return ExperimentParser(contentRoot: root).parse(id: id, body: yaml, at: fence, sourceText: body)
    }

    func testValidLassoDirectiveParsesEveryKey() throws {
        let (d, diagnostics) = parse("""
            data: data/diabetes.csv
            target: progression
            standardize: true
            model: lasso
            alphas: logspace(-3, 1.5, 60)
            split: {test: 0.2, seed: 42}
            cv: {folds: 5, seed: 1}
            """)
        XCTAssertEqual(diagnostics, [])
        let e = try XCTUnwrap(d)
        XCTAssertEqual(e.spec.family.name, "lasso")
        XCTAssertEqual(e.spec.family.l1Ratio, 1)
        XCTAssertEqual(e.spec.alphas, .logspace(start: -3, stop: 1.5, count: 60))
        XCTAssertEqual(e.spec.split?.testFraction, 0.2)
        XCTAssertEqual(e.spec.split?.seed, 42)
        XCTAssertEqual(e.spec.cv?.folds, 5)
        XCTAssertEqual(e.spec.tolerance, 1e-7)
        XCTAssertEqual(e.location(of: "model").line, 13)
    }

    func testUnknownKeyIsReportedAtItsLineWithASuggestion() {
        let (d, diagnostics) = parse("data: data/diabetes.csv\ntarget: progression\nmodel: lasso\nalpah: [1]\n")
        XCTAssertNil(d)
        XCTAssertTrue(diagnostics.contains {
            $0.location == SourceLocation(file: "Content/ch.md", line: 13, column: 1)
                && $0.message.contains("unknown key 'alpah'") && $0.message.contains("did you mean 'alphas'")
        }, "\(diagnostics)")
    }

    func testWrongTypeIsReportedAtTheValue() {
        let (_, diagnostics) = parse("data: data/diabetes.csv\ntarget: progression\nmodel: lasso\nalphas: [1]\nstandardize: maybe\n")
        XCTAssertEqual(diagnostics.map(\.description),
                       ["Content/ch.md:14:14: error: 'standardize' must be true or false, found 'maybe'"])
    }

    func testNegativeAlphaIsALocatedError() {
        let (_, diagnostics) = parse("data: data/diabetes.csv\ntarget: progression\nmodel: lasso\nalphas: [0.1, -1]\n")
        XCTAssertEqual(diagnostics.first?.location?.line, 13)
        XCTAssertTrue(diagnostics.first?.message.contains("must not be negative") ?? false)
    }

    func testL1RatioOutsideUnitIntervalIsALocatedError() {
        let (_, diagnostics) = parse("data: data/diabetes.csv\ntarget: progression\nmodel: elasticnet\nl1_ratio: 1.5\nalphas: [1]\n")
        XCTAssertEqual(diagnostics.first?.location?.line, 13)
        XCTAssertTrue(diagnostics.first?.message.contains("between 0 and 1") ?? false)
    }

    func testMissingDataFileIsReportedAtTheDataValue() {
        let (_, diagnostics) = parse("data: data/nope.csv\ntarget: progression\nmodel: lasso\nalphas: [1]\n")
        XCTAssertEqual(diagnostics.first?.location, SourceLocation(file: "Content/ch.md", line: 10, column: 7))
        XCTAssertTrue(diagnostics.first?.message.contains("does not exist") ?? false)
    }

    func testDataPathEscapingTheContentFolderIsRefused() {
        let (_, diagnostics) = parse("data: ../../../../etc/passwd\ntarget: x\nmodel: lasso\nalphas: [1]\n")
        XCTAssertTrue(diagnostics.first?.message.contains("outside the content folder") ?? false, "\(diagnostics)")
    }

    func testSymlinkPointingOutsideIsRefused() throws {
        try FileManager.default.createSymbolicLink(atPath: content.content + "/data/passwd", withDestinationPath: "/etc/passwd")
        let (_, diagnostics) = parse("data: data/passwd\ntarget: x\nmodel: lasso\nalphas: [1]\n")
        XCTAssertTrue(diagnostics.first?.message.contains("outside the content folder") ?? false, "\(diagnostics)")
    }

    func testAutomaticGridAndGenerators() throws {
        let (d, diagnostics) = parse("data: {generate: correlated, n: 50, p: 4, rho: 0.9, seed: 3}\nmodel: ridge\nalphas: {count: 20, ratio: 0.01}\n")
        XCTAssertEqual(diagnostics, [])
        let e = try XCTUnwrap(d)
        XCTAssertEqual(e.spec.alphas, .automatic(count: 20, ratio: 0.01))
        guard case let .generated(g) = e.data else { return XCTFail("expected a generator") }
        XCTAssertEqual(g, .correlated(n: 50, p: 4, rho: 0.9, noise: 1, seed: 3, coefficients: nil))
    }

    func testUnknownModelSuggestsTheClosestName() {
        let (_, diagnostics) = parse("data: data/diabetes.csv\ntarget: progression\nmodel: laso\nalphas: [1]\n")
        XCTAssertEqual(diagnostics.first?.message, "unknown model 'laso'; did you mean 'lasso'?")
        XCTAssertEqual(diagnostics.first?.location?.line, 12)
    }

    func testLogspaceParsing() {
        XCTAssertEqual(AlphaGrid(logspaceText: "logspace(-3, 1.5, 60)"), .logspace(start: -3, stop: 1.5, count: 60))
        XCTAssertEqual(AlphaGrid(logspaceText: "logspace(0,1,2)"), .logspace(start: 0, stop: 1, count: 2))
        XCTAssertNil(AlphaGrid(logspaceText: "logspace(0, 1)"))
        XCTAssertNil(AlphaGrid(logspaceText: "linspace(0, 1, 3)"))
    }

    func testDuplicateYAMLKeyIsAnError() {
        guard case let .failure(d) = LocatedYAML.parse("model: lasso\nmodel: ridge\n", file: "f.md", firstLine: 5) else {
            return XCTFail("duplicate key accepted")
        }
        XCTAssertEqual(d.location?.line, 6)
        XCTAssertEqual(d.message, "duplicate key 'model'")
    }

    func testYAMLSyntaxErrorIsLocatedInTheChapter() {
        guard case let .failure(d) = LocatedYAML.parse("model: [lasso\n", file: "f.md", firstLine: 20) else {
            return XCTFail("bad YAML accepted")
        }
        XCTAssertGreaterThanOrEqual(d.location?.line ?? 0, 20)
        XCTAssertTrue(d.message.hasPrefix("invalid YAML"))
    }

    /// A smooth grid plus the α the prose discusses, so that α is on the grid: the list is kept in the order written.
    func testAnAlphaListMayJoinLogspacesAndNumbers() throws {
        for grid in ["\n  - logspace(0, 2, 3)\n  - 0.5", " [\"logspace(0, 2, 3)\", 0.5]"] {
            let (d, diagnostics) = parse("data: data/diabetes.csv\ntarget: progression\nmodel: lasso\nalphas:\(grid)\n")
            XCTAssertEqual(diagnostics, [])
            XCTAssertEqual(try XCTUnwrap(d).spec.alphas, .explicit([1, 10, 100, 0.5]))
        }
        // In a flow list YAML splits an unquoted logspace at its commas: say how to write it.
        let (_, split) = parse("data: data/diabetes.csv\ntarget: progression\nmodel: lasso\nalphas: [logspace(0, 2, 3), 0.5]\n")
        XCTAssertEqual(split.map(\.message), ["inside [ ] a logspace needs quotes, as in [\"logspace(-3, 2, 51)\", 0.5] "
                                              + "(or write one item per line: '- logspace(-3, 2, 51)')"])
        let (_, bad) = parse("data: data/diabetes.csv\ntarget: progression\nmodel: lasso\nalphas: [0.1, lots]\n")
        XCTAssertEqual(bad.map(\.message), ["'alphas' must be a list of numbers and logspace(a, b, n), found 'lots'"])
    }

    func testAFeatureListedTwiceIsAnErrorAtFeatures() {
        let (d, diagnostics) = parse("data: data/diabetes.csv\ntarget: progression\nfeatures: [bmi, bmi]\nmodel: lasso\nalphas: [1]\n")
        XCTAssertNil(d)
        XCTAssertEqual(diagnostics.map { "\($0.location!.line): \($0.message)" }, ["12: 'features' lists 'bmi' twice"])
    }

    /// With the target among its features a model predicts y from y (test R² 0.99999): an error, not a result.
    func testTheTargetAmongTheFeaturesIsAnErrorAtFeatures() {
        let (d, diagnostics) = parse("data: data/diabetes.csv\ntarget: progression\nfeatures: [bmi, progression]\n"
                                     + "model: lasso\nalphas: [1]\n")
        XCTAssertNil(d)
        XCTAssertEqual(diagnostics.map { "\($0.location!.line): \($0.message)" },
                       ["12: 'features' lists the target 'progression': a model would predict it from itself"])
    }
}
