import DocgenMarkup
import Foundation
import XCTest
@testable import DocgenSite

/// `renderEdited`: after an edit of some pages, the files it gives are those `render` gives for the edited course, and
/// it declines whatever it cannot give that way.
final class EditedRenderTests: XCTestCase {
    func renderer(mathFont: MathFont? = nil) throws -> SiteRenderer {
        try SiteRenderer(configuration: SiteFixtures.configuration, mathFont: mathFont)
    }

    /// The course's pages with page `index` replaced by `page`.
    func course(replacing index: Int, with page: PageContent) -> [PageContent] {
        var pages = PrintableEditionTests.pages
        pages[index] = page
        return pages
    }

    func edited(_ page: PageContent, at index: Int, mathFont: MathFont? = nil) throws -> (edited: RenderedSite?, whole: RenderedSite) {
        let before = try renderer(mathFont: mathFont).render(pages: PrintableEditionTests.pages)
        let published = before.files.filter { [SiteRenderer.printableEditionPath, SiteRenderer.searchIndexPath].contains($0.key) }
        let edited = try renderer(mathFont: mathFont).renderEdited([page], previous: before.parts,
                                                                   mathFontPath: before.mathFontPath, published: published)
        return (edited, try renderer(mathFont: mathFont).render(pages: course(replacing: index, with: page)))
    }

    func testAnEditedPageGivesTheWholeRendersPagePrintableEditionAndSearchIndex() throws {
        let page = SiteFixtures.page("02-lasso.html", 2, "Lasso", """
            # Lasso

            ## Sparsity

            Compare @fig-path with @tbl-coefs, and note that the edit made this sentence longer by some words.

            ```{table} coefs
            ```

            ## Summary

            Zeros, and a new <b>sentence</b> with a "quote".
            """, resolver: PrintableEditionTests.resolver)
        let (result, whole) = try edited(page, at: 2)
        let site = try XCTUnwrap(result)
        XCTAssertEqual(Set(site.files.keys), ["02-lasso.html", "print.html", "assets/search-index.js"])
        for (path, bytes) in site.files {
            XCTAssertEqual(bytes, whole.files[path], "\(path) differs from the whole render's")
        }
        XCTAssertEqual(site.parts, whole.parts, "the parts, and where each page lies in the two files")
        XCTAssertTrue(SiteFixtures.text(site, "print.html").contains("note that the edit made this sentence longer"))
    }

    func testEditsOfThePreviousEditSplicedIntoTheSameFilesStayExact() throws {
        var published = try renderer().render(pages: PrintableEditionTests.pages)
        var pages = PrintableEditionTests.pages
        for round in 1...4 {
            let index = round % pages.count
            let text = "# Page \(index)\n\nRound \(round): " + String(repeating: "word ", count: round * 7) + "\n"
            let page = SiteFixtures.page(pages[index].fileName, pages[index].number, pages[index].title,
                                         text.replacingOccurrences(of: "# Page \(index)", with: "# " + pages[index].title))
            pages[index] = page
            let files = published.files.filter { [SiteRenderer.printableEditionPath, SiteRenderer.searchIndexPath].contains($0.key) }
            guard let site = try renderer().renderEdited([page], previous: published.parts,
                                                         mathFontPath: published.mathFontPath, published: files) else {
                // A chapter whose sections changed is declined: shown in every page's sidebar.
                XCTAssertNotEqual(PageOutline(page).toc, PageOutline(PrintableEditionTests.pages[index]).toc, "round \(round)")
                published = try renderer().render(pages: pages)
                continue
            }
            let whole = try renderer().render(pages: pages)
            for (path, bytes) in site.files { XCTAssertEqual(bytes, whole.files[path], "round \(round): \(path)") }
            published.files.merge(site.files) { _, new in new }
            published.parts = site.parts
        }
    }

    func testAnEditShownOnOtherPagesIsDeclined() throws {
        let original = PrintableEditionTests.pages[2]
        let retitled = PageContent(fileName: original.fileName, number: original.number, title: "Sparse models",
                                   page: original.page)
        XCTAssertNil(try edited(retitled, at: 2).edited, "the title is on every page's sidebar")
        let newSection = SiteFixtures.page("02-lasso.html", 2, "Lasso", "# Lasso\n\n## Sparsity\n\nZeros.\n\n## Another\n\nMore.\n")
        XCTAssertNil(try edited(newSection, at: 2).edited, "a new section is on every page's sidebar")
        let stranger = SiteFixtures.page("09-other.html", 9, "Other", "# Other\n\nText.\n")
        XCTAssertNil(try edited(stranger, at: 2).edited, "a page the site does not have")
    }

    func testAPublishedFileThatIsNotTheRecordedOneIsDeclined() throws {
        let before = try renderer().render(pages: PrintableEditionTests.pages)
        let page = SiteFixtures.page("00-preface.html", nil, "Preface", "# Preface\n\nRead them in any order.\n")
        var published = before.files.filter { [SiteRenderer.printableEditionPath, SiteRenderer.searchIndexPath].contains($0.key) }
        published[SiteRenderer.printableEditionPath] = published[SiteRenderer.printableEditionPath]?.prefix(100)
        XCTAssertNil(try renderer().renderEdited([page], previous: before.parts, mathFontPath: nil, published: published))
        published[SiteRenderer.printableEditionPath] = nil
        XCTAssertNil(try renderer().renderEdited([page], previous: before.parts, mathFontPath: nil, published: published))
    }

    func testMathCharactersAreComparedWithoutReadingEveryPageUnlessOneIsDropped() {
        func part(_ characters: String) -> PageParts {
            PageParts(fileName: "p.html", number: nil, title: "P", toc: [],
                      printable: PrintableChapter(id: "p", headingID: "", sections: []),
                      mathCharacters: characters.unicodeScalars.map(\.value).sorted())
        }
        let before = [part("αβ"), part("βγ"), part("x")]
        XCTAssertTrue(SiteRenderer.sameMathCharacters(before, [part("αβ"), part("βγ"), part("x")], edited: [1]))
        XCTAssertTrue(SiteRenderer.sameMathCharacters(before, [part("αβ"), part("γ"), part("x")], edited: [1]),
                      "β is still used by the first page")
        XCTAssertFalse(SiteRenderer.sameMathCharacters(before, [part("αβ"), part("β"), part("x")], edited: [1]),
                       "γ is used by no page any more")
        XCTAssertTrue(SiteRenderer.sameMathCharacters(before, [part("αβ"), part("βγx"), part("x")], edited: [1]),
                      "x is used by the third page already")
        XCTAssertFalse(SiteRenderer.sameMathCharacters(before, [part("αβ"), part("βγδ"), part("x")], edited: [1]),
                       "δ is new to the course")
        XCTAssertTrue(SiteRenderer.sameMathCharacters(before, [part("β"), part("αγ"), part("x")], edited: [0, 1]),
                      "α moved from one edited page to the other")
    }
}
