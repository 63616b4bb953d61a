/// A numbered figure drawn by the build, from a `{figure}` directive.
public struct Figure: Sendable, Equatable {
    /// The number shown in the caption, "3.2" (chapter 3, figure 2) or "2" in an unnumbered chapter.
    public var number: String
    /// The anchor (the figure's label, or a generated one), the target of `@fig-…`.
    public var id: String
    /// The light-theme image, relative to the site root (`figures/fig-path.png`).
    public var image: String
    /// The dark-theme image, when one was drawn.
    public var darkImage: String?
    /// The displayed size in CSS pixels (the PNGs hold twice as many device pixels).
    public var width: Int
    public var height: Int
    /// The alt text, plain.
    public var alt: String
    /// The caption, after the number.
    public var caption: [Inline]
    /// The figure's data as CSV, relative to the site root, offered for download; nil for none.
    public var dataFile: String?
    /// A script that redoes the figure's (first) experiment in Python, relative to the site root; nil for none.
    public var reproduceScript: String?
    /// The narrow screens' variant (one column of panels, 360 CSS px wide, so text keeps its desktop size), light and
    /// dark, with its size in CSS pixels; nil when none was drawn (the figure then scales down as it is).
    public var narrow: NarrowVariant?

    /// A figure's images for narrow screens.
    public struct NarrowVariant: Sendable, Equatable {
        public var image: String
        public var darkImage: String?
        public var width: Int, height: Int
        public init(image: String, darkImage: String?, width: Int, height: Int) {
            self.image = image; self.darkImage = darkImage; self.width = width; self.height = height
        }
    }

    public init(number: String, id: String, image: String, darkImage: String? = nil, width: Int, height: Int,
                alt: String, caption: [Inline], dataFile: String? = nil, reproduceScript: String? = nil,
                narrow: NarrowVariant? = nil) {
        self.narrow = narrow
        self.number = number
        self.id = id
        self.image = image
        self.darkImage = darkImage
        self.width = width
        self.height = height
        self.alt = alt
        self.caption = caption
        self.dataFile = dataFile
        self.reproduceScript = reproduceScript
    }
}
