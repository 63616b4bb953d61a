@testable import DocgenSite
import Foundation
import XCTest

/// The built-in theme is compiled into the executable: the table in `Theme.swift` must name every file
/// of `Sources/DocgenSite/Theme/` (but its README) with exactly that file's bytes.
final class EmbeddedThemeTests: XCTestCase {
    static let themeFolder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Sources/DocgenSite/Theme")

    func testEmbeddedTableHasEveryThemeFileWithItsBytes() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.themeFolder.path)
            .filter { !$0.hasPrefix(".") && $0 != "README.md" }.sorted()
        XCTAssertEqual(Theme.builtInFiles.keys.sorted(), names,
                       "a file added to or removed from Theme/ must be added to or removed from Theme.builtInFiles")
        for name in names {
            let onDisk = try Data(contentsOf: Self.themeFolder.appendingPathComponent(name))
            XCTAssertEqual(Theme.builtInFiles[name].map { Data($0) }, onDisk, name)
        }
    }

    func testBuiltInThemeLoadsWithoutAnyFileOnDisk() throws {
        let theme = try Theme.load(overrides: nil)
        XCTAssertNotNil(theme.assets["docgen.css"])
        XCTAssertNil(theme.assets["README.md"], "the theme's README is documentation, not an asset")
        XCTAssertNil(theme.assets["page.mustache"], "templates are not copied as assets")
    }
}
