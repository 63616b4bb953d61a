import DocgenTestSupport
import Foundation
import XCTest
@testable import DocgenSite

/// Opens a rendered site from file:// in headless Chromium. Skipped when no Chromium is installed
/// (`.ci/setup.sh --test` installs it, so CI runs these).
final class BrowserSiteTests: XCTestCase {
    private func browser() throws -> BrowserCheck {
        guard let chromium = BrowserCheck.findChromium() else {
            throw XCTSkip("no chromium binary found (set DOCGEN_CHROMIUM or install chromium)")
        }
        return BrowserCheck(chromium: chromium)
    }

    func testRenderedSiteWorksFromFileURLInChromium() throws {
        let browser = try browser()
        let folder = try SiteFixtures.temporaryFolder("browser")
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try DemoCourse.write(to: folder)
        let failures = try browser.run(
            siteFolder: folder,
            pages: ["index.html", "01-overfitting.html", "02-ridge.html", "03-lasso.html"],
            searches: [BrowserCheck.Search(query: "soft-thresholding", expectedPage: "03-lasso.html"),
                       BrowserCheck.Search(query: "normal equations", expectedPage: "02-ridge.html"),
                       BrowserCheck.Search(query: "bias vari", expectedPage: "01-overfitting.html")])
        XCTAssertEqual(failures, [], failures.joined(separator: "\n"))
    }

    /// The harness must be able to fail: a page with a missing image, a script error, a network image
    /// and a theme toggle that does nothing is reported on every count.
    func testBrowserCheckReportsBrokenImageScriptErrorNetworkRequestAndDeadToggle() throws {
        let browser = try browser()
        let folder = try SiteFixtures.temporaryFolder("browser-broken")
        defer { try? FileManager.default.removeItem(at: folder) }
        let broken = """
            <!doctype html><html><head><title>broken</title></head><body>
            <input id="search-input"><button class="theme-toggle">theme</button>
            <img src="missing.png" alt=""><img src="http://example.invalid/remote.png" alt="">
            <img src="missing-lazy.png" alt="" loading="lazy" style="display: none">
            <math><mi>x</mi></math>
            <script>undefinedFunction();</script>
            </body></html>
            """
        try broken.write(to: folder.appendingPathComponent("broken.html"), atomically: true, encoding: .utf8)
        let failures = try browser.run(siteFolder: folder, pages: ["broken.html"],
                                       searches: [BrowserCheck.Search(query: "x", expectedPage: "a.html")])
        let report = failures.joined(separator: "\n")
        for expected in ["image not loaded: missing.png", "image not loaded: missing-lazy.png", "network request", "uncaught error",
                         "theme toggle does not switch", "does not list a.html", "no @font-face for Latin Modern Math",
                         "pressing / does not focus"] {
            XCTAssertTrue(report.contains(expected), "expected a failure mentioning \(expected); got:\n\(report)")
        }
    }

    /// Reads the result of `BrowserCheck.evaluate` as a JSON object.
    private func evaluateJSON(_ browser: BrowserCheck, _ folder: URL, _ page: String, width: Int = 1280, height: Int = 900,
                              _ script: String) throws -> [String: Any] {
        let text = try browser.evaluate(siteFolder: folder, page: page, script: script, width: width, height: height)
        return try XCTUnwrap(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any], text)
    }

    func testPrintStylesHideNavigationAndPrintTheLightFigureInLightColours() throws {
        let browser = try browser()
        let folder = try SiteFixtures.temporaryFolder("browser-print")
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try DemoCourse.write(to: folder)
        // Headless screenshots cannot switch to print media, so apply the print rules to the screen instead.
        let css = folder.appendingPathComponent("assets/print.css")
        let printed = try String(contentsOf: css, encoding: .utf8).replacingOccurrences(of: "@media print", with: "@media screen")
        try printed.write(to: css, atomically: true, encoding: .utf8)
        let result = try evaluateJSON(browser, folder, "01-overfitting.html", """
            document.documentElement.setAttribute("data-theme", "dark");
            var display = function (selector) { return getComputedStyle(document.querySelector(selector)).display; };
            return JSON.stringify({
              sidebar: display(".sidebar"), topbar: display(".topbar"), toc: display(".toc"), nav: display(".page-nav"),
              light: display(".fig-light"), dark: display(".fig-dark"),
              figureBreak: getComputedStyle(document.querySelector("figure")).breakInside,
              background: getComputedStyle(document.body).backgroundColor, text: getComputedStyle(document.body).color
            });
            """)
        XCTAssertEqual(result["sidebar"] as? String, "none")
        XCTAssertEqual(result["topbar"] as? String, "none")
        XCTAssertEqual(result["toc"] as? String, "none")
        XCTAssertEqual(result["nav"] as? String, "none")
        XCTAssertEqual(result["light"] as? String, "block", "print uses the light figure even in the dark theme")
        XCTAssertEqual(result["dark"] as? String, "none")
        XCTAssertEqual(result["figureBreak"] as? String, "avoid")
        XCTAssertEqual(result["background"] as? String, "rgb(255, 255, 255)")
        XCTAssertEqual(result["text"] as? String, "rgb(0, 0, 0)")
    }

    /// A numbered equation shows "(2.1)" once, at the right edge of its own line, and its formula is centred where
    /// an unnumbered one is.
    func testAnEquationNumberStandsAtTheRightOfItsFormula() throws {
        let browser = try browser()
        let folder = try SiteFixtures.temporaryFolder("browser-equations")
        defer { try? FileManager.default.removeItem(at: folder) }
        let page = SiteFixtures.page("01-eq.html", 1, "Equations", "The square\n$$\nx^2\n$$ {#eq-square}\nis convex.\n\n$$\nx^2\n$$\n")
        let site = try SiteFixtures.render(pages: [page])
        for (path, data) in site.files {
            let url = folder.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try data.write(to: url)
        }
        let result = try evaluateJSON(browser, folder, "01-eq.html", """
            var displays = document.querySelectorAll(".math-display");
            var box = function (e) { return e.getBoundingClientRect(); };
            var numbered = box(displays[0].querySelector("math")), number = box(displays[0].querySelector(".equation-number"));
            var plain = box(displays[1].querySelector("math")), container = box(displays[0]);
            return JSON.stringify({
              text: displays[0].querySelector(".equation-number").textContent,
              right: number.left >= numbered.right,
              sameLine: Math.abs((number.top + number.bottom) / 2 - (numbered.top + numbered.bottom) / 2) < 4,
              atEdge: Math.abs(number.right - container.right) < 2,
              centred: Math.abs((numbered.left + numbered.right) / 2 - (plain.left + plain.right) / 2) < 2
            });
            """)
        XCTAssertEqual(result["text"] as? String, "(2.1)")
        XCTAssertEqual(result["right"] as? Bool, true, "the number is to the right of the formula")
        XCTAssertEqual(result["sameLine"] as? Bool, true, "on the formula's line, not a line of its own")
        XCTAssertEqual(result["atEdge"] as? Bool, true, "at the right edge of the text column")
        XCTAssertEqual(result["centred"] as? Bool, true, "the formula is centred as an unnumbered one")
    }

    func testPhoneWidthHidesSidebarBehindAButtonThatOpensIt() throws {
        let browser = try browser()
        let folder = try SiteFixtures.temporaryFolder("browser-phone")
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try DemoCourse.write(to: folder)
        let result = try evaluateJSON(browser, folder, "02-ridge.html", width: 390, height: 844, """
            // Check end states, not the slide animation (virtual time does not run CSS transitions).
            var still = document.createElement("style");
            still.textContent = "*, *::before, *::after { transition: none !important; }";
            document.head.appendChild(still);
            var sidebar = document.querySelector(".sidebar"), button = document.querySelector(".sidebar-toggle");
            var onScreen = function () { var box = sidebar.getBoundingClientRect(); return box.right > 0 && getComputedStyle(sidebar).visibility === "visible"; };
            var closedOnScreen = onScreen(), buttonShown = button.offsetWidth > 0;
            button.click();
            await new Promise(function (resolve) { setTimeout(resolve, 400); });
            var openOnScreen = onScreen(), expanded = button.getAttribute("aria-expanded");
            document.dispatchEvent(new KeyboardEvent("keydown", { key: "Escape", bubbles: true }));
            await new Promise(function (resolve) { setTimeout(resolve, 400); });
            return JSON.stringify({ width: window.innerWidth, closedOnScreen: closedOnScreen, buttonShown: buttonShown,
                                    openOnScreen: openOnScreen, expanded: expanded, closedAgain: !onScreen(),
                                    overflow: document.documentElement.scrollWidth - window.innerWidth });
            """)
        XCTAssertLessThanOrEqual(try XCTUnwrap(result["width"] as? Int), 500,
                                 "a phone-sized viewport (headless Chromium lays out at least 500 px)")
        XCTAssertEqual(result["buttonShown"] as? Bool, true)
        XCTAssertEqual(result["closedOnScreen"] as? Bool, false)
        XCTAssertEqual(result["openOnScreen"] as? Bool, true)
        XCTAssertEqual(result["expanded"] as? String, "true")
        XCTAssertEqual(result["closedAgain"] as? Bool, true, "Escape closes the chapter menu")
        XCTAssertEqual(result["overflow"] as? Int, 0, "nothing makes the page scroll sideways")
    }

    func testSearchIsDrivenByTheKeyboardAndLinksToTheMatchingSection() throws {
        let browser = try browser()
        let folder = try SiteFixtures.temporaryFolder("browser-search")
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try DemoCourse.write(to: folder)
        let result = try evaluateJSON(browser, folder, "index.html", """
            var input = document.getElementById("search-input"), list = document.getElementById("search-results");
            var key = function (target, name) { target.dispatchEvent(new KeyboardEvent("keydown", { key: name, bubbles: true, cancelable: true })); };
            var selected = function () { var s = list.querySelector('[aria-selected="true"]'); return s ? s.getAttribute("href") : null; };
            key(document.body, "/");
            var focused = document.activeElement === input;
            input.value = "penalty";
            input.dispatchEvent(new Event("input", { bubbles: true }));
            var hrefs = Array.prototype.map.call(list.querySelectorAll("a"), function (a) { return a.getAttribute("href"); });
            var first = selected();
            key(input, "ArrowDown");
            var second = selected();
            key(input, "ArrowUp");
            var backToFirst = selected();
            var marks = list.querySelectorAll("mark").length;
            key(input, "Escape");
            return JSON.stringify({ focused: focused, hrefs: hrefs, first: first, second: second, backToFirst: backToFirst,
                                    marks: marks, closed: list.hidden, expanded: input.getAttribute("aria-expanded") });
            """)
        XCTAssertEqual(result["focused"] as? Bool, true, "/ focuses the search box")
        let hrefs = try XCTUnwrap(result["hrefs"] as? [String])
        XCTAssertEqual(Set(hrefs.map { String($0.prefix { $0 != "#" }) }), ["02-ridge.html", "03-lasso.html"],
                       "only the chapters that say “penalty”")
        XCTAssertTrue(hrefs.contains("02-ridge.html#in-code"), "a match under a heading links to that heading: \(hrefs)")
        XCTAssertEqual(result["first"] as? String, hrefs.first)
        XCTAssertEqual(result["second"] as? String, hrefs.count > 1 ? hrefs[1] : nil)
        XCTAssertEqual(result["backToFirst"] as? String, hrefs.first)
        XCTAssertGreaterThanOrEqual(try XCTUnwrap(result["marks"] as? Int), hrefs.count, "the word is highlighted in each result")
        XCTAssertEqual(result["closed"] as? Bool, true, "Escape closes the results")
        XCTAssertEqual(result["expanded"] as? String, "false")
    }

    /// Writes screenshots for people to look at when DOCGEN_SCREENSHOTS names a folder.
    func testScreenshotsForReview() throws {
        guard let target = ProcessInfo.processInfo.environment["DOCGEN_SCREENSHOTS"] else {
            throw XCTSkip("set DOCGEN_SCREENSHOTS=/some/folder to write screenshots")
        }
        let browser = try browser()
        let output = URL(fileURLWithPath: target)
        let site = output.appendingPathComponent("site")
        try? FileManager.default.removeItem(at: site)
        try FileManager.default.createDirectory(at: site, withIntermediateDirectories: true)
        _ = try DemoCourse.write(to: site)
        let shots: [(String, String, Int, Int, Bool)] = [
            ("desktop-light", "02-ridge.html", 1280, 900, false),
            ("desktop-dark", "02-ridge.html", 1280, 900, true),
            ("chapter1-light", "01-overfitting.html", 1280, 900, false),
            ("chapter3-dark", "03-lasso.html", 1440, 900, true),
            ("outline-light", "index.html", 1280, 900, false),
            ("medium-light", "01-overfitting.html", 1000, 800, false),
            ("phone-light", "01-overfitting.html", 390, 844, false),
            ("phone-dark", "02-ridge.html", 390, 844, true),
        ]
        for (name, page, width, height, dark) in shots {
            try browser.screenshot(of: site.appendingPathComponent(page),
                                   to: output.appendingPathComponent("\(name).png"), width: width, height: height, dark: dark)
        }
        // States reached by interaction: a copy of the page runs a script that types or clicks.
        let interactions: [(String, String, String, Int, Int)] = [
            ("search-results", "02-ridge.html", """
                var input = document.getElementById("search-input"); input.focus(); input.value = "penalty";
                input.dispatchEvent(new Event("input", { bubbles: true }));
                """, 1280, 900),
            ("phone-menu", "02-ridge.html", "document.querySelector('.sidebar-toggle').click();", 390, 844),
            ("phone-search", "03-lasso.html", """
                var input = document.getElementById("search-input"); input.focus(); input.value = "zero";
                input.dispatchEvent(new Event("input", { bubbles: true }));
                """, 390, 844),
        ]
        for (name, page, script, width, height) in interactions {
            let html = try String(contentsOf: site.appendingPathComponent(page), encoding: .utf8)
                .replacingOccurrences(of: "</body>", with: "<script>window.addEventListener('load', function () {\(script)});</script></body>")
            let copy = site.appendingPathComponent("__\(name).html")
            try html.write(to: copy, atomically: true, encoding: .utf8)
            try browser.screenshot(of: copy, to: output.appendingPathComponent("\(name).png"), width: width, height: height)
        }
    }
}
