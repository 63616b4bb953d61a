import CNetworkKernels

/// The matrix products of a network's forward and backward passes, in docgen's own code with a fixed order of
/// summation: every entry is a running sum in increasing index of the summed dimension, so the result does not
/// depend on the blocking, on the machine, or on how many threads the rest of the program uses (BLAS's `dgemm` picks
/// kernels and blockings per processor, and its sums change with them).
///
/// Matrices are row-major: entry (i, j) of an r × c matrix `m` is `m[i * c + j]`. The two products run in C
/// (CNetworkKernels), where they can use AVX2 when the processor has it and still give the same bits everywhere.
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
    /// c: rows × cols). Without `bias` the sum starts from 0.
    @inline(__always)
    static func multiply(rows: Int, inner: Int, cols: Int, a: UnsafePointer<Double>, b: UnsafePointer<Double>,
                         bias: UnsafePointer<Double>?, c: UnsafeMutablePointer<Double>) {
        docgen_dense_multiply(rows, inner, cols, a, b, bias, c)
    }

    /// g += aᵀ·d: g[k, j] += a[0, k]·d[0, j] + a[1, k]·d[1, j] + … in increasing row (a: rows × m, d: rows × cols,
    /// g: m × cols), each product added to the entry's running sum.
    @inline(__always)
    static func accumulateTransposedProduct(rows: Int, m: Int, cols: Int, a: UnsafePointer<Double>,
                                            d: UnsafePointer<Double>, g: UnsafeMutablePointer<Double>) {
        docgen_dense_accumulate_transposed(rows, m, cols, a, d, g)
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
