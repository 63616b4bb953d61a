import Foundation
import XCTest
@testable import DocgenSite

/// WCAG 2 contrast of the theme's colour pairs, read from the shipped `docgen.css`, in both themes.
final class ColourContrastTests: XCTestCase {
    /// `--name: #rrggbb` declarations of the first rule whose selector is exactly `selector`
    /// (at the start of a line, or indented by two spaces inside an at-rule).
    private func palette(_ css: String, selector: String) throws -> [String: String] {
        let start = try XCTUnwrap(css.range(of: "\n\(selector) {") ?? css.range(of: "\n  \(selector) {"), selector)
        let end = try XCTUnwrap(css.range(of: "}", range: start.upperBound..<css.endIndex))
        let block = String(css[start.upperBound..<end.lowerBound])
        let regex = try NSRegularExpression(pattern: #"--([a-z0-9-]+):\s*(#[0-9a-fA-F]{6})\b"#)
        var colours: [String: String] = [:]
        for match in regex.matches(in: block, range: NSRange(block.startIndex..., in: block)) {
            guard let name = Range(match.range(at: 1), in: block), let value = Range(match.range(at: 2), in: block) else { continue }
            colours[String(block[name])] = String(block[value])
        }
        return colours
    }

    /// Relative luminance per WCAG 2.x (sRGB channels linearized).
    private func luminance(_ hex: String) -> Double {
        let value = Int(hex.dropFirst(), radix: 16) ?? 0
        let channels = [(value >> 16) & 0xFF, (value >> 8) & 0xFF, value & 0xFF].map { Double($0) / 255 }
        let linear = channels.map { $0 <= 0.04045 ? $0 / 12.92 : pow(($0 + 0.055) / 1.055, 2.4) }
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    }

    private func contrast(_ a: String, _ b: String) -> Double {
        let (la, lb) = (luminance(a), luminance(b))
        return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)
    }

    func testLuminanceFormulaGivesTheKnownExtremes() {
        XCTAssertEqual(contrast("#000000", "#ffffff"), 21, accuracy: 1e-9)
        XCTAssertEqual(contrast("#777777", "#ffffff"), 4.48, accuracy: 0.01)  // the classic just-failing grey
    }

    func testDarkPaletteWithoutJavaScriptMatchesTheToggledDarkPalette() throws {
        let css = SiteFixtures.text(try SiteFixtures.render(mathFont: nil), "assets/docgen.css")
        let toggled = try palette(css, selector: "html[data-theme=\"dark\"]")
        let system = try palette(css, selector: "html:not([data-theme])")
        XCTAssertEqual(system, toggled.filter { $0.key != "shadow" })
    }

    func testTextColoursMeetWCAGAAContrastInBothThemes() throws {
        let site = try SiteFixtures.render(mathFont: nil)
        let css = SiteFixtures.text(site, "assets/docgen.css")
        let light = try palette(css, selector: ":root")
        let darkOverrides = try palette(css, selector: "html[data-theme=\"dark\"]")
        let dark = light.merging(darkOverrides) { _, new in new }
        XCTAssertGreaterThan(darkOverrides.count, 20, "the dark theme redefines the palette")
        let pairs: [(String, String)] = [
            ("text", "bg"), ("text-muted", "bg"), ("text-muted", "bg-subtle"), ("text", "bg-subtle"),
            ("accent", "bg"), ("accent", "bg-subtle"), ("accent", "accent-soft"), ("text", "code-bg"),
            ("tok-kw", "code-bg"), ("tok-str", "code-bg"), ("tok-num", "code-bg"), ("tok-com", "code-bg"),
            ("tok-fn", "code-bg"), ("tok-op", "code-bg"), ("tok-type", "code-bg"),
            ("note", "note-bg"), ("tip", "tip-bg"), ("important", "important-bg"), ("warning", "warning-bg"),
            ("caution", "caution-bg"), ("text", "note-bg"), ("text", "warning-bg"), ("text", "caution-bg"),
        ]
        for (name, colours) in [("light", light), ("dark", dark)] {
            for (foreground, background) in pairs {
                let fg = try XCTUnwrap(colours[foreground], "\(name): --\(foreground)")
                let bg = try XCTUnwrap(colours[background], "\(name): --\(background)")
                XCTAssertGreaterThanOrEqual(contrast(fg, bg), 4.5, "\(name): --\(foreground) on --\(background)")
            }
        }
    }
}
