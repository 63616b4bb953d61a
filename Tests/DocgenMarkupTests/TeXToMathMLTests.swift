import XCTest
import DocgenDiagnostics
@testable import DocgenMarkup

/// The formula body a conversion produced: what sits inside the outer `<mrow>` of `<semantics>`.
private func body(_ tex: String, display: Bool = false) -> String {
    let at = SourceLocation(file: "m.md", line: 1, column: 1)
    guard let full = try? TeX.mathML(tex, display: display, at: at) else { return "ERROR" }
    guard let start = full.range(of: "<semantics><mrow>"), let end = full.range(of: "</mrow><annotation", options: .backwards)
    else { return "MALFORMED: \(full)" }
    return String(full[start.upperBound..<end.lowerBound])
}

private func error(_ tex: String, at location: SourceLocation = SourceLocation(file: "m.md", line: 1, column: 1)) -> Diagnostic? {
    do {
        _ = try TeX.mathML(tex, display: false, at: location)
        return nil
    } catch {
        return error
    }
}

final class TeXToMathMLTests: XCTestCase {
    func testWholeElementHasNamespaceDisplayAndEscapedAnnotation() throws {
        let at = SourceLocation(file: "m.md", line: 1, column: 1)
        XCTAssertEqual(try TeX.mathML("a<b", display: true, at: at),
                       "<math xmlns=\"http://www.w3.org/1998/Math/MathML\" display=\"block\"><semantics><mrow><mi>a</mi><mo>&lt;</mo><mi>b</mi></mrow><annotation encoding=\"application/x-tex\">a&lt;b</annotation></semantics></math>")
        XCTAssertEqual(try TeX.mathML("x", display: false, at: at),
                       "<math xmlns=\"http://www.w3.org/1998/Math/MathML\"><semantics><mrow><mi>x</mi></mrow><annotation encoding=\"application/x-tex\">x</annotation></semantics></math>")
    }

    /// (TeX, display?, expected body)
    let table: [(String, Bool, String)] = [
        // Letters, numbers, operators
        ("x+2.5y", false, "<mi>x</mi><mo>+</mo><mn>2.5</mn><mi>y</mi>"),
        ("a-b=c", false, "<mi>a</mi><mo>−</mo><mi>b</mi><mo>=</mo><mi>c</mi>"),
        // A sign after a relation, an opening bracket or at the start is unary; after a closing one, binary
        ("-z<-\\gamma", false, "<mo form=\"prefix\">−</mo><mi>z</mi><mo>&lt;</mo><mo form=\"prefix\">−</mo><mi>γ</mi>"),
        ("(-a)-b", false, "<mo stretchy=\"false\">(</mo><mo form=\"prefix\">−</mo><mi>a</mi><mo stretchy=\"false\">)</mo><mo>−</mo><mi>b</mi>"),
        // Greek, including variants and upright capitals
        ("\\alpha\\beta\\lambda\\varepsilon\\epsilon\\vartheta\\varphi\\phi", false,
         "<mi>α</mi><mi>β</mi><mi>λ</mi><mi>ε</mi><mi>ϵ</mi><mi>ϑ</mi><mi>φ</mi><mi>ϕ</mi>"),
        ("\\Sigma\\Omega", false, "<mi mathvariant=\"normal\">Σ</mi><mi mathvariant=\"normal\">Ω</mi>"),
        // Scripts
        ("x_i^2", false, "<msubsup><mi>x</mi><mi>i</mi><mn>2</mn></msubsup>"),
        ("x^{2}_{ij}", false, "<msubsup><mi>x</mi><mrow><mi>i</mi><mi>j</mi></mrow><mn>2</mn></msubsup>"),
        ("x^23", false, "<msup><mi>x</mi><mn>2</mn></msup><mn>3</mn>"),
        ("f'(x)", false, "<msup><mi>f</mi><mo>′</mo></msup><mo stretchy=\"false\">(</mo><mi>x</mi><mo stretchy=\"false\">)</mo>"),
        ("\\beta_{\\lambda}", false, "<msub><mi>β</mi><mi>λ</mi></msub>"),
        // Fractions
        ("\\frac{1}{2n}", false, "<mfrac><mn>1</mn><mrow><mn>2</mn><mi>n</mi></mrow></mfrac>"),
        ("\\frac12", false, "<mfrac><mn>1</mn><mn>2</mn></mfrac>"),
        ("\\dfrac{a}{b}", false, "<mstyle displaystyle=\"true\"><mfrac><mi>a</mi><mi>b</mi></mfrac></mstyle>"),
        ("\\tfrac{a}{b}", true, "<mstyle displaystyle=\"false\"><mfrac><mi>a</mi><mi>b</mi></mfrac></mstyle>"),
        // Big operators: limits under/over in display, scripts inline
        ("\\sum_{i=1}^n x_i", true, "<munderover><mo>∑</mo><mrow><mi>i</mi><mo>=</mo><mn>1</mn></mrow><mi>n</mi></munderover><msub><mi>x</mi><mi>i</mi></msub>"),
        ("\\sum_{i=1}^n x_i", false, "<msubsup><mo>∑</mo><mrow><mi>i</mi><mo>=</mo><mn>1</mn></mrow><mi>n</mi></msubsup><msub><mi>x</mi><mi>i</mi></msub>"),
        ("\\prod_j p_j", true, "<munder><mo>∏</mo><mi>j</mi></munder><msub><mi>p</mi><mi>j</mi></msub>"),
        ("\\int_0^1", true, "<msubsup><mo>∫</mo><mn>0</mn><mn>1</mn></msubsup>"),
        // Roots
        ("\\sqrt{x}", false, "<msqrt><mi>x</mi></msqrt>"),
        ("\\sqrt[3]{x+1}", false, "<mroot><mrow><mi>x</mi><mo>+</mo><mn>1</mn></mrow><mn>3</mn></mroot>"),
        ("\\sqrt[k_1]{y}", false, "<mroot><mi>y</mi><msub><mi>k</mi><mn>1</mn></msub></mroot>"),
        // Norms and absolute values
        ("\\|\\beta\\|_1", false, "<mo stretchy=\"false\" lspace=\"0em\" rspace=\"0em\">‖</mo><mi>β</mi><msub><mo stretchy=\"false\" lspace=\"0em\" rspace=\"0em\">‖</mo><mn>1</mn></msub>"),
        ("\\lVert w \\rVert_2^2", false, "<mo stretchy=\"false\" lspace=\"0em\" rspace=\"0em\">‖</mo><mi>w</mi><msubsup><mo stretchy=\"false\" lspace=\"0em\" rspace=\"0em\">‖</mo><mn>2</mn><mn>2</mn></msubsup>"),
        ("|x|", false, "<mo stretchy=\"false\" lspace=\"0em\" rspace=\"0em\">|</mo><mi>x</mi><mo stretchy=\"false\" lspace=\"0em\" rspace=\"0em\">|</mo>"),
        // Fonts
        ("\\mathcal{L}(\\mathbf{w})", false, "<mi>ℒ</mi><mo stretchy=\"false\">(</mo><mi>𝐰</mi><mo stretchy=\"false\">)</mo>"),
        ("\\mathbb{R}^p\\mathbb{E}", false, "<msup><mi>ℝ</mi><mi>p</mi></msup><mi>𝔼</mi>"),
        ("\\mathbf{X1}", false, "<mrow><mi>𝐗</mi><mi>𝟏</mi></mrow>"),
        ("\\mathrm{d}x\\,\\mathrm{KL}", false, "<mi mathvariant=\"normal\">d</mi><mi>x</mi><mspace width=\"0.1667em\"/><mi>KL</mi>"),
        ("\\text{if } x > 0", false, "<mtext>if\u{00A0}</mtext><mi>x</mi><mo>&gt;</mo><mn>0</mn>"),
        ("\\operatorname{prox}_t", false, "<msub><mi>prox</mi><mi>t</mi></msub>"),
        // Accents
        ("\\hat{\\beta}\\bar{y}\\tilde{x}\\vec{v}", false,
         "<mover accent=\"true\"><mi>β</mi><mo stretchy=\"false\">^</mo></mover><mover accent=\"true\"><mi>y</mi><mo stretchy=\"false\">¯</mo></mover><mover accent=\"true\"><mi>x</mi><mo stretchy=\"false\">~</mo></mover><mover accent=\"true\"><mi>v</mi><mo stretchy=\"false\">→</mo></mover>"),
        // arg min three ways, limits underneath in display
        ("\\arg\\min_\\beta f", true, "<munder><mi>arg\u{2009}min</mi><mi>β</mi></munder><mspace width=\"0.1667em\"/><mi>f</mi>"),
        ("\\operatorname*{arg\\,min}_\\beta f", true, "<munder><mi>arg\u{2009}min</mi><mi>β</mi></munder><mspace width=\"0.1667em\"/><mi>f</mi>"),
        ("\\argmin_\\beta f", true, "<munder><mi>arg\u{2009}min</mi><mi>β</mi></munder><mspace width=\"0.1667em\"/><mi>f</mi>"),
        ("\\argmin_\\beta f", false, "<msub><mi>arg\u{2009}min</mi><mi>β</mi></msub><mspace width=\"0.1667em\"/><mi>f</mi>"),
        ("\\min_x \\max_y \\log \\exp \\sign", true, "<munder><mi>min</mi><mi>x</mi></munder><mspace width=\"0.1667em\"/><munder><mi>max</mi><mi>y</mi></munder><mspace width=\"0.1667em\"/><mi>log</mi><mspace width=\"0.1667em\"/><mi>exp</mi><mspace width=\"0.1667em\"/><mi>sign</mi>"),
        // A function name is followed by a thin space before an ordinary atom, not before an operator
        ("\\log x + \\exp(y)", false, "<mi>log</mi><mspace width=\"0.1667em\"/><mi>x</mi><mo>+</mo><mi>exp</mi><mo stretchy=\"false\">(</mo><mi>y</mi><mo stretchy=\"false\">)</mo>"),
        // \left \middle \right with the empty delimiter
        ("\\left( \\frac{a}{b} \\right)", false, "<mrow><mo stretchy=\"true\">(</mo><mfrac><mi>a</mi><mi>b</mi></mfrac><mo stretchy=\"true\">)</mo></mrow>"),
        ("\\left\\{ x \\middle| x>0 \\right.", false, "<mrow><mo stretchy=\"true\">{</mo><mi>x</mi><mo stretchy=\"true\">|</mo><mi>x</mi><mo>&gt;</mo><mn>0</mn></mrow>"),
        // Relations, arrows, dots, spaces
        ("a\\le b\\leq c\\ge d\\geq e\\approx f\\ne g\\neq h", false,
         "<mi>a</mi><mo>≤</mo><mi>b</mi><mo>≤</mo><mi>c</mi><mo>≥</mo><mi>d</mi><mo>≥</mo><mi>e</mi><mo>≈</mo><mi>f</mi><mo>≠</mo><mi>g</mi><mo>≠</mo><mi>h</mi>"),
        ("x\\to\\infty, \\lambda\\in\\mathbb{R}", false, "<mi>x</mi><mo>→</mo><mi>∞</mi><mo>,</mo><mi>λ</mi><mo>∈</mo><mi>ℝ</mi>"),
        ("\\propto\\sim\\cdot\\times\\pm\\partial\\nabla", false, "<mo>∝</mo><mo>∼</mo><mo>⋅</mo><mo>×</mo><mo form=\"prefix\">±</mo><mi>∂</mi><mi>∇</mi>"),
        ("\\Rightarrow\\rightarrow\\mapsto\\ldots\\cdots", false, "<mo>⇒</mo><mo>→</mo><mo>↦</mo><mo>…</mo><mo>⋯</mo>"),
        ("a\\quad b\\qquad c\\;d\\!e", false, "<mi>a</mi><mspace width=\"1em\"/><mi>b</mi><mspace width=\"2em\"/><mi>c</mi><mspace width=\"0.2778em\"/><mi>d</mi><mspace width=\"-0.1667em\"/><mi>e</mi>"),
        // Environments
        ("|x| = \\begin{cases} x & x \\ge 0 \\\\ -x & \\text{otherwise} \\end{cases}", true,
         "<mo stretchy=\"false\" lspace=\"0em\" rspace=\"0em\">|</mo><mi>x</mi><mo stretchy=\"false\" lspace=\"0em\" rspace=\"0em\">|</mo><mo>=</mo><mrow><mo stretchy=\"true\">{</mo><mtable columnalign=\"left left\"><mtr><mtd style=\"text-align: left; text-align: -webkit-left\"><mi>x</mi></mtd><mtd style=\"text-align: left; text-align: -webkit-left\"><mi>x</mi><mo>≥</mo><mn>0</mn></mtd></mtr><mtr><mtd style=\"text-align: left; text-align: -webkit-left\"><mo form=\"prefix\">−</mo><mi>x</mi></mtd><mtd style=\"text-align: left; text-align: -webkit-left\"><mtext>otherwise</mtext></mtd></mtr></mtable></mrow>"),
        ("\\begin{aligned} a &= b \\\\ &= c \\end{aligned}", true,
         "<mtable columnalign=\"right left\" displaystyle=\"true\"><mtr><mtd style=\"text-align: right; text-align: -webkit-right; padding-right: 0\"><mi>a</mi></mtd><mtd style=\"text-align: left; text-align: -webkit-left; padding-left: 0\"><mo>=</mo><mi>b</mi></mtd></mtr><mtr><mtd style=\"text-align: right; text-align: -webkit-right; padding-right: 0\"></mtd><mtd style=\"text-align: left; text-align: -webkit-left; padding-left: 0\"><mo>=</mo><mi>c</mi></mtd></mtr></mtable>"),
        ("\\begin{pmatrix} 1 & 0 \\\\ 0 & 1 \\\\ \\end{pmatrix}", false,
         "<mrow><mo stretchy=\"true\">(</mo><mtable><mtr><mtd><mn>1</mn></mtd><mtd><mn>0</mn></mtd></mtr><mtr><mtd><mn>0</mn></mtd><mtd><mn>1</mn></mtd></mtr></mtable><mo stretchy=\"true\">)</mo></mrow>"),
        ("\\begin{bmatrix} a \\end{bmatrix}\\begin{matrix} b \\end{matrix}", false,
         "<mrow><mo stretchy=\"true\">[</mo><mtable><mtr><mtd><mi>a</mi></mtd></mtr></mtable><mo stretchy=\"true\">]</mo></mrow><mtable><mtr><mtd><mi>b</mi></mtd></mtr></mtable>"),
    ]

    func testConversionTable() {
        for (tex, display, expected) in table {
            XCTAssertEqual(body(tex, display: display), expected, "TeX: \(tex)")
        }
    }

    func testLassoObjectiveConvertsWithoutError() {
        let tex = "\\hat\\beta = \\operatorname*{arg\\,min}_{\\beta} \\frac{1}{2n}\\lVert y - X\\beta \\rVert_2^2 + \\alpha\\|\\beta\\|_1"
        XCTAssertNotEqual(body(tex, display: true), "ERROR")
    }

    func testUnknownCommandIsLocatedAtItsBackslash() {
        let d = error("a + \\foo{b}", at: SourceLocation(file: "c.md", line: 4, column: 10))
        XCTAssertEqual(d?.location, SourceLocation(file: "c.md", line: 4, column: 14))
        XCTAssertEqual(d?.message, "unknown TeX command '\\foo'")
    }

    func testUnclosedBraceIsLocatedAtTheBrace() {
        let d = error("x^{2", at: SourceLocation(file: "c.md", line: 2, column: 3))
        XCTAssertEqual(d?.location, SourceLocation(file: "c.md", line: 2, column: 5))
        XCTAssertEqual(d?.message, "unbalanced braces: '{' is never closed")
    }

    func testStrayClosingBraceIsLocated() {
        XCTAssertEqual(error("a}b")?.location?.column, 2)
    }

    func testErrorOnALaterLineCountsColumnsFromThatLine() {
        let d = error("a\n  \\nope", at: SourceLocation(file: "c.md", line: 7, column: 3))
        XCTAssertEqual(d?.location, SourceLocation(file: "c.md", line: 8, column: 3))
    }

    func testStructuralErrors() {
        XCTAssertEqual(error("\\left( x")?.message, "'\\left' without a matching '\\right'")
        XCTAssertEqual(error("x \\right)")?.message, "'\\right' without a matching '\\left'")
        XCTAssertEqual(error("\\begin{cases} a")?.message, "'\\begin{cases}' without a matching '\\end{cases}'")
        XCTAssertEqual(error("\\begin{foo} a \\end{foo}")?.message, "unknown TeX environment 'foo'")
        XCTAssertEqual(error("x_1_2")?.message, "double subscript: use braces, as in x_{ab}")
        XCTAssertEqual(error("\\frac{a}")?.message, "missing argument after '\\frac'")
        XCTAssertEqual(error("a & b")?.message, "'&' outside an environment such as aligned or matrix")
    }
}
