import Foundation

/// Where a panel's parts go, in CSS pixels; exposed so tests can map data to pixels.
public struct PanelLayout: Sendable {
    /// The data rectangle (inside the axes).
    public var plot: Rect
    public var x: AxisScale
    public var y: AxisScale
    public var xTicks: [Double]
    public var xTickLabels: [String]
    public var xMinorTicks: [Double]
    public var yTicks: [Double]
    public var yTickLabels: [String]
    public var yMinorTicks: [Double]
    /// 1, or 2 when crowded category labels alternate between two rows.
    public var xLabelRows: Int = 1
}

/// Computes margins, scales and ticks of one panel inside its grid cell.
struct PanelLayouter {
    let canvas: Canvas
    let theme: Theme
    /// Set by `layout` when the bottom margin has room for a second row of category labels.
    var xTwoRowsAllowed = false

    var tickGap: Double { 4 }

    /// `extraRight`: CSS px to keep free right of the plot (e.g. for an outside legend).
    mutating func layout(_ panel: Panel, in cell: Rect, extraRight: Double = 0) -> PanelLayout {
        let xDomain = Extents.domain(for: panel.x, values: Extents.values(of: panel.items, horizontal: true))
        let yDomain = Extents.domain(for: panel.y, values: Extents.values(of: panel.items, horizontal: false))
        let labelLine = theme.labelSize * 1.25
        let tickLabelHeight = theme.tickLabelSize * 1.3

        var top = 6.0
        let titleLines = self.titleLines(panel, width: cell.width).count
        if titleLines > 0 { top += theme.titleSize * 1.55 + Double(titleLines - 1) * titleLineStep }
        if panel.top != nil {
            top += theme.tickLength + tickGap + tickLabelHeight + labelLine + 2
        } else {
            top += theme.tickLabelSize * 0.5
        }
        var bottom = theme.tickLength + tickGap + tickLabelHeight + 6 + labelLine + 2
        // Crowded category labels alternate between two rows; reserve the second row up front.
        let allowTwoRows = panel.x.categories.map { categoryArrangement($0, width: cell.width - 80 - directLabelWidth(panel), rows: 1) == nil } ?? false
        if allowTwoRows { bottom += tickLabelHeight }
        xTwoRowsAllowed = allowTwoRows
        // The y axis takes one side, direct labels (when any) the other; the remaining side keeps a small margin.
        let directWidth = directLabelWidth(panel)
        let labelMargin = directWidth > 0 ? directWidth + 22 : 10.0
        var yMargin = panel.y.showsLabels ? 60.0 : theme.tickLength + 6
        let yRight = panel.yAxisSide == .right
        let labelsLeft = panel.directLabelSide == .left
        var left = 0.0, right = 0.0
        func sides() {
            left = yRight ? (labelsLeft ? labelMargin : 10) : yMargin + (labelsLeft && directWidth > 0 ? labelMargin : 0)
            right = (yRight ? yMargin : (labelsLeft ? 10 : labelMargin)) + extraRight
        }
        sides()
        func plotRect() -> Rect {
            let plot = Rect(x: cell.x + left, y: cell.y + top, width: max(20, cell.width - left - right),
                            height: max(20, cell.height - top - bottom))
            return panel.equalAspect ? equalAspect(plot, xDomain, yDomain, panel) : plot
        }
        // Two passes: the left margin depends on the y tick labels, which depend on the plot height only,
        // and the right margin on the last x tick label, which depends on the plot width.
        for _ in 0..<2 {
            var layout = axes(panel, plot: plotRect(), xDomain: xDomain, yDomain: yDomain)
            // Room for the last x tick label hanging past the plot's right edge (a right-hand y axis has it).
            if !yRight, !(directWidth > 0 && !labelsLeft), let last = layout.xTicks.last, let p = layout.x.pixel(last),
               let text = layout.xTickLabels.last {
                let w = canvas.measure(RichText(markup: text), size: theme.tickLabelSize).width
                let overhang = p + w / 2 + 4 - (cell.maxX - right)
                if overhang > 0 && right < overhang + 10 {
                    right = overhang + 10
                    layout = axes(panel, plot: plotRect(), xDomain: xDomain, yDomain: yDomain)
                }
            }
            let widest = layout.yTickLabels.map { canvas.measure(RichText(markup: $0), size: theme.tickLabelSize).width }
                .max() ?? 0
            yMargin = panel.y.showsLabels ? widest + theme.tickLength + tickGap + 8 + labelLine : theme.tickLength + 6
            let keptRight = right
            sides()
            right = max(right, keptRight)
        }
        return axes(panel, plot: plotRect(), xDomain: xDomain, yDomain: yDomain)
    }

    /// Shrinks the longer side so that one data unit has the same length on both axes (linear axes).
    private func equalAspect(_ plot: Rect, _ xd: (Double, Double), _ yd: (Double, Double), _ panel: Panel) -> Rect {
        guard panel.x.scale == .linear, panel.y.scale == .linear else { return plot }
        let ux = plot.width / (xd.1 - xd.0), uy = plot.height / (yd.1 - yd.0)
        let u = min(ux, uy)
        let w = u * (xd.1 - xd.0), h = u * (yd.1 - yd.0)
        return Rect(x: plot.x + (plot.width - w) / 2, y: plot.y + (plot.height - h) / 2, width: w, height: h)
    }

    /// Vertical distance between the lines of a wrapped panel title.
    var titleLineStep: Double { theme.titleSize * 0.92 * 1.2 }

    /// The panel title's lines at the width of `width` (at most two; the second is cut when it is still too long).
    func titleLines(_ panel: Panel, width: Double) -> [String] {
        guard let title = panel.title else { return [] }
        return canvas.wrapped(title, size: theme.titleSize * 0.92, maxWidth: width - 4, weight: .bold, maxLines: 2)
    }

    func directLabelWidth(_ panel: Panel) -> Double {
        var widest = 0.0
        for case .line(let s) in panel.items where s.directLabel {
            if let label = s.label {
                widest = max(widest, canvas.measure(RichText(markup: label), size: theme.annotationSize).width)
            }
        }
        return widest
    }

    private func axes(_ panel: Panel, plot: Rect, xDomain: (Double, Double), yDomain: (Double, Double)) -> PanelLayout {
        let xPixels = panel.x.reversed ? (plot.maxX, plot.x) : (plot.x, plot.maxX)
        let yPixels = panel.y.reversed ? (plot.y, plot.maxY) : (plot.maxY, plot.y)
        let xScale = AxisScale(kind: panel.x.scale, domain: xDomain, pixels: xPixels)
        let yScale = AxisScale(kind: panel.y.scale, domain: yDomain, pixels: yPixels)

        var (xt, xl, xm) = ticks(panel.x, domain: xDomain, length: plot.width, perTick: 75)
        // Fewer ticks until neighbouring x labels keep a clear gap.
        var target = max(2, Int(plot.width / 75) + 1)
        while target > 2 && panel.x.categories == nil && overlaps(xt, xl, scale: xScale, minGap: 12) {
            target -= 1
            (xt, xl, xm) = ticks(panel.x, domain: xDomain, length: Double(target - 1) * 75, perTick: 75)
        }
        var rows = 1
        if let categories = panel.x.categories {
            // Shown labels: all in one row, else all in two alternating rows (when reserved), else every k-th.
            let twoRows = xTwoRowsAllowed
            if categoryArrangement(categories, width: plot.width, rows: 1) != nil {
                rows = 1
            } else if twoRows, categoryArrangement(categories, width: plot.width, rows: 2) != nil {
                rows = 2
            } else {
                let k = categoryArrangement(categories, width: plot.width, rows: twoRows ? 2 : 1, thinning: true) ?? categories.count
                rows = twoRows ? 2 : 1
                xl = categories.indices.map { $0 % k == 0 ? categories[$0] : "" }
            }
        }
        let (yt, yl, ym) = ticks(panel.y, domain: yDomain, length: plot.height, perTick: 55)
        var result = PanelLayout(plot: plot, x: xScale, y: yScale, xTicks: xt, xTickLabels: xl, xMinorTicks: xm,
                                 yTicks: yt, yTickLabels: yl, yMinorTicks: ym)
        result.xLabelRows = rows
        return result
    }

    /// For category labels centred on integer positions over a plot `width` px wide: nil when the labels
    /// collide in the given number of alternating rows; otherwise 1 (without thinning) or, with `thinning`,
    /// the smallest k for which showing every k-th label avoids collisions.
    func categoryArrangement(_ categories: [String], width: Double, rows: Int, thinning: Bool = false) -> Int? {
        guard !categories.isEmpty else { return 1 }
        let spacing = width / (Double(categories.count) + 0.2)
        let widths = categories.map { canvas.measure(RichText(markup: $0), size: theme.tickLabelSize).width }
        for k in 1...(thinning ? categories.count : 1) {
            let shown = Swift.stride(from: 0, to: categories.count, by: k).map { $0 }
            var clear = true
            for (a, b) in zip(shown, shown.dropFirst(rows)) {
                if Double(b - a) * spacing < (widths[a] + widths[b]) / 2 + 10 { clear = false; break }
            }
            if clear { return k }
        }
        return nil
    }

    private func overlaps(_ ticks: [Double], _ labels: [String], scale: AxisScale, minGap: Double) -> Bool {
        var previousEnd = -Double.infinity
        let placed = zip(ticks, labels).compactMap { t, l -> (Double, Double)? in
            guard let p = scale.pixel(t) else { return nil }
            let w = canvas.measure(RichText(markup: l), size: theme.tickLabelSize).width
            return (p - w / 2, p + w / 2)
        }.sorted { $0.0 < $1.0 }
        for (start, end) in placed {
            if start < previousEnd + minGap { return true }
            previousEnd = end
        }
        return false
    }

    /// Major ticks, their labels and minor ticks for an axis of `length` CSS px.
    private func ticks(_ axis: Axis, domain: (Double, Double), length: Double, perTick: Double)
        -> ([Double], [String], [Double]) {
        if let categories = axis.categories {
            return (categories.indices.map(Double.init), categories, [])
        }
        switch axis.scale {
        case .linear:
            let t = Ticks.linear(domain.0, domain.1, targetCount: max(2, Int(length / perTick) + 1), inside: true)
            return (t, TickLabels.linear(t), [])
        case .log:
            let (major, minor) = Ticks.log(domain.0, domain.1, maxCount: max(2, Int(length / (perTick * 0.8)) + 1))
            let isDecades = major.allSatisfy { abs(log10($0) - log10($0).rounded()) < 1e-9 }
            return (major, isDecades ? TickLabels.log(major) : major.map { TickLabels.linear([$0])[0] }, minor)
        }
    }
}
