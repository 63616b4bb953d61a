import Foundation

/// Data extents of a panel's items and the automatic axis domains derived from them.
enum Extents {
    static func values(of items: [PlotItem], horizontal: Bool) -> [Double] {
        var out: [Double] = []
        for item in items {
            switch item {
            case .line(let s): out += horizontal ? s.xs : s.ys
            case .scatter(let s): out += horizontal ? s.xs : s.ys
            case .errorBars(let e): out += horizontal ? e.xs : e.lower + e.upper
            case .band(let b): out += horizontal ? b.xs : b.lower + b.upper
            case .xSpan: break
            case .reference(let r):
                if (r.orientation == .vertical) == horizontal { out.append(r.value) }
            case .polygon(let p): out += horizontal ? p.xs : p.ys
            case .contour(let c):
                let axis = horizontal ? c.xs : c.ys
                if let lo = axis.min(), let hi = axis.max() { out += [lo, hi] }
            case .arrow(let a): out += horizontal ? [a.fromX, a.toX] : [a.fromY, a.toY]
            case .text(let t): out.append(horizontal ? t.x : t.y)
            case .bars(let b): out += horizontal ? b.x0 + b.x1 : b.base + b.top
            }
        }
        return out.filter { $0.isFinite }
    }

    /// The domain an axis shows: its fixed range, or the data range with a small margin
    /// (4 % of the span on linear axes, 3 % of the decades on log axes). Always non-degenerate.
    static func domain(for axis: Axis, values: [Double]) -> (Double, Double) {
        if let r = axis.range, r.upperBound > r.lowerBound,
           axis.scale == .linear || r.lowerBound > 0 { return (r.lowerBound, r.upperBound) }
        if let categories = axis.categories { return (-0.6, Double(max(1, categories.count)) - 0.4) }
        switch axis.scale {
        case .linear:
            var lo = values.min() ?? 0, hi = values.max() ?? 1
            if axis.includeZero { lo = min(lo, 0); hi = max(hi, 0) }
            if hi - lo <= max(abs(hi), abs(lo)) * 1e-12 {
                let d = lo == 0 ? 1 : abs(lo) * 0.1
                return (lo - d, hi + d)
            }
            let pad = 0.04 * (hi - lo)
            return (lo - (axis.includeZero && lo == 0 ? 0 : pad), hi + (axis.includeZero && hi == 0 ? 0 : pad))
        case .log:
            let positive = values.filter { $0 > 0 }
            guard let mn = positive.min(), let mx = positive.max() else { return (1, 10) }
            var lo = log10(mn), hi = log10(mx)
            if hi - lo < 1e-9 { lo -= 0.5; hi += 0.5 }
            let pad = 0.03 * (hi - lo)
            return (pow(10, lo - pad), pow(10, hi + pad))
        }
    }
}
