// DEFLATE's bit-level format (RFC 1951): the fixed length/distance tables, and a bit writer that also writes a
// dynamic block's code tables. Used by RowDeflater.

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
