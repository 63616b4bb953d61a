import XCTest
import Foundation
@testable import DocgenMarkup

/// One formula of a corpus file (see Fixtures/TeXCorpus/README.md).
private struct CorpusFormula {
    var tex: String
    var display: Bool
    var line: Int
}

private func corpus(_ name: String) throws -> [CorpusFormula] {
    let url = try XCTUnwrap(Bundle.module.url(forResource: name, withExtension: "txt", subdirectory: "Fixtures/TeXCorpus"))
    var formulas: [CorpusFormula] = []
    for (index, line) in try String(contentsOf: url, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
        if line.hasPrefix("+ "), !formulas.isEmpty {
            formulas[formulas.count - 1].tex += "\n" + line.dropFirst(2)
        } else if line.hasPrefix("I ") || line.hasPrefix("D ") {
            formulas.append(CorpusFormula(tex: String(line.dropFirst(2)), display: line.hasPrefix("D"), line: index + 1))
        }
    }
    return formulas
}

/// Converts every formula of each set and asserts the share that converts without a TeX error.
/// The failures are listed (file:line, error, TeX) so that a regression names its formula.
final class TeXCorpusTests: XCTestCase {
    private func assertConversionRate(_ names: [String], atLeast minimum: Double,
                                      file: StaticString = #filePath, line: UInt = #line) throws {
        var total = 0
        var failures: [String] = []
        for name in names {
            let formulas = try corpus(name)
            XCTAssertFalse(formulas.isEmpty, name, file: file, line: line)
            for formula in formulas {
                total += 1
                if case .failure(let error) = TeX.convert(formula.tex, display: formula.display) {
                    failures.append("\(name).txt:\(formula.line): \(error.message): \(formula.tex.debugDescription)")
                }
            }
        }
        let rate = Double(total - failures.count) / Double(max(total, 1))
        print("TeX corpus \(names.joined(separator: " + ")): \(total - failures.count) of \(total) convert "
              + "(\(String(format: "%.2f", 100 * rate)) %)")
        for failure in failures { print("  " + failure) }
        XCTAssertGreaterThanOrEqual(rate, minimum, "\(failures.count) failures:\n" + failures.joined(separator: "\n"),
                                    file: file, line: line)
    }

    func testRealCourseFormulasConvertAtLeast999PerMille() throws {
        try assertConversionRate(["course-d2l", "course-beyond-mlr"], atLeast: 0.999)
    }

    func testTextbookFormulasConvertAtLeast98Percent() throws {
        try assertConversionRate(["textbook-esl-solutions", "textbook-ml-cheat-sheet"], atLeast: 0.98)
    }

    // MARK: Hand-checked formulas of the corpus
    //
    // Exact output for a few corpus formulas whose rendering in headless Chromium was looked at
    // and read right (limits under argmax, the R Markdown label gone, labelled braces, rows).

    func testD2LArgmaxTakesItsSubscriptUnderneath() {
        XCTAssertEqual(mathBody("\\hat{\\boldsymbol{\\theta}} = \\mathop{\\mathrm{argmax}} _ {\\boldsymbol{\\theta}} P(X \\mid \\boldsymbol{\\theta}).", display: true),
                       "<mover accent=\"true\"><mi>𝜽</mi><mo stretchy=\"false\">^</mo></mover><mo>=</mo><munder><mi>argmax</mi><mi>𝜽</mi></munder><mspace width=\"0.1667em\"/><mi>P</mi><mo stretchy=\"false\">(</mo><mi>X</mi><mo>∣</mo><mi>𝜽</mi><mo stretchy=\"false\">)</mo><mo>.</mo>")
    }

    func testBeyondMLREquationWithItsRMarkdownLabel() {
        let tex = "\\begin{equation}\n Y_{i}=\\beta_{0}+\\beta_{1}\\textrm{Year}_{i}+\\epsilon_{i} \\quad \\textrm{where} \\quad \\epsilon_{i}\\sim \\textrm{N}(0,\\sigma^2).\n(\\#eq:model1)\n\\end{equation}"
        XCTAssertEqual(mathBody(tex, display: true),
                       "<mrow><msub><mi>Y</mi><mi>i</mi></msub><mo>=</mo><msub><mi>β</mi><mn>0</mn></msub><mo>+</mo><msub><mi>β</mi><mn>1</mn></msub><msub><mtext>Year</mtext><mi>i</mi></msub><mo>+</mo><msub><mi>ϵ</mi><mi>i</mi></msub><mspace width=\"1em\"/><mtext>where</mtext><mspace width=\"1em\"/><msub><mi>ϵ</mi><mi>i</mi></msub><mo>∼</mo><mtext>N</mtext><mo stretchy=\"false\">(</mo><mn>0</mn><mo>,</mo><msup><mi>σ</mi><mn>2</mn></msup><mo stretchy=\"false\">)</mo><mo>.</mo></mrow>")
    }

    func testESLUnderbracesCarryTheirLabelsBelow() {
        XCTAssertEqual(mathBody("\\left(\\underbrace{a^T a}_{\\text{Var}(\\hat \\theta)} + \\underbrace{d^t d}_{\\geq 0} \\right)", display: true),
                       "<mrow><mo stretchy=\"true\">(</mo><munder><munder accentunder=\"true\"><mrow><msup><mi>a</mi><mi>T</mi></msup><mi>a</mi></mrow><mo stretchy=\"true\">⏟</mo></munder><mrow><mtext>Var</mtext><mo stretchy=\"false\">(</mo><mover accent=\"true\"><mi>θ</mi><mo stretchy=\"false\">^</mo></mover><mo stretchy=\"false\">)</mo></mrow></munder><mo>+</mo><munder><munder accentunder=\"true\"><mrow><msup><mi>d</mi><mi>t</mi></msup><mi>d</mi></mrow><mo stretchy=\"true\">⏟</mo></munder><mrow><mo>≥</mo><mn>0</mn></mrow></munder><mo stretchy=\"true\">)</mo></mrow>")
    }

    func testD2LDisplayWithLineBreaksIsOneRowPerLine() {
        XCTAssertEqual(mathBody("\\max(0, 3)=3,\\\\\n\\max(1, 5)=5.\\\\", display: true),
                       "<mtable displaystyle=\"true\"><mtr><mtd><mi>max</mi><mo stretchy=\"false\">(</mo><mn>0</mn><mo>,</mo><mn>3</mn><mo stretchy=\"false\">)</mo><mo>=</mo><mn>3</mn><mo>,</mo></mtd></mtr><mtr><mtd><mi>max</mi><mo stretchy=\"false\">(</mo><mn>1</mn><mo>,</mo><mn>5</mn><mo stretchy=\"false\">)</mo><mo>=</mo><mn>5</mn><mo>.</mo></mtd></mtr></mtable>")
    }
}
