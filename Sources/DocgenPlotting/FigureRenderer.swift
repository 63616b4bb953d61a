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
    /// Grid cells sized so that the panels of a row get plots of equal width even when their margins
    /// differ (e.g. panels sharing the y axis of their left neighbour have no tick labels).
    static func cellsWithEqualPlotWidths(_ figure: Figure, canvas: Canvas, theme: Theme, columns: Int, top: Double,
                                         cellWidth: Double, cellHeight: Double, pad: Double, gap: Double) -> [Rect] {
        var cells: [Rect] = []
        let panels = figure.panels
        for rowStart in stride(from: 0, to: panels.count, by: columns) {
            let row = Array(rowStart..<min(rowStart + columns, panels.count))
            let y = top + Double(rowStart / columns) * (cellHeight + gap)
            // Margins measured without aspect constraints, first on equal cells, then once more on the
            // resized cells (tick choices, hence label overhangs, depend on the width).
            var widths = Array(repeating: cellWidth, count: row.count)
            for _ in 0..<(row.count > 1 ? 3 : 0) {
                let margins = zip(row, widths).map { i, width -> Double in
                    var panel = panels[i]
                    panel.equalAspect = false
                    var layouter = PanelLayouter(canvas: canvas, theme: theme)
                    return width - layouter.layout(panel, in: Rect(x: 0, y: y, width: width, height: cellHeight)).plot.width
                }
                let available = Double(row.count) * cellWidth
                let plotWidth = max(20, (available - margins.reduce(0, +)) / Double(row.count))
                widths = margins.map { plotWidth + $0 }
            }
            var x = pad
            for width in widths {
                cells.append(Rect(x: x, y: y, width: width, height: cellHeight))
                x += width + gap
            }
        }
        return cells
    }

    /// The figure's title above the panels and its footnote below them, wrapped to the figure's width.
    struct Frame {
        var title: [(text: RichText, size: Double)] = []
        var footnote: [(text: RichText, size: Double)] = []
        /// CSS px from the top of the figure to the top of the panels, and from their bottom to the figure's bottom.
        var top = 0.0, bottom = 0.0
        static let pad = 8.0, lineGap = 2.0

        init(_ figure: Figure, canvas: Canvas, theme: Theme) {
            let maxWidth = figure.width - 2 * Frame.pad
            func lines(_ markup: String?, size: Double, weight: FontWeight) -> [(RichText, Double)] {
                guard let markup else { return [] }
                return canvas.wrapped(markup, size: size, maxWidth: maxWidth, weight: weight, maxLines: 3).map {
                    canvas.fitted(RichText(markup: $0), size: size, maxWidth: maxWidth, weight: weight)
                }
            }
            func height(_ lines: [(RichText, Double)], weight: FontWeight) -> Double {
                lines.map { canvas.measure($0.0, size: $0.1, weight: weight).height }.reduce(0, +)
                    + Frame.lineGap * Double(max(0, lines.count - 1))
            }
            title = lines(figure.title, size: theme.titleSize, weight: .bold).map { ($0.0, $0.1) }
            footnote = lines(figure.footnote, size: theme.annotationSize, weight: .normal).map { ($0.0, $0.1) }
            top = Frame.pad + (title.isEmpty ? 0 : 2 + height(title.map { ($0.text, $0.size) }, weight: .bold) + 6)
            bottom = Frame.pad + (footnote.isEmpty ? 0 : 2 + height(footnote.map { ($0.text, $0.size) }, weight: .normal) + 6)
        }
    }

    /// `figure` laid out for a narrow screen: every panel in one column `width` CSS px wide and `panelHeight` tall,
    /// each with its own y-axis labels, and the figure as tall as that column plus its wrapped title and footnote.
    /// The text keeps its size, so on a phone it is as legible as on a desktop.
    public static func stacked(_ figure: Figure, width: Double, panelHeight: Double, theme: Theme) throws -> Figure {
        var f = figure
        f.width = width
        f.columns = 1
        for k in f.panels.indices { f.panels[k].y.showsLabels = true }
        let surface = try CairoImageSurface(width: 1, height: 1)
        let context = try CairoContext(surface: surface)
        context.scale(figure.scale, figure.scale)
        let frame = Frame(f, canvas: Canvas(context: context, theme: theme), theme: theme)
        let rows = Double(max(1, f.panels.count))
        f.height = (frame.top + rows * panelHeight + (rows - 1) * gap + frame.bottom).rounded(.up)
        return f
    }

    /// Space between neighbouring panels, CSS px.
    static let gap = 14.0

    public static func render(_ figure: Figure, theme: Theme) throws -> RenderedFigure {
        let pw = Int((figure.width * figure.scale).rounded()), ph = Int((figure.height * figure.scale).rounded())
        let surface = try CairoImageSurface(width: pw, height: ph)
        let context = try CairoContext(surface: surface)
        context.scale(figure.scale, figure.scale)
        let canvas = Canvas(context: context, theme: theme)
        canvas.fillRect(Rect(x: 0, y: 0, width: figure.width, height: figure.height), color: theme.background)

        var texts: [Rect] = []
        let pad = Frame.pad
        let frame = Frame(figure, canvas: canvas, theme: theme)
        var y = pad + 2
        for line in frame.title {
            let r = canvas.draw(line.text, at: figure.width / 2, y, size: line.size, color: theme.text, h: .center, v: .top,
                                weight: .bold)
            texts.append(r)
            y = r.maxY + Frame.lineGap
        }
        let gridTop = frame.top
        let gridBottom = figure.height - frame.bottom
        y = gridBottom + 6 + 2
        for line in frame.footnote {
            let r = canvas.draw(line.text, at: figure.width / 2, y, size: line.size, color: theme.mutedText, h: .center,
                                v: .top)
            texts.append(r)
            y = r.maxY + Frame.lineGap
        }
        let n = max(1, figure.panels.count)
        let columns = max(1, min(n, figure.columns ?? n))
        let rows = (n + columns - 1) / columns
        let cellW = (figure.width - 2 * pad - Double(columns - 1) * gap) / Double(columns)
        let cellH = (gridBottom - gridTop - Double(rows - 1) * gap) / Double(rows)
        let cells = cellsWithEqualPlotWidths(figure, canvas: canvas, theme: theme, columns: columns, top: gridTop,
                                             cellWidth: cellW, cellHeight: cellH, pad: pad, gap: gap)
        var layouts: [PanelLayout] = []
        for (index, panel) in figure.panels.enumerated() {
            let cell = cells[index]
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
