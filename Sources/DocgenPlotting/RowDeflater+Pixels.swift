// Matching whole pixels straight from Cairo's 32-bit rows, for opaque images: the common case of every figure.

/// An opaque Cairo image as the pixel matcher reads it: rows of native-endian ARGB32 pixels, `stride` pixels apart.
struct OpaquePixelRows {
    let base: UnsafePointer<UInt32>
    let width: Int
    /// Pixels from the start of one row to the start of the next (at least `width`).
    let stride: Int

    func row(_ y: Int) -> UnsafePointer<UInt32> { base + y * stride }
}

/// Where earlier pixels of the image were, by colour: a hash table of chains, as zlib keeps for byte triples, but
/// over whole pixels and filled sparsely (only where a token starts in a row that differs from the one above).
///
/// Positions are pixel offsets into the surface (`y · stride + x`) packed with their row, so a candidate's place in
/// the PNG stream is known without a division. A chain's links live in a ring larger than the DEFLATE window in
/// offsets, so any link reached from a position still inside the window is current (a slot is only reused by a
/// position a whole ring later, which is outside the window of anything that could reach it).
final class PixelPlaces {
    static let hashBits = 15
    /// Candidates tried per lookup, newest first (zlib level 6 tries up to 128 byte positions). On the course's 304
    /// figures 2 gave 32.86 MB, 4 gave 32.64 MB, 8 gave 32.56 MB for about 5 % more encode time than 4
    /// (`DocgenBenchmarks png --writer`, with runs of one colour of 86 pixels or more copied one pixel back; at the
    /// 256 chosen in `RowDeflater.leftRunWorthASplit`, depth 4 gives 32.49 MB).
    static let depth = 4
    /// A run this long ends the search: longer ones save little more.
    static let enoughPixels = 32
    private static let none: Int64 = -1

    private let heads: UnsafeMutablePointer<Int64>
    private let links: UnsafeMutablePointer<Int64>
    private let ringMask: Int
    let stride: Int

    /// For rows of `rowBytes` PNG bytes, `stride` pixels apart in the surface.
    init(rowBytes: Int, stride: Int) {
        self.stride = stride
        // Rows reachable within 32 KiB of the stream, plus the current row, in offsets; rounded up to a power of two.
        let span = (32768 / rowBytes + 2) * stride
        var ring = 1
        while ring < span { ring <<= 1 }
        ringMask = ring - 1
        heads = .allocate(capacity: 1 << PixelPlaces.hashBits)
        heads.initialize(repeating: PixelPlaces.none, count: 1 << PixelPlaces.hashBits)
        links = .allocate(capacity: ring)
        links.initialize(repeating: PixelPlaces.none, count: ring)
    }

    deinit {
        heads.deallocate()
        links.deallocate()
    }

    @inline(__always) static func hash(_ pixel: UInt32) -> Int {
        Int(truncatingIfNeeded: (pixel &* 2_654_435_761) >> UInt32(32 - hashBits))
    }

    /// Packs a place: the row in the high bits, the offset `y · stride + x` in the low 40.
    @inline(__always) static func place(y: Int, offset: Int) -> Int64 { Int64(y) << 40 | Int64(offset) }

    /// Records that `pixel` is at row `y`, column `x`.
    @inline(__always) func insert(_ pixel: UInt32, y: Int, x: Int) {
        let h = PixelPlaces.hash(pixel)
        let offset = y * stride + x
        links[offset & ringMask] = heads[h]
        heads[h] = PixelPlaces.place(y: y, offset: offset)
    }

    /// The longest run of earlier pixels equal to `row[x...]` whose start lies within 32 KiB of the stream behind
    /// pixel x of row `y` and which does not cross its own row's end. Returns its length in pixels and its
    /// distance in stream bytes (0, 0 when there is none). Rows are `rowBytes` long in the stream (filter byte
    /// included), so row `y'`, column `x'` lies `(y − y') · rowBytes + 3 (x − x')` bytes back.
    @inline(__always)
    func longestEarlier(in image: OpaquePixelRows, y: Int, x: Int, rowBytes: Int) -> (pixels: Int, distance: Int) {
        let row = image.row(y)
        let pixel = row[x]
        var candidate = heads[PixelPlaces.hash(pixel)]
        var bestLength = 0, bestDistance = 0
        var tries = PixelPlaces.depth
        let currentOffset = y * stride + x
        // Wrapping arithmetic: every value here is bounded by the image size, checked when the image was accepted.
        while candidate >= 0, tries > 0 {
            let cy = Int(truncatingIfNeeded: candidate >> 40), offset = Int(truncatingIfNeeded: candidate & 0xFF_FFFF_FFFF)
            let cx = offset &- cy &* stride
            let distance = (y &- cy) &* rowBytes &+ 3 &* (x &- cx)
            guard distance > 0, distance <= 32768, offset < currentOffset else { break }
            let source = image.base + offset
            let limit = image.width &- max(x, cx)
            // Only a run longer than the best so far counts, so its pixel at the best length is checked first.
            if bestLength < limit, source[bestLength] == row[x &+ bestLength], source[0] == pixel {
                let here = row + x
                var k = 1
                while k &+ 2 <= limit, RowDeflater.pair(source + k) == RowDeflater.pair(here + k) { k &+= 2 }
                while k < limit, source[k] == here[k] { k &+= 1 }
                if k > bestLength {
                    bestLength = k
                    bestDistance = distance
                    if k >= PixelPlaces.enoughPixels { break }
                }
            }
            candidate = links[offset & ringMask]
            tries &-= 1
        }
        return (bestLength, bestDistance)
    }
}

extension RowDeflater {
    /// Appends row `y` of `image` (opaque pixels) as the PNG row (filter byte 0, then R, G, B per pixel), without
    /// converting the row to bytes first. Needs a row above (y ≥ 1) and rows that can match it (`canMatchAbove`).
    ///
    /// Pixels equal to the ones above (compared two at a time) become matches one row up, and a run of one colour
    /// a match one pixel left: where both apply, the left one if it is as long or at least `leftRunWorthASplit`
    /// pixels. Where neither applies, `places` is asked for the longest earlier run of the same pixels within the
    /// window (a glyph drawn again, a hatch line one row and a few pixels back, a marker repeated). Only pixels no
    /// match covers are converted and written as three literals. The row's Adler-32 sums are the previous row's,
    /// changed only at pixels that differ from above. Matches start and end at pixel boundaries, which costs little
    /// on plots.
    func append(opaqueRow y: Int, of image: OpaquePixelRows, places: PixelPlaces) {
        let width = image.width
        guard pixelBytes == 3, canMatchAbove, y > 0, let before = previousRowSums, rowBytes == 1 + 3 * width else {
            preconditionFailure("append(opaqueRow:) needs RGB rows that can match the row above, after a first row")
        }
        let row = image.row(y), above = image.row(y - 1)
        repeatedRowTokenCount = -1
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
                    let length = RowDeflater.nextMatchLength(remaining: remaining)
                    tokens[count] = RowDeflater.matchToken(length: length, distance: distance, distanceCode: code)
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
            @inline(__always) func equalAbove(from start: Int) -> Int {
                var x = start
                while x + 2 <= width {
                    let a = RowDeflater.pair(row + x), b = RowDeflater.pair(above + x)
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
            /// Pixel x's three bytes (at 1 + 3x …) may differ from those above: their change of the Adler-32 sums.
            @inline(__always) func changed(_ x: Int) {
                let p = row[x], q = above[x]
                guard p != q else { return }
                let weight = n - 1 - 3 * x
                change.add(UInt8(truncatingIfNeeded: p >> 16), replacing: UInt8(truncatingIfNeeded: q >> 16), weight: weight)
                change.add(UInt8(truncatingIfNeeded: p >> 8), replacing: UInt8(truncatingIfNeeded: q >> 8), weight: weight - 1)
                change.add(UInt8(truncatingIfNeeded: p), replacing: UInt8(truncatingIfNeeded: q), weight: weight - 2)
            }

            /// Number of pixels from `start` on equal to the pixel before it, with their change of the Adler-32 sums
            /// counted (nothing for pixels also equal to those above, so the count holds whichever match covers them).
            @inline(__always) func equalLeftCountingChanges(from start: Int) -> Int {
                let p = row[start - 1]
                let twice = RowDeflater.pair(repeating: p)
                var x = start
                while x + 2 <= width, RowDeflater.pair(row + x) == twice {
                    if RowDeflater.pair(above + x) != twice { changed(x); changed(x + 1) }
                    x += 2
                }
                if x < width, row[x] == p { changed(x); x += 1 }
                return x - start
            }
            /// Whether a run of `left` pixels copied one pixel back is worth more than the first `left` pixels of a
            /// run of `up` pixels copied from the row above (`up` ≥ 1).
            @inline(__always) func prefersLeft(_ left: Int, over up: Int) -> Bool {
                left >= up || left >= RowDeflater.leftRunWorthASplit
            }

            // The filter byte equals the one above, so it joins a leading run of pixels equal to those above,
            // unless a run of one colour from pixel 1 on is better copied one pixel back.
            var x = equalAbove(from: 0)
            var leftRunAtOne = 0
            if x >= 2, row[1] == row[0] {
                let run = equalLeftCountingChanges(from: 1)
                if prefersLeft(run, over: x - 1) { x = 1; leftRunAtOne = run }
            }
            if x > 0 { matches(1 + 3 * x, distance: n, code: upCode) } else { literal(0) }
            while x < width {
                let p = row[x]
                var length = 0, distance = n
                if x == 1, leftRunAtOne > 0 {
                    length = leftRunAtOne
                    distance = 3
                } else if p == above[x] {
                    // A long run of one colour is copied one pixel back without measuring the run above.
                    let run = x > 0 && p == row[x - 1] ? equalLeftCountingChanges(from: x) : 0
                    if run >= RowDeflater.leftRunWorthASplit {
                        length = run
                        distance = 3
                    } else {
                        length = equalAbove(from: x)
                        if run > 0, prefersLeft(run, over: length) { length = run; distance = 3 }
                    }
                } else if x > 0, p == row[x - 1] {
                    length = equalLeftCountingChanges(from: x)
                    distance = 3
                }
                if length == 0 {
                    let earlier = places.longestEarlier(in: image, y: y, x: x, rowBytes: n)
                    length = earlier.pixels
                    distance = earlier.distance
                    places.insert(p, y: y, x: x)
                } else if distance == 3 {
                    places.insert(p, y: y, x: x)
                }
                if length == 0 {
                    changed(x)
                    literal(UInt8(truncatingIfNeeded: p >> 16))
                    literal(UInt8(truncatingIfNeeded: p >> 8))
                    literal(UInt8(truncatingIfNeeded: p))
                    x += 1
                    continue
                }
                if distance != n, distance != 3 {  // (runs one pixel back counted their changes as they were measured)
                    for k in x..<(x + length) { changed(k) }
                }
                let code = distance == n ? upCode : distance == 3 ? leftCode : DeflateTables.distanceCodeIndex(distance)
                matches(3 * length, distance: distance, code: code)
                x += length
            }
        }
        tokenCount = count
        let sums = before.changed(by: change)
        adler.append(sums)
        previousRowSums = sums
        flushBlockIfFull(final: false)
    }
}
