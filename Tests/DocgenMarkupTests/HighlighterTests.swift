import XCTest
@testable import DocgenMarkup

final class HighlighterTests: XCTestCase {
    func testPythonKeywordsBuiltinsStringsNumbersCommentsAndLiterals() {
        let html = Highlighter.html("def fit(X, y=None):  # lasso\n    return len(\"a<b\") + 1.5e-3\n", language: "python")
        XCTAssertEqual(html, "<span class=\"tok-kw\">def</span> fit(X, y=<span class=\"tok-const\">None</span>):  <span class=\"tok-com\"># lasso</span>\n    <span class=\"tok-kw\">return</span> <span class=\"tok-builtin\">len</span>(<span class=\"tok-str\">\"a&lt;b\"</span>) + <span class=\"tok-num\">1.5e-3</span>\n")
    }

    func testPythonTripleQuotedStringSpansLinesAndDecoratorIsBuiltin() {
        let html = Highlighter.html("@cache\ns = '''a\nb'''", language: "py")
        XCTAssertEqual(html, "<span class=\"tok-builtin\">@cache</span>\ns = <span class=\"tok-str\">'''a\nb'''</span>")
    }

    func testSwiftCommentsKeywordsAttributesAndStrings() {
        let html = Highlighter.html("@MainActor let x: Int = 0x1F /* c */ // d\nprint(\"\\(x)\")", language: "swift")
        XCTAssertEqual(html, "<span class=\"tok-kw\">@MainActor</span> <span class=\"tok-kw\">let</span> x: <span class=\"tok-builtin\">Int</span> = <span class=\"tok-num\">0x1F</span> <span class=\"tok-com\">/* c */</span> <span class=\"tok-com\">// d</span>\n<span class=\"tok-builtin\">print</span>(<span class=\"tok-str\">\"\\(x)\"</span>)")
    }

    func testShellVariablesQuotesAndCommentsOnlyAtWordStart() {
        let html = Highlighter.html("export A=1 # set\necho \"$HOME\" ${B} $1 'x#y' a#b", language: "bash")
        XCTAssertEqual(html, "<span class=\"tok-kw\">export</span> A=<span class=\"tok-num\">1</span> <span class=\"tok-com\"># set</span>\n<span class=\"tok-builtin\">echo</span> <span class=\"tok-str\">\"$HOME\"</span> <span class=\"tok-var\">${B}</span> <span class=\"tok-var\">$1</span> <span class=\"tok-str\">'x#y'</span> a#b")
        XCTAssertEqual(Highlighter.html("ls", language: "sh"), Highlighter.html("ls", language: "shell"))
    }

    func testYAMLKeysLiteralsNumbersStringsAndComments() {
        let html = Highlighter.html("model: lasso  # the model\nstandardize: true\ncv: {folds: 10}\n- \"q\": 'v'\nurl: http://x", language: "yaml")
        XCTAssertEqual(html, "<span class=\"tok-key\">model</span>: lasso  <span class=\"tok-com\"># the model</span>\n<span class=\"tok-key\">standardize</span>: <span class=\"tok-const\">true</span>\n<span class=\"tok-key\">cv</span>: {folds: <span class=\"tok-num\">10</span>}\n- <span class=\"tok-key\">\"q\"</span>: <span class=\"tok-str\">'v'</span>\n<span class=\"tok-key\">url</span>: http://x")
    }

    func testJSONKeysAgainstStringValues() {
        let html = Highlighter.html("{\"a\": \"b\", \"n\": -2.5, \"t\": null}", language: "JSON")
        XCTAssertEqual(html, "{<span class=\"tok-key\">\"a\"</span>: <span class=\"tok-str\">\"b\"</span>, <span class=\"tok-key\">\"n\"</span>: -<span class=\"tok-num\">2.5</span>, <span class=\"tok-key\">\"t\"</span>: <span class=\"tok-const\">null</span>}")
    }

    func testUnknownLanguageIsEscapedPlainText() {
        XCTAssertEqual(Highlighter.html("if <x> & y", language: "cobol"), "if &lt;x&gt; &amp; y")
    }

    func testTokensOfAnUnknownLanguageAreOnePlainToken() {
        XCTAssertEqual(Highlighter.tokens("if <x>", language: "cobol"), [CodeToken(kind: .plain, text: "if <x>")])
        XCTAssertEqual(Highlighter.tokens("", language: "cobol"), [])
        XCTAssertEqual(Highlighter.html(tokens: [CodeToken(kind: .keyword, text: "def"), CodeToken(kind: .plain, text: " <")]),
                       "<span class=\"tok-kw\">def</span> &lt;")
    }

    func testTokensAlwaysReassembleTheInput() {
        let samples = ["'unterminated", "\"\"\"open", "/* open", "$", "${", "0x", "1e", "a: b: c", "\\", "#"]
        for language in ["python", "swift", "bash", "yaml", "json"] {
            let rules = LanguageRules.forLanguage(language)!
            for sample in samples {
                let tokens = CodeTokenizer(rules: rules, code: sample).tokens()
                XCTAssertEqual(tokens.map(\.text).joined(), sample, "\(language): \(sample)")
            }
        }
    }
}
