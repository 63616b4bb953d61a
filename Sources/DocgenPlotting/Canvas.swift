import Foundation

/// Size of a laid-out RichText: advance width, height above and below the baseline (CSS px).
struct TextBox {
    var width: Double, ascent: Double, descent: Double
    var height: Double { ascent + descent }
}

enum HorizontalAnchor { case left, center, right }
enum VerticalAnchor {
    case baseline, top, bottom
    /// Middle of the base font's cap height: centers labels like "10⁻³" on their "10".
    case capMiddle
}

/// Drawing in CSS pixels on a Cairo context scaled to device pixels. Internal to the plotting layer.
final class Canvas {
    let context: CairoContext
    let theme: Theme
    private var currentFont: (size: Double, weight: FontWeight)?

    /// Fractions of an em used for text boxes (DejaVu Sans: cap height ≈ 0.73 em, descender ≈ 0.24 em).
    static let capHeight = 0.73, descender = 0.24

    init(context: CairoContext, theme: Theme) {
        self.context = context
        self.theme = theme
    }

    func setColor(_ c: Color, opacity: Double = 1) {
        context.setSource(red: c.red, green: c.green, blue: c.blue, alpha: c.alpha * opacity)
    }

    private func font(size: Double, weight: FontWeight) {
        if let f = currentFont, f.size == size, f.weight == weight { return }
        context.selectFont(family: theme.fontFamily, weight: weight, size: size)
        currentFont = (size, weight)
    }

    private struct MeasureKey: Hashable { var text: RichText, size: Double, bold: Bool }
    private var measured: [MeasureKey: TextBox] = [:]

    /// Box of `text` at `size`; cached, since layout measures the same labels several times.
    func measure(_ text: RichText, size: Double, weight: FontWeight = .normal) -> TextBox {
        let key = MeasureKey(text: text, size: size, bold: weight == .bold)
        if let box = measured[key] { return box }
        let box = measureUncached(text, size: size, weight: weight)
        measured[key] = box
        return box
    }

    /// `text` and a font size that fit in `maxWidth`: the size shrinks, never below the theme's minimum (nor below
    /// 85 % of `size`), then the text is cut with an ellipsis (long user titles must never leave the figure).
    func fitted(_ text: RichText, size: Double, maxWidth: Double, weight: FontWeight = .normal) -> (RichText, Double) {
        let width = measure(text, size: size, weight: weight).width
        guard width > maxWidth, width > 0 else { return (text, size) }
        let floor = min(size, max(theme.minimumTextSize, size * 0.85))
        let smaller = max(floor, size * maxWidth / width)
        var cut = text
        while measure(cut, size: smaller, weight: weight).width > maxWidth, !cut.runs.isEmpty {
            var runs = cut.runs
            // Drop the last character (and the ellipsis added before), then append the ellipsis again.
            var last = runs.removeLast()
            if last.text.hasSuffix("…") { last.text.removeLast() }
            if !last.text.isEmpty { last.text.removeLast() }
            if !last.text.isEmpty { runs.append(last) }
            guard !runs.isEmpty else { return (RichText(runs: []), smaller) }
            runs[runs.count - 1].text += "…"
            cut = RichText(runs: runs)
        }
        return (cut, smaller)
    }

    private func measureUncached(_ text: RichText, size: Double, weight: FontWeight) -> TextBox {
        var width = 0.0, ascent = size * Canvas.capHeight, descent = size * Canvas.descender
        for run in text.runs {
            let (scale, rise) = RichText.metrics(run.shift)
            font(size: size * scale, weight: weight)
            let extents = context.textExtents(run.text)
            width += extents.xAdvance
            ascent = max(ascent, rise * size + scale * size * Canvas.capHeight)
            if run.hat { ascent = max(ascent, rise * size + Canvas.hatTop(ink: extents, size: size * scale)) }
            descent = max(descent, -rise * size + scale * size * Canvas.descender)
        }
        return TextBox(width: width, ascent: ascent, descent: descent)
    }

    /// Draws rich text anchored at (x, y), optionally rotated by `angle` radians about the anchor point.
    /// Returns the axis-aligned box the text occupies when unrotated.
    @discardableResult
    func draw(_ text: RichText, at x: Double, _ y: Double, size: Double, color: Color,
              h: HorizontalAnchor, v: VerticalAnchor, weight: FontWeight = .normal, angle: Double = 0,
              halo: Color? = nil) -> Rect {
        let box = measure(text, size: size, weight: weight)
        let left: Double = h == .left ? 0 : (h == .center ? -box.width / 2 : -box.width)
        let baseline: Double
        switch v {
        case .baseline: baseline = 0
        case .top: baseline = box.ascent
        case .bottom: baseline = -box.descent
        case .capMiddle: baseline = size * Canvas.capHeight / 2
        }
        context.save()
        context.translate(x, y)
        if angle != 0 { context.rotate(angle) }
        if let halo {
            setColor(halo, opacity: 0.85)
            context.rectangle(left - 2, baseline - box.ascent - 1.5, box.width + 4, box.height + 3)
            context.fill()
        }
        setColor(color)
        var pen = left
        for run in text.runs {
            let (scale, rise) = RichText.metrics(run.shift)
            font(size: size * scale, weight: weight)
            context.moveTo(pen, baseline - rise * size)
            context.showText(run.text)
            let extents = context.textExtents(run.text)
            if run.hat { drawHat(over: extents, at: pen, baseline - rise * size, size: size * scale) }
            pen += extents.xAdvance
        }
        context.restore()
        currentFont = nil  // cairo_restore reverted the font selected inside save/restore
        return Rect(x: x + left, y: y + baseline - box.ascent, width: box.width, height: box.height)
    }

    /// Height above the baseline of the top of a hat over a glyph with these ink extents (font size `size`).
    static func hatTop(ink: TextExtents, size: Double) -> Double { -ink.yBearing + size * (hatGap + hatHeight + hatStroke / 2) }
    private static let hatGap = 0.08, hatHeight = 0.16, hatStroke = 0.065, hatWidth = 0.46  // in em

    /// A circumflex (an inverted V) centred over the ink of the glyph drawn at (`x`, `baseline`), in the
    /// current source colour.
    private func drawHat(over ink: TextExtents, at x: Double, _ baseline: Double, size: Double) {
        let centre = x + ink.xBearing + ink.width / 2
        let bottom = baseline + ink.yBearing - size * Canvas.hatGap
        let half = size * Canvas.hatWidth / 2
        context.newPath()
        context.moveTo(centre - half, bottom)
        context.lineTo(centre, bottom - size * Canvas.hatHeight)
        context.lineTo(centre + half, bottom)
        context.setLineWidth(size * Canvas.hatStroke)
        context.setDash([])
        context.setRoundJoinsAndCaps(false)
        context.stroke()
    }

    func strokePolyline(_ points: [(Double, Double)], color: Color, width: Double, dash: DashStyle = .solid,
                        opacity: Double = 1) {
        guard points.count >= 2 else { return }
        let points = PolylineThinning.thinned(points)
        context.newPath()
        context.moveTo(points[0].0, points[0].1)
        for p in points.dropFirst() { context.lineTo(p.0, p.1) }
        stroke(color: color, width: width, dash: dash, opacity: opacity)
    }

    func stroke(color: Color, width: Double, dash: DashStyle = .solid, opacity: Double = 1, round: Bool = true) {
        setColor(color, opacity: opacity)
        context.setLineWidth(width)
        context.setDash(dash.pattern(lineWidth: width))
        context.setRoundJoinsAndCaps(round)
        context.stroke()
        context.setDash([])
    }

    func line(_ x0: Double, _ y0: Double, _ x1: Double, _ y1: Double, color: Color, width: Double,
              dash: DashStyle = .solid) {
        context.newPath()
        context.moveTo(x0, y0)
        context.lineTo(x1, y1)
        stroke(color: color, width: width, dash: dash)
    }

    func fillRect(_ r: Rect, color: Color, opacity: Double = 1) {
        setColor(color, opacity: opacity)
        context.newPath()
        context.rectangle(r.x, r.y, r.width, r.height)
        context.fill()
    }

    func clip(to r: Rect) {
        context.newPath()
        context.rectangle(r.x, r.y, r.width, r.height)
        context.clip()
    }

    /// Draws a marker centred on (x, y). Unfilled markers are stroked with the background inside.
    func marker(_ m: Marker, at x: Double, _ y: Double, color: Color, opacity: Double = 1) {
        let s = m.size ?? theme.markerSize
        let r = s / 2
        context.newPath()
        var strokeOnly = false
        switch m.shape {
        case .circle: context.arc(x, y, r, 0, 2 * Double.pi)
        case .square: context.rectangle(x - r * 0.9, y - r * 0.9, 1.8 * r, 1.8 * r)
        case .triangle:
            context.moveTo(x, y - 1.15 * r); context.lineTo(x + 1.05 * r, y + 0.75 * r)
            context.lineTo(x - 1.05 * r, y + 0.75 * r); context.closePath()
        case .invertedTriangle:
            context.moveTo(x, y + 1.15 * r); context.lineTo(x + 1.05 * r, y - 0.75 * r)
            context.lineTo(x - 1.05 * r, y - 0.75 * r); context.closePath()
        case .diamond:
            context.moveTo(x, y - 1.2 * r); context.lineTo(x + 0.9 * r, y)
            context.lineTo(x, y + 1.2 * r); context.lineTo(x - 0.9 * r, y); context.closePath()
        case .cross:
            context.moveTo(x - r, y - r); context.lineTo(x + r, y + r)
            context.moveTo(x - r, y + r); context.lineTo(x + r, y - r)
            strokeOnly = true
        case .plus:
            context.moveTo(x - 1.15 * r, y); context.lineTo(x + 1.15 * r, y)
            context.moveTo(x, y - 1.15 * r); context.lineTo(x, y + 1.15 * r)
            strokeOnly = true
        }
        if strokeOnly {
            stroke(color: color, width: max(1.4, s / 4.5), opacity: opacity)
        } else if m.filled {
            setColor(color, opacity: opacity)
            context.fillPreserve()
            setColor(theme.background, opacity: opacity * 0.9)
            context.setLineWidth(0.8)
            context.setDash([])
            context.stroke()
        } else {
            setColor(theme.background, opacity: opacity)
            context.fillPreserve()
            stroke(color: color, width: 1.4, opacity: opacity)
        }
    }

    /// Fills `r` with `pattern` lines in `color`, `spacing` apart (CSS px, measured along x).
    ///
    /// The lines are drawn once into a tile one period square and the tile is repeated across `r`: the lines of
    /// a 45° hatch meet the tile's corners, so the tile holds exactly the infinite pattern's pixels there and
    /// repeats without seams, while stroking every line across a large span cost ~5 % of a course build.
    func hatch(_ r: Rect, _ pattern: Hatch, color: Color, spacing: Double = 5, width: Double = 1.1, opacity: Double = 0.7) {
        guard pattern != .none, r.width > 0, r.height > 0 else { return }
        let scale = context.deviceScale
        let period = Int(max(2, (spacing * scale).rounded()))
        guard let tile = try? hatchTile(pattern, period: period, lineWidth: width * scale, color: color, opacity: opacity) else {
            return
        }
        context.save()
        context.setRepeatingSource(tile)
        context.newPath()
        context.rectangle(r.x, r.y, r.width, r.height)
        context.fill()
        context.restore()
    }

    /// One period of a hatch in device pixels: the lines x + y = k·period (forward) and/or x − y = k·period
    /// (backward) that cross the tile.
    private func hatchTile(_ pattern: Hatch, period: Int, lineWidth: Double, color: Color,
                           opacity: Double) throws -> CairoImageSurface {
        let tile = try CairoImageSurface(width: period, height: period)
        let cr = try CairoContext(surface: tile)
        let p = Double(period)
        cr.newPath()
        if pattern == .forward || pattern == .cross {
            for k in [0, p, 2 * p] { cr.moveTo(k + 1, -1); cr.lineTo(k - p - 1, p + 1) }
        }
        if pattern == .backward || pattern == .cross {
            for k in [-p, 0, p] { cr.moveTo(k - 1, -1); cr.lineTo(k + p + 1, p + 1) }
        }
        cr.setSource(red: color.red, green: color.green, blue: color.blue, alpha: color.alpha * opacity)
        cr.setLineWidth(lineWidth)
        cr.setRoundJoinsAndCaps(false)
        cr.stroke()
        try cr.checkStatus("hatch tile")
        return tile
    }

    /// An arrow with a filled triangular head at (x1, y1).
    func arrow(_ x0: Double, _ y0: Double, _ x1: Double, _ y1: Double, color: Color, width: Double) {
        let angle = atan2(y1 - y0, x1 - x0)
        let head = 5 + 2.5 * width
        let bx = x1 - head * 0.8 * cos(angle), by = y1 - head * 0.8 * sin(angle)
        line(x0, y0, bx, by, color: color, width: width)
        context.newPath()
        context.moveTo(x1, y1)
        context.lineTo(x1 - head * cos(angle - 0.4), y1 - head * sin(angle - 0.4))
        context.lineTo(x1 - head * cos(angle + 0.4), y1 - head * sin(angle + 0.4))
        context.closePath()
        setColor(color)
        context.fill()
    }
}
