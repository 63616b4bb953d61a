import Foundation
import XCTest
@testable import DocgenSite

final class ThemeOverrideTests: XCTestCase {
    func testOverrideTemplateReplacesTheBuiltInPageTemplate() throws {
        let folder = try SiteFixtures.temporaryFolder("override-page")
        defer { try? FileManager.default.removeItem(at: folder) }
        try "<html><title>{{page.title}}</title><body>{{{page.body}}}{{> sidebar}}</body></html>"
            .write(to: folder.appendingPathComponent("page.mustache"), atomically: true, encoding: .utf8)
        let site = try SiteFixtures.render(overrides: folder)
        let html = SiteFixtures.text(site, "02-ridge.html")
        XCTAssertTrue(html.hasPrefix("<html><title>Ridge</title><body><p>Ridge adds"))
        XCTAssertFalse(html.contains("class=\"topbar\""), "the built-in page layout is gone")
        XCTAssertTrue(html.contains("<nav id=\"sidebar\""), "built-in partials stay usable from an override")
        XCTAssertTrue(SiteFixtures.text(site, "index.html").contains("class=\"topbar\""),
                      "templates that are not overridden stay built-in")
    }

    func testOverridePartialChangesEveryPageThatUsesIt() throws {
        let folder = try SiteFixtures.temporaryFolder("override-partial")
        defer { try? FileManager.default.removeItem(at: folder) }
        try "<footer class=\"mine\">© {{site.author}}</footer>\n"
            .write(to: folder.appendingPathComponent("footer.mustache"), atomically: true, encoding: .utf8)
        let site = try SiteFixtures.render(overrides: folder)
        for path in ["index.html", "01-overfitting.html", "03-lasso.html"] {
            XCTAssertTrue(SiteFixtures.text(site, path).contains("<footer class=\"mine\">© A. Teacher</footer>"), path)
        }
    }

    func testOverrideStylesheetReplacesBuiltInAndExtraFilesAreCopiedToAssets() throws {
        let folder = try SiteFixtures.temporaryFolder("override-css")
        defer { try? FileManager.default.removeItem(at: folder) }
        try "body { color: red; }\n".write(to: folder.appendingPathComponent("custom.css"), atomically: true, encoding: .utf8)
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("img"), withIntermediateDirectories: true)
        try Data([1, 2, 3]).write(to: folder.appendingPathComponent("img/logo.png"))
        try Data([9]).write(to: folder.appendingPathComponent(".DS_Store"))
        let site = try SiteFixtures.render(overrides: folder)
        XCTAssertEqual(SiteFixtures.text(site, "assets/custom.css"), "body { color: red; }\n")
        XCTAssertEqual(site.files["assets/img/logo.png"], Data([1, 2, 3]))
        XCTAssertNil(site.files["assets/.DS_Store"], "hidden files are not shipped")
        XCTAssertTrue(SiteFixtures.text(site, "assets/docgen.css").contains("prefers-color-scheme"),
                      "docgen.css stays built-in")
    }

    func testMissingOverrideFolderMeansNoOverrides() throws {
        let missing = FileManager.default.temporaryDirectory.appendingPathComponent("docgen-no-such-theme-\(UUID())")
        XCTAssertEqual(try SiteFixtures.render(overrides: missing).files, try SiteFixtures.render().files)
    }

    func testBrokenOverrideTemplateReportsFileLineAndColumn() throws {
        let folder = try SiteFixtures.temporaryFolder("override-broken")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("index.mustache")
        try "<h1>{{site.title}}</h1>\n{{#chapters}}<li>{{title}}</li>{{/chapter}}\n"
            .write(to: path, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try SiteRenderer(configuration: SiteFixtures.configuration, themeOverrides: folder)) { error in
            guard case SiteError.templateSyntax(let file, let line, _, _) = error else {
                return XCTFail("unexpected error \(error)")
            }
            XCTAssertEqual(file, path.path)
            XCTAssertEqual(line, 2)
            XCTAssertTrue("\(error)".hasPrefix("\(path.path):2:"))
        }
    }

    /// A template that includes itself, here through another partial, is refused before rendering (it recursed until
    /// the stack overflowed), at the tag that closes the loop.
    func testATemplateIncludingItselfIsRefusedAtTheTagThatClosesTheLoop() throws {
        let folder = try SiteFixtures.temporaryFolder("override-loop")
        defer { try? FileManager.default.removeItem(at: folder) }
        let footer = folder.appendingPathComponent("footer.mustache")
        try "<footer>\n  {{> credits}}\n</footer>\n".write(to: footer, atomically: true, encoding: .utf8)
        try "<p>{{site.title}}</p>{{> footer}}\n".write(to: folder.appendingPathComponent("credits.mustache"),
                                                      atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try SiteRenderer(configuration: SiteFixtures.configuration, themeOverrides: folder)) { error in
            guard case let SiteError.templateStructure(file, line, column, reason) = error else {
                return XCTFail("unexpected error \(error)")
            }
            XCTAssertEqual(file, footer.path)
            XCTAssertEqual(line, 2)
            XCTAssertEqual(column, 3)
            XCTAssertEqual(reason, "the partial '{{> credits}}' makes a loop (credits → footer → credits); a template may not "
                           + "include itself, directly or through others")
        }
    }
}
