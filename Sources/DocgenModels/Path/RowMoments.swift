import CLapack
import Foundation
import Synchronization

/// Sums over a set of rows of a data set, taken about a fixed point (c, c_y): for u = x − c (the p features) and
/// v = y − c_y, the count, Σu, Σv, Σuuᵀ, Σuv and Σv², and each feature's least and greatest raw value (which tell a
/// constant column exactly, where a variance computed from sums may be a rounding error above 0).
///
/// Taken about the data's means, the sums lose almost nothing to cancellation when they are centred again on a
/// subset's own means (a fold's training rows), and every least-squares quantity of a subset follows from them.
struct ShiftedSums: Sendable, Equatable {
    var count = 0
    /// Σu, one entry per feature.
    var u: [Double]
    var v = 0.0
    /// Σuuᵀ, p×p column-major; only the upper triangle (row ≤ column, `uu[k * p + j]` for j ≤ k) is kept.
    var uu: [Double]
    /// Σu·v.
    var uv: [Double]
    var vv = 0.0
    /// Least and greatest raw value of each feature (+∞ and −∞ over no rows).
    var low: [Double]
    var high: [Double]

    init(features p: Int) {
        u = [Double](repeating: 0, count: p)
        uu = [Double](repeating: 0, count: p * p)
        uv = u
        low = [Double](repeating: .infinity, count: p)
        high = [Double](repeating: -.infinity, count: p)
    }

    var featureCount: Int { u.count }

    /// Σu_j·u_k from the kept triangle.
    func cross(_ j: Int, _ k: Int) -> Double { j <= k ? uu[k * featureCount + j] : uu[j * featureCount + k] }

    static func += (a: inout ShiftedSums, b: ShiftedSums) {
        a.count += b.count
        a.v += b.v
        a.vv += b.vv
        for j in a.u.indices {
            a.u[j] += b.u[j]; a.uv[j] += b.uv[j]
            a.low[j] = min(a.low[j], b.low[j]); a.high[j] = max(a.high[j], b.high[j])
        }
        for k in a.uu.indices { a.uu[k] += b.uu[k] }
    }
}

/// How many data rows `RowGroupMoments` has read, counted in debug builds only: a fit from moments reads each row twice
/// (its mean, then its sums) whatever the number of folds; tests hold it to that.
enum MomentRowReads {
    #if DEBUG
    private static let counter = Mutex(0)
    #endif

    static func record(_ rows: Int) {
        #if DEBUG
        counter.withLock { $0 += rows }
        #endif
    }

    /// Rows read so far (always 0 in a release build).
    static var count: Int {
        #if DEBUG
        return counter.withLock { $0 }
        #else
        return 0
        #endif
    }
}

/// `ShiftedSums` for groups of rows (a cross-validation fold's held-out rows, a split's test rows), all about the
/// same point, the mean of every row in a group, gathered in one pass over the data.
struct RowGroupMoments: Sendable {
    /// c: each feature's mean over the grouped rows.
    let featureShift: [Double]
    /// c_y: the target's mean over the grouped rows.
    let targetShift: Double
    /// One entry per group.
    let groups: [ShiftedSums]

    /// How many rows are gathered before their products are added (per group, by BLAS dsyrk).
    static let block = 2048

    /// `groupOf[i]` is row i's group in 0..<groupCount, or −1 for a row in none. With `threads` 2 each half of the
    /// rows is summed on its own thread and the halves are added in order, so the result depends on the thread count
    /// (a function of the data's size), never on the schedule.
    init(_ data: Dataset, groupOf: [Int32], groupCount: Int, threads: Int = 1) {
        let n = data.rowCount, p = data.featureCount
        precondition(groupOf.count == n)
        var shift = [Double](repeating: 0, count: p)
        var used = 0, ySum = 0.0
        data.x.withUnsafeBufferPointer { x in
            for i in 0..<n where groupOf[i] >= 0 { used += 1; ySum += data.y[i] }
            for j in 0..<p {
                var s = 0.0
                let column = x.baseAddress! + j * n
                for i in 0..<n where groupOf[i] >= 0 { s += column[i] }
                shift[j] = used > 0 ? s / Double(used) : 0
            }
        }
        MomentRowReads.record(n)
        let targetShift = used > 0 ? ySum / Double(used) : 0
        let parts = max(1, min(threads, n / Self.block)), center = shift
        let partial = Mutex([[ShiftedSums]](repeating: [], count: parts))
        DispatchQueue.concurrentPerform(iterations: parts) { part in
            let lo = n * part / parts, hi = n * (part + 1) / parts
            let sums = Self.sums(data, groupOf: groupOf, groupCount: groupCount, rows: lo..<hi, shift: center,
                                 targetShift: targetShift)
            partial.withLock { $0[part] = sums }
        }
        let halves = partial.withLock { $0 }
        var groups = halves[0]
        for part in 1..<parts { for g in 0..<groupCount { groups[g] += halves[part][g] } }
        featureShift = shift
        self.targetShift = targetShift
        self.groups = groups
    }

    /// The sums of `groups`, added in the order given.
    func sums(of chosen: some Sequence<Int>) -> ShiftedSums {
        var total = ShiftedSums(features: featureShift.count)
        for g in chosen { total += groups[g] }
        return total
    }

    /// Each group's sums over `rows`: the rows of a block are gathered group by group into one column-major buffer
    /// (shifted), then each group's slice is added with one dsyrk (Σuuᵀ) and one dgemv (Σuv).
    private static func sums(_ data: Dataset, groupOf: [Int32], groupCount: Int, rows: Range<Int>, shift: [Double],
                             targetShift cy: Double) -> [ShiftedSums] {
        MomentRowReads.record(rows.count)
        let n = data.rowCount, p = data.featureCount, block = Self.block
        var out = [ShiftedSums](repeating: ShiftedSums(features: p), count: groupCount)
        var buffer = [Double](repeating: 0, count: block * p)
        var target = [Double](repeating: 0, count: block)
        var order = [Int](repeating: 0, count: block)
        var starts = [Int](repeating: 0, count: groupCount + 1)
        data.x.withUnsafeBufferPointer { x in data.y.withUnsafeBufferPointer { y in
            var lo = rows.lowerBound
            while lo < rows.upperBound {
                let hi = min(lo + block, rows.upperBound)
                // Counting sort of the block's rows by group.
                for g in 0...groupCount { starts[g] = 0 }
                for i in lo..<hi where groupOf[i] >= 0 { starts[Int(groupOf[i]) + 1] += 1 }
                for g in 0..<groupCount { starts[g + 1] += starts[g] }
                var next = starts
                for i in lo..<hi where groupOf[i] >= 0 {
                    let g = Int(groupOf[i])
                    order[next[g]] = i; next[g] += 1
                }
                let m = starts[groupCount]
                buffer.withUnsafeMutableBufferPointer { b in target.withUnsafeMutableBufferPointer { t in
                    for k in 0..<m { t[k] = y[order[k]] - cy }
                    for j in 0..<p {
                        let column = x.baseAddress! + j * n, c = shift[j], dst = b.baseAddress! + j * block
                        for k in 0..<m { dst[k] = column[order[k]] - c }
                    }
                    for g in 0..<groupCount where starts[g + 1] > starts[g] {
                        let s = starts[g], e = starts[g + 1], count = e - s
                        out[g].count += count
                        for k in s..<e { out[g].v += t[k]; out[g].vv += t[k] * t[k] }
                        for j in 0..<p {
                            let column = b.baseAddress! + j * block
                            var sum = 0.0
                            for k in s..<e { sum += column[k] }
                            out[g].u[j] += sum
                            let raw = x.baseAddress! + j * n
                            var least = out[g].low[j], greatest = out[g].high[j]
                            for k in s..<e { let value = raw[order[k]]; least = min(least, value); greatest = max(greatest, value) }
                            out[g].low[j] = least; out[g].high[j] = greatest
                        }
                        out[g].uu.withUnsafeMutableBufferPointer { c in
                            docgen_cblas_dsyrk(CblasColMajor, CblasUpper, CblasTrans, Int32(p), Int32(count), 1, b.baseAddress! + s,
                                        Int32(block), 1, c.baseAddress, Int32(p))
                        }
                        out[g].uv.withUnsafeMutableBufferPointer { c in
                            docgen_cblas_dgemv(CblasColMajor, CblasTrans, Int32(count), Int32(p), 1, b.baseAddress! + s,
                                        Int32(block), t.baseAddress! + s, 1, 1, c.baseAddress, 1)
                        }
                    }
                } }
                lo = hi
            }
        } }
        return out
    }
}
