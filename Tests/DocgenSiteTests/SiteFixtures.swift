import Foundation
import XCTest
@testable import DocgenSite

/// A small three-chapter course used across the tests.
enum SiteFixtures {
    static let configuration = SiteConfiguration(title: "Regularization", author: "A. Teacher", language: "en")

    static let pages: [PageContent] = [
        PageContent(
            fileName: "01-overfitting.html", number: 1, title: "Overfitting",
            bodyHTML: """
                <p>A flexible model memorizes noise.</p>
                <h2 id="polynomials">Polynomials</h2>
                <p>A degree-nine <em>polynomial</em> passes through every point.</p>
                <h3 id="wiggles">Wiggles</h3>
                <p>Coefficients grow &amp; oscillate.</p>
                """,
            toc: [TOCEntry(level: 2, text: "Polynomials", anchor: "polynomials"),
                  TOCEntry(level: 3, text: "Wiggles", anchor: "wiggles")]),
        PageContent(
            fileName: "02-ridge.html", number: 2, title: "Ridge",
            bodyHTML: """
                <p>Ridge adds a squared penalty <math><mi>α</mi></math>.</p>
                <h2 id="shrinkage">Shrinkage</h2>
                <p>Every coefficient shrinks toward zero, none reaches it.</p>
                """,
            toc: [TOCEntry(level: 2, text: "Shrinkage", anchor: "shrinkage")]),
        PageContent(
            fileName: "03-lasso.html", number: 3, title: "Lasso",
            bodyHTML: """
                <h2 id="sparsity">Sparsity</h2>
                <p>The absolute penalty sets coefficients exactly to zero: soft-thresholding.</p>
                <h2 id="paths">Paths</h2>
                <p>Features enter one at a time.</p>
                """,
            toc: [TOCEntry(level: 2, text: "Sparsity", anchor: "sparsity"),
                  TOCEntry(level: 2, text: "Paths", anchor: "paths")]),
    ]

    static func render(pages: [PageContent] = pages, overrides: URL? = nil,
                       mathFont: MathFont? = MathFont.installed()) throws -> RenderedSite {
        let renderer = try SiteRenderer(configuration: configuration, themeOverrides: overrides, mathFont: mathFont)
        return try renderer.render(pages: pages)
    }

    static func text(_ site: RenderedSite, _ path: String, file: StaticString = #filePath, line: UInt = #line) -> String {
        guard let data = site.files[path] else {
            XCTFail("site has no \(path)", file: file, line: line)
            return ""
        }
        return String(decoding: data, as: UTF8.self)
    }

    /// The part of `html` from the first occurrence of `start` to the next occurrence of `end` after it.
    static func slice(_ html: String, from start: String, to end: String) -> String {
        guard let lower = html.range(of: start),
              let upper = html.range(of: end, range: lower.upperBound..<html.endIndex) else { return "" }
        return String(html[lower.lowerBound..<upper.upperBound])
    }

    /// A fresh empty temporary folder.
    static func temporaryFolder(_ name: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("docgen-site-tests-\(name)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
