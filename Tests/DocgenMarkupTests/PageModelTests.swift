import XCTest
import DocgenDiagnostics
@testable import DocgenMarkup

/// The structured page of small chapters: title, ids, blocks, inline content.
final class PageModelTests: XCTestCase {
    func testOpeningLevelOneHeadingIsTheTitleWithItsIDAndLeavesTheBody() {
        let p = page("# The *lasso*\n\nText.\n\n## Setup\n").page
        XCTAssertEqual(p.title, PageHeading(level: 1, id: "the-lasso", content: [.text("The "), .emphasis([.text("lasso")])]))
        XCTAssertEqual(p.blocks, [.paragraph([.text("Text.")]),
                                  .heading(PageHeading(level: 2, id: "setup", content: [.text("Setup")]))])
    }

    func testLevelOneHeadingAfterTextIsNotTheTitleAndStaysInTheBody() {
        let p = page("Intro.\n\n# Late\n").page
        XCTAssertNil(p.title)
        XCTAssertEqual(p.blocks, [.paragraph([.text("Intro.")]), .heading(PageHeading(level: 1, id: "late", content: [.text("Late")]))])
    }

    func testHeadingsCarryUniqueSlugIDsAndLabelsBecomeIDs() {
        XCTAssertEqual(blocks("## Ridge\n\n## Ridge\n\n### *Ridge* again\n\n## Setup {#sec-setup}\n"), [
            .heading(PageHeading(level: 2, id: "ridge", content: [.text("Ridge")])),
            .heading(PageHeading(level: 2, id: "ridge-1", content: [.text("Ridge")])),
            .heading(PageHeading(level: 3, id: "ridge-again", content: [.emphasis([.text("Ridge")]), .text(" again")])),
            .heading(PageHeading(level: 2, id: "sec-setup", content: [.text("Setup")])),
        ])
    }

    func testDirectivesBecomeTheResolversBlocksAndExperimentsShowNothing() {
        XCTAssertEqual(blocks("Before\n\n```{experiment} e1\nmodel: lasso\n```\n\n```{figure} fig-path\nexperiment: e1\n```\n\nAfter\n"), [
            .paragraph([.text("Before")]),
            .figure(TestResolver.figure("fig-path", number: "1.1")),
            .paragraph([.text("After")]),
        ])
    }

    func testKnownRoleBecomesTheResolversContentAndIsLocatedAtItsBrace() {
        let r = page("Cross-validation picks α = {value}`cv.alpha_min`, nice.\n")
        XCTAssertEqual(r.page.blocks, [.paragraph([
            .text("Cross-validation picks α = "),
            .role(RoleResult(name: "value", argument: "cv.alpha_min", content: [.text("0.0123")])),
            .text(", nice."),
        ])])
        XCTAssertEqual(r.resolver.roles.first?.at, SourceLocation(file: "ch.md", line: 1, column: 28))
        XCTAssertEqual(r.diagnostics, [])
    }

    func testUnknownRoleIsReportedAtItsBraceAndLeftAsWritten() {
        let r = page("Line one\nand {value}`cv.nope` then {bogus}`x`.\n")
        XCTAssertEqual(r.diagnostics.map(\.location), [
            SourceLocation(file: "ch.md", line: 2, column: 5),
            SourceLocation(file: "ch.md", line: 2, column: 27),
        ])
        XCTAssertEqual(r.diagnostics.map(\.message), ["unknown value 'cv.nope'", "unknown role 'bogus'"])
        XCTAssertEqual(r.page.blocks, [.paragraph([.text("Line one"), .softBreak, .text("and {value}"), .code("cv.nope"),
                                                   .text(" then {bogus}"), .code("x"), .text(".")])])
    }

    /// `{value}` then backticks that make no code span — empty, or never closed — is an error at the brace, not text
    /// shown as written without a word.
    func testARoleWithoutItsCodeSpanIsAnErrorAtItsBrace() {
        let r = page("Empty {value}`` here, open {value}`cv.alpha_min and ok.\n")
        XCTAssertEqual(r.diagnostics.map(\.location), [
            SourceLocation(file: "ch.md", line: 1, column: 7),
            SourceLocation(file: "ch.md", line: 1, column: 28),
        ])
        XCTAssertEqual(r.diagnostics.first?.message,
                       "{value} needs a code span right after it, as in {value}`experiment.field`; this one is empty or never closed")
        XCTAssertEqual(r.resolver.roles.count, 0)
        XCTAssertEqual(page("Braces {x} and a `code span`, and {y} `spaced`.\n").diagnostics, [], "no role was meant")
    }

    func testCrossReferencesResolveAndUnknownOnesStayAsWrittenWithALocatedDiagnostic() {
        let r = page("# T\n\nSee @fig-path. Also @tbl-missing, and mail ann@fig-x.org.\n")
        XCTAssertEqual(r.page.blocks, [.paragraph([
            .text("See "), .crossReference(CrossReference(href: "#fig-path", text: "Figure 1.1")),
            .text(". Also @tbl-missing, and mail "),
            .link(Link(destination: "mailto:ann@fig-x.org", content: [.text("ann@fig-x.org")])), .text("."),
        ])])
        XCTAssertEqual(r.resolver.references.map(\.label), ["fig-path", "tbl-missing"])
        XCTAssertEqual(r.diagnostics.map(\.location), [SourceLocation(file: "ch.md", line: 3, column: 21)])
    }

    func testSameReferenceTwiceInAParagraphIsLocatedAtEachOccurrence() {
        let r = page("@tbl-a and\n*again* @tbl-a\n")
        XCTAssertEqual(r.diagnostics.map(\.location), [
            SourceLocation(file: "ch.md", line: 1, column: 1),
            SourceLocation(file: "ch.md", line: 2, column: 9),
        ])
    }

    func testInlineLocationsInsideTablesQuotedListsAndFootnotesAreExact() {
        let r = page("| a | b |\n|---|---|\n| x | see @tbl-zz |\n\n> - item\n>   and {value}`bad`\n\nText[^n].\n\n[^n]: foot @fig-qq\n")
        XCTAssertEqual(r.diagnostics.map(\.location), [
            SourceLocation(file: "ch.md", line: 3, column: 11),
            SourceLocation(file: "ch.md", line: 6, column: 9),
            SourceLocation(file: "ch.md", line: 10, column: 12),
        ])
    }

    func testLinksAreRewrittenAndBrokenOnesKeptAsWrittenAndLocatedAtTheDestination() {
        let r = page("Read [the lasso](lasso.md#path \"Chapter 4\") or [this](gone.md) or <https://example.org>.\n")
        XCTAssertEqual(r.page.blocks, [.paragraph([
            .text("Read "), .link(Link(destination: "lasso.html#path", title: "Chapter 4", content: [.text("the lasso")])),
            .text(" or "), .link(Link(destination: "gone.md", content: [.text("this")])),
            .text(" or "), .link(Link(destination: "https://example.org", content: [.text("https://example.org")])), .text("."),
        ])])
        XCTAssertEqual(r.diagnostics.map(\.location), [SourceLocation(file: "ch.md", line: 1, column: 55)])
    }

    func testReferenceInsideALinkIsTextSinceLinksDoNotNest() {
        XCTAssertEqual(blocks("[see @fig-path](lasso.md)\n"), [.paragraph([
            .link(Link(destination: "lasso.html", content: [.text("see Figure 1.1")])),
        ])])
    }

    func testImageAltKeepsMathAndReferencesAsInlineContent() {
        XCTAssertEqual(blocks("![alt $x_1$ and @fig-path](a.png \"t\")\n"), [.paragraph([
            .image(Image(source: "a.png", title: "t", alt: [.text("alt "), .math(formula("x_1")), .text(" and Figure 1.1")])),
        ])])
    }

    func testGitHubAlertsBecomeCalloutsWithTheirKindAndOptionalTitle() {
        XCTAssertEqual(blocks("> [!WARNING]\n> Standardize **first**.\n\n> [!tip] Choosing $\\alpha$\n> Use CV.\n\n> [!NOPE]\n> plain quote\n"), [
            .callout(Callout(kind: .warning, blocks: [.paragraph([.text("Standardize "), .strong([.text("first")]), .text(".")])])),
            .callout(Callout(kind: .tip, title: [.text("Choosing "), .math(formula("\\alpha"))], blocks: [.paragraph([.text("Use CV.")])])),
            .blockQuote([.paragraph([.text("[!NOPE]"), .softBreak, .text("plain quote")])]),
        ])
    }

    func testAlertMarkerFollowedByTextOnItsLineIsAPlainQuote() {
        XCTAssertEqual(blocks("> [!NOTE] with *emphasis*\n"), [.blockQuote([.paragraph([
            .text("[!NOTE] with "), .emphasis([.text("emphasis")]),
        ])])])
    }

    func testListsKnowOrderStartTightnessAndTaskState() {
        XCTAssertEqual(blocks("3. a\n4. b\n\n- [x] done\n- [ ] todo\n\n* x\n\n  y\n"), [
            .list(ListBlock(isOrdered: true, start: 3, isTight: true, items: [
                ListItem(blocks: [.paragraph([.text("a")])]), ListItem(blocks: [.paragraph([.text("b")])]),
            ])),
            .list(ListBlock(isOrdered: false, isTight: true, items: [
                ListItem(blocks: [.paragraph([.text("done")])], isChecked: true),
                ListItem(blocks: [.paragraph([.text("todo")])], isChecked: false),
            ])),
            .list(ListBlock(isOrdered: false, isTight: false, items: [
                ListItem(blocks: [.paragraph([.text("x")]), .paragraph([.text("y")])]),
            ])),
        ])
    }

    func testCodeBlocksKeepTheirCodeAndLowerCasedLanguageWithTokens() {
        XCTAssertEqual(blocks("```Python\nx = 1\n```\n\n    indented $x_1$\n"), [
            .code(CodeBlock(code: "x = 1\n", language: "python")),
            .code(CodeBlock(code: "indented $x_1$\n", language: "")),
        ])
        XCTAssertEqual(CodeBlock(code: "x = 1\n", language: "python").tokens,
                       [CodeToken(kind: .plain, text: "x = "), CodeToken(kind: .number, text: "1"), CodeToken(kind: .plain, text: "\n")])
    }

    func testGFMTableHasAlignmentsHeaderAndRowsAndStrikethroughAndRawHTMLPass() {
        XCTAssertEqual(blocks("| a | b |\n|:--|--:|\n| 1 | *2* |\n\n~~old~~ <kbd>x</kbd>\n\n<div class=\"x\">\n</div>\n\n---\n"), [
            .table(TextTable(alignments: [.left, .right], header: [[.text("a")], [.text("b")]],
                             rows: [[[.text("1")], [.emphasis([.text("2")])]]])),
            .paragraph([.strikethrough([.text("old")]), .text(" "), .html("<kbd>"), .text("x"), .html("</kbd>")]),
            .html("<div class=\"x\">\n</div>\n"),
            .thematicBreak,
        ])
    }

    func testFootnotesAreNumberedInReferenceOrderAndUnreferencedOnesDropped() {
        let p = page("A[^y] b[^x] c[^y].\n\n[^x]: X.\n[^y]: Y.\n[^z]: unused\n").page
        XCTAssertEqual(p.blocks, [.paragraph([
            .text("A"), .footnoteReference(FootnoteReference(label: "y", number: 1, occurrence: 1)),
            .text(" b"), .footnoteReference(FootnoteReference(label: "x", number: 2, occurrence: 1)),
            .text(" c"), .footnoteReference(FootnoteReference(label: "y", number: 1, occurrence: 2)), .text("."),
        ])])
        XCTAssertEqual(p.footnotes, [
            Footnote(label: "y", number: 1, referenceCount: 2, blocks: [.paragraph([.text("Y.")])]),
            Footnote(label: "x", number: 2, referenceCount: 1, blocks: [.paragraph([.text("X.")])]),
        ])
    }

    func testDisplayFormulaAloneInAParagraphIsABlockWithItsLabelAndNumber() {
        XCTAssertEqual(blocks("Text\n\n$$\nx^2\n$$ {#eq-square}\n\nSee \\[y\\] inline.\n"), [
            .paragraph([.text("Text")]),
            .math(DisplayMath(formula: formula("\nx^2\n", display: true, label: "eq-square"), number: "2.1")),
            .paragraph([.text("See "), .math(formula("y", display: true)), .text(" inline.")]),
        ])
        let math = DisplayMath(formula: formula("x", display: true, label: "eq-a"))
        XCTAssertEqual(math.id, "eq-a")
    }

    /// A numbered equation inside a paragraph becomes a block between the text before and after it, so its number
    /// can stand at its right; an unnumbered one stays inline.
    func testANumberedEquationInsideAParagraphIsSplitOutWithItsNumber() {
        XCTAssertEqual(blocks("The square\n$$\nx^2\n$$ {#eq-square}\nis convex; see \\[y\\] too.\n"), [
            .paragraph([.text("The square")]),
            .math(DisplayMath(formula: formula("\nx^2\n", display: true, label: "eq-square"), number: "2.1")),
            .paragraph([.text("is convex; see "), .math(formula("y", display: true)), .text(" too.")]),
        ])
        XCTAssertEqual(blocks("Text $$z$$ {#eq-unknown} more.\n"), [
            .paragraph([.text("Text "), .math(formula("z", display: true, label: "eq-unknown")), .text(" more.")]),
        ], "without a number from the resolver nothing is split")
    }

    func testPathologicalNestingIsFlattenedKeepingTheContent() {
        let quotes = String(repeating: "> ", count: 5000) + "$x_1$ @fig-path\n"
        var p = page(quotes, file: "q.md").page
        var depth = 0
        while case .blockQuote(let inner)? = p.blocks.first { depth += 1; p.blocks = inner }
        XCTAssertEqual(depth, PageBuilder.maximumDepth)
        XCTAssertEqual(p.blocks, [.paragraph([.math(formula("x_1")), .text(" "),
                                              .crossReference(CrossReference(href: "#fig-path", text: "Figure 1.1"))])])
        let emphasis = String(repeating: "*a ", count: 3000) + "b" + String(repeating: " a*", count: 3000) + "\n"
        XCTAssertEqual(page(emphasis).page.sections.first?.text.count, 3000 * 4 + 1, "all text survives")
    }
}

/// The sections a page is cut into for search, and their plain text.
final class PageSectionTests: XCTestCase {
    func testSectionsStartAtEveryHeadingAfterTheTitleAndReadMathAsText() {
        let sections = page("# T\n\nIntro with $\\alpha$.\n\n## One\n\nA *b* `c`.\n\n- item\n\n### Deep\n\nMore.\n").page.sections
        XCTAssertEqual(sections.map { $0.heading?.id }, [nil, "one", "deep"])
        XCTAssertEqual(sections.map(\.text), ["Intro with α.", "A b c. item", "More."])
    }

    func testEmptyIntroAndHeadingFollowedByHeadingGiveEmptyText() {
        XCTAssertEqual(page("## A\n\n## B\n\nx\n").page.sections.map(\.text), ["", "", "x"])
    }

    func testBlocksContributeTheirReadableText() {
        let text = page("""
            > [!NOTE]
            > Careful.

            ```{figure} fig-path
            ```

            | a | b |
            |---|---|
            | 1 | 2 |

            $$ \\|\\beta\\|_1 $$ {#eq-square}

            <div>raw</div>

            ```python
            x = 1
            ```

            See[^1].

            [^1]: Footnote text.
            """).page.sections.first?.text
        XCTAssertEqual(text, "Note Careful. Figure 1.0 Coefficient paths. a b 1 2 ‖β‖₁ (2.1) x = 1 See. Footnote text.")
    }

    func testDirectiveBodiesAreLeftOutOfTheText() {
        XCTAssertEqual(page("Hello\n\n```{experiment} e\nmodel: lasso\n```\n").page.sections.map(\.text), ["Hello"])
    }

    func testHeadingPlainTextReadsMathAsTextWhileTheSlugKeepsTheTeX() {
        let p = page("## The $\\ell_1$ penalty\n").page
        XCTAssertEqual(p.sections.last?.heading?.plainText, "The ℓ₁ penalty")
        XCTAssertEqual(p.sections.last?.heading?.id, "the-ell_1-penalty")
    }
}
