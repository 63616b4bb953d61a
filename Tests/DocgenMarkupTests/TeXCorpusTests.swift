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
}
