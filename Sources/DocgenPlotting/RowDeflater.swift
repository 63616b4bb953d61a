// A DEFLATE compressor (RFC 1951) inside a zlib stream (RFC 1950) for the raw rows of a PNG image,
// specialised for rendered plots.
//
// Plots are mostly flat background crossed by thin lines and text, so nearly every byte repeats either the pixel
// to its left or the byte straight above it. Instead of hashing for matches at any distance (what zlib does),
// each position tries exactly those two distances, one pixel and one row back, comparing eight bytes at a time;
// a row equal to the previous one becomes a handful of row-long matches without being looked at. Matches never
// cross a row end, so only two rows are ever held. Blocks use dynamic Huffman codes built from their own symbols.

/// Streams PNG rows (filter byte first) into a zlib-wrapped DEFLATE stream.
struct RowDeflater {
    /// Bytes per row including the leading filter byte.
    let rowBytes: Int
    /// Distance of the "pixel to the left" match: bytes per pixel.
    let pixelBytes: Int
    /// Whether "row above" matches are possible (DEFLATE distances reach at most 32 768 bytes back).
    let canMatchAbove: Bool

    private var output = DeflateBitWriter()
    private var tokens: [UInt32] = []
    private var literalLengthFrequencies = [UInt32](repeating: 0, count: 286)
    private var distanceFrequencies = [UInt32](repeating: 0, count: 30)
    private var adler = Adler32()
    private var previousRowSums: Adler32.BlockSums?
    private var rowsWritten = 0

    /// Tokens per DEFLATE block: large enough that code tables cost little, small enough to adapt to the image.
    private static let tokensPerBlock = 1 << 15

    init(rowBytes: Int, pixelBytes: Int) {
        self.rowBytes = rowBytes
        self.pixelBytes = pixelBytes
        self.canMatchAbove = rowBytes <= 32768
        tokens.reserveCapacity(RowDeflater.tokensPerBlock + 512)
        output.bytes.reserveCapacity(1 << 16)
        // zlib header: deflate with a 32 KiB window (0x78), no preset dictionary, "fastest" level; the pair is
        // a multiple of 31 as RFC 1950 requires.
        output.bytes.append(contentsOf: [0x78, 0x01])
    }

    /// Appends the next row, `rowBytes` bytes starting with its filter byte. `previous` is the row before it
    /// (nil for the first row).
    ///
    /// The row's Adler-32 sums are the previous row's plus the differences at the bytes that did not match the row
    /// above, which the parse visits anyway; only a first row (or rows too long to match above) is summed in full.
    mutating func append(row: UnsafePointer<UInt8>, previous: UnsafePointer<UInt8>?) {
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
        rowsWritten += 1
    }

    /// Appends a row whose bytes equal those of the previous row (the caller guarantees it).
    mutating func appendRepeatOfPreviousRow() {
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
        rowsWritten += 1
    }

    /// Finishes the stream: the last block, then the Adler-32 of all row bytes (big-endian).
    mutating func finish() -> [UInt8] {
        flushBlockIfFull(final: true)
        output.alignToByte()
        let check = adler.value
        output.bytes.append(contentsOf: [UInt8(check >> 24), UInt8(check >> 16 & 0xFF), UInt8(check >> 8 & 0xFF), UInt8(check & 0xFF)])
        return output.bytes
    }

    // MARK: Matching

    /// Greedy parse of one row: at each byte the longer of the matches one row up and one pixel left, if at
    /// least 3 bytes long, else a literal. With a row above, returns the change of the row's Adler-32 sums
    /// relative to it, accumulated over the bytes not matched to the row above (elsewhere the change is zero).
    private mutating func tokenize(row: UnsafePointer<UInt8>, above: UnsafePointer<UInt8>?) -> Adler32.SumChange {
        var change = Adler32.SumChange()
        var i = 0
        let n = rowBytes, left = pixelBytes
        while i < n {
            let limit = min(258, n - i)
            var length = 0, distance = 0
            if let above {
                length = RowDeflater.matchLength(row + i, above + i, limit: limit)
                distance = n
            }
            if length < limit, i >= left {
                let leftLength = RowDeflater.matchLength(row + i, row + i - left, limit: limit)
                if leftLength > length { length = leftLength; distance = left }
            }
            if length < 3 { length = 1; distance = 0 }
            if distance != n, let above {
                for j in i..<(i + length) { change.add(row[j], replacing: above[j], weight: n - j) }
            }
            if distance == 0 {
                tokens.append(UInt32(row[i]))
                literalLengthFrequencies[Int(row[i])] += 1
            } else {
                emitMatch(length: length, distance: distance)
            }
            i += length
            if tokens.count >= RowDeflater.tokensPerBlock { flushBlockIfFull(final: false) }
        }
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
    @inline(__always)
    private mutating func emitMatch(length: Int, distance: Int) {
        tokens.append(0x8000_0000 | UInt32(distance - 1) << 8 | UInt32(length - 3))
        literalLengthFrequencies[257 + Int(DeflateTables.lengthCodeIndex[length - 3])] += 1
        distanceFrequencies[DeflateTables.distanceCodeIndex(distance)] += 1
    }

    private mutating func flushBlockIfFull(final: Bool) {
        guard final || tokens.count >= RowDeflater.tokensPerBlock else { return }
        literalLengthFrequencies[256] += 1  // end of block
        let literalCode = HuffmanCode(frequencies: literalLengthFrequencies, limit: 15)
        let distanceCode = HuffmanCode(frequencies: distanceFrequencies, limit: 15)
        output.write(final ? 1 : 0, bits: 1)
        output.write(2, bits: 2)  // dynamic Huffman codes
        output.writeCodeTables(literal: literalCode, distance: distanceCode)
        literalCode.codes.withUnsafeBufferPointer { litCodes in
            literalCode.lengths.withUnsafeBufferPointer { litLengths in
                distanceCode.codes.withUnsafeBufferPointer { distCodes in
                    distanceCode.lengths.withUnsafeBufferPointer { distLengths in
                        for token in tokens {
                            if token & 0x8000_0000 == 0 {
                                output.write(UInt64(litCodes[Int(token)]), bits: Int(litLengths[Int(token)]))
                                continue
                            }
                            let length = Int(token & 0xFF) + 3
                            let distance = Int(token >> 8 & 0x7FFF) + 1
                            let li = Int(DeflateTables.lengthCodeIndex[length - 3])
                            let ls = 257 + li
                            let lengthExtra = Int(DeflateTables.lengthExtraBits[li])
                            var bits = UInt64(litCodes[ls])
                            var count = Int(litLengths[ls])
                            bits |= UInt64(length - Int(DeflateTables.lengthBase[li])) << count
                            count += lengthExtra
                            output.write(bits, bits: count)  // ≤ 15 + 5 bits
                            let di = DeflateTables.distanceCodeIndex(distance)
                            bits = UInt64(distCodes[di])
                            count = Int(distLengths[di])
                            bits |= UInt64(distance - Int(DeflateTables.distanceBase[di])) << count
                            count += Int(DeflateTables.distanceExtraBits[di])
                            output.write(bits, bits: count)  // ≤ 15 + 13 bits
                        }
                    }
                }
            }
        }
        output.write(UInt64(literalCode.codes[256]), bits: Int(literalCode.lengths[256]))
        tokens.removeAll(keepingCapacity: true)
        for k in literalLengthFrequencies.indices { literalLengthFrequencies[k] = 0 }
        for k in distanceFrequencies.indices { distanceFrequencies[k] = 0 }
    }
}

/// DEFLATE's fixed tables of length and distance codes (RFC 1951, section 3.2.5).
enum DeflateTables {
    static let lengthBase: [UInt16] = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99,
                                       115, 131, 163, 195, 227, 258]
    static let lengthExtraBits: [UInt8] = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0]
    static let distanceBase: [UInt16] = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025,
                                         1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577]
    static let distanceExtraBits: [UInt8] = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11,
                                             12, 12, 13, 13]

    /// Index (0…28) of the length code for each match length 3…258, at `length − 3`.
    static let lengthCodeIndex: [UInt8] = (3...258).map { length in
        UInt8(lengthBase.lastIndex { Int($0) <= length } ?? 0)
    }

    /// Index (0…29) of the distance code for a distance 1…32 768: distances 1–4 have their own codes, and above
    /// that each power of two is split into two codes by the bit below its leading one.
    @inline(__always)
    static func distanceCodeIndex(_ distance: Int) -> Int {
        if distance <= 4 { return distance - 1 }
        let v = distance - 1
        let log2 = Int.bitWidth - 1 - v.leadingZeroBitCount
        return 2 * log2 + (v >> (log2 - 1) & 1)
    }
}

/// DEFLATE's bit order: values are packed from the least significant bit of each byte upwards.
struct DeflateBitWriter {
    var bytes: [UInt8] = []
    private var buffer: UInt64 = 0
    private var count = 0

    /// Writes the low `bits` bits of `value` (at most 32).
    @inline(__always)
    mutating func write(_ value: UInt64, bits: Int) {
        buffer |= value << count
        count += bits
        if count >= 32 {
            let word = UInt32(truncatingIfNeeded: buffer)
            bytes.append(UInt8(word & 0xFF)); bytes.append(UInt8(word >> 8 & 0xFF))
            bytes.append(UInt8(word >> 16 & 0xFF)); bytes.append(UInt8(word >> 24))
            buffer >>= 32
            count -= 32
        }
    }

    /// Pads with zero bits to the next byte boundary and empties the buffer.
    mutating func alignToByte() {
        while count > 0 {
            bytes.append(UInt8(truncatingIfNeeded: buffer))
            buffer >>= 8
            count = max(0, count - 8)
        }
        buffer = 0
    }

    /// A dynamic block's header after BTYPE: HLIT, HDIST, HCLEN, the code-length code, then both codes' lengths
    /// run-length encoded with symbols 16 (repeat previous 3–6), 17 (3–10 zeros) and 18 (11–138 zeros).
    mutating func writeCodeTables(literal: HuffmanCode, distance: HuffmanCode) {
        var literalCount = 286
        while literalCount > 257, literal.lengths[literalCount - 1] == 0 { literalCount -= 1 }
        var distanceCount = 30
        while distanceCount > 1, distance.lengths[distanceCount - 1] == 0 { distanceCount -= 1 }
        let all = Array(literal.lengths[0..<literalCount]) + Array(distance.lengths[0..<distanceCount])

        // Run-length symbols as (symbol, extra value).
        var symbols: [(UInt8, UInt8)] = []
        var i = 0
        while i < all.count {
            let l = all[i]
            var run = 1
            while i + run < all.count, all[i + run] == l { run += 1 }
            if l == 0 {
                var left = run
                while left >= 11 { let r = min(left, 138); symbols.append((18, UInt8(r - 11))); left -= r }
                if left >= 3 { symbols.append((17, UInt8(left - 3))); left = 0 }
                for _ in 0..<left { symbols.append((0, 0)) }
            } else {
                symbols.append((l, 0))
                var left = run - 1
                while left >= 3 { let r = min(left, 6); symbols.append((16, UInt8(r - 3))); left -= r }
                for _ in 0..<left { symbols.append((l, 0)) }
            }
            i += run
        }
        var frequencies = [UInt32](repeating: 0, count: 19)
        for (s, _) in symbols { frequencies[Int(s)] += 1 }
        let lengthCode = HuffmanCode(frequencies: frequencies, limit: 7)
        let order = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]
        var codeLengthCount = 19
        while codeLengthCount > 4, lengthCode.lengths[order[codeLengthCount - 1]] == 0 { codeLengthCount -= 1 }

        write(UInt64(literalCount - 257), bits: 5)
        write(UInt64(distanceCount - 1), bits: 5)
        write(UInt64(codeLengthCount - 4), bits: 4)
        for k in 0..<codeLengthCount { write(UInt64(lengthCode.lengths[order[k]]), bits: 3) }
        for (s, extra) in symbols {
            write(UInt64(lengthCode.codes[Int(s)]), bits: Int(lengthCode.lengths[Int(s)]))
            switch s {
            case 16: write(UInt64(extra), bits: 2)
            case 17: write(UInt64(extra), bits: 3)
            case 18: write(UInt64(extra), bits: 7)
            default: break
            }
        }
    }
}
