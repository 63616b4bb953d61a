import DocgenMarkup

/// One entry of a page's table of contents: a section heading.
struct TOCEntry: Sendable, Equatable {
    /// 2 for a level-2 heading … `PageOutline.deepestTOCLevel`.
    var level: Int
    /// The heading as plain text (math read as text); the templates escape it.
    var text: String
    /// The heading's `id`, without `#`.
    var anchor: String
}

/// What the site shows of a page's structure, read from its `ChapterPage` once: the table of
/// contents (also the outline's and sidebar's sections) and the sections of the search index.
struct PageOutline {
    /// Headings of level 2 to this level appear in the page's contents and cut the search index into
    /// sections; deeper ones (and later level-1 headings) only add their text to the section they are in.
    static let deepestTOCLevel = 3

    var toc: [TOCEntry] = []
    var searchSections: [SearchIndex.Section] = []

    init(_ content: PageContent) {
        for section in content.page.sections {
            guard let heading = section.heading else {
                searchSections.append(SearchIndex.Section(anchor: "", heading: content.title, text: section.text))
                continue
            }
            let text = heading.plainText.trimmingSpaces()
            if (2...Self.deepestTOCLevel).contains(heading.level) {
                toc.append(TOCEntry(level: heading.level, text: text, anchor: heading.id))
                searchSections.append(SearchIndex.Section(anchor: heading.id, heading: text, text: section.text))
            } else {
                let last = searchSections.count - 1
                searchSections[last].text = [searchSections[last].text, text, section.text]
                    .filter { !$0.isEmpty }.joined(separator: " ")
            }
        }
    }
}

private extension String {
    func trimmingSpaces() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let last = scalars.lastIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        return String(scalars[first...last])
    }
}
