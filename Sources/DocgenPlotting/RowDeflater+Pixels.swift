// Matching whole pixels straight from Cairo's 32-bit rows, for opaque images: the common case of every figure.

extension RowDeflater {
    /// Appends the PNG row (filter byte 0, then R, G, B per pixel) of the opaque pixels `row`, given the pixels of
    /// the row above, without converting the row to bytes first.
    ///
    /// Pixels equal to the ones above (compared two at a time) become matches one row up; a run of one colour that
    /// differs from above becomes a match one pixel left; every other pixel is converted and written as three
    /// literals. The row's Adler-32 sums are the previous row's, changed only at pixels that differ from above.
    /// Compared with `append(row:previous:)` this gives up matches that start or end inside a pixel, which plots
    /// rarely have. Needs 3-byte pixels, rows that can match above (`canMatchAbove`) and a previous row.
    func append(opaquePixels row: UnsafePointer<UInt32>, above: UnsafePointer<UInt32>, width: Int) {
        guard pixelBytes == 3, canMatchAbove, let before = previousRowSums, rowBytes == 1 + 3 * width else {
            preconditionFailure("append(opaquePixels:) needs RGB rows that can match the row above, after a first row")
        }
        // Locals only inside the loop: stored properties of a class would be re-read and access-checked per pixel.
        var change = Adler32.SumChange()
        var count = tokenCount
        let tokens = self.tokens, frequencies = self.frequencies, distanceFrequencies = self.distanceFrequencies
        let n = rowBytes
        let upCode = DeflateTables.distanceCodeIndex(n), leftCode = DeflateTables.distanceCodeIndex(3)
        DeflateTables.lengthCodeIndex.withUnsafeBufferPointer { lengthCodes in
            /// Matches of `total` bytes at `distance`, split into pieces of at most 258 and at least 3 bytes.
            func matches(_ total: Int, distance: Int, code: Int) {
                var remaining = total
                while remaining > 0 {
                    let length = remaining > 258 ? (remaining - 258 < 3 ? remaining - 3 : 258) : remaining
                    tokens[count] = 0x8000_0000 | UInt32(distance - 1) << 8 | UInt32(length - 3)
                    count += 1
                    frequencies[257 + Int(lengthCodes[length - 3])] += 1
                    distanceFrequencies[code] += 1
                    remaining -= length
                }
            }
            @inline(__always) func literal(_ byte: UInt8) {
                tokens[count] = UInt32(byte)
                count += 1
                frequencies[Int(byte)] += 1
            }
            /// Number of pixels from `start` on that equal the ones above, compared two at a time.
            func equalAbove(from start: Int) -> Int {
                var x = start
                while x + 2 <= width {
                    let a = UnsafeRawPointer(row + x).loadUnaligned(as: UInt64.self)
                    let b = UnsafeRawPointer(above + x).loadUnaligned(as: UInt64.self)
                    if a != b {
                        // Little-endian: the low half is pixel x.
                        if UInt32(truncatingIfNeeded: a) == UInt32(truncatingIfNeeded: b) { x += 1 }
                        return x - start
                    }
                    x += 2
                }
                if x < width, row[x] == above[x] { x += 1 }
                return x - start
            }
            /// Pixel x's three bytes (at 1 + 3x …) differ from those above: their change of the Adler-32 sums.
            @inline(__always) func changed(_ x: Int) {
                let p = row[x], q = above[x]
                let weight = n - 1 - 3 * x
                change.add(UInt8(truncatingIfNeeded: p >> 16), replacing: UInt8(truncatingIfNeeded: q >> 16), weight: weight)
                change.add(UInt8(truncatingIfNeeded: p >> 8), replacing: UInt8(truncatingIfNeeded: q >> 8), weight: weight - 1)
                change.add(UInt8(truncatingIfNeeded: p), replacing: UInt8(truncatingIfNeeded: q), weight: weight - 2)
            }

            // The filter byte equals the one above, so it joins a leading run of pixels equal to those above.
            var x = equalAbove(from: 0)
            if x > 0 { matches(1 + 3 * x, distance: n, code: upCode) } else { literal(0) }
            while x < width {
                let p = row[x]
                if p == above[x] {
                    let k = equalAbove(from: x)
                    matches(3 * k, distance: n, code: upCode)
                    x += k
                } else if x > 0, p == row[x - 1] {
                    var k = 0
                    while x + k < width, row[x + k] == p, row[x + k] != above[x + k] {
                        changed(x + k)
                        k += 1
                    }
                    matches(3 * k, distance: 3, code: leftCode)
                    x += k
                } else {
                    changed(x)
                    literal(UInt8(truncatingIfNeeded: p >> 16))
                    literal(UInt8(truncatingIfNeeded: p >> 8))
                    literal(UInt8(truncatingIfNeeded: p))
                    x += 1
                }
            }
        }
        tokenCount = count
        let sums = before.changed(by: change)
        adler.append(sums)
        previousRowSums = sums
        flushBlockIfFull(final: false)
    }
}
