// A DEFLATE compressor (RFC 1951) inside a zlib stream (RFC 1950) for the raw rows of a PNG image,
// specialised for rendered plots.
//
// Plots are mostly flat background crossed by thin lines and text, so nearly every byte repeats either the pixel
// to its left or the byte straight above it. Each position first tries exactly those two distances, one pixel and
// one row back, comparing eight bytes at a time. Where both apply, a long run of one colour is copied from one
// pixel back, whose distance needs no extra bits, and the rest from the row above; a row equal to the previous one
// is split that way once, and the rows equal to it that follow reuse its matches without being looked at. For
// opaque images, a pixel that repeats neither is looked up by colour among earlier pixels within the window
// (`PixelPlaces`, in RowDeflater+Pixels.swift), which finds repeated glyphs, hatching and antialiased edges. Matches
// never cross a row end. Blocks use dynamic Huffman codes built from their own symbols.

/// Streams PNG rows (filter byte first) into a zlib-wrapped DEFLATE stream.
///
/// A class over manually managed buffers: the per-byte work (match tests, token and frequency updates) then runs
/// without Swift's array uniqueness and capacity checks.
final class RowDeflater {
    /// Bytes per row including the leading filter byte.
    let rowBytes: Int
    /// Distance of the "pixel to the left" match: bytes per pixel.
    let pixelBytes: Int
    /// Whether "row above" matches are possible (DEFLATE distances reach at most 32 768 bytes back).
    let canMatchAbove: Bool

    private var output = DeflateBitWriter()
    let tokens: UnsafeMutablePointer<UInt32>
    var tokenCount = 0
    /// Literal/length symbol counts (286) followed by distance symbol counts (30) of the current block.
    let frequencies: UnsafeMutablePointer<UInt32>
    let distanceFrequencies: UnsafeMutablePointer<UInt32>
    var adler = Adler32()
    var previousRowSums: Adler32.BlockSums?

    /// The tokens of the last row appended by `appendRepeatOfPreviousRow`, while no other kind of row followed it
    /// (count −1 otherwise): they are valid for any further row equal to it.
    let repeatedRowTokens: UnsafeMutablePointer<UInt32>
    var repeatedRowTokenCount = -1

    /// A run of one colour at least this many pixels long is copied from one pixel back even where the row above
    /// holds the same pixels for longer. Each match one row back pays 9–13 extra distance bits (rows of 1,600
    /// pixels: 11) where one pixel back pays none, but ending the copy from above early costs a match more, so the
    /// split pays once the run fills about three of the longest matches (258 bytes, 86 pixels, each). On the
    /// course's 304 figures: 86 gave 32.64 MB, 172 gave 32.52, 256 gave 32.49, 400 gave 32.51; never splitting,
    /// 33.45 (`DocgenBenchmarks png --writer`).
    static let leftRunWorthASplit = 256

    /// Tokens per DEFLATE block: large enough that code tables cost little, small enough to adapt to the image.
    private static let tokensPerBlock = 1 << 15
    private let tokenCapacity: Int

    init(rowBytes: Int, pixelBytes: Int) {
        self.rowBytes = rowBytes
        self.pixelBytes = pixelBytes
        self.canMatchAbove = rowBytes <= 32768
        // A block is closed between rows or pixels, so it may overshoot by up to one row of tokens.
        tokenCapacity = RowDeflater.tokensPerBlock + rowBytes + 16
        tokens = .allocate(capacity: tokenCapacity)
        // Every token of a repeated row covers at least 3 bytes.
        repeatedRowTokens = .allocate(capacity: rowBytes / 3 + 1)
        frequencies = .allocate(capacity: 286 + 30)
        frequencies.initialize(repeating: 0, count: 286 + 30)
        distanceFrequencies = frequencies + 286
        // zlib header: deflate with a 32 KiB window (0x78), no preset dictionary, "fastest" level; the pair is
        // a multiple of 31 as RFC 1950 requires.
        output.writeBytes([0x78, 0x01])
    }

    deinit {
        tokens.deallocate()
        repeatedRowTokens.deallocate()
        frequencies.deallocate()
        output.release()
    }

    /// Appends the next row, `rowBytes` bytes starting with its filter byte. `previous` is the row before it
    /// (nil for the first row).
    ///
    /// The row's Adler-32 sums are the previous row's plus the differences at the bytes that did not match the row
    /// above, which the parse visits anyway; only a first row (or rows too long to match above) is summed in full.
    func append(row: UnsafePointer<UInt8>, previous: UnsafePointer<UInt8>?) {
        repeatedRowTokenCount = -1
        let sums: Adler32.BlockSums
        if canMatchAbove, let previous, let before = previousRowSums {
            let change = tokenize(row: row, above: previous)
            sums = before.changed(by: change)
        } else {
            _ = tokenize(row: row, above: nil)
            sums = Adler32.sums(row, count: rowBytes)
        }
        adler.append(sums)
        previousRowSums = sums
        flushBlockIfFull(final: false)
    }

    /// Appends a row whose pixels, `width` native-endian Cairo pixels, equal those of the previous row (the caller
    /// guarantees it).
    ///
    /// The row is copied from the row above, except that runs of one colour at least `leftRunWorthASplit` pixels
    /// long are copied from one pixel back, whose distance costs no extra bits. Rows equal to this one that follow
    /// it reuse its tokens without looking at their pixels again.
    func appendRepeatOfPreviousRow(pixels: UnsafePointer<UInt32>, width: Int) {
        guard let sums = previousRowSums, canMatchAbove, rowBytes == 1 + pixelBytes * width else {
            preconditionFailure("appendRepeatOfPreviousRow needs a previous row of the same width and rows of at most 32 KiB")
        }
        adler.append(sums)
        if repeatedRowTokenCount >= 0 {
            for k in 0..<repeatedRowTokenCount { appendToken(repeatedRowTokens[k]) }
        } else {
            let first = tokenCount
            var upStart = 0  // first pixel of the current stretch copied from above (the filter byte joins pixel 0's)
            var x = 1
            while x < width {
                // Pixels x and x + 1 against x − 1 and x, two at a time, until one equals the pixel before it.
                if x + 2 <= width {
                    let here = RowDeflater.pair(pixels + x), before = RowDeflater.pair(pixels + x - 1)
                    if here != before, UInt32(truncatingIfNeeded: here) != UInt32(truncatingIfNeeded: before) {
                        x += here >> 32 == before >> 32 ? 1 : 2
                        continue
                    }
                } else if pixels[x] != pixels[x - 1] {
                    break
                }
                let run = RowDeflater.equalLeft(pixels, from: x, width: width)
                if run >= RowDeflater.leftRunWorthASplit {
                    emitMatches(bytes: pixelBytes * (x - upStart) + (upStart == 0 ? 1 : 0), distance: rowBytes)
                    emitMatches(bytes: pixelBytes * run, distance: pixelBytes)
                    upStart = x + run
                }
                x += run + 1
            }
            if upStart < width {
                emitMatches(bytes: pixelBytes * (width - upStart) + (upStart == 0 ? 1 : 0), distance: rowBytes)
            }
            repeatedRowTokenCount = tokenCount - first
            repeatedRowTokens.update(from: tokens + first, count: repeatedRowTokenCount)
        }
        flushBlockIfFull(final: false)
    }

    /// Number of pixels from `start` on equal to the pixel before it, compared two at a time.
    @inline(__always)
    static func equalLeft(_ row: UnsafePointer<UInt32>, from start: Int, width: Int) -> Int {
        let p = row[start - 1]
        let twice = pair(repeating: p)
        var x = start
        while x + 2 <= width, pair(row + x) == twice { x += 2 }
        if x < width, row[x] == p { x += 1 }
        return x - start
    }

    /// Two adjacent pixels as one 64-bit value, for comparing two at a time.
    @inline(__always)
    static func pair(_ p: UnsafePointer<UInt32>) -> UInt64 { UnsafeRawPointer(p).loadUnaligned(as: UInt64.self) }

    /// The `pair` value of two pixels both equal to `p`.
    @inline(__always)
    static func pair(repeating p: UInt32) -> UInt64 { UInt64(p) | UInt64(p) << 32 }

    /// Finishes the stream: the last block, then the Adler-32 of all row bytes (big-endian).
    func finish() -> [UInt8] {
        flushBlockIfFull(final: true)
        output.alignToByte()
        let check = adler.value
        output.writeBytes([UInt8(check >> 24), UInt8(check >> 16 & 0xFF), UInt8(check >> 8 & 0xFF), UInt8(check & 0xFF)])
        return output.bytes
    }

    // MARK: Matching

    /// Greedy parse of one row: at each position the longer of the matches one row up and one pixel left, if at
    /// least 3 bytes long; otherwise the bytes up to the next pixel boundary as literals (a pixel that differs
    /// from both neighbours rarely matches from its middle). With a row above, returns the change of the row's
    /// Adler-32 sums relative to it, accumulated over the bytes not matched to the row above (elsewhere it is zero).
    private func tokenize(row: UnsafePointer<UInt8>, above: UnsafePointer<UInt8>?) -> Adler32.SumChange {
        // Locals only inside the loop: stored properties of a class would be re-read and access-checked per byte.
        var change = Adler32.SumChange()
        var count = tokenCount
        let tokens = self.tokens, frequencies = self.frequencies, distanceFrequencies = self.distanceFrequencies
        let n = rowBytes, left = pixelBytes
        let upDistanceCode = DeflateTables.distanceCodeIndex(n), leftDistanceCode = DeflateTables.distanceCodeIndex(left)
        DeflateTables.lengthCodeIndex.withUnsafeBufferPointer { lengthCodes in
            var i = 0
            while i < n {
                let limit = min(258, n - i)
                var length = 0
                var fromAbove = false
                if let above {
                    length = RowDeflater.matchLength(row + i, above + i, limit: limit)
                    fromAbove = true
                }
                if length < limit, i >= left {
                    let leftLength = RowDeflater.matchLength(row + i, row + i - left, limit: limit)
                    if leftLength > length { length = leftLength; fromAbove = false }
                }
                if length >= 3 {
                    if let above, !fromAbove {
                        for j in i..<(i + length) { change.add(row[j], replacing: above[j], weight: n - j) }
                    }
                    let code = fromAbove ? upDistanceCode : leftDistanceCode
                    tokens[count] = RowDeflater.matchToken(length: length, distance: fromAbove ? n : left, distanceCode: code)
                    count += 1
                    frequencies[257 + Int(lengthCodes[length - 3])] += 1
                    distanceFrequencies[code] += 1
                    i += length
                } else {
                    // Literals to the next pixel boundary (pixels start at byte 1, after the filter byte).
                    let end = i == 0 ? 1 : min(n, i + left - (i - 1) % left)
                    if let above {
                        for j in i..<end { change.add(row[j], replacing: above[j], weight: n - j) }
                    }
                    for j in i..<end {
                        tokens[count] = UInt32(row[j])
                        count += 1
                        frequencies[Int(row[j])] += 1
                    }
                    i = end
                }
            }
        }
        tokenCount = count
        return change
    }

    /// Number of equal leading bytes of `a` and `b`, at most `limit`. `b` may overlap `a` from behind (a run).
    @inline(__always)
    private static func matchLength(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, limit: Int) -> Int {
        var k = 0
        while k + 8 <= limit {
            let x = UnsafeRawPointer(a + k).loadUnaligned(as: UInt64.self) ^ UnsafeRawPointer(b + k).loadUnaligned(as: UInt64.self)
            if x != 0 { return k + x.trailingZeroBitCount >> 3 }
            k += 8
        }
        while k < limit, a[k] == b[k] { k += 1 }
        return k
    }

    // MARK: Symbols

    /// A match token: bit 31 set, the distance code (0…29) in bits 23…27, distance − 1 in bits 8…22, length − 3 in
    /// bits 0…7. A literal token is the byte itself.
    @inline(__always)
    static func matchToken(length: Int, distance: Int, distanceCode: Int) -> UInt32 {
        0x8000_0000 | UInt32(truncatingIfNeeded: distanceCode) << 23 | UInt32(truncatingIfNeeded: distance - 1) << 8
            | UInt32(truncatingIfNeeded: length - 3)
    }

    /// Matches covering `bytes` (≥ 3) bytes at `distance`, split into pieces of at most 258 and at least 3 bytes.
    private func emitMatches(bytes: Int, distance: Int) {
        let code = DeflateTables.distanceCodeIndex(distance)
        var remaining = bytes
        while remaining > 0 {
            let length = RowDeflater.nextMatchLength(remaining: remaining)
            appendToken(RowDeflater.matchToken(length: length, distance: distance, distanceCode: code))
            remaining -= length
        }
    }

    /// The length of the next match when `remaining` (≥ 3) bytes are to be covered by matches: the longest, 258,
    /// unless that would leave a tail shorter than the minimum match of 3.
    @inline(__always)
    static func nextMatchLength(remaining: Int) -> Int {
        remaining > 258 ? (remaining - 258 < 3 ? remaining - 3 : 258) : remaining
    }

    /// Appends a token (see `matchToken`) and counts its symbols.
    @inline(__always)
    private func appendToken(_ token: UInt32) {
        tokens[tokenCount] = token
        tokenCount += 1
        if token & 0x8000_0000 == 0 {
            frequencies[Int(token)] += 1
        } else {
            frequencies[257 + Int(DeflateTables.lengthCodeIndex[Int(token & 0xFF)])] += 1
            distanceFrequencies[Int(token >> 23 & 0x1F)] += 1
        }
    }

    func flushBlockIfFull(final: Bool) {
        guard final || tokenCount >= RowDeflater.tokensPerBlock else { return }
        frequencies[256] += 1  // end of block
        let literalCode = HuffmanCode(frequencies: Array(UnsafeBufferPointer(start: frequencies, count: 286)), limit: 15)
        let distanceCode = HuffmanCode(frequencies: Array(UnsafeBufferPointer(start: distanceFrequencies, count: 30)), limit: 15)
        output.write(final ? 1 : 0, bits: 1)
        output.write(2, bits: 2)  // dynamic Huffman codes
        output.writeCodeTables(literal: literalCode, distance: distanceCode)
        // One table for literals (at the byte) and match lengths (at 256 + length): the code's bits, a length's extra
        // bits folded in (≤ 15 + 5 bits), and their count in the top byte. And per distance code: its bits, their
        // count, the code's base distance, and the count with the extra bits.
        let symbols = UnsafeMutablePointer<UInt64>.allocate(capacity: 256 + 259)
        defer { symbols.deallocate() }
        for byte in 0..<256 {
            symbols[byte] = UInt64(literalCode.codes[byte]) | UInt64(literalCode.lengths[byte]) << 56
        }
        for length in 3...258 {
            let li = Int(DeflateTables.lengthCodeIndex[length - 3])
            let symbol = 257 + li
            let bits = UInt64(literalCode.codes[symbol])
                | UInt64(length - Int(DeflateTables.lengthBase[li])) << UInt64(literalCode.lengths[symbol])
            symbols[256 + length] = bits
                | UInt64(Int(literalCode.lengths[symbol]) + Int(DeflateTables.lengthExtraBits[li])) << 56
        }
        let distances = UnsafeMutablePointer<(code: UInt64, codeBits: UInt64, base: UInt64, totalBits: Int)>.allocate(capacity: 30)
        defer { distances.deallocate() }
        for di in 0..<30 {
            let codeBits = Int(distanceCode.lengths[di])
            distances[di] = (UInt64(distanceCode.codes[di]), UInt64(codeBits), UInt64(DeflateTables.distanceBase[di]),
                             codeBits + Int(DeflateTables.distanceExtraBits[di]))
        }
        var writer = output  // a local copy: see `tokenize`
        let tokens = self.tokens
        let lowBits: UInt64 = (1 << 56) - 1
        for k in 0..<tokenCount {
            let token = tokens[k]
            if token & 0x8000_0000 == 0 {
                let entry = symbols[Int(token)]
                writer.write(entry & lowBits, bits: Int(entry >> 56))
                continue
            }
            let entry = symbols[256 + 3 + Int(token & 0xFF)]
            writer.write(entry & lowBits, bits: Int(entry >> 56))
            let distance = UInt64(token >> 8 & 0x7FFF) + 1
            let d = distances[Int(token >> 23 & 0x1F)]
            writer.write(d.code | (distance - d.base) << d.codeBits, bits: d.totalBits)  // ≤ 15 + 13 bits
        }
        output = writer
        output.write(UInt64(literalCode.codes[256]), bits: Int(literalCode.lengths[256]))
        tokenCount = 0
        frequencies.update(repeating: 0, count: 286 + 30)
    }
}
