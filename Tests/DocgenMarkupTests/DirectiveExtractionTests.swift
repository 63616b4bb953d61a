import XCTest
import DocgenDiagnostics
@testable import DocgenMarkup

final class DirectiveExtractionTests: XCTestCase {
    func testDirectivesAreExtractedInOrderWithFenceAndBodyLocations() {
        let source = """
        # Lasso

        Intro text.

        ```{experiment} diabetes-lasso
        data: data/diabetes.csv
        model: lasso
        ```

        - item

          ~~~~{figure}   regularization-path
          experiment: diabetes-lasso
          ~~~~
        """
        let doc = MarkdownDocument(source: source, file: "Content/lasso.md")
        XCTAssertEqual(doc.directives.count, 2)
        let first = doc.directives[0]
        XCTAssertEqual(first.name, "experiment")
        XCTAssertEqual(first.argument, "diabetes-lasso")
        XCTAssertEqual(first.body, "data: data/diabetes.csv\nmodel: lasso\n")
        XCTAssertEqual(first.location, SourceLocation(file: "Content/lasso.md", line: 5, column: 1))
        XCTAssertEqual(first.bodyLocation, SourceLocation(file: "Content/lasso.md", line: 6, column: 1))
        XCTAssertEqual(first.index, 0)
        let second = doc.directives[1]
        XCTAssertEqual(second.name, "figure")
        XCTAssertEqual(second.argument, "regularization-path")
        XCTAssertEqual(second.body, "experiment: diabetes-lasso\n")
        XCTAssertEqual(second.location, SourceLocation(file: "Content/lasso.md", line: 12, column: 3))
        XCTAssertEqual(second.bodyLocation.line, 13)
        XCTAssertEqual(second.index, 1)
        XCTAssertTrue(doc.diagnostics.isEmpty, "\(doc.diagnostics)")
    }

    func testOrdinaryCodeBlocksAreNotDirectives() {
        let doc = MarkdownDocument(source: "```python\nx = 1\n```\n\n```{}\nx\n```\n\n    {experiment} indented\n", file: "a.md")
        XCTAssertEqual(doc.directives, [])
    }

    func testFenceColumnCountsUnicodeScalarsNotBytes() {
        // "é" is two UTF-8 bytes but one column; the fence sits inside a block quote after it.
        let doc = MarkdownDocument(source: "> é\n>\n> ```{table} cv\n> experiment: x\n> ```\n", file: "q.md")
        XCTAssertEqual(doc.directives.first?.location, SourceLocation(file: "q.md", line: 3, column: 3))
    }

    func testUnterminatedDirectiveFenceIsALocatedError() {
        let doc = MarkdownDocument(source: "Text\n\n```{experiment} open\ndata: x.csv\nmodel: lasso\n", file: "u.md")
        XCTAssertEqual(doc.directives.count, 1)
        XCTAssertEqual(doc.diagnostics.count, 1)
        XCTAssertEqual(doc.diagnostics.first?.severity, .error)
        XCTAssertEqual(doc.diagnostics.first?.location, SourceLocation(file: "u.md", line: 3, column: 1))
        XCTAssertTrue(doc.diagnostics.first?.message.contains("unterminated directive") ?? false)
    }

    func testDirectiveFenceClosedByTheLastLineIsNotAnError() {
        let doc = MarkdownDocument(source: "```{experiment} e\n```", file: "e.md")
        XCTAssertEqual(doc.directives.first?.body, "")
        XCTAssertEqual(doc.diagnostics, [])
    }

    func testUnterminatedOrdinaryCodeFenceIsAWarning() {
        let doc = MarkdownDocument(source: "a\n\n```python\nx = 1\n", file: "w.md")
        XCTAssertEqual(doc.diagnostics.map(\.severity), [.warning])
        XCTAssertEqual(doc.diagnostics.first?.location?.line, 3)
    }

    func testTitleHeadingsAndPlainText() {
        let doc = MarkdownDocument(source: "Intro\n\n# The *lasso* path\n\n## Setup\n\nSome `code` here.\n\n## Setup\n\n# Second H1\n", file: "t.md")
        XCTAssertEqual(doc.title, "The lasso path")
        XCTAssertEqual(doc.headings.map(\.slug), ["the-lasso-path", "setup", "setup-1", "second-h1"])
        XCTAssertEqual(doc.headings.map(\.level), [1, 2, 2, 1])
        XCTAssertEqual(doc.headings[1].location, SourceLocation(file: "t.md", line: 5, column: 1))
        let sections = doc.page(resolver: TestResolver()).page.sections
        XCTAssertEqual(sections.map { $0.heading?.id }, [nil, "the-lasso-path", "setup", "setup-1", "second-h1"])
        XCTAssertEqual(sections.map(\.text), ["Intro", "", "Some code here.", "", ""])
    }

    func testEmptyAndBinaryLookingInputDoesNotCrash() {
        for text in ["", "\0", "\0\0```{x}\0", "\u{FEFF}# T", "\r\n\r\n```{experiment} a\r\nx: 1\r\n```\r\n", "\u{FFFF}$$\0"] {
            let doc = MarkdownDocument(source: text, file: "b.md")
            _ = doc.page(resolver: TestResolver())
        }
        let crlf = MarkdownDocument(source: "a\r\n\r\n```{experiment} a\r\nx: 1\r\n```\r\n", file: "c.md")
        XCTAssertEqual(crlf.directives.first?.location.line, 3)
        XCTAssertEqual(crlf.directives.first?.body, "x: 1\n")
    }
}
