import DocgenModels
import DocgenPlotting

/// How one series is drawn: a palette colour (Okabe–Ito, in the theme's order), a dash pattern and, from the seventh
/// style on, a marker, so that any two of the first 24 styles differ in colour and in dash or marker, and still
/// differ when printed in grey.
public struct SeriesStyle: Sendable, Equatable, Hashable {
    /// The position in the cycle of styles.
    public var index: Int
    public var ink: Ink { .palette(index) }
    public var dash: DashStyle { DashStyle.cycle(index) }
    /// The marker of lines drawn with this style (nil for the first six).
    public var marker: Marker? { index >= 6 ? Marker(MarkerShape.cycle(index - 6), size: 5.5) : nil }
    /// The fill pattern of bars drawn with this style.
    public var hatch: Hatch { Hatch.cycle(index) }

    public init(index: Int) { self.index = max(0, index) }
}

/// The course's style of every feature and every model: a feature keeps one colour and dash in every figure of the
/// course, and so does a kind of model compared with others.
///
/// A feature's style is its column's position in its data set (the header of a CSV file without the target, a
/// generator's x1…xp, a polynomial's x, x^2, …), so adding figures or experiments never recolours it; a name in
/// several data sets keeps the style of the first data set of the course that has it. A model's style follows its
/// penalty, the same in every figure and for every family: L1 (lasso, L1 logistic, an L1 network) style 0, L2
/// (ridge, …) style 1, a mix of the two style 2, no penalty style 3.
public struct StyleMap: Sendable, Equatable {
    /// Feature name → style index.
    public private(set) var features: [String: Int] = [:]

    public init() {}

    /// The map of a course whose data sets have these columns (each data set's features in column order, data sets in
    /// course order).
    public init(dataColumns: [[String]]) {
        for columns in dataColumns {
            for (position, name) in columns.enumerated() where features[name] == nil { features[name] = position }
        }
    }

    /// The styles of features drawn together in one figure: each feature's own, except that two features whose own
    /// styles coincide (names from different data sets) are told apart: the later one takes the first style that no
    /// feature of the figure owns.
    public func features(_ names: [String]) -> [SeriesStyle] {
        Self.distinct(names.enumerated().map { features[$1] ?? $0 })
    }

    /// The style index of a model with this l1 ratio (1: L1, 0: L2, between: a mix, nil: no penalty).
    public static func modelIndex(l1Ratio: Double?) -> Int {
        switch l1Ratio {
        case 1?: return 0
        case 0?: return 1
        case .some: return 2
        case nil: return 3
        }
    }

    /// The style of a model with this l1 ratio.
    public static func model(l1Ratio: Double?) -> SeriesStyle { SeriesStyle(index: modelIndex(l1Ratio: l1Ratio)) }

    /// The styles of several models drawn together: each its penalty's own, except that a model whose style is
    /// already taken in the figure (the same penalty on another sample, another mix) takes the first free style.
    public static func models(l1Ratios: [Double?]) -> [SeriesStyle] {
        distinct(l1Ratios.map { modelIndex(l1Ratio: $0) })
    }

    /// Own style indices made distinct: a repeated index moves to the first index nobody in the list owns.
    static func distinct(_ own: [Int]) -> [SeriesStyle] {
        var used = Set<Int>(), styles: [SeriesStyle] = []
        let owned = Set(own)
        for var index in own {
            if used.contains(index) { index = (0...).first { !owned.contains($0) && !used.contains($0) }! }
            used.insert(index)
            styles.append(SeriesStyle(index: index))
        }
        return styles
    }

    /// A stable text of the styles of these features, for the cache key of a figure that draws them.
    public func fingerprint(features names: [String]) -> String {
        names.map { "\($0)=\(features[$0].map(String.init) ?? "-")" }.joined(separator: ";")
    }
}
