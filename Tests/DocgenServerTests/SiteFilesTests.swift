@testable import DocgenServer
import Foundation
import XCTest

/// What the development server answers, without sockets: files with their types, the reload script in
/// pages, the status endpoint, and refusals for anything outside the site.
final class SiteFilesTests: XCTestCase {
    var folder: URL!
    var files: SiteFiles!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("serve-\(UUID().uuidString)")
        let site = folder.appendingPathComponent("Output")
        try FileManager.default.createDirectory(at: site.appendingPathComponent("figures"), withIntermediateDirectories: true)
        try Data("<html><body>hello</body></html>".utf8).write(to: site.appendingPathComponent("index.html"))
        try Data([1, 2, 3]).write(to: site.appendingPathComponent("figures/a.png"))
        try Data("secret".utf8).write(to: folder.appendingPathComponent("secret.txt"))
        try FileManager.default.createSymbolicLink(atPath: site.appendingPathComponent("link.txt").path,
                                                   withDestinationPath: folder.appendingPathComponent("secret.txt").path)
        files = SiteFiles(root: site.path, status: BuildStatus())
    }

    override func tearDown() { try? FileManager.default.removeItem(at: folder) }

    func testServesFilesWithTheirTypeAndInjectsTheReloadScriptIntoPages() {
        let page = files.respond(method: "GET", target: "/")
        XCTAssertEqual(page.status, 200)
        XCTAssertEqual(page.contentType, "text/html; charset=utf-8")
        let html = String(decoding: page.body, as: UTF8.self)
        XCTAssertTrue(html.contains(ReloadScript.statusPath))
        XCTAssertTrue(html.hasSuffix("</script></body></html>"), "script goes just before </body>")
        let png = files.respond(method: "GET", target: "/figures/a.png?v=2")
        XCTAssertEqual(png.contentType, "image/png")
        XCTAssertEqual(Array(png.body), [1, 2, 3])
    }

    func testHeadSendsTheLengthButNoBody() {
        let head = files.respond(method: "HEAD", target: "/figures/a.png")
        XCTAssertEqual(head.status, 200)
        XCTAssertEqual(head.contentLength, 3)
        XCTAssertTrue(head.body.isEmpty)
    }

    func testRequestsOutsideTheSiteAreRefused() {
        XCTAssertEqual(files.respond(method: "GET", target: "/../secret.txt").status, 403)
        XCTAssertEqual(files.respond(method: "GET", target: "/%2e%2e/secret.txt").status, 403)
        XCTAssertEqual(files.respond(method: "GET", target: "/figures/%2E%2E/%2E%2E/secret.txt").status, 403)
        XCTAssertEqual(files.respond(method: "GET", target: "/link.txt").status, 403, "a symbolic link out of the site")
        XCTAssertEqual(files.respond(method: "GET", target: "/a%00b").status, 403)
        XCTAssertEqual(files.respond(method: "GET", target: "/nope.png").status, 404)
        XCTAssertEqual(files.respond(method: "POST", target: "/").status, 405)
    }

    func testAMissingPageIsAPageThatWaitsForTheBuild() {
        let missing = files.respond(method: "GET", target: "/02-next.html")
        XCTAssertEqual(missing.status, 404)
        XCTAssertTrue(String(decoding: missing.body, as: UTF8.self).contains(ReloadScript.statusPath),
                      "a browser left on a page not built yet still learns of errors and reloads")
    }

    func testStatusEndpointReportsVersionAndErrors() throws {
        let first = try JSONSerialization.jsonObject(with: files.respond(method: "GET", target: ReloadScript.statusPath).body)
        XCTAssertEqual(first as? NSDictionary, ["version": 0, "errors": [String]()] as NSDictionary)
    }
}
