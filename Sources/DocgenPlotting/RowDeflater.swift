// A DEFLATE compressor (RFC 1951) inside a zlib stream (RFC 1950) for the raw rows of a PNG image,
// specialised for rendered plots.
//
// Plots are mostly flat background crossed by thin lines and text, so nearly every byte repeats either the pixel
// to its left or the byte straight above it. Instead of hashing for matches at any distance (what zlib does),
// each position tries exactly those two distances, one pixel and one row back, comparing eight bytes at a time;
// a row equal to the previous one becomes a handful of row-long matches without being looked at. Matches never
// cross a row end, so only two rows are ever held. Blocks use dynamic Huffman codes built from their own symbols.

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
        frequencies = .allocate(capacity: 286 + 30)
        frequencies.initialize(repeating: 0, count: 286 + 30)
        distanceFrequencies = frequencies + 286
        // zlib header: deflate with a 32 KiB window (0x78), no preset dictionary, "fastest" level; the pair is
        // a multiple of 31 as RFC 1950 requires.
        output.writeBytes([0x78, 0x01])
    }

    deinit {
        tokens.deallocate()
        frequencies.deallocate()
        output.release()
    }

    /// Appends the next row, `rowBytes` bytes starting with its filter byte. `previous` is the row before it
    /// (nil for the first row).
    ///
    /// The row's Adler-32 sums are the previous row's plus the differences at the bytes that did not match the row
    /// above, which the parse visits anyway; only a first row (or rows too long to match above) is summed in full.
    func append(row: UnsafePointer<UInt8>, previous: UnsafePointer<UInt8>?) {
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

    /// Appends a row whose bytes equal those of the previous row (the caller guarantees it).
    func appendRepeatOfPreviousRow() {
        guard let sums = previousRowSums, canMatchAbove else {
            preconditionFailure("appendRepeatOfPreviousRow needs a previous row and rows of at most 32 KiB")
        }
        adler.append(sums)
        var remaining = rowBytes
        while remaining > 0 {
            // Never leave a tail shorter than the minimum match of 3.
            let length = remaining > 258 ? (remaining - 258 < 3 ? remaining - 3 : 258) : remaining
            emitMatch(length: length, distance: rowBytes)
            remaining -= length
        }
        flushBlockIfFull(final: false)
    }

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
                    tokens[count] = 0x8000_0000 | UInt32((fromAbove ? n : left) - 1) << 8 | UInt32(length - 3)
                    count += 1
                    frequencies[257 + Int(lengthCodes[length - 3])] += 1
                    distanceFrequencies[fromAbove ? upDistanceCode : leftDistanceCode] += 1
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

    /// Match token: bit 31 set, distance − 1 in bits 8…22, length − 3 in bits 0…7.
    private func emitMatch(length: Int, distance: Int) {
        tokens[tokenCount] = 0x8000_0000 | UInt32(distance - 1) << 8 | UInt32(length - 3)
        tokenCount += 1
        frequencies[257 + Int(DeflateTables.lengthCodeIndex[length - 3])] += 1
        distanceFrequencies[DeflateTables.distanceCodeIndex(distance)] += 1
    }

    func flushBlockIfFull(final: Bool) {
        guard final || tokenCount >= RowDeflater.tokensPerBlock else { return }
        frequencies[256] += 1  // end of block
        let literalCode = HuffmanCode(frequencies: Array(UnsafeBufferPointer(start: frequencies, count: 286)), limit: 15)
        let distanceCode = HuffmanCode(frequencies: Array(UnsafeBufferPointer(start: distanceFrequencies, count: 30)), limit: 15)
        output.write(final ? 1 : 0, bits: 1)
        output.write(2, bits: 2)  // dynamic Huffman codes
        output.writeCodeTables(literal: literalCode, distance: distanceCode)
        // Per symbol: code bits and their count, with a length symbol's extra bits folded in (≤ 15 + 5 bits).
        var lengthBits = [UInt64](repeating: 0, count: 259), lengthBitCounts = [Int](repeating: 0, count: 259)
        for length in 3...258 {
            let li = Int(DeflateTables.lengthCodeIndex[length - 3])
            let symbol = 257 + li
            lengthBits[length] = UInt64(literalCode.codes[symbol])
                | UInt64(length - Int(DeflateTables.lengthBase[li])) << UInt64(literalCode.lengths[symbol])
            lengthBitCounts[length] = Int(literalCode.lengths[symbol]) + Int(DeflateTables.lengthExtraBits[li])
        }
        var writer = output  // a local copy: see `tokenize`
        let tokens = self.tokens
        literalCode.codes.withUnsafeBufferPointer { litCodes in
            literalCode.lengths.withUnsafeBufferPointer { litLengths in
                distanceCode.codes.withUnsafeBufferPointer { distCodes in
                    distanceCode.lengths.withUnsafeBufferPointer { distLengths in
                        lengthBits.withUnsafeBufferPointer { lengthBits in
                            lengthBitCounts.withUnsafeBufferPointer { lengthBitCounts in
                                for k in 0..<tokenCount {
                                    let token = tokens[k]
                                    if token & 0x8000_0000 == 0 {
                                        writer.write(UInt64(litCodes[Int(token)]), bits: Int(litLengths[Int(token)]))
                                        continue
                                    }
                                    let length = Int(token & 0xFF) + 3
                                    writer.write(lengthBits[length], bits: lengthBitCounts[length])
                                    let distance = Int(token >> 8 & 0x7FFF) + 1
                                    let di = DeflateTables.distanceCodeIndex(distance)
                                    let extra = UInt64(distance - Int(DeflateTables.distanceBase[di]))
                                    let codeLength = Int(distLengths[di])
                                    writer.write(UInt64(distCodes[di]) | extra << UInt64(codeLength),
                                                 bits: codeLength + Int(DeflateTables.distanceExtraBits[di]))  // ≤ 15 + 13 bits
                                }
                            }
                        }
                    }
                }
            }
        }
        output = writer
        output.write(UInt64(literalCode.codes[256]), bits: Int(literalCode.lengths[256]))
        tokenCount = 0
        frequencies.update(repeating: 0, count: 286 + 30)
    }
}
