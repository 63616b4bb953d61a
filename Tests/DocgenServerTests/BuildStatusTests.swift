@testable import DocgenBuild
import DocgenDiagnostics
@testable import DocgenServer
import Foundation
import XCTest

/// The status pages poll: the version goes up with each successful build; a failed build lists its
/// errors, compiler style, until a build succeeds.
final class BuildStatusTests: XCTestCase {
    func result(_ diagnostics: [Diagnostic], status: Int32) -> BuildResult {
        BuildResult(diagnostics: diagnostics, summary: "build failed", changeReport: nil, exitStatus: status)
    }

    let located = SourceLocation(file: "/nonexistent/01-a.md", line: 3, column: 7)

    func testSuccessBumpsTheVersionAndFailureListsEachErrorUntilTheNextSuccess() {
        let status = BuildStatus()
        status.record(result([], status: 0), strict: false)
        XCTAssertEqual(status.current.version, 1)
        status.record(result([.error("unknown key 'modle'", at: located), .warning("no alt text", at: located)], status: 1),
                      strict: false)
        XCTAssertEqual(status.current.version, 1, "the previous site is still the one served")
        XCTAssertEqual(status.current.errors, ["/nonexistent/01-a.md:3:7: error: unknown key 'modle'"])
        status.record(result([], status: 0), strict: false)
        XCTAssertEqual(status.current.version, 2)
        XCTAssertEqual(status.current.errors, [])
    }

    func testUnderStrictTheWarningsThatFailedTheBuildAreListedAsErrors() {
        let status = BuildStatus()
        status.record(result([.warning("figure has no alt text", at: located)], status: 1), strict: true)
        XCTAssertEqual(status.current.errors,
                       ["/nonexistent/01-a.md:3:7: error: figure has no alt text (warning treated as error: --strict)"])
    }

    func testJSONCarriesMarkupAsPlainText() throws {
        let status = BuildStatus()
        status.record(result([.error("unknown directive <script>alert(1)</script> & more", at: nil)], status: 1), strict: false)
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: status.json()) as? [String: Any])
        XCTAssertEqual(object["errors"] as? [String], ["docgen: error: unknown directive <script>alert(1)</script> & more"])
    }
}
