import DocgenModels
import DocgenOptions
import DocgenPlotting

/// A kind of `{figure}`: one type, in one file, registered in `FigureKinds.all`.
///
/// A kind declares its name and the options it reads from the directive (with located errors), says what it needs
/// of each experiment it draws (checked when the build is planned, before anything is fitted) and which outputs
/// beyond the per-α numbers it needs computed with them, and draws the figure model, its CSV and its alt text from
/// finished experiments. It never fits: everything it draws comes from `FinishedExperiment`.
public protocol FigureKind: Sendable {
    /// The name after `{figure}` (`regularization-path`).
    static var name: String { get }
    /// How many experiments it draws.
    static var arity: ExperimentArity { get }
    /// The keys it reads beyond the common ones (experiment(s), label, caption, alt, title).
    static var optionKeys: [String] { get }
    /// Reads its options, reporting located errors to `options`; nil when they are invalid.
    init?(options: inout OptionReader)
    /// What it needs of one of its experiments.
    func requirements(for experiment: PlannedExperiment) -> [ExperimentRequirement]
    /// Outputs it needs computed for `experiment`, beyond the per-α numbers.
    func outputs(for experiment: PlannedExperiment) -> [ExperimentOutputRequest]
    /// The figure, drawn from its experiments (in the directive's order) in the course's visual language: the
    /// directive's title, the course's conventions (α direction, penalty symbol) and its style map.
    func draw(_ experiments: [FinishedExperiment], context: FigureContext) throws -> FigureDrawing
    /// The α it reads from each experiment's grid, with the option that named them; the build warns when one is not
    /// on the grid (the nearest grid α is drawn, and labelled as what it is).
    var requestedAlphas: [AlphaRequest] { get }
}

/// An α a figure or table reads from its experiments' grids, and the option key that asked for it.
public struct AlphaRequest: Sendable, Equatable {
    public var key: String
    public var alpha: Double
    public init(key: String, alpha: Double) { self.key = key; self.alpha = alpha }
}

extension FigureKind {
    /// The figure with the default conventions and no course style map (one figure on its own, as in tests).
    public func draw(_ experiments: [FinishedExperiment], title: String?) throws -> FigureDrawing {
        try draw(experiments, context: FigureContext(title: title))
    }

    public var requestedAlphas: [AlphaRequest] { [] }
    public func outputs(for experiment: PlannedExperiment) -> [ExperimentOutputRequest] { [] }
    public func requirements(for experiment: PlannedExperiment) -> [ExperimentRequirement] { [] }
    /// What is wrong with drawing `experiment`, one sentence per unmet requirement.
    public func problems(with experiment: PlannedExperiment) -> [String] {
        requirements(for: experiment).compactMap { $0.problem(with: experiment, directive: "figure \(Self.name)") }
    }
}

/// How many experiments a kind draws: none (a pure illustration), exactly one, or one or more.
public enum ExperimentArity: Sendable {
    case none, one, many
}

/// The registered figure kinds.
public enum FigureKinds {
    public static let all: [any FigureKind.Type] = [
        RegularizationPathFigure.self, ScoresFigure.self, CVCurveFigure.self, ConstraintGeometryFigure.self,
        PenaltyShapesFigure.self, PolynomialFitFigure.self, ComplexityCurveFigure.self, CoefficientsFigure.self,
        TrainingCurveFigure.self, WeightHistogramFigure.self, DecisionBoundaryFigure.self, ChartFigure.self,
        BiasVarianceFigure.self,
    ]

    /// Every kind's name, in registry order.
    public static var names: [String] {
        var names: [String] = []
        for kind in all { names.append(kind.name) }
        return names
    }

    /// The kind named `name`.
    public static func kind(named name: String) -> (any FigureKind.Type)? {
        for kind in all where kind.name == name { return kind }
        return nil
    }
}

/// An experiment as a figure sees it before anything is fitted.
public struct PlannedExperiment: Sendable {
    public var id: String
    public var spec: ExperimentSpec
    /// Raw input columns, when known before the data are loaded (a `features:` list, a generator's p).
    public var inputCount: Int?
    /// Words for the data in captions and alt texts ("diabetes", "a noisy sine curve").
    public var dataName: String
    /// The generator that draws the data, for generated data.
    public var generator: GeneratorSpec?

    public init(id: String, spec: ExperimentSpec, inputCount: Int?, dataName: String, generator: GeneratorSpec?) {
        self.id = id; self.spec = spec; self.inputCount = inputCount; self.dataName = dataName
        self.generator = generator
    }
}

/// A finished experiment: its plan, its result, and the outputs figures asked for.
public struct FinishedExperiment: Sendable {
    public var planned: PlannedExperiment
    public var result: ExperimentResult
    public var outputs: [ExperimentOutputRequest: ExperimentOutput]

    public init(planned: PlannedExperiment, result: ExperimentResult,
                outputs: [ExperimentOutputRequest: ExperimentOutput] = [:]) {
        self.planned = planned; self.result = result; self.outputs = outputs
    }

    public var id: String { planned.id }

    /// The output computed for `request`; a `FigureInputError` when the build did not provide it.
    public func output(_ request: ExperimentOutputRequest, figure: String) throws -> ExperimentOutput {
        guard let output = outputs[request] else {
            throw FigureInputError(figure, "experiment '\(id)' has no computed \(request)")
        }
        return output
    }
}

/// What a figure kind needs of an experiment, with the sentence that says so when it is missing.
public enum ExperimentRequirement: Sendable, Equatable {
    /// A holdout split (train and test scores).
    case split
    /// A holdout split or cross-validation (some held-out score).
    case splitOrCrossValidation
    /// Cross-validation; `option` names the figure option that asks for it, if it is not the kind itself.
    case crossValidation(option: String?)
    /// Polynomial features of a single input (`polynomial: DEGREE`).
    case polynomialFeatures
    /// Exactly this many raw input columns.
    case inputCount(Int)
    /// A single raw input: one feature, polynomial features, or generated curve data.
    case singleInput(reason: String)
    /// Predictions of this kind (regression or classification); `reason` names what needs it.
    case task(PredictionTask, reason: String)
    /// A penalized model (a grid of α), not ordinary least squares.
    case penalized
    /// A grid of at most this many α (known before fitting); `hint` says what to do instead.
    case alphaCount(atMost: Int, hint: String)
    /// A model trained epoch by epoch, with a per-epoch history (`model: mlp`).
    case trainingHistory
    /// Generated data whose noise-free curve is known and which can be drawn again (`generate: curve`).
    case generatedCurve

    /// The sentence for `experiment` when it does not meet the requirement, else nil. `directive` names what asks
    /// ("figure scores", "table cv").
    public func problem(with e: PlannedExperiment, directive figure: String) -> String? {
        let id = e.id
        switch self {
        case .split:
            return e.spec.split == nil ? "\(figure) needs experiment '\(id)' to have 'split: {test: 0.2, seed: 42}'" : nil
        case .splitOrCrossValidation:
            return e.spec.split == nil && e.spec.cv == nil ? "\(figure) needs experiment '\(id)' to have a 'split' or 'cv'" : nil
        case let .crossValidation(option):
            guard e.spec.cv == nil else { return nil }
            if let option { return "\(option) needs experiment '\(id)' to have 'cv'" }
            return "\(figure) needs experiment '\(id)' to have 'cv: {folds: 10, seed: 0}'"
        case .polynomialFeatures:
            return e.spec.polynomialDegree == nil ? "\(figure) needs experiment '\(id)' to have 'polynomial: DEGREE'" : nil
        case let .inputCount(count):
            if let known = e.inputCount {
                return known == count ? nil : "\(figure) needs exactly \(count) features; '\(id)' has \(known)"
            }
            let names = ["a", "b", "c", "d", "e", "f"].prefix(max(1, min(count, 6))).joined(separator: ", ")
            let words = [1: "one", 2: "two", 3: "three"][count] ?? String(count)
            return "\(figure) needs a \(words)-feature experiment: add 'features: [\(names)]' to '\(id)'"
        case let .singleInput(reason):
            if e.spec.polynomialDegree != nil || e.inputCount == 1 { return nil }
            return "\(reason) needs a single-input experiment (curve data or one feature)"
        case let .task(task, reason):
            return e.spec.family.task == task ? nil : "\(reason) is for \(task == .regression ? "regression" : "classification"); '\(id)' is \(e.spec.family.task == .regression ? "a regression" : "a classification")"
        case .penalized:
            return e.spec.family.l1Ratio == nil
                ? "\(figure) needs a penalized model; '\(id)' is \(e.spec.family.name)" : nil
        case let .alphaCount(limit, hint):
            let count = e.spec.alphaCount
            return count <= limit ? nil : "\(figure) shows at most \(limit) α; experiment '\(id)' has \(count): \(hint)"
        case .trainingHistory:
            return e.spec.family.trainsByEpoch ? nil
                : "\(figure) needs a model trained epoch by epoch; '\(id)' is \(e.spec.family.name), fitted without epochs"
        case .generatedCurve:
            return e.generator?.trueValue(at: 0) != nil ? nil
                : "\(figure) needs experiment '\(id)' to draw generated curve data ('data: {generate: curve, …}'), whose "
                    + "noise-free curve is known and which can be sampled again"
        }
    }
}

/// A figure drawn from numbers: the figure model (drawn in every theme), the CSV of the plotted numbers and the
/// alt text written from them.
public struct FigureDrawing: Sendable {
    public var figure: Figure
    /// Comma-separated values with a header row; numbers in full precision.
    public var csv: String
    /// One or two sentences describing what the figure shows, from its numbers.
    public var altText: String

    public init(figure: Figure, csv: String, altText: String) {
        self.figure = figure; self.csv = csv; self.altText = altText
    }

    /// The figure in each of `styles` (e.g. the light and the dark theme): one PNG each, the same CSV and alt text.
    public func render(styles: [FigureStyle]) throws -> [FigureOutput] {
        try styles.map { try render(style: $0) }
    }

    /// The figure in one style.
    public func render(style: FigureStyle = FigureStyle()) throws -> FigureOutput {
        let f = try laidOut(style)
        let rendered = try FigureRenderer.render(f, theme: style.theme)
        return FigureOutput(png: try rendered.png(settings: style.png), csv: csv, altText: altText,
                            width: f.width, height: f.height)
    }

    /// The figure model at the size and in the layout of `style`.
    public func laidOut(_ style: FigureStyle) throws -> Figure {
        var f = figure
        f.scale = style.scale
        if let panelHeight = style.stackedPanelHeight {
            return try FigureRenderer.stacked(f, width: style.width, panelHeight: panelHeight, theme: style.theme)
        }
        f.width = style.width; f.height = style.height
        // Small multiples of more than two rows grow taller, each further row by half the style's height, so their
        // panels keep a legible size.
        let columns = max(1, f.columns ?? f.panels.count)
        let rows = (f.panels.count + columns - 1) / columns
        if rows > 2 { f.height = style.height * Double(rows) / 2 }
        return f
    }
}
