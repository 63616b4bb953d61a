import DocgenFonts
import Foundation

/// Latin Modern Math, the OpenType math font the site ships so MathML looks the same everywhere.
///
/// The font is not stored in the repository: it is read at build time from Debian's `fonts-lmodern`
/// package (installed by `.ci/setup.sh`). A site ships a cut of it: only the glyphs its formulas can
/// draw (see `Formula.mathFontCharacters`), as WOFF2, renamed as the GUST Font License (an instance of the
/// LaTeX Project Public License, which allows modified versions) asks of modified fonts; the site
/// carries the licence text next to it.
public struct MathFont: Sendable, Equatable {
    /// The `.otf` file to copy.
    public var fontFile: URL
    /// The licence text to copy beside it, when it is installed.
    public var licenceFile: URL?

    public init(fontFile: URL, licenceFile: URL?) {
        self.fontFile = fontFile
        self.licenceFile = licenceFile
    }

    /// Where the site puts the font, relative to the output folder, for font bytes `data`: a name that
    /// changes with the bytes (`assets/fonts/latinmodern-math-subset-1a2b3c4d.woff2`), so no cache
    /// anywhere serves a cut made for other formulas. The page's `<head>` declares it.
    static func sitePath(for data: Data) -> String {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325                      // FNV-1a, 64-bit
        for byte in data { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        let hex = String(UInt32(truncatingIfNeeded: hash ^ (hash >> 32)), radix: 16)
        return "assets/fonts/latinmodern-math-subset-" + String(repeating: "0", count: 8 - hex.count) + hex + ".woff2"
    }
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

    /// The font as the site ships it: cut to `characters` (what the course's formulas use), renamed,
    /// as WOFF2. Cuts are kept in `store` by font and characters, so an unchanged course cuts nothing.
    /// - Throws: when the font cannot be read, cut or packed.
    func webFont(characters: Set<Unicode.Scalar>, store: (any MathFontStore)?) throws -> Data {
        let attributes = try FileManager.default.attributesOfItem(atPath: fontFile.path)
        let codes = characters.map(\.value).sorted().map { String($0, radix: 16) }.joined(separator: " ")
        // The key names everything the bytes depend on: the font file, the characters and Brotli's quality.
        let key = "math-font/v3 q\(Self.brotliQuality) \(fontFile.path) \(attributes[.size] ?? 0) "
            + "\((attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0) \(codes)"
        if let cached = store?.font(forKey: key) { return cached }
        var subset = try SFNT(FontSubsetter.subset(try Data(contentsOf: fontFile), keeping: characters))
        subset.tables = subset.tables.map { table in
            table.tag == "name" ? SFNT.Table(tag: "name", data: Self.subsetNames.data()) : table
        }
        let woff2 = try WOFF2.encode(subset, quality: Self.brotliQuality)
        store?.store(woff2, forKey: key)
        return woff2
    }

    /// Brotli's quality for the cut: 9 takes a few milliseconds, where 10 took about 0.1 s of every cold build's
    /// serial tail for 6 % fewer bytes (benchmarks/README.md).
    static let brotliQuality = 9

    /// The names of the cut: the family is not called Latin Modern Math, as the GUST Font License
    /// requests of modified fonts.
    static let subsetNames = NameTable(names: [
        0: "Copyright 2012-2014 B. Jackowski, P. Strzelczyk and P. Pianowski (GUST e-foundry). "
            + "Subset made by docgen; see GUST-FONT-LICENSE.txt.",
        1: "LM Math docgen subset",
        2: "Regular",
        3: "LM Math docgen subset",
        4: "LM Math docgen subset",
        5: "Version 1.959; subset",
        6: "LMMathDocgenSubset-Regular",
    ])

    /// A short notice written beside the font in every site, in our words.
    static let notice = """
        LM Math docgen subset (latinmodern-math-subset-*.woff2)
        is a modified version of Latin Modern Math (latinmodern-math.otf)
        by Bogusław Jackowski, Piotr Strzelczyk and Piotr Pianowski, on behalf of the TeX Users Groups,
        distributed under the GUST Font License, an instance of the LaTeX Project Public License
        (https://www.gust.org.pl/projects/e-foundry/licenses). docgen reads the font from the Debian
        package fonts-lmodern so that mathematics renders the same in every browser. The modification:
        only the glyphs this course's formulas use are kept (cut with HarfBuzz's subsetter), the font
        is renamed as the licence requests of modified versions, and it is packed as WOFF2.

        """
}

/// Keeps cut math fonts between builds (the build keeps them in its cache folder).
public protocol MathFontStore: Sendable {
    /// The font stored under `key`, or nil.
    func font(forKey key: String) -> Data?
    /// Stores `font` under `key`; failures are ignored (the next build cuts it again).
    func store(_ font: Data, forKey key: String)
}
