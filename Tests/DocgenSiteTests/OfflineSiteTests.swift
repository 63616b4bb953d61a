import Foundation
import XCTest
@testable import DocgenSite

final class OfflineSiteTests: XCTestCase {
    /// Values of `href="…"`, `src="…"` attributes and CSS `url(…)`.
    private func references(in text: String) -> [String] {
        let pattern = #"(?:href|src)="([^"]*)"|url\(\s*["']?([^"')]*)"#
        let regex = try? NSRegularExpression(pattern: pattern)
        let range = NSRange(text.startIndex..., in: text)
        return (regex?.matches(in: text, range: range) ?? []).compactMap { match in
            for group in 1...2 {
                if let r = Range(match.range(at: group), in: text) { return String(text[r]) }
            }
            return nil
        }
    }

    func testEveryReferenceIsRelativeAndPointsToAFileOfTheSite() throws {
        let site = try SiteFixtures.render()
        var checked = 0
        for (path, data) in site.files where path.hasSuffix(".html") || path.hasSuffix(".css") {
            let text = String(decoding: data, as: UTF8.self)
            let folder = (path as NSString).deletingLastPathComponent
            for reference in references(in: text) {
                checked += 1
                XCTAssertFalse(reference.contains(":"), "\(path): \(reference) names a scheme")
                XCTAssertFalse(reference.hasPrefix("/"), "\(path): \(reference) is absolute")
                let file = String(reference.prefix { $0 != "#" })
                if file.isEmpty { continue }
                let resolved = folder.isEmpty ? file : (folder as NSString).appendingPathComponent(file)
                XCTAssertNotNil(site.files[resolved], "\(path): \(reference) points to no file of the site")
            }
        }
        XCTAssertGreaterThan(checked, 30)
    }

    func testNoFileOfTheSiteNamesANetworkAddress() throws {
        let site = try SiteFixtures.render(mathFont: nil)
        for (path, data) in site.files where !path.hasSuffix(".otf") {
            // XML namespace names (SVG, MathML) are identifiers, never fetched.
            let text = String(decoding: data, as: UTF8.self)
                .replacingOccurrences(of: "xmlns=\"http://www.w3.org/2000/svg\"", with: "")
                .replacingOccurrences(of: "xmlns=\"http://www.w3.org/1998/Math/MathML\"", with: "")
            XCTAssertFalse(text.contains("http://") || text.contains("https://") || text.contains("//cdn"), path)
            XCTAssertFalse(text.contains("fetch(") || text.contains("XMLHttpRequest"), path)
        }
    }

    func testMathFontAndItsLicenceShipWhenInstalled() throws {
        guard let font = MathFont.installed() else {
            throw XCTSkip("fonts-lmodern is not installed")
        }
        let site = try SiteFixtures.render(mathFont: font)
        let fonts = site.files.keys.filter { $0.hasPrefix("assets/fonts/") && $0.hasSuffix(".woff2") }
        XCTAssertEqual(fonts.count, 1)
        let shipped = try XCTUnwrap(fonts.first.flatMap { site.files[$0] })
        XCTAssertEqual(Array(shipped.prefix(4)), Array("wOF2".utf8), "a WOFF2 font file")
        let licence = SiteFixtures.text(site, MathFont.licenceSitePath)
        XCTAssertTrue(licence.contains("GUST Font License"))
        XCTAssertTrue(site.warnings.isEmpty, "\(site.warnings)")
    }

    func testMissingMathFontIsAWarningNotAnError() throws {
        let site = try SiteFixtures.render(mathFont: nil)
        XCTAssertFalse(site.files.keys.contains { $0.hasPrefix("assets/fonts/") })
        XCTAssertFalse(SiteFixtures.text(site, "index.html").contains("@font-face"))
        XCTAssertEqual(site.warnings.map(\.code), ["math-font-missing"])
        let unreadable = MathFont(fontFile: URL(fileURLWithPath: "/nonexistent/latinmodern-math.otf"), licenceFile: nil)
        XCTAssertEqual(try SiteFixtures.render(mathFont: unreadable).warnings.map(\.code), ["math-font-unreadable"])
    }
}
