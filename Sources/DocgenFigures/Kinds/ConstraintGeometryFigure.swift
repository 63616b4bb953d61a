import DocgenModels
import DocgenOptions
import DocgenPlotting
import Foundation

/// Input of the constraint-geometry figure: a two-coefficient least-squares loss and the constrained solutions.
///
/// The loss is the quadratic loss(β) = ½ βᵀAβ − bᵀβ + c (for least squares on standardized data with the
/// 1/(2n) scaling: A = XᵀX/n, b = Xᵀy/n, c = yᵀy/(2n)). A must be symmetric positive definite for the
/// unconstrained optimum A⁻¹b to be drawn.
///
/// Budget convention: every panel shows the set {β : P(β) ≤ P(t, 0)}, so all three regions pass through
/// (±t, 0) and (0, ±t): the L1 diamond |β₁| + |β₂| ≤ t, the L2 disk ‖β‖₂ ≤ t, and the elastic-net region
/// ρ‖β‖₁ + (1−ρ)/2‖β‖² ≤ ρt + (1−ρ)/2·t².
public struct ConstraintGeometryInput: Sendable, Equatable {
    /// Row-major 2×2 matrix [a11, a12, a21, a22].
    public var a: [Double]
    public var b: [Double]
    public var c: Double
    /// Budget t in coefficient units (> 0).
    public var budget: Double
    /// Elastic-net mixing ρ in (0, 1).
    public var l1Ratio: Double
    /// Solver-computed constrained solutions, one per panel kind present in `options.panels`
    /// ([β₁, β₂]); a missing entry (nil) draws no touching point in that panel.
    public var lassoSolution: [Double]?
    public var ridgeSolution: [Double]?
    public var elasticNetSolution: [Double]?
    /// Names of the two features, used in axis labels ("β_1 (bmi)").
    public var featureNames: [String]
    /// Per-panel budgets overriding `budget` (e.g. for the directive's `alpha:` form, where each penalized
    /// solution lies on the boundary of its own region: use `budgetThrough` on each solution).
    public var panelBudgets: [ConstraintGeometryOptions.PanelKind: Double] = [:]

    public init(a: [Double], b: [Double], c: Double = 0, budget: Double, l1Ratio: Double = 0.5,
                lassoSolution: [Double]? = nil, ridgeSolution: [Double]? = nil, elasticNetSolution: [Double]? = nil,
                featureNames: [String] = ["x1", "x2"], panelBudgets: [ConstraintGeometryOptions.PanelKind: Double] = [:]) {
        self.panelBudgets = panelBudgets
        self.a = a; self.b = b; self.c = c; self.budget = budget; self.l1Ratio = l1Ratio
        self.lassoSolution = lassoSolution; self.ridgeSolution = ridgeSolution; self.elasticNetSolution = elasticNetSolution
        self.featureNames = featureNames
    }

    /// The budget t whose region {P(β) ≤ P(t, 0)} has `point` on its boundary: ‖β‖₁ for the lasso, ‖β‖₂ for
    /// ridge, and for the elastic net the positive root of ρt + (1−ρ)/2·t² = ρ‖β‖₁ + (1−ρ)/2‖β‖².
    public static func budgetThrough(_ point: [Double], kind: ConstraintGeometryOptions.PanelKind, l1Ratio rho: Double) -> Double {
        guard point.count == 2 else { return 0 }
        let l1 = abs(point[0]) + abs(point[1]), l2sq = point[0] * point[0] + point[1] * point[1]
        switch kind {
        case .lasso: return l1
        case .ridge: return l2sq.squareRoot()
        case .elasticNet:
            let value = rho * l1 + (1 - rho) / 2 * l2sq
            return rho >= 1 ? l1 : (-rho + (rho * rho + 2 * (1 - rho) * value).squareRoot()) / (1 - rho)
        }
    }

    /// The budget drawn in panel `kind`.
    public func budget(for kind: ConstraintGeometryOptions.PanelKind) -> Double { panelBudgets[kind] ?? budget }

    /// ½ βᵀAβ − bᵀβ + c.
    public func loss(_ b1: Double, _ b2: Double) -> Double {
        0.5 * (a[0] * b1 * b1 + (a[1] + a[2]) * b1 * b2 + a[3] * b2 * b2) - b[0] * b1 - b[1] * b2 + c
    }

    /// The unconstrained minimizer A⁻¹b, or nil when A is singular or not positive definite.
    public var unconstrainedOptimum: [Double]? {
        let s12 = (a[1] + a[2]) / 2
        let det = a[0] * a[3] - s12 * s12
        guard det > 1e-12 * max(1, abs(a[0] * a[3])), a[0] > 0 else { return nil }
        return [(a[3] * b[0] - s12 * b[1]) / det, (a[0] * b[1] - s12 * b[0]) / det]
    }
}

public struct ConstraintGeometryOptions: Sendable, Equatable {
    public enum PanelKind: String, Sendable, Equatable, CaseIterable {
        case lasso, ridge, elasticNet

        /// The name in a directive's `panels:` list.
        public var optionName: String { self == .elasticNet ? "elastic-net" : rawValue }
        public init?(optionName: String) {
            guard let kind = PanelKind.allCases.first(where: { $0.optionName == optionName }) else { return nil }
            self = kind
        }
    }
    public var title: String?
    public var panels: [PanelKind]
    /// Number of background loss contours besides the one through each solution.
    public var contourCount: Int
    /// The α of each panel (penalized form), stated in its title; nil in the constrained form.
    public var panelAlphas: [Double]?
    /// Mark the elastic net's corners: the one-sided tangents at the corner on the β₁ axis, with their angle.
    public var corners: Bool
    public var conventions: FigureConventions
    public init(title: String? = nil, panels: [PanelKind] = PanelKind.allCases, contourCount: Int = 5,
                panelAlphas: [Double]? = nil, corners: Bool = false, conventions: FigureConventions = FigureConventions()) {
        self.title = title; self.panels = panels; self.contourCount = contourCount; self.panelAlphas = panelAlphas
        self.corners = corners; self.conventions = conventions
    }
}

/// `{figure} constraint-geometry`: the penalty's region over the elliptical contours of a two-feature least-squares
/// loss, with the solution where the loss first touches it. One panel per entry of `panels` (lasso, ridge,
/// elastic-net); by default the experiment's own model alone, so a comparison is drawn only when asked for. Each panel
/// states its own budget t and, in the penalized form, its own α. The elastic-net panel outlines, faintly, the L1
/// diamond and the L2 disk through the same axis points, so its corners and its bulge show against both;
/// `corners: true` also draws the two one-sided tangents at its corner and their angle.
public struct ConstraintGeometryFigure: FigureKind {
    public static let name = "constraint-geometry"
    public static let arity = ExperimentArity.one
    public static let optionKeys = ["budget", "alpha", "l1_ratio", "panels", "corners"]
    static let kind = name

    /// The budget t of every region (constrained form; nil: half the L1 norm of the least-squares solution).
    public var budget: Double?
    /// The penalty α of each panel (penalized form: each solution on the boundary of its own region); one value for
    /// all panels, or one per panel.
    public var alphas: [Double]?
    /// ρ of the elastic-net panel (nil: the experiment's own, else 0.5).
    public var l1Ratio: Double?
    /// The panels asked for (nil: the experiment's own model; all three for a model without a penalty).
    public var panels: [ConstraintGeometryOptions.PanelKind]?
    public var corners: Bool

    public init(budget: Double? = nil, alpha: Double? = nil, l1Ratio: Double? = nil,
                panels: [ConstraintGeometryOptions.PanelKind]? = nil, alphas: [Double]? = nil, corners: Bool = false) {
        self.budget = budget; self.alphas = alphas ?? alpha.map { [$0] }; self.l1Ratio = l1Ratio; self.panels = panels
        self.corners = corners
    }

    public init?(options r: inout OptionReader) {
        let errorsBefore = r.diagnostics.errors.count
        budget = r.number("budget")
        alphas = r.isList("alpha") ? r.numberList("alpha") : r.number("alpha").map { [$0] }
        l1Ratio = r.number("l1_ratio")
        corners = r.bool("corners") ?? false
        if let names = r.stringList("panels") {
            var kinds: [ConstraintGeometryOptions.PanelKind] = []
            for name in names {
                guard let k = ConstraintGeometryOptions.PanelKind(optionName: name) else {
                    r.error("'panels' lists '\(name)'; the panels are \(Suggestion.list(ConstraintGeometryOptions.PanelKind.allCases.map(\.optionName)))",
                            at: r.location(of: "panels"))
                    continue
                }
                if kinds.contains(k) { r.error("'panels' lists '\(name)' twice", at: r.location(of: "panels")) }
                kinds.append(k)
            }
            if names.isEmpty { r.error("'panels' lists no panel", at: r.location(of: "panels")) }
            panels = kinds
        }
        if budget != nil && alphas != nil { r.error("give either 'budget' or 'alpha', not both", at: r.location(of: "alpha")) }
        if let b = budget, b <= 0 { r.error("'budget' must be positive", at: r.location(of: "budget")) }
        if let a = alphas {
            if a.isEmpty || a.contains(where: { $0 <= 0 }) { r.error("'alpha' must be positive", at: r.location(of: "alpha")) }
            if a.count > 1 && a.count != (panels?.count ?? -1) {
                r.error("'alpha' lists \(a.count) values; give one for all panels, or one per entry of 'panels'",
                        at: r.location(of: "alpha"))
            }
        }
        if let q = l1Ratio, !(q > 0 && q < 1) {
            r.error("'l1_ratio' must be strictly between 0 and 1 for the elastic-net panel", at: r.location(of: "l1_ratio"))
        }
        // Nil whenever anything was reported, type errors of the keys read above included.
        if r.diagnostics.errors.count > errorsBefore { return nil }
    }

    public func requirements(for experiment: PlannedExperiment) -> [ExperimentRequirement] {
        [.inputCount(2), .task(.regression, reason: "constraint-geometry (it draws least-squares contours)")]
    }

    public var requestedAlphas: [AlphaRequest] { [] }

    /// The panels drawn for `experiment`: the directive's, or the experiment's own model.
    func panels(for experiment: PlannedExperiment) -> [ConstraintGeometryOptions.PanelKind] {
        if let panels { return panels }
        switch experiment.spec.family.l1Ratio {
        case 1?: return [.lasso]
        case 0?: return [.ridge]
        case let rho? where rho > 0 && rho < 1: return [.elasticNet]
        default: return ConstraintGeometryOptions.PanelKind.allCases
        }
    }

    /// The elastic net's ρ: the directive's, else the experiment's own mix, else 0.5.
    func mix(for experiment: PlannedExperiment) -> Double {
        if let l1Ratio { return l1Ratio }
        if let rho = experiment.spec.family.l1Ratio, rho > 0, rho < 1 { return rho }
        return 0.5
    }

    /// The request for the solutions of the panels drawn, in this figure's form.
    func request(for experiment: PlannedExperiment) -> ExperimentOutputRequest {
        let kinds = panels(for: experiment), rho = mix(for: experiment)
        let panelRequests = kinds.enumerated().map { i, kind in
            ConstraintGeometryRequest.Panel(l1Ratio: kind == .lasso ? 1 : kind == .ridge ? 0 : rho,
                                            alpha: alphas.flatMap { $0.count > 1 ? $0[i] : nil })
        }
        return .constraintGeometry(ConstraintGeometryRequest(
            panels: panelRequests, form: alphas.map { .penalized(alpha: $0[0]) } ?? .constrained(budget: budget)))
    }

    public func outputs(for experiment: PlannedExperiment) -> [ExperimentOutputRequest] { [request(for: experiment)] }

    public func draw(_ experiments: [FinishedExperiment], context: FigureContext) throws -> FigureDrawing {
        guard let e = experiments.first else { throw FigureInputError(Self.kind, "needs an experiment") }
        let kinds = panels(for: e.planned), rho = mix(for: e.planned)
        guard case let .constraintGeometry(g) = try e.output(request(for: e.planned), figure: Self.kind),
              g.solutions.count == kinds.count else {
            throw FigureInputError(Self.kind, "experiment '\(e.id)' has no constraint geometry")
        }
        var solutions: [ConstraintGeometryOptions.PanelKind: [Double]] = [:]
        for (kind, solution) in zip(kinds, g.solutions) { solutions[kind] = solution }
        let input: ConstraintGeometryInput
        var panelAlphas: [Double]?
        if let alphas {
            // The penalized form: each solution on the boundary of its own region, so the budgets differ: that is
            // the budget–α relation made visible, and each panel says which α and which t it shows.
            panelAlphas = kinds.indices.map { alphas.count > 1 ? alphas[$0] : alphas[0] }
            var budgets: [ConstraintGeometryOptions.PanelKind: Double] = [:]
            for (kind, solution) in zip(kinds, g.solutions) {
                budgets[kind] = ConstraintGeometryInput.budgetThrough(solution, kind: kind, l1Ratio: rho)
            }
            guard budgets.values.allSatisfy({ $0 > 0 }) else {
                throw FigureInputError(Self.kind, "a solution at this α is all zero, so its region has no size; choose a smaller 'alpha'",
                                       key: "alpha")
            }
            input = ConstraintGeometryInput(a: g.a, b: g.b, c: g.c, budget: budgets[kinds[0]] ?? 1, l1Ratio: rho,
                                            lassoSolution: solutions[.lasso], ridgeSolution: solutions[.ridge],
                                            elasticNetSolution: solutions[.elasticNet], featureNames: g.featureNames,
                                            panelBudgets: budgets)
        } else {
            input = ConstraintGeometryInput(a: g.a, b: g.b, c: g.c, budget: g.budget ?? 1, l1Ratio: rho,
                                            lassoSolution: solutions[.lasso], ridgeSolution: solutions[.ridge],
                                            elasticNetSolution: solutions[.elasticNet], featureNames: g.featureNames)
        }
        return try Self.drawing(input, options: ConstraintGeometryOptions(title: context.title, panels: kinds,
                                                                          panelAlphas: panelAlphas, corners: corners,
                                                                          conventions: context.conventions))
    }

    /// The angle (degrees) of the elastic-net region's corner on an axis, at budget t: between the one-sided
    /// tangents, whose normals are (ρ + (1−ρ)t, ±ρ). 90° for the L1 diamond (ρ = 1), approaching 180° as the
    /// quadratic term dominates (large t or small ρ).
    public static func cornerAngle(budget t: Double, l1Ratio rho: Double) -> Double {
        180 - 2 * atan2(rho, rho + (1 - rho) * t) * 180 / Double.pi
    }

    /// Boundary of the region {P(β) ≤ P(t, 0)} sampled at `count` angles (closed polygon, first ≠ last).
    public static func boundary(_ panel: ConstraintGeometryOptions.PanelKind, budget t: Double, l1Ratio rho: Double,
                                count: Int = 720) -> (xs: [Double], ys: [Double]) {
        var xs: [Double] = [], ys: [Double] = []
        for k in 0..<count {
            let theta = 2 * Double.pi * Double(k) / Double(count)
            let (u, v) = (cos(theta), sin(theta))
            let s = abs(u) + abs(v)
            let r: Double
            switch panel {
            case .lasso: r = t / s
            case .ridge: r = t
            case .elasticNet:
                // ρ r s + (1−ρ)/2 r² = ρ t + (1−ρ)/2 t², positive root.
                let qa = (1 - rho) / 2, qb = rho * s, qc = -(rho * t + (1 - rho) / 2 * t * t)
                r = qa < 1e-15 ? -qc / qb : (-qb + (qb * qb - 4 * qa * qc).squareRoot()) / (2 * qa)
            }
            xs.append(r * u); ys.append(r * v)
        }
        return (xs, ys)
    }

    static func validate(_ input: ConstraintGeometryInput) throws {
        guard input.a.count == 4, input.b.count == 2 else { throw FigureInputError(kind, "A must have 4 entries and b 2") }
        try FigureSupport.allFinite(kind, "A", input.a); try FigureSupport.allFinite(kind, "b", input.b)
        for t in [input.budget] + Array(input.panelBudgets.values) where !(t > 0 && t.isFinite) {
            throw FigureInputError(kind, "budget \(t) is not a positive number")
        }
        guard input.l1Ratio > 0, input.l1Ratio < 1 else { throw FigureInputError(kind, "l1Ratio must lie strictly between 0 and 1") }
        guard input.featureNames.count == 2 else { throw FigureInputError(kind, "needs exactly two feature names") }
        for (name, s) in [("lassoSolution", input.lassoSolution), ("ridgeSolution", input.ridgeSolution),
                          ("elasticNetSolution", input.elasticNetSolution)] {
            if let s, s.count != 2 || !s.allSatisfy(\.isFinite) { throw FigureInputError(kind, "\(name) must be two finite numbers") }
        }
    }

    static func solution(_ input: ConstraintGeometryInput, _ panel: ConstraintGeometryOptions.PanelKind) -> [Double]? {
        switch panel {
        case .lasso: return input.lassoSolution
        case .ridge: return input.ridgeSolution
        case .elasticNet: return input.elasticNetSolution
        }
    }

    /// "lasso, α = 5: |β_1| + |β_2| ≤ t = 0.81": the panel's model, its own α when drawn at one, and its budget.
    static func title(_ panel: ConstraintGeometryOptions.PanelKind, rho: Double, budget t: Double, alpha: Double?,
                      conventions: FigureConventions) -> String {
        let at = alpha.map { ", \(conventions.alphaText($0))" } ?? ""
        let bound = "t = \(FigureSupport.prose(t))"
        switch panel {
        case .lasso: return "lasso\(at): |β_1| + |β_2| ≤ \(bound)"
        case .ridge: return "ridge\(at): ‖β‖_2 ≤ \(bound)"
        case .elasticNet: return "elastic net, ρ = \(FigureSupport.prose(rho))\(at): region through ±\(bound)"
        }
    }

    public static func makeFigure(_ input: ConstraintGeometryInput, options: ConstraintGeometryOptions) throws -> Figure {
        try validate(input)
        guard !options.panels.isEmpty else { throw FigureInputError(kind, "no panels selected") }
        let optimum = input.unconstrainedOptimum
        // One square view for all panels: the regions, the optimum and the solutions, with a margin.
        var extent = 1.25 * options.panels.map { input.budget(for: $0) }.max()!
        for p in [optimum, input.lassoSolution, input.ridgeSolution, input.elasticNetSolution].compactMap({ $0 }) {
            extent = max(extent, 1.12 * max(abs(p[0]), abs(p[1])))
        }
        let grid = (0...140).map { -extent + 2 * extent * Double($0) / 140 }
        let values = grid.map { y in grid.map { x in input.loss(x, y) } }
        let minLoss = optimum.map { input.loss($0[0], $0[1]) } ?? (values.joined().min() ?? 0)
        var panels: [Panel] = []
        for (index, kind) in options.panels.enumerated() {
            var items: [PlotItem] = []
            let t = input.budget(for: kind)
            let shape = boundary(kind, budget: t, l1Ratio: input.l1Ratio)
            let style = StyleMap.model(l1Ratio: kind == .lasso ? 1 : kind == .ridge ? 0 : input.l1Ratio).ink
            items.append(.polygon(PolygonShape(xs: shape.xs, ys: shape.ys, fill: style, fillOpacity: 0.18,
                                               stroke: style, strokeWidth: 2)))
            if kind == .elasticNet {
                // The diamond and the disk through the same axis points, faint: the region lies between them.
                for reference in [ConstraintGeometryOptions.PanelKind.lasso, .ridge] {
                    let outline = boundary(reference, budget: t, l1Ratio: input.l1Ratio)
                    items.append(.line(LineSeries(xs: outline.xs + [outline.xs[0]], ys: outline.ys + [outline.ys[0]],
                                                  ink: .muted, width: 0.9, dash: reference == .lasso ? .dotted : .dashed)))
                }
                if options.corners {
                    // The one-sided tangents at (t, 0): directions perpendicular to the normals (ρ + (1−ρ)t, ±ρ).
                    let rho = input.l1Ratio, nx = rho + (1 - rho) * t, ny = rho
                    let length = 0.6 * t
                    let norm = (nx * nx + ny * ny).squareRoot()
                    let (dx, dy) = (ny / norm * length, nx / norm * length)
                    items.append(.line(LineSeries(xs: [t - dx, t, t - dx], ys: [dy, 0, -dy], ink: .text, width: 1.2)))
                    items.append(.text(TextAnnotation(x: t, y: 0, text: "corner \(FigureSupport.prose(cornerAngle(budget: t, l1Ratio: rho).rounded()))°",
                                                      anchor: .belowRight, dx: 8, dy: 10)))
                }
            }
            let touching = solution(input, kind)
            let touchLoss = touching.map { input.loss($0[0], $0[1]) }
            // Background contours: spread between the minimum and the loss at the view's corners,
            // spaced quadratically (equal steps in distance from the optimum).
            let maxLoss = [input.loss(extent, extent), input.loss(-extent, extent), input.loss(extent, -extent),
                           input.loss(-extent, -extent)].max() ?? minLoss + 1
            let levels = (1...max(1, options.contourCount)).map { k -> Double in
                let f = Double(k) / Double(options.contourCount + 1)
                return minLoss + (maxLoss - minLoss) * f * f
            }
            // Leave out background contours crowding the emphasized one through the solution.
            let background = levels.indices.filter { i in
                guard let touchLoss else { return true }
                let gap = levels[i] - (i > 0 ? levels[i - 1] : minLoss)
                return abs(levels[i] - touchLoss) > 0.4 * gap
            }.map { levels[$0] }
            items.append(.contour(ContourSet(xs: grid, ys: grid, values: values, levels: background, ink: .muted, width: 0.9,
                                             opacity: 0.65)))
            if let touchLoss, let touching {
                items.append(.contour(ContourSet(xs: grid, ys: grid, values: values, levels: [touchLoss], ink: .text,
                                                 width: 1.6, dash: .dashed)))
                items.append(.scatter(ScatterSeries(xs: [touching[0]], ys: [touching[1]], ink: style,
                                                    marker: Marker(.circle, size: 10))))
                items.append(.text(TextAnnotation(x: touching[0], y: touching[1], text: "β\u{0302}_{\(kind == .elasticNet ? "enet" : kind.rawValue)}",
                                                  anchor: touching[0] >= 0 ? .belowLeft : .belowRight, dx: touching[0] >= 0 ? -6 : 6, dy: 6)))
            }
            if let optimum {
                items.append(.scatter(ScatterSeries(xs: [optimum[0]], ys: [optimum[1]], ink: .text, marker: Marker(.plus, size: 12))))
                items.append(.text(TextAnnotation(x: optimum[0], y: optimum[1], text: "β\u{0302}_{OLS}", anchor: .aboveRight, dx: 6, dy: -4)))
            }
            items.append(.reference(ReferenceLine(.horizontal, at: 0, ink: .axis, dash: .solid)))
            items.append(.reference(ReferenceLine(.vertical, at: 0, ink: .axis, dash: .solid)))
            panels.append(Panel(title: title(kind, rho: input.l1Ratio, budget: t, alpha: options.panelAlphas?[index],
                                      conventions: options.conventions),
                                x: Axis(label: "β_1 (\(RichText.escape(input.featureNames[0])))", range: -extent...extent, grid: false),
                                y: Axis(label: "β_2 (\(RichText.escape(input.featureNames[1])))", range: -extent...extent, grid: false,
                                        showsLabels: index == 0),
                                items: items, legend: .none, equalAspect: true))
        }
        var key = "thin curves: loss contours · dashed: the contour touching the region · +: unconstrained optimum · ●: constrained solution"
        if options.panels.contains(.elasticNet) { key += " · dotted and dashed outlines: the L1 diamond and L2 disk through the same axis points" }
        return Figure(title: options.title, panels: panels, footnote: key)
    }

    /// The figure drawn from plain numbers.
    public static func drawing(_ input: ConstraintGeometryInput, options: ConstraintGeometryOptions = ConstraintGeometryOptions()) throws -> FigureDrawing {
        let figure = try makeFigure(input, options: options)
        var rows: [[String]] = options.panels.map { ["\($0.rawValue)_budget", FigureSupport.number(input.budget(for: $0)), "", ""] }
        if let alphas = options.panelAlphas {
            rows += zip(options.panels, alphas).map { ["\($0.rawValue)_alpha", FigureSupport.number($1), "", ""] }
        }
        rows.append(["l1_ratio", FigureSupport.number(input.l1Ratio), "", ""])
        if let o = input.unconstrainedOptimum {
            rows.append(["unconstrained_optimum", FigureSupport.number(o[0]), FigureSupport.number(o[1]), FigureSupport.number(input.loss(o[0], o[1]))])
        }
        var sentences: [String] = []
        for kind in options.panels {
            guard let s = solution(input, kind) else { continue }
            rows.append(["\(kind.rawValue)_solution", FigureSupport.number(s[0]), FigureSupport.number(s[1]), FigureSupport.number(input.loss(s[0], s[1]))])
            let zeros = input.featureNames.indices.filter { abs(s[$0]) < 1e-10 * max(1, input.budget) }.map { input.featureNames[$0] }
            let name = kind == .elasticNet ? "elastic-net" : kind.rawValue
            let at = options.panelAlphas.flatMap { alphas in options.panels.firstIndex(of: kind).map { " at \(options.conventions.alphaText(alphas[$0]))" } } ?? ""
            var sentence = "the \(name) solution\(at) is (\(FigureSupport.prose(s[0])), \(FigureSupport.prose(s[1])))"
            if !zeros.isEmpty { sentence += ", on a corner, so \(zeros.joined(separator: " and ")) is exactly zero" }
            sentences.append(sentence)
        }
        let csv = FigureSupport.csv(header: ["element", "beta_1", "beta_2", "loss"], rows: rows)
        let budgets = Set(options.panels.map { input.budget(for: $0) })
        let budgetText = budgets.count == 1 ? "budget t = \(FigureSupport.prose(input.budget(for: options.panels[0])))"
            : "budgets t = " + options.panels.map { FigureSupport.prose(input.budget(for: $0)) }.joined(separator: ", ")
        let regions = options.panels.map { $0 == .elasticNet ? "the elastic net's region with ρ = \(FigureSupport.prose(input.l1Ratio)) (corners of \(FigureSupport.prose(cornerAngle(budget: input.budget(for: .elasticNet), l1Ratio: input.l1Ratio).rounded()))° on the axes)" : ($0 == .lasso ? "the L1 diamond" : "the L2 disk") }
        var alt = "\(options.panels.count == 1 ? "Constraint region" : "Constraint regions") with \(budgetText) (\(regions.joined(separator: ", "))) over elliptical contours of the squared-error loss in β₁ (\(input.featureNames[0])) and β₂ (\(input.featureNames[1]))"
        if let o = input.unconstrainedOptimum { alt += ", whose unconstrained minimum is at (\(FigureSupport.prose(o[0])), \(FigureSupport.prose(o[1])))" }
        if !sentences.isEmpty { alt += "; " + sentences.joined(separator: "; ") }
        return FigureDrawing(figure: figure, csv: csv, altText: alt + ".")
    }
}
