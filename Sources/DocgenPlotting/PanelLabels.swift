import Foundation

/// Labels drawn after the data: reference-line labels, span captions, annotations, direct labels, legend.
extension PanelPainter {
    /// Draws `text` (anchored horizontally at `x`) at the candidate height that collides with no earlier
    /// in-plot label and covers the fewest data points: rows stepping down from the top, then up from the bottom.
    mutating func placeInside(_ text: RichText, x: Double, y: Double, h: HorizontalAnchor, color: Color, size: Double) {
        let box = canvas.measure(text, size: size)
        let lineStep = box.height + 3
        var left = h == .left ? x : (h == .center ? x - box.width / 2 : x - box.width)
        left = max(plot.x + 2, min(left, plot.maxX - box.width - 2))  // keep the label inside the plot
        var tops: [Double] = (0..<4).map { y + Double($0) * lineStep }
        tops += (0..<3).map { plot.maxY - 5 - box.height - Double($0) * lineStep }
        var best = tops[0], bestScore = Double.infinity
        for (rank, top) in tops.enumerated() {
            let r = Rect(x: left - 2, y: top - 1, width: box.width + 4, height: box.height + 2)
            guard r.y >= plot.y - 1, r.maxY <= plot.maxY + 1 else { continue }
            var score = 1000 * Double(plotLabelBoxes.filter { $0.intersects(r) }.count)
            score += Double(cachedDataPoints.filter { r.contains($0.0, $0.1) }.count)
            score += Double(rank) * 0.5
            if score < bestScore { bestScore = score; best = top }
        }
        let drawn = canvas.draw(text, at: left, best, size: size, color: color, h: .left, v: .top, halo: theme.background)
        plotLabelBoxes.append(drawn.insetBy(-2))
        textBoxes.append(drawn)
    }

    mutating func drawLabelsInside(_ item: PlotItem) {
        let size = theme.annotationSize
        switch item {
        case .xSpan(let span):
            guard let caption = span.caption else { return }
            let lo = min(layout.x.domainStart, layout.x.domainEnd), hi = max(layout.x.domainStart, layout.x.domainEnd)
            guard let a = px(min(max(span.from, lo), hi)), let b = px(min(max(span.to, lo), hi)) else { return }
            let text = RichText(markup: caption)
            let w = canvas.measure(text, size: size).width
            guard abs(b - a) > w + 8 else { return }
            placeInside(text, x: (a + b) / 2, y: plot.y + 5, h: .center, color: theme.mutedText, size: size)
        case .reference(let r):
            guard let label = r.label else { return }
            let text = RichText(markup: label)
            let w = canvas.measure(text, size: size).width
            let color = r.ink.resolve(theme).readable(on: theme.background, toward: theme.text)
            if r.orientation == .vertical, let x = px(r.value) {
                let fitsRight = x + 5 + w <= plot.maxX
                placeInside(text, x: fitsRight ? x + 5 : x - 5, y: plot.y + 5, h: fitsRight ? .left : .right,
                            color: color, size: size)
            } else if r.orientation == .horizontal, let y = py(r.value) {
                placeInside(text, x: plot.maxX - 5, y: max(plot.y + 2, y - size * 1.3), h: .right, color: color, size: size)
            }
        case .text(let t):
            guard let x0 = px(t.x), let y0 = py(t.y) else { return }
            let text = RichText(markup: t.text)
            let box = canvas.measure(text, size: size)
            let x = x0 + t.dx, y = y0 + t.dy
            let (h, top): (HorizontalAnchor, Double)
            switch t.anchor {
            case .left: (h, top) = (.right, y - box.height / 2)
            case .right: (h, top) = (.left, y - box.height / 2)
            case .center: (h, top) = (.center, y - box.height / 2)
            case .above: (h, top) = (.center, y - box.height)
            case .below: (h, top) = (.center, y)
            case .aboveLeft: (h, top) = (.right, y - box.height)
            case .aboveRight: (h, top) = (.left, y - box.height)
            case .belowLeft: (h, top) = (.right, y)
            case .belowRight: (h, top) = (.left, y)
            }
            // Keep the text inside the plot: mirror the offset across the anchor point when it would stick
            // out, then shift it inside if it still does.
            var left = h == .left ? x : (h == .center ? x - box.width / 2 : x - box.width)
            if left + box.width > plot.maxX && h == .left { left = x0 - t.dx - box.width }
            if left < plot.x && h == .right { left = x0 - t.dx }
            left = min(max(left, plot.x + 2), plot.maxX - box.width - 2)
            var atop = top
            if atop < plot.y { atop = y0 + abs(t.dy) }
            if atop + box.height > plot.maxY { atop = y0 - abs(t.dy) - box.height }
            atop = min(max(atop, plot.y + 2), plot.maxY - box.height - 2)
            let drawn = canvas.draw(text, at: left, atop, size: size,
                                    color: t.ink.resolve(theme).readable(on: theme.background, toward: theme.text), h: .left, v: .top,
                                    halo: t.halo ? theme.background : nil)
            plotLabelBoxes.append(drawn)
            textBoxes.append(drawn)
        default: break
        }
    }

    /// Labels beside the plot, on the panel's `directLabelSide`, each at the height of its line's end on that side
    /// (spread apart when they would collide) with a leader line when moved.
    mutating func drawDirectLabels() {
        let left = panel.directLabelSide == .left
        var ends: [(label: String, x: Double, y: Double, color: Color)] = []
        for case .line(let s) in panel.items where s.directLabel {
            guard let label = s.label else { continue }
            let points = pieces(s.xs, s.ys).flatMap { $0 }
            guard let end = left ? points.min(by: { $0.0 < $1.0 }) : points.max(by: { $0.0 < $1.0 }) else { continue }
            ends.append((label, end.0, min(max(end.1, plot.y), plot.maxY), s.ink.resolve(theme)))
        }
        guard !ends.isEmpty else { return }
        let size = theme.annotationSize
        let gap = size * 1.22
        let half = size * Canvas.capHeight / 2
        var low = plot.y + half, high = plot.maxY - half
        if Double(ends.count - 1) * gap > high - low {
            low = cell.y + half + 2; high = cell.maxY - half - 2
        }
        let placed = LabelPlacement.spread(ends.map(\.y), gap: gap, low: low, high: high)
        let side = left ? -1.0 : 1.0, edge = left ? plot.x : plot.maxX
        let textX = edge + side * 14
        for (end, y) in zip(ends, placed) {
            if abs(y - end.y) > 1.5 || abs(end.x - edge) > 1 {
                canvas.strokePolyline([(end.x + side * 2, end.y), (edge + side * 5, y), (textX - side * 2, y)],
                                      color: end.color, width: 0.8, opacity: 0.8)
            }
            let textColor = end.color.readable(on: theme.background, toward: theme.text)
            textBoxes.append(canvas.draw(RichText(markup: end.label), at: textX, y, size: size, color: textColor,
                                         h: left ? .right : .left, v: .capMiddle))
        }
    }

    /// The part of segment p→q inside `r` (Liang–Barsky), or nil when it misses the rectangle.
    static func clip(_ p: (Double, Double), _ q: (Double, Double), to r: Rect) -> ((Double, Double), (Double, Double))? {
        var t0 = 0.0, t1 = 1.0
        let dx = q.0 - p.0, dy = q.1 - p.1
        for (denominator, numerator) in [(-dx, p.0 - r.x), (dx, r.maxX - p.0), (-dy, p.1 - r.y), (dy, r.maxY - p.1)] {
            if denominator == 0 {
                if numerator < 0 { return nil }
            } else {
                let t = numerator / denominator
                if denominator < 0 { t0 = max(t0, t) } else { t1 = min(t1, t) }
                if t0 > t1 { return nil }
            }
        }
        return ((p.0 + t0 * dx, p.1 + t0 * dy), (p.0 + t1 * dx, p.1 + t1 * dy))
    }

    /// Pixel points along the data, used to find the legend position covering the least.
    func dataPoints() -> [(Double, Double)] {
        var pts: [(Double, Double)] = []
        let bounds = plot.insetBy(-2)
        func densify(_ piece: [(Double, Double)]) {
            guard var previous = piece.first else { return }
            if bounds.contains(previous.0, previous.1) { pts.append(previous) }
            for p in piece.dropFirst() {
                // Sample only the part of the segment inside the plot (points can lie far outside when the
                // axis range is fixed), every 3 px.
                if let (a, b) = PanelPainter.clip(previous, p, to: bounds) {
                    let steps = max(1, Int(hypot(b.0 - a.0, b.1 - a.1) / 3))
                    for k in 0...steps {
                        let t = Double(k) / Double(steps)
                        pts.append((a.0 + t * (b.0 - a.0), a.1 + t * (b.1 - a.1)))
                    }
                }
                previous = p
            }
        }
        for item in panel.items {
            switch item {
            case .line(let s): pieces(s.xs, s.ys).forEach(densify)
            case .scatter(let s): pts += pieces(s.xs, s.ys).flatMap { $0 }
            case .errorBars(let e): pieces(e.xs, e.upper).forEach(densify); pieces(e.xs, e.lower).forEach(densify)
            case .band(let b): pieces(b.xs, b.upper).forEach(densify); pieces(b.xs, b.lower).forEach(densify)
            case .polygon(let p): pieces(p.xs + p.xs.prefix(1), p.ys + p.ys.prefix(1)).forEach(densify)
            case .bars(let b):
                for i in b.x0.indices where i < b.top.count && i < b.x1.count {
                    pieces([b.x0[i], b.x1[i]], [b.top[i], b.top[i]]).forEach(densify)
                    pieces([b.x0[i], b.x1[i]], [b.base[i], b.base[i]]).forEach(densify)
                    // A bar narrower than a legend sample (a histogram's spike) has almost no top or base to avoid:
                    // its middle is sampled too, so a legend is not laid over it.
                    if let left = px(b.x0[i]), let right = px(b.x1[i]), abs(right - left) < 8 {
                        pieces([(b.x0[i] + b.x1[i]) / 2, (b.x0[i] + b.x1[i]) / 2], [b.base[i], b.top[i]]).forEach(densify)
                    }
                }
            default: break
            }
        }
        return pts
    }

    enum LegendSample { case line(Color, DashStyle, Marker?, Double), marker(Color, Marker), swatch(Color, Double, Hatch) }

    /// Legend rows: every labelled item not labelled directly at its line end.
    func legendEntries() -> [(RichText, LegendSample)] {
        guard panel.legend == .auto else { return [] }
        var entries: [(RichText, LegendSample)] = []
        for item in panel.items {
            switch item {
            case .line(let s) where !s.directLabel && s.label != nil:
                entries.append((RichText(markup: s.label!), .line(s.ink.resolve(theme), s.dash, s.marker, s.width ?? theme.lineWidth)))
            case .scatter(let s) where s.label != nil:
                entries.append((RichText(markup: s.label!), .marker(s.ink.resolve(theme), s.marker)))
            case .band(let b) where b.label != nil:
                entries.append((RichText(markup: b.label!), .swatch(b.ink.resolve(theme), b.opacity, .none)))
            case .bars(let b) where b.label != nil:
                entries.append((RichText(markup: b.label!), .swatch(b.ink.resolve(theme), 1, b.hatch)))
            case .polygon(let p) where p.label != nil:
                if let stroke = p.stroke {
                    entries.append((RichText(markup: p.label!), .line(stroke.resolve(theme), p.dash, nil, p.strokeWidth)))
                } else if let fill = p.fill {
                    entries.append((RichText(markup: p.label!), .swatch(fill.resolve(theme), p.fillOpacity, .none)))
                }
            case .contour(let c) where c.label != nil:
                entries.append((RichText(markup: c.label!), .line(c.ink.resolve(theme), c.dash, nil, c.width)))
            default: break
            }
        }
        return entries
    }

    static let legendPadding = 8.0, legendSampleWidth = 30.0

    /// Width and height of the legend box, or nil when there is no legend.
    func legendSize() -> (width: Double, height: Double)? {
        let entries = legendEntries()
        guard !entries.isEmpty else { return nil }
        let size = theme.annotationSize, rowHeight = size * 1.5
        let textWidth = entries.map { canvas.measure($0.0, size: size).width }.max() ?? 0
        return (Self.legendPadding * 2 + Self.legendSampleWidth + 8 + textWidth,
                Self.legendPadding * 2 + rowHeight * Double(entries.count) - (rowHeight - size * 1.1))
    }

    /// The inside position (corners, edge midpoints, centre) covering the fewest data samples and no
    /// in-plot label; the score counts covered samples (+1000 per label hit).
    func bestInsideLegend(width w: Double, height h: Double) -> (rect: Rect, score: Double) {
        let inset = 8.0
        let xs = [plot.maxX - inset - w, plot.x + inset, plot.x + (plot.width - w) / 2]
        let ys = [plot.y + inset, plot.maxY - inset - h, plot.y + (plot.height - h) / 2]
        var best = Rect(x: xs[0], y: ys[0], width: w, height: h), bestScore = Double.infinity
        var rank = 0
        for y in ys {
            for x in xs {
                let c = Rect(x: x, y: y, width: w, height: h)
                var score = Double(cachedDataPoints.filter { c.insetBy(-4).contains($0.0, $0.1) }.count)
                score += 1000 * Double(plotLabelBoxes.filter { $0.intersects(c) }.count)
                score += Double(rank) * 0.01  // stable preference order on ties
                if score < bestScore { bestScore = score; best = c }
                rank += 1
            }
        }
        return (best, bestScore)
    }

    mutating func drawLegend() {
        let entries = legendEntries()
        guard let (w, h) = legendSize() else { return }
        let size = theme.annotationSize
        let rowHeight = size * 1.5, sampleWidth = Self.legendSampleWidth, padding = Self.legendPadding
        let best = legendOutside ? Rect(x: plot.maxX + 14, y: plot.y, width: w, height: h)
                                 : bestInsideLegend(width: w, height: h).rect
        canvas.context.newPath()
        canvas.context.rectangle(best.x, best.y, best.width, best.height)
        canvas.setColor(theme.background, opacity: 0.92)
        canvas.context.fillPreserve()
        canvas.stroke(color: theme.grid, width: 1)
        for (i, (text, sample)) in entries.enumerated() {
            let cy = best.y + padding + size * 0.55 + Double(i) * rowHeight
            let sx = best.x + padding
            switch sample {
            case .line(let color, let dash, let marker, let width):
                canvas.line(sx, cy, sx + sampleWidth, cy, color: color, width: width, dash: dash)
                if let marker { canvas.marker(marker, at: sx + sampleWidth / 2, cy, color: color) }
            case .marker(let color, let marker):
                canvas.marker(marker, at: sx + sampleWidth / 2, cy, color: color)
            case .swatch(let color, let opacity, let hatched):
                let r = Rect(x: sx + 4, y: cy - size * 0.45, width: sampleWidth - 8, height: size * 0.9)
                canvas.fillRect(r, color: color, opacity: max(opacity, 0.35))
                canvas.hatch(r, hatched, color: theme.background)
            }
            textBoxes.append(canvas.draw(text, at: sx + sampleWidth + 8, cy, size: size, color: theme.text,
                                         h: .left, v: .capMiddle))
        }
        plotLabelBoxes.append(best)
    }
}
