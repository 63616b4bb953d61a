import XCTest
import DocgenDiagnostics
@testable import DocgenMarkup

/// Checks symbol tables against an independent truth: the Unicode character names.
final class TeXSymbolTests: XCTestCase {
    /// The single character inside the first `<mi>` of a conversion.
    private func identifierScalar(_ tex: String) -> Unicode.Scalar? {
        guard case .success(let ml) = TeX.convert(tex, display: false),
              let open = ml.firstIndex(of: ">").flatMap({ _ in ml.range(of: "<mi") }),
              let start = ml[open.upperBound...].firstIndex(of: ">"),
              let end = ml[start...].firstIndex(of: "<") else { return nil }
        let content = ml[ml.index(after: start)..<end]
        return content.unicodeScalars.count == 1 ? content.unicodeScalars.first : nil
    }

    /// Unicode spells lambda "LAMDA".
    private func unicodeSpelling(_ name: String) -> String {
        name.uppercased() == "LAMBDA" ? "LAMDA" : name.uppercased()
    }

    func testEveryGreekLetterMapsToTheUnicodeLetterOfThatName() {
        let lower = ["alpha", "beta", "gamma", "delta", "zeta", "eta", "theta", "iota", "kappa", "lambda", "mu", "nu",
                     "xi", "omicron", "pi", "rho", "sigma", "tau", "upsilon", "chi", "psi", "omega"]
        for name in lower {
            XCTAssertEqual(identifierScalar("\\" + name)?.properties.name, "GREEK SMALL LETTER \(unicodeSpelling(name))", name)
        }
        for name in ["Gamma", "Delta", "Theta", "Lambda", "Xi", "Pi", "Sigma", "Upsilon", "Phi", "Psi", "Omega"] {
            XCTAssertEqual(identifierScalar("\\" + name)?.properties.name, "GREEK CAPITAL LETTER \(unicodeSpelling(name))", name)
        }
        // TeX's conventions: \phi and \epsilon are the symbol forms, the var- forms the letters.
        let variants = [
            "epsilon": "GREEK LUNATE EPSILON SYMBOL", "varepsilon": "GREEK SMALL LETTER EPSILON",
            "phi": "GREEK PHI SYMBOL", "varphi": "GREEK SMALL LETTER PHI", "vartheta": "GREEK THETA SYMBOL",
            "varpi": "GREEK PI SYMBOL", "varrho": "GREEK RHO SYMBOL", "varsigma": "GREEK SMALL LETTER FINAL SIGMA",
            "varkappa": "GREEK KAPPA SYMBOL",
        ]
        for (name, unicodeName) in variants {
            XCTAssertEqual(identifierScalar("\\" + name)?.properties.name, unicodeName, name)
        }
    }

    func testMathAlphabetsMapEveryLatinLetterToTheStyledLetterOfThatName() {
        let styles: [(command: String, words: [String])] = [
            ("mathbf", ["BOLD"]), ("mathit", ["ITALIC"]), ("boldsymbol", ["BOLD ITALIC"]),
            ("mathcal", ["SCRIPT"]), ("mathbb", ["DOUBLE-STRUCK"]), ("mathfrak", ["FRAKTUR", "BLACK-LETTER"]),
            ("mathsf", ["SANS-SERIF"]), ("mathtt", ["MONOSPACE"]),
        ]
        let letters = (UInt32(65)...90).compactMap(Unicode.Scalar.init) + (UInt32(97)...122).compactMap(Unicode.Scalar.init)
        var checked = 0
        for (command, words) in styles {
            for letter in letters {
                let tex = "\\\(command){\(letter)}"
                guard let name = identifierScalar(tex)?.properties.name else { XCTFail(tex); continue }
                if command == "mathit" && letter == "h" { XCTAssertEqual(name, "PLANCK CONSTANT"); continue }
                let isUpper = letter.value < 97
                let suffix = (isUpper ? " CAPITAL " : " SMALL ") + String(letter).uppercased()
                XCTAssertTrue(name.hasSuffix(suffix) && words.contains { name.contains($0) }, "\(tex) gave \(name)")
                checked += 1
            }
        }
        XCTAssertEqual(checked, 8 * 52 - 1)
    }

    func testBoldAndItalicStylesReachGreekLetters() {
        let cases = [
            ("\\boldsymbol{\\beta}", "MATHEMATICAL BOLD ITALIC SMALL BETA"),
            ("\\mathbf{\\Sigma}", "MATHEMATICAL BOLD CAPITAL SIGMA"),
            ("\\mathbf{\\omega}", "MATHEMATICAL BOLD SMALL OMEGA"),
            ("\\mathit{\\Omega}", "MATHEMATICAL ITALIC CAPITAL OMEGA"),
            ("\\boldsymbol{\\varphi}", "MATHEMATICAL BOLD ITALIC SMALL PHI"),
            ("\\boldsymbol{\\phi}", "MATHEMATICAL BOLD ITALIC PHI SYMBOL"),
            ("\\boldsymbol{\\varpi}", "MATHEMATICAL BOLD ITALIC PI SYMBOL"),
            ("\\mathbf{\\partial}", "MATHEMATICAL BOLD PARTIAL DIFFERENTIAL"),
            ("\\mathbf{\\nabla}", "MATHEMATICAL BOLD NABLA"),
        ]
        for (tex, name) in cases {
            XCTAssertEqual(identifierScalar(tex)?.properties.name, name, tex)
        }
    }
}
