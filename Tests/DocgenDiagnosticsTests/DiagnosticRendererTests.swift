import DocgenDiagnostics
import XCTest

final class DiagnosticRendererTests: XCTestCase {
    private let source = "# Lasso\n\n```{experiment} x\nalpah: 0.1\n```\n"

    private func renderer() -> DiagnosticRenderer {
        let text = source
        return DiagnosticRenderer(colour: false) { $0 == "Content/lasso.md" ? text : nil }
    }

    func testFirstLineIsCompilerStyle() {
        let d = Diagnostic.error("unknown key 'alpah'", at: SourceLocation(file: "Content/lasso.md", line: 4, column: 1))
        XCTAssertEqual(d.description, "Content/lasso.md:4:1: error: unknown key 'alpah'")
    }

    func testQuotesTheOffendingLineWithACaretUnderTheColumn() {
        let d = Diagnostic.error("bad value", at: SourceLocation(file: "Content/lasso.md", line: 4, column: 8))
        let lines = renderer().render(d).split(separator: "\n", omittingEmptySubsequences: false)
        XCTAssertEqual(lines.count, 3)
        XCTAssertEqual(lines[0], "Content/lasso.md:4:8: error: bad value")
        XCTAssertEqual(lines[1], " 4 | alpah: 0.1")
        XCTAssertEqual(lines[2], "   |        ^")
    }

    func testLineBeyondTheFileFallsBackToTheFirstLineOnly() {
        let d = Diagnostic.warning("x", at: SourceLocation(file: "Content/lasso.md", line: 99, column: 1))
        XCTAssertEqual(renderer().render(d), "Content/lasso.md:99:1: warning: x")
    }

    func testDiagnosticWithoutLocationNamesTheTool() {
        XCTAssertEqual(renderer().render(.error("cannot write Output", at: nil)), "docgen: error: cannot write Output")
    }

    func testSortedOrdersByFileLineColumnAndDropsDuplicates() {
        var list = DiagnosticList()
        let b = SourceLocation(file: "b.md", line: 1, column: 1)
        let a2 = SourceLocation(file: "a.md", line: 2, column: 5)
        let a1 = SourceLocation(file: "a.md", line: 2, column: 1)
        list.error("3", at: b)
        list.error("2", at: a2)
        list.error("1", at: a1)
        list.error("1", at: a1)
        list.error("0", at: nil)
        XCTAssertEqual(list.sorted.map(\.message), ["1", "2", "3", "0"])
        XCTAssertTrue(list.hasErrors)
    }

    func testSeverityOrder() {
        XCTAssertLessThan(Severity.warning, Severity.error)
        XCTAssertLessThan(Severity.note, Severity.warning)
    }
}
