import CBrotli
import Foundation

/// Packs an OpenType font as WOFF 2.0 (W3C Recommendation): the tables, untransformed, in one
/// Brotli stream (font mode, a window just large enough for the tables) behind a WOFF2 header and
/// table directory.
///
/// Tables are stored with the null transform, which the format allows for every table (the glyf
/// and loca transforms only shrink TrueType outlines; the math font is CFF). Browsers rebuild the
/// sfnt from it, so what they get is exactly the input's tables.
public enum WOFF2 {
    public struct EncodingError: Error, CustomStringConvertible {
        public var description: String
    }

    /// The WOFF2 file of `font` (an sfnt: OpenType with CFF or TrueType outlines).
    /// - Parameter quality: Brotli's quality, 0…11. On the course's 68 KB cut of Latin Modern Math,
    ///   10 takes about 0.1 s and gives 46.5 KB, 11 about 0.25 s for 45.6 KB, 9 a few milliseconds for
    ///   49 KB (benchmarks/README.md).
    public static func encode(_ font: SFNT, quality: Int = 11) throws -> Data {
        var stream = Data()
        var directory = [UInt8]()
        var sfntSize = 12 + 16 * font.tables.count
        for table in font.tables {
            let tagBytes = Array(table.tag.utf8)
            guard tagBytes.count == 4 else { throw EncodingError(description: "bad table tag '\(table.tag)'") }
            // Bits 6–7 name the transform: for glyf and loca version 3 is none, for other tables version 0.
            let transform: UInt8 = table.tag == "glyf" || table.tag == "loca" ? 3 << 6 : 0
            if let known = knownTags.firstIndex(of: table.tag) {
                directory.append(UInt8(known) | transform)
            } else {
                directory.append(63 | transform)
                directory += tagBytes
            }
            directory += base128(UInt32(table.data.count))
            stream.append(table.data)
            sfntSize += (table.data.count + 3) & ~3
        }
        let compressed = try brotli(stream, quality: quality)

        var out = [UInt8]()
        let headerSize = 48
        var length = headerSize + directory.count + compressed.count
        length = (length + 3) & ~3
        SFNT.put32(&out, 0x774F_4632)                        // 'wOF2'
        SFNT.put32(&out, font.flavor)
        SFNT.put32(&out, UInt32(length))
        SFNT.put16(&out, UInt16(font.tables.count))
        SFNT.put16(&out, 0)                                  // reserved
        SFNT.put32(&out, UInt32(sfntSize))
        SFNT.put32(&out, UInt32(compressed.count))
        SFNT.put16(&out, 1)                                  // font version 1.0
        SFNT.put16(&out, 0)
        for _ in 0..<5 { SFNT.put32(&out, 0) }               // no metadata, no private data
        out += directory
        out += compressed
        while out.count < length { out.append(0) }
        return Data(out)
    }

    /// UIntBase128: seven bits a byte, most significant first, the high bit set on all but the last.
    static func base128(_ value: UInt32) -> [UInt8] {
        var groups: [UInt8] = [UInt8(value & 0x7F)]
        var rest = value >> 7
        while rest > 0 {
            groups.insert(UInt8(rest & 0x7F) | 0x80, at: 0)
            rest >>= 7
        }
        return groups
    }

    private static func brotli(_ input: Data, quality: Int) throws -> [UInt8] {
        var size = BrotliEncoderMaxCompressedSize(input.count)
        if size == 0 { size = input.count + 1024 }
        var output = [UInt8](repeating: 0, count: size)
        // The smallest window that holds the whole input (16 to 24 bits): no smaller, and faster.
        var window = 16
        while window < 24 && (1 << window) - 16 < input.count { window += 1 }
        let ok = input.withUnsafeBytes { raw -> Int32 in
            BrotliEncoderCompress(Int32(max(0, min(11, quality))), Int32(window), BROTLI_MODE_FONT,
                                  input.count, raw.bindMemory(to: UInt8.self).baseAddress, &size, &output)
        }
        guard ok == 1 /* BROTLI_TRUE */ else { throw EncodingError(description: "Brotli could not compress the font") }
        return Array(output.prefix(size))
    }

    /// The 63 table tags WOFF2 names by index (its "known table tags").
    static let knownTags = [
        "cmap", "head", "hhea", "hmtx", "maxp", "name", "OS/2", "post", "cvt ", "fpgm", "glyf", "loca", "prep",
        "CFF ", "VORG", "EBDT", "EBLC", "gasp", "hdmx", "kern", "LTSH", "PCLT", "VDMX", "vhea", "vmtx", "BASE",
        "GDEF", "GPOS", "GSUB", "EBSC", "JSTF", "MATH", "CBDT", "CBLC", "COLR", "CPAL", "SVG ", "sbix", "acnt",
        "avar", "bdat", "bloc", "bsln", "cvar", "fdsc", "feat", "fmtx", "fvar", "gvar", "hsty", "just", "lcar",
        "mort", "morx", "opbd", "prop", "trak", "Zapf", "Silf", "Glat", "Gloc", "Feat", "Sill",
    ]
}
