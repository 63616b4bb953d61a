import DocgenTestSupport
import Foundation
import XCTest

/// `docgen build --pdf`: the printable edition printed by headless Chromium into the site.
///
/// `.ci/setup.sh --test` installs Chromium and poppler-utils, so in CI these run; elsewhere the
/// tests that print are skipped when no Chromium is found.
final class PDFEndToEndTests: XCTestCase {
    static let chapters = [
        ("Content/01-ridge.md", """
            # Ridge

            Ridge minimizes $\\frac{1}{2n}\\lVert y - X\\beta \\rVert_2^2 + \\alpha \\lVert \\beta \\rVert_2^2$.

            ```{figure} penalty-shapes
            label: fig-shapes
            alt: The absolute value and the square.
            caption: Two penalties.
            ```

            See @fig-shapes and [the lasso](02-lasso.md).
            """),
        ("Content/02-lasso.md", """
            # Lasso

            The lasso sets coefficients to zero; compare @fig-shapes.

            ```{figure} penalty-shapes
            label: fig-shapes-again
            alt: The same penalties again.
            caption: The same two penalties.
            ```
            """),
    ]

    func course() throws -> DocgenRunner {
        let runner = try DocgenRunner()
        for (path, text) in Self.chapters { try runner.write(path, text) }
        return runner
    }

    func testBuildWithPDFWritesTheCourseAsAPDFLinkedFromTheOutline() throws {
        guard BrowserCheck.findChromium() != nil else {
            throw XCTSkip("no Chromium on this machine (bash .ci/setup.sh --test installs it)")
        }
        let runner = try course()
        defer { runner.remove() }
        let build = try runner.run(["build", "--pdf", "--quiet"])
        XCTAssertEqual(build.status, 0, build.stderr)
        let pdf = try XCTUnwrap(runner.read("Output/course.pdf"), "the PDF is part of the published site")
        XCTAssertTrue(pdf.starts(with: Data("%PDF-".utf8)))
        let pages = try XCTUnwrap(Self.pageCount(pdf, file: runner.folder.appendingPathComponent("Output/course.pdf")))
        // A title page with the contents, then each chapter on pages of its own.
        XCTAssertGreaterThanOrEqual(pages, 3)
        XCTAssertLessThanOrEqual(pages, 6)
        XCTAssertTrue(try XCTUnwrap(runner.text("Output/index.html")).contains("<a href=\"course.pdf\">Download the PDF</a>"))

        let letter = try runner.run(["build", "--pdf", "--pdf-paper", "letter", "--quiet"])
        XCTAssertEqual(letter.status, 0, letter.stderr)
        let letterPDF = String(decoding: try XCTUnwrap(runner.read("Output/course.pdf")), as: UTF8.self)
        XCTAssertTrue(letterPDF.contains("/MediaBox [0 0 612 792]"), "Letter is 8.5 × 11 in")
    }

    func testPDFWithoutChromiumIsAClearErrorAndLeavesTheSiteAlone() throws {
        let runner = try course()
        defer { runner.remove() }
        XCTAssertEqual(try runner.run(["build", "--quiet"]).status, 0)
        let before = runner.read("Output/index.html")
        let build = try runner.run(["build", "--pdf"], environment: ["DOCGEN_CHROMIUM": "/nonexistent/chromium"])
        XCTAssertEqual(build.status, 1)
        XCTAssertTrue(build.stderr.contains("error: --pdf prints the course with headless Chromium"), build.stderr)
        XCTAssertTrue(build.stderr.contains("DOCGEN_CHROMIUM names '/nonexistent/chromium'"), build.stderr)
        XCTAssertEqual(runner.read("Output/index.html"), before, "a failed build leaves the previous site")
        XCTAssertNil(runner.read("Output/course.pdf"))

        let noPath = try runner.run(["build", "--pdf"], environment: ["DOCGEN_CHROMIUM": "", "PATH": "/nonexistent"])
        XCTAssertEqual(noPath.status, 1)
        XCTAssertTrue(noPath.stderr.contains("install it (on Debian: apt-get install chromium)"), noPath.stderr)
    }

    /// Pages by pdfinfo (poppler-utils) when it is installed, else by counting page objects.
    static func pageCount(_ pdf: Data, file: URL) -> Int? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/pdfinfo")
        process.arguments = [file.path]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        if (try? process.run()) != nil {
            let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            for line in text.split(separator: "\n") where line.hasPrefix("Pages:") {
                return Int(line.dropFirst("Pages:".count).trimmingCharacters(in: .whitespaces))
            }
        }
        let text = String(decoding: pdf, as: UTF8.self)
        let pages = text.components(separatedBy: "/Type /Page").count - 1 - (text.components(separatedBy: "/Type /Pages").count - 1)
        return pages > 0 ? pages : nil
    }
}
