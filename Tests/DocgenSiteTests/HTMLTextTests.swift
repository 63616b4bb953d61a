import XCTest
@testable import DocgenSite

final class HTMLTextTests: XCTestCase {
    func testPlainTextKeepsWordsJoinedAcrossInlineTagsAndSplitsAtBlocks() {
        XCTAssertEqual(HTMLText.plainText(fromHTML: "<p>re<em>gular</em>ization</p><p>next&nbsp;one</p>"),
                       "regularization next one")
    }

    func testPlainTextDecodesEntitiesAndDropsScriptsCommentsAndAnnotations() {
        let html = "<p>a &lt; b &amp;&amp; c &#945; &#x3B2; &unknown; x</p><!-- hidden > note --><script>var s = 1;</script>"
            + "<p>end</p>"
        XCTAssertEqual(HTMLText.plainText(fromHTML: html), "a < b && c α β &unknown; x end")
    }

    func testMathWithoutAltTextIsDropped() {
        XCTAssertEqual(HTMLText.plainText(fromHTML: "<p>min <math><munder><mi>min</mi><mi>β</mi></munder></math> over β</p>"),
                       "min over β")
    }

    func testMathWithATeXAnnotationIsIndexedByItsTeXSource() {
        let html = "<p>penalty <math xmlns=\"http://www.w3.org/1998/Math/MathML\"><semantics><mrow><mi>α</mi></mrow>"
            + "<annotation encoding=\"application/x-tex\">\\alpha &lt; 1</annotation></semantics></math> here</p>"
        XCTAssertEqual(HTMLText.plainText(fromHTML: html), "penalty \\alpha < 1 here")
    }

    func testMathWithAltTextIsIndexedByItsAltText() {
        XCTAssertEqual(HTMLText.plainText(fromHTML: "<p>see <math alttext=\"\\alpha &gt; 0\"><mi>α</mi></math> here</p>"),
                       "see \\alpha > 0 here")
    }

    func testCollapseWhitespaceTreatsUnicodeSpacesAsWhitespaceAndKeepsCombiningMarksWithTheirSpace() {
        XCTAssertEqual(HTMLText.collapseWhitespace("  a\u{00A0}\u{2003} b\r\n\tc  "), "a b c")
        // A combining mark after a space joins it into one whitespace Character, which is dropped whole.
        XCTAssertEqual(HTMLText.collapseWhitespace("a \u{301}b"), "a b")
        XCTAssertEqual(HTMLText.collapseWhitespace("e\u{301} é"), "e\u{301} é")
    }

    func testMarkersAreFoundWhateverTheirLetterCase() {
        XCTAssertEqual(HTMLText.plainText(fromHTML: "<P>a</P><SCRIPT>hidden</Script>b<MATH alttext=\"x\"><mi>y</mi></MATH>c"),
                       "a b x c")
        let headings = HeadingScanner.headings(in: "<H2 id=\"a\">A</h2><hr><h3>B</H3><h7>no</h7>")
        XCTAssertEqual(headings.map(\.level), [2, 3])
        XCTAssertEqual(headings.first?.id, "a")
    }

    func testASCIISearchRespectsItsBoundsAndFindsNothingPastThem() {
        let text = "ab<H1>é</h1>"
        let found = ASCIISearch.find("<h1>", in: text, from: text.startIndex, caseInsensitive: true)
        XCTAssertEqual(found.map { String(text[$0]) }, "<H1>")
        XCTAssertNil(ASCIISearch.find("<h1>", in: text, from: text.startIndex, caseInsensitive: false))
        let third = text.index(text.startIndex, offsetBy: 3)
        XCTAssertNil(ASCIISearch.find("<H1>", in: text, from: third))
        XCTAssertNil(ASCIISearch.find("</h1>", in: text, from: text.startIndex, to: third))
    }
}
