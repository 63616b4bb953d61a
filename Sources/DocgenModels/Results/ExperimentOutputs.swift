import Foundation

/// Something a figure needs from an experiment beyond its per-α numbers. The build schedules each request as a
/// task of its own after the experiment, computed from the experiment's data and result and cached like a fit, so a
/// figure only ever draws.
public enum ExperimentOutputRequest: Hashable, Sendable, Codable {
    /// The fitted model along the range of its single raw input.
    case fittedCurves(FittedCurvesRequest)
    /// Refits at other polynomial degrees.
    case degreeSweep(degrees: [Int])
    /// The two-coefficient least-squares geometry.
    case constraintGeometry(ConstraintGeometryRequest)
    /// P(y = 1) on a grid over a two-input classification's plane.
    case decisionGrid(DecisionGridRequest)
    /// The same fit on many fresh samples of a generated curve, for bias and variance.
    case replicateCurves(ReplicateCurvesRequest)

    /// A stable text naming the request, for cache keys.
    public var cacheDescription: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return (try? encoder.encode(self)).map { String(decoding: $0, as: UTF8.self) } ?? "\(self)"
    }
}

/// What an output request produced.
public enum ExperimentOutput: Sendable, Codable, Equatable {
    case fittedCurves(FittedCurves)
    case degreeSweep(DegreeSweep)
    case constraintGeometry(ConstraintGeometryOutput)
    case decisionGrid(DecisionGrid)
    case replicateCurves(ReplicateCurves)
}

/// Fresh samples of a generated single-input experiment, each fitted at a few α.
public struct ReplicateCurvesRequest: Hashable, Sendable, Codable {
    /// How many fresh samples (each the generator with another seed).
    public var samples: Int
    /// The α of each panel.
    public var alphas: [Double]
    /// Evenly spaced raw inputs over the experiment's own sample range (≥ 2).
    public var points: Int
    public init(samples: Int, alphas: [Double], points: Int = 121) {
        self.samples = samples; self.alphas = alphas; self.points = points
    }
}

/// The experiment's model fitted on `samples` fresh draws of its generator (seeds seed + 1, seed + 2, …), each fitted
/// as the experiment is (on its split's training rows), at each requested α, evaluated on one x grid; with the noise-free curve f and, per α, the two
/// terms of the expected squared error's decomposition averaged over the grid's points:
///
///     bias² = mean over x of (f̄(x) − f(x))²,   variance = mean over x of (1/R) Σ_r (f_r(x) − f̄(x))²,
///
/// where f_r is the fit on sample r and f̄ their mean (R = `samples`). The squared distance of f̄ from f also holds
/// the Monte-Carlo error of f̄, whose expectation is variance/R; bias² is reported without it (the distance minus
/// s²/R, with s² the sample variance over R − 1), floored at 0, so a flexible fit's small bias is not drowned by its
/// large variance.
public struct ReplicateCurves: Sendable, Codable, Equatable {
    public struct Panel: Sendable, Codable, Equatable {
        public var alpha: Double
        /// One curve per sample, each on `ReplicateCurves.grid`.
        public var fits: [[Double]]
        public var mean: [Double]
        public var biasSquared: Double
        public var variance: Double
        public init(alpha: Double, fits: [[Double]], mean: [Double], biasSquared: Double, variance: Double) {
            self.alpha = alpha; self.fits = fits; self.mean = mean; self.biasSquared = biasSquared; self.variance = variance
        }
    }
    public var grid: [Double]
    public var trueValues: [Double]
    public var panels: [Panel]
}

/// Curves of a single-input experiment: which α, and how finely.
public struct FittedCurvesRequest: Hashable, Sendable, Codable {
    /// Evenly spaced raw inputs from the smallest to the largest x of the data (≥ 2).
    public var points: Int
    /// The α of each curve (the nearest grid α is used); nil: the first three α of the grid.
    public var alphas: [Double]?
    public init(points: Int = 241, alphas: [Double]? = nil) { self.points = points; self.alphas = alphas }
}

/// Predictions along the raw input, the data points and the noise-free curve when it is known.
public struct FittedCurves: Sendable, Codable, Equatable {
    /// One curve of the fitted model per requested α.
    public struct Curve: Sendable, Codable, Equatable {
        /// The grid α used (nearest to the one asked for).
        public var alpha: Double
        /// ŷ (or P(y = 1)) at each of `FittedCurves.grid`.
        public var values: [Double]
    }
    /// The raw input values, increasing.
    public var grid: [Double]
    public var curves: [Curve]
    /// Every data row's raw input and target, in data order, and whether the row is in the test part.
    public var sampleX: [Double]
    public var sampleY: [Double]
    public var isTest: [Bool]
    /// The noise-free target on `grid`, for generated data that has one.
    public var trueValues: [Double]?
}

/// Train and test error of refits at other polynomial degrees, each at the experiment's first α.
public struct DegreeSweep: Sendable, Codable, Equatable {
    public var degrees: [Int]
    /// The task's validation error (MSE or log-loss) on the training and test parts.
    public var metric: Metric
    public var trainError: [Double]
    public var testError: [Double]
}

/// Which penalty regions a constraint-geometry figure shows, and in which form.
public struct ConstraintGeometryRequest: Hashable, Sendable, Codable {
    /// One penalty shape: ρ = 1 is the lasso's L1 ball, ρ = 0 ridge's L2 ball, in between the elastic net.
    public struct Panel: Hashable, Sendable, Codable {
        public var l1Ratio: Double
        /// This panel's own α in the penalized form (nil: the form's α).
        public var alpha: Double?
        public init(l1Ratio: Double, alpha: Double? = nil) { self.l1Ratio = l1Ratio; self.alpha = alpha }
    }
    /// The solutions at one penalty α (each on the boundary of its own region), or under one budget t
    /// (nil: half the L1 norm of the least-squares solution).
    public enum Form: Hashable, Sendable, Codable {
        case penalized(alpha: Double)
        case constrained(budget: Double?)
    }
    public var panels: [Panel]
    public var form: Form
    public init(panels: [Panel], form: Form) { self.panels = panels; self.form = form }
}

/// The least-squares loss of two standardized coefficients as a quadratic, with the requested solutions.
///
/// loss(β) = (1/(2n))‖y − ȳ − Xβ‖² = ½βᵀAβ − bᵀβ + c with A = XᵀX/n, b = Xᵀ(y − ȳ)/n, c = ‖y − ȳ‖²/(2n), over all
/// rows of the data (standardized as the experiment is).
public struct ConstraintGeometryOutput: Sendable, Codable, Equatable {
    public var featureNames: [String]
    /// Row-major 2×2: [a11, a12, a21, a22].
    public var a: [Double]
    public var b: [Double]
    public var c: Double
    /// The unconstrained least-squares solution (minimum norm if singular).
    public var olsCoefficients: [Double]
    /// For the constrained form: the budget t used (in the L1/L2 norm's units).
    public var budget: Double?
    /// One solution [β₁, β₂] per requested panel, in order.
    public var solutions: [[Double]]
}

/// Which α of a two-input classification to predict on a grid, and how finely.
public struct DecisionGridRequest: Hashable, Sendable, Codable {
    /// Grid points along each raw input (≥ 2), from 5% below the data's smallest value to 5% above its largest.
    public var points: Int
    /// The α of each panel (the nearest grid α is used); nil: the grid's α from the largest down, at most
    /// `DecisionGrid.maximumPanels` of them (evenly spread along the grid when it has more).
    public var alphas: [Double]?
    public init(points: Int = 101, alphas: [Double]? = nil) { self.points = points; self.alphas = alphas }
}

/// A classifier's P(y = 1) over the plane of its two raw inputs at several α, with the data.
public struct DecisionGrid: Sendable, Codable, Equatable {
    /// Most panels a default request draws.
    public static let maximumPanels = 12

    /// One α's probabilities: `probabilities[j][i]` at (`x1[i]`, `x2[j]`).
    public struct Panel: Sendable, Codable, Equatable {
        /// The grid α used.
        public var alpha: Double
        public var probabilities: [[Double]]
        public init(alpha: Double, probabilities: [[Double]]) { self.alpha = alpha; self.probabilities = probabilities }
    }
    /// The two raw inputs' names.
    public var featureNames: [String]
    /// Grid values of the first and the second raw input, increasing.
    public var x1: [Double]
    public var x2: [Double]
    public var panels: [Panel]
    /// Every data row's two inputs and 0/1 label, in data order, and whether the row is in the test part.
    public var sampleX1: [Double]
    public var sampleX2: [Double]
    public var labels: [Double]
    public var isTest: [Bool]

    public init(featureNames: [String], x1: [Double], x2: [Double], panels: [Panel], sampleX1: [Double],
                sampleX2: [Double], labels: [Double], isTest: [Bool]) {
        self.featureNames = featureNames; self.x1 = x1; self.x2 = x2; self.panels = panels
        self.sampleX1 = sampleX1; self.sampleX2 = sampleX2; self.labels = labels; self.isTest = isTest
    }
}

/// Predictions of `spec`'s family at α index k for raw rows `raw` (the data's own columns), through the
/// experiment's expansion and standardization: ŷ, or P(y = 1).
func familyPredictions(_ raw: Dataset, spec: ExperimentSpec, result: ExperimentResult, alphaIndex k: Int) throws -> [Double] {
    let expanded = try FeatureTransform.expand(raw, degree: result.transform.polynomialDegree)
    return spec.family.predict(result.solution(at: k), result.transform.apply(toExpanded: expanded))
}

/// Computes one output of a finished experiment from its data (the rows as loaded, before any split), its spec
/// and result, and the generator that drew the data, if any.
public func computeOutput(_ request: ExperimentOutputRequest, data: Dataset, spec: ExperimentSpec,
                          result: ExperimentResult, generator: GeneratorSpec?) throws -> ExperimentOutput {
    switch request {
    case let .fittedCurves(r):
        guard data.featureCount == 1 else {
            throw ModelError(key: "features", message: "fitted curves need a single input column, the data has \(data.featureCount)")
        }
        let xs = data.column(0)
        let (grid, rows) = try curveGrid(data, points: r.points)
        let indices = r.alphas.map { wanted in wanted.compactMap { result.index(nearest: $0) } }
            ?? Array(result.alphas.indices.prefix(3))
        let curves = try indices.map { k in
            FittedCurves.Curve(alpha: result.alphas[k],
                               values: try familyPredictions(rows, spec: spec, result: result, alphaIndex: k))
        }
        let (_, test) = try holdoutRows(rowCount: data.rowCount, split: spec.split)
        var isTest = [Bool](repeating: false, count: data.rowCount)
        for i in test { isTest[i] = true }
        let truth = generator.flatMap { g in g.trueValue(at: 0) == nil ? nil : grid.map { g.trueValue(at: $0)! } }
        return .fittedCurves(FittedCurves(grid: grid, curves: curves, sampleX: xs, sampleY: data.y, isTest: isTest,
                                          trueValues: truth))
    case let .degreeSweep(degrees):
        let metric = spec.family.task.validationError
        var train: [Double] = [], test: [Double] = []
        for degree in degrees {
            var refit = spec
            refit.polynomialDegree = degree
            let r = try runExperiment(data, refit)
            guard let tr = r.metric(metric, on: .train)?.first, let te = r.metric(metric, on: .test)?.first else {
                throw ModelError(key: "split", message: "a degree sweep needs a 'split' to measure test error")
            }
            train.append(tr)
            test.append(te)
        }
        return .degreeSweep(DegreeSweep(degrees: degrees, metric: metric, trainError: train, testError: test))
    case let .constraintGeometry(r):
        let geometry = try LeastSquaresGeometry(data: data, standardize: spec.standardize)
        let g = geometry.gram
        var budget: Double?
        var solutions: [[Double]] = []
        switch r.form {
        case let .penalized(alpha):
            for panel in r.panels {
                solutions.append(try geometry.penalizedSolution(alpha: panel.alpha ?? alpha, l1Ratio: panel.l1Ratio))
            }
        case let .constrained(given):
            let t = given ?? 0.5 * geometry.olsCoefficients.reduce(0) { $0 + abs($1) }
            guard t > 0 else { throw ModelError(key: "budget", message: "the budget t must be positive") }
            budget = t
            for panel in r.panels {
                let rho = panel.l1Ratio
                let ball: ConstraintBall = rho == 1 ? .l1 : rho == 0 ? .l2 : .elasticNet(l1Ratio: rho)
                let size = rho == 1 || rho == 0 ? t : rho * t + (1 - rho) / 2 * t * t
                solutions.append(try geometry.constrainedSolution(budget: size, ball: ball).beta)
            }
        }
        return .constraintGeometry(ConstraintGeometryOutput(
            featureNames: geometry.featureNames, a: [g[0][0], g[0][1], g[1][0], g[1][1]], b: geometry.xty,
            c: geometry.yy / 2, olsCoefficients: geometry.olsCoefficients, budget: budget, solutions: solutions))
    case let .decisionGrid(r):
        return .decisionGrid(try decisionGrid(r, data: data, spec: spec, result: result))
    case let .replicateCurves(r):
        return .replicateCurves(try replicateCurves(r, data: data, spec: spec, generator: generator))
    }
}

/// `points` (at least 2) evenly spaced values of a single-input experiment's raw input, from its smallest to its
/// largest, and the same as rows to predict at.
func curveGrid(_ data: Dataset, points: Int) throws -> (grid: [Double], rows: Dataset) {
    let xs = data.column(0)
    guard let lo = xs.min(), let hi = xs.max(), hi > lo else {
        throw ModelError(key: "data", message: "the input column has only one value, so there is no curve to draw")
    }
    let last = max(points, 2) - 1
    let grid = (0...last).map { lo + (hi - lo) * Double($0) / Double(last) }
    let rows = Dataset(featureNames: data.featureNames, targetName: data.targetName, columnMajor: grid,
                       y: [Double](repeating: 0, count: grid.count))
    return (grid, rows)
}

/// See `ReplicateCurves`.
func replicateCurves(_ request: ReplicateCurvesRequest, data: Dataset, spec: ExperimentSpec,
                     generator: GeneratorSpec?) throws -> ReplicateCurves {
    guard let generator, data.featureCount == 1, generator.trueValue(at: 0) != nil else {
        throw ModelError(key: "data", message: "bias and variance need generated curve data ('data: {generate: curve, …}'), "
                         + "whose noise-free curve is known and whose samples can be drawn again")
    }
    guard request.samples >= 2, !request.alphas.isEmpty else {
        throw ModelError(key: "samples", message: "bias and variance need at least 2 samples and one α")
    }
    let (grid, rows) = try curveGrid(data, points: request.points)
    var refit = spec
    refit.alphas = .explicit(request.alphas)
    refit.cv = nil  // the fits are what is compared; their cross-validation scores are not needed
    // fits[k][r]: sample r's curve at α number k.
    var fits = [[[Double]]](repeating: [], count: request.alphas.count)
    for r in 0..<request.samples {
        let sample = try generate(generator.reseeded(generator.seed &+ 1 &+ UInt64(r))).dataset
        let result = try runExperiment(sample, refit)
        for k in request.alphas.indices {
            // The refit's grid is the request's α in its own order; find each one's place.
            guard let index = result.index(nearest: request.alphas[k]) else { continue }
            fits[k].append(try familyPredictions(rows, spec: refit, result: result, alphaIndex: index))
        }
    }
    let truth = grid.map { generator.trueValue(at: $0)! }
    let panels = request.alphas.indices.map { k -> ReplicateCurves.Panel in
        let count = Double(fits[k].count)
        let mean = grid.indices.map { i in fits[k].reduce(0) { $0 + $1[i] } / count }
        var bias = 0.0, variance = 0.0
        for i in grid.indices {
            let spread = fits[k].reduce(0) { $0 + ($1[i] - mean[i]) * ($1[i] - mean[i]) }
            bias += (mean[i] - truth[i]) * (mean[i] - truth[i]) - spread / (count - 1) / count
            variance += spread / count
        }
        return ReplicateCurves.Panel(alpha: request.alphas[k], fits: fits[k], mean: mean,
                                     biasSquared: max(0, bias / Double(grid.count)), variance: variance / Double(grid.count))
    }
    return ReplicateCurves(grid: grid, trueValues: truth, panels: panels)
}

/// The decision grid of `request` for a two-input classification: predictions of the experiment's family on a
/// `points` × `points` grid of raw inputs, one panel per chosen α.
func decisionGrid(_ request: DecisionGridRequest, data: Dataset, spec: ExperimentSpec,
                  result: ExperimentResult) throws -> DecisionGrid {
    guard data.featureCount == 2 else {
        throw ModelError(key: "features",
                         message: "a decision boundary needs exactly two input columns, the data has \(data.featureCount)")
    }
    guard result.task == .binaryClassification else {
        throw ModelError(key: "model", message: "a decision boundary needs a classifier")
    }
    func axis(_ j: Int) -> [Double] {
        let column = data.column(j)
        let lo = column.min() ?? 0, hi = column.max() ?? 1, pad = 0.05 * max(hi - lo, 1e-9)
        let last = max(request.points, 2) - 1
        return (0...last).map { (lo - pad) + (hi - lo + 2 * pad) * Double($0) / Double(last) }
    }
    let x1 = axis(0), x2 = axis(1)
    var indices: [Int]
    if let wanted = request.alphas {
        indices = wanted.compactMap { result.index(nearest: $0) }
    } else {
        // From the largest α down, at most `maximumPanels`, spread evenly along the grid.
        let order = decreasingOrder(result.alphas)
        let count = min(order.count, DecisionGrid.maximumPanels)
        indices = count <= 1 ? Array(order.prefix(1))
            : (0..<count).map { order[Int((Double($0) * Double(order.count - 1) / Double(count - 1)).rounded())] }
    }
    // Grid row j holds x2[j] with every x1 in turn: column 1 repeats x1, column 2 holds x2[j].
    let width = x1.count, cells = x1.count * x2.count
    var columnMajor = [Double](repeating: 0, count: 2 * cells)
    for j in x2.indices {
        for i in x1.indices {
            columnMajor[j * width + i] = x1[i]
            columnMajor[cells + j * width + i] = x2[j]
        }
    }
    let rows = Dataset(featureNames: data.featureNames, targetName: data.targetName, columnMajor: columnMajor,
                       y: [Double](repeating: 0, count: cells))
    let panels = try indices.map { k -> DecisionGrid.Panel in
        let p = try familyPredictions(rows, spec: spec, result: result, alphaIndex: k)
        return DecisionGrid.Panel(alpha: result.alphas[k],
                                  probabilities: x2.indices.map { j in Array(p[(j * width)..<((j + 1) * width)]) })
    }
    let (_, test) = try holdoutRows(rowCount: data.rowCount, split: spec.split)
    var isTest = [Bool](repeating: false, count: data.rowCount)
    for i in test { isTest[i] = true }
    return DecisionGrid(featureNames: data.featureNames, x1: x1, x2: x2, panels: panels, sampleX1: data.column(0),
                        sampleX2: data.column(1), labels: data.y, isTest: isTest)
}
