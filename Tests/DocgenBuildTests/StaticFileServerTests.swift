@testable import DocgenBuild
import Foundation
import XCTest

final class StaticFileServerTests: XCTestCase {
    var folder: URL!
    var server: StaticFileServer!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("serve-\(UUID().uuidString)")
        let site = folder.appendingPathComponent("Output")
        try FileManager.default.createDirectory(at: site.appendingPathComponent("figures"), withIntermediateDirectories: true)
        try Data("<html><body>hello</body></html>".utf8).write(to: site.appendingPathComponent("index.html"))
        try Data([1, 2, 3]).write(to: site.appendingPathComponent("figures/a.png"))
        try Data("secret".utf8).write(to: folder.appendingPathComponent("secret.txt"))
        try FileManager.default.createSymbolicLink(atPath: site.appendingPathComponent("link.txt").path,
                                                   withDestinationPath: folder.appendingPathComponent("secret.txt").path)
        server = StaticFileServer(root: site.path, port: 0)
    }

    override func tearDown() { try? FileManager.default.removeItem(at: folder) }

    private func status(_ response: Data) -> String {
        String(decoding: response.prefix(12), as: UTF8.self)
    }

    func testServesFilesWithTheirTypeAndInjectsTheReloadScriptIntoPages() {
        let page = String(decoding: server.respond(to: "GET / HTTP/1.1\r\n\r\n"), as: UTF8.self)
        XCTAssertTrue(page.hasPrefix("HTTP/1.1 200"))
        XCTAssertTrue(page.contains("Content-Type: text/html"))
        XCTAssertTrue(page.contains(StaticFileServer.versionPath))
        let png = server.respond(to: "GET /figures/a.png HTTP/1.1\r\n\r\n")
        XCTAssertTrue(String(decoding: png.prefix(80), as: UTF8.self).contains("image/png"))
        XCTAssertEqual(Array(png.suffix(3)), [1, 2, 3])
    }

    func testRequestsOutsideTheSiteAreRefused() {
        XCTAssertEqual(status(server.respond(to: "GET /../secret.txt HTTP/1.1\r\n\r\n")), "HTTP/1.1 403")
        XCTAssertEqual(status(server.respond(to: "GET /%2e%2e/secret.txt HTTP/1.1\r\n\r\n")), "HTTP/1.1 403")
        XCTAssertEqual(status(server.respond(to: "GET /link.txt HTTP/1.1\r\n\r\n")), "HTTP/1.1 403")
        XCTAssertEqual(status(server.respond(to: "GET /nope.html HTTP/1.1\r\n\r\n")), "HTTP/1.1 404")
        XCTAssertEqual(status(server.respond(to: "POST / HTTP/1.1\r\n\r\n")), "HTTP/1.1 405")
    }

    func testVersionEndpointReportsRebuilds() {
        XCTAssertTrue(String(decoding: server.respond(to: "GET /__docgen/version HTTP/1.1\r\n\r\n"), as: UTF8.self).hasSuffix("\r\n\r\n0"))
        server.version = 3
        XCTAssertTrue(String(decoding: server.respond(to: "GET /__docgen/version HTTP/1.1\r\n\r\n"), as: UTF8.self).hasSuffix("\r\n\r\n3"))
    }
}
