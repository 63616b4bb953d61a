/// The matrix products of a network's forward and backward passes, in docgen's own code with a fixed order of
/// summation: every entry is a running sum in increasing index of the summed dimension, so the result does not
/// depend on the blocking below, on the machine, or on how many threads the rest of the program uses (BLAS's
/// `dgemm` picks kernels and blockings per processor, and its sums change with them).
///
/// Matrices are row-major: entry (i, j) of an r × c matrix `m` is `m[i * c + j]`. Blocking only decides which
/// independent sums are carried side by side in SIMD registers; each lane is one entry's own running sum.
enum DenseKernels {
    typealias Vector = SIMD4<Double>

    @inline(__always)
    private static func load(_ p: UnsafePointer<Double>) -> Vector {
        UnsafeRawPointer(p).loadUnaligned(as: Vector.self)
    }

    @inline(__always)
    private static func store(_ v: Vector, _ p: UnsafeMutablePointer<Double>) {
        UnsafeMutableRawPointer(p).storeBytes(of: v, as: Vector.self)
    }

    /// c = bias + a·b: c[i, j] = bias[j] + a[i, 0]·b[0, j] + a[i, 1]·b[1, j] + … (a: rows × inner, b: inner × cols,
    /// c: rows × cols). Without `bias` the sum starts from its first product.
    static func multiply(rows: Int, inner: Int, cols: Int, a: UnsafePointer<Double>, b: UnsafePointer<Double>,
                         bias: UnsafePointer<Double>?, c: UnsafeMutablePointer<Double>) {
        let vectorCols = cols - cols % 4
        var i = 0
        // Four rows at a time, four columns per register.
        while i + 4 <= rows {
            let a0 = a + i * inner, a1 = a0 + inner, a2 = a1 + inner, a3 = a2 + inner
            var j = 0
            while j < vectorCols {
                let start = bias.map { load($0 + j) } ?? Vector(repeating: 0)
                var s0 = start, s1 = start, s2 = start, s3 = start
                for k in 0..<inner {
                    let w = load(b + k * cols + j)
                    s0 += Vector(repeating: a0[k]) * w
                    s1 += Vector(repeating: a1[k]) * w
                    s2 += Vector(repeating: a2[k]) * w
                    s3 += Vector(repeating: a3[k]) * w
                }
                store(s0, c + i * cols + j); store(s1, c + (i + 1) * cols + j)
                store(s2, c + (i + 2) * cols + j); store(s3, c + (i + 3) * cols + j)
                j += 4
            }
            for r in 0..<4 { scalarColumns(from: vectorCols, row: i + r, inner: inner, cols: cols, a: a, b: b, bias: bias, c: c) }
            i += 4
        }
        while i < rows {
            let ar = a + i * inner
            var j = 0
            while j < vectorCols {
                var s = bias.map { load($0 + j) } ?? Vector(repeating: 0)
                for k in 0..<inner { s += Vector(repeating: ar[k]) * load(b + k * cols + j) }
                store(s, c + i * cols + j)
                j += 4
            }
            scalarColumns(from: vectorCols, row: i, inner: inner, cols: cols, a: a, b: b, bias: bias, c: c)
            i += 1
        }
    }

    /// Columns `first…` of row `row` of `multiply`, one at a time (the same sums).
    @inline(__always)
    private static func scalarColumns(from first: Int, row i: Int, inner: Int, cols: Int, a: UnsafePointer<Double>,
                                      b: UnsafePointer<Double>, bias: UnsafePointer<Double>?,
                                      c: UnsafeMutablePointer<Double>) {
        guard first < cols else { return }
        let ar = a + i * inner
        for j in first..<cols {
            var s = bias?[j] ?? 0
            for k in 0..<inner { s += ar[k] * b[k * cols + j] }
            c[i * cols + j] = s
        }
    }

    /// g += aᵀ·d: g[k, j] += a[0, k]·d[0, j] + a[1, k]·d[1, j] + … in increasing row (a: rows × m, d: rows × cols,
    /// g: m × cols). Rows are taken in tiles so both operands stay in cache; a tile continues each entry's
    /// running sum from where the previous tile left it, so the order is the same as without tiles.
    static func accumulateTransposedProduct(rows: Int, m: Int, cols: Int, a: UnsafePointer<Double>,
                                            d: UnsafePointer<Double>, g: UnsafeMutablePointer<Double>) {
        let tile = 256
        let vectorCols = cols - cols % 4
        var start = 0
        while start < rows {
            let end = min(rows, start + tile)
            var k = 0
            while k + 4 <= m {
                var j = 0
                while j < vectorCols {
                    var s0 = load(g + k * cols + j), s1 = load(g + (k + 1) * cols + j)
                    var s2 = load(g + (k + 2) * cols + j), s3 = load(g + (k + 3) * cols + j)
                    for i in start..<end {
                        let dv = load(d + i * cols + j)
                        let ar = a + i * m + k
                        s0 += Vector(repeating: ar[0]) * dv
                        s1 += Vector(repeating: ar[1]) * dv
                        s2 += Vector(repeating: ar[2]) * dv
                        s3 += Vector(repeating: ar[3]) * dv
                    }
                    store(s0, g + k * cols + j); store(s1, g + (k + 1) * cols + j)
                    store(s2, g + (k + 2) * cols + j); store(s3, g + (k + 3) * cols + j)
                    j += 4
                }
                for r in k..<(k + 4) { scalarGradient(row: r, from: vectorCols, rows: start..<end, m: m, cols: cols, a: a, d: d, g: g) }
                k += 4
            }
            while k < m {
                var j = 0
                while j < vectorCols {
                    var s = load(g + k * cols + j)
                    for i in start..<end { s += Vector(repeating: a[i * m + k]) * load(d + i * cols + j) }
                    store(s, g + k * cols + j)
                    j += 4
                }
                scalarGradient(row: k, from: vectorCols, rows: start..<end, m: m, cols: cols, a: a, d: d, g: g)
                k += 1
            }
            start = end
        }
    }

    @inline(__always)
    private static func scalarGradient(row k: Int, from first: Int, rows: Range<Int>, m: Int, cols: Int,
                                       a: UnsafePointer<Double>, d: UnsafePointer<Double>,
                                       g: UnsafeMutablePointer<Double>) {
        guard first < cols else { return }
        for j in first..<cols {
            var s = g[k * cols + j]
            for i in rows { s += a[i * m + k] * d[i * cols + j] }
            g[k * cols + j] = s
        }
    }

    /// s[j] = d[0, j] + d[1, j] + … (d: rows × cols), in increasing row.
    static func columnSums(rows: Int, cols: Int, d: UnsafePointer<Double>, s: UnsafeMutablePointer<Double>) {
        for j in 0..<cols { s[j] = 0 }
        let vectorCols = cols - cols % 4
        for i in 0..<rows {
            let row = d + i * cols
            var j = 0
            while j < vectorCols { store(load(s + j) + load(row + j), s + j); j += 4 }
            while j < cols { s[j] += row[j]; j += 1 }
        }
    }

    /// t = mᵀ (m: rows × cols, t: cols × rows).
    static func transpose(rows: Int, cols: Int, m: UnsafePointer<Double>, t: UnsafeMutablePointer<Double>) {
        for i in 0..<rows { for j in 0..<cols { t[j * rows + i] = m[i * cols + j] } }
    }
}
