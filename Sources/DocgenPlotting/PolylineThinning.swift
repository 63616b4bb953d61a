/// Fewer points for a polyline far denser than the pixels it is drawn on, with the same look.
///
/// A path of 5,000 α drawn 560 CSS px wide puts about nine points in every CSS pixel; Cairo strokes each segment,
/// which made one figure cost half a second. Points are grouped by `bucket`-wide columns of x, and each
/// group keeps its first, lowest, highest and last points, in their order along the line: the drawn line still
/// reaches every extreme of every column and joins the columns where it did, and no point moves. Polylines with at
/// most four points per bucket on average (a 100-α path has one in five), and curves whose x turns back (contours,
/// outlines), are returned as they are, so ordinary figures are drawn exactly as before.
enum PolylineThinning {
    /// Columns of this width in CSS pixels (2.5 device pixels at the figures' scale): over so short a stretch a
    /// plotted curve is straight to well within a device pixel, so the points between a column's extremes add
    /// nothing visible.
    static let bucket = 1.0

    static func thinned(_ points: [(Double, Double)], bucket: Double = bucket) -> [(Double, Double)] {
        guard points.count > 8, let minX = points.map(\.0).min(), let maxX = points.map(\.0).max(),
              Double(points.count) > 4 * (maxX - minX) / bucket, isMonotoneInX(points) else { return points }
        var out: [(Double, Double)] = []
        out.reserveCapacity(Int((maxX - minX) / bucket) * 4 + 4)
        var start = 0
        while start < points.count {
            let column = (points[start].0 / bucket).rounded(.down)
            var end = start + 1
            while end < points.count, (points[end].0 / bucket).rounded(.down) == column { end += 1 }
            // The group start..<end: first, lowest, highest, last, in the order they come.
            var low = start, high = start
            for k in start..<end {
                if points[k].1 < points[low].1 { low = k }
                if points[k].1 > points[high].1 { high = k }
            }
            for k in Set([start, low, high, end - 1]).sorted() { out.append(points[k]) }
            start = end
        }
        return out
    }

    /// Whether x never turns back: a function's graph (a path, a curve over α), not a contour or an outline.
    static func isMonotoneInX(_ points: [(Double, Double)]) -> Bool {
        var rising = true, falling = true
        for k in 1..<points.count {
            if points[k].0 < points[k - 1].0 { rising = false }
            if points[k].0 > points[k - 1].0 { falling = false }
        }
        return rising || falling
    }
}
