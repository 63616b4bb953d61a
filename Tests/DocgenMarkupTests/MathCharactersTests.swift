import DocgenDiagnostics
import XCTest
@testable import DocgenMarkup

/// `Formula.mathFontCharacters` and `ChapterPage.formulas`: what a site's math font must hold.
final class MathCharactersTests: XCTestCase {
    private func characters(_ tex: String) -> Set<Unicode.Scalar> {
        Formula(tex: tex, isDisplay: false).mathFontCharacters
    }

    func testAOneLetterIdentifierNeedsItsItalicFormToo() {
        XCTAssertEqual(characters("x + h"), ["x", "\u{1D465}", "+", "h", "\u{210E}"])
        XCTAssertEqual(characters("\\alpha"), ["α", "\u{1D6FC}"])
        XCTAssertTrue(characters("\\Gamma").isSuperset(of: ["Γ"]))
        XCTAssertFalse(characters("\\Gamma").contains("\u{1D6E4}"), "upright, as TeX sets capital Greek")
        XCTAssertFalse(characters("\\sin x").contains("\u{1D460}"), "a function name is not italicized letter by letter")
    }

    func testRadicalsAccentsTextAndTableDelimitersCount() {
        XCTAssertTrue(characters("\\sqrt{2}").isSuperset(of: ["\u{221A}", "2"]))
        XCTAssertTrue(characters("\\sqrt[3]{y}").contains("\u{221A}"))
        XCTAssertTrue(characters("\\widehat{ab}").contains("\u{0302}"))
        XCTAssertTrue(characters("\\text{if so}").isSuperset(of: ["i", "f", "\u{00A0}", "s", "o"]))
        XCTAssertTrue(characters("\\begin{pmatrix} 1 \\end{pmatrix}").isSuperset(of: ["(", ")", "1"]))
        XCTAssertEqual(Formula(tex: "\\frac{", isDisplay: false).mathFontCharacters, [], "invalid TeX is shown as code")
    }

    func testEveryFormulaOfAPageIsFoundWhereverItSits() {
        let markdown = """
            # T $a$

            Text $b$ and *$c$*.

            - item $d$

            > [!NOTE] $e$
            > body $f$

            | $g$ | x |
            |---|---|
            | $h$ | y |

            $$ i $$

            ![alt $z$](p.png) `$q$`

            Note.[^1]

            [^1]: Foot $j$.
            """
        let page = MarkdownDocument(source: markdown, file: "t.md").page(resolver: NoResolver()).page
        XCTAssertEqual(page.formulas.map(\.tex), ["b", "c", "d", "e", "f", "g", "h", " i ", "j"],
                       "the title's formula belongs to the title; alt text and code are not math")
    }
}

private struct NoResolver: MarkdownResolver {
    func block(for directive: DirectiveBlock) -> Block? { nil }
    func role(_ name: String, _ content: String, at location: SourceLocation) -> Result<RoleResult, Diagnostic> {
        .failure(.error("no roles", at: location))
    }
    func reference(_ label: String, at location: SourceLocation) -> Result<CrossReference, Diagnostic> {
        .failure(.error("no references", at: location))
    }
    func link(_ destination: String, at location: SourceLocation) -> Result<String, Diagnostic> { .success(destination) }
}
