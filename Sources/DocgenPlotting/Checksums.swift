// The two checksums a PNG file carries: Adler-32 (RFC 1950) over the uncompressed image stream and
// CRC-32 (ISO 3309, as in PNG and zlib) over every chunk.

/// Running Adler-32 of a byte stream, updated a block at a time.
///
/// Blocks can also be appended by their sums alone (`append(sums:)`), so a PNG row equal to the one before it
/// costs nothing: a = 1 + Σ bytes, b = Σ of the successive values of a, both modulo 65521.
struct Adler32 {
    static let modulus: UInt64 = 65521
    private(set) var a: UInt64 = 1
    private(set) var b: UInt64 = 0

    /// The two sums of one block that make appending it a constant-time step.
    struct BlockSums: Equatable {
        /// Number of bytes in the block.
        var count: Int
        /// Σ bᵢ over the block.
        var sum: UInt64
        /// Σ (count − i) · bᵢ over the block (i counted from 0), reduced modulo 65521.
        var weighted: UInt64
    }

    /// The difference between the sums of two blocks of equal length, built byte by byte where they differ.
    struct SumChange {
        var sum: Int64 = 0
        var weighted: Int64 = 0

        /// Byte `new` replaces byte `old` at a position whose weight (count − i) is `weight`.
        @inline(__always)
        mutating func add(_ new: UInt8, replacing old: UInt8, weight: Int) {
            let d = Int64(new) - Int64(old)
            sum &+= d
            weighted &+= d &* Int64(weight)
        }
    }

    var value: UInt32 { UInt32(b << 16 | a) }

    /// Sums of `count` bytes, reading 8 at a time; each 8-byte group adds its byte sum and weighted byte sum.
    static func sums(_ bytes: UnsafePointer<UInt8>, count: Int) -> BlockSums {
        var sum: UInt64 = 0, weighted: UInt64 = 0
        var i = 0
        // Weighted sums grow as count² · 255 / 2; reduce every 4096 groups to stay far from overflow.
        var groups = 0
        while i + 8 <= count {
            let w = UnsafeRawPointer(bytes + i).loadUnaligned(as: UInt64.self)  // byte k at bits 8k (little endian)
            let b0 = w & 0xFF, b1 = w >> 8 & 0xFF, b2 = w >> 16 & 0xFF, b3 = w >> 24 & 0xFF
            let b4 = w >> 32 & 0xFF, b5 = w >> 40 & 0xFF, b6 = w >> 48 & 0xFF, b7 = w >> 56
            let groupSum = (b0 + b1) + (b2 + b3) + (b4 + b5) + (b6 + b7)
            let groupWeighted = (8 * b0 + 7 * b1) + (6 * b2 + 5 * b3) + (4 * b4 + 3 * b5) + (2 * b6 + b7)
            // Over the whole block, an earlier group's bytes are weighted by the bytes after them as well:
            // accumulate the running sum once per group (8 × sum so far) plus the group's own weights.
            weighted &+= 8 &* sum &+ groupWeighted
            sum &+= groupSum
            i += 8
            groups += 1
            if groups == 4096 { weighted %= modulus; groups = 0 }
        }
        while i < count {
            sum &+= UInt64(bytes[i])
            weighted &+= sum
            i += 1
        }
        // `weighted` so far is Σ (m − i) · bᵢ with m = bytes consumed; this already equals the definition.
        return BlockSums(count: count, sum: sum, weighted: weighted % modulus)
    }

}

extension Adler32.BlockSums {
    /// The sums of a block of the same length that differs from this one by `change`.
    func changed(by change: Adler32.SumChange) -> Adler32.BlockSums {
        let m = Int64(Adler32.modulus)
        let w = (Int64(weighted) + change.weighted % m + m) % m
        return Adler32.BlockSums(count: count, sum: UInt64(Int64(sum) + change.sum), weighted: UInt64(w))
    }
}

extension Adler32 {
    /// Appends a block by its sums.
    mutating func append(_ block: BlockSums) {
        let n = UInt64(block.count) % Adler32.modulus
        b = (b + n * a + block.weighted) % Adler32.modulus
        a = (a + block.sum) % Adler32.modulus
    }

    mutating func append(_ bytes: UnsafePointer<UInt8>, count: Int) {
        append(Adler32.sums(bytes, count: count))
    }
}

/// CRC-32 with the reflected polynomial 0xEDB88320, computed eight bytes at a time ("slicing by 8").
enum CRC32 {
    private static let tables: [UInt32] = {
        var t = [UInt32](repeating: 0, count: 8 * 256)
        for n in 0..<256 {
            var c = UInt32(n)
            for _ in 0..<8 { c = c & 1 != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
            t[n] = c
        }
        for k in 1..<8 {
            for n in 0..<256 {
                let previous = t[(k - 1) * 256 + n]
                t[k * 256 + n] = (previous >> 8) ^ t[Int(previous & 0xFF)]
            }
        }
        return t
    }()

    /// The CRC of `bytes` continuing from `crc` (0 for a fresh checksum).
    static func update(_ crc: UInt32, _ bytes: UnsafeBufferPointer<UInt8>) -> UInt32 {
        guard let base = bytes.baseAddress else { return crc }
        return tables.withUnsafeBufferPointer { t in
            var c = ~crc
            var i = 0
            let count = bytes.count
            while i + 8 <= count {
                let w = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self) ^ UInt64(c)
                let lo = UInt32(truncatingIfNeeded: w), hi = UInt32(truncatingIfNeeded: w >> 32)
                c = t[7 * 256 + Int(lo & 0xFF)] ^ t[6 * 256 + Int(lo >> 8 & 0xFF)]
                    ^ t[5 * 256 + Int(lo >> 16 & 0xFF)] ^ t[4 * 256 + Int(lo >> 24)]
                    ^ t[3 * 256 + Int(hi & 0xFF)] ^ t[2 * 256 + Int(hi >> 8 & 0xFF)]
                    ^ t[1 * 256 + Int(hi >> 16 & 0xFF)] ^ t[Int(hi >> 24)]
                i += 8
            }
            while i < count {
                c = t[Int((c ^ UInt32(base[i])) & 0xFF)] ^ (c >> 8)
                i += 1
            }
            return ~c
        }
    }

    static func checksum(_ bytes: [UInt8]) -> UInt32 {
        bytes.withUnsafeBufferPointer { update(0, $0) }
    }
}
