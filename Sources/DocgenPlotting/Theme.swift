/// Visual constants of a figure: colors, font, sizes. All lengths are CSS pixels; the renderer multiplies
/// by the figure's device scale (2.5 for a 1600×1000 PNG of a 640×400 figure).
///
/// Text sizes are for a figure shown at its own width (640 CSS px, the content column of a desktop page): no text is
/// smaller than `minimumTextSize` there, so labels stay legible without zooming.
public struct Theme: Sendable, Equatable {
    public var background: Color
    /// Titles, axis labels, tick labels.
    public var text: Color
    /// Secondary text (annotations, top-axis labels).
    public var mutedText: Color
    public var axis: Color
    public var grid: Color
    /// Series colors in order of use (Okabe–Ito, ordered for contrast against `background`).
    public var palette: [Color]
    /// Fill for shaded regions (e.g. under/overfitting zones).
    public var shade: Color
    public var fontFamily: String
    public var titleSize: Double = 16
    public var labelSize: Double = 14
    public var tickLabelSize: Double = 13
    public var annotationSize: Double = 13
    /// No text is drawn smaller: a label too long for its room wraps or is cut with an ellipsis instead.
    public var minimumTextSize: Double = 12
    public var lineWidth: Double = 2
    public var axisWidth: Double = 1
    public var gridWidth: Double = 0.75
    public var tickLength: Double = 5
    public var markerSize: Double = 6.5

    /// Dark text on white.
    public static let light = Theme(
        background: Color(hex: 0xFFFFFF), text: Color(hex: 0x1A1A1A), mutedText: Color(hex: 0x555555),
        axis: Color(hex: 0x3A3A3A), grid: Color(hex: 0xE4E4E4),
        palette: [Color.OkabeIto.blue, Color.OkabeIto.vermillion, Color.OkabeIto.bluishGreen,
                  Color.OkabeIto.orange, Color.OkabeIto.reddishPurple, Color.OkabeIto.skyBlue,
                  Color.OkabeIto.black, Color(hex: 0xB8A800)],
        shade: Color(hex: 0x000000, alpha: 0.055), fontFamily: "DejaVu Sans")

    /// Light text on a near-black background (for the site's dark mode).
    public static let dark = Theme(
        background: Color(hex: 0x16181C), text: Color(hex: 0xE8E8E8), mutedText: Color(hex: 0xA8A8A8),
        axis: Color(hex: 0xB0B0B0), grid: Color(hex: 0x2E3136),
        palette: [Color.OkabeIto.skyBlue, Color.OkabeIto.orange, Color.OkabeIto.bluishGreen,
                  Color.OkabeIto.reddishPurple, Color.OkabeIto.vermillion, Color.OkabeIto.yellow,
                  Color(hex: 0xE8E8E8), Color(hex: 0x3D8FD1)],
        shade: Color(hex: 0xFFFFFF, alpha: 0.07), fontFamily: "DejaVu Sans")

    /// The `index`-th series color, cycling.
    public func color(_ index: Int) -> Color { palette[((index % palette.count) + palette.count) % palette.count] }
}
