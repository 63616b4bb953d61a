import DocgenMarkup
import Foundation
import XCTest
@testable import DocgenSite

final class SiteStructureTests: XCTestCase {
    func testSiteContainsOutlineEveryChapterAndTheThemeAssets() throws {
        let site = try SiteFixtures.render()
        for path in ["index.html", "01-overfitting.html", "02-ridge.html", "03-lasso.html",
                     "assets/docgen.css", "assets/content.css", "assets/print.css", "assets/custom.css",
                     "assets/docgen.js", "assets/search.js", "assets/search-index.js", "assets/favicon.svg"] {
            XCTAssertNotNil(site.files[path], path)
        }
        XCTAssertNil(site.files["assets/README.md"], "the theme's README documents the theme; it is not shipped")
        XCTAssertFalse(site.files.keys.contains { $0.hasSuffix(".mustache") }, "templates are not shipped")
    }

    func testOutlineListsEveryChapterInOrderWithItsSections() throws {
        let site = try SiteFixtures.render()
        let outline = SiteFixtures.slice(SiteFixtures.text(site, "index.html"),
                                         from: "<ol class=\"outline-chapters\">", to: "</ol>\n</div>")
        let expectedOrder = ["01-overfitting.html\"", "01-overfitting.html#polynomials", "02-ridge.html\"",
                             "02-ridge.html#shrinkage", "03-lasso.html\"", "03-lasso.html#sparsity",
                             "03-lasso.html#paths"]
        let positions = expectedOrder.map { outline.range(of: $0)?.lowerBound }
        XCTAssertFalse(positions.contains(nil), "outline misses one of \(expectedOrder)")
        let found = positions.compactMap { $0 }
        XCTAssertEqual(found, found.sorted(), "chapters and sections appear in reading order")
        XCTAssertTrue(outline.contains("<span class=\"chapter-number\">3</span><span class=\"chapter-title\">Lasso</span>"))
        XCTAssertFalse(outline.contains("#wiggles"), "level-3 headings stay out of the outline")
    }

    func testSidebarMarksOnlyTheCurrentChapter() throws {
        let site = try SiteFixtures.render()
        for page in SiteFixtures.pages {
            let sidebar = SiteFixtures.slice(SiteFixtures.text(site, page.fileName), from: "<nav id=\"sidebar\"", to: "</nav>")
            XCTAssertEqual(sidebar.components(separatedBy: "aria-current=\"page\"").count - 1, 1, page.fileName)
            XCTAssertTrue(sidebar.contains("<a href=\"\(page.fileName)\" aria-current=\"page\">"), page.fileName)
            for other in SiteFixtures.pages {
                XCTAssertTrue(sidebar.contains("href=\"\(other.fileName)\""), "\(page.fileName) lists \(other.fileName)")
            }
        }
        let outlineSidebar = SiteFixtures.slice(SiteFixtures.text(site, "index.html"), from: "<nav id=\"sidebar\"", to: "</nav>")
        XCTAssertTrue(outlineSidebar.contains("<a class=\"sidebar-outline\" href=\"index.html\" aria-current=\"page\">"))
        XCTAssertEqual(outlineSidebar.components(separatedBy: "aria-current").count - 1, 1)
    }

    func testPreviousAndNextLinksFollowReadingOrderAndStopAtTheEnds() throws {
        let site = try SiteFixtures.render()
        func navigation(_ path: String) -> String {
            SiteFixtures.slice(SiteFixtures.text(site, path), from: "<nav class=\"page-nav\"", to: "</nav>")
        }
        let first = navigation("01-overfitting.html")
        XCTAssertFalse(first.contains("rel=\"prev\""))
        XCTAssertTrue(first.contains("rel=\"next\" href=\"02-ridge.html\""))
        let middle = navigation("02-ridge.html")
        XCTAssertTrue(middle.contains("rel=\"prev\" href=\"01-overfitting.html\""))
        XCTAssertTrue(middle.contains("rel=\"next\" href=\"03-lasso.html\""))
        let last = navigation("03-lasso.html")
        XCTAssertTrue(last.contains("rel=\"prev\" href=\"02-ridge.html\""))
        XCTAssertFalse(last.contains("rel=\"next\""))
        XCTAssertTrue(SiteFixtures.text(site, "index.html").contains("class=\"outline-start\" href=\"01-overfitting.html\""))
    }

    func testTableOfContentsLinksToHeadingIdsThatGetAnchorLinks() throws {
        let site = try SiteFixtures.render()
        let html = SiteFixtures.text(site, "01-overfitting.html")
        let toc = SiteFixtures.slice(html, from: "<nav class=\"toc\"", to: "</nav>")
        XCTAssertTrue(toc.contains("<li><a href=\"#polynomials\">Polynomials</a></li>"))
        XCTAssertTrue(toc.contains("<li class=\"toc-nested\"><a href=\"#wiggles\">Wiggles</a></li>"))
        XCTAssertTrue(html.contains(
            "<h2 id=\"polynomials\">Polynomials<a class=\"anchor\" href=\"#polynomials\" aria-label=\"Link to this section\"></a></h2>"))
        XCTAssertTrue(html.contains("<h3 id=\"wiggles\">Wiggles<a class=\"anchor\" href=\"#wiggles\""))
        XCTAssertTrue(html.contains("<h1 class=\"chapter-heading\"><span class=\"chapter-number\">1</span>Overfitting</h1>"))
    }

    func testChapterTitleHeadingIsTheTemplatesH1WithItsID() throws {
        let page = SiteFixtures.page("01-a.html", 1, "Ridge", "# Ridge regression\n\nText.\n\n## B\n\n# Later\n")
        let html = SiteFixtures.text(try SiteFixtures.render(pages: [page], mathFont: nil), "01-a.html")
        XCTAssertTrue(html.contains("<h1 class=\"chapter-heading\" id=\"ridge-regression\"><span class=\"chapter-number\">1</span>Ridge</h1>"))
        XCTAssertEqual(html.components(separatedBy: "id=\"ridge-regression\"").count - 1, 1, "the title is not repeated in the body")
        XCTAssertEqual(SearchIndex.sections(of: page).first?.text, "Text.", "the title is not indexed as body text")
        let toc = SiteFixtures.slice(html, from: "<nav class=\"toc\"", to: "</nav>")
        XCTAssertTrue(toc.contains("href=\"#b\""))
        XCTAssertFalse(toc.contains("#later"), "a later level-1 heading is not a section")
        XCTAssertTrue(html.contains("<h1 id=\"later\">Later<a class=\"anchor\" href=\"#later\""), "it stays in the body")
    }

    func testPageThatDoesNotOpenWithAHeadingHasATitleWithoutID() throws {
        let page = SiteFixtures.page("01-a.html", 1, "Ridge", "Intro.\n\n# Late\n")
        let html = SiteFixtures.text(try SiteFixtures.render(pages: [page], mathFont: nil), "01-a.html")
        XCTAssertTrue(html.contains("<h1 class=\"chapter-heading\"><span class=\"chapter-number\">1</span>Ridge</h1>"))
        XCTAssertTrue(html.contains("<p>Intro.</p>\n<h1 id=\"late\">Late<a class=\"anchor\""))
    }

    func testRawHTMLHeadingsPassThroughWithoutAnchorLinks() throws {
        let page = SiteFixtures.page("01-a.html", 1, "A", "<h2 id=\"raw\">Raw</h2>\n")
        let html = SiteFixtures.text(try SiteFixtures.render(pages: [page], mathFont: nil), "01-a.html")
        XCTAssertTrue(html.contains("<article class=\"chapter-body\">\n<h2 id=\"raw\">Raw</h2>\n</article>"), html)
        XCTAssertFalse(html.contains("class=\"toc\""), "raw HTML is not read for headings")
    }

    func testPageWithoutHeadingsHasNoContentsBox() throws {
        let page = SiteFixtures.page("preface.html", nil, "Preface", "Hello.\n")
        let site = try SiteFixtures.render(pages: [page])
        let html = SiteFixtures.text(site, "preface.html")
        XCTAssertFalse(html.contains("class=\"toc\""))
        XCTAssertTrue(html.contains("<h1 class=\"chapter-heading\">Preface</h1>"), "unnumbered pages show no number")
        XCTAssertTrue(html.contains("<title>Preface · Regularization</title>"))
    }

    func testTitlesAuthorAndHeadingsAreHTMLEscapedButBodyIsNot() throws {
        let configuration = SiteConfiguration(title: "L1 <&> \"L2\"", author: "O'Brien & <Co>", language: "en\"x")
        let page = SiteFixtures.page("01-a.html", 1, "Why <b>‖β‖₁</b> & \"α\"?",
                                     "<b>bold</b> body\n\n## a < b & \"c\" {#h}\n")
        let site = try SiteRenderer(configuration: configuration, mathFont: nil).render(pages: [page])
        let html = SiteFixtures.text(site, "01-a.html")
        XCTAssertTrue(html.contains("<html lang=\"en&quot;x\">"))
        XCTAssertTrue(html.contains("<a class=\"site-title\" href=\"index.html\">L1 &lt;&amp;&gt; &quot;L2&quot;</a>"))
        XCTAssertTrue(html.contains("Why &lt;b&gt;‖β‖₁&lt;/b&gt; &amp; &quot;α&quot;?</h1>"))
        XCTAssertTrue(html.contains("<a href=\"#h\">a &lt; b &amp; &quot;c&quot;</a>"))
        XCTAssertTrue(html.contains("O&#39;Brien &amp; &lt;Co&gt;"))
        XCTAssertTrue(html.contains("<p><b>bold</b> body</p>"), "the body's raw HTML is inserted verbatim")
        XCTAssertFalse(html.contains("<b>‖β‖₁</b>"))
        let outline = SiteFixtures.text(site, "index.html")
        XCTAssertTrue(outline.contains("<title>L1 &lt;&amp;&gt; &quot;L2&quot;</title>"))
        XCTAssertFalse(outline.contains("<Co>"))
    }

    func testInvalidOrRepeatedPageFileNamesAreRejected() throws {
        let renderer = try SiteRenderer(configuration: SiteFixtures.configuration, mathFont: nil)
        func page(_ name: String) -> PageContent {
            PageContent(fileName: name, number: 1, title: "T", page: ChapterPage(blocks: []))
        }
        for bad in ["../escape.html", "sub/page.html", "index.html", "page.htm", "with space.html", ".html", "https://x.html"] {
            XCTAssertThrowsError(try renderer.render(pages: [page(bad)]), bad) { error in
                guard case SiteError.invalidPageFileName(let name, _) = error else {
                    return XCTFail("unexpected error \(error)")
                }
                XCTAssertEqual(name, bad)
            }
        }
        XCTAssertThrowsError(try renderer.render(pages: [page("a.html"), page("a.html")]))
        XCTAssertNoThrow(try renderer.render(pages: [page("03-ridge.v2_final.html")]))
    }

    func testThemeIsChosenByAnInlineScriptBeforeTheStylesheetLoads() throws {
        let site = try SiteFixtures.render()
        for path in ["index.html", "02-ridge.html"] {
            let head = SiteFixtures.slice(SiteFixtures.text(site, path), from: "<head>", to: "</head>")
            let script = try XCTUnwrap(head.range(of: "document.documentElement.setAttribute(\"data-theme\""), path)
            let stylesheet = try XCTUnwrap(head.range(of: "<link rel=\"stylesheet\" href=\"assets/docgen.css\">"), path)
            XCTAssertLessThan(script.lowerBound, stylesheet.lowerBound, "\(path): theme set before first paint")
            XCTAssertTrue(head.contains("try { theme = window.localStorage.getItem(\"docgen-theme\")"),
                          "\(path): storage access is guarded (it throws on some file:// setups)")
        }
    }

    func testRenderingTwiceGivesIdenticalBytes() throws {
        let first = try SiteFixtures.render()
        let second = try SiteFixtures.render()
        XCTAssertEqual(Set(first.files.keys), Set(second.files.keys))
        for (path, data) in first.files {
            XCTAssertEqual(data, second.files[path], path)
        }
    }
}
