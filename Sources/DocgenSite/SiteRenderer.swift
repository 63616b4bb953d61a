import Foundation
import Mustache

/// Turns structured chapters into a complete static site: the course outline (`index.html`), one page
/// per chapter (its body rendered to HTML once, by `ChapterHTML`), the printable edition of the whole
/// course (`print.html`, see `PrintableEdition`), and the theme's CSS, JavaScript, search index and
/// math font.
///
/// Every link it writes is relative and nothing refers to the network, so the site works from `file://`.
/// Output depends only on the input (same input, same bytes).
public struct SiteRenderer: Sendable {
    public let configuration: SiteConfiguration
    private let theme: Theme
    private let mathFont: MathFont?

    /// Folder, relative to the site root, of the theme's static files and the search index.
    public static let assetsFolder = "assets"
    /// The search index script, relative to the site root.
    public static let searchIndexPath = "assets/search-index.js"

    /// - Parameters:
    ///   - themeOverrides: the author's theme folder (`Content/theme/`). A file there replaces the built-in
    ///     file of the same relative path (`page.mustache`, `docgen.css`, …); other `.mustache` files become
    ///     extra partials and other files are copied into `assets/`. A missing folder means no overrides.
    ///   - mathFont: the math font to ship; `nil` ships none and `render` reports a warning.
    /// - Throws: `SiteError` when a theme file cannot be read or a template does not parse.
    ///   - fontStore: where cuts of the math font are kept between builds; nil cuts it every time.
    public init(configuration: SiteConfiguration, themeOverrides: URL? = nil,
                mathFont: MathFont? = MathFont.installed(), fontStore: (any MathFontStore)? = nil) throws {
        self.configuration = configuration
        self.theme = try Theme.load(overrides: themeOverrides)
        self.mathFont = mathFont
        self.fontStore = fontStore
    }

    private let fontStore: (any MathFontStore)?

    /// Renders every file of the site.
    /// - Parameters:
    ///   - pages: the chapters in reading order; this order drives the outline, the sidebar, previous/next
    ///     links and the printable edition.
    ///   - pdfFileName: the PDF of the printable edition the build will add, relative to the site root, so
    ///     the outline and the printable edition link to it; nil when there is none.
    /// - Throws: `SiteError.invalidPageFileName` for a bad or repeated file name,
    ///   `SiteError.templateMissing` when the `page`, `index` or `printable` template is absent.
    public func render(pages: [PageContent], pdfFileName: String? = nil) throws -> RenderedSite {
        try Self.validateFileNames(pages)
        var files: [String: Data] = [:]
        var warnings: [SiteWarning] = []
        let outlines = pages.map(PageOutline.init)
        let font = webFont(pages: pages, warnings: &warnings)
        if let font {
            files[font.path] = font.data
            var licence = Data(MathFont.notice.utf8)
            if let licenceFile = mathFont?.licenceFile, let text = try? Data(contentsOf: licenceFile) {
                licence.append(Data("\n----- GUST Font License, as distributed with the font -----\n\n".utf8))
                licence.append(text)
            }
            files[MathFont.licenceSitePath] = licence
        }
        let context = PageContextBuilder(configuration: configuration, pages: pages, outlines: outlines,
                                         pdfFileName: pdfFileName, mathFontPath: font?.path)

        files["index.html"] = Data(try renderTemplate("index", context.outlineContext()).utf8)
        for index in pages.indices {
            files[pages[index].fileName] = Data(try renderTemplate("page", context.pageContext(at: index)).utf8)
        }
        files[PrintableEdition.fileName] = Data(try renderTemplate("printable", context.printableContext()).utf8)
        for (path, data) in theme.assets {
            files["\(Self.assetsFolder)/\(path)"] = data
        }
        files[Self.searchIndexPath] = Data(SearchIndex(pages: pages, outlines: outlines).javaScript().utf8)

        return RenderedSite(files: files, warnings: warnings)
    }

    /// The math font cut to the characters of the chapters' formulas (read from the structured
    /// pages, `Formula.mathFontCharacters`), and its path in the site; nil (with a warning) when
    /// there is no font or it cannot be cut.
    private func webFont(pages: [PageContent], warnings: inout [SiteWarning]) -> (path: String, data: Data)? {
        guard let mathFont else {
            warnings.append(SiteWarning(code: "math-font-missing", message:
                "Latin Modern Math not found (install the Debian package fonts-lmodern); "
                + "formulas will use the browser's default math font"))
            return nil
        }
        var characters = Set<Unicode.Scalar>()
        for page in pages { for formula in page.page.formulas { characters.formUnion(formula.mathFontCharacters) } }
        do {
            let data = try mathFont.webFont(characters: characters, store: fontStore)
            return (MathFont.sitePath(for: data), data)
        } catch {
            warnings.append(SiteWarning(code: "math-font-unreadable", message:
                "cannot make the math font from \(mathFont.fontFile.path) (\(error)); "
                + "formulas will use the browser's default math font"))
            return nil
        }
    }

    private func renderTemplate(_ name: String, _ context: [String: Any]) throws -> String {
        guard let html = theme.library.render(context, withTemplate: name) else {
            throw SiteError.templateMissing(name: name)
        }
        return html
    }

    static func validateFileNames(_ pages: [PageContent]) throws {
        var seen: Set<String> = []
        let allowed = CharacterSet(charactersIn:
            "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.")
        for page in pages {
            let name = page.fileName
            guard name.hasSuffix(".html"), name.count > 5, !name.hasPrefix("."),
                  name.unicodeScalars.allSatisfy(allowed.contains) else {
                throw SiteError.invalidPageFileName(fileName: name,
                    reason: "must be a plain file name of letters, digits, '-', '_' or '.' ending in .html")
            }
            guard name != "index.html" else {
                throw SiteError.invalidPageFileName(fileName: name, reason: "index.html is the course outline")
            }
            guard name != PrintableEdition.fileName else {
                throw SiteError.invalidPageFileName(fileName: name,
                                                    reason: "\(name) is the printable edition of the whole course")
            }
            guard seen.insert(name).inserted else {
                throw SiteError.invalidPageFileName(fileName: name, reason: "two pages share this file name")
            }
        }
    }
}
