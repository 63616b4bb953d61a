import Foundation
import XCTest
@testable import DocgenSite

/// A small three-chapter course used across the tests.
enum SiteFixtures {
    static let configuration = SiteConfiguration(title: "Regularization", author: "A. Teacher", language: "en")

    static let pages: [PageContent] = [
        page("01-overfitting.html", 1, "Overfitting", """
            A flexible model memorizes noise.

            ## Polynomials

            A degree-nine *polynomial* passes through every point.

            ### Wiggles

            Coefficients grow & oscillate.
            """),
        page("02-ridge.html", 2, "Ridge", """
            Ridge adds a squared penalty $\\alpha$.

            ## Shrinkage

            Every coefficient shrinks toward zero, none reaches it.
            """),
        page("03-lasso.html", 3, "Lasso", """
            ## Sparsity

            The absolute penalty sets coefficients exactly to zero: soft-thresholding.

            ## Paths

            Features enter one at a time.
            """),
    ]

    /// A page whose content is `markdown`, resolved by `resolver`.
    static func page(_ fileName: String, _ number: Int?, _ title: String, _ markdown: String,
                     resolver: SiteTestResolver = SiteTestResolver()) -> PageContent {
        PageContent(fileName: fileName, number: number, title: title, page: resolver.page(markdown))
    }

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
