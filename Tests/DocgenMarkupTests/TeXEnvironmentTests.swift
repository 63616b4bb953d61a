import XCTest
@testable import DocgenMarkup

/// Environments, display formulas broken with `\\`, array rules and tags (issue #17).
final class TeXEnvironmentTests: XCTestCase {
    private let pair = "<mtd style=\"\(rightCell); padding-right: 0\">"
    private let pairLeft = "<mtd style=\"\(leftCell); padding-left: 0\">"

    func testLineBreaksInADisplayFormulaMakeATableOfCentredRows() {
        // A final \\ leaves no empty row.
        XCTAssertEqual(mathBody("a = b \\\\ c = d \\\\", display: true),
                       "<mtable displaystyle=\"true\"><mtr><mtd><mi>a</mi><mo>=</mo><mi>b</mi></mtd></mtr><mtr><mtd><mi>c</mi><mo>=</mo><mi>d</mi></mtd></mtr></mtable>")
        // Inside a group a line break has no table to go to.
        XCTAssertEqual(mathBody("x^{a \\\\ b}"), "ERROR: line break '\\\\' inside a group: use an environment such as aligned")
    }

    func testARowStartingWithABracketKeepsItUnlessItIsALength() {
        // `\\[-1, 1]` is an interval in the next row (the course's subdifferential of |θ|), not row spacing.
        let interval = mathBody("\\begin{cases} 1 & x > 0 \\\\ [-1, 1] & x = 0 \\end{cases}")
        XCTAssertTrue(interval.contains("<mo stretchy=\"false\">[</mo><mo form=\"prefix\">−</mo><mn>1</mn><mo>,</mo><mn>1</mn>"), interval)
        let spaced = mathBody("\\begin{cases} 1 & x > 0 \\\\[4pt] 0 & x = 0 \\end{cases}")
        XCTAssertFalse(spaced.contains("4pt") || spaced.contains("<mi>p</mi>"), spaced)
        XCTAssertTrue(TeXParser.isLength("-1.5ex") && TeXParser.isLength(".5em") && !TeXParser.isLength("-1,1"))
    }

    func testEquationIsItsContentAndEquationStarToo() {
        let content = "<mi>E</mi><mo>=</mo><mi>m</mi><msup><mi>c</mi><mn>2</mn></msup>"
        XCTAssertEqual(mathBody("\\begin{equation} E = mc^2 \\end{equation}", display: true), "<mrow>\(content)</mrow>")
        XCTAssertEqual(mathBody("\\begin{equation*} E = mc^2 \\end{equation*}", display: true), "<mrow>\(content)</mrow>")
    }

    func testAlignStarRightAlignsLeftSidesAgainstLeftAlignedRightSides() {
        // Chromium moves a cell's math only for the -webkit- keywords, so both are written.
        XCTAssertEqual(mathBody("\\begin{align*} x &= 1 \\\\ xx &= 3 \\end{align*}", display: true),
                       "<mtable columnalign=\"right left\" displaystyle=\"true\"><mtr>\(pair)<mi>x</mi></mtd>\(pairLeft)<mo>=</mo><mn>1</mn></mtd></mtr><mtr>\(pair)<mi>x</mi><mi>x</mi></mtd>\(pairLeft)<mo>=</mo><mn>3</mn></mtd></mtr></mtable>")
    }

    func testAlignedPairsAreSetApart() {
        XCTAssertEqual(mathBody("\\begin{aligned} a &= b & c &= d \\end{aligned}"),
                       "<mtable columnalign=\"right left\" displaystyle=\"true\"><mtr>\(pair)<mi>a</mi></mtd>\(pairLeft)<mo>=</mo><mi>b</mi></mtd><mtd style=\"\(rightCell); padding-right: 0; padding-left: 1em\"><mi>c</mi></mtd>\(pairLeft)<mo>=</mo><mi>d</mi></mtd></mtr></mtable>")
        XCTAssertEqual(mathBody("\\begin{alignat}{2} a &= b \\end{alignat}"), mathBody("\\begin{align} a &= b \\end{align}"))
        XCTAssertEqual(mathBody("\\begin{split} a &= b \\end{split}"), mathBody("\\begin{aligned} a &= b \\end{aligned}"))
    }

    func testGatherCentresEachLine() {
        XCTAssertEqual(mathBody("\\begin{gather} a = b \\\\ c = d \\end{gather}", display: true),
                       "<mtable displaystyle=\"true\"><mtr><mtd><mi>a</mi><mo>=</mo><mi>b</mi></mtd></mtr><mtr><mtd><mi>c</mi><mo>=</mo><mi>d</mi></mtd></mtr></mtable>")
        XCTAssertEqual(mathBody("\\begin{gather*} a \\end{gather*}"), mathBody("\\begin{gathered} a \\end{gathered}"))
        XCTAssertEqual(mathBody("\\begin{multline} a \\\\ b \\end{multline}"), mathBody("\\begin{gather} a \\\\ b \\end{gather}"))
    }

    func testEqnarrayHasThreeColumns() {
        XCTAssertEqual(mathBody("\\begin{eqnarray} a &=& b \\end{eqnarray}"),
                       "<mtable columnalign=\"right center left\" displaystyle=\"true\"><mtr><mtd style=\"\(rightCell)\"><mi>a</mi></mtd><mtd><mo>=</mo></mtd><mtd style=\"\(leftCell)\"><mi>b</mi></mtd></mtr></mtable>")
    }

    func testArrayColumnRulesAndHlineAreCellBorders() {
        XCTAssertEqual(mathBody("\\begin{array}{c|c} a & b \\\\ \\hline c & d \\end{array}"),
                       "<mtable columnalign=\"center center\"><mtr><mtd><mi>a</mi></mtd><mtd style=\"border-left: 0.06em solid\"><mi>b</mi></mtd></mtr><mtr><mtd style=\"border-top: 0.06em solid\"><mi>c</mi></mtd><mtd style=\"border-left: 0.06em solid; border-top: 0.06em solid\"><mi>d</mi></mtd></mtr></mtable>")
    }

    func testOuterRulesDoubleRulesAndARuleBelowTheLastRow() {
        XCTAssertEqual(mathBody("\\begin{array}{|l||r|} a & b \\\\ \\hline\\hline c & d \\\\ \\hline \\end{array}"),
                       "<mtable columnalign=\"left right\"><mtr><mtd style=\"\(leftCell); border-left: 0.06em solid\"><mi>a</mi></mtd><mtd style=\"\(rightCell); border-left: 0.2em double; border-right: 0.06em solid\"><mi>b</mi></mtd></mtr><mtr><mtd style=\"\(leftCell); border-left: 0.06em solid; border-top: 0.2em double; border-bottom: 0.06em solid\"><mi>c</mi></mtd><mtd style=\"\(rightCell); border-left: 0.2em double; border-right: 0.06em solid; border-top: 0.2em double; border-bottom: 0.06em solid\"><mi>d</mi></mtd></mtr></mtable>")
    }

    func testColumnSpecRepeatsAndIgnoresSpacingDirectives() {
        XCTAssertEqual(TeXParser.columnSpec(Array("*{3}{c}".unicodeScalars)).aligns, ["center", "center", "center"])
        let spec = TeXParser.columnSpec(Array("@{}l|p{2cm}:r@{}".unicodeScalars))
        XCTAssertEqual(spec.aligns, ["left", "left", "right"])
        XCTAssertEqual(spec.rules, [nil, .solid, .dashed, nil])
        XCTAssertEqual(TeXParser.columnSpec(Array("*{100000}{cc}".unicodeScalars)).aligns.count, 256)
    }

    func testShortRowsOfARuledTableArePaddedSoRulesLineUp() {
        XCTAssertEqual(mathBody("\\begin{array}{c|c} a & b \\\\ c \\end{array}"),
                       "<mtable columnalign=\"center center\"><mtr><mtd><mi>a</mi></mtd><mtd style=\"border-left: 0.06em solid\"><mi>b</mi></mtd></mtr><mtr><mtd><mi>c</mi></mtd><mtd style=\"border-left: 0.06em solid\"></mtd></mtr></mtable>")
    }

    func testTaggedAlignRowsGetTheirTagsAndNonumberRowsNone() {
        let tagCell = "<mtd style=\"\(rightCell); padding-left: 2em\">"
        XCTAssertEqual(mathBody("\\begin{align} a &= b \\label{eq:first} \\tag{1.1} \\\\ c &= d \\nonumber \\end{align}", display: true),
                       "<mtable columnalign=\"right left right\" displaystyle=\"true\"><mtr>\(pair)<mi>a</mi></mtd>\(pairLeft)<mo>=</mo><mi>b</mi></mtd>\(tagCell)<mtext>(1.1)</mtext></mtd></mtr><mtr>\(pair)<mi>c</mi></mtd>\(pairLeft)<mo>=</mo><mi>d</mi></mtd>\(tagCell)</mtd></mtr></mtable>")
    }

    func testCasesVariantsAndMatrices() {
        XCTAssertEqual(mathBody("\\begin{dcases} 1 & x \\end{dcases}"),
                       "<mrow><mo stretchy=\"true\">{</mo><mtable columnalign=\"left left\" displaystyle=\"true\"><mtr><mtd style=\"\(leftCell)\"><mn>1</mn></mtd><mtd style=\"\(leftCell)\"><mi>x</mi></mtd></mtr></mtable></mrow>")
        XCTAssertEqual(mathBody("\\begin{rcases} 1 \\end{rcases}"),
                       "<mrow><mtable columnalign=\"left left\"><mtr><mtd style=\"\(leftCell)\"><mn>1</mn></mtd></mtr></mtable><mo stretchy=\"true\">}</mo></mrow>")
        XCTAssertEqual(mathBody("\\begin{bmatrix*}[r] 1 & -2 \\end{bmatrix*}"),
                       "<mrow><mo stretchy=\"true\">[</mo><mtable columnalign=\"right\"><mtr><mtd style=\"\(rightCell)\"><mn>1</mn></mtd><mtd style=\"\(rightCell)\"><mo form=\"prefix\">−</mo><mn>2</mn></mtd></mtr></mtable><mo stretchy=\"true\">]</mo></mrow>")
    }

    func testEnvironmentErrorsAreLocated() {
        XCTAssertEqual(mathBody("\\begin{align} a \\end{aligned}"), "ERROR: '\\end{aligned}' does not match '\\begin{align}'")
        XCTAssertEqual(mathBody("\\begin{equation} a"), "ERROR: '\\begin{equation}' without a matching '\\end{equation}'")
        XCTAssertEqual(mathBody("a & b"), "ERROR: '&' outside an environment such as aligned or matrix")
        XCTAssertEqual(mathBody("\\substack{a \\\\ b"), "ERROR: unbalanced braces: '{' is never closed")
    }
}
