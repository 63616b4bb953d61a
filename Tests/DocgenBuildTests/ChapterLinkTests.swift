@testable import DocgenBuild
import Foundation
import XCTest

/// Links between chapters land on elements of the built pages.
final class ChapterLinkTests: XCTestCase {
    var content: TestContent!

    override func setUpWithError() throws {
        content = try TestContent()
        try content.write("01-a.md", "# A\n\nRead [the next chapter](02-b.md#b-title) and [its setup](02-b.md#setup).\n")
        try content.write("02-b.md", "# B title\n\nText.\n\n## Setup\n\nMore.\n")
    }

    override func tearDown() { content.remove() }

    private func build() throws -> (first: String, second: String) {
        var options = BuildOptions(contentPath: content.content, outputPath: content.output)
        options.cachePath = content.cache
        options.identity = "test-build"
        let result = Builder(options: options).run()
        XCTAssertEqual(result.exitStatus, 0, "\(result.diagnostics)")
        XCTAssertEqual(result.diagnostics.filter { $0.severity == .error }, [])
        let read = { (name: String) in try String(contentsOfFile: self.content.output + "/" + name, encoding: .utf8) }
        return (try read("01-a.html"), try read("02-b.html"))
    }

    func testLinkToAnotherChaptersTitleReachesItsHeading() throws {
        let (first, second) = try build()
        XCTAssertTrue(first.contains("<a href=\"02-b.html#b-title\">the next chapter</a>"), first)
        XCTAssertTrue(second.contains("<h1 class=\"chapter-heading\" id=\"b-title\">"), "the page's title carries the anchor")
        XCTAssertEqual(second.components(separatedBy: "id=\"b-title\"").count - 1, 1, "exactly one element has it")
    }

    func testLinkToASectionOfAnotherChapterReachesItsHeading() throws {
        let (first, second) = try build()
        XCTAssertTrue(first.contains("<a href=\"02-b.html#setup\">its setup</a>"))
        XCTAssertTrue(second.contains("<h2 id=\"setup\">Setup<a class=\"anchor\" href=\"#setup\""))
    }
}
