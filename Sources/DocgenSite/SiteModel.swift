import Foundation

/// Site-wide settings, taken from `Content/docgen.yml`.
///
/// All strings are plain text: the renderer HTML-escapes them wherever they appear.
public struct SiteConfiguration: Sendable, Equatable {
    /// The course title, shown in the header, the outline page and every `<title>`.
    public var title: String
    /// The author line shown on the outline page and in the footer.
    public var author: String
    /// A BCP 47 language tag for `<html lang="…">`, for example `en`.
    public var language: String

    public init(title: String, author: String, language: String = "en") {
        self.title = title
        self.author = author
        self.language = language
    }
}

/// One entry of a page's table of contents: a heading that has an `id` in the page body.
public struct TOCEntry: Sendable, Equatable {
    /// The HTML heading level, 2 for `<h2>` … 6 for `<h6>`. The chapter title (`<h1>`) is not an entry.
    public var level: Int
    /// The heading as plain text (no markup); the renderer escapes it.
    public var text: String
    /// The heading's `id` attribute in `bodyHTML`, without `#`.
    public var anchor: String

    public init(level: Int, text: String, anchor: String) {
        self.level = level
        self.text = text
        self.anchor = anchor
    }
}

/// One already-rendered chapter page.
public struct PageContent: Sendable, Equatable {
    /// The output file name, a plain name ending in `.html` with no folder, for example `03-ridge.html`.
    /// `index.html` is reserved for the course outline.
    public var fileName: String
    /// The chapter number shown before the title (1-based), or `nil` for an unnumbered page such as a preface.
    public var number: Int?
    /// The chapter title as plain text. The page template renders it as the page's `<h1>`.
    public var title: String
    /// The chapter body as trusted, already-rendered HTML (inserted verbatim).
    /// An `<h1>` at its very start (the Markdown `# Title`) is removed, since the template renders `title`;
    /// that heading's `id` moves to the template's `<h1>`. Headings listed in `toc` must carry matching
    /// `id` attributes (`<h2 id="…">`); the renderer adds an `<a class="anchor">` link inside every heading with an `id`.
    public var bodyHTML: String
    /// The page's headings in document order; they form the on-page contents, the outline and search targets.
    public var toc: [TOCEntry]
    /// Plain text to index for search instead of the text the renderer extracts from `bodyHTML`
    /// section by section. Leave `nil` (recommended) so search results can link to the matching section.
    public var searchText: String?

    public init(fileName: String, number: Int?, title: String, bodyHTML: String,
                toc: [TOCEntry], searchText: String? = nil) {
        self.fileName = fileName
        self.number = number
        self.title = title
        self.bodyHTML = bodyHTML
        self.toc = toc
        self.searchText = searchText
    }
}
