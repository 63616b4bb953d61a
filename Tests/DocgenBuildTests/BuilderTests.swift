@testable import DocgenBuild
import DocgenModels
import DocgenDiagnostics
import Foundation
import XCTest

/// The build pipeline in-process: determinism, the cache, `--strict`, and the change report.
final class BuilderTests: XCTestCase {
    var content: TestContent!

    static let chapter = """
        # Ridge

        ```{experiment} ridge
        data: data/diabetes.csv
        target: progression
        model: ridge
        alphas: [0.1, 1, 10]
        split: {test: 0.25, seed: 7}
        ```

        The test $R^2$ at α = 1 is {value}`ridge.test_r2@1`.

        ```{figure} scores
        experiment: ridge
        caption: Train and test R² across α.
        ```
        """

    override func setUpWithError() throws {
        content = try TestContent()
        try content.addDiabetes()
        try content.write("01-ridge.md", Self.chapter)
    }

    override func tearDown() { content.remove() }

    func options(output: String? = nil, identity: String = "test-build") -> BuildOptions {
        var o = BuildOptions(contentPath: content.content, outputPath: output ?? content.output)
        o.cachePath = content.cache
        o.identity = identity
        return o
    }

    func testProgressTimesAreRoundedLikePrintfFixedPoint() {
        XCTAssertEqual(Builder.decimal(0, places: 3), "0.000")
        XCTAssertEqual(Builder.decimal(0.0004, places: 3), "0.000")
        XCTAssertEqual(Builder.decimal(0.0496, places: 3), "0.050")
        XCTAssertEqual(Builder.decimal(7.25, places: 3), "7.250")
        XCTAssertEqual(Builder.decimal(12.999, places: 2), "13.00")
        XCTAssertEqual(Builder.decimal(1.204, places: 2), "1.20")
        XCTAssertEqual(Builder.decimal(3.6, places: 0), "4")
        for x in [0.001, 0.0371, 0.5, 1.0626, 9.87654, 123.4567] {
            XCTAssertEqual(Builder.decimal(x, places: 3), String(format: "%.3f", x), "\(x)")
        }
    }

    func testTwoBuildsOfTheSameInputAreByteIdentical() throws {
        let first = content.root.appendingPathComponent("A").path
        let second = content.root.appendingPathComponent("B").path
        XCTAssertEqual(Builder(options: options(output: first)).run().exitStatus, 0)
        var fresh = options(output: second)
        fresh.force = true
        XCTAssertEqual(Builder(options: fresh).run().exitStatus, 0)
        let a = TestContent.files(in: first), b = TestContent.files(in: second)
        XCTAssertGreaterThan(a.count, 8)
        XCTAssertEqual(Set(a.keys), Set(b.keys))
        for (path, bytes) in a { XCTAssertEqual(bytes, b[path], "\(path) differs between two builds") }
    }

    /// A content folder whose files claim more than `ContentLimits.maximumBytes` (here one sparse file, which takes no
    /// disk) is refused before a byte is read, with the previous site left as it was.
    func testAContentFolderTooLargeToBeACourseIsRefusedUnread() throws {
        XCTAssertEqual(Builder(options: options()).run().exitStatus, 0)
        let before = TestContent.files(in: content.output)
        let huge = content.root.appendingPathComponent("Content/data/huge.bin").path
        XCTAssertTrue(FileManager.default.createFile(atPath: huge, contents: nil))
        XCTAssertEqual(truncate(huge, 17 << 30), 0)
        let result = Builder(options: options()).run()
        XCTAssertEqual(result.exitStatus, 1)
        let message = try XCTUnwrap(result.diagnostics.first { $0.severity == .error }?.message)
        XCTAssertTrue(message.contains("add up to 17.0 GiB, more than the 16.0 GiB docgen reads; is it the course?"), message)
        XCTAssertEqual(TestContent.files(in: content.output), before)
    }

    func testMissingAltIsAWarningThatFailsOnlyUnderStrict() throws {
        let lenient = Builder(options: options()).run()
        XCTAssertEqual(lenient.exitStatus, 0)
        XCTAssertTrue(lenient.diagnostics.contains { $0.severity == .warning && $0.message.contains("no 'alt' text") })
        let before = TestContent.files(in: content.output)
        var strict = options()
        strict.strict = true
        let result = Builder(options: strict).run()
        XCTAssertEqual(result.exitStatus, 1)
        XCTAssertEqual(TestContent.files(in: content.output), before, "a failed strict build leaves the output as it was")
    }

    func testChangingTheBuildIdentityRefitsAndReportsNoChangeWhenNumbersAreEqual() throws {
        XCTAssertEqual(Builder(options: options(identity: "solver-1")).run().exitStatus, 0)
        let rebuilt = Builder(options: options(identity: "solver-2")).run()
        XCTAssertEqual(rebuilt.exitStatus, 0)
        XCTAssertTrue(rebuilt.summary.contains("1 regenerated"), rebuilt.summary)
        let report = try XCTUnwrap(rebuilt.changeReport)
        XCTAssertTrue(report.contains("Re-ran 1 experiment; their numbers are identical"), report)
        XCTAssertTrue(report.contains("No figure's pixels changed"), report)
    }

    func testChangeReportNamesTheLargestCoefficientScoreAndAlphaMinChanges() {
        func numbers(_ beta: Double, _ score: Double, _ alphaMin: Double) -> ExperimentResult {
            ExperimentResult(modelName: "lasso", modelDisplayName: "lasso", task: .regression, featureNames: ["a", "b"],
                             targetName: "y", standardized: true, alphas: [1, 0.1], coefficients: [[0, beta], [1, 2]],
                             intercepts: [0, 0], dualityGaps: [0, 0], nullObjective: 1, alphaMax: 2,
                             metrics: ["test_r2": [0.5, score]], metricNames: ["test_r2"],
                             alphaMinIndex: alphaMin == 1 ? 0 : 1, alpha1SEIndex: nil, entryOrder: ["b", "a"],
                             transform: FeatureTransform(polynomialDegree: nil, featureNames: ["a", "b"], shifts: [0, 0],
                                                         scales: [1, 1], isConstant: [false, false]),
                             rowCount: 10, trainCount: 8, testCount: 2)
        }
        var stage = ExperimentStage.Output()
        stage.results = ["e": numbers(0.75, 0.61, 0.1)]
        stage.rerun = ["e"]
        var figures = FigureStage.Output()
        figures.pixelHashes = ["fig-a": "new", "fig-b": "same"]
        var previous = BuildSnapshot(experiments: stage, figures: figures)
        previous.experiments = ["e": numbers(0.5, 0.6, 1)]
        previous.figureHashes = ["fig-a": "old", "fig-b": "same"]
        let report = ChangeReport.make(previous: previous, current: stage, figures: figures) ?? ""
        XCTAssertTrue(report.contains("e: coefficients Δ ≤ 0.25, scores Δ ≤ 0.01, α_min 1 → 0.1"), report)
        XCTAssertTrue(report.contains("Figures whose pixels changed (1): fig-a"), report)
    }

    func testJobsDoNotChangeTheResult() throws {
        var serial = options(output: content.root.appendingPathComponent("serial").path)
        serial.jobs = 1
        serial.force = true
        var parallel = options(output: content.root.appendingPathComponent("parallel").path)
        parallel.jobs = 4
        parallel.force = true
        XCTAssertEqual(Builder(options: serial).run().exitStatus, 0)
        XCTAssertEqual(Builder(options: parallel).run().exitStatus, 0)
        XCTAssertEqual(TestContent.files(in: serial.outputPath), TestContent.files(in: parallel.outputPath))
    }
}
