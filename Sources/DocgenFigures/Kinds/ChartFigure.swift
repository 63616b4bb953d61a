import DocgenModels
import DocgenOptions
import DocgenPlotting
import Foundation

/// A per-α column of an experiment's result, as the `chart` kind names it: the penalty (`alpha`, or the author's own
/// `sklearn_alpha` or `C`), `l1_norm`, `nonzero`, `intercept`, `coef.NAME`, or any metric column of the result
/// (`train_r2`, `test_mse`, `cv_mean`, `cv_se`, a network's `epochs`, …).
public struct ChartColumn: Sendable, Equatable, Hashable {
    public var name: String

    public init(_ name: String) { self.name = name }

    /// Whether the column is a coefficient (`coef.NAME`).
    public var feature: String? { name.hasPrefix("coef.") ? String(name.dropFirst(5)) : nil }

    /// The column's values, one per α of `r` in its grid order; nil when `r` has no such column.
    public func values(in r: ExperimentResult) -> [Double]? {
        if let feature {
            guard let j = r.featureNames.firstIndex(of: feature) else { return nil }
            return r.coefficients.map { $0[j] }
        }
        switch name {
        case "alpha": return r.alphas
        case "l1_norm": return r.l1Norms
        case "nonzero": return r.nonzeroCounts.map(Double.init)
        case "intercept": return r.intercepts
        default:
            if !r.penaltyParameter.isAlpha, name == r.penaltyParameter.column { return r.penaltyValues }
            return r.metric(name)
        }
    }

    /// Every column name `r` has, for did-you-mean suggestions.
    public static func names(in r: ExperimentResult) -> [String] {
        ["alpha", "l1_norm", "nonzero", "intercept"] + (r.penaltyParameter.isAlpha ? [] : [r.penaltyParameter.column])
            + r.metricNames + r.featureNames.map { "coef.\($0)" }
    }

    /// The words of an axis or legend entry (label markup): "coefficient β̂ (bmi)", "test R²", "‖β̂‖₁".
    var label: String {
        if let feature { return RichText.escape(feature) }
        switch name {
        case "l1_norm": return "‖β\u{0302}‖_1"
        case "nonzero": return "nonzero coefficients"
        case CrossValidationColumn.mean: return "cross-validated error"
        case CrossValidationColumn.standardError: return "its standard error"
        default:
            for part in DataPart.allCases {
                for metric in Metric.allCases where part.columnName(metric) == name {
                    return "\(part == .train ? "training" : "test") \(metric.displayName)"
                }
            }
            return RichText.escape(name)
        }
    }
}

/// `{figure} chart`: the author's own chart of per-α result columns. `x` is `alpha` (a log axis in the course's
/// direction), `l1_norm` or any column; `y` lists columns (`[train_r2, test_r2]`, `[coef.bmi, coef.s5]`) or `coef.*`
/// for every coefficient. Several `experiments` are overlaid; `facet: feature` draws one small panel per coefficient
/// with a line per experiment, `facet: experiment` one panel per experiment. Coefficients keep their course-wide
/// colour, experiments their model's dash, train and test columns the colours they have in every scores figure.
public struct ChartFigure: FigureKind {
    public static let name = "chart"
    public static let arity = ExperimentArity.many
    public static let optionKeys = ["x", "y", "facet", "x_scale", "y_scale", "label"]
    static let kind = name

    public enum Facet: String, Sendable, Equatable, CaseIterable { case feature, experiment }
    public enum Scale: String, Sendable, Equatable, CaseIterable { case linear, log }

    public var x: ChartColumn
    /// The y columns as written; `coef.*` expands to every coefficient of the first experiment.
    public var y: [String]
    public var facet: Facet?
    public var xScale: Scale?
    public var yScale: Scale
    /// Coefficients to label directly in a single panel (`label: [names]`); nil: all when there are at most 10.
    public var labelled: [String]?

    /// Most panels a faceted chart draws.
    public static let maximumPanels = 12

    public init(x: String = "alpha", y: [String], facet: Facet? = nil, xScale: Scale? = nil, yScale: Scale = .linear,
                labelled: [String]? = nil) {
        self.x = ChartColumn(x); self.y = y; self.facet = facet; self.xScale = xScale; self.yScale = yScale
        self.labelled = labelled
    }

    public init?(options r: inout OptionReader) {
        let errorsBefore = r.diagnostics.errors.count
        x = ChartColumn(r.string("x") ?? "alpha")
        if r.isList("y") {
            y = r.stringList("y") ?? []
        } else if let one = r.string("y", required: true) {
            y = [one]
        } else {
            y = []
        }
        if r.has("y") && y.isEmpty { r.error("'y' lists no column", at: r.location(of: "y")) }
        func choice<T: RawRepresentable & CaseIterable>(_ key: String, _ type: T.Type) -> T? where T.RawValue == String {
            guard let written = r.string(key) else { return nil }
            guard let value = T(rawValue: written) else {
                r.error("'\(key)' must be \(Suggestion.list(T.allCases.map(\.rawValue))), found '\(written)'", at: r.location(of: key))
                return nil
            }
            return value
        }
        facet = choice("facet", Facet.self)
        xScale = choice("x_scale", Scale.self)
        yScale = choice("y_scale", Scale.self) ?? .linear
        // A list names features (and, starting with `fig-`, the figure's own label, which the build reads); a single
        // name is the figure's own label.
        if r.has("label") && !r.isScalar("label") { labelled = r.stringList("label")?.filter { !$0.hasPrefix("fig-") } }
        if facet == .feature, y.contains(where: { !$0.hasPrefix("coef.") }) {
            r.error("'facet: feature' draws coefficients: 'y' must be coef.* or coef.NAME columns", at: r.location(of: "facet"))
        }
        if r.diagnostics.errors.count > errorsBefore { return nil }
    }

    /// The y columns for result `r`: `coef.*` expanded to its coefficients.
    func yColumns(for r: ExperimentResult) -> [ChartColumn] {
        var out: [ChartColumn] = []
        for name in y {
            if name == "coef.*" { out += r.featureNames.map { ChartColumn("coef.\($0)") } } else { out.append(ChartColumn(name)) }
        }
        var seen = Set<ChartColumn>()
        return out.filter { seen.insert($0).inserted }
    }

    /// One drawn series: which experiment, which column, its points in increasing x.
    struct Series {
        var experiment: Int
        var column: ChartColumn
        var xs: [Double], ys: [Double]
    }

    public func draw(_ experiments: [FinishedExperiment], context: FigureContext) throws -> FigureDrawing {
        guard let first = experiments.first else { throw FigureInputError(Self.kind, "needs at least one experiment") }
        let penalty = context.conventions.penalty(first.result)
        let columns = yColumns(for: first.result)
        guard !columns.isEmpty else { throw FigureInputError(Self.kind, "'y' names no column", key: "y") }
        var series: [Series] = []
        for (position, e) in experiments.enumerated() {
            let r = e.result
            func missing(_ column: ChartColumn, key: String) -> FigureInputError {
                var message = "experiment '\(e.id)' has no column '\(column.name)'"
                if let s = Suggestion.closest(to: column.name, in: ChartColumn.names(in: r)) { message += "; did you mean '\(s)'?" }
                else { message += " (its columns: \(ChartColumn.names(in: r).prefix(12).joined(separator: ", ")))" }
                return FigureInputError(Self.kind, message, key: key, experiment: position)
            }
            // x: α is drawn in the author's parameter; other columns as they are.
            let xValues: [Double]
            if x.name == "alpha" { xValues = r.alphas.map(PenaltyAxis(r).value) } else {
                guard let v = x.values(in: r) else { throw missing(x, key: "x") }
                xValues = v
            }
            for column in columns {
                guard let ys = column.values(in: r) else { throw missing(column, key: "y") }
                let keep = xValues.indices.filter { k in
                    xValues[k].isFinite && ys[k].isFinite && (!logX || xValues[k] > 0) && (yScale != .log || ys[k] > 0)
                }.sorted { xValues[$0] < xValues[$1] }
                guard !keep.isEmpty else { continue }
                series.append(Series(experiment: position, column: column, xs: keep.map { xValues[$0] }, ys: keep.map { ys[$0] }))
            }
        }
        guard !series.isEmpty else { throw FigureInputError(Self.kind, "no finite point to draw") }
        let names = experiments.map(FigureSupport.modelName)
        // Two experiments of the same model are told apart by their ids.
        let labels = names.enumerated().map { k, name in names.filter { $0 == name }.count > 1 ? "\(name), \(experiments[k].id)" : name }
        let modelStyles = StyleMap.models(l1Ratios: experiments.map { $0.planned.spec.family.l1Ratio })
        let featureStyles = Dictionary(uniqueKeysWithValues: zip(
            columns.compactMap(\.feature), context.styles.features(columns.compactMap(\.feature))))
        let figure = makeFigure(series, columns: columns, experimentLabels: labels, modelStyles: modelStyles,
                                featureStyles: featureStyles, penalty: penalty, context: context)
        return FigureDrawing(figure: figure, csv: csv(series, experiments: experiments),
                             altText: altText(series, experimentLabels: labels, penalty: penalty, context: context))
    }

    var logX: Bool { (xScale ?? (x.name == "alpha" ? .log : .linear)) == .log }

    /// The style of one series: a coefficient's colour (with the experiment's dash when several are overlaid), or
    /// the colour of "train" and "test" in every scores figure, or the experiment's model style.
    static func style(of s: Series, experiments: Int, columns: [ChartColumn], modelStyles: [SeriesStyle],
                      featureStyles: [String: SeriesStyle]) -> (Ink, DashStyle, Marker?) {
        let model = modelStyles[s.experiment]
        if let feature = s.column.feature, let own = featureStyles[feature] {
            return experiments > 1 ? (own.ink, model.dash, nil) : (own.ink, own.dash, own.marker)
        }
        if columns.count == 1 { return (model.ink, model.dash, model.marker) }
        let dash = experiments > 1 ? model.dash : .solid
        if s.column.name.hasPrefix("train_") { return (.palette(0), experiments > 1 ? dash : .dashed, nil) }
        if s.column.name.hasPrefix("test_") { return (.palette(1), dash, nil) }
        let position = columns.firstIndex(of: s.column) ?? 0
        let own = SeriesStyle(index: position + 2)
        return (own.ink, experiments > 1 ? dash : own.dash, own.marker)
    }

    func makeFigure(_ series: [Series], columns: [ChartColumn], experimentLabels: [String], modelStyles: [SeriesStyle],
                    featureStyles: [String: SeriesStyle], penalty: PenaltyAxis, context: FigureContext) -> Figure {
        let count = experimentLabels.count
        let xAxis: Axis
        if x.name == "alpha" {
            xAxis = context.conventions.penaltyAxis(penalty)
        } else {
            xAxis = Axis(label: x.label + (logX ? " (log scale)" : ""), scale: logX ? .log : .linear)
        }
        let yLabel: String
        if columns.allSatisfy({ $0.feature != nil }) { yLabel = "coefficient β\u{0302}_j" }
        else if columns.count == 1 { yLabel = columns[0].label }
        else { yLabel = "value" }
        let yAxis = Axis(label: yLabel + (yScale == .log ? " (log scale)" : ""), scale: yScale == .log ? .log : .linear)
        func line(_ s: Series, label: String?, direct: Bool) -> PlotItem {
            let (ink, dash, marker) = Self.style(of: s, experiments: count, columns: columns, modelStyles: modelStyles,
                                                 featureStyles: featureStyles)
            return .line(LineSeries(xs: s.xs, ys: s.ys, ink: ink, dash: dash, marker: marker,
                                    markerEvery: max(1, s.xs.count / 8), label: label, directLabel: direct))
        }
        // Direct labels sit at the weak-penalty end of α axes (the left unless α decreases rightward), else right.
        let labelsLeft = x.name == "alpha" && xAxis.reversed != penalty.parameter.penalizesMoreWhenLarger
        switch facet {
        case .feature?:
            let features = Array(columns.prefix(Self.maximumPanels))
            let width = min(3, features.count)
            // Small panels: a short α title, and the y title only at the start of each row.
            let smallX = x.name == "alpha" ? context.conventions.compactPenaltyAxis(penalty) : xAxis
            let panels = features.enumerated().map { position, column -> Panel in
                let items = series.filter { $0.column == column }.map { s in
                    line(s, label: RichText.escape(experimentLabels[s.experiment]), direct: false)
                }
                return Panel(title: column.label, x: smallX,
                             y: Axis(label: position % width == 0 ? yAxis.label : "", scale: yAxis.scale),
                             items: items + [.reference(ReferenceLine(.horizontal, at: 0, ink: .axis, dash: .solid))],
                             legend: position == 0 ? .auto : .none)
            }
            return Figure(title: context.title, panels: panels, columns: width)
        case .experiment?:
            let panels = experimentLabels.indices.prefix(Self.maximumPanels).map { k -> Panel in
                let mine = series.filter { $0.experiment == k }
                let direct = mine.allSatisfy { $0.column.feature != nil }
                return Panel(title: RichText.escape(experimentLabels[k]), x: xAxis, y: yAxis,
                             items: mine.map { line($0, label: $0.column.label, direct: direct) },
                             legend: direct ? .none : (k == 0 ? .auto : .none),
                             yAxisSide: direct && labelsLeft ? .right : .left, directLabelSide: labelsLeft ? .left : .right)
            }
            return Figure(title: context.title, panels: panels, columns: min(3, panels.count))
        case nil:
            let coefficientsOnly = columns.allSatisfy { $0.feature != nil }
            let wanted = labelled.map(Set.init) ?? (columns.count <= 10 ? Set(columns.compactMap(\.feature)) : [])
            var items: [PlotItem] = []
            for s in series {
                let labelText: String?
                var direct = false
                if let feature = s.column.feature {
                    // Coefficients are labelled at their ends, once (by the first experiment's line).
                    direct = wanted.contains(feature) && s.experiment == 0
                    labelText = direct ? RichText.escape(feature) : nil
                } else {
                    let parts = (columns.count > 1 ? [s.column.label] : []) + (count > 1 ? [RichText.escape(experimentLabels[s.experiment])] : [])
                    labelText = parts.isEmpty ? s.column.label : parts.joined(separator: ", ")
                }
                items.append(line(s, label: labelText, direct: direct))
            }
            if coefficientsOnly { items.append(.reference(ReferenceLine(.horizontal, at: 0, ink: .axis, dash: .solid))) }
            // With coefficients of several experiments overlaid, the dashes say which experiment: a footnote keys them.
            var note: String?
            if coefficientsOnly && count > 1 {
                note = experimentLabels.indices.map { k in "\(Self.dashName(modelStyles[k].dash)): \(experimentLabels[k])" }
                    .joined(separator: " · ")
            }
            let panel = Panel(x: xAxis, y: yAxis, items: items, legend: coefficientsOnly ? .none : .auto,
                              yAxisSide: coefficientsOnly && labelsLeft ? .right : .left,
                              directLabelSide: labelsLeft ? .left : .right)
            return Figure(title: context.title, panels: [panel], footnote: note)
        }
    }

    static func dashName(_ dash: DashStyle) -> String {
        switch dash {
        case .solid: return "solid"
        case .dashed: return "dashed"
        case .dotted: return "dotted"
        case .dashDot: return "dash-dot"
        case .longDash: return "long dashes"
        case .dashDotDot: return "dash-dot-dot"
        case .custom: return "dashes"
        }
    }

    func csv(_ series: [Series], experiments: [FinishedExperiment]) -> String {
        var rows: [[String]] = []
        for s in series {
            for (x, y) in zip(s.xs, s.ys) {
                rows.append([experiments[s.experiment].id, s.column.name, FigureSupport.number(x), FigureSupport.number(y)])
            }
        }
        let xName = x.name == "alpha" ? (PenaltyAxis(experiments[0].result).column ?? "alpha") : x.name
        return FigureSupport.csv(header: ["experiment", "column", xName, "value"], rows: rows)
    }

    func altText(_ series: [Series], experimentLabels: [String], penalty: PenaltyAxis, context: FigureContext) -> String {
        let xWords = x.name == "alpha" ? "\(penalty.name) (log scale)" : RichText(markup: x.label).plainText
        let columnNames = Array(Set(series.map(\.column.name))).sorted()
        let shown = columnNames.count > 4 ? "\(columnNames.count) columns" : columnNames.joined(separator: ", ")
        var text = "Chart of \(shown) against \(xWords) for \(experimentLabels.joined(separator: " and "))"
        // Each series' largest magnitude, for up to four series.
        let described = series.prefix(4).map { s -> String in
            let k = s.ys.indices.max { abs(s.ys[$0]) < abs(s.ys[$1]) }!
            let who = experimentLabels.count > 1 ? " (\(experimentLabels[s.experiment]))" : ""
            let at = x.name == "alpha" ? "\(penalty.symbol) = \(FigureSupport.prose(s.xs[k]))" : "\(x.name) = \(FigureSupport.prose(s.xs[k]))"
            return "\(s.column.name)\(who) reaches \(FigureSupport.prose(s.ys[k])) at \(at)"
        }
        if !described.isEmpty { text += "; " + described.joined(separator: "; ") }
        return text + "."
    }
}
