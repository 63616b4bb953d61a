/// A color given relative to the theme, so one figure description renders in light and dark variants.
public enum Ink: Sendable, Equatable {
    /// The theme palette's `index`-th color (Okabe–Ito order of the theme).
    case palette(Int)
    case text, muted, axis
    case custom(Color)

    func resolve(_ theme: Theme) -> Color {
        switch self {
        case .palette(let i): return theme.color(i)
        case .text: return theme.text
        case .muted: return theme.mutedText
        case .axis: return theme.axis
        case .custom(let c): return c
        }
    }
}

/// Line dash patterns; lengths scale with the line width so patterns stay distinguishable in grayscale.
public enum DashStyle: Sendable, Equatable {
    case solid, dashed, dotted, dashDot, longDash, dashDotDot
    /// Dash on/off lengths in CSS pixels.
    case custom([Double])

    /// Cycle used for series `index` so neighbouring series differ without color.
    public static func cycle(_ index: Int) -> DashStyle {
        let styles: [DashStyle] = [.solid, .dashed, .dotted, .dashDot, .longDash, .dashDotDot]
        return styles[((index % styles.count) + styles.count) % styles.count]
    }

    func pattern(lineWidth w: Double) -> [Double] {
        switch self {
        case .solid: return []
        case .dashed: return [3.5 * w, 2.2 * w]
        case .dotted: return [0.01, 2 * w]
        case .dashDot: return [4 * w, 1.8 * w, 0.01, 1.8 * w]
        case .longDash: return [7 * w, 2.5 * w]
        case .dashDotDot: return [4 * w, 1.6 * w, 0.01, 1.6 * w, 0.01, 1.6 * w]
        case .custom(let p): return p
        }
    }
}

public enum MarkerShape: Sendable, Equatable, CaseIterable {
    case circle, square, triangle, diamond, invertedTriangle, cross, plus

    /// Cycle used for series `index`.
    public static func cycle(_ index: Int) -> MarkerShape {
        let all = MarkerShape.allCases
        return all[((index % all.count) + all.count) % all.count]
    }
}

public struct Marker: Sendable, Equatable {
    public var shape: MarkerShape
    /// Width of the marker in CSS pixels; `nil` uses the theme's marker size.
    public var size: Double?
    public var filled: Bool
    public init(_ shape: MarkerShape, size: Double? = nil, filled: Bool = true) {
        self.shape = shape; self.size = size; self.filled = filled
    }
}

/// One axis of a panel.
public struct Axis: Sendable, Equatable {
    /// Axis title in RichText markup, e.g. "penalty α (log scale)".
    public var label: String
    public var scale: AxisScale.Kind
    /// Fixed data range; `nil` fits the data (with a small margin).
    public var range: ClosedRange<Double>?
    /// Draw increasing values toward the left (x) or downward (y).
    public var reversed: Bool
    /// Extend the automatic range to include zero (linear only).
    public var includeZero: Bool
    /// Category names at integer positions 0, 1, …; replaces numeric ticks.
    public var categories: [String]?
    public var grid: Bool
    /// Draw tick labels and the axis title. Set false on the y axis of panels that share the y axis of the
    /// panel to their left (same range): the plot then takes the freed width.
    public var showsLabels: Bool

    public init(label: String, scale: AxisScale.Kind = .linear, range: ClosedRange<Double>? = nil,
                reversed: Bool = false, includeZero: Bool = false, categories: [String]? = nil, grid: Bool = true,
                showsLabels: Bool = true) {
        self.label = label; self.scale = scale; self.range = range; self.reversed = reversed
        self.includeZero = includeZero; self.categories = categories; self.grid = grid; self.showsLabels = showsLabels
    }
}

/// A secondary axis along the top of a panel with labels at given positions of the bottom axis's data
/// (e.g. the number of nonzero coefficients at some α values).
public struct TopAxis: Sendable, Equatable {
    public var label: String
    public var positions: [Double]
    public var labels: [String]
    public init(label: String, positions: [Double], labels: [String]) {
        self.label = label; self.positions = positions; self.labels = labels
    }
}

public enum LegendPlacement: Sendable, Equatable {
    case none
    /// Inside the plot where it covers the fewest data points.
    case auto
}

/// A side of a panel's plot.
public enum PanelSide: Sendable, Equatable { case left, right }

public struct Panel: Sendable, Equatable {
    /// RichText markup; a title too wide for the panel wraps onto a second line.
    public var title: String?
    public var x: Axis, y: Axis
    public var top: TopAxis?
    public var items: [PlotItem]
    public var legend: LegendPlacement
    /// One data unit has the same pixel length on both axes (for geometry plots).
    public var equalAspect: Bool
    /// Where the y axis (ticks, tick labels, title) is drawn.
    public var yAxisSide: PanelSide
    /// Where lines with `directLabel` are labelled: beside the plot at their leftmost or rightmost point. Direct
    /// labels and the y axis need opposite sides.
    public var directLabelSide: PanelSide

    public init(title: String? = nil, x: Axis, y: Axis, top: TopAxis? = nil, items: [PlotItem] = [],
                legend: LegendPlacement = .auto, equalAspect: Bool = false, yAxisSide: PanelSide = .left,
                directLabelSide: PanelSide = .right) {
        self.title = title; self.x = x; self.y = y; self.top = top; self.items = items; self.legend = legend
        self.equalAspect = equalAspect; self.yAxisSide = yAxisSide; self.directLabelSide = directLabelSide
    }
}

/// A figure of one or more panels laid out on a grid. Sizes are CSS pixels; the PNG has
/// `width × scale` by `height × scale` device pixels. The default, 640×400 at 2.5×, is the size a desktop page
/// shows (its content column) in a 1600×1000 PNG.
public struct Figure: Sendable, Equatable {
    public var width: Double
    public var height: Double
    public var scale: Double
    public var title: String?
    public var panels: [Panel]
    /// Panels per row; `nil` puts all panels in one row.
    public var columns: Int?
    /// A line of muted text centred under the panels (e.g. a key to symbols shared by all panels).
    public var footnote: String?

    public init(width: Double = 640, height: Double = 400, scale: Double = 2.5, title: String? = nil,
                panels: [Panel], columns: Int? = nil, footnote: String? = nil) {
        self.width = width; self.height = height; self.scale = scale; self.title = title; self.panels = panels
        self.columns = columns; self.footnote = footnote
    }
}
