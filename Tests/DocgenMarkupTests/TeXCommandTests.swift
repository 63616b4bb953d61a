import XCTest
@testable import DocgenMarkup

/// One test per command and fault of issue #17, asserting the MathML that reads right in
/// Chromium's MathML Core (checked against screenshots; see the notes on each).
final class TeXCommandTests: XCTestCase {
    // MARK: Operators and relations

    func testMathopMakesANamedOperatorWithLimitsInDisplayAndScriptsInline() {
        XCTAssertEqual(mathBody("\\mathop{\\mathrm{argmin}}_x f", display: true),
                       "<munder><mi>argmin</mi><mi>x</mi></munder><mspace width=\"0.1667em\"/><mi>f</mi>")
        XCTAssertEqual(mathBody("\\mathop{\\mathrm{argmin}}_x f"),
                       "<msub><mi>argmin</mi><mi>x</mi></msub><mspace width=\"0.1667em\"/><mi>f</mi>")
    }

    func testLimitsPutsScriptsUnderAnOperatorEvenInline() {
        XCTAssertEqual(mathBody("\\mathop{\\mathrm{argmax}}\\limits_{\\theta} L"),
                       "<munder><mi>argmax</mi><mi>θ</mi></munder><mspace width=\"0.1667em\"/><mi>L</mi>")
    }

    func testDefinitionAndAsymptoticRelations() {
        XCTAssertEqual(mathBody("f \\triangleq g \\coloneqq h"), "<mi>f</mi><mo>≜</mo><mi>g</mi><mo>≔</mo><mi>h</mi>")
        XCTAssertEqual(mathBody("a \\lesssim b \\asymp c"), "<mi>a</mi><mo>≲</mo><mi>b</mi><mo>≍</mo><mi>c</mi>")
    }

    func testLongrightarrowIsTheLongDoubleArrow() {
        XCTAssertEqual(mathBody("A \\Longrightarrow B"), "<mi>A</mi><mo>⟹</mo><mi>B</mi>")
    }

    func testOperatorNameAfterALetterOrNumberGetsAThinSpaceBefore() {
        // "slog p" was the fault: TeX puts a thin space between an ordinary atom and \log.
        XCTAssertEqual(mathBody("s\\log p"),
                       "<mi>s</mi><mspace width=\"0.1667em\"/><mi>log</mi><mspace width=\"0.1667em\"/><mi>p</mi>")
        XCTAssertEqual(mathBody("2\\sin x"),
                       "<mn>2</mn><mspace width=\"0.1667em\"/><mi>sin</mi><mspace width=\"0.1667em\"/><mi>x</mi>")
        // Not after an operator or another function name (that space is already there).
        XCTAssertEqual(mathBody("=\\log\\log x"),
                       "<mo>=</mo><mi>log</mi><mspace width=\"0.1667em\"/><mi>log</mi><mspace width=\"0.1667em\"/><mi>x</mi>")
    }

    // MARK: Fractions and stacks

    func testBinomIsABarlessFractionInStretchyParentheses() {
        let binomial = "<mrow><mo stretchy=\"true\">(</mo><mfrac linethickness=\"0\"><mi>n</mi><mi>k</mi></mfrac><mo stretchy=\"true\">)</mo></mrow>"
        XCTAssertEqual(mathBody("\\binom{n}{k}"), binomial)
        XCTAssertEqual(mathBody("\\dbinom{n}{2}"),
                       "<mrow><mo stretchy=\"true\">(</mo><mstyle displaystyle=\"true\"><mfrac linethickness=\"0\"><mi>n</mi><mn>2</mn></mfrac></mstyle><mo stretchy=\"true\">)</mo></mrow>")
    }

    func testChooseSplitsItsGroupIntoABinomial() {
        XCTAssertEqual(mathBody("{n \\choose k}"),
                       "<mrow><mo stretchy=\"true\">(</mo><mfrac linethickness=\"0\"><mi>n</mi><mi>k</mi></mfrac><mo stretchy=\"true\">)</mo></mrow>")
    }

    func testOverSplitsItsGroupIntoAFraction() {
        XCTAssertEqual(mathBody("{a \\over b + c}"), "<mfrac><mi>a</mi><mrow><mi>b</mi><mo>+</mo><mi>c</mi></mrow></mfrac>")
        XCTAssertEqual(mathBody("{a \\atop b}"), "<mfrac linethickness=\"0\"><mi>a</mi><mi>b</mi></mfrac>")
        XCTAssertEqual(mathBody("{a \\over b \\over c}"), "ERROR: ambiguous '\\over': put each fraction in braces")
    }

    func testSubstackSetsLinesUnderASum() {
        XCTAssertEqual(mathBody("\\sum_{\\substack{i < j \\\\ i \\ne k}} a", display: true),
                       "<munder><mo>∑</mo><mtable><mtr><mtd><mi>i</mi><mo>&lt;</mo><mi>j</mi></mtd></mtr><mtr><mtd><mi>i</mi><mo>≠</mo><mi>k</mi></mtd></mtr></mtable></munder><mi>a</mi>")
    }

    // MARK: Spaces and phantoms

    func testHspaceAndKernBecomeSpacesInEm() {
        XCTAssertEqual(mathBody("a\\hspace{1em}b\\hspace*{3mu}c\\kern-2pt d\\mkern18mu e"),
                       "<mi>a</mi><mspace width=\"1em\"/><mi>b</mi><mspace width=\"0.1667em\"/><mi>c</mi><mspace width=\"-0.2em\"/><mi>d</mi><mspace width=\"1em\"/><mi>e</mi>")
        XCTAssertEqual(mathBody("\\hspace{wide}"), "ERROR: '\\hspace' needs a dimension such as 1em or 3mu")
    }

    func testPhantomsTakeRoomWithoutShowing() {
        XCTAssertEqual(mathBody("\\phantom{bc}\\hphantom{e}\\vphantom{f}"),
                       "<mphantom><mrow><mi>b</mi><mi>c</mi></mrow></mphantom><mpadded height=\"0\" depth=\"0\"><mphantom><mi>e</mi></mphantom></mpadded><mpadded width=\"0\"><mphantom><mi>f</mi></mphantom></mpadded>")
    }

    // MARK: Arrows and braces

    func testOverleftarrowIsAStretchyArrowAccent() {
        XCTAssertEqual(mathBody("\\overleftarrow{AB}"),
                       "<mover accent=\"true\"><mrow><mi>A</mi><mi>B</mi></mrow><mo stretchy=\"true\">←</mo></mover>")
    }

    func testXrightarrowStretchesUnderAndOverItsLabels() {
        let pad = "<mspace width=\"0.2778em\"/>"
        XCTAssertEqual(mathBody("\\xrightarrow[n \\to \\infty]{p}"),
                       "<munderover><mo stretchy=\"true\">→</mo><mrow>\(pad)<mrow><mi>n</mi><mo>→</mo><mi>∞</mi></mrow>\(pad)</mrow><mrow>\(pad)<mi>p</mi>\(pad)</mrow></munderover>")
        // Without a label below, an empty space keeps the arrow at least 1.5em long.
        XCTAssertEqual(mathBody("\\xrightarrow{f}"),
                       "<munderover><mo stretchy=\"true\">→</mo><mspace width=\"1.5em\"/><mrow>\(pad)<mi>f</mi>\(pad)</mrow></munderover>")
    }

    func testUnderbraceAndOverbraceSetTheirLabelsUnderAndOverEvenInline() {
        XCTAssertEqual(mathBody("\\underbrace{a+b}_{n}"),
                       "<munder><munder accentunder=\"true\"><mrow><mi>a</mi><mo>+</mo><mi>b</mi></mrow><mo stretchy=\"true\">⏟</mo></munder><mi>n</mi></munder>")
        XCTAssertEqual(mathBody("\\overbrace{a+b}^{n}"),
                       "<mover><mover accent=\"true\"><mrow><mi>a</mi><mo>+</mo><mi>b</mi></mrow><mo stretchy=\"true\">⏞</mo></mover><mi>n</mi></mover>")
    }

    // MARK: Wide accents

    func testOverlineIsARuleOverItsWholeArgument() {
        // No overline character stretches in Chromium with Latin Modern Math (U+203E stayed one
        // character wide, so x + y read as x ∓ y): a CSS rule spans the argument.
        XCTAssertEqual(mathBody("\\overline{x + y}"),
                       "<mrow style=\"border-top: 0.06em solid; padding-top: 0.15em\"><mrow><mi>x</mi><mo>+</mo><mi>y</mi></mrow></mrow>")
        XCTAssertEqual(mathBody("\\underline{x}"),
                       "<mrow style=\"border-bottom: 0.06em solid; padding-bottom: 0.15em\"><mi>x</mi></mrow>")
    }

    func testWidehatStretchesWithTheCombiningCircumflex() {
        // U+0302 is the hat Chromium stretches along the line with Latin Modern Math.
        XCTAssertEqual(mathBody("\\widehat{x+y}"),
                       "<mover accent=\"true\"><mrow><mi>x</mi><mo>+</mo><mi>y</mi></mrow><mo stretchy=\"true\">\u{0302}</mo></mover>")
    }

    func testWidetildeIsAStretchyTildeCentredOverItsArgument() {
        XCTAssertEqual(mathBody("\\widetilde{x+y}"),
                       "<mover accent=\"true\"><mrow><mi>x</mi><mo>+</mo><mi>y</mi></mrow><mo stretchy=\"true\">\u{02DC}</mo></mover>")
    }

    // MARK: Boxes, strikes, colours

    func testBoxedDrawsAFrame() {
        XCTAssertEqual(mathBody("\\boxed{x = 1}"),
                       "<mrow style=\"border: 0.06em solid; padding: 0.2em 0.3em\"><mrow><mi>x</mi><mo>=</mo><mn>1</mn></mrow></mrow>")
    }

    func testCancelDrawsALineThroughItsArgument() {
        let line = { (direction: String) in
            "linear-gradient(to \(direction), transparent calc(50% - 0.04em), currentColor calc(50% - 0.04em), currentColor calc(50% + 0.04em), transparent calc(50% + 0.04em))"
        }
        XCTAssertEqual(mathBody("\\cancel{x}"), "<mrow style=\"background: \(line("bottom right"))\"><mi>x</mi></mrow>")
        XCTAssertEqual(mathBody("\\bcancel{y}"), "<mrow style=\"background: \(line("top right"))\"><mi>y</mi></mrow>")
        XCTAssertEqual(mathBody("\\xcancel{z}"), "<mrow style=\"background: \(line("bottom right")), \(line("top right"))\"><mi>z</mi></mrow>")
    }

    func testColorAppliesToTheRestOfItsGroup() {
        XCTAssertEqual(mathBody("{\\color{red} a + b} c"),
                       "<mrow mathcolor=\"red\"><mrow><mi>a</mi><mo>+</mo><mi>b</mi></mrow></mrow><mi>c</mi>")
        XCTAssertEqual(mathBody("\\textcolor{#00ff00}{x}\\color[rgb]{1,0,0.5} y"),
                       "<mrow mathcolor=\"#00ff00\"><mi>x</mi></mrow><mrow mathcolor=\"rgb(255, 0, 128)\"><mi>y</mi></mrow>")
        XCTAssertEqual(mathBody("\\color{red;background:url(x)} y"), "ERROR: 'red;background:url(x)' is not a colour for '\\color'")
    }

    // MARK: Text

    func testTextbfAndTextitSetTheirFontWithCSS() {
        // Chromium ignores mathvariant on <mtext>; CSS sets the weight and style.
        XCTAssertEqual(mathBody("\\textbf{Bold}\\textit{it}\\textbf{\\textit{both}}"),
                       "<mtext style=\"font-weight: bold\">Bold</mtext><mtext style=\"font-style: italic\">it</mtext><mtext style=\"font-weight: bold; font-style: italic\">both</mtext>")
    }

    func testDollarsInsideTextAreMathNotCharacters() {
        XCTAssertEqual(mathBody("\\text{for $x > 0$ and $i$}"),
                       "<mrow><mtext>for\u{A0}</mtext><mrow><mi>x</mi><mo>&gt;</mo><mn>0</mn></mrow><mtext>\u{A0}and\u{A0}</mtext><mi>i</mi></mrow>")
        XCTAssertEqual(mathBody("\\text{cost \\$5}"), "<mtext>cost\u{A0}$5</mtext>")
        XCTAssertEqual(mathBody("\\text{a $x}"), "ERROR: math '$' inside text is never closed")
    }

    // MARK: Labels, tags, references

    func testLabelIsDroppedAndEqrefShowsTheLabelInParentheses() {
        XCTAssertEqual(mathBody("E = mc^2 \\label{eq:energy}"), "<mi>E</mi><mo>=</mo><mi>m</mi><msup><mi>c</mi><mn>2</mn></msup>")
        XCTAssertEqual(mathBody("\\eqref{eq:energy}"), "<mtext>(eq:energy)</mtext>")
    }

    func testRMarkdownEquationLabelIsDroppedLikeLabel() {
        XCTAssertEqual(mathBody("y = x \n(\\#eq:model1)"), "<mi>y</mi><mo>=</mo><mi>x</mi>")
        // Anything else in parentheses stays.
        XCTAssertEqual(mathBody("(\\# x)"), "<mo stretchy=\"false\">(</mo><mo>#</mo><mi>x</mi><mo stretchy=\"false\">)</mo>")
    }

    func testTagShowsItsNumberInAColumnAfterTheFormula() {
        let tagCell = "<mtd style=\"text-align: right; text-align: -webkit-right; padding-left: 2em\">"
        XCTAssertEqual(mathBody("x = 1 \\tag{3}", display: true),
                       "<mtable columnalign=\"center right\" displaystyle=\"true\"><mtr><mtd><mi>x</mi><mo>=</mo><mn>1</mn></mtd>\(tagCell)<mtext>(3)</mtext></mtd></mtr></mtable>")
        XCTAssertEqual(mathBody("x \\tag*{($\\star$)}", display: true),
                       "<mtable columnalign=\"center right\" displaystyle=\"true\"><mtr><mtd><mi>x</mi></mtd>\(tagCell)<mrow><mtext>(</mtext><mo>⋆</mo><mtext>)</mtext></mrow></mtd></mtr></mtable>")
    }
}
