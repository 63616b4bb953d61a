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
}
