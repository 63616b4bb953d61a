@testable import DocgenServer
import Foundation
import XCTest

/// The script pages get, checked without a browser: where it goes, what it polls, and that it puts
/// error text into the page only as text.
final class ReloadScriptTests: XCTestCase {
    func testScriptGoesBeforeTheLastBodyEndOrAtTheEnd() {
        let page = String(decoding: ReloadScript.inject(into: Data("<body>a</body><!-- </body> --></BODY>".utf8)), as: UTF8.self)
        XCTAssertTrue(page.hasSuffix(ReloadScript.source + "</BODY>"))
        let fragment = String(decoding: ReloadScript.inject(into: Data("<p>no body</p>".utf8)), as: UTF8.self)
        XCTAssertEqual(fragment, "<p>no body</p>" + ReloadScript.source)
    }

    func testScriptPollsTheStatusAndWritesErrorsAsTextOnly() {
        let script = ReloadScript.source
        XCTAssertTrue(script.contains("fetch(\"\(ReloadScript.statusPath)\""))
        XCTAssertTrue(script.contains("location.reload()"))
        XCTAssertTrue(script.contains("pre.textContent = text"), "each error is set as text")
        XCTAssertFalse(script.contains("innerHTML"), "no error text is ever parsed as HTML")
        XCTAssertFalse(script.contains("insertAdjacentHTML"))
        XCTAssertFalse(script.contains("document.write"))
        XCTAssertTrue(script.contains("box.remove()"), "the overlay goes once there are no errors")
    }
}
