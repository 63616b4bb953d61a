import Foundation

/// Draws one panel: shaded spans, grid, data items, axes, labels, legend.
struct PanelPainter {
    let canvas: Canvas
    let theme: Theme
    let panel: Panel
    let layout: PanelLayout
    let cell: Rect
    /// Every text box drawn so far (CSS px), also used to keep later labels off earlier ones.
    var textBoxes: [Rect] = []
    /// Boxes inside the plot that later labels should avoid (reference-line labels, annotations).
    var plotLabelBoxes: [Rect] = []
    /// Pixel samples along the data (filled in `paint` before labels are placed).
    var cachedDataPoints: [(Double, Double)] = []
    /// Draw the legend right of the plot (the layout reserved room) instead of inside it.
    var legendOutside = false

    init(canvas: Canvas, theme: Theme, panel: Panel, layout: PanelLayout, cell: Rect) {
        self.canvas = canvas; self.theme = theme; self.panel = panel; self.layout = layout; self.cell = cell
    }

    var plot: Rect { layout.plot }
    func px(_ v: Double) -> Double? { layout.x.pixel(v) }
    func py(_ v: Double) -> Double? { layout.y.pixel(v) }

    mutating func paint() {
        for case .xSpan(let span) in panel.items { drawSpan(span) }
        drawGrid()
        canvas.context.save()
        canvas.clip(to: plot.insetBy(-1))
        for item in panel.items { drawFill(item) }
        for item in panel.items { drawStroke(item) }
        canvas.context.restore()
        drawAxes()
        drawTopAxis()
        drawTitles()
        cachedDataPoints = dataPoints()
        for item in panel.items { drawLabelsInside(item) }
        drawDirectLabels()
        drawLegend()
    }

    // MARK: data items

    /// Pixel polylines of a series, split where a point cannot be shown.
    func pieces(_ xs: [Double], _ ys: [Double], clip: Bool = true) -> [[(Double, Double)]] {
        var result: [[(Double, Double)]] = [], current: [(Double, Double)] = []
        for (x, y) in zip(xs, ys) {
            if let a = px(x), let b = py(y) { current.append((a, b)) } else if !current.isEmpty {
                result.append(current); current = []
            }
        }
        if !current.isEmpty { result.append(current) }
        // Clip to a margin around the plot: far-away points (fixed axis ranges) would overflow Cairo's
        // fixed-point coordinates and make every later pass over the pixels needlessly long.
        let bounds = plot.insetBy(-40)
        guard clip, result.contains(where: { $0.contains { !bounds.contains($0.0, $0.1) } }) else { return result }
        var clipped: [[(Double, Double)]] = []
        for piece in result {
            if piece.count == 1 { if bounds.contains(piece[0].0, piece[0].1) { clipped.append(piece) }; continue }
            var run: [(Double, Double)] = []
            for (p, q) in zip(piece, piece.dropFirst()) {
                guard let (a, b) = PanelPainter.clip(p, q, to: bounds) else {
                    if !run.isEmpty { clipped.append(run); run = [] }
                    continue
                }
                if let last = run.last, last.0 == a.0, last.1 == a.1 { run.append(b) } else {
                    if !run.isEmpty { clipped.append(run) }
                    run = [a, b]
                }
                if b.0 != q.0 || b.1 != q.1 { clipped.append(run); run = [] }
            }
            if !run.isEmpty { clipped.append(run) }
        }
        return clipped
    }

    func drawSpan(_ span: XSpan) {
        let lo = layout.x.domainStart, hi = layout.x.domainEnd
        let a = px(min(max(span.from, min(lo, hi)), max(lo, hi))), b = px(min(max(span.to, min(lo, hi)), max(lo, hi)))
        guard let a, let b, abs(b - a) > 0.5 else { return }
        let r = Rect(x: min(a, b), y: plot.y, width: abs(b - a), height: plot.height)
        canvas.fillRect(r, color: theme.shade.withAlpha(1), opacity: theme.shade.alpha)
        if span.hatched {
            canvas.hatch(r, .forward, color: theme.mutedText, spacing: 9, width: 0.6, opacity: 0.35)
        }
    }

    func drawGrid() {
        if panel.x.grid && panel.x.categories == nil {
            for t in layout.xTicks { if let p = px(t) { canvas.line(p, plot.y, p, plot.maxY, color: theme.grid, width: theme.gridWidth) } }
        }
        if panel.y.grid && panel.y.categories == nil {
            for t in layout.yTicks { if let p = py(t) { canvas.line(plot.x, p, plot.maxX, p, color: theme.grid, width: theme.gridWidth) } }
        }
    }

    func drawFill(_ item: PlotItem) {
        switch item {
        case .band(let b):
            let upper = pieces(b.xs, b.upper, clip: false), lower = pieces(b.xs, b.lower, clip: false)
            guard let u = upper.first, let l = lower.first, upper.count == 1, lower.count == 1 else { return }
            canvas.context.newPath()
            canvas.context.moveTo(u[0].0, u[0].1)
            for p in u.dropFirst() { canvas.context.lineTo(p.0, p.1) }
            for p in l.reversed() { canvas.context.lineTo(p.0, p.1) }
            canvas.context.closePath()
            canvas.setColor(b.ink.resolve(theme), opacity: b.opacity)
            canvas.context.fill()
        case .polygon(let shape):
            guard let fill = shape.fill, let pts = pieces(shape.xs, shape.ys, clip: false).first, pts.count >= 3 else { return }
            canvas.context.newPath()
            canvas.context.moveTo(pts[0].0, pts[0].1)
            for p in pts.dropFirst() { canvas.context.lineTo(p.0, p.1) }
            canvas.context.closePath()
            canvas.setColor(fill.resolve(theme), opacity: shape.fillOpacity)
            canvas.context.fill()
        case .bars(let bars):
            let color = bars.ink.resolve(theme)
            for i in bars.x0.indices where i < bars.x1.count && i < bars.base.count && i < bars.top.count {
                guard let a = px(bars.x0[i]), let b = px(bars.x1[i]), let c = py(bars.base[i]), let d = py(bars.top[i])
                else { continue }
                // Clamp to the plot (plus a margin) so huge bars stay cheap to fill and hatch.
                let left = max(min(a, b), plot.x - 5), right = min(max(a, b), plot.maxX + 5)
                let top = max(min(c, d), plot.y - 5), bottom = min(max(c, d), plot.maxY + 5)
                guard right > left else { continue }
                let r = Rect(x: left, y: top, width: right - left, height: max(bottom - top, 0.5))
                canvas.fillRect(r, color: color)
                canvas.hatch(r, bars.hatch, color: theme.background)
            }
        default: break
        }
    }

    func drawStroke(_ item: PlotItem) {
        switch item {
        case .contour(let c):
            let color = c.ink.resolve(theme)
            for level in c.levels {
                for line in RecentContours.polylines(xs: c.xs, ys: c.ys, values: c.values, level: level) {
                    let points = line.compactMap { p -> (Double, Double)? in
                        guard let a = px(p.0), let b = py(p.1) else { return nil }
                        return (a, b)
                    }
                    canvas.strokePolyline(points, color: color, width: c.width, dash: c.dash, opacity: c.opacity)
                }
            }
        case .polygon(let shape):
            guard let stroke = shape.stroke, let pts = pieces(shape.xs, shape.ys, clip: false).first else { return }
            canvas.strokePolyline(pts + [pts[0]], color: stroke.resolve(theme), width: shape.strokeWidth, dash: shape.dash)
        case .line(let s):
            let color = s.ink.resolve(theme)
            let width = s.width ?? theme.lineWidth
            for piece in pieces(s.xs, s.ys) {
                canvas.strokePolyline(piece, color: color, width: width, dash: s.dash, opacity: s.opacity)
            }
            if let m = s.marker {
                for (i, (x, y)) in zip(s.xs, s.ys).enumerated() where i >= s.markerOffset && (i - s.markerOffset) % s.markerEvery == 0 {
                    if let a = px(x), let b = py(y) { canvas.marker(m, at: a, b, color: color) }
                }
            }
        case .scatter(let s):
            let color = s.ink.resolve(theme)
            for (x, y) in zip(s.xs, s.ys) {
                if let a = px(x), let b = py(y) { canvas.marker(s.marker, at: a, b, color: color, opacity: s.opacity) }
            }
        case .errorBars(let e):
            let color = e.ink.resolve(theme)
            canvas.context.newPath()
            for i in e.xs.indices where i < e.lower.count && i < e.upper.count {
                guard let x = px(e.xs[i]), let lo = py(e.lower[i]), let hi = py(e.upper[i]) else { continue }
                canvas.context.moveTo(x, lo); canvas.context.lineTo(x, hi)
                canvas.context.moveTo(x - e.capWidth / 2, lo); canvas.context.lineTo(x + e.capWidth / 2, lo)
                canvas.context.moveTo(x - e.capWidth / 2, hi); canvas.context.lineTo(x + e.capWidth / 2, hi)
            }
            canvas.stroke(color: color, width: e.lineWidth)
        case .reference(let r):
            let color = r.ink.resolve(theme)
            if r.orientation == .vertical, let x = px(r.value) {
                canvas.line(x, plot.y, x, plot.maxY, color: color, width: 1.3, dash: r.dash)
            } else if r.orientation == .horizontal, let y = py(r.value) {
                canvas.line(plot.x, y, plot.maxX, y, color: color, width: 1.3, dash: r.dash)
            }
        case .arrow(let a):
            guard let x0 = px(a.fromX), let y0 = py(a.fromY), let x1 = px(a.toX), let y1 = py(a.toY) else { return }
            canvas.arrow(x0, y0, x1, y1, color: a.ink.resolve(theme), width: a.width)
        case .bars(let bars):
            let color = theme.background
            for i in bars.x0.indices where i < bars.x1.count && i < bars.base.count && i < bars.top.count {
                guard let a = px(bars.x0[i]), let b = px(bars.x1[i]), let c = py(bars.base[i]), let d = py(bars.top[i])
                else { continue }
                canvas.context.newPath()
                canvas.context.rectangle(min(a, b), min(c, d), abs(b - a), abs(d - c))
                canvas.stroke(color: color, width: 0.6)
            }
        default: break
        }
    }

    // MARK: axes

    mutating func drawAxes() {
        let axisColor = theme.axis, tl = theme.tickLength
        // The y axis on its side: `edge` is its line, `out` the direction its ticks and labels go.
        let yRight = panel.yAxisSide == .right
        let edge = yRight ? plot.maxX : plot.x, out = yRight ? 1.0 : -1.0
        canvas.line(plot.x, plot.maxY, plot.maxX, plot.maxY, color: axisColor, width: theme.axisWidth)
        canvas.line(edge, plot.y, edge, plot.maxY, color: axisColor, width: theme.axisWidth)
        let labelTop = plot.maxY + tl + 4
        var shown = 0  // labels drawn so far; with two rows, every second one goes to the lower row
        for (t, label) in zip(layout.xTicks, layout.xTickLabels) {
            guard let p = px(t) else { continue }
            canvas.line(p, plot.maxY, p, plot.maxY + tl, color: axisColor, width: theme.axisWidth)
            guard !label.isEmpty else { continue }
            let rowOffset = layout.xLabelRows == 2 && shown % 2 == 1 ? theme.tickLabelSize * 1.3 : 0
            shown += 1
            if rowOffset > 0 { canvas.line(p, plot.maxY + tl, p, labelTop + rowOffset - 2, color: theme.grid, width: 0.8) }
            textBoxes.append(canvas.draw(RichText(markup: label), at: p, labelTop + rowOffset, size: theme.tickLabelSize,
                                         color: theme.text, h: .center, v: .top))
        }
        for t in layout.xMinorTicks { if let p = px(t) { canvas.line(p, plot.maxY, p, plot.maxY + tl * 0.55, color: axisColor, width: 0.7) } }
        for (t, label) in zip(layout.yTicks, layout.yTickLabels) {
            guard let p = py(t) else { continue }
            canvas.line(edge + out * tl, p, edge, p, color: axisColor, width: theme.axisWidth)
            guard panel.y.showsLabels else { continue }
            textBoxes.append(canvas.draw(RichText(markup: label), at: edge + out * (tl + 4), p, size: theme.tickLabelSize,
                                         color: theme.text, h: yRight ? .left : .right, v: .capMiddle))
        }
        for t in layout.yMinorTicks { if let p = py(t) { canvas.line(edge + out * tl * 0.55, p, edge, p, color: axisColor, width: 0.7) } }

        // Axis titles: x centred under the plot at the bottom of the cell; y rotated at the cell's left edge.
        let xTitleTop = plot.maxY + tl + 4 + theme.tickLabelSize * 1.3 * Double(layout.xLabelRows) + 6
        let (xText, xSize) = canvas.fitted(RichText(markup: panel.x.label), size: theme.labelSize, maxWidth: cell.width - 4)
        let xHalf = canvas.measure(xText, size: xSize).width / 2
        let xCentre = min(max(plot.x + plot.width / 2, cell.x + xHalf), cell.maxX - xHalf)
        let xTitle = canvas.draw(xText, at: xCentre, xTitleTop, size: xSize, color: theme.text, h: .center, v: .top)
        textBoxes.append(xTitle)
        guard panel.y.showsLabels else { return }
        let (yText, ySize) = canvas.fitted(RichText(markup: panel.y.label), size: theme.labelSize, maxWidth: cell.height - 4)
        let box = canvas.measure(yText, size: ySize)
        let widest = layout.yTickLabels.map { canvas.measure(RichText(markup: $0), size: theme.tickLabelSize).width }.max() ?? 0
        let yTitleLeft = yRight ? min(cell.maxX - 1 - box.height, plot.maxX + tl + 4 + widest + 8)
            : max(cell.x + 1, plot.x - tl - 4 - widest - 8 - box.height)
        let yCentre = min(max(plot.y + plot.height / 2, cell.y + box.width / 2), cell.maxY - box.width / 2)
        canvas.draw(yText, at: yTitleLeft + box.ascent, yCentre, size: ySize,
                    color: theme.text, h: .center, v: .baseline, angle: -Double.pi / 2)
        textBoxes.append(Rect(x: yTitleLeft, y: yCentre - box.width / 2, width: box.height,
                              height: box.width))
    }

    mutating func drawTopAxis() {
        guard let top = panel.top else { return }
        let tl = theme.tickLength
        canvas.line(plot.x, plot.y, plot.maxX, plot.y, color: theme.axis, width: theme.axisWidth)
        var placed: [Rect] = []
        for (t, label) in zip(top.positions, top.labels) {
            guard layout.x.contains(t), let p = px(t) else { continue }
            canvas.line(p, plot.y - tl, p, plot.y, color: theme.axis, width: theme.axisWidth)
            let text = RichText(markup: label)
            let w = canvas.measure(text, size: theme.tickLabelSize).width
            let r = Rect(x: p - w / 2 - 4, y: 0, width: w + 8, height: 1)
            if placed.contains(where: { $0.intersects(r) }) { continue }
            placed.append(r)
            textBoxes.append(canvas.draw(text, at: p, plot.y - tl - 4, size: theme.tickLabelSize,
                                         color: theme.mutedText, h: .center, v: .bottom))
        }
        let labelBaseline = plot.y - tl - 4 - theme.tickLabelSize * 1.3 - 4
        textBoxes.append(canvas.draw(RichText(markup: top.label), at: plot.x + plot.width / 2, labelBaseline,
                                     size: theme.labelSize * 0.93, color: theme.mutedText, h: .center, v: .bottom))
    }

    mutating func drawTitles() {
        let layouter = PanelLayouter(canvas: canvas, theme: theme)
        let lines = layouter.titleLines(panel, width: cell.width)
        guard !lines.isEmpty else { return }
        var above = plot.y - 6 - theme.tickLabelSize * 0.5
        if panel.top != nil { above = plot.y - theme.tickLength - 4 - theme.tickLabelSize * 1.3 - theme.labelSize * 1.25 - 4 }
        // The last line sits just above the plot, earlier lines one step higher each.
        let lastBottom = max(cell.y + 4 + theme.titleSize + Double(lines.count - 1) * layouter.titleLineStep, above)
        for (k, line) in lines.enumerated() {
            let (text, size) = canvas.fitted(RichText(markup: line), size: theme.titleSize * 0.92, maxWidth: cell.width - 4,
                                             weight: .bold)
            let half = canvas.measure(text, size: size, weight: .bold).width / 2
            let centre = min(max(plot.x + plot.width / 2, cell.x + half), cell.maxX - half)
            let bottom = lastBottom - Double(lines.count - 1 - k) * layouter.titleLineStep
            textBoxes.append(canvas.draw(text, at: centre, bottom, size: size, color: theme.text, h: .center, v: .bottom,
                                         weight: .bold))
        }
    }
}
