import DocgenSite
import Foundation

/// Cut math fonts in the build cache (`fonts/<SHA-256 of the key>.woff2`): a build whose formulas
/// use the same characters as an earlier one reuses its cut instead of running the subsetter and
/// Brotli again. The key names the font file and the characters, so a stale cut is never found.
struct MathFontCache: MathFontStore {
    let cache: BuildCache

    func font(forKey key: String) -> Data? { cache.read("fonts", Self.fileName(key)) }

    func store(_ font: Data, forKey key: String) { cache.write("fonts", Self.fileName(key), font) }

    static func fileName(_ key: String) -> String {
        var h = SHA256()
        h.field("math-font")
        h.field(key)
        return h.hexDigest() + ".woff2"
    }
}
