// The things a panel can draw, all in data coordinates unless stated.

/// A polyline through data points; non-finite points break the line.
public struct LineSeries: Sendable, Equatable {
    public var xs: [Double], ys: [Double]
    public var ink: Ink
    /// Stroke width in CSS pixels; `nil` uses the theme's line width.
    public var width: Double?
    public var dash: DashStyle
    public var marker: Marker?
    /// Draw a marker on every `markerEvery`-th point (1 = all), starting at index `markerOffset`
    /// (different offsets keep markers of overlapping lines apart).
    public var markerEvery: Int
    public var markerOffset: Int
    /// Legend or direct label (RichText markup).
    public var label: String?
    /// When true the label is written at the line's right end (outside the plot, overlaps resolved)
    /// instead of in a legend.
    public var directLabel: Bool
    /// 1 opaque; lower for many overlaid lines (each of fifty fits of a bias–variance panel), so where they crowd
    /// reads darker.
    public var opacity: Double

    public init(xs: [Double], ys: [Double], ink: Ink, width: Double? = nil, dash: DashStyle = .solid,
                marker: Marker? = nil, markerEvery: Int = 1, markerOffset: Int = 0, label: String? = nil,
                directLabel: Bool = false, opacity: Double = 1) {
        self.xs = xs; self.ys = ys; self.ink = ink; self.width = width; self.dash = dash; self.marker = marker
        self.markerEvery = max(1, markerEvery); self.markerOffset = max(0, markerOffset); self.label = label
        self.directLabel = directLabel; self.opacity = min(1, max(0, opacity))
    }
}

/// Markers only.
public struct ScatterSeries: Sendable, Equatable {
    public var xs: [Double], ys: [Double]
    public var ink: Ink
    public var marker: Marker
    public var opacity: Double
    public var label: String?
    public init(xs: [Double], ys: [Double], ink: Ink, marker: Marker = Marker(.circle), opacity: Double = 1,
                label: String? = nil) {
        self.xs = xs; self.ys = ys; self.ink = ink; self.marker = marker; self.opacity = opacity; self.label = label
    }
}

/// Vertical error bars from `lower[i]` to `upper[i]` at `xs[i]`, with horizontal caps.
public struct ErrorBarSeries: Sendable, Equatable {
    public var xs: [Double], lower: [Double], upper: [Double]
    public var ink: Ink
    /// Cap width in CSS pixels.
    public var capWidth: Double
    public var lineWidth: Double
    public init(xs: [Double], lower: [Double], upper: [Double], ink: Ink, capWidth: Double = 5, lineWidth: Double = 1.1) {
        self.xs = xs; self.lower = lower; self.upper = upper; self.ink = ink; self.capWidth = capWidth
        self.lineWidth = lineWidth
    }
}

/// A filled region between `lower` and `upper` over `xs`.
public struct Band: Sendable, Equatable {
    public var xs: [Double], lower: [Double], upper: [Double]
    public var ink: Ink
    public var opacity: Double
    public var label: String?
    public init(xs: [Double], lower: [Double], upper: [Double], ink: Ink, opacity: Double = 0.18, label: String? = nil) {
        self.xs = xs; self.lower = lower; self.upper = upper; self.ink = ink; self.opacity = opacity; self.label = label
    }
}

/// A shaded vertical strip between two x values spanning the plot height, with an optional caption
/// written inside at the top (e.g. "underfitting").
public struct XSpan: Sendable, Equatable {
    public var from: Double, to: Double
    public var caption: String?
    public var hatched: Bool
    public init(from: Double, to: Double, caption: String? = nil, hatched: Bool = false) {
        self.from = from; self.to = to; self.caption = caption; self.hatched = hatched
    }
}

/// A full-height vertical (or full-width horizontal) line at a data value, labelled inside the plot.
public struct ReferenceLine: Sendable, Equatable {
    public enum Orientation: Sendable, Equatable { case vertical, horizontal }
    public var orientation: Orientation
    public var value: Double
    public var ink: Ink
    public var dash: DashStyle
    public var label: String?
    public init(_ orientation: Orientation, at value: Double, ink: Ink = .muted, dash: DashStyle = .dashed,
                label: String? = nil) {
        self.orientation = orientation; self.value = value; self.ink = ink; self.dash = dash; self.label = label
    }
}

/// A closed polygon in data coordinates, filled and/or stroked.
public struct PolygonShape: Sendable, Equatable {
    public var xs: [Double], ys: [Double]
    public var fill: Ink?
    public var fillOpacity: Double
    public var stroke: Ink?
    public var strokeWidth: Double
    public var dash: DashStyle
    public var label: String?
    public init(xs: [Double], ys: [Double], fill: Ink? = nil, fillOpacity: Double = 0.25, stroke: Ink? = nil,
                strokeWidth: Double = 2, dash: DashStyle = .solid, label: String? = nil) {
        self.xs = xs; self.ys = ys; self.fill = fill; self.fillOpacity = fillOpacity; self.stroke = stroke
        self.strokeWidth = strokeWidth; self.dash = dash; self.label = label
    }
}

/// Contour lines of a function sampled on a grid: `values[j][i]` is the value at (`xs[i]`, `ys[j]`).
public struct ContourSet: Sendable, Equatable {
    public var xs: [Double], ys: [Double]
    public var values: [[Double]]
    public var levels: [Double]
    public var ink: Ink
    public var width: Double
    public var dash: DashStyle
    public var opacity: Double
    public var label: String?
    public init(xs: [Double], ys: [Double], values: [[Double]], levels: [Double], ink: Ink = .muted,
                width: Double = 1, dash: DashStyle = .solid, opacity: Double = 1, label: String? = nil) {
        self.xs = xs; self.ys = ys; self.values = values; self.levels = levels; self.ink = ink; self.width = width
        self.dash = dash; self.opacity = opacity; self.label = label
    }
}

/// An arrow from one data point to another (head at `to`).
public struct Arrow: Sendable, Equatable {
    public var fromX: Double, fromY: Double, toX: Double, toY: Double
    public var ink: Ink
    public var width: Double
    public init(from: (Double, Double), to: (Double, Double), ink: Ink = .text, width: Double = 1.4) {
        fromX = from.0; fromY = from.1; toX = to.0; toY = to.1; self.ink = ink; self.width = width
    }
}

/// Text at a data point. `anchor` says which point of the text box sits at the data point, after moving
/// it by (`dx`, `dy`) CSS pixels (y down).
public struct TextAnnotation: Sendable, Equatable {
    public enum Anchor: Sendable, Equatable { case left, right, center, above, below, aboveLeft, aboveRight, belowLeft, belowRight }
    public var x: Double, y: Double
    public var text: String
    public var anchor: Anchor
    public var dx: Double, dy: Double
    public var ink: Ink
    public var halo: Bool
    public init(x: Double, y: Double, text: String, anchor: Anchor = .right, dx: Double = 0, dy: Double = 0,
                ink: Ink = .text, halo: Bool = true) {
        self.x = x; self.y = y; self.text = text; self.anchor = anchor; self.dx = dx; self.dy = dy; self.ink = ink
        self.halo = halo
    }
}

/// Line patterns laid over a fill so that series differ without color.
public enum Hatch: Sendable, Equatable, CaseIterable {
    case none, forward, backward, cross

    /// Cycle used for series `index` (the first series is plain).
    public static func cycle(_ index: Int) -> Hatch {
        let all = Hatch.allCases
        return all[((index % all.count) + all.count) % all.count]
    }
}

/// Rectangles from (`x0[i]`, `base[i]`) to (`x1[i]`, `top[i]`) in data units.
public struct BarSeries: Sendable, Equatable {
    public var x0: [Double], x1: [Double], base: [Double], top: [Double]
    public var ink: Ink
    public var hatch: Hatch
    public var label: String?
    public init(x0: [Double], x1: [Double], base: [Double], top: [Double], ink: Ink, hatch: Hatch = .none, label: String? = nil) {
        self.x0 = x0; self.x1 = x1; self.base = base; self.top = top; self.ink = ink; self.hatch = hatch; self.label = label
    }
}

public enum PlotItem: Sendable, Equatable {
    case line(LineSeries)
    case scatter(ScatterSeries)
    case errorBars(ErrorBarSeries)
    case band(Band)
    case xSpan(XSpan)
    case reference(ReferenceLine)
    case polygon(PolygonShape)
    case contour(ContourSet)
    case arrow(Arrow)
    case text(TextAnnotation)
    case bars(BarSeries)
}
