import XCTest
@testable import DocgenMarkup

/// TeX read as plain Unicode text, as search shows and matches it.
final class MathPlainTextTests: XCTestCase {
    private func text(_ tex: String, display: Bool = false) -> String {
        Formula(tex: tex, isDisplay: display).plainText
    }

    func testSymbolsBecomeTheirCharacters() {
        XCTAssertEqual(text("\\alpha"), "α")
        XCTAssertEqual(text("\\lambda \\to \\infty"), "λ → ∞")
        XCTAssertEqual(text("-x"), "−x", "a unary minus sticks to its operand")
        XCTAssertEqual(text("a = -b \\le c"), "a = −b ≤ c", "relations stand between spaces")
    }

    func testNormsAndDigitScriptsUseUnicodeSubAndSuperscripts() {
        XCTAssertEqual(text("\\|\\beta\\|_1"), "‖β‖₁")
        XCTAssertEqual(text("\\lVert y - \\mathbf{X}\\beta \\rVert_2^2"), "‖y − Xβ‖₂²")
        XCTAssertEqual(text("10^{-4}"), "10⁻⁴")
        XCTAssertEqual(text("\\mathcal{N}(0, \\sigma^2)"), "N(0, σ²)")
    }

    func testOtherScriptsFollowAMarkerWithParenthesesWhenCompound() {
        XCTAssertEqual(text("\\alpha_{\\text{min}}"), "α_min")
        XCTAssertEqual(text("\\hat{\\beta}_j"), "β̂_j")
        XCTAssertEqual(text("\\sum_{k=1}^{d} \\beta_k x^k"), "∑_(k=1)^d β_k x^k")
        XCTAssertEqual(text("x^{(j)}"), "x^(j)", "a script already in parentheses gets none more")
        XCTAssertEqual(text("f'(x)"), "f′(x)")
    }

    func testFontCommandsReadAsPlainLettersExceptDoubleStruck() {
        XCTAssertEqual(text("\\mathbf{X}"), "X")
        XCTAssertEqual(text("\\boldsymbol{\\beta} + \\mathsf{A} + \\mathtt{z1}"), "β + A + z1")
        XCTAssertEqual(text("\\beta \\in \\mathbb{R}^p"), "β ∈ ℝ^p")
    }

    func testFractionsAndRootsReadInline() {
        XCTAssertEqual(text("\\frac{1}{2}"), "1/2")
        XCTAssertEqual(text("\\frac{\\alpha}{2}"), "α/2")
        XCTAssertEqual(text("\\frac{1}{2n}"), "1/(2n)")
        XCTAssertEqual(text("\\frac{1 - \\rho}{2}"), "(1 − ρ)/2")
        XCTAssertEqual(text("\\sqrt{n} + \\sqrt[3]{x} + \\sqrt{2(1 - r)}"), "√n + ∛x + √(2(1 − r))")
    }

    func testPiecesThatWouldRunTogetherAreSetOffBySpaces() {
        XCTAssertEqual(text("\\frac{1}{n}\\mathbf{X}^T y"), "1/n X^T y")
        XCTAssertEqual(text("\\operatorname{sign}(z)\\operatorname{max}(|z| - \\alpha, 0)"), "sign(z) max(|z| − α, 0)")
        XCTAssertEqual(text("\\left| \\hat{\\beta}_i - \\hat{\\beta}_j \\right|"), "|β̂_i − β̂_j|")
    }

    func testTheLassoObjective() {
        XCTAssertEqual(text("\\arg\\min_{\\beta_0, \\beta} \\frac{1}{2n} \\lVert y - \\beta_0 - \\mathbf{X}\\beta \\rVert_2^2 + \\alpha \\lVert \\beta \\rVert_1",
                            display: true),
                       "arg min_(β₀,β) 1/(2n) ‖y − β₀ − Xβ‖₂² + α‖β‖₁")
    }

    func testEnvironmentsReadRowByRow() {
        XCTAssertEqual(text("\\begin{cases} 1 & x > 0, \\\\ 0 & \\text{otherwise} \\end{cases}"), "1 x > 0; 0 otherwise")
        XCTAssertEqual(text("\\begin{aligned} a &= b \\\\ &= c \\end{aligned}", display: true), "a = b; = c")
        XCTAssertEqual(text("\\begin{pmatrix} 1 & 0 \\\\ 0 & 1 \\end{pmatrix}"), "(1 0; 0 1)")
    }

    func testLettersOfEveryMathAlphabetMapBackToThePlainLetter() {
        for command in ["mathbf", "mathit", "boldsymbol", "mathcal", "mathfrak", "mathsf", "mathtt"] {
            XCTAssertEqual(text("\\\(command){Q}"), "Q", command)
        }
        XCTAssertEqual(MathPlainText.plainLetters("𝚯𝝎𝟗"), "Θω9")
    }
}
