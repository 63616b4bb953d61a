import DocgenTestSupport
import Foundation
import XCTest
#if canImport(Glibc)
import Glibc
#endif

/// `docgen serve`: builds, serves on 127.0.0.1 only, rebuilds on a change, shows a failed rebuild in the
/// page, and stops cleanly.
final class ServeEndToEndTests: XCTestCase {
    var runner: DocgenRunner!

    override func setUpWithError() throws {
        runner = try DocgenRunner()
        try runner.write("Content/01-intro.md", "# Intro\n\nFirst version.\n")
    }

    override func tearDown() { runner.remove() }

    func testServesTheSiteAndRebuildsWhenAChapterChanges() throws {
        let serve = try ServeProcess(in: runner.folder, arguments: ["--quiet"])
        defer { _ = serve.stop() }
        XCTAssertTrue(ServeProcess.waitFor(30) { serve.status()?.version == 1 }, "first build never finished: \(serve.stderr)")
        let page = try XCTUnwrap(ServeProcess.get("/01-intro.html", port: serve.port, waitingUpTo: 5))
        XCTAssertTrue(page.hasPrefix("HTTP/1.1 200 OK"))
        XCTAssertTrue(page.contains("First version."))
        XCTAssertTrue(page.contains("/__docgen/status"), "pages carry the reload script")
        XCTAssertTrue(try XCTUnwrap(ServeProcess.get("/../../etc/passwd", port: serve.port, waitingUpTo: 5)).hasPrefix("HTTP/1.1 403"))
        XCTAssertTrue(try XCTUnwrap(ServeProcess.get("/%2e%2e/%2e%2e/etc/passwd", port: serve.port, waitingUpTo: 5)).hasPrefix("HTTP/1.1 403"))

        try runner.write("Content/01-intro.md", "# Intro\n\nSecond version.\n")
        XCTAssertTrue(ServeProcess.waitFor(20) { serve.status()?.version == 2 }, "no rebuild after the chapter changed")
        XCTAssertTrue(try XCTUnwrap(ServeProcess.get("/01-intro.html", port: serve.port, waitingUpTo: 5)).contains("Second version."))
    }

    func testAFailedRebuildListsItsErrorsUntilABuildSucceeds() throws {
        let serve = try ServeProcess(in: runner.folder, arguments: ["--quiet"])
        defer { _ = serve.stop() }
        XCTAssertTrue(ServeProcess.waitFor(30) { serve.status()?.version == 1 })
        try runner.write("Content/01-intro.md", "# Intro\n\n```{figure} <b>nope</b>\n```\n")
        XCTAssertTrue(ServeProcess.waitFor(20) { !(serve.status()?.errors.isEmpty ?? true) }, "the failure never showed")
        let failed = try XCTUnwrap(serve.status())
        XCTAssertEqual(failed.version, 1, "the previous site is still served")
        XCTAssertEqual(failed.errors.count, 1)
        XCTAssertTrue(failed.errors[0].hasPrefix("Content/01-intro.md:3:1: error: unknown figure kind '<b>nope</b>'"), failed.errors[0])
        XCTAssertTrue(try XCTUnwrap(ServeProcess.get("/01-intro.html", port: serve.port, waitingUpTo: 5)).contains("Intro"))

        try runner.write("Content/01-intro.md", "# Intro\n\nFixed.\n")
        XCTAssertTrue(ServeProcess.waitFor(20) { serve.status().map { $0.version == 2 && $0.errors.isEmpty } ?? false },
                      "the errors did not clear after a good build")
    }

    /// The overlay as a browser shows it: headless Chromium opens the served page while the build is
    /// failing, and the page's own script puts the error, as text, over the content.
    func testTheOpenPageShowsTheErrorsOfAFailedRebuild() throws {
        guard let chromium = BrowserCheck.findChromium() else {
            throw XCTSkip("no Chromium on this machine (bash .ci/setup.sh --test installs it)")
        }
        let serve = try ServeProcess(in: runner.folder, arguments: ["--quiet"])
        defer { _ = serve.stop() }
        XCTAssertTrue(ServeProcess.waitFor(30) { serve.status()?.version == 1 })
        try runner.write("Content/01-intro.md", "# Intro\n\n```{figure} <img src=x onerror=alert(1)>\n```\n")
        XCTAssertTrue(ServeProcess.waitFor(20) { !(serve.status()?.errors.isEmpty ?? true) })
        let dom = try BrowserCheck(chromium: chromium)
            .dumpDOM(of: URL(string: "http://127.0.0.1:\(serve.port)/01-intro.html")!)
        XCTAssertTrue(dom.contains("id=\"docgen-build-errors\""), "no overlay in: \(dom.suffix(1500))")
        XCTAssertTrue(dom.contains("Content/01-intro.md:3:1: error: unknown figure kind '&lt;img src=x onerror=alert(1)&gt;'"),
                      "the error is shown as escaped text: \(dom.suffix(1500))")
        XCTAssertFalse(dom.contains("<img src=\"x\""), "the error's markup was not parsed")
    }

    func testServingLineIsWrittenAtOnceEvenToAFileAndSIGTERMStopsCleanly() throws {
        let serve = try ServeProcess(in: runner.folder)
        XCTAssertTrue(ServeProcess.waitFor(10) { serve.stdout.contains("Serving Output at http://127.0.0.1:\(serve.port)/") },
                      "stdout so far: '\(serve.stdout)', stderr: '\(serve.stderr)'")
        XCTAssertTrue(ServeProcess.waitFor(30) { serve.status()?.version == 1 })
        XCTAssertEqual(serve.stop(with: SIGTERM), 0, "SIGTERM ends serve with status 0")
        XCTAssertTrue(serve.stdout.hasSuffix("Stopped serving.\n"), serve.stdout)
        XCTAssertNil(ServeProcess.get("/", port: serve.port, waitingUpTo: 0.5), "the port is closed")
    }

    func testSIGINTStopsCleanly() throws {
        let serve = try ServeProcess(in: runner.folder, arguments: ["--quiet"])
        XCTAssertTrue(ServeProcess.waitFor(30) { serve.status()?.version == 1 })
        XCTAssertEqual(serve.stop(with: SIGINT), 0)
    }

    func testAPortInUseIsReportedBeforeAnyServingLineWithAHint() throws {
        let first = try ServeProcess(in: runner.folder)
        defer { _ = first.stop() }
        XCTAssertTrue(ServeProcess.waitFor(10) { first.stdout.contains("Serving") })
        let second = try runner.run(["serve", "--port", String(first.port)])
        XCTAssertEqual(second.status, 1)
        XCTAssertEqual(second.stdout, "", "nothing claims to serve")
        XCTAssertTrue(second.stderr.contains("docgen: error: cannot serve on 127.0.0.1:\(first.port): address already in use"),
                      second.stderr)
        XCTAssertTrue(second.stderr.contains("--port \(first.port + 1)"), second.stderr)
    }
}
