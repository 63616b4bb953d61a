import DocgenTestSupport
import Foundation
import XCTest

/// The built site, opened from `file://` in headless Chromium as a student would open it.
///
/// `.ci/setup.sh --test` installs Chromium, so in CI these run; elsewhere they are skipped
/// when no Chromium is found. Set `DOCGEN_CHECK_SITE` to a built site folder (as `.ci/run`
/// does with the course's `Output/`) to check every page of that site as well.
final class BrowserEndToEndTests: XCTestCase {
    static let chapterOne = """
        # Ridge

        Ridge minimizes $\\frac{1}{2n}\\lVert y - X\\beta \\rVert_2^2 + \\frac{\\alpha}{2}\\sum_{j} \\beta_j^2$.

        $$
        \\hat\\beta = \\arg\\min_{\\beta} \\; \\frac{1}{2n}\\|y - X\\beta\\|^2 + \\alpha \\|\\beta\\|_1
        $$

        > [!TIP]
        > Shrinkage keeps every feature.

        ```{experiment} ridge-path
        data: data/diabetes.csv
        target: progression
        model: ridge
        alphas: logspace(-2, 3, 20)
        split: {test: 0.2, seed: 42}
        ```

        ```{figure} regularization-path
        experiment: ridge-path
        label: fig-ridge
        alt: Ridge coefficients shrinking smoothly toward zero.
        caption: Ridge shrinks every coefficient but none reaches zero.
        ```

        ```{table} coefficients
        experiment: ridge-path
        alphas: [0.01, 1, 100]
        label: tbl-ridge
        caption: Ridge coefficients at three penalties.
        ```

        The best test $R^2$ is {value}`ridge-path.test_r2@best`; see @fig-ridge and @tbl-ridge.
        """

    static let chapterTwo = """
        # Geometry of the diamond

        The diamond has corners on the axes. Back to [ridge](01-ridge.md).

        ```{figure} penalty-shapes
        alt: The absolute value and the square, with their slopes.
        caption: Penalties and their gradients.
        ```
        """

    func testBuiltSiteWorksOfflineInABrowser() throws {
        guard let chromium = BrowserCheck.findChromium() else {
            throw XCTSkip("no Chromium on this machine (bash .ci/setup.sh --test installs it)")
        }
        let runner = try DocgenRunner()
        defer { runner.remove() }
        try runner.copyDiabetes()
        try runner.write("Content/01-ridge.md", Self.chapterOne)
        try runner.write("Content/02-geometry.md", Self.chapterTwo)
        let build = try runner.run(["build"])
        XCTAssertEqual(build.status, 0, build.stderr)
        let page = try XCTUnwrap(runner.text("Output/01-ridge.html"))
        XCTAssertTrue(page.contains("<math"), "MathML made at build time")
        XCTAssertFalse(page.contains("$\\frac"), "no TeX left for a script to render")
        XCTAssertTrue(page.contains("callout-tip"))

        let failures = try BrowserCheck(chromium: chromium).run(
            siteFolder: runner.folder.appendingPathComponent("Output"),
            pages: ["index.html", "01-ridge.html", "02-geometry.html"],
            searches: [BrowserCheck.Search(query: "diamond", expectedPage: "02-geometry.html"),
                       BrowserCheck.Search(query: "shrinkage", expectedPage: "01-ridge.html")])
        XCTAssertEqual(failures, [], failures.joined(separator: "\n"))
    }

    /// Every page of an already built site (the course, in CI).
    func testCourseSiteNamedByTheEnvironmentWorksOffline() throws {
        guard let folder = ProcessInfo.processInfo.environment["DOCGEN_CHECK_SITE"] else {
            throw XCTSkip("set DOCGEN_CHECK_SITE to a built site to check it")
        }
        guard let chromium = BrowserCheck.findChromium() else { throw XCTSkip("no Chromium on this machine") }
        let site = URL(fileURLWithPath: folder)
        let pages = try FileManager.default.contentsOfDirectory(atPath: site.path).filter { $0.hasSuffix(".html") }.sorted()
        XCTAssertGreaterThan(pages.count, 1)
        let failures = try BrowserCheck(chromium: chromium).run(
            siteFolder: site, pages: pages,
            searches: [BrowserCheck.Search(query: "soft-thresholding", expectedPage: "04-lasso.html")])
        XCTAssertEqual(failures, [], failures.joined(separator: "\n"))
    }
}
