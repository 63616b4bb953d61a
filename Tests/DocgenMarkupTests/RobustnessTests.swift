import XCTest
import Foundation
import DocgenDiagnostics
import DocgenTestSupport
@testable import DocgenMarkup

private let markdownPieces = [
    "# ", "## Title ", "\n", "\n\n", "> ", "> [!NOTE]\n", "- ", "1. ", "    ", "```", "```{experiment} e\n", "~~~",
    "```{figure} f\nlabel: fig-a\n", "$", "$$", "\\(", "\\)", "\\[", "\\]", "\\$", "\\", "`", "``", "*", "_", "**",
    "[link](lasso.md#x)", "[x](", "](", "<div>", "</div>", "<!--", "|", "|---|", "{value}`cv.alpha_min`",
    "{value}", "@fig-path", "@tbl-", "@", "x_i", "\\frac{a}{b}", "\\left(", "\\right)", "{", "}", "^", "&", "\\\\",
    "é", "α", "😀", "\u{0}", "\r", "\r\n", "\t", " ", "word", "[^1]", "[^1]: note\n", "- [ ] ", "~~s~~",
    "\u{E000}", "\u{E001}", "0", "12", "\u{FEFF}", "<https://a.b>", "> [!TIP] t ", " {#sec-a}", " {#eq-b}",
    "![alt](i.png \"t\")", "[a](u \"t\")", "<span title=\"", "\">",
]

private let texPieces = [
    "x", "1", "2.5", "+", "-", "=", "_", "^", "'", "{", "}", "\\frac", "\\sqrt", "[", "]", "\\left", "\\right",
    "\\middle", "(", ")", "|", "\\|", ".", "\\alpha", "\\sum", "\\min", "\\arg", "\\operatorname*", "\\text",
    "\\mathbb", "\\hat", "\\begin{cases}", "\\end{cases}", "\\begin{pmatrix}", "\\end{pmatrix}", "&", "\\\\",
    "\\", " ", "\n", "\\,", "\\limits", "\\displaystyle", "\\not", "\\unknown", "%", "é", "\\begin{array}{lc}",
    "\\end{array}", "\\big", "\\overset", "\\foo",
]

private func randomText(_ pieces: [String], count: Int, using rng: inout SeededGenerator) -> String {
    var text = ""
    for _ in 0..<count { text += pieces.randomElement(using: &rng) ?? "" }
    return text
}

/// A random formula from a grammar of valid TeX (depth-limited), so it must convert.
private func validTeX(depth: Int, using rng: inout SeededGenerator) -> String {
    let atoms = ["x", "y_i", "\\beta", "\\alpha", "2", "3.5", "n", "\\lambda", "\\infty", "\\ell", "+", "-", "=",
                 "\\le", "\\cdot", "\\to", "\\in", ",", "\\ldots", "\\quad", "\\,", "X", "\\Sigma"]
    func leaf() -> String { atoms.randomElement(using: &rng) ?? "x" }
    if depth == 0 { return leaf() }
    func sub() -> String { validTeX(depth: depth - 1, using: &rng) }
    switch Int.random(in: 0..<16, using: &rng) {
    case 0: return "\\frac{\(sub())}{\(sub())}"
    case 1: return "\\sqrt{\(sub())}"
    case 2: return "\\sqrt[\(leaf())]{\(sub())}"
    case 3: return "x^{\(sub())}_{\(sub())}"
    case 4: return "\\left( \(sub()) \\middle| \(sub()) \\right."
    case 5: return "\\sum_{\(sub())}^{\(sub())} \(sub())"
    case 6: return "\\operatorname*{arg\\,min}_{\(sub())} \(sub())"
    case 7: return "\\begin{pmatrix} \(sub()) & \(sub()) \\\\ \(sub()) & \(sub()) \\end{pmatrix}"
    case 8: return "\\begin{cases} \(sub()) & \\text{if } \(sub()) \\\\ \(sub()) & \\text{else} \\end{cases}"
    case 9: return "\\mathbf{\(sub())} \\mathbb{R}^{\(sub())}"
    case 10: return "\\hat{\(sub())}\\|\(sub())\\|_2^2"
    case 11: return "\\begin{aligned} \(sub()) &= \(sub()) \\\\ &\\le \(sub()) \\end{aligned}"
    case 12: return "{\(sub())}'"
    default: return sub() + " " + sub()
    }
}

/// A small XML well-formedness check for MathML output: tags nest and match, attribute values
/// are quoted, and text holds no raw `<` and only the entities the escaper produces.
private func isWellFormed(_ xml: String) -> Bool {
    let s = Array(xml.unicodeScalars)
    var stack: [String] = []
    var i = 0
    let entities = ["&amp;", "&lt;", "&gt;", "&quot;", "&#39;"]
    while i < s.count {
        if s[i] == "<" {
            guard let close = s[i...].firstIndex(of: ">") else { return false }
            var tag = String(String.UnicodeScalarView(s[(i + 1)..<close]))
            i = close + 1
            if tag.hasPrefix("/") {
                guard stack.popLast() == String(tag.dropFirst()) else { return false }
                continue
            }
            let selfClosing = tag.hasSuffix("/")
            if selfClosing { tag.removeLast() }
            let parts = tag.split(separator: " ", maxSplits: 1)
            guard let name = parts.first, !name.isEmpty else { return false }
            if parts.count == 2 {
                // name="value" pairs, values in double quotes
                var rest = Substring(parts[1])
                while !rest.isEmpty {
                    rest = rest.drop { $0 == " " }
                    if rest.isEmpty { break }
                    guard let eq = rest.firstIndex(of: "="), rest[rest.index(after: eq)...].first == "\"" else { return false }
                    let valueStart = rest.index(eq, offsetBy: 2)
                    guard let end = rest[valueStart...].firstIndex(of: "\"") else { return false }
                    rest = rest[rest.index(after: end)...]
                }
            }
            if !selfClosing { stack.append(String(name)) }
        } else if s[i] == "&" {
            let rest = String(String.UnicodeScalarView(s[i..<min(s.count, i + 6)]))
            guard let entity = entities.first(where: { rest.hasPrefix($0) }) else { return false }
            i += entity.unicodeScalars.count
        } else {
            i += 1
        }
    }
    return stack.isEmpty
}

final class RobustnessTests: XCTestCase {
    func testThousandsOfRandomChaptersParseAndBuildWithLocatedDiagnostics() {
        var rng = SeededGenerator(state: 20261122)
        let runs = 3000
        var diagnosticsSeen = 0
        for _ in 0..<runs {
            var source = randomText(markdownPieces, count: Int.random(in: 1...60, using: &rng), using: &rng)
            if Bool.random(using: &rng) { source += " $" + validTeX(depth: 3, using: &rng) + "$ " }
            if Bool.random(using: &rng) { source += "\n\n$$\n" + validTeX(depth: 3, using: &rng) + "\n$$\n" }
            let doc = MarkdownDocument(source: source, file: "r.md")
            let (page, diagnostics) = doc.page(resolver: TestResolver())
            let lines = SourceText(source, file: "r.md").lineStarts.count
            for d in doc.diagnostics + diagnostics {
                diagnosticsSeen += 1
                guard let location = d.location else { return XCTFail("unlocated: \(d)") }
                XCTAssertLessThanOrEqual(location.line, lines, "\(d) in \(source.debugDescription)")
            }
            XCTAssertEqual(doc.directives.map(\.index), Array(0..<doc.directives.count))
            // Every directive's location points at its fence.
            let normalised = SourceText(source, file: "r.md")
            for directive in doc.directives {
                let line = Array(String(decoding: normalised.lineBytes(directive.location.line), as: UTF8.self).unicodeScalars)
                let rest = line.dropFirst(directive.location.column - 1)
                XCTAssertTrue(rest.starts(with: "```".unicodeScalars) || rest.starts(with: "~~~".unicodeScalars),
                              "\(directive.location) in \(source.debugDescription)")
            }
            // Math placeholders never leak into the page.
            if !source.unicodeScalars.contains("\u{E000}") {
                XCTAssertFalse(String(describing: page).unicodeScalars.contains("\u{E000}"), source.debugDescription)
            }
        }
        print("robustness: \(runs) random chapters parsed and built, \(diagnosticsSeen) diagnostics, all located")
    }

    func testThousandsOfRandomFormulasConvertOrFailWithAnOffsetInsideTheFormula() {
        var rng = SeededGenerator(state: 42)
        let runs = 5000
        var failures = 0
        for _ in 0..<runs {
            let tex = randomText(texPieces, count: Int.random(in: 0...30, using: &rng), using: &rng)
            switch TeX.convert(tex, display: Bool.random(using: &rng)) {
            case .success(let mathML):
                XCTAssertTrue(mathML.hasSuffix("</semantics></math>"))
            case .failure(let error):
                failures += 1
                XCTAssertTrue((0...tex.unicodeScalars.count).contains(error.offset), "\(error) in \(tex.debugDescription)")
            }
        }
        print("robustness: \(runs) random formulas, \(runs - failures) converted, \(failures) located errors")
    }

    func testThousandsOfRandomValidFormulasAllConvert() {
        var rng = SeededGenerator(state: 7)
        let runs = 3000
        var wellFormedChecks = 0
        // The checker itself rejects broken markup.
        for broken in ["<math><mi>x</math>", "<math>", "<mi>a < b</mi>", "<mi>&nbsp</mi>", "<mi a=b>x</mi>"] {
            XCTAssertFalse(isWellFormed(broken), broken)
        }
        for _ in 0..<runs {
            let tex = validTeX(depth: Int.random(in: 0...4, using: &rng), using: &rng)
            switch TeX.convert(tex, display: Bool.random(using: &rng)) {
            case .failure(let error):
                XCTFail("\(error.message) at \(error.offset) in \(tex)")
            case .success(let mathML):
                XCTAssertTrue(isWellFormed(mathML), "not well-formed: \(mathML)")
                wellFormedChecks += 1
            }
        }
        print("robustness: \(runs) random valid formulas, all converted; \(wellFormedChecks) checked well-formed")
    }

    func testThousandsOfRandomCodeSnippetsHighlightWithoutLosingACharacter() {
        var rng = SeededGenerator(state: 11)
        let pieces = ["def", " ", "\n", "\"", "'", "'''", "\"\"\"", "#", "//", "/*", "*/", "$", "${", "}", "x", "1.5e-3", "0x",
                      "key:", ": ", "- ", "true", "None", "@", "\\", "é", "😀", "\t", "<", "&", "{", "[", "~"]
        let languages = ["python", "swift", "bash", "yaml", "json", "unknown"]
        let runs = 4000
        for _ in 0..<runs {
            let code = randomText(pieces, count: Int.random(in: 0...40, using: &rng), using: &rng)
            let language = languages.randomElement(using: &rng) ?? "python"
            if let rules = LanguageRules.forLanguage(language) {
                XCTAssertEqual(CodeTokenizer(rules: rules, code: code).tokens().map(\.text).joined(), code)
            }
            // Removing the tags and unescaping gives the code back.
            let html = Highlighter.html(code, language: language)
            var text = ""
            var inTag = false
            for c in html.unicodeScalars {
                if c == "<" { inTag = true } else if c == ">" { inTag = false } else if !inTag { text.unicodeScalars.append(c) }
            }
            text = text.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
                .replacingOccurrences(of: "&amp;", with: "&")
            XCTAssertEqual(text, code, language)
        }
        print("robustness: \(runs) random code snippets highlighted losslessly")
    }

    func testPathologicalNestingIsAnErrorNotACrash() {
        let deep = String(repeating: "{", count: 20000) + "x" + String(repeating: "}", count: 20000)
        guard case .failure(let error) = TeX.convert(deep, display: true) else { return XCTFail("expected an error") }
        XCTAssertEqual(error.message, "math nested too deeply")
        let lists = String(repeating: "- ", count: 3000) + "item\n"
        let (page, _) = MarkdownDocument(source: lists, file: "l.md").page(resolver: TestResolver())
        XCTAssertEqual(page.sections.map(\.text), ["item"])
    }
}
