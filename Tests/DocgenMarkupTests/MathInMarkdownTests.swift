import XCTest
import DocgenDiagnostics
@testable import DocgenMarkup

private func inlineMath(_ tex: String) -> String {
    (try? TeX.mathML(tex, display: false, at: SourceLocation(file: "x", line: 1, column: 1))) ?? "ERROR"
}

private func displayMath(_ tex: String) -> String {
    (try? TeX.mathML(tex, display: true, at: SourceLocation(file: "x", line: 1, column: 1))) ?? "ERROR"
}

final class MathInMarkdownTests: XCTestCase {
    func testUnderscoresAndStarsInsideMathNeverBecomeEmphasis() {
        let r = render("Take $a_1 * b_2$ and *this*.\n")
        XCTAssertEqual(r.html, "<p>Take \(inlineMath("a_1 * b_2")) and <em>this</em>.</p>\n")
    }

    func testTwoInlineFormulasWithSubscriptsStayMath() {
        let r = render("$x_i$ and $y_i$\n")
        XCTAssertEqual(r.html, "<p>\(inlineMath("x_i")) and \(inlineMath("y_i"))</p>\n")
        XCTAssertFalse(r.html.contains("<em>"))
    }

    func testEscapedDollarIsALiteralDollar() {
        XCTAssertEqual(render("It costs \\$5 or \\$x\\$.\n").html, "<p>It costs $5 or $x$.</p>\n")
    }

    func testPriceLikeDollarsStayText() {
        // Opening $ followed by a space, or closing $ followed by a digit, is not math.
        XCTAssertEqual(render("Between $5 and $10 a day, $ x $ too.\n").html, "<p>Between $5 and $10 a day, $ x $ too.</p>\n")
    }

    func testDollarsInCodeSpansAndBlocksStayLiteral() {
        let r = render("Run `echo $HOME $x_1$` now.\n\n```text\necho $PATH $a_b$\n```\n\n    indented $x_1$\n")
        XCTAssertTrue(r.html.contains("<code>echo $HOME $x_1$</code>"), r.html)
        XCTAssertTrue(r.html.contains("$a_b$"), r.html)
        XCTAssertTrue(r.html.contains("indented $x_1$"), r.html)
        XCTAssertFalse(r.html.contains("<math"), r.html)
    }

    func testABacktickInAHeadingDoesNotPairWithOneInTheNextParagraph() {
        let r = render("## Heading with ` tick\n`code` $a_1$ and `$b$`\n")
        XCTAssertEqual(r.html, "<h2 id=\"heading-with--tick\">Heading with ` tick</h2>\n<p><code>code</code> \(inlineMath("a_1")) and <code>$b$</code></p>\n")
    }

    func testMathIsNotTakenFromALineThatWouldBecomeACodeFence() {
        // "```" with a backtick later on the line is text; removing the math must not make it a fence.
        let r = render("```\\[a`b\\] x\n")
        XCTAssertFalse(r.html.contains("<pre>"), r.html)
        XCTAssertFalse(r.html.contains("<math"), r.html)
    }

    func testDisplayMathParagraphBecomesABlock() {
        let r = render("Before\n\n$$\n\\sum_i x_i\n$$\n\nAfter \\[a_1\\] and \\(b_2\\).\n")
        XCTAssertEqual(r.html, "<p>Before</p>\n<div class=\"math-display\">\(displayMath("\n\\sum_i x_i\n"))</div>\n<p>After \(displayMath("a_1")) and \(inlineMath("b_2")).</p>\n")
    }

    func testMathInsideTableCellsKeepsItsBars() {
        let r = render("| norm | value |\n|---|---|\n| $|x|$ | 1 |\n")
        XCTAssertTrue(r.html.contains("<td>\(inlineMath("|x|"))</td>"), r.html)
    }

    func testMathInBlockQuoteSpanningLinesDropsTheQuoteMarkers() {
        let r = render("> $$\n> a_1\n> $$\n")
        XCTAssertTrue(r.html.contains("<annotation encoding=\"application/x-tex\">\na_1\n</annotation>"), r.html)
    }

    func testUnterminatedDisplayMathIsALocatedError() {
        let doc = MarkdownDocument(source: "Fine $x$.\n\nBroken: $$ a_1 + b\n\nNext paragraph.\n", file: "m.md")
        XCTAssertEqual(doc.diagnostics.map(\.location), [SourceLocation(file: "m.md", line: 3, column: 9)])
        XCTAssertTrue(doc.diagnostics[0].message.hasPrefix("unterminated display math"))
    }

    func testTeXErrorIsLocatedInsideTheChapter() {
        let r = render("# T\n\nLet é = $\\alpha + \\bogus$ here.\n\n$$\nx +\n  \\frac{1}{\n$$\n")
        XCTAssertEqual(r.diagnostics.map(\.location), [
            SourceLocation(file: "ch.md", line: 3, column: 19),
            SourceLocation(file: "ch.md", line: 7, column: 11),
        ])
        XCTAssertEqual(r.diagnostics.first?.message, "unknown TeX command '\\bogus'")
        XCTAssertTrue(r.html.contains("<code class=\"math-error\">\\alpha + \\bogus</code>"), r.html)
    }

    func testLocationsAfterMultiLineMathStayExact() {
        let r = render("$$\na\n&\n$$\n\nSee @tbl-gone.\n")
        XCTAssertEqual(r.diagnostics.map(\.location?.line), [3, 6])
    }

    func testMathInHeadingsKeepsTeXInPlainTextAndSlug() {
        let doc = MarkdownDocument(source: "## The $\\ell_1$ penalty\n", file: "h.md")
        XCTAssertEqual(doc.headings.first?.text, "The \\ell_1 penalty")
        XCTAssertEqual(doc.headings.first?.slug, "the-ell_1-penalty")
    }
}
