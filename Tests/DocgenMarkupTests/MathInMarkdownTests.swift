import XCTest
import DocgenDiagnostics
@testable import DocgenMarkup

final class MathInMarkdownTests: XCTestCase {
    func testUnderscoresAndStarsInsideMathNeverBecomeEmphasis() {
        XCTAssertEqual(blocks("Take $a_1 * b_2$ and *this*.\n"), [.paragraph([
            .text("Take "), .math(formula("a_1 * b_2")), .text(" and "), .emphasis([.text("this")]), .text("."),
        ])])
    }

    func testTwoInlineFormulasWithSubscriptsStayMath() {
        XCTAssertEqual(blocks("$x_i$ and $y_i$\n"), [.paragraph([.math(formula("x_i")), .text(" and "), .math(formula("y_i"))])])
    }

    func testEscapedDollarIsALiteralDollar() {
        XCTAssertEqual(blocks("It costs \\$5 or \\$x\\$.\n"), [.paragraph([.text("It costs $5 or $x$.")])])
    }

    func testPriceLikeDollarsStayText() {
        // Opening $ followed by a space, or closing $ followed by a digit, is not math.
        XCTAssertEqual(blocks("Between $5 and $10 a day, $ x $ too.\n"), [.paragraph([.text("Between $5 and $10 a day, $ x $ too.")])])
    }

    func testDollarsInCodeSpansAndBlocksStayLiteral() {
        XCTAssertEqual(blocks("Run `echo $HOME $x_1$` now.\n\n```text\necho $PATH $a_b$\n```\n\n    indented $x_1$\n"), [
            .paragraph([.text("Run "), .code("echo $HOME $x_1$"), .text(" now.")]),
            .code(CodeBlock(code: "echo $PATH $a_b$\n", language: "text")),
            .code(CodeBlock(code: "indented $x_1$\n", language: "")),
        ])
    }

    func testABacktickInAHeadingDoesNotPairWithOneInTheNextParagraph() {
        XCTAssertEqual(blocks("## Heading with ` tick\n`code` $a_1$ and `$b$`\n"), [
            .heading(PageHeading(level: 2, id: "heading-with--tick", content: [.text("Heading with ` tick")])),
            .paragraph([.code("code"), .text(" "), .math(formula("a_1")), .text(" and "), .code("$b$")]),
        ])
    }

    func testMathIsNotTakenFromALineThatWouldBecomeACodeFence() {
        // "```" with a backtick later on the line is text; removing the math must not make it a fence.
        XCTAssertEqual(blocks("```\\[a`b\\] x\n"), [.paragraph([.text("```[a`b] x")])], "escapes are text, not math")
    }

    func testDisplayMathParagraphBecomesABlockAndDisplayMathInTextStaysInline() {
        XCTAssertEqual(blocks("Before\n\n$$\n\\sum_i x_i\n$$\n\nAfter \\[a_1\\] and \\(b_2\\).\n"), [
            .paragraph([.text("Before")]),
            .math(DisplayMath(formula: formula("\n\\sum_i x_i\n", display: true))),
            .paragraph([.text("After "), .math(formula("a_1", display: true)), .text(" and "), .math(formula("b_2")), .text(".")]),
        ])
    }

    func testMathInsideTableCellsKeepsItsBars() {
        XCTAssertEqual(blocks("| norm | value |\n|---|---|\n| $|x|$ | 1 |\n"), [
            .table(TextTable(alignments: [nil, nil], header: [[.text("norm")], [.text("value")]],
                             rows: [[[.math(formula("|x|"))], [.text("1")]]])),
        ])
    }

    func testMathInBlockQuoteSpanningLinesDropsTheQuoteMarkers() {
        XCTAssertEqual(blocks("> $$\n> a_1\n> $$\n"), [.blockQuote([.math(DisplayMath(formula: formula("\na_1\n", display: true)))])])
    }

    func testUnterminatedDisplayMathIsALocatedError() {
        let doc = MarkdownDocument(source: "Fine $x$.\n\nBroken: $$ a_1 + b\n\nNext paragraph.\n", file: "m.md")
        XCTAssertEqual(doc.diagnostics.map(\.location), [SourceLocation(file: "m.md", line: 3, column: 9)])
        XCTAssertTrue(doc.diagnostics[0].message.hasPrefix("unterminated display math"))
    }

    func testTeXErrorIsLocatedInsideTheChapterAndTheFormulaIsInvalid() {
        let r = page("# T\n\nLet é = $\\alpha + \\bogus$ here.\n\n$$\nx +\n  \\frac{1}{\n$$\n")
        XCTAssertEqual(r.diagnostics.map(\.location), [
            SourceLocation(file: "ch.md", line: 3, column: 19),
            SourceLocation(file: "ch.md", line: 7, column: 11),
        ])
        XCTAssertEqual(r.diagnostics.first?.message, "unknown TeX command '\\bogus'")
        guard case .paragraph(let inlines)? = r.page.blocks.first, case .math(let bad) = inlines[1] else {
            return XCTFail("\(r.page.blocks)")
        }
        XCTAssertFalse(bad.isValid)
        XCTAssertNil(bad.mathML)
        XCTAssertEqual(bad.plainText, "\\alpha + \\bogus", "an invalid formula reads as its source")
    }

    func testLocationsAfterMultiLineMathStayExact() {
        let r = page("$$\na\n&\n$$\n\nSee @tbl-gone.\n")
        XCTAssertEqual(r.diagnostics.map(\.location?.line), [3, 6])
    }

    func testMathInHeadingsKeepsTeXInTheHeadingTextAndSlug() {
        let doc = MarkdownDocument(source: "## The $\\ell_1$ penalty\n", file: "h.md")
        XCTAssertEqual(doc.headings.first?.text, "The \\ell_1 penalty")
        XCTAssertEqual(doc.headings.first?.slug, "the-ell_1-penalty")
    }

    func testFormulaGivesTheSameMathMLAsTeXConversion() throws {
        let tex = "\\frac{1}{2n}\\lVert y - X\\beta \\rVert_2^2"
        XCTAssertEqual(Formula(tex: tex, isDisplay: true).mathML,
                       try TeX.mathML(tex, display: true, at: SourceLocation(file: "x", line: 1, column: 1)))
    }
}
