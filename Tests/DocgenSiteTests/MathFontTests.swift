import DocgenFonts
import DocgenMarkup
import DocgenTestSupport
import Foundation
import XCTest
@testable import DocgenSite

/// The math font a site ships: Latin Modern Math cut to the characters of the course's formulas,
/// renamed, as WOFF2.
final class MathFontTests: XCTestCase {
    /// Formulas that exercise what a cut could lose: stretchy fences and radicals (built from the
    /// MATH table's variants), big operators, wide accents, primes (script-size forms), matrices,
    /// double-struck and italic letters, labelled braces.
    static let formulas = [
        #"\left( \frac{a}{b} \right)^2 + \sqrt{x^2 + y^2} = \sqrt[3]{\frac{1}{2}}"#,
        #"\sum_{i=1}^{n} \beta_i x_{ij} \le \int_0^1 f(x)\,dx + \prod_{k} h_k"#,
        #"\widehat{x + y} \ne \overline{x + y}, \quad \hat\beta = \arg\min_{\beta} \lVert y - X\beta \rVert_2^2"#,
        #"\begin{pmatrix} 1 & \rho \\ \rho & 1 \end{pmatrix}, \quad f'(x) = \nabla_\theta \partial h"#,
        #"\underbrace{\alpha + \Gamma}_{\text{penalty}} \in \mathbb{R}, \left\{ x \;\middle|\; |x| > 0 \right\}"#,
    ]

    static func page(_ formulas: [String]) -> PageContent {
        let markdown = "# Formulas\n\n" + formulas.map { "$$\n\($0)\n$$\n" }.joined(separator: "\n")
        return SiteFixtures.page("01-formulas.html", 1, "Formulas", markdown)
    }

    func installedFont() throws -> MathFont {
        guard let font = MathFont.installed() else {
            throw XCTSkip("Latin Modern Math is not installed (bash .ci/setup.sh installs fonts-lmodern)")
        }
        return font
    }

    static func shippedFont(_ site: RenderedSite) throws -> (path: String, data: Data) {
        let fonts = site.files.filter { $0.key.hasPrefix("assets/fonts/") && $0.key.hasSuffix(".woff2") }
        XCTAssertEqual(fonts.count, 1, "one font: \(fonts.keys.sorted())")
        let font = try XCTUnwrap(fonts.first)
        return (font.key, font.value)
    }

    // MARK: The shipped font

    func testTheSiteShipsOneRenamedWOFF2CutDeclaredInEveryPagesHead() throws {
        _ = try installedFont()
        let site = try SiteFixtures.render(pages: [Self.page(Self.formulas)])
        let font = try Self.shippedFont(site)
        XCTAssertTrue(font.path.hasPrefix("assets/fonts/latinmodern-math-subset-"))
        let name = font.path.dropFirst("assets/fonts/latinmodern-math-subset-".count)
        XCTAssertTrue(name.hasSuffix(".woff2"))
        XCTAssertEqual(name.dropLast(".woff2".count).count, 8, "eight hex digits, zero-padded: \(font.path)")
        XCTAssertTrue(name.dropLast(".woff2".count).allSatisfy { "0123456789abcdef".contains($0) })
        XCTAssertEqual(Array(font.data.prefix(4)), Array("wOF2".utf8))
        XCTAssertLessThan(font.data.count, 120_000, "a cut, not the 717 KiB font")
        XCTAssertFalse(site.files.keys.contains { $0.hasSuffix(".otf") }, "the OTF is no longer shipped")
        for page in ["index.html", "01-formulas.html", "print.html"] {
            XCTAssertTrue(SiteFixtures.text(site, page).contains(#"src: url("\#(font.path)") format("woff2")"#), page)
        }
        let licence = SiteFixtures.text(site, MathFont.licenceSitePath)
        XCTAssertTrue(licence.contains("modified version of Latin Modern Math"))
    }

    func testAnotherCourseGetsAnotherCutUnderAnotherName() throws {
        _ = try installedFont()
        let one = try Self.shippedFont(try SiteFixtures.render(pages: [Self.page(["x + y"])]))
        let other = try Self.shippedFont(try SiteFixtures.render(pages: [Self.page(["\\int_0^1 \\xi"])]))
        XCTAssertNotEqual(one.path, other.path)
        let again = try Self.shippedFont(try SiteFixtures.render(pages: [Self.page(["x + y"])]))
        XCTAssertEqual(one.path, again.path, "same formulas, same bytes, same name")
        XCTAssertEqual(one.data, again.data)
    }

    func testACutIsTakenFromTheStoreWhenTheCharactersAreTheSame() throws {
        _ = try installedFont()
        final class Store: MathFontStore, @unchecked Sendable {
            var fonts: [String: Data] = [:]
            var reads = 0
            func font(forKey key: String) -> Data? { reads += 1; return fonts[key] }
            func store(_ font: Data, forKey key: String) { fonts[key] = font }
        }
        let store = Store()
        let renderer = try SiteRenderer(configuration: SiteFixtures.configuration, fontStore: store)
        let first = try Self.shippedFont(try renderer.render(pages: [Self.page(["x + y"])]))
        XCTAssertEqual(store.fonts.count, 1)
        store.fonts[store.fonts.keys.first!] = Data("stored".utf8)
        let second = try renderer.render(pages: [Self.page(["y + x"])])
        XCTAssertEqual(second.files.first { $0.key.hasSuffix(".woff2") }?.value, Data("stored".utf8),
                       "the same characters in another order hit the stored cut")
        XCTAssertNotEqual(first.data, Data("stored".utf8))
    }

    /// Every character the course's formulas draw with the math font, and that the full font has, is
    /// in the shipped cut (decoded with the reference WOFF2 decoder, which `.ci/setup.sh --test` installs).
    func testTheShippedCutHoldsEveryCharacterTheFormulasUse() throws {
        let installed = try installedFont()
        let decoder = "/usr/bin/woff2_decompress"
        guard FileManager.default.isExecutableFile(atPath: decoder) else {
            throw XCTSkip("woff2_decompress not installed (bash .ci/setup.sh --test installs woff2)")
        }
        let pages = DemoCourse.pages + [Self.page(Self.formulas)].map {
            PageContent(fileName: "99-formulas.html", number: 99, title: $0.title, page: $0.page)
        }
        let site = try SiteFixtures.render(pages: pages)
        let folder = try SiteFixtures.temporaryFolder("woff2")
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("math.woff2")
        try Self.shippedFont(site).data.write(to: file)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: decoder)
        process.arguments = [file.path]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        let cut = try SFNT(try Data(contentsOf: folder.appendingPathComponent("math.ttf")))
        let full = try SFNT(try Data(contentsOf: installed.fontFile)).characters()
        var used = Set<Unicode.Scalar>()
        for page in pages { for formula in page.page.formulas { used.formUnion(formula.mathFontCharacters) } }
        XCTAssertGreaterThan(used.count, 40)
        let missing = used.intersection(full).subtracting(cut.characters())
        XCTAssertTrue(missing.isEmpty, "missing from the cut: \(missing.map { String(format: "U+%04X", $0.value) }.sorted())")
        let name = String(decoding: try XCTUnwrap(cut.table("name")).filter { $0 != 0 }, as: UTF8.self)
        XCTAssertTrue(name.contains("LM Math docgen subset"), "renamed, as the GUST Font License asks")
    }

    // MARK: The same pixels

    /// The formulas drawn by Chromium with the whole font and with the cut are the same pixels; drawn
    /// with no math font they are not (so the comparison can fail).
    func testFormulasLookTheSameWithTheCutAsWithTheWholeFont() throws {
        let installed = try installedFont()
        guard let chromium = BrowserCheck.findChromium() else {
            throw XCTSkip("no chromium binary found (set DOCGEN_CHROMIUM or install chromium)")
        }
        let site = try SiteFixtures.render(pages: [Self.page(Self.formulas)])
        let cut = try Self.shippedFont(site)
        let folder = try SiteFixtures.temporaryFolder("font-pixels")
        defer { try? FileManager.default.removeItem(at: folder) }
        try cut.data.write(to: folder.appendingPathComponent("cut.woff2"))
        try FileManager.default.copyItem(at: installed.fontFile, to: folder.appendingPathComponent("full.otf"))
        let math = Self.formulas.map { Formula(tex: $0, isDisplay: true).mathML ?? "" }.joined(separator: "\n")
        func page(_ fontFace: String) -> String {
            """
            <!doctype html><html lang="en"><head><meta charset="utf-8"><title>f</title>
            <style>\(fontFace) body { margin: 20px; background: #fff; color: #000; } math { font-family: "Test Math", serif; font-size: 28px; }</style>
            </head><body>\(math)</body></html>
            """
        }
        let variants = [
            // A family name of the test's own, so a Latin Modern Math installed on the system stands in for neither.
            "full": #"@font-face { font-family: "Test Math"; src: url("full.otf") format("opentype"); }"#,
            "cut": #"@font-face { font-family: "Test Math"; src: url("cut.woff2") format("woff2"); }"#,
            "none": "",
        ]
        var shots: [String: Data] = [:]
        let browser = BrowserCheck(chromium: chromium)
        for (name, face) in variants {
            let html = folder.appendingPathComponent("\(name).html")
            try Data(page(face).utf8).write(to: html)
            let png = folder.appendingPathComponent("\(name).png")
            try browser.screenshot(of: html, to: png, width: 900, height: 900)
            shots[name] = try Data(contentsOf: png)
        }
        XCTAssertEqual(shots["cut"], shots["full"], "the cut draws every formula exactly as the whole font does")
        XCTAssertNotEqual(shots["none"], shots["full"], "without the font the formulas look different")
        if let keep = ProcessInfo.processInfo.environment["DOCGEN_SCREENSHOTS"] {
            for (name, data) in shots { try data.write(to: URL(fileURLWithPath: keep).appendingPathComponent("math-font-\(name).png")) }
        }
    }
}
