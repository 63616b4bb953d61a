import DocgenMarkup
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

/// One chapter page, its content structured (see `ChapterPage`).
public struct PageContent: Sendable, Equatable {
    /// The output file name, a plain name ending in `.html` with no folder, for example `03-ridge.html`.
    /// `index.html` is reserved for the course outline.
    public var fileName: String
    /// The chapter number shown before the title (1-based), or `nil` for an unnumbered page such as a preface.
    public var number: Int?
    /// The chapter title as plain text. The page template renders it as the page's `<h1>`, which carries
    /// the `id` of `page.title` (the chapter's opening heading) so links to the chapter's title land there.
    public var title: String
    /// The chapter's content. Its body, table of contents, sidebar sections and search text are all
    /// rendered from it; headings of levels 2 and 3 make the table of contents and the search sections.
    public var page: ChapterPage

    public init(fileName: String, number: Int?, title: String, page: ChapterPage) {
        self.fileName = fileName
        self.number = number
        self.title = title
        self.page = page
    }
}
