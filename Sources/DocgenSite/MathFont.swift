import Foundation

/// Latin Modern Math, the OpenType math font the site ships so MathML looks the same everywhere.
///
/// The font is not stored in the repository: it is copied at build time from Debian's `fonts-lmodern`
/// package (installed by `.ci/setup.sh`). Its licence, the GUST Font License (an instance of the
/// LaTeX Project Public License), allows redistributing the unmodified font; the site ships the
/// licence text next to it.
public struct MathFont: Sendable, Equatable {
    /// The `.otf` file to copy.
    public var fontFile: URL
    /// The licence text to copy beside it, when it is installed.
    public var licenceFile: URL?

    public init(fontFile: URL, licenceFile: URL?) {
        self.fontFile = fontFile
        self.licenceFile = licenceFile
    }

    /// Where the site puts the font, relative to the output folder; `docgen.css` refers to it as
    /// `fonts/latinmodern-math.otf` (relative to `assets/`).
    public static let sitePath = "assets/fonts/latinmodern-math.otf"
    /// Where the site puts the licence text, relative to the output folder.
    public static let licenceSitePath = "assets/fonts/GUST-FONT-LICENSE.txt"

    private static let fontCandidates = [
        "/usr/share/texmf/fonts/opentype/public/lm-math/latinmodern-math.otf",
        "/usr/share/texlive/texmf-dist/fonts/opentype/public/lm-math/latinmodern-math.otf",
        "/usr/share/fonts/opentype/lm-math/latinmodern-math.otf",
        "/usr/local/share/fonts/latinmodern-math.otf",
    ]
    private static let licenceCandidates = [
        "/usr/share/texmf/doc/fonts/lm-math/GUST-FONT-LICENSE.txt",
        "/usr/share/texlive/texmf-dist/doc/fonts/lm-math/GUST-FONT-LICENSE.txt",
        "/usr/share/texmf/doc/fonts/lm/GUST-FONT-LICENSE.TXT",
    ]

    /// The installed font in the usual Debian/TeX Live places, or `nil` when none is found.
    public static func installed() -> MathFont? {
        let manager = FileManager.default
        guard let font = fontCandidates.first(where: { manager.isReadableFile(atPath: $0) }) else { return nil }
        let licence = licenceCandidates.first(where: { manager.isReadableFile(atPath: $0) })
        return MathFont(fontFile: URL(fileURLWithPath: font), licenceFile: licence.map { URL(fileURLWithPath: $0) })
    }

    /// A short notice written beside the font in every site, in our words.
    static let notice = """
        Latin Modern Math (latinmodern-math.otf)
        by Bogusław Jackowski, Piotr Strzelczyk and Piotr Pianowski, on behalf of the TeX Users Groups.
        It is distributed unmodified under the GUST Font License, an instance of the LaTeX Project
        Public License (https://www.gust.org.pl/projects/e-foundry/licenses). docgen copies it from the
        Debian package fonts-lmodern so that mathematics renders the same in every browser.

        """
}
