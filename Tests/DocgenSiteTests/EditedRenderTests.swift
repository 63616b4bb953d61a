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

    /// The lengths of a rendered site's printable edition and search index, which `renderEdited` splices.
    static func lengths(_ site: RenderedSite) -> [String: Int] {
        [SiteRenderer.printableEditionPath, SiteRenderer.searchIndexPath].reduce(into: [:]) { $0[$1] = site.files[$1]?.count }
    }

    /// The files of an edited render as a publisher writes them: whole files, and the splices applied to `published`.
    static func files(_ edited: RenderedSite, published: [String: Data]) -> [String: Data] {
        var files = edited.files
        for (path, splice) in edited.splicedFiles { files[path] = published[path].flatMap(splice.applied(to:)) }
        return files
    }

    func edited(_ page: PageContent, at index: Int, mathFont: MathFont? = nil) throws -> (edited: [String: Data]?, parts: [PageParts]?, whole: RenderedSite) {
        let before = try renderer(mathFont: mathFont).render(pages: PrintableEditionTests.pages)
        // The splices are handed out once, before the pages are rendered, and are those of the result.
        var handedOut: [[String: Data]] = []
        let edited = try renderer(mathFont: mathFont).renderEdited([page], previous: before.parts,
                                                                   mathFontPath: before.mathFontPath,
                                                                   publishedLengths: Self.lengths(before),
                                                                   splicesReady: {
            handedOut.append(Self.files(RenderedSite(files: [:], warnings: [], splicedFiles: $0), published: before.files))
        })
        if let edited {
            XCTAssertEqual(handedOut, [Self.files(RenderedSite(files: [:], warnings: [], splicedFiles: edited.splicedFiles),
                                                  published: before.files)])
        }
        return (edited.map { Self.files($0, published: before.files) }, edited?.parts,
                try renderer(mathFont: mathFont).render(pages: course(replacing: index, with: page)))
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
        let (result, parts, whole) = try edited(page, at: 2)
        let files = try XCTUnwrap(result)
        XCTAssertEqual(Set(files.keys), ["02-lasso.html", "print.html", "assets/search-index.js"])
        for (path, bytes) in files {
            XCTAssertEqual(bytes, whole.files[path], "\(path) differs from the whole render's")
        }
        XCTAssertEqual(parts, whole.parts, "the parts, and where each page lies in the two files")
        XCTAssertTrue(String(decoding: files["print.html"] ?? Data(), as: UTF8.self)
            .contains("note that the edit made this sentence longer"))
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
            guard let site = try renderer().renderEdited([page], previous: published.parts,
                                                         mathFontPath: published.mathFontPath,
                                                         publishedLengths: Self.lengths(published)) else {
                // A chapter whose sections changed is declined: shown in every page's sidebar.
                XCTAssertNotEqual(PageOutline(page).toc, PageOutline(PrintableEditionTests.pages[index]).toc, "round \(round)")
                published = try renderer().render(pages: pages)
                continue
            }
            let whole = try renderer().render(pages: pages)
            let files = Self.files(site, published: published.files)
            for (path, bytes) in files { XCTAssertEqual(bytes, whole.files[path], "round \(round): \(path)") }
            published.files.merge(files) { _, new in new }
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

    func testAPublishedFileShorterThanRecordedOrMissingIsDeclined() throws {
        let before = try renderer().render(pages: PrintableEditionTests.pages)
        let page = SiteFixtures.page("00-preface.html", nil, "Preface", "# Preface\n\nRead them in any order.\n")
        var lengths = Self.lengths(before)
        XCTAssertNotNil(try renderer().renderEdited([page], previous: before.parts, mathFontPath: nil, publishedLengths: lengths))
        lengths[SiteRenderer.printableEditionPath] = 100
        XCTAssertNil(try renderer().renderEdited([page], previous: before.parts, mathFontPath: nil, publishedLengths: lengths))
        lengths[SiteRenderer.printableEditionPath] = nil
        XCTAssertNil(try renderer().renderEdited([page], previous: before.parts, mathFontPath: nil, publishedLengths: lengths))
    }

    func testASpliceKeepsEveryRangeItDoesNotReplaceAndMovesTheRest() throws {
        let old = Data("aaaXXbbbYYYYcc".utf8)
        let ranges = [3..<5, 8..<12]
        let (splice, moved) = try XCTUnwrap(SplicedFile.replacing(parts: ranges, of: old.count, [1: Data("Z".utf8)]))
        XCTAssertEqual(splice.applied(to: old), Data("aaaXXbbbZcc".utf8))
        XCTAssertEqual(moved, [3..<5, 8..<9])
        XCTAssertEqual(splice.newLength, 11)
        XCTAssertEqual(splice.pieces, [.kept(0..<8), .new(Data("Z".utf8)), .kept(12..<14)])
        XCTAssertNil(splice.applied(to: old.prefix(13)), "another file")
        XCTAssertNil(SplicedFile.replacing(parts: [3..<5, 4..<6], of: 14, [:]), "overlapping parts")
        XCTAssertNil(SplicedFile.replacing(parts: [3..<15], of: 14, [:]), "a part past the end")
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

    /// A theme whose printable edition shows each body escaped, or twice, keeps no body places, so an edit is declined
    /// (and the whole edition is rendered) rather than spliced wrong; a theme that shows each body once, as it is, in its
    /// own markup, keeps them and is spliced exactly.
    func testThePrintableEditionIsSplicedOnlyWhereTheThemeShowsEachBodyOnceAsItIs() throws {
        let builtIn = Theme.builtInFiles["printable.mustache"].map { String(decoding: $0, as: UTF8.self) } ?? ""
        XCTAssertTrue(builtIn.contains("{{{body}}}"))
        let page = SiteFixtures.page("00-preface.html", nil, "Preface", "# Preface\n\nRead them in <any> order.\n")
        for (variant, template, splices) in [
            ("escaped", builtIn.replacingOccurrences(of: "{{{body}}}", with: "{{body}}"), false),
            ("twice", builtIn.replacingOccurrences(of: "{{{body}}}", with: "{{{body}}}<hr>{{{body}}}"), false),
            ("its own markup", builtIn.replacingOccurrences(of: "{{{body}}}", with: "<main class=\"mine\">{{{body}}}</main>"), true),
        ] {
            let folder = try SiteFixtures.temporaryFolder("printable-\(variant.count)")
            defer { try? FileManager.default.removeItem(at: folder) }
            try Data(template.utf8).write(to: folder.appendingPathComponent("printable.mustache"))
            let themed = try SiteRenderer(configuration: SiteFixtures.configuration, themeOverrides: folder, mathFont: nil)
            let before = try themed.render(pages: PrintableEditionTests.pages)
            XCTAssertEqual(before.parts.allSatisfy { $0.printableRange != nil }, splices, variant)
            let edited = try themed.renderEdited([page], previous: before.parts, mathFontPath: nil,
                                                 publishedLengths: Self.lengths(before))
            XCTAssertEqual(edited != nil, splices, variant)
            if let edited {
                let whole = try themed.render(pages: course(replacing: 0, with: page))
                for (path, bytes) in Self.files(edited, published: before.files) {
                    XCTAssertEqual(bytes, whole.files[path], "\(variant): \(path)")
                }
            }
        }
    }
}
