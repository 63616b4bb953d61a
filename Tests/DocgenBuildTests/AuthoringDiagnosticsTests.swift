@testable import DocgenBuild
import DocgenDiagnostics
import Foundation
import XCTest

/// What an author is told, as a specification: one error per root cause, every guess said out loud at the line that
/// asked for it, and warnings that fail `--strict`.
final class AuthoringDiagnosticsTests: XCTestCase {
    var content: TestContent!

    override func setUpWithError() throws {
        content = try TestContent()
        try content.addDiabetes()
    }

    override func tearDown() { content.remove() }

    /// Builds one chapter; returns the result and its diagnostics as `LINE:COL: severity: message`.
    private func build(_ chapter: String, strict: Bool = false) throws -> (result: BuildResult, printed: [String]) {
        try content.write("01-a.md", chapter)
        var options = BuildOptions(contentPath: content.content, outputPath: content.output)
        options.cachePath = content.cache
        options.identity = "authoring-tests"
        options.strict = strict
        let result = Builder(options: options).run()
        let printed = result.diagnostics.filter { !$0.message.contains("'alt' text") }.map { d in
            "\(d.location.map { "\($0.line):\($0.column)" } ?? "-"): \(d.severity.rawValue): \(d.message)"
        }
        return (result, printed)
    }

    static let experiment = """
        ```{experiment} e
        data: data/diabetes.csv
        target: progression
        model: lasso
        alphas: [10, 1, 0.1]
        ```
        """

    func testAYAMLTypoInAnExperimentIsOneErrorNotOnePerReference() throws {
        let (result, printed) = try build("""
            # A

            ```{experiment} e
            data: data/diabetes.csv
            model: [lasso
            ```

            ```{figure} regularization-path
            experiment: e
            caption: Path.
            ```

            ```{table} coefficients
            experiment: e
            alphas: [1]
            caption: Table.
            ```

            {value}`e.nonzero@1`, {value}`e.alpha_max` and {value}`e.entry.1`.
            """)
        XCTAssertEqual(result.exitStatus, 1)
        XCTAssertEqual(printed, ["6:1: error: invalid YAML: did not find expected ',' or ']'"])
    }

    func testAFigureWhoseExperimentLacksASplitIsOneErrorNotAlsoADrawingFailure() throws {
        let (_, printed) = try build("# A\n\n" + Self.experiment + """


            ```{figure} scores
            experiment: e
            caption: Scores.
            ```
            """)
        XCTAssertEqual(printed, ["11:1: error: figure scores needs experiment 'e' to have 'split: {test: 0.2, seed: 42}'"])
    }

    func testReferencesToAFailedFigureStayQuiet() throws {
        let (_, printed) = try build("# A\n\n" + Self.experiment + """


            ```{figure} regularization-path
            experiment: e
            label: fig-path
            title: [oops
            caption: Path.
            ```

            See @fig-path.
            """)
        XCTAssertEqual(printed, ["14:8: error: invalid YAML: did not find expected ',' or ']'"])
    }

    /// Each asks for an α the grid [10, 1, 0.1] does not have: each is warned at the line that asked, naming the α
    /// used, and the table's header and the figure's legend show that α, not the one asked for.
    func testAlphasNotOnTheGridAreWarningsNamingTheAlphaUsed() throws {
        let chapter = "# A\n\n" + Self.experiment + """


            At α = 50 {value}`e.nonzero@50` coefficients are nonzero.

            ```{table} coefficients
            experiment: e
            alphas: [0.1, 100]
            caption: Coefficients.
            ```

            ```{figure} coefficients
            experiments: [e]
            alpha: 1.2
            caption: Bars.
            alt: Bars.
            ```
            """
        let (result, printed) = try build(chapter)
        XCTAssertEqual(result.exitStatus, 0)
        XCTAssertEqual(printed, [
            "10:11: warning: experiment 'e': α = 50 is not on the grid; the nearest grid value, α = 10, is used "
            + "(add 50 to the experiment's 'alphas' to fit it exactly)",
            "14:1: warning: table 1.1: experiment 'e': α = 100 is not on the grid; the nearest grid value, α = 10, is used "
            + "(add 100 to the experiment's 'alphas' to fit it exactly)",
            "20:1: warning: figure 1.1: experiment 'e': α = 1.2 is not on the grid; the nearest grid value, α = 1, is used "
            + "(add 1.2 to the experiment's 'alphas' to fit it exactly)",
        ])
        let page = try XCTUnwrap(String(contentsOfFile: content.output + "/01-a.html", encoding: .utf8))
        XCTAssertTrue(page.contains("<th>α = 0.1</th><th>α = 10</th>"), "the header shows the α used")
        let csv = try String(contentsOfFile: content.output + "/figures/01-a-figure-1.csv", encoding: .utf8)
        XCTAssertTrue(csv.hasPrefix("feature,\"lasso, α = 1\"\n"), csv)

        let strict = try build(chapter, strict: true)
        XCTAssertEqual(strict.result.exitStatus, 1, "under --strict the guesses fail the build")
    }

    func testDegenerateFitWarningsPointAtTheOptionToChange() throws {
        let (result, printed) = try build("""
            # A

            ```{experiment} e
            data: data/diabetes.csv
            target: progression
            model: ridge
            alphas: [1000, 10000, 100000]
            split: {test: 0.2, seed: 1}
            ```
            """)
        XCTAssertEqual(result.exitStatus, 0)
        XCTAssertEqual(printed, ["7:1: warning: experiment 'e': the best test R² is at the smallest α of the grid (1000): "
                                 + "the best penalty may lie below it; extend 'alphas' downward (or include 0)"])
    }

    /// "(1.1)" once beside the equation (it read "((1.1))"), the equation inside a paragraph numbered too, and
    /// @eq-x resolving in a paragraph and in a figure caption.
    func testEquationNumbersAppearOnceAndReferencesWorkInTextAndCaptions() throws {
        let (result, printed) = try build("# A\n\n" + Self.experiment + """


            The lasso minimizes
            $$
            \\frac{1}{2n}\\lVert y - X\\beta \\rVert^2 + \\alpha \\lVert \\beta \\rVert_1
            $$ {#eq-lasso}
            over β, as @eq-lasso says.

            ```{figure} regularization-path
            experiment: e
            caption: The solutions of @eq-lasso.
            alt: Paths.
            ```
            """)
        XCTAssertEqual(result.exitStatus, 0)
        XCTAssertEqual(printed, [])
        let page = try XCTUnwrap(String(contentsOfFile: content.output + "/01-a.html", encoding: .utf8))
        XCTAssertTrue(page.contains("<span class=\"equation-number\">(1.1)</span></div>"), page)
        XCTAssertFalse(page.contains("((1.1))"))
        XCTAssertTrue(page.contains("<p>The lasso minimizes</p>\n<div class=\"math-display\" id=\"eq-lasso\">"))
        XCTAssertTrue(page.contains("<p>over β, as <a class=\"xref\" href=\"#eq-lasso\">Equation (1.1)</a> says.</p>"))
        XCTAssertTrue(page.contains("The solutions of <a class=\"xref\" href=\"#eq-lasso\">Equation (1.1)</a>."))
    }
}
