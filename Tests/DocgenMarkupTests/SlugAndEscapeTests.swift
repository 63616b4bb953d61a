import XCTest
@testable import DocgenMarkup

final class SlugAndEscapeTests: XCTestCase {
    func testSlugLowercasesDropsPunctuationAndDashesSpaces() {
        XCTAssertEqual(Slug.make("Hello, World!"), "hello-world")
        XCTAssertEqual(Slug.make("L1 vs. L2: the (sparse) story"), "l1-vs-l2-the-sparse-story")
        XCTAssertEqual(Slug.make("snake_case and kebab-case"), "snake_case-and-kebab-case")
    }

    func testSlugKeepsLettersOfAnyScript() {
        XCTAssertEqual(Slug.make("Régularisation α et β"), "régularisation-α-et-β")
        XCTAssertEqual(Slug.make("正則化"), "正則化")
    }

    func testSlugOfPunctuationOnlyFallsBackToSection() {
        XCTAssertEqual(Slug.make("?!"), "section")
        XCTAssertEqual(Slug.make(""), "section")
    }

    func testRegistryNumbersRepeatsAndAvoidsCollisionsWithLiteralSuffixes() {
        var registry = Slug.Registry()
        XCTAssertEqual(["Setup", "Setup", "Setup-1", "Setup"].map { registry.unique($0) },
                       ["setup", "setup-1", "setup-1-1", "setup-2"])
    }

    func testRegistryIsStableAcrossRuns() {
        let titles = ["A", "B", "A", "a"]
        var r1 = Slug.Registry(), r2 = Slug.Registry()
        XCTAssertEqual(titles.map { r1.unique($0) }, titles.map { r2.unique($0) })
    }

    func testEscapingTextAndAttributes() {
        XCTAssertEqual(HTMLEscape.text("a < b && c > \"d\""), "a &lt; b &amp;&amp; c &gt; \"d\"")
        XCTAssertEqual(HTMLEscape.attribute("x=\"1\" & 'y'<"), "x=&quot;1&quot; &amp; &#39;y&#39;&lt;")
    }
}
