import XCTest
import DocgenTestSupport
@testable import DocgenPlotting

/// docgen's own PNG writer, checked against independent truths: published checksum values, the definitions of
/// Adler-32 and of an optimal prefix code, and libpng + zlib decoding (which verify both checksums) of images
/// built to exercise every path of the compressor.
final class PNGWriterTests: XCTestCase {

    // MARK: Checksums

    func testAdler32AndCRC32MatchPublishedValues() {
        var adler = Adler32()
        let text = Array("Wikipedia".utf8)
        text.withUnsafeBufferPointer { adler.append($0.baseAddress!, count: $0.count) }
        XCTAssertEqual(adler.value, 0x11E6_0398)
        XCTAssertEqual(CRC32.checksum(Array("123456789".utf8)), 0xCBF4_3926)
        XCTAssertEqual(CRC32.checksum([]), 0)
    }

    /// Adler-32 straight from its definition: a = 1 + Σ bytes, b = Σ of the running a, modulo 65521.
    private func definitionAdler(_ bytes: [UInt8]) -> UInt32 {
        var a: UInt32 = 1, b: UInt32 = 0
        for x in bytes { a = (a + UInt32(x)) % 65521; b = (b + a) % 65521 }
        return b << 16 | a
    }

    /// CRC-32 bit by bit from the polynomial.
    private func definitionCRC(_ bytes: [UInt8]) -> UInt32 {
        var c: UInt32 = 0xFFFF_FFFF
        for x in bytes {
            c ^= UInt32(x)
            for _ in 0..<8 { c = c & 1 != 0 ? (c >> 1) ^ 0xEDB8_8320 : c >> 1 }
        }
        return ~c
    }

    func testChecksumsOfLongRandomStreamsInUnevenBlocksMatchTheirDefinitions() {
        var generator = SeededGenerator(state: 7)
        for length in [1, 7, 8, 9, 5552, 100_003] {
            let bytes = (0..<length).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
            var adler = Adler32()
            var start = 0
            while start < length {
                let end = min(length, start + 1 + Int(generator.next() % 9000))
                bytes.withUnsafeBufferPointer { adler.append($0.baseAddress! + start, count: end - start) }
                start = end
            }
            XCTAssertEqual(adler.value, definitionAdler(bytes), "length \(length)")
            XCTAssertEqual(CRC32.checksum(bytes), definitionCRC(bytes), "length \(length)")
        }
        let white = [UInt8](repeating: 255, count: 3_000_000)  // sums large enough to need the periodic reduction
        var adler = Adler32()
        white.withUnsafeBufferPointer { adler.append($0.baseAddress!, count: $0.count) }
        XCTAssertEqual(adler.value, definitionAdler(white))
    }

    func testSumsOfAChangedBlockEqualTheSumsOfTheNewBlock() {
        var generator = SeededGenerator(state: 11)
        let old = (0..<4801).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
        var new = old
        var change = Adler32.SumChange()
        for j in stride(from: 5, to: 4801, by: 37) {
            new[j] = UInt8(truncatingIfNeeded: generator.next())
            change.add(new[j], replacing: old[j], weight: 4801 - j)
        }
        let before = old.withUnsafeBufferPointer { Adler32.sums($0.baseAddress!, count: $0.count) }
        let after = new.withUnsafeBufferPointer { Adler32.sums($0.baseAddress!, count: $0.count) }
        XCTAssertEqual(before.changed(by: change), after)
    }

    // MARK: Huffman codes

    func testHuffmanLengthsAreOptimalForASmallExample() {
        let code = HuffmanCode(frequencies: [1, 1, 2, 4, 0], limit: 15)
        XCTAssertEqual(code.lengths, [3, 3, 2, 1, 0])
        // Canonical codes (RFC 1951 3.2.2), stored bit-reversed: 110, 111, 10, 0.
        XCTAssertEqual(code.codes[0..<4].map { HuffmanCode.reversed(Int($0), bits: Int(code.lengths[code.codes.firstIndex(of: $0)!])) },
                       [0b110, 0b111, 0b10, 0b0])
    }

    func testLengthLimitHoldsAndCodesStayCompleteForFibonacciFrequencies() {
        var fibonacci: [UInt32] = [1, 1]
        while fibonacci.count < 30 { fibonacci.append(fibonacci[fibonacci.count - 1] + fibonacci[fibonacci.count - 2]) }
        for limit in [7, 15] {
            let code = HuffmanCode(frequencies: fibonacci, limit: limit)
            XCTAssertLessThanOrEqual(Int(code.lengths.max()!), limit)
            XCTAssertTrue(code.lengths.allSatisfy { $0 > 0 })
            let kraft = code.lengths.reduce(0.0) { $0 + pow(2, -Double($1)) }
            XCTAssertEqual(kraft, 1, accuracy: 1e-12, "a complete code (limit \(limit))")
        }
        let unconstrained = HuffmanCode.treeDepths(fibonacci, used: Array(fibonacci.indices))
        XCTAssertEqual(Int(unconstrained.max()!), 29, "the skewed frequencies really needed limiting")
    }

    func testOneOrNoUsedSymbolsStillGiveACompleteTwoSymbolCode() {
        XCTAssertEqual(HuffmanCode(frequencies: [0, 0, 5, 0], limit: 15).lengths, [1, 0, 1, 0])
        XCTAssertEqual(HuffmanCode(frequencies: [9, 0, 0], limit: 15).lengths, [1, 1, 0])
        XCTAssertEqual(HuffmanCode(frequencies: [0, 0, 0], limit: 15).lengths, [1, 1, 0])
    }

    // MARK: Whole images through libpng

    /// A surface whose pixel (x, y) is `pixel(x, y)` (premultiplied ARGB32).
    private func surface(width: Int, height: Int, _ pixel: (Int, Int) -> UInt32) throws -> CairoImageSurface {
        let surface = try CairoImageSurface(width: width, height: height)
        try surface.withPixelBytes { bytes, stride in
            let base = UnsafeMutableRawPointer(mutating: bytes.baseAddress!)
            for y in 0..<height {
                let row = (base + y * stride).assumingMemoryBound(to: UInt32.self)
                for x in 0..<width { row[x] = pixel(x, y) }
            }
        }
        return surface
    }

    private func assertRoundTrip(_ surface: CairoImageSurface, opaque: Bool = true, _ name: String,
                                 file: StaticString = #filePath, line: UInt = #line) throws {
        let png = try PNGWriter.encode(surface, opaque: opaque)
        let decoded = try PNGDecoder.decode(png)
        let reference = try PNGDecoder.decode(PNGEncoder.encode(surface, opaque: opaque, settings: .zlibFastest))
        XCTAssertEqual(decoded.width, surface.width, name, file: file, line: line)
        XCTAssertEqual(decoded.height, surface.height, name, file: file, line: line)
        XCTAssertTrue(decoded == reference, "\(name): pixels differ from libpng's encoding", file: file, line: line)
        let libdeflate = try PNGDecoder.decode(PNGEncoder.encode(surface, opaque: opaque, settings: .libdeflate(level: 2)))
        XCTAssertTrue(libdeflate == reference, "\(name): libdeflate's encoding differs from libpng's", file: file, line: line)
    }

    private func opaque(_ r: Int, _ g: Int, _ b: Int) -> UInt32 {
        0xFF00_0000 | UInt32(r & 0xFF) << 16 | UInt32(g & 0xFF) << 8 | UInt32(b & 0xFF)
    }

    func testImagesExercisingEveryCompressorPathDecodeToTheirPixels() throws {
        var generator = SeededGenerator(state: 3)
        let noise = (0..<(300 * 200)).map { _ in Int(truncatingIfNeeded: generator.next() & 0xFF_FFFF) }
        // Random pixels: almost all literals, several blocks.
        try assertRoundTrip(surface(width: 300, height: 200) { x, y in self.opaque(noise[y * 300 + x], noise[y * 300 + x] >> 8, noise[y * 300 + x] >> 16) }, "noise")
        // One colour: row-long matches and repeated rows.
        try assertRoundTrip(surface(width: 1600, height: 50) { _, _ in self.opaque(255, 255, 255) }, "flat")
        // Vertical stripes: rows repeat, within a row only short runs.
        try assertRoundTrip(surface(width: 257, height: 40) { x, _ in self.opaque(x * 7, x * 13, x) }, "vertical stripes")
        // Horizontal bands: runs to the left, rows changing every few lines.
        try assertRoundTrip(surface(width: 517, height: 90) { _, y in self.opaque(y / 3 * 40, 200, y) }, "bands")
        // Thin diagonal lines on white, like a plot.
        try assertRoundTrip(surface(width: 640, height: 480) { x, y in
            (x + 2 * y) % 97 < 2 ? self.opaque(0, 114, 178) : ((3 * x - y) % 211 == 0 ? self.opaque(213, 94, 0) : self.opaque(255, 255, 255))
        }, "diagonals")
        // Degenerate sizes.
        try assertRoundTrip(surface(width: 1, height: 1) { _, _ in self.opaque(1, 2, 3) }, "1×1")
        try assertRoundTrip(surface(width: 1, height: 300) { _, y in self.opaque(y, y, y) }, "1×300")
        try assertRoundTrip(surface(width: 900, height: 1) { x, _ in self.opaque(x / 100, 0, 0) }, "900×1")
        // Rows longer than DEFLATE's 32 KiB window: no matches one row up are possible.
        try assertRoundTrip(surface(width: 11_000, height: 6) { x, y in self.opaque(x / 500, y, x % 3) }, "wide")
        // Translucent pixels (RGBA with premultiplication undone), including fully transparent ones.
        try assertRoundTrip(surface(width: 120, height: 60, { x, y in
            let a = UInt32((x * 2 + y) % 256)
            return a << 24 | (a * 3 / 4) << 16 | (a / 2) << 8 | (a / 5)
        }), opaque: false, "translucent")
    }

    // MARK: Matches at earlier places of the same colour

    /// The writer's zlib stream of `pixels` (opaque, rows `stride` pixels apart), wrapped as a PNG and decoded by
    /// libpng, which rejects any match reaching outside DEFLATE's 32 KiB window or before the stream's start.
    private func decodedFromWriter(_ pixels: [UInt32], width: Int, height: Int, stride: Int) throws -> (DecodedImage, streamBytes: Int) {
        let stream = pixels.withUnsafeBufferPointer {
            PNGWriter.deflate(pixels: $0.baseAddress!, width: width, height: height, stride: stride, opaque: true)
        }
        return (try PNGDecoder.decode(PNGWriter.assemble(stream: stream, width: width, height: height, opaque: true)), stream.count)
    }

    /// The image the first `width` pixels of each row of `pixels` show.
    private func expectedImage(_ pixels: [UInt32], width: Int, height: Int, stride: Int) -> DecodedImage {
        var rgba: [UInt8] = []
        for y in 0..<height {
            for x in 0..<width {
                let p = pixels[y * stride + x]
                rgba += [UInt8(p >> 16 & 0xFF), UInt8(p >> 8 & 0xFF), UInt8(p & 0xFF), 255]
            }
        }
        return DecodedImage(width: width, height: height, rgba: rgba)
    }

    /// A few small "glyphs" (random 6×9 blocks of four shades) stamped at random places on white, `copies` times.
    private func glyphPage(width: Int, height: Int, stride: Int, copies: Int, seed: UInt64) -> [UInt32] {
        var generator = SeededGenerator(state: seed)
        let shades: [UInt32] = [0xFF20_2020, 0xFF80_8080, 0xFFC8_C8C8, 0xFF00_72B2]
        let glyphs = (0..<5).map { _ in (0..<54).map { _ in shades[Int(generator.next() % 4)] } }
        var pixels = [UInt32](repeating: 0xFFFF_FFFF, count: height * stride)
        for _ in 0..<copies {
            let glyph = glyphs[Int(generator.next() % 5)]
            let x0 = Int(generator.next() % UInt64(width - 6)), y0 = Int(generator.next() % UInt64(height - 9))
            for dy in 0..<9 { for dx in 0..<6 { pixels[(y0 + dy) * stride + x0 + dx] = glyph[dy * 6 + dx] } }
        }
        return pixels
    }

    func testRowsAreReadOnlyWithinTheirWidthWhenTheStrideIsLonger() throws {
        var generator = SeededGenerator(state: 17)
        let width = 300, height = 120, stride = 307
        var pixels = glyphPage(width: width, height: height, stride: stride, copies: 150, seed: 5)
        // The padding holds the glyphs' own shades and random pixels: a match that read it would decode wrong.
        for y in 0..<height {
            for x in width..<stride {
                pixels[y * stride + x] = generator.next() % 2 == 0 ? 0xFF80_8080 : 0xFF00_0000 | UInt32(truncatingIfNeeded: generator.next() & 0xFF_FFFF)
            }
        }
        let (decoded, _) = try decodedFromWriter(pixels, width: width, height: height, stride: stride)
        XCTAssertTrue(decoded == expectedImage(pixels, width: width, height: height, stride: stride))
    }

    func testMatchesReachExactlyTheWindowAndNoFurther() throws {
        // Rows of 1000 pixels are 3001 stream bytes: a pixel 11 rows up and 81 to the right lies 11 · 3001 − 3 · 81
        // = 32 768 bytes back, the farthest DEFLATE allows; 80 to the right, 32 771 bytes, just beyond.
        let width = 1000, height = 40
        func image(repeatAt shift: Int?) -> [UInt32] {
            var generator = SeededGenerator(state: 23)
            var pixels = (0..<(width * height)).map { _ in 0xFF00_0000 | UInt32(truncatingIfNeeded: generator.next() & 0xFF_FFFF) }
            if let shift {  // 40 pixels of row 30 repeat those 11 rows up, `shift` pixels to the right
                for x in 100..<140 { pixels[30 * width + x] = pixels[19 * width + x + shift] }
            }
            return pixels
        }
        let (control, controlBytes) = try decodedFromWriter(image(repeatAt: nil), width: width, height: height, stride: width)
        XCTAssertTrue(control == expectedImage(image(repeatAt: nil), width: width, height: height, stride: width))
        let (atWindow, atWindowBytes) = try decodedFromWriter(image(repeatAt: 81), width: width, height: height, stride: width)
        XCTAssertTrue(atWindow == expectedImage(image(repeatAt: 81), width: width, height: height, stride: width))
        let (beyond, beyondBytes) = try decodedFromWriter(image(repeatAt: 80), width: width, height: height, stride: width)
        XCTAssertTrue(beyond == expectedImage(image(repeatAt: 80), width: width, height: height, stride: width))
        // 40 random pixels are 120 literal bytes, about 120 stream bytes; as a match at the window's edge, a few.
        XCTAssertLessThan(atWindowBytes, controlBytes - 90, "the repeat 32 768 bytes back is found")
        XCTAssertGreaterThan(beyondBytes, controlBytes - 20, "the repeat 32 771 bytes back is out of reach")
    }

    func testRepeatedGlyphsHatchingAndNarrowImagesDecodeToTheirPixels() throws {
        // Glyphs repeated across a page: matches at many distances and within the same row.
        let page = glyphPage(width: 800, height: 300, stride: 800, copies: 900, seed: 9)
        try assertRoundTrip(surface(width: 800, height: 300) { x, y in page[y * 800 + x] }, "glyphs")
        // Diagonal hatching: each row is the row above shifted by one pixel.
        try assertRoundTrip(surface(width: 700, height: 200) { x, y in
            (x + y) % 9 < 2 ? self.opaque(90, 90, 90) : ((x + y) % 9 == 2 ? self.opaque(200, 200, 200) : self.opaque(255, 255, 255))
        }, "hatching")
        // Narrow images keep hundreds of rows in the window, so the chains' ring of places wraps many times.
        for width in [2, 3, 5, 8, 13] {
            try assertRoundTrip(surface(width: width, height: 3000) { x, y in
                let k = (y * 7 + x * 3) % 29
                return k < 4 ? self.opaque(k * 60, 10, 200) : self.opaque((y / 13) % 3 * 100, 255 - k, 40)
            }, "\(width)×3000")
        }
        // 10 922 pixels make rows of 32 767 bytes, so the window holds one row; 10 923 make rows too long to match.
        for width in [10_922, 10_923] {
            try assertRoundTrip(surface(width: width, height: 5) { x, y in
                (x / 7 + y) % 5 == 0 ? self.opaque(x % 3 * 80, 0, 0) : self.opaque(255, 255, 255)
            }, "\(width)×5")
        }
    }

    // MARK: Runs of one colour copied one pixel back

    /// The writer's tokens from index `first` on, before any block is written: (length, distance) for a match and
    /// (1, 0) for a literal.
    private func tokens(of deflater: RowDeflater, from first: Int) -> [Pair] {
        (first..<deflater.tokenCount).map { k in
            let token = deflater.tokens[k]
            guard token & 0x8000_0000 != 0 else { return Pair(length: 1, distance: 0) }
            return Pair(length: Int(token & 0xFF) + 3, distance: Int(token >> 8 & 0x7FFF) + 1)
        }
    }

    private struct Pair: Equatable {
        let length: Int, distance: Int
    }

    /// A deflater for opaque rows of `width` pixels that has taken `first` (Cairo pixels) as its first row.
    private func deflater(width: Int, first: [UInt32]) -> RowDeflater {
        let deflater = RowDeflater(rowBytes: 1 + 3 * width, pixelBytes: 3)
        var bytes = [UInt8](repeating: 0, count: 1 + 3 * width)
        bytes.withUnsafeMutableBufferPointer { out in
            first.withUnsafeBufferPointer { PNGWriter.convertOpaque($0.baseAddress!, count: width, into: out.baseAddress! + 1) }
        }
        deflater.append(row: bytes, previous: nil)
        return deflater
    }

    func testARowOfOneColourEqualToTheRowAboveIsCopiedOnePixelBackAndItsCopiesReuseItsMatches() {
        let width = 1600  // rows of 4,801 bytes: a match one row back pays 11 extra distance bits
        let white = [UInt32](repeating: 0xFFFF_FFFF, count: width)
        let deflater = deflater(width: width, first: white)
        let second = deflater.tokenCount
        white.withUnsafeBufferPointer { deflater.appendRepeatOfPreviousRow(pixels: $0.baseAddress!, width: width) }
        let row = tokens(of: deflater, from: second)
        // The filter byte and pixel 0 from the row above; pixels 1…1599 (4,797 bytes) one pixel back.
        XCTAssertEqual(row.first, Pair(length: 4, distance: 4801))
        XCTAssertEqual(row.dropFirst().map(\.distance), Array(repeating: 3, count: row.count - 1))
        XCTAssertEqual(row.dropFirst().map(\.length).reduce(0, +), 4797)
        XCTAssertEqual(row.count, 1 + 19, "4,797 bytes need 19 matches of at most 258")
        // A third equal row repeats the second's matches.
        let third = deflater.tokenCount
        white.withUnsafeBufferPointer { deflater.appendRepeatOfPreviousRow(pixels: $0.baseAddress!, width: width) }
        XCTAssertEqual(tokens(of: deflater, from: third), row)
    }

    func testAnEqualRowSplitsOffOnlyRunsLongEnoughToPayForTheExtraMatch() {
        // Gridlines at pixels 0, 200, 400 and 600 leave runs of 199 white pixels, the first of each copied from
        // the one before only from its second pixel on (198), too short to split off; after pixel 600, 999 white.
        let width = 1600
        let pixels = (0..<width).map { x -> UInt32 in x <= 600 && x % 200 == 0 ? 0xFF80_8080 : 0xFFFF_FFFF }
        XCTAssertLessThan(198, RowDeflater.leftRunWorthASplit)
        XCTAssertGreaterThanOrEqual(998, RowDeflater.leftRunWorthASplit)
        let deflater = deflater(width: width, first: pixels)
        let second = deflater.tokenCount
        pixels.withUnsafeBufferPointer { deflater.appendRepeatOfPreviousRow(pixels: $0.baseAddress!, width: width) }
        let row = tokens(of: deflater, from: second)
        // The filter byte and pixels 0…601 from the row above; pixels 602…1599 one pixel back.
        let above = row.prefix { $0.distance == 4801 }, left = row.drop { $0.distance == 4801 }
        XCTAssertEqual(above.map(\.length).reduce(0, +), 1 + 3 * 602)
        XCTAssertEqual(left.map(\.length).reduce(0, +), 3 * 998)
        XCTAssertTrue(left.allSatisfy { $0.distance == 3 })
        // The encoded rows decode to the pixels (libpng checks the stream and its Adler-32).
        let image = pixels + pixels + pixels
        XCTAssertTrue(try decodedFromWriter(image, width: width, height: 3, stride: width).0
                      == expectedImage(image, width: width, height: 3, stride: width))
    }

    func testAChangedRowCopiesALongRunOfOneColourOnePixelBackEvenWhereTheRowAboveHasItToo() {
        // Row 1 differs from row 0 only at pixel 1300; its white pixels 0…1299 equal those above, but pixels
        // 1…1299 are better copied one pixel back.
        let width = 1600
        let row0 = [UInt32](repeating: 0xFFFF_FFFF, count: width)
        var row1 = row0
        row1[1300] = 0xFF12_3456
        let deflater = deflater(width: width, first: row0)
        let second = deflater.tokenCount
        let image = row0 + row1
        image.withUnsafeBufferPointer { buffer in
            let rows = OpaquePixelRows(base: buffer.baseAddress!, width: width, stride: width)
            deflater.append(opaqueRow: 1, of: rows, places: PixelPlaces(rowBytes: 1 + 3 * width, stride: width))
        }
        let row = tokens(of: deflater, from: second)
        XCTAssertEqual(row.first, Pair(length: 4, distance: 4801))
        let literal = row.firstIndex { $0.distance == 0 }!
        XCTAssertTrue(row[1..<literal].allSatisfy { $0.distance == 3 })
        XCTAssertEqual(row[1..<literal].map(\.length).reduce(0, +), 3 * 1299)
        XCTAssertEqual(Array(row[literal..<(literal + 3)]), Array(repeating: Pair(length: 1, distance: 0), count: 3))
        // After the new pixel, the rest (299 white pixels) comes from the row above: shorter than a split's worth.
        XCTAssertEqual(row[(literal + 3)...].map(\.distance), Array(repeating: 4801, count: row.count - literal - 3))
        XCTAssertEqual(row[(literal + 3)...].map(\.length).reduce(0, +), 3 * 299)
    }

    func testRandomRunsOfAFewColoursInRepeatedAndChangedRowsDecodeToTheirPixels() throws {
        // Runs of random lengths (1 to 700 pixels) of four colours; each row repeats the one above, changes a
        // stretch of it, or is new, so the choice between one pixel back and one row back is made everywhere,
        // and libpng's check of the Adler-32 catches any change of the sums counted wrong.
        var generator = SeededGenerator(state: 41)
        let colours: [UInt32] = [0xFFFF_FFFF, 0xFF00_72B2, 0xFFD5_5E00, 0xFF20_2020]
        for width in [1, 2, 3, 257, 700, 1601] {
            let height = 120
            var pixels: [UInt32] = []
            var row: [UInt32] = []
            func freshRun(into row: inout [UInt32], count: Int) {
                var x = 0
                while x < count {
                    let length = min(count - x, 1 + Int(generator.next() % (generator.next() % 2 == 0 ? 8 : 700)))
                    row += Array(repeating: colours[Int(generator.next() % 4)], count: length)
                    x += length
                }
            }
            for y in 0..<height {
                let kind = y == 0 ? 2 : Int(generator.next() % 3)
                if kind == 2 {
                    row = []
                    freshRun(into: &row, count: width)
                } else if kind == 1 {  // a stretch of the row above replaced by new runs
                    let start = Int(generator.next() % UInt64(width)), end = min(width, start + 1 + Int(generator.next() % 400))
                    var stretch: [UInt32] = []
                    freshRun(into: &stretch, count: end - start)
                    row.replaceSubrange(start..<end, with: stretch)
                }
                pixels += row
            }
            let (decoded, _) = try decodedFromWriter(pixels, width: width, height: height, stride: width)
            XCTAssertTrue(decoded == expectedImage(pixels, width: width, height: height, stride: width), "width \(width)")
        }
    }

    func testHatchedBarsWithTextAreWithinAFifthOfZlibLevel6() throws {
        var bars: [PlotItem] = []
        for k in 0..<4 {
            let shift = 0.2 * Double(k)
            let x0: [Double] = (0..<6).map { Double($0) + 0.1 + shift }
            let x1: [Double] = x0.map { $0 + 0.2 }
            let top: [Double] = (0..<6).map { i -> Double in Double(1 + (i * 7 + k * 3) % 5) }
            bars.append(.bars(BarSeries(x0: x0, x1: x1, base: Array(repeating: 0, count: 6), top: top,
                                        ink: .palette(k), hatch: Hatch.cycle(k), label: "model \(k)")))
        }
        let notes = (0..<6).map { PlotItem.text(TextAnnotation(x: Double($0) + 0.5, y: 5.6, text: "fold \($0 + 1): 0.\(40 + $0)")) }
        let figure = Figure(panels: [Panel(x: Axis(label: "fold", range: 0...6), y: Axis(label: "error", range: 0...6.5),
                                           items: bars + notes)])
        let rendered = try FigureRenderer.render(figure, theme: .light)
        let ours = try rendered.png()
        let zlib6 = try rendered.png(settings: PNGSettings(level: 6))
        XCTAssertEqual(try PNGDecoder.decode(ours), try PNGDecoder.decode(zlib6))
        // Matching only one pixel left and one row up, the writer's files were 2–3× zlib level 6's on hatched bars.
        XCTAssertLessThan(Double(ours.count), 1.2 * Double(zlib6.count), "ours \(ours.count) B, zlib level 6 \(zlib6.count) B")
    }

    func testWriterOutputIsWithinAQuarterOfZlibsFastestLevelAndATenthOfLevel6OnARealFigure() throws {
        let xs = Array(stride(from: 0.0, through: 10, by: 0.02))
        let lines = (1...4).map { k in
            PlotItem.line(LineSeries(xs: xs, ys: xs.map { sin(Double(k) * $0) }, ink: .palette(k - 1), label: "k = \(k)"))
        }
        let figure = Figure(panels: [Panel(x: Axis(label: "x", range: 0...10), y: Axis(label: "y", range: -1.2...1.2),
                                           items: lines)])
        let rendered = try FigureRenderer.render(figure, theme: .light)
        let ours = try rendered.png()
        let zlib = try rendered.png(settings: .zlibFastest)
        XCTAssertEqual(try PNGDecoder.decode(ours), try PNGDecoder.decode(zlib))
        XCTAssertLessThan(Double(ours.count), 1.25 * Double(zlib.count), "ours \(ours.count) B, zlib level 1 \(zlib.count) B")
        let zlib6 = try rendered.png(settings: PNGSettings(level: 6))
        XCTAssertLessThan(Double(ours.count), 1.10 * Double(zlib6.count), "ours \(ours.count) B, zlib level 6 \(zlib6.count) B")
    }

    func testADecodedFigureEncodesAgainToTheSamePixelsWithEveryEngine() throws {
        let xs = Array(stride(from: 0.0, through: 6, by: 0.05))
        let figure = Figure(panels: [Panel(x: Axis(label: "x", range: 0...6), y: Axis(label: "y", range: -1...1),
                                           items: [.line(LineSeries(xs: xs, ys: xs.map { sin($0) }, ink: .palette(0), label: "sin"))])])
        let original = try PNGDecoder.decode(FigureRenderer.render(figure, theme: .dark).png())
        XCTAssertTrue(original.isOpaque)
        let surface = try original.surfaceForEncoding()
        for settings in [PNGSettings.standard, .zlibFastest, PNGSettings(level: 6, filter: .adaptive), .libdeflate(level: 1),
                         .libdeflate(level: 12)] {
            XCTAssertEqual(try PNGDecoder.decode(surface.png(settings: settings)), original, "\(settings)")
        }
        XCTAssertThrowsError(try surface.png(settings: .libdeflate(level: 13)))
        var translucent = original
        translucent.rgba[3] = 0
        XCTAssertFalse(translucent.isOpaque)
        XCTAssertEqual(try PNGDecoder.decode(translucent.encodedPNG(settings: .standard)).pixel(0, 0).a, 0)
    }

    func testACorruptedAdler32IsRejectedByTheDecoderSoTheChecksumIsVerified() throws {
        let s = try surface(width: 64, height: 64) { x, y in self.opaque(x * 4, y * 4, 128) }
        var png = try PNGWriter.encode(s, opaque: true)
        XCTAssertNoThrow(try PNGDecoder.decode(png))
        // The last IDAT ends with the zlib Adler-32; flip a bit of it and repair that chunk's CRC so only the
        // Adler-32 is wrong.
        let iendStart = png.count - 12
        let idatCRCStart = iendStart - 4
        png[idatCRCStart - 1] ^= 0x01
        var chunkStart = 8
        var lastIDAT = -1
        while chunkStart < iendStart {
            let length = Int(png[chunkStart]) << 24 | Int(png[chunkStart + 1]) << 16 | Int(png[chunkStart + 2]) << 8 | Int(png[chunkStart + 3])
            if String(decoding: png[(chunkStart + 4)..<(chunkStart + 8)], as: UTF8.self) == "IDAT" { lastIDAT = chunkStart }
            chunkStart += 12 + length
        }
        XCTAssertEqual(chunkStart, iendStart)
        let length = idatCRCStart - (lastIDAT + 8)
        let crc = CRC32.checksum(Array(png[(lastIDAT + 4)..<(lastIDAT + 8 + length)]))
        png[idatCRCStart] = UInt8(crc >> 24); png[idatCRCStart + 1] = UInt8(crc >> 16 & 0xFF)
        png[idatCRCStart + 2] = UInt8(crc >> 8 & 0xFF); png[idatCRCStart + 3] = UInt8(crc & 0xFF)
        XCTAssertThrowsError(try PNGDecoder.decode(png))
    }
}

final class HatchTests: XCTestCase {
    func testHatchRepeatsWithItsPeriodAndDrawsLinesAlongTheDiagonals() throws {
        let surface = try CairoImageSurface(width: 200, height: 200)
        let context = try CairoContext(surface: surface)
        context.scale(2, 2)  // 2 device px per CSS px, as figures are drawn
        let canvas = Canvas(context: context, theme: .light)
        canvas.fillRect(Rect(x: 0, y: 0, width: 100, height: 100), color: Color(hex: 0xFFFFFF))
        canvas.hatch(Rect(x: 10, y: 10, width: 80, height: 80), .forward, color: Color(hex: 0x000000),
                     spacing: 5, width: 1, opacity: 1)
        let pixels = try surface.argbPixels()
        func gray(_ x: Int, _ y: Int) -> Int { Int(pixels[y * 200 + x] & 0xFF) }
        let period = 10  // 5 CSS px × 2
        for y in 30..<160 {
            for x in 30..<160 {
                XCTAssertEqual(gray(x, y), gray(x + period, y), "x-period at (\(x), \(y))")
                XCTAssertEqual(gray(x, y), gray(x, y + period), "y-period at (\(x), \(y))")
            }
        }
        // Forward lines run along x + y = k · period: dark on them, white halfway between.
        XCTAssertLessThan(gray(45, 55), 128)
        XCTAssertEqual(gray(50, 55), 255)
        // Outside the rectangle nothing is drawn.
        XCTAssertEqual(gray(10, 10), 255)
        XCTAssertEqual(gray(185, 185), 255)
    }
}
