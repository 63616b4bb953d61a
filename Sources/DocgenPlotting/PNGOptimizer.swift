import CDeflate
import Foundation

/// Recompresses a PNG at maximum effort for publishing: the same pixels in fewer bytes.
///
/// The image data is inflated and its rows unfiltered; of two filterings — the rows as they were
/// filtered, and each row given the filter whose output bytes sum smallest in absolute value
/// (libpng's heuristic) — the one that compresses better at a quick level is compressed with
/// libdeflate at level 12, its slowest and best; the smaller of that and the input wins. Every chunk but the image data is kept in place; the
/// image data becomes one IDAT chunk. Interlaced images are returned unchanged. Lossless by
/// construction: the unfiltered rows are the pixels, and both encodings hold exactly those rows.
///
/// Slow (a second or two for a 1600×1000 figure on one core): `docgen build --optimize-images` only,
/// for publishing; development builds keep `PNGWriter`'s fast stream.
public enum PNGOptimizer {
    public struct OptimizeError: Error, CustomStringConvertible {
        public var description: String
    }

    /// The smaller of `png` and its recompression.
    public static func optimize(_ png: Data) throws -> Data {
        let file = try PNGFile(png)
        guard file.interlace == 0 else { return png }
        let filtered = try inflate(file.imageData, expected: file.height * (1 + file.rowBytes))
        let rows = try unfilter(filtered, file: file)
        // Level 12 takes over a second on a figure, so the filtering is chosen with a quick level 6
        // and only the better one is compressed at level 12.
        let refiltered = refilter(rows, file: file)
        let candidate = try deflate(filtered, level: 6).count <= deflate(refiltered, level: 6).count ? filtered : refiltered
        let written = file.rewritten(imageData: try deflate(candidate, level: 12))
        return written.count < png.count ? written : png
    }

    // MARK: zlib through libdeflate

    private static func inflate(_ data: [UInt8], expected: Int) throws -> [UInt8] {
        guard let decompressor = libdeflate_alloc_decompressor() else {
            throw OptimizeError(description: "libdeflate could not allocate a decompressor")
        }
        defer { libdeflate_free_decompressor(decompressor) }
        var out = [UInt8](repeating: 0, count: expected)
        var actual = 0
        let result = data.withUnsafeBytes { input in
            out.withUnsafeMutableBytes { output in
                libdeflate_zlib_decompress(decompressor, input.baseAddress, input.count,
                                           output.baseAddress, output.count, &actual)
            }
        }
        guard result == LIBDEFLATE_SUCCESS, actual == expected else {
            throw OptimizeError(description: "the image data does not inflate to \(expected) bytes")
        }
        return out
    }

    /// The filtered rows of a zlib stream, for tests that look at the filter bytes.
    static func inflateForTests(_ data: [UInt8], expected: Int) throws -> [UInt8] {
        try inflate(data, expected: expected)
    }

    /// `data` as one zlib stream, by libdeflate at `level` (1…12).
    static func deflate(_ data: [UInt8], level: Int32) throws -> [UInt8] {
        guard let compressor = libdeflate_alloc_compressor(level) else {
            throw OptimizeError(description: "libdeflate could not allocate a compressor")
        }
        defer { libdeflate_free_compressor(compressor) }
        var out = [UInt8](repeating: 0, count: libdeflate_zlib_compress_bound(compressor, data.count))
        let size = data.withUnsafeBytes { input in
            out.withUnsafeMutableBytes { output in
                libdeflate_zlib_compress(compressor, input.baseAddress, input.count, output.baseAddress, output.count)
            }
        }
        guard size > 0 else { throw OptimizeError(description: "libdeflate could not compress the image data") }
        return Array(out.prefix(size))
    }

    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        bytes.withUnsafeBytes { UInt32(libdeflate_crc32(0, $0.baseAddress, $0.count)) }
    }

    // MARK: Filters (PNG specification, section 9)

    /// The rows without their filter bytes, each `rowBytes` long.
    static func unfilter(_ filtered: [UInt8], file: PNGFile) throws -> [UInt8] {
        let rowBytes = file.rowBytes, bpp = file.filterBytes
        var rows = [UInt8](repeating: 0, count: file.height * rowBytes)
        for y in 0..<file.height {
            let filter = filtered[y * (rowBytes + 1)]
            let source = y * (rowBytes + 1) + 1, target = y * rowBytes
            for x in 0..<rowBytes {
                let a = x >= bpp ? Int(rows[target + x - bpp]) : 0
                let b = y > 0 ? Int(rows[target - rowBytes + x]) : 0
                let c = x >= bpp && y > 0 ? Int(rows[target - rowBytes + x - bpp]) : 0
                let predictor: Int
                switch filter {
                case 0: predictor = 0
                case 1: predictor = a
                case 2: predictor = b
                case 3: predictor = (a + b) / 2
                case 4: predictor = paeth(a, b, c)
                default: throw OptimizeError(description: "unknown filter type \(filter) in row \(y)")
                }
                rows[target + x] = UInt8(truncatingIfNeeded: Int(filtered[source + x]) + predictor)
            }
        }
        return rows
    }

    /// Each row with the filter whose bytes, read as signed, have the smallest sum of magnitudes.
    static func refilter(_ rows: [UInt8], file: PNGFile) -> [UInt8] {
        let rowBytes = file.rowBytes, bpp = file.filterBytes
        var out = [UInt8]()
        out.reserveCapacity(file.height * (rowBytes + 1))
        var candidate = [UInt8](repeating: 0, count: rowBytes)
        var best = [UInt8](repeating: 0, count: rowBytes)
        for y in 0..<file.height {
            let row = y * rowBytes
            var bestFilter: UInt8 = 0, bestCost = Int.max
            for filter in UInt8(0)...4 {
                var cost = 0
                for x in 0..<rowBytes {
                    let a = x >= bpp ? Int(rows[row + x - bpp]) : 0
                    let b = y > 0 ? Int(rows[row - rowBytes + x]) : 0
                    let c = x >= bpp && y > 0 ? Int(rows[row - rowBytes + x - bpp]) : 0
                    let predictor: Int
                    switch filter {
                    case 1: predictor = a
                    case 2: predictor = b
                    case 3: predictor = (a + b) / 2
                    case 4: predictor = paeth(a, b, c)
                    default: predictor = 0
                    }
                    let value = UInt8(truncatingIfNeeded: Int(rows[row + x]) - predictor)
                    candidate[x] = value
                    cost += value < 128 ? Int(value) : 256 - Int(value)
                }
                if cost < bestCost { bestCost = cost; bestFilter = filter; swap(&best, &candidate) }
            }
            out.append(bestFilter)
            out += best
        }
        return out
    }

    private static func paeth(_ a: Int, _ b: Int, _ c: Int) -> Int {
        let p = a + b - c
        let pa = abs(p - a), pb = abs(p - b), pc = abs(p - c)
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c
    }
}

/// A PNG file's chunks, read far enough to recompress its image data.
struct PNGFile {
    var width: Int
    var height: Int
    var bitDepth: Int
    var colorType: Int
    var interlace: Int
    /// Chunks before the first IDAT (IHDR first) and after the last, as (type, data).
    var before: [(String, [UInt8])] = []
    var after: [(String, [UInt8])] = []
    /// The IDAT chunks' data, concatenated: one zlib stream.
    var imageData: [UInt8] = []

    init(_ data: Data) throws {
        let bytes = [UInt8](data)
        guard bytes.count > 8, bytes.prefix(8).elementsEqual([137, 80, 78, 71, 13, 10, 26, 10]) else {
            throw PNGOptimizer.OptimizeError(description: "not a PNG file")
        }
        var offset = 8
        var seenImageData = false
        while offset + 12 <= bytes.count {
            let length = Int(UInt32(bytes[offset]) << 24 | UInt32(bytes[offset + 1]) << 16
                             | UInt32(bytes[offset + 2]) << 8 | UInt32(bytes[offset + 3]))
            let type = String(decoding: bytes[offset + 4..<offset + 8], as: UTF8.self)
            guard offset + 12 + length <= bytes.count else {
                throw PNGOptimizer.OptimizeError(description: "chunk \(type) runs past the end of the file")
            }
            let body = Array(bytes[offset + 8..<offset + 8 + length])
            offset += 12 + length
            switch type {
            case "IDAT": imageData += body; seenImageData = true
            case "IEND": offset = bytes.count
            default: if seenImageData { after.append((type, body)) } else { before.append((type, body)) }
            }
        }
        guard let header = before.first, header.0 == "IHDR", header.1.count == 13, !imageData.isEmpty else {
            throw PNGOptimizer.OptimizeError(description: "no IHDR or no image data")
        }
        let h = header.1
        width = Int(UInt32(h[0]) << 24 | UInt32(h[1]) << 16 | UInt32(h[2]) << 8 | UInt32(h[3]))
        height = Int(UInt32(h[4]) << 24 | UInt32(h[5]) << 16 | UInt32(h[6]) << 8 | UInt32(h[7]))
        bitDepth = Int(h[8])
        colorType = Int(h[9])
        interlace = Int(h[12])
        guard width > 0, height > 0, width <= 1 << 20, height <= 1 << 20, [1, 2, 4, 8, 16].contains(bitDepth),
              [0, 2, 3, 4, 6].contains(colorType) else {
            throw PNGOptimizer.OptimizeError(description: "unsupported PNG header")
        }
    }

    var channels: Int { [0: 1, 2: 3, 3: 1, 4: 2, 6: 4][colorType] ?? 1 }
    var rowBytes: Int { (width * channels * bitDepth + 7) / 8 }
    /// The byte distance the Sub, Average and Paeth filters look back (at least one).
    var filterBytes: Int { max(1, channels * bitDepth / 8) }

    /// The file with `imageData` (a zlib stream) as its one IDAT chunk.
    func rewritten(imageData: [UInt8]) -> Data {
        var out: [UInt8] = [137, 80, 78, 71, 13, 10, 26, 10]
        func chunk(_ type: String, _ body: [UInt8]) {
            let length = UInt32(body.count)
            out += [UInt8(length >> 24), UInt8(length >> 16 & 0xFF), UInt8(length >> 8 & 0xFF), UInt8(length & 0xFF)]
            let typed = Array(type.utf8) + body
            out += typed
            let crc = PNGOptimizer.crc32(typed)
            out += [UInt8(crc >> 24), UInt8(crc >> 16 & 0xFF), UInt8(crc >> 8 & 0xFF), UInt8(crc & 0xFF)]
        }
        for (type, body) in before { chunk(type, body) }
        chunk("IDAT", imageData)
        for (type, body) in after { chunk(type, body) }
        chunk("IEND", [])
        return Data(out)
    }
}
