import Foundation
import XCTest
@testable import DocgenSite

final class SearchIndexTests: XCTestCase {
    /// The index file is `window.DOCGEN_SEARCH = <JSON>;`; returns the JSON value.
    private func parsedIndex(_ site: RenderedSite) throws -> [String: Any] {
        let script = SiteFixtures.text(site, "assets/search-index.js")
        let prefix = "window.DOCGEN_SEARCH = "
        let start = try XCTUnwrap(script.range(of: prefix)).upperBound
        var json = String(script[start...]).trimmingCharacters(in: .whitespacesAndNewlines)
        XCTAssertTrue(json.hasSuffix(";"))
        json.removeLast()
        return try XCTUnwrap(JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
    }

    func testIndexHoldsEveryPageWithItsSectionsHeadingsAndText() throws {
        let index = try parsedIndex(try SiteFixtures.render())
        let pages = try XCTUnwrap(index["pages"] as? [[String: Any]])
        XCTAssertEqual(pages.map { $0["href"] as? String }, ["01-overfitting.html", "02-ridge.html", "03-lasso.html"])
        XCTAssertEqual(pages.map { $0["title"] as? String }, ["Overfitting", "Ridge", "Lasso"])
        XCTAssertEqual(pages.map { $0["number"] as? Int }, [1, 2, 3])
        let first = try XCTUnwrap(pages[0]["sections"] as? [[String: String]])
        XCTAssertEqual(first.map { $0["anchor"] }, ["", "polynomials", "wiggles"])
        XCTAssertEqual(first.map { $0["heading"] }, ["Overfitting", "Polynomials", "Wiggles"])
        XCTAssertEqual(first.map { $0["text"] }, [
            "A flexible model memorizes noise.",
            "A degree-nine polynomial passes through every point.",
            "Coefficients grow & oscillate.",
        ])
        let third = try XCTUnwrap(pages[2]["sections"] as? [[String: String]])
        XCTAssertEqual(third.map { $0["anchor"] }, ["", "sparsity", "paths"], "an empty intro section is still listed")
        XCTAssertEqual(third[0]["text"], "")
    }

    func testIndexHoldsMathAsReadableTextNotTeX() throws {
        let page = SiteFixtures.page("01-a.html", 1, "A", """
            The penalty $\\alpha$ weighs $\\|\\beta\\|_1$.

            ## Objective

            $$
            \\frac{1}{2n}\\lVert y - \\mathbf{X}\\beta \\rVert_2^2
            $$
            """)
        let index = try parsedIndex(try SiteFixtures.render(pages: [page], mathFont: nil))
        let pages = try XCTUnwrap(index["pages"] as? [[String: Any]])
        let sections = try XCTUnwrap(pages.first?["sections"] as? [[String: String]])
        XCTAssertEqual(sections.map { $0["text"] }, ["The penalty α weighs ‖β‖₁.", "1/(2n) ‖y − Xβ‖₂²"])
        let script = SiteFixtures.text(try SiteFixtures.render(pages: [page], mathFont: nil), "assets/search-index.js")
        XCTAssertTrue(script.contains("α") && script.contains("‖β‖₁"))
        XCTAssertFalse(script.contains("\\\\"), "no TeX backslash (escaped as \\\\ in the script) anywhere in the index")
    }

    func testHeadingsBelowTheContentsLevelAddTheirTextToTheSectionTheyAreIn() {
        let page = SiteFixtures.page("01-a.html", 1, "A", """
            # Title

            Intro.

            ## Two

            Text two.

            #### Four

            Text four.

            # Late one

            Text late.
            """)
        XCTAssertEqual(SearchIndex.sections(of: page), [
            SearchIndex.Section(anchor: "", heading: "A", text: "Intro."),
            SearchIndex.Section(anchor: "two", heading: "Two", text: "Text two. Four Text four. Late one Text late."),
        ])
    }

    func testStringLiteralsEscapeQuotesControlsLineSeparatorsAndScriptClose() {
        XCTAssertEqual(SearchIndex.literal("a\"b\\c\nd\u{1}e\u{2028}</script>"),
                       "\"a\\\"b\\\\c\\nd\\u0001e\\u2028\\u003c/script>\"")
    }

    func testIndexIsValidJavaScriptThatAssignsTheIndex() throws {
        guard let node = ["/usr/bin/node", "/usr/local/bin/node"].first(where: FileManager.default.isExecutableFile) else {
            throw XCTSkip("node is not installed; the JSON structure is checked by the other tests")
        }
        var pages = SiteFixtures.pages
        pages[1].title = "Quotes \" and \\ and </script> and \u{2028} line"
        let site = try SiteFixtures.render(pages: pages, mathFont: nil)
        let folder = try SiteFixtures.temporaryFolder("node")
        defer { try? FileManager.default.removeItem(at: folder) }
        let indexFile = folder.appendingPathComponent("search-index.js")
        try site.files["assets/search-index.js"]?.write(to: indexFile)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: node)
        process.arguments = ["-e", """
            globalThis.window = {}; require(process.argv[1]);
            const p = window.DOCGEN_SEARCH.pages;
            console.log(JSON.stringify([p.length, encodeURIComponent(p[1].title), p[2].sections.map(s => s.heading)]));
            """, indexFile.path]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0)
        let printed = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        // encodeURIComponent leaves only ASCII letters, digits and -_.!~*'() unescaped.
        let unreserved = CharacterSet(charactersIn:
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.!~*'()")
        let title = try XCTUnwrap(pages[1].title.addingPercentEncoding(withAllowedCharacters: unreserved))
        XCTAssertEqual(printed.trimmingCharacters(in: .whitespacesAndNewlines),
                       "[3,\"\(title)\",[\"Lasso\",\"Sparsity\",\"Paths\"]]")
    }
}
