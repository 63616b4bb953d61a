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
    private let tokens: UnsafeMutablePointer<UInt32>
    private var tokenCount = 0
    /// Literal/length symbol counts (286) followed by distance symbol counts (30) of the current block.
    private let frequencies: UnsafeMutablePointer<UInt32>
    private let distanceFrequencies: UnsafeMutablePointer<UInt32>
    private var adler = Adler32()
    private var previousRowSums: Adler32.BlockSums?

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

    private func flushBlockIfFull(final: Bool) {
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
/// Owns a growable byte buffer; its owner calls `release()` once.
struct DeflateBitWriter {
    private var storage: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    private var count = 0
    private var buffer: UInt64 = 0
    private var bitCount = 0

    init() {
        capacity = 1 << 16
        storage = .allocate(capacity: capacity)
    }

    func release() { storage.deallocate() }

    /// The bytes written so far (whole bytes only; see `alignToByte`).
    var bytes: [UInt8] { Array(UnsafeBufferPointer(start: storage, count: count)) }

    /// Writes the low `bits` bits of `value` (at most 32; higher bits of `value` must be zero).
    @inline(__always)
    mutating func write(_ value: UInt64, bits: Int) {
        buffer |= value << UInt64(bitCount)
        bitCount += bits
        if bitCount >= 32 {
            if count + 4 > capacity { grow() }
            UnsafeMutableRawPointer(storage + count).storeBytes(of: UInt32(truncatingIfNeeded: buffer).littleEndian, as: UInt32.self)
            count += 4
            buffer >>= 32
            bitCount -= 32
        }
    }

    mutating func writeBytes(_ bytes: [UInt8]) {
        precondition(bitCount == 0, "whole bytes are written at byte boundaries only")
        for b in bytes {
            if count + 1 > capacity { grow() }
            storage[count] = b
            count += 1
        }
    }

    private mutating func grow() {
        let larger = UnsafeMutablePointer<UInt8>.allocate(capacity: 2 * capacity)
        larger.update(from: storage, count: count)
        storage.deallocate()
        storage = larger
        capacity *= 2
    }

    /// Pads with zero bits to the next byte boundary and empties the bit buffer.
    mutating func alignToByte() {
        while bitCount > 0 {
            if count + 1 > capacity { grow() }
            storage[count] = UInt8(truncatingIfNeeded: buffer)
            count += 1
            buffer >>= 8
            bitCount = max(0, bitCount - 8)
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
