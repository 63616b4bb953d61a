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
            <math><mi>x</mi></math>
            <script>undefinedFunction();</script>
            </body></html>
            """
        try broken.write(to: folder.appendingPathComponent("broken.html"), atomically: true, encoding: .utf8)
        let failures = try browser.run(siteFolder: folder, pages: ["broken.html"],
                                       searches: [BrowserCheck.Search(query: "x", expectedPage: "a.html")])
        let report = failures.joined(separator: "\n")
        for expected in ["image not loaded: missing.png", "network request", "uncaught error",
                         "theme toggle does not switch", "does not list a.html", "no @font-face for Latin Modern Math",
                         "pressing / does not focus"] {
            XCTAssertTrue(report.contains(expected), "expected a failure mentioning \(expected); got:\n\(report)")
        }
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
