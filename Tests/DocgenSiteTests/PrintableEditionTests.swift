import DocgenMarkup
import Foundation
import XCTest
@testable import DocgenSite

/// `print.html`: the whole course on one page, rendered from the structured chapters.
final class PrintableEditionTests: XCTestCase {
    /// Two chapters that point at each other: figures and tables numbered per chapter, a cross-reference
    /// within the chapter and one to the other chapter, a link to the other chapter, a footnote, a
    /// labelled equation, and a section slug ("summary") both chapters share.
    static let resolver = SiteTestResolver(
        figures: ["path": Figure(number: "1.1", id: "fig-path", image: "figures/fig-path.png",
                                 darkImage: "figures/fig-path-dark.png", width: 800, height: 500,
                                 alt: "Coefficient paths", caption: [.text("Paths.")], dataFile: "figures/fig-path.csv")],
        tables: ["coefs": NumberedTable(number: "2.1", id: "tbl-coefs", caption: [.text("Coefficients.")],
                                        header: [[.text("feature")], [.text("value")]],
                                        rows: [[[.text("bmi")], [.text("24.9")]]], numericColumns: [false, true])],
        labels: ["fig-path": CrossReference(href: "01-ridge.html#fig-path", text: "Figure 1.1"),
                 "tbl-coefs": CrossReference(href: "#tbl-coefs", text: "Table 2.1")])

    static let pages: [PageContent] = [
        SiteFixtures.page("00-preface.html", nil, "Preface", "# Preface\n\nRead the chapters in order.\n"),
        SiteFixtures.page("01-ridge.html", 1, "Ridge", """
            # Ridge

            Ridge shrinks.[^1] See [the lasso](02-lasso.html#sparsity) and [its start](02-lasso.html).

            ```{figure} path
            ```

            $$ x^2 $$ {#eq-square}

            ## Summary

            Shrinkage.

            [^1]: Never to zero.
            """, resolver: resolver),
        SiteFixtures.page("02-lasso.html", 2, "Lasso", """
            # Lasso

            ## Sparsity

            Compare @fig-path with @tbl-coefs.

            ```{table} coefs
            ```

            ## Summary

            Zeros.
            """, resolver: resolver),
    ]

    func render() throws -> String {
        SiteFixtures.text(try SiteFixtures.render(pages: Self.pages, mathFont: nil), "print.html")
    }

    func testChaptersComeInReadingOrderEachUnderItsNumberAndTitle() throws {
        let html = try render()
        let order = ["<section class=\"printable-chapter\" id=\"00-preface\"",
                     "<section class=\"printable-chapter\" id=\"01-ridge\"",
                     "<section class=\"printable-chapter\" id=\"02-lasso\""].map { html.range(of: $0)?.lowerBound }
        XCTAssertFalse(order.contains(nil), "every chapter has its section")
        XCTAssertEqual(order.compactMap { $0 }, order.compactMap { $0 }.sorted())
        XCTAssertTrue(html.contains("<h1 class=\"chapter-heading\" id=\"01-ridge/ridge\"><span class=\"chapter-number\">1</span>Ridge</h1>"))
        XCTAssertTrue(html.contains("<h1 class=\"chapter-heading\" id=\"00-preface/preface\">Preface</h1>"),
                      "an unnumbered chapter has no number")
    }

    func testFiguresAndTablesKeepTheSitesNumbersAndShowOnlyTheLightImage() throws {
        let html = try render()
        XCTAssertTrue(html.contains("<figure class=\"docgen-figure\" id=\"01-ridge/fig-path\">"))
        XCTAssertTrue(html.contains("<span class=\"figure-number\">Figure 1.1</span> Paths."))
        XCTAssertTrue(html.contains("<figure class=\"docgen-table\" id=\"02-lasso/tbl-coefs\">"))
        XCTAssertTrue(html.contains("<span class=\"table-number\">Table 2.1</span>"))
        XCTAssertTrue(html.contains("<img src=\"figures/fig-path.png\" width=\"800\" height=\"500\" alt=\"Coefficient paths\">"))
        XCTAssertFalse(html.contains("fig-path-dark.png"), "no dark variant on paper")
        XCTAssertFalse(html.contains("loading=\"lazy\""), "every image loads before printing")
        XCTAssertFalse(html.contains("Data (CSV)"), "no download link on paper")
        XCTAssertTrue(html.contains("<div class=\"math-display\" id=\"01-ridge/eq-square\">"))
    }

    func testCrossReferencesAndChapterLinksPointInsideThePage() throws {
        let html = try render()
        XCTAssertTrue(html.contains("<a class=\"xref\" href=\"#01-ridge/fig-path\">Figure 1.1</a>"), "to another chapter")
        XCTAssertTrue(html.contains("<a class=\"xref\" href=\"#02-lasso/tbl-coefs\">Table 2.1</a>"), "within the chapter")
        XCTAssertTrue(html.contains("<a href=\"#02-lasso/sparsity\">the lasso</a>"))
        XCTAssertTrue(html.contains("<a href=\"#02-lasso\">its start</a>"))
        XCTAssertTrue(html.contains("<a href=\"#01-ridge/fn-1\" id=\"01-ridge/fnref-1\" data-footnote-ref>1</a>"))
        XCTAssertTrue(html.contains("<li id=\"01-ridge/fn-1\">"))
        XCTAssertTrue(html.contains("href=\"#01-ridge/fnref-1\" class=\"footnote-backref\""))
        XCTAssertFalse(html.contains("class=\"anchor\""), "no section anchor links on paper")
    }

    func testEveryInPageLinkHasItsTargetAndEveryIdIsUnique() throws {
        let html = try render()
        let ids = Self.matches(#" id="([^"]+)""#, in: html)
        XCTAssertEqual(ids.count, Set(ids).count, "duplicate ids: \(ids.filter { id in ids.filter { $0 == id }.count > 1 })")
        XCTAssertTrue(ids.contains("01-ridge/summary") && ids.contains("02-lasso/summary"),
                      "a slug two chapters share is told apart by its chapter")
        let targets = Self.matches(##"href="#([^"]*)""##, in: html)
        XCTAssertFalse(targets.isEmpty)
        for target in targets { XCTAssertTrue(ids.contains(target), "#\(target) has no element") }
        let pageLinks = Self.matches(##"href="([^"#]+\.html)[^"]*""##, in: html)
        XCTAssertEqual(Set(pageLinks), ["index.html"], "the only page linked is the outline")
    }

    func testContentsListEveryChapterAndItsSectionsInOrder() throws {
        let html = try render()
        let toc = SiteFixtures.slice(html, from: "<nav class=\"printable-toc\"", to: "</nav>")
        let expected = ["href=\"#00-preface\"", "href=\"#01-ridge\"", "href=\"#01-ridge/summary\"", "href=\"#02-lasso\"",
                        "href=\"#02-lasso/sparsity\"", "href=\"#02-lasso/summary\""]
        let positions = expected.map { toc.range(of: $0)?.lowerBound }
        XCTAssertFalse(positions.contains(nil), "contents miss one of \(expected)")
        XCTAssertEqual(positions.compactMap { $0 }, positions.compactMap { $0 }.sorted())
    }

    func testTheOutlineLinksToThePrintableEditionAndThePDFWhenThereIsOne() throws {
        let renderer = try SiteRenderer(configuration: SiteFixtures.configuration, mathFont: nil)
        let plain = SiteFixtures.text(try renderer.render(pages: Self.pages), "index.html")
        XCTAssertTrue(plain.contains("<a href=\"print.html\">The whole course on one page</a>"))
        XCTAssertFalse(plain.contains(".pdf"))
        let withPDF = try renderer.render(pages: Self.pages, pdfFileName: "course.pdf")
        XCTAssertTrue(SiteFixtures.text(withPDF, "index.html").contains("<a href=\"course.pdf\">Download the PDF</a>"))
        XCTAssertTrue(SiteFixtures.text(withPDF, "print.html").contains("<a href=\"course.pdf\">Download the PDF</a>"))
    }

    func testAChapterCannotTakeThePrintableEditionsFileName() throws {
        let page = SiteFixtures.page("print.html", 1, "Print", "Text.")
        XCTAssertThrowsError(try SiteFixtures.render(pages: [page], mathFont: nil)) { error in
            XCTAssertTrue("\(error)".contains("printable edition"), "\(error)")
        }
    }

    func testTheChaptersOwnPagesAreUnchangedByTheEdition() throws {
        let site = try SiteFixtures.render(pages: Self.pages, mathFont: nil)
        let ridge = SiteFixtures.text(site, "01-ridge.html")
        XCTAssertTrue(ridge.contains("<figure class=\"docgen-figure\" id=\"fig-path\">"))
        XCTAssertTrue(ridge.contains("<a href=\"02-lasso.html#sparsity\">the lasso</a>"))
        XCTAssertTrue(ridge.contains("<h2 id=\"summary\">Summary<a class=\"anchor\" href=\"#summary\""))
        XCTAssertTrue(SiteFixtures.text(site, "02-lasso.html")
            .contains("<a class=\"xref\" href=\"01-ridge.html#fig-path\">Figure 1.1</a>"))
    }

    static func matches(_ pattern: String, in text: String) -> [String] {
        let regex = try! NSRegularExpression(pattern: pattern)
        return regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap {
            Range($0.range(at: 1), in: text).map { String(text[$0]) }
        }
    }
}
