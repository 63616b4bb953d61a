import Foundation

/// A rendered figure: the pixels, the layout used, and every text box drawn (CSS px) for inspection.
public final class RenderedFigure {
    let surface: CairoImageSurface
    public let figure: Figure
    public let theme: Theme
    public let panelLayouts: [PanelLayout]
    /// Boxes of all text drawn, in CSS pixels (unrotated text only; rotated axis titles are included as
    /// their rotated bounding box).
    public let textBoxes: [Rect]

    init(surface: CairoImageSurface, figure: Figure, theme: Theme, panelLayouts: [PanelLayout], textBoxes: [Rect]) {
        self.surface = surface; self.figure = figure; self.theme = theme
        self.panelLayouts = panelLayouts; self.textBoxes = textBoxes
    }

    public var pixelWidth: Int { surface.width }
    public var pixelHeight: Int { surface.height }

    /// PNG bytes (8-bit RGB; the background is opaque). Deterministic: equal figures give equal bytes.
    public func png(settings: PNGSettings = .standard) throws -> [UInt8] {
        try PNGEncoder.encode(surface, opaque: true, settings: settings)
    }

    /// Device pixels as native-endian premultiplied ARGB32 values, row-major.
    public func argbPixels() throws -> [UInt32] { try surface.argbPixels() }
}

/// Turns a `Figure` description into pixels.
public enum FigureRenderer {
    public static func render(_ figure: Figure, theme: Theme) throws -> RenderedFigure {
        let pw = Int((figure.width * figure.scale).rounded()), ph = Int((figure.height * figure.scale).rounded())
        let surface = try CairoImageSurface(width: pw, height: ph)
        let context = try CairoContext(surface: surface)
        context.scale(figure.scale, figure.scale)
        let canvas = Canvas(context: context, theme: theme)
        canvas.fillRect(Rect(x: 0, y: 0, width: figure.width, height: figure.height), color: theme.background)

        var texts: [Rect] = []
        let pad = 8.0
        var gridTop = pad
        if let title = figure.title {
            let r = canvas.draw(RichText(markup: title), at: figure.width / 2, pad + 2, size: theme.titleSize,
                                color: theme.text, h: .center, v: .top, weight: .bold)
            texts.append(r)
            gridTop = r.maxY + 6
        }
        var gridBottom = figure.height - pad
        if let footnote = figure.footnote {
            let r = canvas.draw(RichText(markup: footnote), at: figure.width / 2, figure.height - pad - 2,
                                size: theme.annotationSize, color: theme.mutedText, h: .center, v: .bottom)
            texts.append(r)
            gridBottom = r.y - 6
        }
        let n = max(1, figure.panels.count)
        let columns = max(1, min(n, figure.columns ?? n))
        let rows = (n + columns - 1) / columns
        let gap = 14.0
        let cellW = (figure.width - 2 * pad - Double(columns - 1) * gap) / Double(columns)
        let cellH = (gridBottom - gridTop - Double(rows - 1) * gap) / Double(rows)
        var layouts: [PanelLayout] = []
        for (index, panel) in figure.panels.enumerated() {
            let cell = Rect(x: pad + Double(index % columns) * (cellW + gap),
                            y: gridTop + Double(index / columns) * (cellH + gap), width: cellW, height: cellH)
            var layouter = PanelLayouter(canvas: canvas, theme: theme)
            var layout = layouter.layout(panel, in: cell)
            var painter = PanelPainter(canvas: canvas, theme: theme, panel: panel, layout: layout, cell: cell)
            // A single panel whose legend would cover data gets room for the legend beside the plot.
            if figure.panels.count == 1, layouter.directLabelWidth(panel) == 0, let size = painter.legendSize() {
                painter.cachedDataPoints = painter.dataPoints()
                if painter.bestInsideLegend(width: size.width, height: size.height).score > 2 {
                    layout = layouter.layout(panel, in: cell, extraRight: size.width + 16)
                    painter = PanelPainter(canvas: canvas, theme: theme, panel: panel, layout: layout, cell: cell)
                    painter.legendOutside = true
                }
            }
            painter.paint()
            texts += painter.textBoxes
            layouts.append(layout)
        }
        try context.checkStatus("render")
        return RenderedFigure(surface: surface, figure: figure, theme: theme, panelLayouts: layouts, textBoxes: texts)
    }
}
