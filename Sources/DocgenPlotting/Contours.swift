import Foundation

/// Contour extraction by marching squares on a rectangular grid.
public enum Contours {
    /// A straight piece of a contour line in data coordinates.
    public struct Segment: Sendable, Equatable {
        public var x0: Double, y0: Double, x1: Double, y1: Double
    }

    /// Segments of the level set {f = level} of a function sampled as `values[j][i]` = f(`xs[i]`, `ys[j]`).
    /// Crossings are placed by linear interpolation along cell edges. In the ambiguous saddle cells (two
    /// opposite corners above the level, two below), the cell centre value — the mean of the four corners,
    /// the bilinear interpolant's value there — decides whether the high corners connect through the centre.
    /// Non-finite corners skip the cell. Ragged or mismatched grids yield no segments.
    public static func segments(xs: [Double], ys: [Double], values: [[Double]], level: Double) -> [Segment] {
        guard xs.count >= 2, ys.count >= 2, values.count == ys.count,
              values.allSatisfy({ $0.count == xs.count }) else { return [] }
        var result: [Segment] = []
        for j in 0..<(ys.count - 1) {
            let below = values[j], above = values[j + 1]
            let y0 = ys[j], y1 = ys[j + 1]
            for i in 0..<(xs.count - 1) {
                // Corners counter-clockwise from bottom-left: (i,j), (i+1,j), (i+1,j+1), (i,j+1).
                let v0 = below[i], v1 = below[i + 1], v2 = above[i + 1], v3 = above[i]
                guard v0.isFinite, v1.isFinite, v2.isFinite, v3.isFinite else { continue }
                let index = (v0 > level ? 1 : 0) | (v1 > level ? 2 : 0) | (v2 > level ? 4 : 0) | (v3 > level ? 8 : 0)
                if index == 0 || index == 15 { continue }
                let x0 = xs[i], x1 = xs[i + 1]
                @inline(__always) func corner(_ k: Int) -> (x: Double, y: Double, v: Double) {
                    switch k & 3 {
                    case 0: return (x0, y0, v0)
                    case 1: return (x1, y0, v1)
                    case 2: return (x1, y1, v2)
                    default: return (x0, y1, v3)
                    }
                }
                // Crossing point on edge k (between corner k and corner k+1).
                @inline(__always) func crossing(_ k: Int) -> (Double, Double) {
                    // Interpolate from the corner with the smaller (x, y) so that the two cells sharing an
                    // edge compute bit-identical crossings and the segments join exactly.
                    var a = corner(k), b = corner(k + 1)
                    if (a.x, a.y) > (b.x, b.y) { swap(&a, &b) }
                    let t = (level - a.v) / (b.v - a.v)
                    return (a.x + t * (b.x - a.x), a.y + t * (b.y - a.y))
                }
                func add(_ e0: Int, _ e1: Int) {
                    let p = crossing(e0), q = crossing(e1)
                    result.append(Segment(x0: p.0, y0: p.1, x1: q.0, y1: q.1))
                }
                // Edges crossed: an edge k is crossed when corners k and k+1 are on different sides.
                if index == 5 || index == 10 {
                    let centreHigh = (v0 + v1 + v2 + v3) / 4 > level
                    // index 5: corners 0 and 2 high. If the centre is high they join, cutting off corners 1 and 3.
                    if (index == 5) == centreHigh {
                        add(0, 1); add(2, 3)   // isolate corners 1 and 3
                    } else {
                        add(3, 0); add(1, 2)   // isolate corners 0 and 2
                    }
                    continue
                }
                var first = -1, second = -1
                for k in 0..<4 where (index >> k & 1) != (index >> ((k + 1) & 3) & 1) {
                    if first < 0 { first = k } else { second = k }
                }
                if second >= 0 { add(first, second) }
            }
        }
        return result
    }
}

/// One-dimensional label placement without overlaps.
public enum LabelPlacement {
    /// Positions p (same order as `wanted`) minimizing Σ(pᵢ − wantedᵢ)² subject to labels `gap` apart in the
    /// order of their wanted positions and all within [`low`, `high`]. Substituting qᵢ = p₍ᵢ₎ − i·gap (in
    /// sorted order) turns the spacing constraints into q non-decreasing: an isotonic regression solved
    /// exactly by pool-adjacent-violators; the bounds become one common box on q, so clamping is optimal.
    /// When the labels cannot fit, `gap` is shrunk to (high − low)/(n − 1).
    public static func spread(_ wanted: [Double], gap: Double, low: Double, high: Double) -> [Double] {
        let n = wanted.count
        guard n > 0 else { return [] }
        let order = wanted.indices.sorted { wanted[$0] < wanted[$1] || (wanted[$0] == wanted[$1] && $0 < $1) }
        let g = n > 1 ? min(gap, max(0, (high - low) / Double(n - 1))) : gap
        let target = order.enumerated().map { rank, index in wanted[index] - Double(rank) * g }
        // Pool adjacent violators: blocks of (mean, count).
        var means: [Double] = [], counts: [Int] = []
        for t in target {
            means.append(t); counts.append(1)
            while means.count >= 2 && means[means.count - 2] > means[means.count - 1] {
                let c1 = counts.removeLast(), m1 = means.removeLast()
                let c0 = counts[counts.count - 1], m0 = means[means.count - 1]
                means[means.count - 1] = (m0 * Double(c0) + m1 * Double(c1)) / Double(c0 + c1)
                counts[counts.count - 1] = c0 + c1
            }
        }
        let qLow = low, qHigh = max(low, high - Double(n - 1) * g)
        var q: [Double] = []
        for (m, c) in zip(means, counts) { q += Array(repeating: min(max(m, qLow), qHigh), count: c) }
        var result = [Double](repeating: 0, count: n)
        for (rank, index) in order.enumerated() { result[index] = q[rank] + Double(rank) * g }
        return result
    }
}

extension Contours {
    /// The level set as polylines: segments chained at shared endpoints (which marching squares computes
    /// bit-identically in neighbouring cells), so dash patterns run continuously along each curve.
    /// Closed curves repeat their first point at the end.
    public static func polylines(xs: [Double], ys: [Double], values: [[Double]], level: Double) -> [[(Double, Double)]] {
        let segments = segments(xs: xs, ys: ys, values: values, level: level)
        struct Key: Hashable { var x: Double, y: Double }
        var byEndpoint: [Key: [Int]] = [:]
        for (i, s) in segments.enumerated() {
            byEndpoint[Key(x: s.x0, y: s.y0), default: []].append(i)
            byEndpoint[Key(x: s.x1, y: s.y1), default: []].append(i)
        }
        var used = [Bool](repeating: false, count: segments.count)
        var result: [[(Double, Double)]] = []
        func extend(_ line: inout [(Double, Double)]) {
            while let last = line.last,
                  let next = byEndpoint[Key(x: last.0, y: last.1)]?.first(where: { !used[$0] }) {
                used[next] = true
                let s = segments[next]
                line.append(s.x0 == last.0 && s.y0 == last.1 ? (s.x1, s.y1) : (s.x0, s.y0))
            }
        }
        for i in segments.indices where !used[i] {
            used[i] = true
            var forward = [(segments[i].x0, segments[i].y0), (segments[i].x1, segments[i].y1)]
            extend(&forward)
            var backward = [forward[0]]
            extend(&backward)
            result.append(backward.reversed().dropLast() + forward)
        }
        return result
    }
}

/// The level sets asked for most recently, shared by all drawing threads.
///
/// A figure is drawn once per theme from one figure model, so the second drawing asks for exactly the contours of
/// the first; the grids are then the same arrays, which `==` recognises without reading them. Marching squares is
/// the costliest step of a constraint-geometry figure, and this halves it.
enum RecentContours {
    private struct Entry {
        var xs: [Double], ys: [Double], values: [[Double]], level: Double
        var polylines: [[(Double, Double)]]
    }
    private static let lock = NSLock()
    nonisolated(unsafe) private static var entries: [Entry] = []
    private static let capacity = 16

    static func polylines(xs: [Double], ys: [Double], values: [[Double]], level: Double) -> [[(Double, Double)]] {
        lock.lock()
        if let hit = entries.first(where: { $0.level == level && $0.xs == xs && $0.ys == ys && $0.values == values }) {
            lock.unlock()
            return hit.polylines
        }
        lock.unlock()
        let lines = Contours.polylines(xs: xs, ys: ys, values: values, level: level)
        lock.lock()
        entries.append(Entry(xs: xs, ys: ys, values: values, level: level, polylines: lines))
        if entries.count > capacity { entries.removeFirst(entries.count - capacity) }
        lock.unlock()
        return lines
    }
}
