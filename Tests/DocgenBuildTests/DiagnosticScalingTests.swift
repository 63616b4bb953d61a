@testable import DocgenBuild
import DocgenDiagnostics
import Foundation
import XCTest

/// Reporting problems costs time linear in the input: each case is built at two sizes, four times apart,
/// through planning, page building and the terminal's rendering of every diagnostic, and the larger must take
/// less than twelve times as long (four for linear work, sixteen for quadratic). Times are the best of five.
final class DiagnosticScalingTests: XCTestCase {
    private func seconds(_ chapter: String) throws -> (Double, Int) {
        let fm = FileManager.default
        let content = fm.temporaryDirectory.appendingPathComponent("scaling-\(UUID().uuidString)")
        defer { try? fm.removeItem(at: content) }
        try fm.createDirectory(at: content, withIntermediateDirectories: true)
        try Data(chapter.utf8).write(to: content.appendingPathComponent("01-chapter.md"))
        var best = Double.infinity
        var count = 0
        for _ in 0..<5 {
            let start = DispatchTime.now().uptimeNanoseconds
            let root = ContentRoot(path: content.path, displayPath: "Content")
            let (plan, planned) = CoursePlanner(root: root).plan()
            let pages = PageStage(plan: plan, experiments: ExperimentStage.Output(), figures: FigureStage.Output()).run()
            let diagnostics = DiagnosticList(planned + pages.diagnostics).sorted
            let renderer = DiagnosticRenderer(colour: false) { _ in chapter }
            let printed = diagnostics.reduce(0) { $0 + renderer.render($1).utf8.count }
            XCTAssertLessThan(printed, 2_000 * max(diagnostics.count, 1), "a diagnostic printed a whole long line")
            best = min(best, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
            count = diagnostics.count
        }
        return (best, count)
    }

    private func assertLinear(_ name: String, small: Int = 2_000, _ make: (Int) -> String,
                              file: StaticString = #filePath, line: UInt = #line) throws {
        let (t1, n1) = try seconds(make(small))
        let (t4, n4) = try seconds(make(4 * small))
        print("scaling \(name): \(n1) diagnostics in \(String(format: "%.3f", t1)) s, "
              + "\(n4) in \(String(format: "%.3f", t4)) s (ratio \(String(format: "%.1f", t4 / t1)))")
        XCTAssertGreaterThanOrEqual(n4, 4 * small, "\(name): expected a diagnostic per item", file: file, line: line)
        XCTAssertLessThan(t4, max(12 * t1, 0.05), "\(name) grows faster than linearly", file: file, line: line)
    }

    func testBrokenLinksOnOneLine() throws {
        try assertLinear("broken links") { "# Links\n\n" + String(repeating: "[x](nope.md) ", count: $0) + "\n" }
    }

    func testUnknownCrossReferencesOnOneLine() throws {
        try assertLinear("@fig-nope") { "# Refs\n\n" + String(repeating: "@fig-nope ", count: $0) + "\n" }
    }

    func testUnknownValueRolesOnOneLine() throws {
        try assertLinear("{value} roles") { "# Values\n\n" + String(repeating: "{value}`nope.alpha_min` ", count: $0) + "\n" }
    }

    func testDistinctBrokenLinksAndImagesOnOneLine() throws {
        try assertLinear("distinct links and images") { k in
            "# Links\n\n" + (0..<k).map { "[x](n\($0).md) ![i](i\($0).png)" }.joined(separator: " ") + "\n"
        }
    }

    func testReferenceLinksWhoseDestinationIsElsewhere() throws {
        try assertLinear("reference links", small: 1_000) { k in
            "# Refs\n\n" + (0..<k).map { "[x][r\($0)]" }.joined(separator: " ") + "\n\n"
                + (0..<k).map { "[r\($0)]: n\($0).md" }.joined(separator: "\n") + "\n"
        }
    }

    func testUnclosedMathOpenersInOneParagraph() throws {
        try assertLinear("unclosed math", small: 1_000) { k in
            "# Math\n\n" + String(repeating: "$a \\[ \\( ", count: k) + "\n\n@fig-nope " + String(repeating: "@fig-nope ", count: k) + "\n"
        }
    }
}
